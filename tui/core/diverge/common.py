"""What the divergence finders share: the salience scale and small text helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from ..align.features import fold as _fold
from ..align.features import stem

T = TypeVar("T")


def word_set(text: str) -> frozenset[str]:
    """The words of a vocabulary written one after another (white space between)."""
    return frozenset(text.split())


def fold(text: str) -> str:
    """``align.features.fold``, with a fast path for plain ASCII text (most tokens)."""
    return text.casefold() if text.isascii() else _fold(text)


def article_cache(fn: Callable[..., T], maxsize: int = 512) -> Callable[..., T]:
    """Cache what ``fn(article)`` finds by the article's id and text: in a corpus report every
    article is compared with several others, and its mentions, quotations and figures are
    the same each time."""
    cache: dict[tuple[str, str], T] = {}

    def wrapper(article) -> T:
        key = (article.id, article.body)
        found = cache.get(key)
        if found is None:
            if len(cache) >= maxsize:
                cache.clear()
            found = cache[key] = fn(article)
        return found

    wrapper.__doc__ = fn.__doc__
    wrapper.__name__ = fn.__name__
    wrapper.cache_clear = cache.clear  # type: ignore[attr-defined]
    return wrapper

SALIENCE = {
    "title": 0.9, "title_generic": 0.15, "title_rank": 0.28, "number": 0.88, "framing": 0.78,
    "framing_plain": 0.5, "quote": 0.7, "wording_tone": 0.5, "wording_negation": 0.6,
    "wording": 0.12, "name": 0.22, "omission": 0.3, "quote_spelling": 0.1,
    "quote_paraphrase": 0.32, "quote_unsure": 0.25, "modality": 0.75, "quote_added": 0.14,
    "reworded": 0.06, "qualifier": 0.15, "date_conflict": 0.42, "date_relative": 0.25,
    "date_weekday": 0.1,
}
"""Starting salience by kind: a conflicting office or figure first, a spelling variant last."""

_WORDS = re.compile(r"[\w'\u2019-]+")


def words(text: str) -> list[str]:
    """Casefolded words (quotes and dashes unified)."""
    return [w.replace("\u2019", "'") for w in _WORDS.findall(fold(text))]


def letters(text: str) -> str:
    return re.sub(r"[\W_]", "", fold(text))


def spelled_differently(x: str, y: str) -> bool:
    """Not just case, punctuation (F.B.I./FBI) or an inflection (Showers/Shower)."""
    if letters(x) == letters(y):
        return False
    rx, ry = _WORDS.findall(x), _WORDS.findall(y)
    if len(rx) != len(ry):
        return True
    for p, q in zip(rx, ry, strict=True):
        fp, fq = fold(p), fold(q)
        if fp == fq:
            continue
        if p[:1].isupper() or q[:1].isupper():
            return True  # names are compared letter for letter (Mohamed/Mohammed)
        if stem(fp) != stem(fq):
            return True
    return False


def overlaps(x: tuple[int, int] | None, y: tuple[int, int] | None) -> bool:
    """Do two spans share text (an empty span: touch)?  Two missing spans do."""
    if x is None or y is None:
        return x is None and y is None
    if x[0] == x[1] or y[0] == y[1]:
        return x[0] <= y[1] and y[0] <= x[1]
    return x[0] < y[1] and y[0] < x[1]


class SpanIndex:
    """Kept divergences, found again by where they point on both sides.

    ``overlapping(a_span, b_span)`` answers what ``any(_overlaps(k.a_span, a_span) and
    _overlaps(k.b_span, b_span) for k in kept)`` answers, but looks only at the divergences
    whose A span (or B span, when A has none) shares a bucket of text with the one asked
    about, so deduplicating thousands of divergences stays near-linear."""

    BUCKET = 64
    """Characters of article text per bucket."""

    def __init__(self, overlaps: Callable[[object, object], bool]) -> None:
        self._overlaps = overlaps
        self._by_a: dict[int, list[tuple]] = {}
        self._by_b: dict[int, list[tuple]] = {}
        self._neither: list[tuple] = []

    def _buckets(self, span: tuple[int, int]) -> range:
        lo, hi = sorted(span)
        return range(lo // self.BUCKET, hi // self.BUCKET + 1)

    def add(self, a_span, b_span) -> None:
        entry = (a_span, b_span)
        if a_span is not None:
            for n in self._buckets(a_span):
                self._by_a.setdefault(n, []).append(entry)
        elif b_span is not None:
            for n in self._buckets(b_span):
                self._by_b.setdefault(n, []).append(entry)
        else:
            self._neither.append(entry)

    def overlapping(self, a_span, b_span) -> bool:
        # a missing span overlaps only a missing span, so the side looked up decides the rest
        if a_span is not None:
            found = (e for n in self._buckets(a_span) for e in self._by_a.get(n, ()))
        elif b_span is not None:
            found = (e for n in self._buckets(b_span) for e in self._by_b.get(n, ()))
        else:
            found = iter(self._neither)
        return any(self._overlaps(ka, a_span) and self._overlaps(kb, b_span)
                   for ka, kb in found)


_PHRASE_WORD = re.compile(r"[\w'\u2019.\-]+|\S")
_BREAK = frozenset(",;:.!?()[]\"\u201c\u201d\u2018\u2014\u2013")
CLAUSE_WORDS = word_set("""
and but or while because although though whereas which who whom whose that said says told
according when after before since as if
""")
PHRASE_WORDS = 6
"""A span is carried on over at most this many words each way to make it a whole phrase."""


def phrase(body: str, start: int, end: int, floor: int, ceil: int) -> tuple[int, int]:
    """``[start, end)`` carried on to the whole phrase it is part of: over the words before
    and after it up to punctuation or a word that opens another clause ("and", "which",
    "said"), at most ``PHRASE_WORDS`` each way, inside ``[floor, ceil)`` (its passage). A
    changed word becomes its noun phrase ("roughly" -> "roughly 2,000 American troops")."""
    toks = [(m.start() + floor, m.end() + floor, m.group())
            for m in _PHRASE_WORD.finditer(body[floor:ceil])]
    inside = [k for k, (s0, e0, _t) in enumerate(toks) if s0 < end and e0 > start]
    if not inside:
        return start, end
    i, j = inside[0], inside[-1]
    for _ in range(PHRASE_WORDS):
        if i == 0 or toks[i - 1][2] in _BREAK or toks[i - 1][2].lower() in CLAUSE_WORDS:
            break
        i -= 1
    for _ in range(PHRASE_WORDS):
        if j + 1 >= len(toks) or toks[j + 1][2] in _BREAK or toks[j + 1][2].lower() in \
                CLAUSE_WORDS:
            break
        j += 1
    return toks[i][0], toks[j][1]
