"""Sentence segmentation for news prose.

Rules, in the order a reader applies them: a sentence ends at ``.``, ``!``, ``?`` or an ellipsis
(with any closing quotes or brackets after it) followed by white space and something that can
start a sentence; it does not end after an abbreviation (``Mr.``, ``Oct.``, ``Gen.``), an
initial (``Michael T. Flynn``), inside a number (``2.5``, ``1,300``), or inside a quotation
that goes on (``"It is over. We won," she said.`` is one sentence: the quotation and its
attribution belong together).
"""

from __future__ import annotations

import re

# Abbreviations that are followed by more of the same sentence.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "cmdr",
    "sgt", "adm", "st", "jr", "sr", "rev", "hon", "pres",
    "supt", "det", "insp", "messrs", "mmes", "fr", "pvt", "cpl",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "no", "nos", "vol", "vols", "fig", "figs", "pp", "ed", "eds", "est", "approx", "dept", "univ",
    "assn", "bros", "corp", "inc", "ltd", "co",
    "vs", "etc", "al", "cf", "ca", "e.g", "i.e",
    "ft", "mt", "ave", "blvd", "rd",
})

# After these abbreviations a capitalised word still belongs to the sentence (titles, months).
_TITLE_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "cmdr",
    "sgt", "adm", "st", "rev", "hon", "pres", "supt", "det", "insp", "fr", "pvt", "cpl", "messrs",
    "mmes", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vol", "fig", "ft", "mt",
})

# Words that usually start a sentence: used after ambiguous acronyms such as "U.S.".
SENTENCE_STARTERS = frozenset({
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
    "there", "his", "her", "its", "their", "our", "in", "on",
    "at", "but", "and", "so", "yet", "however", "meanwhile", "still", "also", "after", "before",
    "when", "while", "if", "as", "for", "since",
    "although", "though", "according", "moreover", "furthermore", "earlier", "later", "then", "now",
    "what", "why", "how", "who",
})

OPEN_QUOTES = "\"\u201c\u00ab\u2018'"
CLOSE_QUOTES = "\"\u201d\u00bb\u2019'"
CLOSERS = "\"'\u201d\u2019\u00bb)]}"

_BOUNDARY = re.compile(
    r"""
    (?P<end>
        (?<![.!?\u2026])[.!?\u2026]+   # terminal punctuation, or an ellipsis: the whole run
                                      # (tried inside a run, "....x" costs quadratic time)
        [\"'\u201d\u2019\u00bb)\]]*  # closing quotes or brackets
        (?=\s)                        # then white space
      | (?<![\u3002\uff01\uff1f\uff61])  # or a CJK full stop, which needs no space after it
        [\u3002\uff01\uff1f\uff61]+
        [\u300d\u300f\uff09\u3011\u201d\u2019]*
    )
    (?P<space>\s*)
    (?=(?P<next>[\"'\u201c\u2018\u00ab(\[\u300c\u300e\uff08\u3010]*\S))
    """,
    re.VERBOSE,
)

_WINDOW = 100
_WORD_BEFORE = re.compile(r"([\w.'\u2019-]+)$")
_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]$")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of one paragraph.

    Spans exclude the white space between sentences; ``text[start:end]`` is a sentence.
    """
    n = len(text)
    if not text.strip():
        return []
    straight_balanced = text.count('"') % 2 == 0
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    # quotation state, advanced lazily up to each candidate boundary
    scan = 0
    curly = 0
    straight_open = False
    for m in _BOUNDARY.finditer(text):
        end = m.end("end")
        # advance the quotation state to the end of the punctuation
        for ch in text[scan:end]:
            if ch == "\u201c":
                curly += 1
            elif ch == "\u201d":
                curly = max(0, curly - 1)
            elif ch == '"' and straight_balanced:
                straight_open = not straight_open
        scan = end
        if end <= start:
            continue
        if not _is_boundary(text, m, start):
            continue
        if curly > 0 or straight_open:
            continue
        spans.append((start, end))
        start = m.end("space")
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    elif not spans and n:
        spans.append((0, end))
    return _attach_strays(text, spans)


def _attach_strays(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A "sentence" of closing punctuation alone (the ``"`` of ``loyalty. "`` in text whose
    quotes were spaced out by a tokeniser) belongs to the sentence before it."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and not _HAS_WORD.search(text, start, end) and set(text[start:end]) <= _STRAY:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


_HAS_WORD = re.compile(r"\w")
_STRAY = set(CLOSERS + "\u201c\u2018 .!?\u2026")


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_boundary(text: str, m: re.Match[str], start: int) -> bool:
    punct = m.group("end")
    nxt = m.group("next")
    first = nxt[-1]
    # only the last words matter; a bounded window keeps a 100,000-character "word" linear
    before = text[max(start, m.start("end") - _WINDOW) : m.start("end")]
    core = punct.rstrip(CLOSERS)
    # Next token must look like the start of a sentence.
    if first.islower():
        return False
    if core.endswith(".") and not core.endswith("..."):
        word_m = _WORD_BEFORE.search(before + ".")
        word = word_m.group(1) if word_m else ""
        bare = word.rstrip(".").lower()
        if _INITIAL.search(before):
            return False
        if _ACRONYM.search(word):
            # U.S. / U.N. / a.m.: a boundary only when a sentence plainly starts next
            next_word = re.match(r"[\"'\u201c\u2018(]*([A-Za-z]+)", text[m.end("space") :])
            return bool(next_word and next_word.group(1).lower() in SENTENCE_STARTERS)
        if bare in _TITLE_ABBREVIATIONS:
            return False
        if bare in ABBREVIATIONS:
            next_word = re.match(r"[\"'\u201c\u2018(]*([A-Za-z]+)", text[m.end("space") :])
            return bool(next_word and next_word.group(1).lower() in SENTENCE_STARTERS)
        if first.isdigit() and bare.isdigit():
            return True
    return True
