"""Atomic writes: a reader sees the old file or the whole new one, never a partial file."""

from __future__ import annotations

import os

import pytest

from tui.core.export import atomic
from tui.core.export.atomic import write_atomic


def test_write_atomic_writes_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "out.html"
    assert write_atomic(target, "one\r\n") == target
    assert target.read_bytes() == b"one\r\n"
    with pytest.raises(FileExistsError):
        write_atomic(target, "two")
    assert target.read_bytes() == b"one\r\n"
    write_atomic(target, "two", overwrite=True)
    assert target.read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html"]


def test_write_atomic_gives_new_files_the_usual_mode(tmp_path):
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "f.txt", "x")
    finally:
        os.umask(mask)
    assert (tmp_path / "f.txt").stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize("overwrite", [False, True])
@pytest.mark.parametrize("exc", [KeyboardInterrupt, OSError])
def test_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch, overwrite, exc):
    target = tmp_path / "out.md"
    if overwrite:
        target.write_text("old")

    def boom(*args, **kwargs):
        raise exc("interrupted")

    monkeypatch.setattr(atomic.os, "fsync", boom)
    with pytest.raises(exc):
        write_atomic(target, "new " * 10000, overwrite=overwrite)
    if overwrite:
        assert target.read_text() == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
    else:
        assert list(tmp_path.iterdir()) == []


def test_write_atomic_does_not_clobber_a_file_that_appears_meanwhile(tmp_path, monkeypatch):
    target = tmp_path / "race.txt"
    real_fsync = atomic.os.fsync

    def appear(fd):
        real_fsync(fd)
        target.write_text("theirs")

    monkeypatch.setattr(atomic.os, "fsync", appear)
    with pytest.raises(FileExistsError):
        write_atomic(target, "mine")
    assert target.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["race.txt"]
