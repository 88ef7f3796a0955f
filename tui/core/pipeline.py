"""The engine's entry: align two articles, then find where they diverge.

The stages do not call each other upward: ``align`` links passages and knows nothing of
divergences, and ``diverge`` reads a finished alignment. This module composes the two, and
is what the command line, the reader, the corpus-wide report and ``tui.compare`` call::

    Article, Article --align.linker.align--> Comparison --diverge.find--> Comparison
                                              (links)                     (+ divergences)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .align.gcpause import gc_paused
from .align.linker import align
from .diverge.find import find_divergences

if TYPE_CHECKING:
    from .align.similarity import Background
    from .model import Article, Comparison


def compare(
    a: Article, b: Article, *, threshold: float | None = None,
    background: Background | None = None,
) -> Comparison:
    """Align ``a`` and ``b`` and find their divergences; the result is immutable and
    JSON-ready (``to_dict``).

    ``background`` (from ``align.linker.corpus_background``) weighs words by how many
    articles of the corpus use them, so the stock phrases of a story count for little.
    """
    with gc_paused():  # (both stages: they allocate much and make no reference cycles)
        return find_divergences(align(a, b, threshold=threshold, background=background))


def compare_texts(text_a: str, text_b: str, *, threshold: float | None = None) -> Comparison:
    """Compare two plain texts, each parsed as an article (ids ``a`` and ``b``)."""
    from .ingest.loader import parse_article

    a = parse_article(text_a, id="a")
    b = parse_article(text_b, id="b")
    return compare(a, b, threshold=threshold)
