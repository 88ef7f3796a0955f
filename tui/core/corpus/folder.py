"""A corpus folder: its article files, walked without looping, loaded into a ``Corpus``.

Each file is loaded by ``tui.core.ingest.loader`` (through the cache of parsed articles,
``cache``); a file that cannot be loaded becomes one ``LoadProblem`` while the rest loads.
The corpus is never written to.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..ingest import loader
from ..ingest.safety import neutralise
from ..model import Article, Corpus, LoadProblem


def default_corpus_dir() -> Path:
    """``./corpus`` when it exists, else the sample corpus shipped inside the package."""
    here = Path.cwd() / "corpus"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "sample_corpus"  # (tui/sample_corpus)


def iter_corpus_files(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Yield ``(path, problem)`` for each candidate file; folders are walked without looping."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError as err:
            yield folder, f"cannot open folder: {err.strerror or err}"
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield folder, "folder visited twice (a symlink loop?); skipped"
            continue
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            yield folder, f"cannot read folder: {err.strerror or err}"
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as err:
                yield path, f"cannot read: {err.strerror or err}"
                continue
            if is_dir:
                subfolders.append(path)
            elif is_file:
                yield path, None
            elif entry.is_symlink() and not path.exists():
                yield path, "broken or looping symbolic link; skipped"
            else:  # never opened: reading a pipe would wait for ever
                yield path, "not a regular file (a pipe, socket or device); skipped"
        stack.extend(reversed(subfolders))


def load_corpus(path: str | os.PathLike[str] | None = None) -> Corpus:
    """Load every article under ``path``; each bad file becomes one ``LoadProblem``."""
    root = Path(path) if path is not None else default_corpus_dir()
    articles: list[Article] = []
    problems: list[LoadProblem] = []
    if not root.exists():
        return Corpus(str(root), (), (LoadProblem(str(root), "no such file or folder"),))
    if root.is_file():
        files: list[tuple[Path, str | None]] = [(root, None)]
    else:
        files = list(iter_corpus_files(root))
    ids: set[str] = set()
    from .cache import CorpusCache  # parsed articles kept across runs; PARALLAX_NO_CACHE=1

    cache = CorpusCache.open(root)
    for file, problem in files:
        if problem is not None:
            problems.append(LoadProblem(str(file), problem))
            continue
        suffix = file.suffix.lower()
        if suffix not in loader.TEXT_SUFFIXES and suffix not in loader.HTML_SUFFIXES:
            problems.append(
                LoadProblem(str(file), f"skipped: {suffix or 'no extension'} is not a "
                            "text, Markdown or HTML article")
            )
            continue
        try:
            article = cache.article(file, _unique_id(file, ids), loader.load_article)
        except loader.LoadError as err:
            problems.append(LoadProblem(str(file), str(err)))
            continue
        ids.add(article.id)
        articles.append(article)
    cache.save()
    return Corpus(str(root), tuple(articles), tuple(problems))


def _unique_id(file: Path, taken: set[str]) -> str:
    # A file name is as untrusted as the text: ``evil\x1b]0;title\x07.txt`` must not reach a
    # terminal raw wherever the id is shown.
    stem, name = neutralise(file.stem), neutralise(file.name)
    if stem not in taken:
        return stem
    if name not in taken:
        return name
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"
