"""Which articles of a corpus report the same story, measured cheaply.

Every article gets a signature: the set of its names, numbers and longer content words
(casefolded, cut to a short prefix so inflections meet), names and numbers weighing more.
Two articles overlap by the IDF-weighted cosine of their signatures over the corpus.

- Ranking one article scores it against every other by intersecting signature sets (C-level
  set operations), so it needs no pass over pairs of articles.
- The pairs of a whole corpus (``overlap_matrix``, ``related_pairs``) come, in a large corpus,
  from an inverted index of each article's *rarest* terms (the names and numbers a story has
  and few others do), then are scored exactly; a small corpus simply scores every pair.

Signatures are cached by article text, and the index by the corpus's articles.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import filterfalse
from operator import mul

from ..model import Corpus
from .terms import cached_signature, signature_parts

NAME_WEIGHT = 1.8
NUMBER_WEIGHT = 2.0
RELATED_CUTOFF = 0.12
"""Signature overlap at or above which two articles are taken to report one story (chosen on
the seed corpus and the dev stories, where same-story pairs scored 0.17 and more and
different-story pairs at most 0.08)."""
SMALL_CORPUS = 200
"""Up to this many articles every pair is scored; above it, pairs come from rare terms."""
QUERY_TERMS = 24
"""In a large corpus, each article proposes partners through this many of its rarest terms
(used by two articles or more); a partner must share two of them."""
MAX_SHARE = 0.6
"""Terms used by more than this share of a large corpus carry no weight (stock vocabulary)."""

_CACHE: dict[tuple[str, int], dict[str, float]] = {}


def signature(body: str) -> dict[str, float]:
    """term -> weight for an article body (cached by its text).

    Each distinct word counts once: numbers (not years) and capitalised words weigh more
    than other words; stop words and words under three letters are left out.  (A term made
    by a capitalised word and a lower-case one is a name; a term is cut to ``PREFIX``
    letters, accents removed, so inflections meet.)  The parts come from the corpus cache
    when the article was loaded from it, else from ``signature_parts``.
    """
    key = (body[:200], hash(body))
    found = _CACHE.get(key)
    if found is not None:
        return found
    content, names, numbers = cached_signature(key) or signature_parts(body)
    # weights rise content < name < number, so each update overrides the weaker ones
    terms = dict.fromkeys(content, 1.0)
    terms.update(dict.fromkeys(names, NAME_WEIGHT))
    terms.update(dict.fromkeys(numbers, NUMBER_WEIGHT))
    if len(_CACHE) > 20_000:
        _CACHE.clear()
    _CACHE[key] = terms
    return terms


class Index:
    """Signatures of a corpus weighted by IDF, with their norms."""

    def __init__(self, corpus: Corpus) -> None:
        self.ids = [a.id for a in corpus.articles]
        self.position = {aid: n for n, aid in enumerate(self.ids)}
        sigs = [signature(a.body) for a in corpus.articles]
        total = len(sigs)
        df: Counter[str] = Counter()
        for sig in sigs:
            df.update(sig.keys())
        self.df = df
        if total < 3:
            idf = dict.fromkeys(df, 1.0)
        else:
            # smoothed so that, in a small corpus of one story, shared words keep a weight
            idf = {t: math.log(1 + (total + 1) / (d + 0.5)) for t, d in df.items()}
            if total >= 20:
                for t, d in df.items():
                    if d > MAX_SHARE * total:
                        idf[t] = 0.0
        # (loops written as map/zip so they run in C: this is most of the first ranking)
        stock = {t for t, v in idf.items() if not v}
        weight = idf.__getitem__
        self.vectors = []
        for sig in sigs:
            terms = list(filterfalse(stock.__contains__, sig)) if stock else list(sig)
            self.vectors.append(dict(zip(terms, map(mul, map(sig.__getitem__, terms),
                                                    map(weight, terms)), strict=True)))
        self.norms = []
        for vec in self.vectors:
            values = list(vec.values())
            self.norms.append(math.sqrt(sum(map(mul, values, values))) or 1.0)

    def score(self, n: int, m: int) -> float:
        """Weighted cosine of articles ``n`` and ``m``."""
        x, y = self.vectors[n], self.vectors[m]
        if len(x) > len(y):
            x, y = y, x
        common = x.keys() & y.keys()
        if not common:
            return 0.0
        return sum(map(mul, map(x.__getitem__, common), map(y.__getitem__, common))) / (
            self.norms[n] * self.norms[m])

    def scores(self, n: int) -> dict[int, float]:
        """Overlap of article ``n`` with every other article sharing a term with it."""
        out = {}
        for m in range(len(self.ids)):
            if m != n:
                s = self.score(n, m)
                if s > 0:
                    out[m] = s
        return out

    def pairs(self, progress: Callable[[int, int], None] | None = None
              ) -> dict[tuple[int, int], float]:
        """``(n, m)`` with ``n < m`` -> overlap, for the pairs worth scoring; ``progress(done,
        total)`` is called every few thousand pairs scored, and at the end."""
        total = len(self.ids)
        if total <= SMALL_CORPUS:
            candidates = [(n, m) for n in range(total) for m in range(n + 1, total)]
        else:
            candidates = sorted(self._rare_pairs())
        out = {}
        for done, (n, m) in enumerate(candidates, 1):
            s = self.score(n, m)
            if s > 0:
                out[(n, m)] = s
            if progress is not None and not done % 4096:
                progress(done, len(candidates))
        if progress is not None:
            progress(len(candidates), len(candidates))
        return out

    def _rare_pairs(self) -> set[tuple[int, int]]:
        """Pairs sharing at least two of either article's rarest terms (a story's own names
        and numbers); only their postings are walked."""
        postings: dict[str, list[int]] = defaultdict(list)
        for n, vec in enumerate(self.vectors):
            for t in vec:
                postings[t].append(n)
        df = self.df
        found: set[tuple[int, int]] = set()
        for n, vec in enumerate(self.vectors):
            rare = sorted((t for t in vec if df[t] > 1), key=lambda t: (df[t], t))[:QUERY_TERMS]
            hits: Counter[int] = Counter()
            for t in rare:
                hits.update(postings[t])
            hits.pop(n, None)
            found.update((min(n, m), max(n, m)) for m, k in hits.items() if k >= 2)
        return found


_INDEX: dict[tuple, Index] = {}


_INDEX_LOCK = threading.Lock()


def corpus_index(corpus: Corpus) -> Index:
    """The index of a corpus (cached by the articles' ids and texts).  Built once when
    several threads ask at the same time (the reader ranks related articles and measures the
    heat map in two workers as soon as the corpus is loaded)."""
    key = tuple((a.id, len(a.body), hash(a.body)) for a in corpus.articles)
    with _INDEX_LOCK:
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
    ranked = sorted(index.scores(n).items(), key=lambda kv: (-kv[1], kv[0]))
    return [(index.ids[m], round(min(1.0, s), 4)) for m, s in ranked]


def overlap_matrix(corpus: Corpus) -> dict[tuple[str, str], float]:
    """Overlap of the pairs of articles worth scoring (every pair in a small corpus, pairs
    sharing rare terms in a large one), in both orders."""
    index = corpus_index(corpus)
    out: dict[tuple[str, str], float] = {}
    for (n, m), s in index.pairs().items():
        value = round(min(1.0, s), 4)
        out[(index.ids[n], index.ids[m])] = value
        out[(index.ids[m], index.ids[n])] = value
    return out


def related_pairs(
    corpus: Corpus, *, cutoff: float = RELATED_CUTOFF, limit: int = 15, relative: float = 0.0
) -> list[tuple[str, str, float]]:
    """Pairs ``(a, b, overlap)`` worth a full comparison, in corpus order.

    A pair is kept when its overlap reaches ``cutoff`` and, for one of its articles, it is
    among that article's ``limit`` best partners and scores at least ``relative`` times that
    article's best partner (so a story covered by hundreds of outlets does not cost a
    comparison of every pair, and an article with close partners skips distant ones).
    """
    index = corpus_index(corpus)
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (n, m), s in index.pairs().items():
        if s >= cutoff:
            best[n].append((s, m))
            best[m].append((s, n))
    keep: dict[tuple[int, int], float] = {}
    for n, partners in best.items():
        partners.sort(reverse=True)
        floor = relative * partners[0][0]
        for s, m in partners[:limit]:
            if s >= floor:
                keep[(min(n, m), max(n, m))] = s
    return [(index.ids[a], index.ids[b], round(s, 4)) for (a, b), s in sorted(keep.items())]
