"""Passages' weighted features as flat numpy arrays, for the long-text path (``vector``).

``Side`` holds one side's passages as arrays of feature ids and weights, with integer
feature ids that follow the features' string order (``vocabulary``), so sorting by id breaks
ties as sorting by feature does. ``weigh`` is ``similarity.idf_weights`` in arrays, the same
weights to the last bit, and makes a passage's ``Weighted`` only when one is asked for
(``Weights``). ``Candidates`` are candidate pairs as two arrays, with the arrays they were
found from.

numpy is imported only here and in ``vector``, and these modules only for long texts
(``linker.EXACT_PAIRS``), so starting the program and comparing articles do not wait for it.
Its BLAS threads, which nothing here uses, are held to one unless numpy is loaded already or
the user chose a number (starting them costs a long comparison about as much CPU as
importing numpy).
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Sequence
from itertools import chain
from operator import attrgetter

if "numpy" not in sys.modules:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from .features import Features
from .similarity import (
    CLASS_WEIGHT,
    MONTHS,
    PARAMS,
    TIMES,
    WEEKDAYS,
    Background,
    Weighted,
    weekdays,
)

_TOTAL, _DAYS = attrgetter("total"), attrgetter("days")
_DAY_BIT = {day: 1 << k for k, day in enumerate((*sorted(WEEKDAYS), *sorted(MONTHS)))}
WEEK_BITS = sum(_DAY_BIT[d] for d in WEEKDAYS)
MONTH_BITS = sum(_DAY_BIT[m] for m in MONTHS)


def _day_bits(days: frozenset[str]) -> int:
    """The days of the week and the months a passage names, one bit each."""
    return sum(map(_DAY_BIT.__getitem__, days)) if days else 0


def runs(starts: np.ndarray, counts: np.ndarray, total: int) -> np.ndarray:
    """Every index of the runs ``starts[k]`` .. ``starts[k] + counts[k] - 1``, run after run
    (``total``: the sum of ``counts``)."""
    return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)


class Side:
    """The features of one side's passages as flat arrays: ``owner`` (passage), ``ids``
    (feature id) and ``weights``, in each passage's feature order, passage after passage."""

    n: int
    owner: np.ndarray
    ids: np.ndarray
    weights: np.ndarray
    totals: np.ndarray
    lens: np.ndarray
    days: np.ndarray
    """The days of the week each passage names, one bit each."""
    ident: np.ndarray
    """Equal for passages whose weighted features are one object (the same text)."""
    classes: np.ndarray | None = None
    """Each feature's class (``_CLASSES`` codes), when weighed in arrays."""
    _sorted: tuple[int, np.ndarray, np.ndarray] | None = None
    """``sorted_keys``'s answer, with the vocabulary size it was made for."""

    def __init__(self, side: Sequence[Weighted], vocab: dict[str, int]):
        if isinstance(side, Weights) and side.table.vocab is vocab:
            self._gather(side.table, side.order)  # (weighed in arrays: no dict is read)
            return
        dicts = [w.weights for w in side]
        n = sum(map(len, dicts))
        lens = np.fromiter(map(len, dicts), np.int64, len(dicts))
        self.n = len(side)
        self.owner = np.repeat(np.arange(len(side), dtype=np.int64), lens)
        self.ids = np.fromiter(map(vocab.__getitem__, chain.from_iterable(dicts)), np.int64, n)
        self.weights = np.fromiter(chain.from_iterable(map(dict.values, dicts)), np.float64, n)
        self.totals = np.fromiter(map(_TOTAL, side), np.float64, len(side))
        self.lens = lens
        self.days = np.fromiter(map(_day_bits, map(_DAYS, side)), np.int64, len(side))
        self.ident = np.fromiter(map(id, side), np.uint64, len(side))

    def _gather(self, table: _Table, order: np.ndarray) -> None:
        """The passages ``order`` (indexes of ``table``'s distinct feature sets)."""
        lens = table.lens[order]
        total = int(lens.sum())
        self.n = len(order)
        self.owner = np.repeat(np.arange(len(order), dtype=np.int64), lens)
        pos = runs(table.starts[order], lens, total)
        self.ids, self.weights, self.classes = table.ids[pos], table.weights[pos], \
            table.classes[pos]
        self.totals, self.lens = table.totals[order], lens
        self.days = table.days[order]
        self.ident = order.astype(np.uint64)

    def sorted_keys(self, n_terms: int) -> tuple[np.ndarray, np.ndarray]:
        """``(order, keys)``: the keys ``passage * n_terms + feature id`` sorted, and where
        each is in the arrays (made once: every scoring round looks features up in them)."""
        made = self._sorted
        if made is None or made[0] != n_terms:
            keys = self.owner * n_terms + self.ids
            order = np.argsort(keys)
            made = self._sorted = (n_terms, order, keys[order])
        return made[1], made[2]

    def set_hashes(self, codes: np.ndarray) -> np.ndarray:
        """A hash of every passage's set of features (the sum of their random codes)."""
        out = np.zeros(self.n, np.uint64)
        filled = self.lens > 0
        if filled.any():
            starts = (np.cumsum(self.lens) - self.lens)[filled]
            out[filled] = np.add.reduceat(codes[self.ids], starts)
        return out


def vocabulary(a: Sequence[Weighted], b: Sequence[Weighted]) -> dict[str, int]:
    """Feature -> id, ids in the features' string order."""
    terms = set(chain.from_iterable(w.weights for w in a))
    terms.update(chain.from_iterable(w.weights for w in b))
    return dict(zip(sorted(terms), range(len(terms)), strict=True))


_CLASSES = tuple(CLASS_WEIGHT)
CLASS_CODE = {cls: k for k, cls in enumerate(_CLASSES)}
_NAME, _CONTENT = CLASS_CODE["name"], CLASS_CODE["content"]


class _Table:
    """The distinct feature sets of both sides weighed in arrays (``weigh``), with what
    ``Weights`` needs to make a passage's ``Weighted`` when one is asked for."""

    def __init__(self, distinct: list[Features], vocab: dict[str, int], ids, classes,
                 weights, lens, totals, days):
        self.distinct, self.vocab = distinct, vocab
        self.ids, self.classes, self.weights = ids, classes, weights
        self.lens, self.starts, self.totals, self.days = lens, np.cumsum(lens) - lens, totals, days
        self.made: dict[int, Weighted] = {}
        self._values: list[float] | None = None
        self._totals: list[float] | None = None

    def weighted(self, d: int) -> Weighted:
        """The ``Weighted`` of distinct feature set ``d`` (one object per set, as
        ``similarity.idf_weights`` gives: ``x is y`` for one text on both sides)."""
        found = self.made.get(d)
        if found is None:
            if self._values is None:
                self._values, self._totals = self.weights.tolist(), self.totals.tolist()
            start = int(self.starts[d])
            terms = self.distinct[d].terms
            weights = dict(zip(terms, self._values[start:start + len(terms)], strict=True))
            found = self.made[d] = Weighted(weights, self._totals[d] if terms else 0,
                                            weekdays(weights))
        return found


class Weights(Sequence):
    """One side's ``Weighted`` passages, made when first asked for from the arrays of
    ``weigh`` (a long comparison reads only a few: the array path never does)."""

    def __init__(self, table: _Table, order: np.ndarray):
        self.table, self.order = table, order
        self._order = order.tolist()

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.table.weighted(d) for d in self._order[i]]
        return self.table.weighted(self._order[i])


def weigh(a: Sequence[Features], b: Sequence[Features], background: Background | None = None
          ) -> tuple[Weights, Weights]:
    """``similarity.idf_weights`` in arrays: the same weights to the last bit (products in the
    same order; totals summed by ``numpy.bincount`` in feature order, as ``sum`` adds them),
    for the array path, without building a dict per passage."""
    both = (*a, *b)
    by_id = dict(zip(map(id, both), both, strict=True))  # (one text: one Features)
    distinct: list[Features] = list(by_id.values())
    where = dict(zip(by_id, range(len(distinct)), strict=True))
    terms = [f.terms for f in distinct]
    ordered = sorted(set().union(*terms))
    vocab = dict(zip(ordered, range(len(ordered)), strict=True))
    n_entries = sum(map(len, terms))
    lens = np.fromiter(map(len, terms), np.int64, len(terms))
    ids = np.fromiter(map(vocab.__getitem__, chain.from_iterable(terms)), np.int64, n_entries)
    classes = np.fromiter(map(CLASS_CODE.__getitem__,
                              chain.from_iterable(map(dict.values, terms))), np.int64, n_entries)
    order_a = np.fromiter(map(where.__getitem__, map(id, a)), np.int64, len(a))
    order_b = np.fromiter(map(where.__getitem__, map(id, b)), np.int64, len(b))
    # document frequency: each passage counts, however many share its text
    uses = np.bincount(np.concatenate((order_a, order_b)), minlength=len(distinct))
    df = np.bincount(ids, weights=np.repeat(uses, lens), minlength=len(vocab))
    n = len(a) + len(b)
    floor = PARAMS["idf_floor"]
    log = math.log  # (math.log, as idf_weights: numpy's may differ in the last bit)
    idf = np.array([max(log((n + 1) / (docs + 0.5)), floor) for docs in df.tolist()])
    # a content word that is a name anywhere weighs as a name
    named = np.zeros(len(vocab), bool)
    named[ids[classes == _NAME]] = True
    effective = np.where((classes == _CONTENT) & named[ids], _NAME, classes)
    weights = np.array([CLASS_WEIGHT[c] for c in _CLASSES])[effective] * idf[ids]
    if background is not None:
        weights = weights * np.array([background.factor(t) for t in vocab])[ids]
    owner = np.repeat(np.arange(len(distinct), dtype=np.int64), lens)
    totals = np.bincount(owner, weights=weights, minlength=len(distinct))
    day_ids = [vocab[d] for d in sorted(TIMES) if d in vocab]
    day_bit = np.zeros(len(vocab), np.int64)
    day_bit[day_ids] = [_DAY_BIT[d] for d in sorted(TIMES) if d in vocab]
    days = np.bincount(owner, weights=day_bit[ids], minlength=len(distinct)).astype(np.int64)
    table = _Table(distinct, vocab, ids, classes, weights, lens, totals, days)
    return Weights(table, order_a), Weights(table, order_b)


def sides(a: Sequence[Weighted], b: Sequence[Weighted]) -> tuple[dict[str, int], Side, Side]:
    """The vocabulary of ``a`` and ``b`` and their arrays (from ``weigh``'s when both come
    from it)."""
    if isinstance(a, Weights) and isinstance(b, Weights) and a.table is b.table:
        vocab = a.table.vocab
    else:
        vocab = vocabulary(a, b)
    return vocab, Side(a, vocab), Side(b, vocab)


class Candidates:
    """Candidate pairs as two arrays (``pi[k]``, ``pj[k]``), each pair once, with the arrays
    they were found from; iterating gives ``(i, j)`` tuples."""

    def __init__(self, pi, pj, sa: Side, sb: Side, vocab: dict[str, int]):
        self.pi, self.pj, self.sa, self.sb, self.vocab = pi, pj, sa, sb, vocab

    def __len__(self) -> int:
        return len(self.pi)

    def __iter__(self):
        return zip(self.pi.tolist(), self.pj.tolist(), strict=True)
