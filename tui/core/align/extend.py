"""Links beyond greedy one-to-one pairing (steps 3 and 4 of ``linker``).

- ``grow``: a link takes an adjacent passage when the two fit the other side better joined
  (one sentence of A told as two of B);
- ``context_links``: a pair below the threshold that continues a link in its order;
- ``extra_partners``: a passage that tells several facts links to each passage of the other
  article that tells one of them, when the new partner brings evidence of its own.

Each works on the linker's state: ``groups`` (lists of passages of A and of B), ``used_a`` and
``used_b`` (passage -> a group holding it) and ``scores``.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from .candidates import LazyScores
from .similarity import TIMES, Weighted, similarity

CONTEXT_SCORE = 0.065
"""Pairs down to this score are linked when they continue a link in its order
(``context_links``; 0 turns this off)."""
CONTEXT_WINDOW = 2
CONTEXT_FEATURES = 2
"""... and share this many features or more that are not stop words."""
MIN_EVIDENCE = 0.3
"""A feature weighing less is a stop word, or as common (``similarity.candidate_pairs``)."""

EXTRA_MARGIN = 0.03
"""A passage already linked takes another partner scoring at least the threshold plus this
(``extra_partners``) ..."""
EXTRA_NOVEL = 0.7
"""... when at least this share of what the two share is not shared with its partners ..."""
EXTRA_RELATIVE = 0.3
"""... and the pair scores at least this share of the passage's best link."""

DIAGONAL = tuple(d for k in range(1, CONTEXT_WINDOW + 1) for d in (-k, k))


def merged(ws: Sequence[Weighted]) -> Weighted:
    """The features of several passages as one (each at its highest weight)."""
    weights: dict[str, float] = {}
    for w in ws:
        for term, value in w.weights.items():
            weights[term] = max(weights.get(term, 0.0), value)
    return Weighted(weights, sum(weights.values()), frozenset().union(*(w.days for w in ws)))


def _swap(pair: tuple) -> tuple:
    return pair[1], pair[0]


def context_links(groups, used_a, used_b, scores, t: float, wa, wb, fa, fb) -> None:
    """Link pairs below the threshold that continue a link in its order.

    A pair ``(i, j)`` scoring at least ``CONTEXT_SCORE`` whose diagonal neighbour
    ``(i - d, j - d)`` or ``(i + d, j + d)`` (``d`` up to ``CONTEXT_WINDOW``) is linked is taken,
    strongest first, when both passages are free and each is the other's best free partner:
    outlets that follow each other for a stretch also paraphrase within it, and a neighbour
    that agrees is evidence the words alone lack. New links support their own neighbours.
    The pair must still share ``CONTEXT_FEATURES`` words or more (not stop words): one word
    in common ("summit" in two sentences on a summit) is the story's, not the fact's.
    """
    if not CONTEXT_SCORE or not groups:
        return
    heap: list[tuple[float, int, int]] = []
    seen: set[tuple[int, int]] = set()

    def offer(i: int, j: int) -> None:
        for d in range(1, CONTEXT_WINDOW + 1):
            for key in ((i - d, j - d), (i + d, j + d)):
                if key in seen or key[0] in used_a or key[1] in used_b:
                    continue
                found = scores.get(key)  # (long texts: scored now if not a candidate)
                if found is not None and CONTEXT_SCORE <= found[0] < t \
                        and _shares(wa[key[0]].weights, wb[key[1]].weights, fa[key[0]],
                                    fb[key[1]], CONTEXT_FEATURES):
                    scores[key] = found
                    seen.add(key)
                    heapq.heappush(heap, (-found[0], *key))

    for ga, gb in groups:
        for i in ga:
            for j in gb:
                offer(i, j)
    if not heap:
        return
    # each passage's partners below the threshold, best first (ties: the lower index first),
    # as (-score, partner): sorted in C without a key
    row: dict[int, list[tuple[float, int]]] = {}
    col: dict[int, list[tuple[float, int]]] = {}
    for (i, j), (s, _shared) in scores.items():
        if s < t:
            row.setdefault(i, []).append((-s, j))
            col.setdefault(j, []).append((-s, i))
    for ranking in (*row.values(), *col.values()):
        ranking.sort()

    def best_free(ranking, used) -> float:
        for neg, k in ranking:
            if k not in used:
                return -neg
        return 0.0

    while heap:
        neg, i, j = heapq.heappop(heap)
        if i in used_a or j in used_b:
            continue
        s = -neg
        if best_free(row.get(i, ()), used_b) > s or best_free(col.get(j, ()), used_a) > s:
            continue  # a free passage fits one of them better
        used_a[i] = used_b[j] = len(groups)
        groups.append(([i], [j]))
        offer(i, j)


def _shares(x: dict[str, float], y: dict[str, float], fx, fy, k: int) -> bool:
    """Whether the passages weighed ``x`` and ``y`` (features ``fx``, ``fy``) share ``k``
    words or more that are not stop words, counted on each side by the words that carry
    them (a concept or a magnitude bucket shared by the same word is no more evidence, and a
    day or a month in common is none: many things happen on one day)."""
    words_x: set[str] = set()
    words_y: set[str] = set()
    shown_x, shown_y = fx.display, fy.display
    for term, weight in x.items():
        if term in y and weight >= MIN_EVIDENCE and y[term] >= MIN_EVIDENCE \
                and term not in TIMES:
            words_x.add(shown_x.get(term, term).casefold())
            words_y.add(shown_y.get(term, term).casefold())
            if len(words_x) >= k and len(words_y) >= k:
                return True
    return False


def extra_partners(groups, used_a, used_b, ranked, scores, wa, wb, exact, t: float) -> None:
    """More partners for passages already linked: a sentence that tells several facts links
    to each passage of the other article that tells one of them.

    A pair scoring at least ``t + EXTRA_MARGIN`` whose passages are not both free (greedy
    linking left it because a side had a better partner) is linked when what the two share
    is not already explained by the partners they have: at least ``EXTRA_NOVEL`` of the
    weight of the features they share must be features that the linked passage does not
    share with any of its partners, and the pair must score at least ``EXTRA_RELATIVE`` of
    that passage's best link. A passage with its exact counterpart takes no other.
    """
    floor = t + EXTRA_MARGIN
    partners_a: dict[int, list[int]] = {}
    partners_b: dict[int, list[int]] = {}
    for ga, gb in groups:
        for i in ga:
            partners_a.setdefault(i, []).extend(gb)
        for j in gb:
            partners_b.setdefault(j, []).extend(ga)
    for s, i, j in ranked:
        if s < floor:
            break  # (ranked best first)
        mine_a, mine_b = partners_a.get(i), partners_b.get(j)
        if mine_a is None and mine_b is None:
            continue  # both free: greedy linking left the pair for a reason
        if mine_a is not None and j in mine_a or exact.get(("a", i)) or exact.get(("b", j)):
            continue
        x, y = wa[i].weights, wb[j].weights
        shared = [term for term in x if term in y]
        total = sum(x[term] + y[term] for term in shared)
        if not total:
            continue
        if not (_novel(shared, x, y, total, [wb[k].weights for k in mine_a or ()], s,
                       [scores.get((i, k), (0.0,))[0] for k in mine_a or ()])
                and _novel(shared, y, x, total, [wa[k].weights for k in mine_b or ()], s,
                           [scores.get((k, j), (0.0,))[0] for k in mine_b or ()])):
            continue
        used_a.setdefault(i, len(groups))
        used_b.setdefault(j, len(groups))
        groups.append(([i], [j]))
        partners_a.setdefault(i, []).append(j)
        partners_b.setdefault(j, []).append(i)


def _novel(shared, own, other, total, partners, s, partner_scores) -> bool:
    """Whether the features ``shared`` by a passage (``own``) and a new partner (``other``)
    are mostly ones the passage does not already share with its ``partners``."""
    if not partners:
        return True
    if s < EXTRA_RELATIVE * max(partner_scores, default=0.0):
        return False
    explained = {term for p in partners for term in own if term in p}
    novel = sum(own[term] + other[term] for term in shared if term not in explained)
    return novel >= EXTRA_NOVEL * total


def grow(groups, used_a, used_b, wa, wb, scores, *, side: str, t: float) -> None:
    """Join an unlinked neighbour to a one-passage side when that raises the score."""
    own, other = (used_b, wb) if side == "b" else (used_a, wa)
    mine = wa if side == "b" else wb
    n = len(other)
    # only links with a free neighbour can grow (a taken passage is never freed): most have
    # none, so they are passed over in one comprehension
    todo = [g for g, (fixed, grow) in enumerate(groups if side == "b" else map(_swap, groups))
            if len(fixed) == 1 and ((lo := min(grow) - 1) >= 0 and lo not in own
                                    or (hi := max(grow) + 1) < n and hi not in own)]
    if isinstance(scores, LazyScores):  # (long texts: the neighbours asked about are scored
        from .vector import prefetch  # in arrays first, not one by one)

        keys = []
        for g in todo:
            ga, gb = groups[g]
            for nb in (min(gb) - 1, max(gb) + 1) if side == "b" else (min(ga) - 1, max(ga) + 1):
                if nb not in own:
                    keys.append((ga[0], nb) if side == "b" else (nb, gb[0]))
        prefetch(scores, wa, wb, keys)
    for g in todo:
        ga, gb = groups[g]
        grow, fixed = (gb, ga) if side == "b" else (ga, gb)
        base = None
        for _ in range(2):
            current = None  # (computed once a neighbour qualifies)
            best = None
            for nb in (min(grow) - 1, max(grow) + 1):
                if nb < 0 or nb >= len(other) or nb in own:
                    continue
                key = (fixed[0], nb) if side == "b" else (nb, fixed[0])
                alone = scores.get(key, (0.0,))[0]
                if alone < t * 0.5:
                    continue
                if base is None:
                    base = merged([mine[k] for k in fixed])
                if current is None:
                    current = similarity(base, merged([other[k] for k in grow]))[0]
                joined = similarity(base, merged([other[k] for k in [*grow, nb]]))[0]
                if joined > current + 0.02 and (best is None or joined > best[0]):
                    best = (joined, nb)
            if best is None:
                break
            grow.append(best[1])
            own[best[1]] = g
