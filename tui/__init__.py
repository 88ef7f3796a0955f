"""Parallax: compare how different outlets report the same story.

The public API loads nothing heavy at import time::

    import tui
    corpus = tui.load_corpus("corpus")
    cmp = tui.compare(corpus.articles[0], corpus.articles[1])
    cmp.to_dict()["links"]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["compare", "compare_texts", "load_corpus", "DEFAULT_THRESHOLD"]

if TYPE_CHECKING:
    from .core.model import Article, Comparison, Corpus


def load_corpus(path) -> Corpus:
    """Load every article under ``path`` (a folder); problems are reported, never raised."""
    from .core.corpus.folder import load_corpus as _load

    return _load(path)


def compare(
    article_a: Article, article_b: Article, *, threshold: float | None = None
) -> Comparison:
    """Align two articles: links, word operations and divergences."""
    from .core.pipeline import compare as _compare

    return _compare(article_a, article_b, threshold=threshold)


def compare_texts(text_a: str, text_b: str, *, threshold: float | None = None) -> Comparison:
    """Align two plain texts (each parsed as an article)."""
    from .core.pipeline import compare_texts as _compare_texts

    return _compare_texts(text_a, text_b, threshold=threshold)


def __getattr__(name: str):
    if name == "DEFAULT_THRESHOLD":
        from .core.align.linker import DEFAULT_THRESHOLD

        return DEFAULT_THRESHOLD
    raise AttributeError(name)
