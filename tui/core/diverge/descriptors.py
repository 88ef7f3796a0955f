"""Offices named without a person ("the Israeli PM", "the Palestinian president"), for the
title divergences of ``titles.descriptor_divergences``."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article
from .common import article_cache, fold
from .mentions import _DEMONYM, _TOKEN, DOMAIN_WORDS, RANKS, _cap, _is_title


@dataclass(frozen=True, slots=True)
class Descriptor:
    """An office named without a person: "the Israeli PM", "the Palestinian president"."""

    passage: int
    text: str
    """The office with its demonym ("Israeli PM")."""
    span: tuple[int, int]
    demonym: str
    """The demonym, folded ("israeli")."""


@article_cache
def descriptors(article: Article) -> list[Descriptor]:
    """Every "the <demonym> <office>" not followed by a name."""
    out: list[Descriptor] = []
    for p in article.passages:
        toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(p.text)]
        lows = [fold(t[0]).rstrip(".") for t in toks]
        for i in range(1, len(toks) - 1):
            if lows[i - 1] != "the" or not _DEMONYM.match(toks[i][0]):
                continue
            j = i + 1
            while j < len(toks) and j - i <= 3 and (_is_title(lows[j]) or lows[j] in RANKS
                                                    or lows[j] in DOMAIN_WORDS):
                j += 1
            if j == i + 1 or not _is_title(lows[j - 1]):
                continue
            if j < len(toks) and _cap(toks[j][0]) and toks[j][0][0].isalpha():
                continue  # a name follows: a mention, not a bare office
            start, end = p.start + toks[i][1], p.start + toks[j - 1][2]
            out.append(Descriptor(p.index, article.body[start:end], (start, end), lows[i]))
    return out
