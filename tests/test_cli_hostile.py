"""The command line on hostile and broken input (issue 7), run as a user runs it.

Every command runs in a subprocess with colour forced on, as on a terminal: its output may hold
the SGR colour codes the renderer writes, and nothing else a terminal would obey.  No command
may end in a traceback, and none may write into the corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import hostile_corpus as hc  # noqa: E402

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
ROOT = Path(__file__).resolve().parent.parent

SGR = re.compile(r"\x1b\[[0-9;]*m")
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Run:
    def __init__(self, proc: subprocess.CompletedProcess[bytes]):
        self.code = proc.returncode
        # strict decoding: the output is valid UTF-8 whatever the input was
        self.out = proc.stdout.decode("utf-8")
        self.err = proc.stderr.decode("utf-8")

    def __repr__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.out[:3000]}\n--- stderr\n{self.err[:3000]}"


def parallax(*args: str | Path, cwd: Path | None = None, color: bool = True) -> Run:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(COLUMNS="120", LINES="40", PYTHONIOENCODING="utf-8")
    env["FORCE_COLOR" if color else "NO_COLOR"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        capture_output=True, env=env, cwd=cwd or ROOT, timeout=120, check=False,
    )
    run = Run(proc)
    assert "Traceback" not in run.err, run
    assert "Traceback" not in run.out, run
    return run


def assert_terminal_safe(text: str, where: str = "") -> None:
    """Only colour codes: after taking out SGR sequences, no control character is left."""
    bare = SGR.sub("", text)
    found = RAW_CONTROL.search(bare)
    near = bare[max(0, found.start() - 60) : found.end() + 20] if found else ""
    assert not found, f"{where}: raw {found.group()!r} near {near!r}"


def assert_safe(run: Run) -> None:
    assert_terminal_safe(run.out, "stdout")
    assert_terminal_safe(run.err, "stderr")


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry under ``folder``: (mtime_ns, size, sha256) of files, links as their target."""
    state: dict[str, tuple[int, int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = path.lstat()
            if path.is_symlink():
                state[str(path)] = (st.st_mtime_ns, 0, os.readlink(path))
            elif path.is_file():
                state[str(path)] = (st.st_mtime_ns, st.st_size,
                                    hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                state[str(path)] = (st.st_mtime_ns, 0, "")
    return state


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of the hostile corpus (the tests that write nearby never touch the fixture)."""
    target = tmp_path / "hostile"
    shutil.copytree(HOSTILE, target)
    return target


# --------------------------------------------------------------------------- terminal safety


def test_list_shows_nothing_raw_and_names_each_broken_file_once(corpus):
    run = parallax("list", corpus)
    assert run.code == 0, run
    assert_safe(run)
    assert "\x1b[" in run.out  # colour really was on
    for article in hc.ARTICLES:
        assert article in run.out
    for name in hc.REFUSED:
        assert sum(name in line for line in run.err.splitlines()) == 1, run
    warnings = [line for line in run.err.splitlines() if "broken_cp1252" in line]
    assert len(warnings) == 1 and "cp1252" in warnings[0]
    assert "\u241b[2J" in run.out  # the headline's escape, shown


def test_list_json(corpus):
    run = parallax("list", corpus, "--format", "json")
    assert run.code == 0, run
    assert_safe(run)
    data = json.loads(run.out)
    assert sorted(a["id"] for a in data["articles"]) == sorted(hc.ARTICLES)
    assert sorted(Path(p["path"]).name for p in data["problems"]) == sorted(hc.REFUSED)


@pytest.mark.parametrize("pair", [
    ("ferry_ledger.txt", "ferry_gazette.md"),
    ("ferry_gazette.md", "js_front_matter.md"),
    ("cjk_wide.txt", "rtl_text.txt"),
    ("combining_emoji.txt", "broken_cp1252.txt"),
])
def test_compare_text_shows_nothing_raw(corpus, pair):
    run = parallax("compare", corpus / pair[0], corpus / pair[1])
    assert run.code == 0, run
    assert_safe(run)
    assert "\x1b[" in run.out


def test_compare_shows_hostile_text_visibly_and_markup_literally(corpus):
    run = parallax("compare", "ferry_ledger", "ferry_gazette", "--corpus", corpus, color=False)
    assert run.code == 0, run
    assert_safe(run)
    flat = " ".join(run.out.split())
    for shown in ("\u241b[2J\u241b[H", "\u241b]52;c;", "\u2407", "\u240dServices", "<U+202E>",
                  "[@click=app.quit]", "<script>alert(1)</script>",
                  "javascript:alert(document.cookie)", "[bold]Lakeport[/bold]"):
        assert shown in flat, shown


@pytest.mark.parametrize("fmt", ["json", "html", "md"])
def test_other_formats_on_stdout_hold_no_control_at_all(corpus, fmt):
    run = parallax("compare", corpus / "ferry_ledger.txt", corpus / "ferry_gazette.md",
                   "--format", fmt)
    assert run.code == 0, run
    assert "\x1b" not in run.out
    assert_safe(run)


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_divergences_on_the_hostile_corpus(corpus, fmt):
    run = parallax("divergences", corpus, "--format", fmt)
    assert run.code == 0, run
    assert_safe(run)


def _hostile_names(folder: Path) -> tuple[Path, Path]:
    good = folder / "evil\x1b]0;owned\x07.md"
    good.write_bytes((HOSTILE / "ferry_gazette.md").read_bytes())
    empty = folder / "empty\x1b[2J\u202e.txt"
    empty.write_bytes(b"")
    (folder / "bad\x9b31m.txt").write_bytes(hc.CP1252)
    return good, empty


def test_hostile_file_names_are_shown_safely_in_listings(tmp_path):
    _hostile_names(tmp_path)
    for args in (("list", tmp_path), ("divergences", tmp_path)):
        run = parallax(*args)
        assert run.code == 0, run
        assert_terminal_safe(run.out, "stdout")


def test_hostile_file_names_are_escaped_in_json(tmp_path):
    good, _ = _hostile_names(tmp_path)
    run = parallax("list", tmp_path, "--format", "json")
    assert_terminal_safe(run.out, "list --format json")
    json.loads(run.out)
    run = parallax("compare", good, HOSTILE / "ferry_ledger.txt", "--format", "json")
    assert_terminal_safe(run.out, "compare --format json")
    json.loads(run.out)


def test_hostile_file_names_are_shown_safely_in_messages(tmp_path):
    good, empty = _hostile_names(tmp_path)
    assert_terminal_safe(parallax("list", tmp_path).err, "list stderr")
    run = parallax("compare", good, empty)
    assert run.code != 0
    assert_terminal_safe(run.err, "compare stderr")


# --------------------------------------------------------------------------- broken files


@pytest.mark.parametrize("name,reason", [
    ("broken_binary.txt", "binary"), ("broken_empty.txt", "empty"),
    ("broken_whitespace.txt", "white space"),
])
def test_comparing_a_broken_file_is_a_clear_error(corpus, name, reason):
    run = parallax("compare", corpus / "ferry_ledger.txt", corpus / name)
    assert run.code != 0
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and reason in lines[0], run
    assert not run.out


def test_missing_article_and_bad_arguments_are_clear_errors(corpus, tmp_path):
    for args in (("compare", corpus / "nope.txt", corpus / "ferry_ledger.txt"),
                 ("compare", "no-such-id", "ferry_ledger", "--corpus", corpus),
                 ("compare", "ferry_ledger", "ferry_gazette", "--corpus", corpus,
                  "--threshold", "2"),
                 ("compare", "ferry_ledger", "ferry_gazette", "--corpus", corpus,
                  "--format", "pdf"),
                 ("list", tmp_path / "missing"),
                 ("divergences", tmp_path / "missing")):
        run = parallax(*args)
        assert run.code != 0, (args, run)
        assert run.err.strip(), (args, run)


def _messy_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "messy"
    shutil.copytree(HOSTILE, root)
    with open(root / "big.txt", "wb") as fh:  # 20 MB, sparse
        fh.truncate(20 * 1024 * 1024)
    (root / "long_line.md").write_text("Headline\n\n" + "word " * 210_000 + "\n")
    (root / "loop").symlink_to(".")
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    os.mkfifo(root / "pipe.txt")
    return root


def test_a_messy_corpus_still_lists_and_compares(tmp_path):
    root = _messy_corpus(tmp_path)
    run = parallax("list", root)
    assert run.code == 0, run
    assert_safe(run)
    for name in (*hc.REFUSED, "big.txt", "long_line.md", "loop", "a.txt", "b.txt", "pipe.txt"):
        assert sum(f"/{name}:" in line for line in run.err.splitlines()) == 1, (name, run)
    for article in hc.ARTICLES:
        assert article in run.out
    run = parallax("compare", root / "ferry_ledger.txt", root / "pipe.txt")
    assert run.code != 0 and "pipe.txt" in run.err, run
    run = parallax("divergences", root, "--format", "json")
    assert run.code == 0, run
    json.loads(run.out)


def test_comparing_a_broken_file_beside_a_symlink_loop_is_a_clear_error(tmp_path):
    root = _messy_corpus(tmp_path)
    run = parallax("compare", root / "big.txt", root / "ferry_ledger.txt")
    assert run.code != 0 and "big.txt" in run.err and "too large" in run.err, run


def test_a_closed_pipe_is_not_a_traceback(tmp_path):
    # more output than a pipe buffers, read by something that stops after a few bytes
    ledger = hc.FERRY_LEDGER.split("\n\n", 1)[1]
    (tmp_path / "long.txt").write_text("Long ferry story\n\n" + ledger * 8)
    (tmp_path / "other.txt").write_text(hc.FERRY_GAZETTE * 6)
    for fmt in ("text", "json"):
        cmd = (f"{sys.executable} -m tui compare long.txt other.txt --format {fmt}"
               " | head -c 20 >/dev/null")
        proc = subprocess.run(["sh", "-c", cmd], capture_output=True, cwd=tmp_path,
                              timeout=300, check=False)
        assert b"Traceback" not in proc.stderr, proc.stderr.decode()


# --------------------------------------------------------------------------- nothing lost


def test_no_command_writes_into_the_corpus(corpus, tmp_path):
    before = snapshot(corpus)
    out = tmp_path / "out"
    out.mkdir()
    for args in (("list", corpus), ("list", corpus, "--format", "json"),
                 ("compare", corpus / "ferry_ledger.txt", corpus / "ferry_gazette.md"),
                 ("compare", "ferry_ledger", "cjk_wide", "--corpus", corpus, "--format", "json"),
                 ("divergences", corpus),
                 ("compare", "ferry_ledger", "ferry_gazette", "--corpus", corpus,
                  "--format", "html", "-o", out / "c.html"),
                 ("divergences", corpus, "--format", "md", "-o", out / "d.md")):
        parallax(*args)
    # and from inside the corpus folder, where ./corpus does not exist
    parallax("compare", "ferry_ledger.txt", "ferry_gazette.md", "--format", "md",
             "-o", out / "inside.md", cwd=corpus)
    assert snapshot(corpus) == before
    assert sorted(p.name for p in out.iterdir()) == ["c.html", "d.md", "inside.md"]


def test_export_never_overwrites_without_force(corpus, tmp_path):
    target = tmp_path / "cmp.html"
    target.write_text("mine\n")
    args = ("compare", corpus / "ferry_ledger.txt", corpus / "ferry_gazette.md",
            "--format", "html", "-o", target)
    run = parallax(*args)
    assert run.code != 0 and "--force" in run.err and str(target) in run.err, run
    assert target.read_text() == "mine\n"
    run = parallax(*args, "--force")
    assert run.code == 0, run
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cmp.html", "hostile"]


def test_export_to_a_missing_folder_is_a_clear_error(corpus, tmp_path):
    run = parallax("compare", corpus / "ferry_ledger.txt", corpus / "ferry_gazette.md",
                   "-o", tmp_path / "no" / "such" / "dir.txt")
    assert run.code != 0 and "cannot write" in run.err, run


@pytest.mark.parametrize("existing", [False, True])
def test_interrupted_export_leaves_no_partial_file(corpus, tmp_path, monkeypatch, capsys,
                                                   existing):
    from tui import cli
    from tui.core.export import atomic

    target = tmp_path / "out" / "cmp.md"
    target.parent.mkdir()
    if existing:
        target.write_text("the old export\n")

    def interrupted(fd):  # Ctrl-C after the text went to the temporary file
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    code = cli.main(["compare", str(corpus / "ferry_ledger.txt"),
                     str(corpus / "ferry_gazette.md"), "--format", "md", "-o", str(target),
                     *(["--force"] if existing else [])])
    assert code == 130
    assert "interrupted" in capsys.readouterr().err
    left = sorted(p.name for p in target.parent.iterdir())
    if existing:
        assert left == ["cmp.md"] and target.read_text() == "the old export\n"
    else:
        assert left == []


def test_add_with_hostile_sources_is_safe(corpus, tmp_path):
    new = tmp_path / "new-corpus"
    run = parallax("add", *(corpus / name for name in sorted(hc.FILES)), "--corpus", new)
    assert run.code in (0, 1), run
    assert_safe(run)
    for name in hc.REFUSED:
        assert name in run.err, (name, run)
    run = parallax("list", new)
    assert run.code == 0, run
    assert_safe(run)
