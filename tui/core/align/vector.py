"""The long-text path in arrays: candidate pairs (``candidates.top_candidates``), their
scores (``similarity``) and the shared features of links, with integer feature ids and numpy
(the arrays, and the weights computed in them, are ``arrays``); the same pairs, scores and
features as the Python code, in a fraction of the time.

Shared weights are summed with ``numpy.bincount``, which adds in the order of its input, so
each sum is made in the order the Python code makes it, to the last bit. Pairs the arrays do
not cover (a prefix partner) are scored by ``similarity``; different days of the week, one
bit each, lower a score as ``similarity`` does.

Imported only for long texts (``linker.EXACT_PAIRS``), as ``arrays`` is, whose note on
numpy's BLAS threads applies here too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

if "numpy" not in sys.modules:  # (as in ``arrays``: one BLAS thread unless chosen)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from .arrays import CLASS_CODE, MONTH_BITS, WEEK_BITS, Candidates, Side, runs, sides
from .candidates import KEEP, MIN_WEIGHT
from .similarity import DAY_CONFLICT, MIN_PREFIX, PARAMS, Weighted, similarity

_STOP = CLASS_CODE["stop"]


class Index:
    """Feature id -> the passages of a side where it weighs at least ``MIN_WEIGHT``, for
    features in at most ``max_df`` of them (``candidates._index``), as one postings array."""

    def __init__(self, side: Side, n_terms: int, max_df: int):
        keep = side.weights >= MIN_WEIGHT
        ids, owner = side.ids[keep], side.owner[keep]
        counts = np.bincount(ids, minlength=n_terms)
        counts[counts > max_df] = 0
        self.counts = counts
        self.starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        listed = counts[ids] > 0
        ids, owner = ids[listed], owner[listed]
        shift = max(side.n - 1, 0).bit_length()
        if shift + max(n_terms - 1, 0).bit_length() <= 63:
            # sorted by (feature, passage) in one integer sort: the same as a stable sort
            # by feature, as passages come in order and each has a feature once
            self.postings = np.sort((ids << shift) | owner) & ((1 << shift) - 1)
        else:
            order = np.argsort(ids, kind="stable")  # (passages stay in order per feature)
            self.postings = owner[order]


def _propose(x: Side, index: Index, other_totals: np.ndarray, skip: np.ndarray, k: int,
             rare: int) -> tuple[np.ndarray, np.ndarray]:
    """``candidates._propose`` for every passage of ``x`` not in ``skip``: pairs
    ``(passage of x, passage of the other side)``."""
    empty = np.zeros(0, np.int64)
    keep = (x.weights >= MIN_WEIGHT) & (index.counts[x.ids] > 0) & ~skip[x.owner]
    owner, ids, weights = x.owner[keep], x.ids[keep], x.weights[keep]
    if not len(owner):
        return empty, empty
    # per passage, heaviest first (ties: the later feature first), the first ``rare``
    owner, ids, weights = _heaviest_first(owner, ids, weights, x.n, len(index.counts))
    first = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
    rank = np.arange(len(owner)) - np.repeat(first, np.diff(np.append(first, len(owner))))
    top = rank < rare
    owner, ids, weights = owner[top], ids[top], weights[top]
    # every posting of those features, in the order the Python loop visits them
    counts = index.counts[ids]
    total = int(counts.sum())
    js = index.postings[runs(index.starts[ids], counts, total)]
    owners = np.repeat(owner, counts)
    n_other = len(other_totals)
    key = owners * n_other + js
    shift = max(total - 1, 0).bit_length()
    if shift + max(x.n * n_other - 1, 0).bit_length() <= 63:
        # keys sorted with their positions in one integer sort: each pair's shares summed
        # by ``bincount`` in the order of the postings, as with ``np.unique``'s inverse
        both = np.sort((key << shift) | np.arange(total))
        sorted_key = both >> shift
        new = np.concatenate(([True], sorted_key[1:] != sorted_key[:-1]))
        groups = sorted_key[new]
        acc = np.bincount(np.cumsum(new) - 1,
                          weights=np.repeat(weights, counts)[both & ((1 << shift) - 1)])
    else:
        groups, inverse = np.unique(key, return_inverse=True)
        acc = np.bincount(inverse, weights=np.repeat(weights, counts))
    gi, gj = groups // n_other, groups % n_other
    shares = acc / (x.totals[gi] + other_totals[gj])
    # within KEEP of the passage's best share, best first (ties: lower j first), k at most
    starts_i = np.flatnonzero(np.concatenate(([True], gi[1:] != gi[:-1])))
    best = np.maximum.reduceat(shares, starts_i)
    floor = np.repeat(best * KEEP, np.diff(np.append(starts_i, len(gi))))
    ok = shares >= floor
    gi, gj, shares = gi[ok], gj[ok], shares[ok]
    # (passages with k pairs or fewer keep them all: only the others are sorted; the pairs
    # come out by passage, then j)
    starts_i = np.flatnonzero(np.concatenate(([True], gi[1:] != gi[:-1])))
    sizes = np.diff(np.append(starts_i, len(gi)))
    many = np.flatnonzero(np.repeat(sizes > k, sizes))
    chosen = np.ones(len(gi), bool)
    if len(many):
        chosen[many] = False
        mi, mj = gi[many], gj[many]
        order = np.lexsort((mj, -shares[many], mi))
        mi = mi[order]
        first = np.flatnonzero(np.concatenate(([True], mi[1:] != mi[:-1])))
        rank = np.arange(len(mi)) - np.repeat(first, np.diff(np.append(first, len(mi))))
        chosen[many[order[rank < k]]] = True
    return gi[chosen], gj[chosen]


def _heaviest_first(owner: np.ndarray, ids: np.ndarray, weights: np.ndarray, n: int,
                    n_terms: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``owner``, ``ids`` and ``weights`` sorted by owner, heaviest first, ties by
    the later feature first (each feature once per owner): one integer sort of the owner,
    the weight's rank among the distinct weights and the feature id."""
    values = np.sort(weights)
    values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    n_values = len(values)
    id_bits = max(n_terms - 1, 0).bit_length()
    value_bits = max(n_values - 1, 0).bit_length()
    if max(n - 1, 0).bit_length() + value_bits + id_bits > 63:
        order = np.lexsort((-ids, -weights, owner))
        return owner[order], ids[order], weights[order]
    rank = n_values - 1 - np.searchsorted(values, weights)  # (0: the heaviest)
    key = np.sort((owner << (value_bits + id_bits)) | (rank << id_bits) | (n_terms - 1 - ids))
    return (key >> (value_bits + id_bits),
            n_terms - 1 - (key & ((1 << id_bits) - 1)),
            values[n_values - 1 - ((key >> id_bits) & ((1 << value_bits) - 1))])


def _unique(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The hashes only one passage has (sorted), and those passages."""
    values, first, counts = np.unique(hashes, return_index=True, return_counts=True)
    once = counts == 1
    return values[once], first[once]


def _mixed(n: int) -> np.ndarray:
    """``n`` well-spread 64-bit codes (SplitMix64 of 1..n; numpy.random costs an import)."""
    x = np.arange(1, n + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def twins(a: Sequence[Weighted], b: Sequence[Weighted], sa: Side, sb: Side,
          n_terms: int) -> dict[int, int]:
    """``candidates._twins``: passages of ``a`` whose features occur exactly once on each
    side -> that passage of ``b``. Feature sets are compared by a 64-bit hash, and the pairs
    found checked as ``_twins`` checks them."""
    codes = _mixed(n_terms)
    hashes_a, once_a = _unique(sa.set_hashes(codes))
    hashes_b, once_b = _unique(sb.set_hashes(codes))
    _common, at_a, at_b = np.intersect1d(hashes_a, hashes_b, assume_unique=True,
                                         return_indices=True)
    pi, pj = once_a[at_a], once_b[at_b]
    same = (sa.ident[pi] == sb.ident[pj]).tolist()  # (one text on both sides: most twins)
    return {i: j for i, j, one in zip(pi.tolist(), pj.tolist(), same, strict=True)
            if one or a[i].weights == b[j].weights}


def top_candidates(
    a: Sequence[Weighted], b: Sequence[Weighted], *, k: int = 6, rare: int = 4,
    max_df: int = 64,
) -> Candidates:
    """``candidates.top_candidates``, the same pairs, in arrays."""
    vocab, sa, sb = sides(a, b)
    index_a, index_b = Index(sa, len(vocab), max_df), Index(sb, len(vocab), max_df)
    found = twins(a, b, sa, sb, len(vocab))
    twin_a = np.fromiter(found, np.int64, len(found))
    twin_b = np.fromiter(found.values(), np.int64, len(found))
    skip_a = np.zeros(len(a), bool)
    skip_a[twin_a] = True
    skip_b = np.zeros(len(b), bool)
    skip_b[twin_b] = True
    ia, ja = _propose(sa, index_b, sb.totals, skip_a, k, rare)
    jb, ib = _propose(sb, index_a, sa.totals, skip_b, k, rare)
    # each pair once (sorted and deduplicated by hand: np.unique would import numpy.ma)
    keys = np.sort(np.concatenate((twin_a * len(b) + twin_b, ia * len(b) + ja,
                                   ib * len(b) + jb)))
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))[:len(keys)]]
    return Candidates(keys // len(b), keys % len(b), sa, sb, vocab)


def scored(a: Sequence[Weighted], b: Sequence[Weighted], pairs) -> dict:
    """``(i, j) -> (similarity(a[i], b[j])[0], None)`` for the ``pairs`` that score above 0
    (``pairs`` from ``top_candidates``, or any pairs; the shared features are left out)."""
    if isinstance(pairs, Candidates):
        pi, pj, sa, sb, vocab = pairs.pi, pairs.pj, pairs.sa, pairs.sb, pairs.vocab
    else:
        vocab, sa, sb = sides(a, b)
        flat = np.array(sorted(pairs), np.int64).reshape(len(pairs), 2)
        pi, pj = flat[:, 0], flat[:, 1]
    values = scores_of(a, b, pi, pj, sa, sb, vocab)
    return {(i, j): (s, None)
            for i, j, s in zip(pi.tolist(), pj.tolist(), values, strict=True) if s > 0}


_RELATED: list = [None, None]
"""The last vocabulary given to ``related_terms`` and its table (a comparison asks twice)."""


def related_terms(vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """``_related_terms(vocab)``, remembered for the last vocabulary."""
    last, table = _RELATED
    if last is not vocab:
        table = _related_terms(vocab)
        _RELATED[:] = [vocab, table]
    return table


def _related_terms(vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of feature ids that can be prefix partners (``similarity._prefix_partner``: one
    the other shortened by one to three characters, both at least ``MIN_PREFIX`` long, no
    numbers), both ways round, as a CSR table: ``(starts, partners)`` by feature id."""
    get = vocab.get
    left: list[int] = []
    right: list[int] = []
    for term, k in vocab.items():
        n = len(term)
        if n <= MIN_PREFIX or term[0] == "#":
            continue
        for d in (1, 2, 3):
            if n - d < MIN_PREFIX:
                break
            other = get(term[:-d])
            if other is not None:
                left += (k, other)
                right += (other, k)
    src = np.array(left, np.int64)
    dst = np.array(right, np.int64)
    order = np.argsort(src, kind="stable")
    counts = np.bincount(src, minlength=len(vocab))
    return np.concatenate(([0], np.cumsum(counts))), dst[order]


def scores_of(a: Sequence[Weighted], b: Sequence[Weighted], pi: np.ndarray, pj: np.ndarray,
           sa: Side, sb: Side, vocab: dict[str, int]) -> list[float]:
    """``similarity(a[i], b[j])[0]`` for every pair ``(pi[k], pj[k])``, to the last bit."""
    n = len(pi)
    if not len(sa.ids) or not len(sb.ids):
        return [0.0] * n  # (no features on one side: nothing scores)
    pair, _tx, wx, hit, wy, python, _pos = _matches(pi, pj, sa, sb, vocab)
    matched = np.bincount(pair[hit], weights=(wx[hit] + wy[hit]) / 2, minlength=n)
    # (pairs where a feature of x missing from y may have a prefix partner in y are scored
    # by ``similarity`` itself)
    tot_x, tot_y = sa.totals[pi], sb.totals[pj]
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = 2 * matched / (tot_x + tot_y)
        cover = matched / np.minimum(tot_x, tot_y)
        mix = PARAMS["mix"]
        score = mix * dice + (1 - mix) * cover
        k = PARAMS["shrink"]
        if k:
            score = score * matched / (matched + k)
    score[dice >= 0.9999] = 1.0
    days_x, days_y = sa.days[pi], sb.days[pj]
    conflict = np.zeros(len(score), bool)
    for bits in (WEEK_BITS, MONTH_BITS):  # (similarity.times_conflict)
        x, y = days_x & bits, days_y & bits
        conflict |= (x != 0) & (y != 0)
    score[conflict & ((days_x & days_y) == 0)] *= DAY_CONFLICT
    score[sa.ident[pi] == sb.ident[pj]] = 1.0  # (one passage's text on both sides)
    score[(tot_x == 0) | (tot_y == 0)] = 0.0
    out = np.minimum(score, 1.0).tolist()
    for p in np.flatnonzero(python).tolist():
        out[p] = similarity(a[int(pi[p])], b[int(pj[p])])[0]
    return out


def _matches(pi: np.ndarray, pj: np.ndarray, sa: Side, sb: Side, vocab: dict[str, int]):
    """For pairs ``(pi[k], pj[k])``: every feature of x (``pair``, feature id ``tx``, weight
    ``wx``), pair after pair in x's order; whether y has it (``hit``) and its weight there
    (``wy``); and which pairs have a feature of x missing from y whose prefix partner
    (``similarity._prefix_partner``) y may have (``prefixed``, those pairs are left to
    ``similarity``); last, where each feature of x is in ``sa``'s arrays (``pos``)."""
    n = len(pi)
    n_terms = len(vocab)
    starts_a = np.cumsum(sa.lens) - sa.lens
    counts = sa.lens[pi]
    total = int(counts.sum())
    pos = runs(starts_a[pi], counts, total)
    pair = np.repeat(np.arange(n), counts)
    tx, wx = sa.ids[pos], sa.weights[pos]
    order_b, sorted_keys = sb.sorted_keys(n_terms)
    want = pj[pair] * n_terms + tx
    at = np.minimum(np.searchsorted(sorted_keys, want), len(sorted_keys) - 1)
    hit = sorted_keys[at] == want
    wy = sb.weights[order_b[at]]
    rel_starts, rel = related_terms(vocab)
    miss = ~hit
    m_pair, m_t = pair[miss], tx[miss]
    m_counts = rel_starts[m_t + 1] - rel_starts[m_t]
    has = m_counts > 0
    m_pair, m_t, m_counts = m_pair[has], m_t[has], m_counts[has]
    r_total = int(m_counts.sum())
    r_pos = runs(rel_starts[m_t], m_counts, r_total)
    r_pair = np.repeat(m_pair, m_counts)
    r_want = pj[r_pair] * n_terms + rel[r_pos]
    r_at = np.minimum(np.searchsorted(sorted_keys, r_want), len(sorted_keys) - 1)
    prefixed = np.zeros(n, bool)
    prefixed[r_pair[sorted_keys[r_at] == r_want]] = True
    return pair, tx, wx, hit, wy, prefixed, pos


def fill_shared(scores: dict, a: Sequence[Weighted], b: Sequence[Weighted],
                keys: Sequence[tuple[int, int]], found=None, *, stop_words: bool = True
                ) -> None:
    """Put the shared features (``similarity(a[i], b[j])[1]``: heaviest first, ties by the
    later feature first) into ``scores[(i, j)]`` for the ``keys`` that lack them.
    ``found`` is what the pairs came from (``top_candidates``), whose arrays are reused.
    ``stop_words=False`` lets features that are stop words in ``a`` be left out (they are
    when the sides were weighed in arrays, which know each feature's class), for a caller
    that would skip them."""
    keys = [key for key in keys if scores[key][1] is None]
    if not keys:
        return
    if isinstance(found, Candidates):
        sa, sb, vocab = found.sa, found.sb, found.vocab
    else:
        vocab, sa, sb = sides(a, b)
    if not len(sa.ids) or not len(sb.ids):
        for key in keys:
            scores[key] = (scores[key][0], similarity(a[key[0]], b[key[1]])[1])
        return
    n = len(keys)
    flat = np.array(keys, np.int64).reshape(n, 2)
    pi, pj = flat[:, 0], flat[:, 1]
    pair, tx, wx, hit, wy, python, pos = _matches(pi, pj, sa, sb, vocab)
    if not stop_words and sa.classes is not None:
        hit &= sa.classes[pos] != _STOP
    # the features of x that y has: heaviest first, ties by the later feature first
    pair, tx = pair[hit], tx[hit]
    value = (wx[hit] + wy[hit]) / 2
    order = np.lexsort((-tx, -value, pair))
    terms = np.array(list(vocab), dtype=object)  # (by id: the vocabulary is in id order)
    names = terms[tx[order]].tolist()
    ends = np.cumsum(np.bincount(pair, minlength=n)).tolist()
    start = 0
    for p, key in enumerate(keys):
        end = ends[p]
        if python[p]:
            scores[key] = (scores[key][0], similarity(a[key[0]], b[key[1]])[1])
        else:
            scores[key] = (scores[key][0], names[start:end])
        start = end


def prefetch(scores, a: Sequence[Weighted], b: Sequence[Weighted], keys) -> None:
    """Score in arrays the pairs among ``keys`` that ``scores`` (a ``candidates.LazyScores``)
    would otherwise score one by one in ``get`` (the neighbours of links, which the alignment
    asks about)."""
    n_a, n_b = len(a), len(b)
    known = scores.scored
    todo = list({key: None for key in keys if 0 <= key[0] < n_a and 0 <= key[1] < n_b
                 and key not in known and dict.get(scores, key) is None})
    if not todo:
        return
    found = scores.found
    if isinstance(found, Candidates):
        sa, sb, vocab = found.sa, found.sb, found.vocab
    else:
        vocab, sa, sb = sides(a, b)
    flat = np.array(todo, np.int64).reshape(len(todo), 2)
    known.update(zip(todo, scores_of(a, b, flat[:, 0], flat[:, 1], sa, sb, vocab),
                     strict=True))

