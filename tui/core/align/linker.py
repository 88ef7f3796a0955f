"""The alignment engine: which passages of two articles report the same thing.

1. Every passage gets weighted features (``features``, ``similarity``); candidate pairs come
   from an inverted index, so passages sharing nothing are never scored.
2. Pairs at or above the threshold are linked greedily, best first, each passage once.
3. A link grows to an adjacent passage when the passage joined to it scores better than
   either part alone (one sentence of A told as two sentences of B).
   Pairs below the threshold that continue a link in its order (the next sentence on both
   sides) are linked when each is the other's best free partner.
4. A passage still without a partner joins a strong partner that is already linked
   (the same fact repeated), as its own link.
5. Word operations are computed inside every link.

``align(a, b)`` returns the ``Comparison`` without divergences: this stage knows nothing of
them (``tui.core.pipeline.compare`` finds them on top, with ``tui.core.diverge``).

Order plays no part above the threshold: reordered and moved passages align the same as
passages in place; it only vouches for weaker pairs next to a link (step 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter

from ..model import Article, Comparison, Link
from .candidates import LazyScores
from .extend import DIAGONAL, context_links, extra_partners, grow, merged
from .features import Features, features
from .gcpause import gc_paused
from .similarity import Background, Weighted, candidate_pairs, idf_weights, similarity, topic_or
from .worddiff import word_ops

DEFAULT_THRESHOLD = 0.12
"""Chosen on the seed gold (see README, "Tuning the threshold")."""
SECOND_LINK_MARGIN = 0.08
"""A second partner taken during greedy linking must beat the threshold by this much ..."""
EARLY_SECOND = 0.5
"""... and score at least this share of that partner's first link (0 turns this off)."""

EXACT_PAIRS = 40_000
"""Up to this many passage pairs (about 4,000 words a side) every pair sharing a feature is
scored; above it, the best few candidates of each passage (``candidates``), so long texts
align in linear time. Long texts find and score candidates in arrays (``vector``, ``arrays``,
numpy), with the same results."""


Scores = dict[tuple[int, int], tuple[float, list[str] | None]]
"""(i, j) -> (score, shared features); on the long path the shared features of candidates
are None until a link needs them."""


def score_matrix(
    a: Article, b: Article, background: Background | None = None
) -> tuple[Scores, Sequence[Weighted], Sequence[Weighted]]:
    fa = article_features(a)
    fb = article_features(b)
    background = topic_or(background, fa, fb)
    if len(fa) * len(fb) > EXACT_PAIRS:
        from .arrays import weigh
        from .vector import scored

        wa, wb = weigh(fa, fb, background)  # (in arrays; a passage's dict made when asked)
        scores: Scores = LazyScores(wa, wb)
        scores.found = top_candidates(wa, wb)
        scores.update(scored(wa, wb, scores.found))
        return scores, wa, wb  # (shared features left out: found for links in _align)
    wa, wb, _names = idf_weights(fa, fb, background)
    scores, pairs = {}, candidate_pairs(wa, wb)
    # passages with the same words always meet, even when every word is a stop word
    by_text: dict[frozenset, list[int]] = {}
    for j, w in enumerate(wb):
        by_text.setdefault(frozenset(w.weights), []).append(j)
    for i, w in enumerate(wa):
        pairs.update((i, j) for j in by_text.get(frozenset(w.weights), ()) if w.weights)
    # passages with no word at all (emoji, punctuation) meet their identical copies
    bare_b: dict[str, list[int]] = {}
    for j, w in enumerate(wb):
        if not w.weights:
            bare_b.setdefault(b.passages[j].text, []).append(j)
    for i, w in enumerate(wa):
        if not w.weights:
            for j in bare_b.get(a.passages[i].text, ()):
                scores[(i, j)] = (1.0, [])
    for i, j in pairs:
        s, shared = similarity(wa[i], wb[j])
        if s > 0:
            scores[(i, j)] = (s, shared)
    return scores, wa, wb


def top_candidates(wa: list[Weighted], wb: list[Weighted]):
    """Candidate pairs of long texts (``candidates``, in arrays: numpy is loaded only here;
    any iterable of ``(i, j)`` will do)."""
    from .vector import top_candidates as in_arrays

    return in_arrays(wa, wb)


_FEATURE_CACHE: dict[tuple[str, int], list] = {}


def article_features(article: Article) -> list:
    """Features of every passage, cached by the article's content."""
    key = (article.body, len(article.passages))
    cached = _FEATURE_CACHE.get(key)
    if cached is None:
        if len(_FEATURE_CACHE) > 256:
            _FEATURE_CACHE.clear()
        cached = _FEATURE_CACHE[key] = [_features_of(p.text) for p in article.passages]
    return cached


@lru_cache(maxsize=32768)
def _features_of(text: str):
    """``features(text)``, shared by passages with the same text (treat it as read-only)."""
    return features(text)


def corpus_background(articles) -> Background:
    """Feature document frequencies over a corpus, for ``align(background=...)``."""
    from .similarity import background_of

    return background_of([article_features(a) for a in articles])


def align(
    a: Article, b: Article, *, threshold: float | None = None,
    background: Background | None = None,
) -> Comparison:
    """Align ``a`` and ``b``: links and word operations, no divergences (the pipeline adds
    them); the result is immutable and JSON-ready (``to_dict``).

    ``background`` (from ``corpus_background``) weighs words by how many articles of the
    corpus use them, so the stock phrases of a story count for little.
    """
    with gc_paused():
        return _align(a, b, threshold, background)


def _align(
    a: Article, b: Article, threshold: float | None, background: Background | None
) -> Comparison:
    t = DEFAULT_THRESHOLD if threshold is None else float(threshold)
    scores, wa, wb = score_matrix(a, b, background)
    # best first, then by i and j (two stable sorts in C: by (i, j), then by score falling)
    # the headline and dek (the lead passages) are paired with each other (``heads``), not
    # linked to the body: they sum up the whole article, not one of its facts
    la, lb = a.lead_paragraphs, b.lead_paragraphs
    ranked = sorted([(s, i, j) for (i, j), (s, _) in scores.items()
                     if s >= t and i >= la and j >= lb], key=_BY_PASSAGES)
    ranked.sort(key=_BY_SCORE, reverse=True)
    used_a: dict[int, int] = dict.fromkeys(range(la), -1)  # (-1: in no group)
    used_b: dict[int, int] = dict.fromkeys(range(lb), -1)
    groups: list[tuple[list[int], list[int]]] = []
    link_score: list[float] = []
    for _s, i, j in ranked:
        if i in used_a and j in used_b:
            continue
        if i in used_a or j in used_b:
            # One side already has a (better) partner. A sentence that tells two facts the
            # other outlet tells in two places may take a second partner here, before a
            # weaker pair claims the free passage; adjacent ones are left to growing.
            g = used_a[i] if i in used_a else used_b[j]
            ga, gb = groups[g]
            free_side, free, members = ("b", j, gb) if i in used_a else ("a", i, ga)
            if (
                EARLY_SECOND
                and link_score[g] < 0.9999  # an exact pair wants no second partner
                and _s >= t + SECOND_LINK_MARGIN
                and _s >= EARLY_SECOND * link_score[g]
                and all(abs(free - m) > 1 for m in members)
            ):
                (used_b if free_side == "b" else used_a)[free] = len(groups)
                groups.append(([i], [j]))
                link_score.append(_s)
            continue
        used_a[i] = used_b[j] = len(groups)
        groups.append(([i], [j]))
        link_score.append(_s)

    exact = {}
    for _s, i, j in ranked:
        if _s < 0.9999:
            break  # (ranked best first: no exact pair follows)
        if used_a.get(i) == used_b.get(j) and i in used_a:
            exact[("a", i)] = exact[("b", j)] = True

    # grow links over adjacent passages that fit better joined
    lazy = isinstance(scores, LazyScores)
    grow(groups, used_a, used_b, wa, wb, scores, side="b", t=t)
    grow(groups, used_a, used_b, wa, wb, scores, side="a", t=t)

    if lazy:
        from .vector import prefetch

        prefetch(scores, wa, wb, [
            (i + d, j + d) for ga, gb in groups for i in ga for j in gb
            for d in DIAGONAL if i + d not in used_a and j + d not in used_b])
    context_links(groups, used_a, used_b, scores, t, wa, wb, article_features(a),
                  article_features(b))

    extra_partners(groups, used_a, used_b, ranked, scores, wa, wb, exact, t)

    if lazy:  # (the shared features of the links, all at once)
        from .vector import fill_shared

        fill_shared(scores, wa, wb, [(ga[0], gb[0]) for ga, gb in groups
                                     if len(ga) == 1 and len(gb) == 1], scores.found,
                    stop_words=False)  # (what _display_terms skips)
    links = []
    passages_a, passages_b, body_a, body_b = a.passages, b.passages, a.body, b.body
    for ga, gb in groups:
        if len(ga) == 1 and len(gb) == 1:  # (most links: one passage a side)
            pa0 = pa1 = passages_a[ga[0]]
            pb0 = pb1 = passages_b[gb[0]]
            score, shared = scores[(ga[0], gb[0])]  # (what similarity() of the two gives)
            fa, fb = _features_of(pa0.text), _features_of(pb0.text)
        else:
            ga, gb = sorted(ga), sorted(gb)
            score, shared = similarity(merged([wa[i] for i in ga]), merged([wb[j] for j in gb]))
            pa0, pa1 = passages_a[ga[0]], passages_a[ga[-1]]
            pb0, pb1 = passages_b[gb[0]], passages_b[gb[-1]]
            fa, fb = _features_of(_joined(a, ga)), _features_of(_joined(b, gb))
        ops = word_ops(body_a, pa0.start, pa1.end, body_b, pb0.start, pb1.end)
        links.append(Link(tuple(ga), tuple(gb), round(min(1.0, score), 4), ops,
                          _display_terms(shared, fa, fb)))
    links.sort(key=_link_order)
    only_a = tuple(i for i in range(len(a.passages)) if i not in used_a)
    only_b = tuple(j for j in range(len(b.passages)) if j not in used_b)
    return Comparison(a, b, tuple(links), only_a, only_b, t, heads=_heads(a, b, scores))


def _heads(a: Article, b: Article, scores) -> tuple[Link, ...]:
    """The headline of A against B's headline, and the dek against the dek, when both have
    them (with word operations, like a link)."""
    out = []
    for role in ("headline", "dek"):
        i = next((p.index for p in a.passages[:2] if p.role == role), None)
        j = next((p.index for p in b.passages[:2] if p.role == role), None)
        if i is None or j is None:
            continue
        pa, pb = a.passages[i], b.passages[j]
        score, shared = scores.get((i, j)) or (0.0, [])
        ops = word_ops(a.body, pa.start, pa.end, b.body, pb.start, pb.end)
        out.append(Link((i,), (j,), round(min(1.0, score), 4), ops,
                        _display_terms(shared or [], _features_of(pa.text), _features_of(pb.text))))
    return tuple(out)


def _link_order(link: Link) -> tuple[int, int]:
    return link.a[0], link.b[0]


_BY_PASSAGES = itemgetter(1, 2)
_BY_SCORE = itemgetter(0)


def _display_terms(shared: list[str], fa: Features, fb: Features) -> tuple[str, ...]:
    """Turn feature keys back into words a reader recognises (``fa``, ``fb``: the features
    of the two sides of the link)."""
    cls_a, word_a, word_b = fa.terms.get, fa.display.get, fb.display.get
    # (no word or feature key begins or ends with a quote, and none is empty: tokens and
    # stems begin and end with a word character or a dot; the first 12 distinct words, the
    # words found in a comprehension and deduplicated in C, a third of the time of a loop)
    if fa is fb:  # (one text on both sides, most links of long texts: one lookup a term)
        words = dict.fromkeys([word_a(term, term) for term in shared if cls_a(term) != "stop"])
    else:
        words = dict.fromkeys([word_a(term) or word_b(term) or term for term in shared
                               if cls_a(term) != "stop"])
    return tuple(words)[:12] if len(words) > 12 else tuple(words)


def _joined(article: Article, group) -> str:
    """The text of passages ``group`` (a single passage's own string, whose hash is known)."""
    if len(group) == 1:
        return article.passages[group[0]].text
    return " ".join(article.passages[i].text for i in group)
