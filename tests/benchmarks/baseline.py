"""The baseline Parallax is measured against: a difflib sentence-and-word pipeline.

What one writes with the standard library alone: every sentence of A is compared with every
sentence of B (``SequenceMatcher.ratio`` over word tokens), the best partner at or above 0.5
is kept, and each pair is word-diffed with ``autojunk=False`` (the default drops common words
from long sequences). ``filtered=True`` is the careful variant that skips pairs whose
``real_quick_ratio``/``quick_ratio`` upper bounds cannot beat the best so far (same partners,
far fewer full ratios). Both are quadratic in sentences; on long texts ``estimate`` times a
sample of A's sentences against all of B and scales up.
"""

from __future__ import annotations

import random
import re
import time
from difflib import SequenceMatcher

_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*|[^\w\s]")
PAIR_RATIO = 0.5


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _best_partner(sm: SequenceMatcher, a_tok: list[str], b_toks: list[list[str]],
                  filtered: bool) -> int | None:
    sm.set_seq2(a_tok)  # seq2 carries the cached index; A's sentence is matched against all B
    best, best_j = PAIR_RATIO, None
    for j, b in enumerate(b_toks):
        sm.set_seq1(b)
        if filtered and (sm.real_quick_ratio() < best or sm.quick_ratio() < best):
            continue
        r = sm.ratio()
        if r >= best:
            best, best_j = r, j
    return best_j


def _word_diff(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def pipeline(a_sentences: list[str], b_sentences: list[str], *, filtered: bool = False
             ) -> list[tuple[int, int, list]]:
    """Pair sentences, then word-diff each pair: ``[(i, j, opcodes), ...]``."""
    a_toks = [tokens(s) for s in a_sentences]
    b_toks = [tokens(s) for s in b_sentences]
    sm = SequenceMatcher(None, autojunk=False)
    out = []
    for i, a in enumerate(a_toks):
        j = _best_partner(sm, a, b_toks, filtered)
        if j is not None:
            out.append((i, j, _word_diff(a, b_toks[j])))
    return out


def estimate(a_sentences: list[str], b_sentences: list[str], *, budget: float = 20.0,
             filtered: bool = False, seed: int = 11) -> tuple[float, bool, int]:
    """Time of ``pipeline`` on the whole input, measured on a random sample of A's sentences
    when the whole would take longer than ``budget`` seconds.

    Returns ``(seconds, extrapolated, rows measured)``.
    """
    a_toks = [tokens(s) for s in a_sentences]
    t0 = time.perf_counter()
    b_toks = [tokens(s) for s in b_sentences]
    tokenise = (time.perf_counter() - t0) * 2  # both sides
    sm = SequenceMatcher(None, autojunk=False)
    order = list(range(len(a_toks)))
    random.Random(seed).shuffle(order)
    done = 0
    t0 = time.perf_counter()
    for i in order:
        j = _best_partner(sm, a_toks[i], b_toks, filtered)
        if j is not None:
            _word_diff(a_toks[i], b_toks[j])
        done += 1
        if time.perf_counter() - t0 > budget and done < len(order):
            break
    spent = time.perf_counter() - t0
    whole = spent * len(order) / done
    return tokenise + whole, done < len(order), done
