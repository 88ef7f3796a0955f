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
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from .features import Features

CLASS_WEIGHT = {"name": 1.6, "number": 1.6, "content": 1.0, "concept": 1.0, "bucket": 0.5,
                "stop": 0.12}
PREFIX_CREDIT = 0.75
MIN_PREFIX = 4


@dataclass(frozen=True, slots=True)
class Weighted:
    weights: dict[str, float]
    total: float
    days: frozenset[str] = frozenset()
    """The days of the week and the months the passage names (``weekdays``)."""


WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday"})
MONTHS = frozenset({  # (feature keys; "may", "march", "august" and "mar" are words too)
    "januari", "februari", "april", "june", "juli", "septemb", "octob", "novemb", "decemb",
    "jan", "feb", "apr", "jun", "jul", "aug", "sept", "oct", "nov", "dec"})
TIMES = WEEKDAYS | MONTHS
DAY_CONFLICT = 0.8
"""Score factor for two passages naming different days of the week, or different months
(and none in common): what was said on Friday is seldom what was said on Monday."""
TIME_WEIGHT = 0.5
"""A day or a month weighs this share of another name: many things happen in one month, so
sharing it says little (naming different ones says more: ``DAY_CONFLICT``)."""


def weekdays(terms) -> frozenset[str]:
    """The days of the week and the months among ``terms``."""
    if terms.keys().isdisjoint(TIMES):  # (most passages: no generator)
        return _NO_DAYS
    return frozenset(t for t in TIMES if t in terms)


def times_conflict(x: frozenset[str], y: frozenset[str]) -> bool:
    """Both name days of the week, or both months, and none in common."""
    if not x.isdisjoint(y):
        return False
    return bool(x & WEEKDAYS and y & WEEKDAYS or x & MONTHS and y & MONTHS)


_NO_DAYS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Background:
    """Document frequencies of features over a corpus (document = article)."""

    df: dict[str, int]
    n_docs: int

    def factor(self, term: str) -> float:
        """1 for a feature no other article uses, falling towards 0.3 for one all articles use
        (times a day's or a month's ``TIME_WEIGHT``)."""
        time = TIME_WEIGHT if term in MONTHS else 1.0
        if self.n_docs < 3:
            return time
        df = self.df.get(term, 0)
        share = math.log((self.n_docs + 1) / (df + 0.5)) / math.log((self.n_docs + 1) / 0.5)
        floor = PARAMS["bg_floor"]
        return time * (floor + (1 - floor) * max(0.0, min(1.0, share)) ** PARAMS["bg_power"])


TOPIC = {"spread": 0.15, "floor": 0.3, "power": 2.0}
"""``Topic``: a feature found in this share of the passages of both articles weighs
``floor`` of its weight (falling to it as the share grows, with ``power``)."""


class Topic:
    """What runs through both articles of a pair is their story, not evidence that two of
    their passages report the same thing ("Israel" and "Hamas" in every paragraph of two
    articles on that war): a feature weighs less the larger the share of passages that hold
    it on *both* sides (the smaller of the two shares), down to ``TOPIC["floor"]``. The first
    passage of each side that holds it does not count: a word in one passage of each is
    what those two passages share, not a theme (and in a short text one passage is a large
    share).

    It plays the part of a corpus background (``Background``, which discounts what many
    articles of a corpus share) with nothing but the pair, so two articles compare well
    alone; ``topic_or`` uses a corpus background instead when there is one.
    """

    __slots__ = ("factors",)

    def __init__(self, a: Sequence[Features], b: Sequence[Features]) -> None:
        count_a = Counter(chain.from_iterable([f.terms for f in a]))
        count_b = Counter(chain.from_iterable([f.terms for f in b]))
        if len(count_a) > len(count_b):
            count_a, count_b, a, b = count_b, count_a, b, a
        n_a, n_b = max(1, len(a)), max(1, len(b))
        cap, floor, power = TOPIC["spread"], TOPIC["floor"], TOPIC["power"]
        factors: dict[str, float] = {}
        for term, k in count_a.items():
            other_k = count_b.get(term)
            if other_k is None:
                continue
            share = min((k - 1) / n_a, (other_k - 1) / n_b) / cap
            if share > 0.0:
                factors[term] = floor + (1 - floor) * max(0.0, 1.0 - share) ** power
        self.factors = factors

    def factor(self, term: str) -> float:
        found = self.factors.get(term, 1.0)
        return found * TIME_WEIGHT if term in MONTHS else found


def topic_or(background: Background | None, a: Sequence[Features], b: Sequence[Features]
             ) -> Background | Topic:
    """The corpus ``background`` when there is one, else the pair's own ``Topic``."""
    return background if background is not None else Topic(a, b)


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
    df = Counter(chain.from_iterable([f.terms for f in (*a, *b)]))  # (counted in C)
    # passages with the same text share their features: each is weighed once
    distinct = list({id(f): f for f in (*a, *b)}.values())
    names = {term for f in distinct for term, cls in f.terms.items() if cls == "name"}
    n = len(a) + len(b)
    floor = PARAMS["idf_floor"]
    # once per feature: its IDF (floored) and its background factor
    idf = {term: max(math.log((n + 1) / (count + 0.5)), floor) for term, count in df.items()}
    cw = CLASS_WEIGHT
    done: dict[int, Weighted] = {}
    if background is None:
        for f in distinct:
            weights = {term: cw["name" if cls == "content" and term in names else cls] * idf[term]
                       for term, cls in f.terms.items()}
            done[id(f)] = Weighted(weights, sum(weights.values()), weekdays(weights))
    else:
        factor = {term: background.factor(term) for term in df}
        for f in distinct:
            weights = {term: cw["name" if cls == "content" and term in names else cls]
                       * idf[term] * factor[term] for term, cls in f.terms.items()}
            done[id(f)] = Weighted(weights, sum(weights.values()), weekdays(weights))
    return [done[id(f)] for f in a], [done[id(f)] for f in b], names


def _prefix_partner(term: str, index: tuple[dict, dict]) -> str | None:
    """The first feature of a passage (in its order; ``index`` from ``_prefix_index``) that
    is ``term`` shortened or extended by one to three characters (both at least
    ``MIN_PREFIX`` long; numbers excluded, so ``term`` is one that can have a partner)."""
    own, shortened = index
    best = shortened.get(term)
    n = len(term)
    for k in range(max(MIN_PREFIX, n - 3), n):
        hit = own.get(term[:k])
        if hit is not None and (best is None or hit < best):
            best = hit
    return best[1] if best is not None else None


_PREFIX_CACHE: dict[int, list] = {}


def _prefix_entry(other: dict[str, float]) -> list:
    """``[other, len(other), heads, index or None, eligible]``, cached per dict (the features
    of a passage are scored against many others); ``eligible`` are the features that can be
    prefix partners with their first ``MIN_PREFIX`` characters, in order, and ``heads`` those
    beginnings, which a partner must share."""
    entry = _PREFIX_CACHE.get(id(other))
    if entry is not None and entry[0] is other and entry[1] == len(other):
        return entry
    eligible = [(c, c[:MIN_PREFIX]) for c in other
                if len(c) >= MIN_PREFIX and c[0] != "#"]  # (no method call: a quarter quicker)
    entry = [other, len(other), {h for _c, h in eligible}, None, eligible]
    if len(_PREFIX_CACHE) > 50_000:
        _PREFIX_CACHE.clear()
    _PREFIX_CACHE[id(other)] = entry
    return entry


def _prefix_index(entry: list) -> tuple[dict, dict]:
    """``(feature -> (position, feature), shortened -> (first position, feature))`` for the
    features of a passage that can be prefix partners (``entry`` from ``_prefix_entry``;
    built when first needed; positions among those features, in the passage's order)."""
    if entry[3] is None:
        own: dict[str, tuple[int, str]] = {}
        shortened: dict[str, tuple[int, str]] = {}
        for pos, (cand, _head) in enumerate(entry[4]):
            own[cand] = found = (pos, cand)
            n = len(cand)
            for d in (1, 2, 3):
                if n - d < MIN_PREFIX:
                    break
                shortened.setdefault(cand[:-d], found)
        entry[3] = (own, shortened)
    return entry[3]


PARAMS = {"mix": 0.6, "shrink": 6.0, "idf_floor": 0.5, "bg_floor": 0.2, "bg_power": 0.5}


def combine(matched: float, total_x: float, total_y: float) -> float:
    """Blend the weighted Dice overlap with coverage of the shorter side; shrink scores that
    rest on little evidence (two short sentences sharing one word)."""
    dice = 2 * matched / (total_x + total_y)
    cover = matched / min(total_x, total_y)
    mix = PARAMS["mix"]
    score = mix * dice + (1 - mix) * cover
    k = PARAMS["shrink"]
    if dice >= 0.9999:
        return 1.0  # the same words: a score of 1 however short the passages
    return score * matched / (matched + k) if k else score


def similarity(x: Weighted, y: Weighted) -> tuple[float, list[str]]:
    """Score in [0, 1] and the shared features (heaviest first)."""
    if not x.total or not y.total:
        return 0.0, []
    if x is y:  # (one passage's text on both sides: every feature shared, a score of 1)
        return 1.0, [t for _, t in sorted([(w, t) for t, w in x.weights.items()], reverse=True)]
    xw, yw = x.weights, y.weights
    shared: list[tuple[float, str]] = []
    matched = 0.0
    for term, w in xw.items():
        wy = yw.get(term)
        if wy is not None:
            value = (w + wy) / 2
            matched += value
            shared.append((value, term))
    entry_y = _prefix_entry(yw)
    heads = entry_y[2]
    index = None
    used_y: set[str] = set()  # prefix partners taken (shared features are in x, so never one)
    for term, head in _prefix_entry(xw)[4]:
        if head not in heads or term in yw:
            continue  # (no feature of y can be its prefix partner)
        if index is None:
            index = _prefix_index(entry_y)
        partner = _prefix_partner(term, index)
        if partner and partner not in used_y and partner not in xw:
            credit = PREFIX_CREDIT * (xw[term] + yw[partner]) / 2
            matched += credit
            used_y.add(partner)
            shared.append((credit, term))
    score = combine(matched, x.total, y.total)
    if x.days and y.days and times_conflict(x.days, y.days):
        score *= DAY_CONFLICT
    shared.sort(reverse=True)
    return min(1.0, score), [t for _, t in shared]


def candidate_pairs(
    a: Sequence[Weighted], b: Sequence[Weighted], *, max_df: int = 0
) -> set[tuple[int, int]]:
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
