"""Omissions: what one article reports and the other does not, ranked for a fact-checker.

A passage with no counterpart (``Comparison.only_a``/``only_b``) is an omission only when it
has something to report and the other article does not carry it:

- *something to report*: names or figures, in a sentence of some length; not boilerplate (a
  caption, "documents can be seen below", a newsletter plug, a "More:" link) and not the
  headline or dek. A lone capitalised word opening a sentence ("Analysts", "Remember") is no
  name unless the article also capitalises it inside a sentence;
- *not carried*: checked against the whole other article, not only against the links, with a
  looser test than linking. The passage's weighted words (names and figures weigh most) are
  looked for in every window of two neighbouring passages of the other article; when most of
  them are found together there, the other article tells it in other words (or as half of a
  compound sentence), and it is no omission.

Omissions are ranked by what is missing: names and figures the other article never gives, a
quotation, a longer statement rank high; a passage whose words the other article uses anyway
(near one another, or anywhere in it), one about a person's private life or schooling, or a
question (it asks, it reports nothing), rank low.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..align.linker import article_features
from ..model import Article, Divergence
from .common import SALIENCE, article_cache, fold, word_set
from .context import Context
from .figures import parse_figures
from .mentions import mentions

REPORTED = 0.55
"""A passage whose weighted words are this much found in two neighbouring passages of the
other article is told there (in other words)."""
MIN_WORDS = 6
CLASS = {"name": 1.6, "number": 1.6, "content": 1.0, "concept": 0.7}
"""How much each kind of feature says about what a passage reports (stop words nothing)."""

BOILERPLATE = re.compile(
    r"can be (?:seen|read|viewed|found) (?:below|above|here)|\bclick here\b|\bsign up\b|"
    r"\bsubscribe\b|\bnewsletter\b|\bfollow (?:us|him|her|them) on\b|\bread (?:more|the full)\b|"
    r"\b(?:watch|see) (?:the )?(?:video|below|above)\b|\bphoto(?:graph)?s? (?:by|courtesy)\b|"
    r"\b(?:AP|AFP|Reuters|Getty) (?:Photo|Images)\b|\bcontributed (?:to )?(?:this )?report"
    r"|\bthis (?:story|article) (?:has been|was) updated\b|\ball rights reserved\b|"
    r"\bcopyright\b|\badvertisement\b|^(?:more|read) (?:on|at)\b|"
    r"^(?:related|more|see also|read also|also read|recommended|watch|listen)\s*:",
    re.IGNORECASE)
"""What a page carries besides the article (general news boilerplate, any outlet)."""

PERSONAL = word_set("""
wife husband son sons daughter daughters children child kids grandchildren married marry
divorced graduate graduated graduates degree alma mater born grew raised hometown hobby
hobbies attended studied fiance fiancee girlfriend boyfriend parents father mother brother
sister siblings nephew niece uncle aunt cousin
""")
"""Words of a person's private life or schooling: background, seldom what a story is about."""

_QUOTED = re.compile("[\"\u201c\u201d]|``|''")
_TIMES = word_set("""
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december jan feb mar apr jun jul aug sep sept
oct nov dec mon tue tues wed thu thur thurs fri sat sun
""")


def omissions(ctx: Context) -> list[Divergence]:
    out: list[Divergence] = []
    for side, article, other, only in (("A", ctx.a, ctx.b, ctx.c.only_a),
                                       ("B", ctx.b, ctx.a, ctx.c.only_b)):
        if not only:
            continue
        weigh = _weigher(article, other)
        other_terms = _terms_of(other)
        other_words = _words_of(other)
        other_names = _names_of(other)
        mine = article_features(article)
        names = _passage_names(article)
        for idx in only:
            p = article.passages[idx]
            found = _omission(p, mine[idx].terms, names.get(idx, {}), weigh, other_terms,
                              other_words, other_names)
            if found is None:
                continue
            salience, why = found
            preview = p.text if len(p.text) <= 90 else p.text[:87].rstrip() + "\u2026"
            other_side = "B" if side == "A" else "A"
            note = f"Only {side} reports: {preview} ({why.format(other=other_side)})"
            span = (p.start, p.end)
            key = f"omission:{article.id}:{idx}"
            a_span, b_span = (span, None) if side == "A" else (None, span)
            out.append(ctx.make("omission", note, salience, a_span, b_span, key=key,
                                topic="Only one outlet reports"))
    return out


def _omission(p, terms, names: dict[str, str], weigh, other_terms, other_words,
              other_names) -> tuple[float, str] | None:
    """(salience, why) for an unlinked passage ``p`` (its features ``terms``, the names it
    mentions ``names``: key -> as written), or None when it is no omission."""
    text = p.text
    if not p.in_body or len(text.split()) < MIN_WORDS or BOILERPLATE.search(text):
        return None
    weights = {t: weigh(t, cls) for t, cls in terms.items() if cls in CLASS}
    total = sum(weights.values())
    if not total:
        return None
    figures = [f for f in parse_figures(text) if _checkable(f, text)]
    if not names and not figures:
        return None  # nothing a fact-checker could check
    windows, anywhere_terms = other_terms
    found: dict[int, float] = {}  # window -> weight of the passage's features it holds
    for t, w in weights.items():
        for k in windows.get(t, ()):
            found[k] = found.get(k, 0.0) + w
    told = max(found.values(), default=0.0) / total
    if told >= REPORTED:
        return None  # the other article tells it, in other words
    new_names = [shown for key, shown in names.items() if key not in other_names]
    new_figures = [f for f in figures if not _figure_in(f, other_words)]
    anywhere = sum(w for t, w in weights.items() if t in anywhere_terms)
    # what is missing ranks it: names and figures the other article never gives, a
    # quotation, a longer statement; what the other article says anyway (its words near one
    # another, or anywhere in it) ranks it down
    salience = SALIENCE["omission"] + 0.05 * min(len(new_names), 3) + (
        0.05 if new_figures else 0.0) - 0.3 * anywhere / total - 0.6 * told + (
        0.06 if _QUOTED.search(text) else 0.0) + 0.004 * min(len(text.split()), 40)
    if {w.lower().strip(".,;:\u2019'") for w in text.split()} & PERSONAL:
        salience -= 0.12  # a person's private life or schooling
    if text.rstrip(" \"'\u201d\u2019)").endswith("?") and not new_figures:
        salience -= 0.15  # a question asks, it reports nothing ("Will the hunt go on?")
    if new_figures:
        why = "{other} gives no " + new_figures[0].text.strip()
    elif new_names:
        why = "{other} never names " + ", ".join(new_names[:3])
    else:
        why = "{other} does not tell it"
    return max(0.05, salience), why


def _checkable(figure, text: str) -> bool:
    """A figure worth checking: not a small count in words ("two congressmen") and not an
    age after a name ("Cowan, 43,")."""
    if figure.value < 10 and not any(ch.isdigit() for ch in figure.text):
        return False
    return not (figure.value < 120 and figure.category == "count" and re.search(
        r"[A-Z][\w'\u2019.-]*,\s*$", text[: figure.start]) and text[figure.end:].startswith(","))


def _figure_in(figure, other_words: set[str]) -> bool:
    """Does the other article write the figure's number (as written) anywhere?"""
    digits = re.sub(r"[^\d.]", "", str(figure.value).rstrip("0").rstrip("."))
    return bool(digits) and digits in other_words


def _weigher(article: Article, other: Article):
    """Weight of a feature in a passage of ``article``: its class, times an IDF over the
    passages of both articles (a word every passage uses says little)."""
    df = _df(article) + _df(other)
    n = len(article.passages) + len(other.passages)

    def weigh(term: str, cls: str) -> float:
        return CLASS[cls] * max(0.3, math.log((n + 1) / (df.get(term, 0) + 0.5)))

    return weigh


@article_cache
def _df(article: Article) -> Counter:
    return Counter(t for f in article_features(article) for t in f.terms)


@article_cache
def _terms_of(article: Article) -> tuple[dict[str, list[int]], frozenset[str]]:
    """Where the article's features are: feature -> the windows of two neighbouring passages
    that hold it (one window for a one-passage article), and every feature it has."""
    per = [f.terms for f in article_features(article)]
    windows: dict[str, list[int]] = {}
    for k in range(min(len(per), max(1, len(per) - 1))):
        for t in {*per[k], *(per[k + 1] if k + 1 < len(per) else ())}:
            windows.setdefault(t, []).append(k)
    return windows, frozenset(windows)


@article_cache
def _passage_names(article: Article) -> dict[int, dict[str, str]]:
    """Passage -> the people, places and bodies it names (key -> the name as written)."""
    out: dict[int, dict[str, str]] = {}
    found = mentions(article)
    body = article.body
    # a lone capitalised word opening a sentence ("Analysts", "Remember") is a name only when
    # the article also capitalises it inside a sentence ("said Comey")
    named_inside = {m.key for m in found if not _opens_sentence(body, m.span[0])}
    for m in found:
        if not m.key or m.key in _TIMES:
            continue
        if " " not in m.name and m.key not in named_inside and _opens_sentence(body, m.span[0]):
            continue
        out.setdefault(m.passage, {}).setdefault(m.key, m.name)
    return out


def _opens_sentence(body: str, start: int) -> bool:
    """Does the word at ``start`` open a sentence, a quotation or a paragraph?"""
    raw = body[max(0, start - 16):start].rstrip(" \t")
    if raw.endswith(("\u201c", "\u2018", "(", "[")) or raw[-1:] in "\"'" and raw[-2:-1] in " \n":
        return True  # opens a quotation
    before = raw.rstrip("\"'\u201c\u2018([")
    if not before:
        return True
    if before[-1] == "." and re.search(r"(?:^|[\s(])(?:[A-Z][a-z]{0,3}|[A-Z]\.[A-Z]?)\.$", before):
        return False  # "Mr. Youn", "Sen. Brown", "U.S. Rep."
    return before[-1] in ".!?:\n\u2014"


@article_cache
def _names_of(article: Article) -> set[str]:
    """The keys of every name the article mentions, and every word it writes (a name the
    article mentions only in passing, lower-case or not, still counts as mentioned)."""
    return {m.key for m in mentions(article)} | _words_of(article)


@article_cache
def _words_of(article: Article) -> set[str]:
    """Every word of the article, folded, and its numbers without separators ("2,000" as
    "2000")."""
    words = {w.replace("\u2019", "'").removesuffix("'s")
             for w in re.findall(r"[\w'\u2019-]+", fold(article.body))}
    words |= {re.sub(r"[^\d.]", "", w) for w in re.findall(r"\d[\d,.]*", article.body)}
    return words
