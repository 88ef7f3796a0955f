"""Passage similarity: weighted overlap of normalised features, in any order.

Weights follow what a reader leans on when deciding that two sentences report the same thing:
rare words count more than common ones (an IDF over the passages being compared, plus an
optional corpus background), names and numbers more than other content words, and stop words
hardly at all.  A stem that is a prefix of another (``fail`` ~ ``failur``, ``isra`` ~ ``israel``)
counts as a partial match.  Candidate pairs come from an inverted index of the features, so
passages that share nothing are never scored.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .textnorm import Features

CLASS_WEIGHT = {"name": 1.6, "number": 1.6, "content": 1.0, "concept": 0.6, "bucket": 0.5,
                "stop": 0.12}
PREFIX_CREDIT = 0.75
MIN_PREFIX = 4


@dataclass(frozen=True, slots=True)
class Weighted:
    weights: dict[str, float]
    total: float


@dataclass(frozen=True, slots=True)
class Background:
    """Document frequencies of features over a corpus (document = article)."""

    df: dict[str, int]
    n_docs: int

    def factor(self, term: str) -> float:
        """1 for a feature no other article uses, falling towards 0.3 for one all articles use."""
        if self.n_docs < 3:
            return 1.0
        df = self.df.get(term, 0)
        share = math.log((self.n_docs + 1) / (df + 0.5)) / math.log((self.n_docs + 1) / 0.5)
        return 0.3 + 0.7 * max(0.0, min(1.0, share))


def background_of(texts: Sequence[Sequence[Features]]) -> Background:
    df: dict[str, int] = defaultdict(int)
    for doc in texts:
        seen: set[str] = set()
        for f in doc:
            seen.update(f.terms)
        for term in seen:
            df[term] += 1
    return Background(dict(df), len(texts))


def idf_weights(
    a: Sequence[Features], b: Sequence[Features], background: Background | None = None
) -> tuple[list[Weighted], list[Weighted], set[str]]:
    """Weight the features of both sides with an IDF over all their passages, and over the
    corpus when a ``background`` is given (so stock phrases of a story count for little)."""
    df: dict[str, int] = defaultdict(int)
    names: set[str] = set()
    for f in (*a, *b):
        for term, cls in f.terms.items():
            df[term] += 1
            if cls == "name":
                names.add(term)
    n = len(a) + len(b)

    def weigh(f: Features) -> Weighted:
        weights = {}
        for term, cls in f.terms.items():
            if cls == "content" and term in names:
                cls = "name"
            idf = math.log((n + 1) / (df[term] + 0.5)) if n > 1 else 1.0
            weight = CLASS_WEIGHT[cls] * max(idf, 0.1)
            if background is not None:
                weight *= background.factor(term)
            weights[term] = weight
        return Weighted(weights, sum(weights.values()))

    return [weigh(f) for f in a], [weigh(f) for f in b], names


def _prefix_partner(term: str, other: dict[str, float]) -> str | None:
    if len(term) < MIN_PREFIX or term.startswith("#"):
        return None
    for cand in other:
        if cand == term or cand.startswith("#") or len(cand) < MIN_PREFIX:
            continue
        short, long_ = (term, cand) if len(term) <= len(cand) else (cand, term)
        if long_.startswith(short) and len(long_) - len(short) <= 3:
            return cand
    return None


def similarity(x: Weighted, y: Weighted) -> tuple[float, list[str]]:
    """Score in [0, 1] and the shared features (heaviest first)."""
    if not x.total or not y.total:
        return 0.0, []
    shared: list[tuple[float, str]] = []
    matched = 0.0
    used_y: set[str] = set()
    for term, w in x.weights.items():
        wy = y.weights.get(term)
        if wy is not None:
            matched += (w + wy) / 2
            shared.append(((w + wy) / 2, term))
            used_y.add(term)
    for term, w in x.weights.items():
        if term in y.weights:
            continue
        partner = _prefix_partner(term, y.weights)
        if partner and partner not in used_y and partner not in x.weights:
            credit = PREFIX_CREDIT * (w + y.weights[partner]) / 2
            matched += credit
            used_y.add(partner)
            shared.append((credit, term))
    dice = 2 * matched / (x.total + y.total)
    cover = matched / min(x.total, y.total)
    score = 0.6 * dice + 0.4 * cover
    shared.sort(reverse=True)
    return min(1.0, score), [t for _, t in shared]


def candidate_pairs(a: Sequence[Weighted], b: Sequence[Weighted], *, max_df: int = 0) -> set[tuple[int, int]]:
    """Pairs ``(i, j)`` sharing at least one non-stop feature (an inverted index on B)."""
    index: dict[str, list[int]] = defaultdict(list)
    for j, w in enumerate(b):
        for term, weight in w.weights.items():
            if weight >= 0.3:
                index[term].append(j)
    limit = max_df or max(50, int(math.sqrt(len(b)) * 8))
    pairs: set[tuple[int, int]] = set()
    for i, w in enumerate(a):
        for term, weight in w.weights.items():
            if weight < 0.3:
                continue
            postings = index.get(term)
            if postings and len(postings) <= limit:
                pairs.update((i, j) for j in postings)
    return pairs
