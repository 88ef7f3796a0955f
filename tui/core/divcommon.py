"""What the divergence finders share: the salience scale and small text helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from .textnorm import fold as _fold
from .textnorm import stem

T = TypeVar("T")


def fold(text: str) -> str:
    """``textnorm.fold``, with a fast path for plain ASCII text (most tokens)."""
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
    "title": 0.9, "title_generic": 0.45, "title_rank": 0.55, "number": 0.88, "framing": 0.78,
    "framing_plain": 0.5, "quote": 0.7, "wording_tone": 0.5, "wording_negation": 0.6,
    "wording": 0.25, "name": 0.22, "omission": 0.2, "quote_spelling": 0.2,
    "quote_paraphrase": 0.32,
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
