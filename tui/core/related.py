"""Which articles of a corpus report the same story, measured cheaply.

Every article gets a signature: the set of its names, numbers and longer content words
(casefolded, cut to a short prefix so inflections meet).  Two articles overlap by the
IDF-weighted share of their signatures they have in common (a weighted cosine over the corpus).
An inverted index scores one article against all the others by walking only the postings of
its own terms, so ranking one article of a 1,000-article corpus takes milliseconds once the
signatures exist; signatures are cached by article text.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from .model import Corpus
from .textnorm import STOP_WORDS, strip_accents

PREFIX = 7
"""Content words are cut to this many letters (a cheap stemmer)."""
NAME_WEIGHT = 1.8
NUMBER_WEIGHT = 2.0
RELATED_CUTOFF = 0.12
"""Signature overlap at or above which two articles are taken to report one story (chosen on
the seed corpus and the dev stories, where same-story pairs scored 0.17 and more and
different-story pairs at most 0.08)."""
QUERY_TERMS = 80
"""In a large corpus, the terms of an article used to find its partners (its heaviest, by
weight times IDF); a small corpus uses them all."""
LARGE_CORPUS = 200
MAX_SHARE = 0.6
"""Terms used by more than this share of a large corpus carry no weight (stock vocabulary)."""

_PUNCT = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum()) + (
    "\u201c\u201d\u2018\u2019\u2014\u2013\u2026\u00ab\u00bb\u00a0")
_STOP = STOP_WORDS | {
    "about", "after", "also", "because", "before", "could", "first", "from", "have", "however",
    "into", "last", "many", "more", "most", "much", "other", "over", "some", "such", "than",
    "that", "their", "there", "these", "they", "this", "those", "through", "under", "until",
    "were", "what", "when", "where", "which", "while", "will", "with", "would", "year", "years",
    "week", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}


@dataclass(frozen=True, slots=True)
class Signature:
    terms: dict[str, float]
    """term -> class weight (names and numbers heavier than other words)."""


_CACHE: dict[tuple[str, int], Signature] = {}


def signature(body: str) -> Signature:
    """The signature of an article body (cached by its text).

    Each distinct word is weighed once: numbers (not years) and capitalised words heavier
    than other words; stop words and words under three letters are left out.
    """
    key = (body[:200], hash(body))
    found = _CACHE.get(key)
    if found is not None:
        return found
    terms: dict[str, float] = {}
    for token in set(body.split()):
        raw = token.strip(_PUNCT)
        if not raw:
            continue
        c = raw[0]
        if c.isdigit():
            value = raw.replace(",", "").rstrip(".")
            if len(value) >= 2 and not (len(value) == 4 and value[:2] in ("19", "20")):
                terms["#" + value] = NUMBER_WEIGHT
            continue
        low = raw.casefold()
        if low.endswith(("'s", "\u2019s")):
            low = low[:-2]
        if len(low) < 3 or low in _STOP:
            continue
        term = (strip_accents(low) if not low.isascii() else low)[:PREFIX]
        weight = NAME_WEIGHT if c.isupper() else 1.0
        if terms.get(term, 0.0) < weight:
            terms[term] = weight
    sig = Signature(terms)
    if len(_CACHE) > 20_000:
        _CACHE.clear()
    _CACHE[key] = sig
    return sig


class Index:
    """Signatures of a corpus with their document frequencies and an inverted index.

    An article is scored against the others through its ``QUERY_TERMS`` rarest-weighted
    terms only, so each query walks short postings lists; norms use every term.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.ids = [a.id for a in corpus.articles]
        self.sigs = [signature(a.body) for a in corpus.articles]
        postings: dict[str, list[int]] = defaultdict(list)
        for n, sig in enumerate(self.sigs):
            for term in sig.terms:
                postings[term].append(n)
        self.postings = postings
        total = len(self.sigs)
        self.idf: dict[str, float] = {}
        for term, docs in postings.items():
            d = len(docs)
            if total >= 20 and d > MAX_SHARE * total:
                self.idf[term] = 0.0
            else:
                # smoothed so that, in a small corpus of one story, shared words keep a weight
                self.idf[term] = math.log(1 + (total + 1) / (d + 0.5)) if total >= 3 else 1.0
        idf = self.idf
        self.norms = [
            math.sqrt(sum((w * idf[t]) ** 2 for t, w in sig.terms.items())) or 1.0
            for sig in self.sigs
        ]
        limit = QUERY_TERMS if total >= LARGE_CORPUS else None
        self.queries = [
            sorted(((w * idf[t], t) for t, w in sig.terms.items() if idf[t] and
                    len(postings[t]) > 1), reverse=True)[:limit]
            for sig in self.sigs
        ]
        self.position = {aid: n for n, aid in enumerate(self.ids)}

    def scores(self, n: int) -> dict[int, float]:
        """Weighted cosine of article ``n`` with every article sharing a query term with it."""
        acc: dict[int, float] = defaultdict(float)
        idf, sigs = self.idf, self.sigs
        for wq, term in self.queries[n]:
            weight = idf[term]
            for m in self.postings[term]:
                if m != n:
                    acc[m] += wq * sigs[m].terms[term] * weight
        norm = self.norms[n]
        return {m: v / (norm * self.norms[m]) for m, v in acc.items()}


_INDEX: dict[tuple, Index] = {}


def corpus_index(corpus: Corpus) -> Index:
    """The index of a corpus (cached by the articles' ids and texts)."""
    key = tuple((a.id, len(a.body), hash(a.body)) for a in corpus.articles)
    found = _INDEX.get(key)
    if found is None:
        if len(_INDEX) > 8:
            _INDEX.clear()
        found = _INDEX[key] = Index(corpus)
    return found


def rank_related(corpus: Corpus, article_id: str, *, background=None) -> list[tuple[str, float]]:
    """The other articles of ``corpus`` by overlap with ``article_id``, best first.

    ``background`` is accepted for symmetry with ``compare`` and ignored: the corpus itself
    gives the word weights.
    """
    index = corpus_index(corpus)
    n = index.position.get(article_id)
    if n is None:
        return []
    scores = index.scores(n)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(index.ids[m], round(min(1.0, s), 4)) for m, s in ranked if s > 0]


def overlap_matrix(corpus: Corpus) -> dict[tuple[str, str], float]:
    """Overlap of every pair of articles that share anything, both orders."""
    index = corpus_index(corpus)
    both = _both_ways(index)
    out: dict[tuple[str, str], float] = {}
    for (n, m), s in both.items():
        value = round(min(1.0, s), 4)
        out[(index.ids[n], index.ids[m])] = value
        out[(index.ids[m], index.ids[n])] = value
    return out


def _both_ways(index: Index) -> dict[tuple[int, int], float]:
    """``(n, m)`` with ``n < m`` -> overlap, the mean of the scores seen from both sides
    (a side that did not find the other counts its own score as missing)."""
    seen: dict[tuple[int, int], list[float]] = {}
    for n in range(len(index.ids)):
        for m, s in index.scores(n).items():
            if s > 0:
                seen.setdefault((min(n, m), max(n, m)), []).append(s)
    return {k: sum(v) / len(v) for k, v in seen.items()}


def related_pairs(
    corpus: Corpus, *, cutoff: float = RELATED_CUTOFF, limit: int = 15
) -> list[tuple[str, str, float]]:
    """Pairs ``(a, b, overlap)`` worth a full comparison, in corpus order.

    A pair is kept when its overlap reaches ``cutoff`` and it is among the ``limit`` best
    partners of at least one of its articles (so a story covered by hundreds of outlets
    does not cost a comparison of every pair).
    """
    index = corpus_index(corpus)
    both = _both_ways(index)
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (n, m), s in both.items():
        if s >= cutoff:
            best[n].append((s, m))
            best[m].append((s, n))
    keep: dict[tuple[int, int], float] = {}
    for n, partners in best.items():
        for s, m in sorted(partners, reverse=True)[:limit]:
            keep[(min(n, m), max(n, m))] = s
    return [(index.ids[a], index.ids[b], round(s, 4)) for (a, b), s in sorted(keep.items())]
