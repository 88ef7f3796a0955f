"""The signature terms of an article: what ranking related articles reads of its text.

``signature_parts(body)`` gives the content, name and number terms of an article body
(casefolded, cut to ``PREFIX`` letters so inflections meet; stop words and words under three
letters left out). They are made when a file is parsed, and the corpus cache (``cache``)
keeps them with the article, so ranking a corpus loaded from the cache does not read every
article's text again (``remember``, ``cached_signature``). ``related`` weighs them into a
signature.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Article

PREFIX = 7
"""Content words are cut to this many letters (a cheap stemmer)."""

_PUNCT = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum()) + (
    "\u201c\u201d\u2018\u2019\u2014\u2013\u2026\u00ab\u00bb\u00a0")
_MORE_STOP = frozenset({
    "about", "after", "also", "because", "before", "could", "first", "from", "have", "however",
    "into", "last", "many", "more", "most", "much", "other", "over", "some", "such", "than",
    "that", "their", "there", "these", "they", "this", "those", "through", "under", "until",
    "were", "what", "when", "where", "which", "while", "will", "with", "would", "year", "years",
    "week", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The alignment's stop words and some stock news words (``align.features`` is imported on
    the first signature made from text: rankings of a corpus from the cache never need it)."""
    from ..align.features import STOP_WORDS

    return STOP_WORDS | _MORE_STOP


class _Tokens:
    """What each distinct token (a word as ``str.split`` gives it) adds to a signature: a
    content term, a name term, a number term or nothing.  Kept across articles, which share
    most of their tokens, so a signature is a few set and dict operations done in C."""

    LIMIT = 400_000

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.content: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.numbers: dict[str, str] = {}

    def learn(self, tokens: set[str]) -> None:
        new = tokens - self.seen
        if not new:
            return
        from ..align.features import strip_accents

        stop = stop_words()
        for raw in new:
            t = raw.strip(_PUNCT)
            if not t:
                pass
            elif t[0].isdigit():
                v = t.replace(",", "").rstrip(".")
                if len(v) >= 2 and not (len(v) == 4 and v[:2] in ("19", "20")):
                    self.numbers[raw] = "#" + v
            else:
                word = t[:-2] if t.endswith(("'s", "\u2019s")) else t
                low = word.casefold()
                if len(low) >= 3 and low not in stop:
                    term = (low if low.isascii() else strip_accents(low))[:PREFIX]
                    (self.names if word[:1].isupper() else self.content)[raw] = term
            self.seen.add(raw)


_TOKENS = _Tokens()


Parts = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""A signature as its content, name and number terms (what the corpus cache keeps)."""


def signature_parts(body: str) -> Parts:
    """The content, name and number terms of an article body (see ``signature``)."""
    global _TOKENS
    known = _TOKENS  # (another thread may replace it, never change it under us)
    tokens = set(body.split())
    known.learn(tokens)
    parts = (tuple(filter(None, map(known.content.get, tokens))),
             tuple(filter(None, map(known.names.get, tokens))),
             tuple(filter(None, map(known.numbers.get, tokens))))
    if len(known.seen) > _Tokens.LIMIT:
        _TOKENS = _Tokens()
    return parts


_SIGNATURES: dict[tuple[str, int], tuple] = {}


def cached_signature(key: tuple[str, int]) -> tuple | None:
    """The signature parts kept with an article loaded from the cache in this process, by
    ``(body[:200], hash(body))`` (the key ``related.signature`` uses), or None."""
    return _SIGNATURES.get(key)


def remember(article: Article, parts: Parts) -> None:
    """Keep the parts of an article loaded from the cache, for ``cached_signature``."""
    if len(_SIGNATURES) > 50_000:
        _SIGNATURES.clear()
    _SIGNATURES[(article.body[:200], hash(article.body))] = parts
