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
    from .core.loader import load_corpus as _load

    return _load(path)


def compare(
    article_a: Article, article_b: Article, *, threshold: float | None = None
) -> Comparison:
    """Align two articles: links, word operations and divergences."""
    from .core.align import compare as _compare

    return _compare(article_a, article_b, threshold=threshold)


def compare_texts(text_a: str, text_b: str, *, threshold: float | None = None) -> Comparison:
    """Align two plain texts (each parsed as an article)."""
    from .core.align import compare as _compare
    from .core.loader import parse_article

    a = parse_article(text_a, id="a")
    b = parse_article(text_b, id="b")
    return _compare(a, b, threshold=threshold)


def __getattr__(name: str):
    if name == "DEFAULT_THRESHOLD":
        from .core.align import DEFAULT_THRESHOLD

        return DEFAULT_THRESHOLD
    raise AttributeError(name)
