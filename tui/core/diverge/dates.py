"""Dates and times inside a link: two outlets that tell the same thing at different times.

The two passages of a link are read for expressions of time: spans of years ("from 1966 to
1978"), dates ("April 30", "Jan. 1"), months ("in mid May", "at the end of February"),
years ("since 1980"), days of the week ("Friday evening") and times relative to the story
("in the coming months", "by the summer", "earlier this month"). Expressions of one kind
that differ between the two sides make a divergence: a year, a month or a span of years
that conflict rank above a relative time told two ways, and a day of the week (often only
the day each outlet reported it) ranks lowest.
"""

from __future__ import annotations

import re

from ..model import Divergence, Link
from .common import SALIENCE, fold

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?"
          r"|Dec\.?)")
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_UNIT = r"(?:days?|weeks?|months?|years?|decades?)"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)"
PATTERNS = (  # (kind, pattern): the first kind that matches a stretch of text takes it
    ("years", rf"\bfrom {_YEAR} (?:to|until|through|till) {_YEAR}\b|\b{_YEAR}\s*[-\u2013]\s*"
              rf"(?:{_YEAR}|\d\d)\b"),
    ("date", rf"\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? {_YEAR})?|\b\d{{1,2}} {_MONTH}\b"),
    ("month", rf"\b(?:(?:in|by|until|since|before|after|from) )?(?:(?:early|mid|mid-|late) ?)?"
              rf"{_MONTH}\b(?:,? {_YEAR})?|\b(?:at )?the (?:end|beginning|start|middle) of "
              rf"{_MONTH}\b"),
    ("year", rf"\b(?:in|since|by|until|before|after|from) {_YEAR}\b"),
    ("relative", rf"\b(?:last|this|next|earlier this|later this|early next|late last) "
                 rf"(?:week|month|year|spring|summer|fall|autumn|winter)\b|\bin the (?:coming|"
                 rf"next|past|last) (?:{_COUNT} )?{_UNIT}\b|\bby the (?:summer|spring|fall|"
                 rf"autumn|winter|end of (?:the|this|next) (?:week|month|year))\b|\b{_COUNT} "
                 rf"{_UNIT} ago\b|\bwithin {_COUNT} {_UNIT}\b"),
    ("weekday", r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                r"(?: (?:morning|afternoon|evening|night))?(?: local time)?\b"),
)
_FIND = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in PATTERNS))
LEVEL = {"years": "date_conflict", "date": "date_conflict", "month": "date_conflict",
         "year": "date_conflict", "relative": "date_relative", "weekday": "date_weekday"}


def times(text: str, base: int) -> list[tuple[str, str, tuple[int, int]]]:
    """``(kind, value, body span)`` of every expression of time in ``text`` (at body offset
    ``base``); the value is what two expressions must share to agree."""
    out = []
    for m in _FIND.finditer(text):
        kind = m.lastgroup
        if kind == "month" and fold(m.group()).strip(". ") == "may":
            continue  # "may" alone is the verb
        out.append((kind, _value(kind, m.group()), (base + m.start(), base + m.end())))
    return out


def _value(kind: str, text: str) -> str:
    low = fold(text).replace("-", " ").replace("\u2013", " ")
    words = re.findall(r"[a-z]+|\d+", low)
    if kind in ("date", "month"):
        month = next((MONTHS[w] for w in words if w in MONTHS), 0)
        day = next((w for w in words if w.isdigit() and len(w) <= 2), "")
        return f"{month}-{day}" if kind == "date" else f"{month}"
    if kind in ("years", "year"):
        return "-".join(w for w in words if w.isdigit())
    if kind == "weekday":
        return words[0]
    return " ".join(w for w in words if w not in ("in", "by", "the", "within"))


def date_divergences(ctx, n: int, link: Link) -> list[Divergence]:
    """Times of one kind that differ between the two sides of link ``n`` (the first such
    pair of each kind)."""
    pa0, pa1 = ctx.a.passages[link.a[0]], ctx.a.passages[link.a[-1]]
    pb0, pb1 = ctx.b.passages[link.b[0]], ctx.b.passages[link.b[-1]]
    ta = times(ctx.a.body[pa0.start:pa1.end], pa0.start)
    if not ta:
        return []
    tb = times(ctx.b.body[pb0.start:pb1.end], pb0.start)
    out = []
    for kind in LEVEL:
        xs = [t for t in ta if _comparable(t[0], kind)]
        ys = [t for t in tb if _comparable(t[0], kind)]
        if not xs or not ys:
            continue
        if kind == "month":  # (by the month alone)
            xs = [(k, v.split("-")[0], sp) for k, v, sp in xs]
            ys = [(k, v.split("-")[0], sp) for k, v, sp in ys]
            if out and out[-1].key.startswith("date:date:"):
                continue  # (the dates differ already)
        if {v for _k, v, _s in xs} & {v for _k, v, _s in ys}:
            continue  # a time in common: the outlets agree on it
        (_ka, _va, sa), (_kb, _vb, sb) = xs[0], ys[0]
        at, bt = ctx.a.body[sa[0]:sa[1]], ctx.b.body[sb[0]:sb[1]]
        topic = "When" if kind != "weekday" else "Which day"
        out.append(ctx.make("number", f"{topic}: '{at}' (A) vs '{bt}' (B)",
                            SALIENCE[LEVEL[kind]], sa, sb, link=n, topic=topic,
                            key=f"date:{kind}:{link.a[0]}"))
    return out


def _comparable(found: str, kind: str) -> bool:
    """A date and a month compare by their month; other kinds only with their own."""
    if kind == "month":
        return found in ("month", "date")
    return found == kind
