"""The corpus cache: parsed articles reused across runs, never stale, never in the way."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pytest

from tui.core.corpus import cache as cache_mod
from tui.core.corpus import terms
from tui.core.corpus.folder import load_corpus
from tui.core.ingest import loader

ARTICLE = """---
title: {title}
outlet: Test Wire
date: 2024-05-0{day}
---

The council voted {n} to 2 on Tuesday to approve the new harbour plan.

Opponents said the plan would cost more than the city could afford.
"""


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PARALLAX_NO_CACHE", raising=False)
    root = tmp_path / "corpus"
    root.mkdir()
    for k in (1, 2, 3):
        (root / f"a{k}.md").write_text(ARTICLE.format(title=f"Vote {k}", day=k, n=k + 4))
    return root


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = loader.load_article

    def counting(path, *, id=None):
        parsed.append(Path(path).name)
        return real(path, id=id)

    monkeypatch.setattr(loader, "load_article", counting)
    return parsed


def test_second_load_comes_from_the_cache(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_corpus(corpus)
    parsed = _count_parses(monkeypatch)
    second = load_corpus(corpus)
    assert parsed == []
    assert [a.to_dict() for a in second.articles] == [a.to_dict() for a in first.articles]
    assert not any((corpus / name).exists() for name in os.listdir(corpus)
                   if "pickle" in name or name.startswith(".corpus")), "nothing written in it"
    assert list((corpus.parent / "cache").glob("corpus-*.pickle"))


def test_a_changed_file_is_parsed_again(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_corpus(corpus)
    changed = corpus / "a2.md"
    stat = changed.stat()
    # same size and the same modification time: only the bytes tell it changed
    text = changed.read_text().replace("voted 6 to 2", "voted 9 to 2")
    changed.write_text(text)
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    parsed = _count_parses(monkeypatch)
    again = load_corpus(corpus)
    assert parsed == ["a2.md"]
    assert "voted 9 to 2" in again.get("a2").body


def test_removed_and_added_files(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_corpus(corpus)
    (corpus / "a1.md").unlink()
    (corpus / "b.md").write_text(ARTICLE.format(title="New", day=4, n=7))
    parsed = _count_parses(monkeypatch)
    again = load_corpus(corpus)
    assert parsed == ["b.md"]
    assert sorted(a.id for a in again.articles) == ["a2", "a3", "b"]


def test_a_corrupt_cache_file_is_ignored(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_corpus(corpus)
    for file in (corpus.parent / "cache").glob("corpus-*.pickle"):
        file.write_bytes(b"\x80\x05 not a pickle at all")
    parsed = _count_parses(monkeypatch)
    again = load_corpus(corpus)
    assert sorted(parsed) == ["a1.md", "a2.md", "a3.md"]
    assert [a.to_dict() for a in again.articles] == [a.to_dict() for a in first.articles]
    # and the cache is rewritten in good order
    parsed.clear()
    load_corpus(corpus)
    assert parsed == []


def test_a_cache_of_the_wrong_shape_is_ignored(corpus: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    load_corpus(corpus)
    for file in (corpus.parent / "cache").glob("corpus-*.pickle"):
        data = pickle.loads(file.read_bytes())
        data["entries"] = {key: ("bad stamp", "not an article") for key in data["entries"]}
        file.write_bytes(pickle.dumps(data))
    parsed = _count_parses(monkeypatch)
    assert len(load_corpus(corpus).articles) == 3
    assert sorted(parsed) == ["a1.md", "a2.md", "a3.md"]


def test_an_unwritable_cache_folder_is_silent(corpus: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(blocker / "cache"))
    assert len(load_corpus(corpus).articles) == 3
    assert len(load_corpus(corpus).articles) == 3


def test_no_cache_escape_hatch(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARALLAX_NO_CACHE", "1")
    load_corpus(corpus)
    assert not (corpus.parent / "cache").exists()
    parsed = _count_parses(monkeypatch)
    load_corpus(corpus)
    assert len(parsed) == 3


def test_ids_stay_unique_when_files_collide(corpus: Path) -> None:
    (corpus / "a1.txt").write_text(ARTICLE.format(title="Same stem", day=5, n=3))
    first = load_corpus(corpus)
    second = load_corpus(corpus)
    assert [a.id for a in second.articles] == [a.id for a in first.articles]
    assert len({a.id for a in second.articles}) == len(second.articles)


def test_code_key_covers_the_loader() -> None:
    key = cache_mod._code_key()
    assert isinstance(key, str) and len(key) == 32


def test_signatures_come_with_the_cached_articles(corpus: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.corpus import related

    first = load_corpus(corpus)
    expected = {a.id: related.signature(a.body) for a in first.articles}
    computed: list[str] = []
    real = related.signature_parts

    def counting(body: str):
        computed.append(body)
        return real(body)

    monkeypatch.setattr(related, "signature_parts", counting)
    monkeypatch.setattr(related, "_CACHE", {})
    monkeypatch.setattr(terms, "_SIGNATURES", {})
    again = load_corpus(corpus)
    assert {a.id: related.signature(a.body) for a in again.articles} == expected
    assert computed == []  # read from the cache, not from the text


def test_an_entry_of_an_older_shape_is_parsed_again(corpus: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    load_corpus(corpus)
    for file in (corpus.parent / "cache").glob("corpus-*.pickle"):
        data = pickle.loads(file.read_bytes())
        data["entries"] = {key: entry[:2] for key, entry in data["entries"].items()}
        file.write_bytes(pickle.dumps(data))
    parsed = _count_parses(monkeypatch)
    assert len(load_corpus(corpus).articles) == 3
    assert sorted(parsed) == ["a1.md", "a2.md", "a3.md"]


def test_the_cache_lives_where_the_platform_keeps_caches(tmp_path, monkeypatch):
    import platformdirs

    from tui.core.corpus.cache import cache_dir

    monkeypatch.delenv("PARALLAX_CACHE_DIR", raising=False)
    monkeypatch.delenv("PARALLAX_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # (read on Linux only)
    assert cache_dir() == Path(platformdirs.user_cache_dir("parallax", appauthor=False))
    if sys.platform.startswith("linux"):
        assert cache_dir() == tmp_path / "xdg" / "parallax"
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("PARALLAX_NO_CACHE", "1")
    assert cache_dir() is None
