"""Figures in news text: numerals and number words with their qualifiers and units.

``parse_figures("over 2,800 Palestinians were killed")`` finds one ``Figure``: value 2800,
qualifier ``over`` (direction ``above``), unit ``palestinians``.  Vague amounts get a range
("hundreds of thousands" is [200,000, 1,000,000)).  Years, dates, times, ordinals, and numbers
inside names (``Boeing 737``, ``COVID-19``) are not figures.

``figure_match.compare_figures(x, y)`` tells whether two reported figures agree: "more than
1,300" and "over 1,300" do; "over 2,800" and "at least 2,750" do not, though their ranges
could overlap (what a fact-checker wants to see); a vague amount agrees with anything its
range meets.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..align.features import NUMBER_WORDS
from .common import fold

# --------------------------------------------------------------------------- vocabulary

QUALIFIERS: dict[str, str] = {
    "more than": "above", "over": "above", "at least": "above", "upwards of": "above",
    "in excess of": "above", "greater than": "above", "no fewer than": "above",
    "no less than": "above", "above": "above", "exceeding": "above", "well over": "above",
    "just over": "above", "some more than": "above",
    "less than": "below", "fewer than": "below", "under": "below", "nearly": "below",
    "almost": "below", "up to": "below", "at most": "below", "no more than": "below",
    "just under": "below", "close to": "below", "below": "below", "as many as": "below",
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "circa": "approx",
    "approx.": "approx", "an approximate": "approx", "perhaps": "approx",
    "exactly": "exact", "precisely": "exact", "all": "exact", "all of the": "exact",
    "a total of": "exact", "only": "exact", "just": "exact",
}
_QUALIFIER_WORDS = sorted((q.split() for q in QUALIFIERS), key=len, reverse=True)

MAGNITUDES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000,
              "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
            "b": 1_000_000_000}
VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
         "billions": 1_000_000_000, "tens": 10}
VAGUE_DETERMINERS = {"several", "a few", "few", "many"}
SMALL = {w: v for w, v in NUMBER_WORDS.items() if v < 100 and w != "dozen"}

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}
TIME_UNITS = {  # in days
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "night": 1,
    "week": 7, "fortnight": 14, "month": 30.4, "year": 365.25, "decade": 3652.5,
    "century": 36525,
}
MONEY = {"$": "dollar", "\u20ac": "euro", "\u00a3": "pound", "\u00a5": "yen"}
MONEY_WORDS = {"dollar", "euro", "pound", "yen", "yuan", "rouble", "ruble", "shekel", "rupee"}
PERCENT = {"%", "percent", "per cent", "pct"}
_UNIT_SKIP = {"more", "other", "additional", "further", "new", "old", "young", "of", "the",
              "total", "estimated", "reported", "confirmed", "registered", "fewer"}
_STOP_AFTER = {"to", "in", "on", "at", "and", "or", "but", "as", "by", "for", "from", "with",
               "were", "was", "had", "have", "has", "are", "is", "be", "been", "who", "that",
               "which", "than", "since", "after", "before", "during", "across", "into", "out",
               "will", "would", "could", "may", "might", "said", "says", "a", "an", "its",
               "their", "his", "her", "this", "these", "those", "it", "they", "we", "so"}

TOKEN = re.compile(
    r"https?://\S+|www\.\S+"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suf>k|bn|mn|m|b)?(?![\w])"
    r"|[^\W\d_]+(?:['\u2019][^\W\d_]+)*\.?"
    r"|\d+[^\W_]*"
    r"|[^\w\s]",
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure found in a text; offsets are into the text given to ``parse_figures``."""

    start: int
    """Start of the qualifier (or of the number when there is none)."""
    end: int
    """End of the number (the unit is not included; see ``unit_end``)."""
    text: str
    value: float
    """The stated value (for a vague amount, the low end of its range)."""
    low: float
    high: float
    """The range the words allow: [low, high) for vague amounts, the value itself otherwise."""
    qualifier: str | None = None
    direction: str = "exact"
    """``above``, ``below``, ``approx`` or ``exact`` (bare figures too)."""
    unit: str | None = None
    """The noun after the figure, casefolded (``people``, ``days``), or ``percent``/``dollar``."""
    unit_end: int | None = None
    """End of the unit word (for a display span that includes it)."""
    vague: bool = False
    category: str = "count"
    """``count``, ``time``, ``percent`` or ``money``: only figures of one category compare."""
    modifiers: tuple[str, ...] = ()
    """Words between the number and the unit (``American`` in "2,000 American troops")."""

    @property
    def number_text(self) -> str:
        return self.text

    @property
    def base_value(self) -> float:
        """The value in the category's base unit (days for time spans)."""
        if self.category == "time" and self.unit:
            return self.value * TIME_UNITS.get(_singular(self.unit), 1)
        return self.value


@dataclass(frozen=True, slots=True)
class FigureMatch:
    """How two figures compare."""

    comparable: bool
    agree: bool
    difference: float | None = None
    """``y - x`` when both are stated numbers (in x's unit)."""
    qualifier_differs: bool = False
    """Same number, qualified differently ("roughly 2,000" and "all 2,000")."""


def _singular(word: str) -> str:
    w = word.lower()
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _triggers() -> re.Pattern[str]:
    """A digit, or a word a quantity can start with (or hold): number words, vague amounts,
    magnitudes and the determiners of vague amounts."""
    words = {*NUMBER_WORDS, *VAGUE, *MAGNITUDES, "dozen",
             *(det.split()[0] for det in VAGUE_DETERMINERS)}
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\d|\b(?:{alternatives})\b", re.IGNORECASE)


_MAY_HOLD = _triggers().search


def _tokens(text: str) -> list[tuple[str, int, int, str | None, str | None]]:
    out = []
    for m in TOKEN.finditer(text):
        out.append((m.group(), m.start(), m.end(), m.group("num"), m.group("suf")))
    return out


def _low(tok: str) -> str:
    return fold(tok).rstrip(".") if tok not in (".",) else tok


def _numeral(num: str) -> float:
    return float(num.replace(",", ""))


def _words_value(words: list[str]) -> float | None:
    """Value of a run of number words ("two hundred and fifty", "a dozen")."""
    total = current = 0.0
    seen = False
    for w in words:
        if w == "and":
            continue
        if w == "a":
            current = current or 1
            continue
        if w == "half":
            current = (current or 1) * 0.5
            continue
        if w in SMALL:
            current += SMALL[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in MAGNITUDES:
            total += (current or 1) * MAGNITUDES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_figures(text: str) -> list[Figure]:
    """Every figure of ``text``, in order."""
    return list(_parse(text))


@lru_cache(maxsize=8192)
def _parse(text: str) -> tuple[Figure, ...]:
    if _MAY_HOLD(text) is None:
        return ()  # (no digit and no word a quantity can start with: most sentences)
    toks = _tokens(text)
    lows = [_low(t[0]) for t in toks]
    figures: list[Figure] = []
    i = 0
    while i < len(toks):
        found = _quantity(text, toks, lows, i)
        if found is None:
            i += 1
            continue
        j, value, low, high, vague = found
        if _ignored(text, toks, lows, i, j, value):
            i = j
            continue
        figures.append(_figure(text, toks, lows, i, j, value, low, high, vague))
        i = j
    return tuple(figures)


def _quantity(text, toks, lows, i):
    """``(end token, value, low, high, vague)`` for a quantity starting at token ``i``."""
    tok, _s, e, num, suf = toks[i]
    w = lows[i]
    if num is not None:
        value = _numeral(num) * (SUFFIXES.get(suf or "", 1))
        j = i + 1
        precision = 0.0
        if not suf and j < len(toks) and lows[j] in MAGNITUDES and toks[j][1] - e <= 1:
            unit = MAGNITUDES[lows[j]]
            if "." in num:
                precision = 0.5 * unit * 10 ** -len(num.split(".")[1])
            value *= unit
            j += 1
        # ranges: "2,000-3,000", "2,000 to 3,000"
        if j + 1 < len(toks) and lows[j] in ("-", "\u2013", "to") and toks[j + 1][3] is not None \
                and (lows[j] == "to" or toks[j][1] == toks[j - 1][2]):
            upper = _numeral(toks[j + 1][3]) * SUFFIXES.get(toks[j + 1][4] or "", 1)
            if upper > value and not (1800 <= value <= 2100 and "," not in num):
                return j + 2, value, value, upper, True
        return j, value, value - precision, value + precision, False
    # "hundreds of thousands", "tens of thousands of", "dozens"
    if w in VAGUE and not (w == "tens" and (i + 2 >= len(toks) or lows[i + 1] != "of")):
        scale = VAGUE[w]
        j = i + 1
        while j + 1 < len(toks) and lows[j] == "of" and lows[j + 1] in VAGUE | MAGNITUDES.keys():
            nxt = lows[j + 1]
            scale *= VAGUE.get(nxt) or MAGNITUDES.get(nxt, 1)
            j += 2
        if w == "tens" and scale == 10:
            return None
        low, high = scale * 2, scale * 10
        if w == "dozens":
            low, high = 24, 100
        return j, low, low, high, True
    # "several thousand", "a few hundred"
    for det in VAGUE_DETERMINERS:
        parts = det.split()
        k = i + len(parts)
        if lows[i : k] == parts and k < len(toks) and lows[k] in MAGNITUDES | {"dozen": 12}:
            scale = MAGNITUDES.get(lows[k], 12)
            low = scale * (2 if det != "several" else 3)
            return k + 1, low, low, scale * 10, True
    # number words
    words: list[str] = []
    j = i
    while j < len(toks):
        lw = lows[j]
        if lw == "-" and words and j + 1 < len(toks) and lows[j + 1] in SMALL \
                and toks[j - 1][2] == toks[j][1] == toks[j + 1][1] - 1:
            j += 1  # twenty-five
            continue
        if lw in NUMBER_WORDS or lw in ("a", "and", "half"):
            if lw == "and" and not words:
                break
            words.append(lw)
            j += 1
            continue
        break
    while words and words[-1] in ("a", "and", "half"):
        words.pop()
        j -= 1
    if not words or words == ["one"] or words[0] == "and":
        return None
    if words[0] == "a" and len(words) == 1:
        return None
    if words[0] == "a" and not any(x in MAGNITUDES or x == "dozen" for x in words[1:2]):
        return None
    value = _words_value(words)
    if value is None or value == 0:
        return None
    hyphen = re.match(r"-([^\W\d_]+)", text[toks[j - 1][2] :])
    if hyphen and _singular(hyphen.group(1).lower()) not in TIME_UNITS:
        return None  # "two-state solution"
    # capitalised number words mid-sentence are names ("Air Force One")
    if toks[i][0][0].isupper() and i > 0 and lows[i - 1] not in (".", '"', "\u201c"):
        return None
    return j, value, value, value, False


def _ignored(text, toks, lows, i, j, value) -> bool:
    """Years, dates, times, ordinals and numbers inside names."""
    s, e = toks[i][1], toks[j - 1][2]
    num = toks[i][3]
    before = text[max(0, s - 2) : s]
    after = text[e : e + 12]
    prev = lows[i - 1] if i > 0 else ""
    nxt = lows[j] if j < len(toks) else ""
    if num is not None:
        if re.match(r"[:/]\d|[-\u2013]\d{1,2}[-\u2013/]", after) \
                or re.search(r"\d[:/\-\u2013]$", before):
            return True  # times, dates like 10/13/2023
        if re.match(r"(?:st|nd|rd|th)\b", after, re.I):
            return True
        if before.endswith(("-", "#")) and s >= 2 and text[s - 2].isalpha():
            return True  # F-16, COVID-19
        if s > 0 and text[s - 1].isalpha():
            return True  # G20
        if j == i + 1 and "," not in num and "." not in num and 1800 <= value <= 2100 \
                and not (prev in QUALIFIERS and nxt.endswith("s")):
            return True  # a year
        if re.match(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|[ap]\.?m\b)", after, re.I):
            return True
        if re.match(r"[-\u2013]\d", after):
            return False
    if prev in MONTHS or nxt in MONTHS:
        return True
    if prev == "the" and nxt in MONTHS:
        return True
    if i > 0 and toks[i - 1][0][:1].isupper() and prev not in QUALIFIERS \
            and prev not in VAGUE_DETERMINERS and prev not in ("a", "the", "about", "some") \
            and not _sentence_start(toks, i - 1) and toks[i - 1][3] is None \
            and prev not in ("no",) and toks[i - 1][0] not in MONEY:
        return True  # Resolution 2334, Boeing 737
    return prev in ("no", "no.", "number", "nos") and toks[i - 1][0][:1].isupper()


def _sentence_start(toks, k: int) -> bool:
    return k == 0 or toks[k - 1][0] in (".", "!", "?", '"', "\u201c", ":", "(")


def _figure(text, toks, lows, i, j, value, low, high, vague) -> Figure:
    start = toks[i][1]
    end = toks[j - 1][2]
    qualifier = None
    direction = "exact"
    category = "count"
    unit = None
    unit_end = None
    # money sign before the number
    if i > 0 and toks[i - 1][0] in MONEY and toks[i - 1][2] == start:
        unit, category = MONEY[toks[i - 1][0]], "money"
        start = toks[i - 1][1]
        i -= 1
    for words in _QUALIFIER_WORDS:
        k = i - len(words)
        if k >= 0 and lows[k:i] == words:
            qualifier = text[toks[k][1] : toks[i - 1][2]]
            direction = QUALIFIERS[" ".join(words)]
            start = toks[k][1]
            break
    # "2,800 or more", "1,300-plus", "2,800+"
    rest = text[end : end + 12]
    m = re.match(r"(?:\s+or\s+more|-?\s?plus\b|\+)", rest)
    if m:
        direction = "above"
        qualifier = (qualifier + " " if qualifier else "") + m.group().strip()
        end += m.end()
        while j < len(toks) and toks[j][1] < end:
            j += 1
    if direction in ("above", "below") and not vague:
        low, high = (value, math.inf) if direction == "above" else (0.0, value)
    elif direction == "approx" and not vague:
        low, high = min(low, value * 0.95), max(high, value * 1.05)
    # unit: the noun after the figure, past demonyms and a few adjectives
    modifiers: list[str] = []
    k = j
    rest = text[end : end + 12]
    if unit is None and (rest.startswith("%") or re.match(r"\s*(?:percent|per cent|pct)\b",
                                                          rest, re.I)):
        unit, category = "percent", "percent"
        unit_end = end + re.match(r"\s*(?:%|percent|per cent|pct)", rest, re.I).end()
    elif unit is None and rest.startswith("-") and k < len(toks):
        # "17-year war", "ten-day"
        m = re.match(r"-([a-z]+)", rest)
        if m and _singular(m.group(1)) in TIME_UNITS:
            unit, category, unit_end = _singular(m.group(1)), "time", end + m.end()
    if unit is None:
        while k < len(toks) and len(modifiers) < 3:
            tok, lw = toks[k][0], lows[k]
            if not tok[:1].isalpha() or lw in _STOP_AFTER:
                break
            if lw == "of" and vague and not modifiers:
                k += 1
                continue
            if lw in _UNIT_SKIP or (tok[:1].isupper() and k + 1 < len(toks)
                                     and toks[k + 1][0][:1].isalpha()
                                     and lows[k + 1] not in _STOP_AFTER):
                modifiers.append(tok)
                k += 1
                continue
            unit, unit_end = lw, toks[k][2]
            break
        if unit is not None:
            sing = _singular(unit)
            if sing in TIME_UNITS:
                category, unit = "time", sing
            elif sing in MONEY_WORDS:
                category, unit = "money", sing
    if unit is None:
        modifiers = []
    return Figure(
        start=start, end=end, text=text[start:end], value=value, low=low, high=high,
        qualifier=qualifier, direction=direction, unit=unit, unit_end=unit_end, vague=vague,
        category=category, modifiers=tuple(modifiers),
    )
