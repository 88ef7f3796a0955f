"""Word-level differences inside a link, in difflib's opcode vocabulary.

Tokens are compared casefolded with quotes and dashes unified (rapidfuzz's Levenshtein opcodes
over token sequences), then every operation is classed: ``equal`` only when the words are
identical; a ``replace`` that only changes case, punctuation, quote style, spelling or
transliteration (Mahmoud/Mahmud, el-Sisi/al-Sisi), or inflection is *soft*; anything else is
substantive.
"""

from __future__ import annotations

import re
from itertools import accumulate

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from ..model import WordOp
from .features import fold, stem, strip_accents, word_pieces

_WORDISH = re.compile(r"\w")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ul|ad|as|ash|at|an|ar)-", re.I)
_WORD_TOKEN = re.compile(r"\w+(?:['\-]\w+)*")  # (the words of a folded text)


def _same_name(x: str, y: str) -> bool:
    """Spelling or transliteration variants of one name."""
    x0, y0 = strip_accents(x), strip_accents(y)
    # (a prefix has a hyphen: most words are left without running the substitution)
    x1 = _ARTICLE_PREFIX.sub("", x0) if "-" in x0 else x0
    y1 = _ARTICLE_PREFIX.sub("", y0) if "-" in y0 else y0
    if x1 == y1:
        return True
    if min(len(x1), len(y1)) < 4 or x1[0] != y1[0]:
        return False
    return ratio(x1, y1) >= 80


def is_soft(a_text: str, b_text: str) -> bool:
    """Is the change from ``a_text`` to ``b_text`` only a soft one?"""
    fa, fb = fold(a_text), fold(b_text)  # (folded once: the words are found in it too)
    wa, wb = _WORD_TOKEN.findall(fa), _WORD_TOKEN.findall(fb)
    if wa == wb:
        return True  # case, quote style, white space, punctuation
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
    ka, kb = _keys(a_text, pa), _keys(b_text, pb)
    # token k of A is a_body[xa[k]:xa[k + 1]] (the pieces tile the text), likewise for B
    # (offsets in the bodies: nothing is added to them for each operation)
    xa = list(accumulate(map(len, pa), initial=a_start))
    xb = list(accumulate(map(len, pb), initial=b_start))
    steps: list[tuple] = []  # (op, a from, a to, b from, b to, soft), offsets in the bodies
    for tag, i1, i2, j1, j2 in _merged_opcodes(ka, kb):
        if tag == "equal":
            block_a, block_b = pa[i1:i2], pb[j1:j2]
            if block_a == block_b:  # (the usual case, compared in C: one equal step)
                steps.append(("equal", xa[i1], xa[i2], xb[j1], xb[j2], False))
            else:
                steps += _equal_steps(block_a, block_b, xa[i1:i2 + 1], xb[j1:j2 + 1])
            continue
        x1, x2, y1, y2 = xa[i1], xa[i2], xb[j1], xb[j2]
        if tag == "replace":
            soft = is_soft(a_body[x1:x2], b_body[y1:y2])
        else:
            soft = not _WORDISH.search(a_body[x1:x2] if tag == "delete" else b_body[y1:y2])
        steps.append((tag, x1, x2, y1, y2, soft))
    runs: list[list] = []  # one for each run of steps of one kind
    last: list | None = None
    for op, x1, x2, y1, y2, soft in steps:
        if last is not None and last[0] == op and last[5] == soft:
            last[2], last[4] = x2, y2  # (the pieces are contiguous: one op grows)
        else:
            last = [op, x1, x2, y1, y2, soft]
            runs.append(last)
    # (from a list: quicker than from a generator)
    return tuple([WordOp(op, x1, x2, y1, y2, a_body[x1:x2], b_body[y1:y2], soft)
                  for op, x1, x2, y1, y2, soft in runs])


def _equal_steps(
    pa: list[str], pb: list[str], xa: list[int], xb: list[int]
) -> list[tuple[str, int, int, int, int, bool]]:
    """The steps of a block of tokens with equal keys: identical words stay equal, others are
    soft replaces, each run of either kind one step (``xa``/``xb``: where the pieces start,
    and the block's end)."""
    same = [x.rstrip() == y.rstrip() for x, y in zip(pa, pb, strict=True)]
    out = []
    k = 0
    while k < len(same):
        r = k + 1
        while r < len(same) and same[r] == same[k]:
            r += 1
        out.append(("equal" if same[k] else "replace", xa[k], xa[r], xb[k], xb[r], not same[k]))
        k = r
    return out


def _keys(text: str, pieces: list[str]) -> list[str]:
    """The folded form of every token (for ASCII text, ``fold`` is ``lower``)."""
    if text.isascii():
        return list(map(str.strip, map(str.lower, pieces)))
    return [fold(p).strip() for p in pieces]


def _merged_opcodes(ka: list[str], kb: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Levenshtein opcodes over tokens, with each run of changes made one operation
    ("Prime Minister" -> "President" is one replace, not a replace and a delete)."""
    out: list[tuple[str, int, int, int, int]] = []
    # (as plain tuples: quicker to unpack than rapidfuzz's Opcode objects)
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(ka, kb).as_list():
        if tag != "equal" and out and out[-1][0] != "equal":
            _, pi1, _pi2, pj1, _pj2 = out.pop()
            i1, j1 = pi1, pj1
            tag = "replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert"
        out.append((tag, i1, i2, j1, j2))
    return out
