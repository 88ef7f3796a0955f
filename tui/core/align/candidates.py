"""Candidate pairs for long texts: a bounded number per passage, so alignment stays linear.

Scoring every pair of passages that share a feature (``similarity.candidate_pairs``) is exact
and cheap for articles, but quadratic in the number of sentences: a 50,000-word pair has
about 1.6 million such pairs. For long texts each passage instead proposes the few passages of
the other side that share the most weight over its rarest features (the names, numbers and
unusual words a reader would search for), from an inverted index whose long postings (common
words) are skipped. Both sides propose, so a passage of B is found from A's side or its own.
A passage whose exact twin (the same features) is on the other side just pairs with it.

Measured on generated pairs (``tests/benchmarks``): at 5,000 words the links are the same as
the exact path's; at 50,000 words recall of the true pairs is 0.99. Four rare features a
passage are enough: eight found no more true pairs and cost a third more.

``LazyScores`` holds the scores of those pairs and scores any other pair when first asked
(the alignment asks about the neighbours of its links when it grows them).
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import truediv

from .similarity import Weighted, similarity

MIN_WEIGHT = 0.3
KEEP = 0.5
"""A proposal is kept when its shared weight is at least this share of the best one's (on
generated 50,000-word pairs this halves the pairs scored and changes no true link)."""
"""Features lighter than this (stop words, words every passage uses) are not indexed."""


def _index(side: Sequence[Weighted], max_df: int) -> dict[str, list[int]]:
    """Feature -> the passages of ``side`` where it weighs at least ``MIN_WEIGHT``, for the
    features in at most ``max_df`` of them (longer postings are never searched)."""
    index: dict[str, list[int]] = {}
    for j, w in enumerate(side):
        for term, weight in w.weights.items():
            if weight >= MIN_WEIGHT:
                postings = index.get(term)
                if postings is None:
                    index[term] = [j]
                else:
                    postings.append(j)
    return {term: postings for term, postings in index.items() if len(postings) <= max_df}


def _propose(
    w: Weighted, index: dict[str, list[int]], totals: Sequence[float], k: int, rare: int
) -> list[int]:
    """The ``k`` passages of the other side sharing most of ``w``'s ``rare`` heaviest
    features with postings in ``index`` (those within ``KEEP`` of the best; ``totals`` are
    the other side's passage totals)."""
    found = sorted([(v, t) for t, v in w.weights.items() if v >= MIN_WEIGHT and t in index],
                   reverse=True)
    if not found:
        return []
    acc: dict[int, float] = {}
    for weight, term in found[:rare]:
        for j in index[term]:
            acc[j] = acc.get(j, 0.0) + weight
    # shared weight / (totals[j] + w.total) for every j (in C); those within KEEP of the best,
    # best first (ties: lower j first), at most k
    shares = list(map(truediv, acc.values(), map(w.total.__add__, map(totals.__getitem__, acc))))
    floor = max(shares) * KEEP
    ranked = sorted([(s, -j) for s, j in zip(shares, acc, strict=True) if s >= floor],
                    reverse=True)
    return [-j for _s, j in ranked[:k]]


def _twins(a: Sequence[Weighted], b: Sequence[Weighted]) -> dict[int, int]:
    """Passages of ``a`` whose features occur exactly once on each side -> that passage of
    ``b`` (the same sentence, a score of 1: it needs no search)."""
    seen_a: dict[frozenset, int] = {}
    for i, w in enumerate(a):
        key = frozenset(w.weights)
        seen_a[key] = -1 if key in seen_a else i
    seen_b: dict[frozenset, int] = {}
    for j, w in enumerate(b):
        key = frozenset(w.weights)
        if key in seen_a:
            seen_b[key] = -1 if key in seen_b else j
    return {seen_a[key]: j for key, j in seen_b.items()
            if j >= 0 and seen_a[key] >= 0 and a[seen_a[key]].weights == b[j].weights}


def top_candidates(
    a: Sequence[Weighted], b: Sequence[Weighted], *, k: int = 6, rare: int = 4,
    max_df: int = 64,
) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``: the ``k`` best partners of every passage of ``a`` in ``b`` and of
    every passage of ``b`` in ``a``, ranked by shared weight over the passage's ``rare``
    heaviest features whose postings are no longer than ``max_df``. A passage with a twin of
    the same features on the other side is paired with it and proposes nothing (its other
    partners, if any, find it from their side)."""
    index_a, index_b = _index(a, max_df), _index(b, max_df)
    totals_a, totals_b = [w.total for w in a], [w.total for w in b]
    twins = _twins(a, b)
    pairs: set[tuple[int, int]] = set(twins.items())
    paired_b = set(twins.values())
    for i, w in enumerate(a):
        if i not in twins:
            pairs.update((i, j) for j in _propose(w, index_b, totals_b, k, rare))
    for j, w in enumerate(b):
        if j not in paired_b:
            pairs.update((i, j) for i in _propose(w, index_a, totals_a, k, rare))
    return pairs


class LazyScores(dict):
    """``(i, j) -> (score, shared)`` for the candidate pairs; ``get`` scores any other pair on
    demand (without storing it, so iterating gives the candidates only)."""

    def __init__(self, wa: Sequence[Weighted], wb: Sequence[Weighted]):
        super().__init__()
        self.wa, self.wb = wa, wb
        self.found = None
        """The candidate pairs, as ``top_candidates`` gave them."""
        self.scored: dict[tuple[int, int], float] = {}
        """Scores of other pairs, worked out ahead of ``get`` (``vector.prefetch``)."""

    def get(self, key, default=None):
        found = dict.get(self, key)
        if found is not None:
            return found
        s = self.scored.get(key)
        if s is not None:
            return (s, None) if s > 0 else default  # (shared features: None, as candidates)
        i, j = key
        if not (0 <= i < len(self.wa) and 0 <= j < len(self.wb)):
            return default
        s, shared = similarity(self.wa[i], self.wb[j])
        return (s, shared) if s > 0 else default
