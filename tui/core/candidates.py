"""Candidate pairs for long texts: a bounded number per passage, so alignment stays linear.

Scoring every pair of passages that share a feature (``similarity.candidate_pairs``) is exact
and cheap for articles, but quadratic in the number of sentences: a 50,000-word pair has
about 1.6 million such pairs. For long texts each passage instead proposes the few passages of
the other side that share the most weight over its rarest features (the names, numbers and
unusual words a reader would search for), from an inverted index whose long postings (common
words) are skipped. Both sides propose, so a passage of B is found from A's side or its own.

``LazyScores`` holds the scores of those pairs and scores any other pair when first asked
(the alignment asks about the neighbours of its links when it grows them).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from .similarity import Weighted, similarity

MIN_WEIGHT = 0.3
"""Features lighter than this (stop words, words every passage uses) are not indexed."""


def _index(side: Sequence[Weighted]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for j, w in enumerate(side):
        for term, weight in w.weights.items():
            if weight >= MIN_WEIGHT:
                postings = index.get(term)
                if postings is None:
                    index[term] = [j]
                else:
                    postings.append(j)
    return index


def _propose(
    w: Weighted, index: dict[str, list[int]], other: Sequence[Weighted], k: int, rare: int,
    limit: int,
) -> list[int]:
    """The ``k`` passages of ``other`` sharing most of ``w``'s ``rare`` heaviest features."""
    acc: dict[int, float] = {}
    used = 0
    for weight, term in sorted(((v, t) for t, v in w.weights.items()), reverse=True):
        if weight < MIN_WEIGHT:
            break
        postings = index.get(term)
        if not postings or len(postings) > limit:
            continue
        for j in postings:
            acc[j] = acc.get(j, 0.0) + weight
        used += 1
        if used >= rare:
            break
    if len(acc) <= k:
        return list(acc)
    total = w.total
    return heapq.nlargest(k, acc, key=lambda j: (acc[j] / (other[j].total + total), -j))


def top_candidates(
    a: Sequence[Weighted], b: Sequence[Weighted], *, k: int = 6, rare: int = 8,
    max_df: int = 64,
) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``: the ``k`` best partners of every passage of ``a`` in ``b`` and of
    every passage of ``b`` in ``a``, ranked by shared weight over the passage's ``rare``
    heaviest features whose postings are no longer than ``max_df``."""
    index_a, index_b = _index(a), _index(b)
    pairs: set[tuple[int, int]] = set()
    for i, w in enumerate(a):
        pairs.update((i, j) for j in _propose(w, index_b, b, k, rare, max_df))
    for j, w in enumerate(b):
        pairs.update((i, j) for i in _propose(w, index_a, a, k, rare, max_df))
    return pairs


class LazyScores(dict):
    """``(i, j) -> (score, shared)`` for the candidate pairs; ``get`` scores any other pair on
    demand (without storing it, so iterating gives the candidates only)."""

    def __init__(self, wa: Sequence[Weighted], wb: Sequence[Weighted]):
        super().__init__()
        self.wa, self.wb = wa, wb

    def get(self, key, default=None):
        found = dict.get(self, key)
        if found is not None:
            return found
        i, j = key
        if not (0 <= i < len(self.wa) and 0 <= j < len(self.wb)):
            return default
        s, shared = similarity(self.wa[i], self.wb[j])
        return (s, shared) if s > 0 else default
