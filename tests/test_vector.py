"""The array path of long texts (``tui.core.align.vector`` and ``arrays``) gives what the
Python code gives: the same candidate pairs, and scores and shared features equal to the last
bit."""

from __future__ import annotations

import itertools

import pytest

from tui.core.align import arrays, candidates, similarity, vector
from tui.core.align import linker as align
from tui.core.ingest.loader import parse_article


@pytest.fixture(scope="module")
def generated():
    from tests.benchmarks.gen import make_pair

    text_a, text_b = make_pair(5000)
    fa = align.article_features(parse_article(text_a, id="a"))
    fb = align.article_features(parse_article(text_b, id="b"))
    wa, wb, _names = similarity.idf_weights(fa, fb)
    return wa, wb


def _check_scores(wa, wb, pairs) -> int:
    """Score ``pairs`` in arrays and compare with ``similarity``; how many scored above 0."""
    found = vector.top_candidates(wa, wb) if pairs is None else pairs
    scores = candidates.LazyScores(wa, wb)
    scores.found = found
    scores.update(vector.scored(wa, wb, found))
    keys = list(found)
    vector.fill_shared(scores, wa, wb, [key for key in keys if key in scores], found)
    for i, j in keys:
        s, shared = similarity.similarity(wa[i], wb[j])
        if s > 0:
            assert scores[(i, j)] == (s, shared), (i, j)
        else:
            assert (i, j) not in scores, (i, j)
    return len(scores)


def test_candidates_are_those_of_the_python_code(generated):
    wa, wb = generated
    assert set(vector.top_candidates(wa, wb)) == candidates.top_candidates(wa, wb)
    vocab = arrays.vocabulary(wa, wb)
    sa, sb = arrays.Side(wa, vocab), arrays.Side(wb, vocab)
    assert vector.twins(wa, wb, sa, sb, len(vocab)) == candidates._twins(wa, wb)


def test_scores_and_shared_features_are_those_of_similarity(generated):
    wa, wb = generated
    assert _check_scores(wa, wb, None) > 100


def test_every_seed_pair_scores_as_similarity_does(seed_corpus):
    """Real text (names, numbers, prefixes, days of the week, one passage on both sides),
    with and without a corpus background, every pair of passages."""
    background = align.corpus_background(seed_corpus.articles)
    for a, b in itertools.permutations(seed_corpus.articles[:3], 2):
        for bg in (None, background):
            wa, wb, _names = similarity.idf_weights(
                align.article_features(a), align.article_features(b), bg)
            pairs = {(i, j) for i in range(len(wa)) for j in range(len(wb))}
            assert _check_scores(wa, wb, pairs) > 0


def test_prefetched_neighbours_score_as_get_would(generated):
    wa, wb = generated
    scores = candidates.LazyScores(wa, wb)
    keys = [(i, i + d) for i in range(0, len(wa), 7) for d in (-1, 0, 1, 2)]
    expected = {key: scores.get(key) for key in keys}
    vector.prefetch(scores, wa, wb, keys)
    assert scores.scored
    for key in keys:
        got = scores.get(key)
        want = expected[key]
        assert (got is None) == (want is None), key
        if got is not None:
            assert got[0] == want[0], key


def test_different_days_of_the_week_lower_scores_in_arrays_as_in_similarity():
    """Days of the week are scored in the arrays too (a bit per day), not left to Python."""
    from tui.core.align.features import features

    a_texts = ["The council voted on Monday to close the harbour at Lakeport.",
               "The council voted on Monday and Friday to close the harbour at Lakeport.",
               "The council voted to close the harbour at Lakeport."]
    b_texts = ["The council voted on Tuesday to close the harbour at Lakeport.",
               "The council voted on Friday to close the harbour at Lakeport.",
               "The council voted to close the harbour at Lakeport on Sunday."]
    wa, wb, _names = similarity.idf_weights([features(t) for t in a_texts],
                                            [features(t) for t in b_texts])
    pairs = {(i, j) for i in range(3) for j in range(3)}
    assert _check_scores(wa, wb, pairs) == 9
    monday_tuesday = similarity.similarity(wa[0], wb[0])[0]
    monday_friday = similarity.similarity(wa[1], wb[1])[0]  # (Friday in common: no conflict)
    assert monday_tuesday < monday_friday


@pytest.mark.parametrize("with_background", [False, True])
def test_weighing_in_arrays_gives_the_weights_of_idf_weights(seed_corpus, with_background):
    """``weigh`` makes the same weights, totals and days as ``idf_weights`` to the last bit,
    one ``Weighted`` per text (so one text on both sides is one object), and the same arrays
    as reading those dicts."""
    from tests.benchmarks.gen import make_pair

    background = align.corpus_background(seed_corpus.articles) if with_background else None
    text_a, text_b = make_pair(5000)
    fa = align.article_features(parse_article(text_a, id="a"))
    fb = align.article_features(parse_article(text_b, id="b"))
    want_a, want_b, _names = similarity.idf_weights(fa, fb, background)
    got_a, got_b = arrays.weigh(fa, fb, background)
    assert len(got_a) == len(want_a) and len(got_b) == len(want_b)
    for got, want in ((got_a, want_a), (got_b, want_b)):
        for k in range(len(want)):
            assert list(got[k].weights.items()) == list(want[k].weights.items()), k
            assert (got[k].total, got[k].days) == (want[k].total, want[k].days), k
    shared = [(i, j) for i in range(len(fa)) for j in range(len(fb)) if fa[i] is fb[j]]
    assert shared and all(got_a[i] is got_b[j] for i, j in shared)
    vocab, sa, sb = arrays.sides(got_a, got_b)
    assert vocab == arrays.vocabulary(want_a, want_b)
    for side, want in ((sa, arrays.Side(want_a, vocab)), (sb, arrays.Side(want_b, vocab))):
        for field in ("owner", "ids", "weights", "totals", "lens", "days"):
            assert (getattr(side, field) == getattr(want, field)).all(), field


def test_weighed_sides_find_and_score_the_pairs_of_the_python_code(generated):
    from tests.benchmarks.gen import make_pair

    text_a, text_b = make_pair(5000)
    fa = align.article_features(parse_article(text_a, id="a"))
    fb = align.article_features(parse_article(text_b, id="b"))
    wa, wb = arrays.weigh(fa, fb)
    assert set(vector.top_candidates(wa, wb)) == candidates.top_candidates(*generated)
    assert len(wa.table.made) < len(wa.table.distinct) / 10  # (the arrays read few dicts)
    assert _check_scores(wa, wb, None) > 100


def test_shared_features_without_stop_words_are_those_of_similarity_less_stop_words():
    from tests.benchmarks.gen import make_pair

    text_a, text_b = make_pair(5000)
    fa = align.article_features(parse_article(text_a, id="a"))
    fb = align.article_features(parse_article(text_b, id="b"))
    wa, wb = arrays.weigh(fa, fb)
    found = vector.top_candidates(wa, wb)
    scores = candidates.LazyScores(wa, wb)
    scores.update(vector.scored(wa, wb, found))
    keys = [key for key in found if key in scores]
    vector.fill_shared(scores, wa, wb, keys, found, stop_words=False)
    dropped = 0
    for i, j in keys:
        shared = similarity.similarity(wa[i], wb[j])[1]
        words = [t for t in shared if fa[i].terms.get(t) != "stop"]
        assert scores[(i, j)][1] in (words, shared), (i, j)  # (prefix pairs: similarity's)
        dropped += scores[(i, j)][1] == words != shared
    assert dropped > 100


def test_heaviest_first_sorts_as_the_lexsort_it_replaces():
    """The packed integer sort gives lexsort's order (by owner, heaviest first, ties by the
    later feature first), and its fallback for keys too wide for 63 bits does too."""
    import numpy as np

    rng = np.random.default_rng(7)
    for _ in range(50):
        size = int(rng.integers(1, 400))
        owner = np.sort(rng.integers(0, 40, size))
        ids = rng.permutation(1000)[:size]  # (a feature once per owner, at most)
        weights = rng.choice([0.3, 0.5, 1.2, 1.6, 2.5, 0.3000000000000001], size)
        order = np.lexsort((-ids, -weights, owner))
        want = owner[order], ids[order], weights[order]
        for n in (40, 2**40):  # (packed, then too wide: lexsort)
            got = vector._heaviest_first(owner, ids, weights, n, 1000)
            assert all((g == w).all() for g, w in zip(got, want, strict=True))
