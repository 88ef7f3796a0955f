"""Who says each quotation: the speaker a reader would name.

Two renderings of a quotation are only compared when they are the same person's words, so
every quoted span gets a speaker, looked for the way a reader does:

1. next to the quotation in its sentence: ``"...," Pelosi said``, ``said Pelosi``,
   ``Pelosi told reporters: "..."``, ``according to the Kremlin``;
2. a pronoun there (``he said``) stands for the last person named before the quotation;
3. else the person or body named in the same passage outside the quotation, or, for a
   quotation that carries on from the passage before, that passage's speaker.

A speaker is the set of the folded words of its name, titles left out (``{"nancy",
"pelosi"}``, ``{"kremlin"}``), empty when the article does not say; two speakers are the same
when their names share a word (``same_speaker``), so "Kim Jong Un" and "Kim" agree.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..model import Article
from .common import article_cache, fold, word_set
from .mentions import HONORIFICS, TITLE_WORDS, Mention, mentions
from .quotations import quote_spans

REPORTING = word_set("""
said says say saying told tells tell added adds wrote writes write tweeted tweets posted
stated states declared declares announced announces insisted insists argued argues noted
notes explained explains continued continues recalled recalls warned warns claimed claims
asked asks replied replies responded responds answered answers acknowledged admitted
conceded suggested suggests stressed stresses emphasized emphasised concluded concludes
remarked observed quipped joked vowed promised pledged urged maintained maintains
reported reports read reads according
""")
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_NAME_WORD = r"[A-Z][\w'\u2019.\-]*"
_NAME = rf"(?:{_NAME_WORD}(?:\s+(?:(?:al|el|bin|de|van|von|der|la|le)\s+)?{_NAME_WORD}){{0,4}})"
_SAYS = r"(?:" + "|".join(sorted(REPORTING - {"according"}, key=len, reverse=True)) + r")"
# after a quotation: ", Pelosi said" / ", said Pelosi" / ", he said" / ", the Kremlin said"
_AFTER_NAME_SAYS = re.compile(
    rf"^[\s,.!?\u2014\u2013-]*(?:the\s+|The\s+)?({_NAME}|he|she|they|it|we|I)\s+(?:also\s+)?"
    rf"{_SAYS}\b")
# ... or a name with a long apposition before the verb: ", Representative Jerrold Nadler,
# Democrat of New York and the chairman of the committee, said on CNN."
_AFTER_NAME_LATER_SAYS = re.compile(
    rf"^[\s,.!?\u2014\u2013-]*((?:[A-Z][\w'\u2019.\-]*\s+){{0,2}}{_NAME}),[^.!?\"\u201c\u201d]{{0,160}}?"
    rf"\b{_SAYS}\b")
_AFTER_SAYS_NAME = re.compile(
    rf"^[\s,.!?\u2014\u2013-]*(?:also\s+)?{_SAYS}\s+(?:the\s+)?({_NAME}|he|she|they)\b")
# before a quotation: "Pelosi said:" / "Pelosi told MSNBC that" / "according to Moscow,"
_BEFORE_NAME_SAYS = re.compile(
    rf"(?:the\s+|The\s+)?({_NAME}|he|she|they|He|She|They)\s+(?:also\s+|then\s+)?{_SAYS}"
    rf"(?:\s+[\w'\u2019.\-]+){{0,6}}?\s*(?:that\s*)?[:,]?\s*$")
_ACCORDING = re.compile(rf"\baccording to (?:the\s+)?({_NAME})")
WINDOW = 80
"""How far from a quotation its attribution is looked for (characters)."""


Speaker = frozenset[str]
NOBODY: Speaker = frozenset()
PRONOUN: Speaker = frozenset({"\0pronoun"})
"""(a pronoun said it: resolved to the speaker of the quotation before, in the same or the
previous passage, else left unknown)"""


def same_speaker(x: Speaker, y: Speaker) -> bool | None:
    """True when the names share a word, False when both are known and share none, None
    when either article does not say who speaks."""
    if not x or not y:
        return None
    return not x.isdisjoint(y)


@article_cache
def quote_speakers(article: Article) -> dict[tuple[int, int], Speaker]:
    """The speaker key of every quoted span (``quotations.quote_spans``) of ``article``."""
    people = [m for m in mentions(article) if not m.label]
    starts = [m.span[0] for m in people]
    body = article.body
    passage_starts = [p.start for p in article.passages]
    out: dict[tuple[int, int], Speaker] = {}
    last_of_passage: dict[int, Speaker] = {}
    for s, e in quote_spans(article):
        k = max(0, bisect_right(passage_starts, s) - 1)
        p = article.passages[k]
        speaker = _next_to(body, s, e, p.start, p.end, people, starts)
        if speaker is PRONOUN:
            speaker = last_of_passage.get(k) or last_of_passage.get(k - 1) or \
                _last_named(article, k, s, people, starts)
        elif not speaker:
            speaker = _in_passage(p.start, p.end, s, e, people, starts)
        if not speaker and s - p.start <= 2:  # a quotation carried on from the passage before
            speaker = last_of_passage.get(k - 1, NOBODY)
        out[(s, e)] = speaker
        last_of_passage[k] = speaker
    return out


def speaker_at(article: Article, start: int) -> Speaker:
    """The speaker of the quotation holding body offset ``start`` (empty if none known)."""
    spans, speakers = _by_start(article)
    k = bisect_right(spans, (start, 1 << 62)) - 1  # (the last quotation starting by it: they
    return speakers[k] if k >= 0 and start <= spans[k][1] else NOBODY  # do not overlap)


@article_cache
def _by_start(article: Article) -> tuple[list[tuple[int, int]], list[Speaker]]:
    found = quote_speakers(article)
    spans = sorted(found)
    return spans, [found[sp] for sp in spans]


def _next_to(body: str, s: int, e: int, p0: int, p1: int, people: list[Mention],
             starts: list[int]) -> Speaker:
    after = body[e + 1 : min(p1, e + 1 + 3 * WINDOW)]  # (past the closing mark)
    for pattern in (_AFTER_NAME_SAYS, _AFTER_SAYS_NAME, _AFTER_NAME_LATER_SAYS):
        m = pattern.match(after)
        if m:
            return _resolve(m.group(1), e + 1 + m.start(1), people, starts, s)
    before = body[max(p0, s - 1 - WINDOW) : max(p0, s - 1)]
    m = _BEFORE_NAME_SAYS.search(before)
    if m:
        offset = max(p0, s - 1 - WINDOW) + m.start(1)
        return _resolve(m.group(1), offset, people, starts, s)
    m = _ACCORDING.search(body, p0, p1)
    if m:
        return _resolve(m.group(1), m.start(1), people, starts, s)
    return NOBODY


def _resolve(name: str, offset: int, people: list[Mention], starts: list[int],
             quote: int) -> Speaker:
    """The speaker named ``name`` at ``offset``; a pronoun is left unknown (``_pronoun``
    decides from the quotations around it)."""
    if fold(name) in PRONOUNS:
        return PRONOUN
    return _name_words(name)


def _name_words(name: str) -> Speaker:
    words = [w.strip(".") for w in re.findall(r"[\w'\u2019.\-]+", fold(name))]
    return frozenset(w for w in words if w and w not in HONORIFICS and w not in TITLE_WORDS
                     and w not in _NOT_NAMES)


_NOT_NAMES = frozenset({"the", "of", "house", "senate", "white", "state", "news", "media"})


def _last_named(article: Article, k: int, at: int, people: list[Mention],
                starts: list[int]) -> Speaker:
    """The last person named (a given name, a title or an honorific) before ``at`` in
    passage ``k`` or the one before it: who a pronoun there stands for."""
    floor = article.passages[max(0, k - 1)].start
    n = bisect_right(starts, at) - 1
    while n >= 0 and people[n].span[0] >= floor:
        m = people[n]
        if m.given or m.title or _HONORIFIC.search(article.body, max(0, m.span[0] - 5),
                                                    m.span[0]):
            return _name_words(m.name)
        n -= 1
    return NOBODY


_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s*$")


def _in_passage(p0: int, p1: int, s: int, e: int, people: list[Mention],
                starts: list[int]) -> Speaker:
    """The one person (or body) named in the passage outside the quotation, if only one."""
    here = people[bisect_left(starts, p0):bisect_left(starts, p1)]
    names = {_name_words(m.name) for m in here
             if not s <= m.span[0] < e and (m.given or m.title)}
    names.discard(NOBODY)
    return names.pop() if len(names) == 1 else NOBODY
