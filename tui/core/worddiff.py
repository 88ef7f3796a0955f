"""Word-level differences inside a link, in difflib's opcode vocabulary.

Tokens are compared casefolded with quotes and dashes unified (rapidfuzz's Levenshtein opcodes
over token sequences), then every operation is classed: ``equal`` only when the words are
identical; a ``replace`` that only changes case, punctuation, quote style, spelling or
transliteration (Mahmoud/Mahmud, el-Sisi/al-Sisi), or inflection is *soft*; anything else is
substantive.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from .model import WordOp
from .textnorm import fold, spans_of, stem, strip_accents, word_pieces

_WORDISH = re.compile(r"\w")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ul|ad|as|ash|at|an|ar)-", re.I)


def _words(text: str) -> list[str]:
    return [t for t in re.findall(r"\w+(?:['\-]\w+)*", fold(text))]


def _same_name(x: str, y: str) -> bool:
    """Spelling or transliteration variants of one name."""
    x0, y0 = strip_accents(x), strip_accents(y)
    x1, y1 = _ARTICLE_PREFIX.sub("", x0), _ARTICLE_PREFIX.sub("", y0)
    if x1 == y1:
        return True
    if min(len(x1), len(y1)) < 4 or x1[0] != y1[0]:
        return False
    return ratio(x1, y1) >= 80


def is_soft(a_text: str, b_text: str) -> bool:
    """Is the change from ``a_text`` to ``b_text`` only a soft one?"""
    if fold(a_text).split() == fold(b_text).split():
        return True  # case, quote style, white space
    wa, wb = _words(a_text), _words(b_text)
    if wa == wb:
        return True  # punctuation only
    if len(wa) != len(wb):
        joined_a, joined_b = "".join(wa), "".join(wb)
        return bool(joined_a) and joined_a.replace("-", "") == joined_b.replace("-", "")
    for x, y in zip(wa, wb, strict=True):
        if x == y or stem(x) == stem(y):
            continue
        if x.replace("-", "") == y.replace("-", ""):
            continue
        if _same_name(x, y):
            continue
        return False
    return True


def word_ops(
    a_body: str, a_start: int, a_end: int, b_body: str, b_start: int, b_end: int
) -> tuple[WordOp, ...]:
    """Operations turning ``a_body[a_start:a_end]`` into ``b_body[b_start:b_end]``."""
    a_text, b_text = a_body[a_start:a_end], b_body[b_start:b_end]
    if a_text == b_text and a_text:
        # (what the general path gives for the same text: one equal operation)
        return (WordOp("equal", a_start, a_start + len(a_text), b_start,
                       b_start + len(b_text), a_text, b_text),)
    pa, pb = word_pieces(a_text), word_pieces(b_text)  # (the texts of ``word_spans``)
    sa, sb = spans_of(pa), spans_of(pb)
    ka, kb = _keys(a_text, pa), _keys(b_text, pb)
    ops: list[WordOp] = []

    def piece(spans, i1, i2, text) -> tuple[int, int]:
        if i1 == i2:
            pos = spans[i1][0] if i1 < len(spans) else len(text)
            return pos, pos
        return spans[i1][0], spans[i2 - 1][1]

    def emit(op: str, i1: int, i2: int, j1: int, j2: int, soft: bool = False) -> None:
        x1, x2 = piece(sa, i1, i2, a_text)
        y1, y2 = piece(sb, j1, j2, b_text)
        prev = ops[-1] if ops else None
        if prev is not None and prev.op == op and prev.soft == soft:
            ops[-1] = WordOp(op, prev.a_start, a_start + x2, prev.b_start, b_start + y2,
                             prev.a_text + a_text[x1:x2], prev.b_text + b_text[y1:y2], soft)
            return
        ops.append(WordOp(op, a_start + x1, a_start + x2, b_start + y1, b_start + y2,
                          a_text[x1:x2], b_text[y1:y2], soft))

    for tag, i1, i2, j1, j2 in _merged_opcodes(ka, kb):
        if tag == "equal":
            # equal on folded keys: identical words stay equal, others are soft replaces
            # (each run of either kind emitted at once: the pieces are contiguous)
            same = [x.rstrip() == y.rstrip() for x, y in zip(pa[i1:i2], pb[j1:j2], strict=True)]
            k = 0
            while k < len(same):
                r = k + 1
                while r < len(same) and same[r] == same[k]:
                    r += 1
                if same[k]:
                    emit("equal", i1 + k, i1 + r, j1 + k, j1 + r)
                else:
                    emit("replace", i1 + k, i1 + r, j1 + k, j1 + r, True)
                k = r
            continue
        x1, x2 = piece(sa, i1, i2, a_text)
        y1, y2 = piece(sb, j1, j2, b_text)
        sub_a, sub_b = a_text[x1:x2], b_text[y1:y2]
        if tag == "replace":
            soft = is_soft(sub_a, sub_b)
        else:
            soft = not _WORDISH.search(sub_a if tag == "delete" else sub_b)
        emit(tag, i1, i2, j1, j2, soft)
    return tuple(ops)


def _keys(text: str, pieces: list[str]) -> list[str]:
    """The folded form of every token (for ASCII text, ``fold`` is ``lower``)."""
    if text.isascii():
        return list(map(str.strip, map(str.lower, pieces)))
    return [fold(p).strip() for p in pieces]


def _merged_opcodes(ka: list[str], kb: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Levenshtein opcodes over tokens, with each run of changes made one operation
    ("Prime Minister" -> "President" is one replace, not a replace and a delete)."""
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(ka, kb):
        if tag != "equal" and out and out[-1][0] != "equal":
            _, pi1, _pi2, pj1, _pj2 = out.pop()
            i1, j1 = pi1, pj1
            tag = "replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert"
        out.append((tag, i1, i2, j1, j2))
    return out
