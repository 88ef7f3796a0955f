"""Quote divergences: the same quotation rendered with other words.

Quoted pieces of the two articles are matched word by word (``quotations.matched_quotes``), and a
quotation of one article is also looked for, unquoted, in the other (one outlet quotes, the
other paraphrases).  Each differing run is ranked: other content words in the same quotation
rank high ("constructive" / "constructively minded"); a spelling, a censored word, a
colloquial form, a changed tense, or words only added or dropped rank low.
"""

from __future__ import annotations

import os
import re

from rapidfuzz.fuzz import ratio

from ..align.features import STOP_WORDS
from ..align.worddiff import is_soft
from ..model import Divergence
from .common import SALIENCE, fold, letters, word_set, words
from .figures import parse_figures
from .quotations import matched_quotes, paraphrased_quotes, word_regions
from .speakers import same_speaker, speaker_at

QUOTE_WORDS = 6
"""A longer difference inside matched quotations is other words, not another rendering."""

COLLOQUIAL = {"gonna": "going to", "wanna": "want to", "gotta": "got to", "cause": "because",
              "'cause": "because", "kinda": "kind of", "sorta": "sort of", "ya": "you",
              "y'all": "you all", "lemme": "let me", "gimme": "give me", "dunno": "do not know"}


def _content(ws: list[str]) -> set[str]:
    return {w for w in ws if w not in STOP_WORDS}


def quote_salience(at: str, bt: str, wa: list[str], wb: list[str], sim: float, *,
                   edge: bool = False):
    """Other content words in the same quotation rank high; a spelling, a censored word, a
    colloquial form, a changed tense or words only added or dropped rank low, and so do
    words cut at either end of a quotation (``edge``: one outlet quoted less of it)."""
    def plain(ws: list[str]) -> list[str]:
        return " ".join(COLLOQUIAL.get(w, w) for w in ws if w not in FRAME).split()

    pa, pb = plain(wa), plain(wb)
    if is_soft(at, bt) or pa == pb or "".join(pa) == "".join(pb) or _censored(at, bt) \
            or _inflected(pa, pb):
        return SALIENCE["quote_spelling"], "Quoted words spelled"
    ca = {w for w in pa if w not in STOP_WORDS}
    cb = {w for w in pb if w not in STOP_WORDS}
    if edge and (not _unmatched(ca, cb) or not _unmatched(cb, ca)):
        return SALIENCE["quote_spelling"], "One outlet quoted less"
    if not (ca - cb) or not (cb - ca):
        return SALIENCE["quote_added"], "Quoted words added or dropped"
    salience = SALIENCE["quote"] + 0.1 * (sim - 0.7) - 0.01 * max(0, len(wa) + len(wb) - 4)
    return salience, "Quoted words"


FRAME = word_set("""
he she they it said says told added concluded continued the agency
""")
"""Words of the attribution that a region of changed words may take in with the quotation."""


def _unmatched(xs: set[str], ys: set[str]) -> set[str]:
    """Words of ``xs`` with no partner in ``ys``: the same word, or a spelling or form of it
    (memorandums / memoranda, test / tests)."""
    return {x for x in xs if x not in ys and not any(
        len(os.path.commonprefix([x, y])) >= min(6, len(x), len(y)) - 1 and ratio(x, y) >= 75
        for y in ys)}


def _inflected(wa: list[str], wb: list[str]) -> bool:
    """Only spellings or forms of the same words differ (Momma/Mama, said/say)."""
    xa = [w for w in wa if w not in wb]
    xb = [w for w in wb if w not in wa]
    if not xa or len(xa) != len(xb):
        return False
    for p, q in zip(xa, xb, strict=True):
        prefix = len(os.path.commonprefix([p, q]))
        r = ratio(p, q)
        if not ((prefix >= 2 and r >= 50) or (prefix >= 1 and r >= 65)):
            return False
    return True


def _censored(x: str, y: str) -> bool:
    """``motherf***er`` for ``motherfucker``."""
    for c, o in ((x, y), (y, x)):
        if "*" in c:
            pattern = re.escape(fold(c)).replace(r"\*", ".")
            if re.fullmatch(pattern, fold(o)):
                return True
    return False


def quote_divergences(ctx) -> list[Divergence]:
    """Differences between two renderings of one person's quotation.

    Renderings are compared only when they are the same speaker's (``speakers``): two named
    speakers who differ are never compared, and when either article does not say who
    speaks, the difference ranks low. Words that the other article also quotes verbatim
    elsewhere are no difference (the speaker said both).
    """
    out = []
    pairs = [(x, y, sim, False) for x, y, sim in matched_quotes(ctx.a, ctx.b)]
    pairs += [(x, y, sim, True) for x, y, sim in paraphrased_quotes(ctx.a, ctx.b)]
    pairs += [(x, y, sim, True) for y, x, sim in paraphrased_quotes(ctx.b, ctx.a)]
    for x, y, sim, one_sided in pairs:
        same = same_quoter(ctx, x.start, y.start)
        if same is False:
            continue  # two people's words
        for a0, a1, b0, b1 in word_regions(x, y):
            at, bt = ctx.a.body[a0:a1], ctx.b.body[b0:b1]
            wa, wb = words(at), words(bt)
            if not wa or not wb or max(len(wa), len(wb)) > QUOTE_WORDS:
                continue
            if parse_figures(at) or parse_figures(bt):
                continue
            if letters(at) == letters(bt):
                continue
            if quoted_elsewhere(ctx, wa, wb):
                continue  # the other article has these words too
            salience, topic = quote_salience(at, bt, wa, wb, sim)
            if one_sided and not (_content(wa) and _content(wb)):
                continue
            if one_sided:
                salience, topic = min(salience, SALIENCE["quote_paraphrase"]), \
                    "Quoted by one side, paraphrased by the other"
            if same is None:
                salience = min(salience, SALIENCE["quote_unsure"])
            a_span, b_span, at, bt = ctx.phrases((a0, a1), (b0, b1))
            out.append(ctx.make("quote", f"{topic}: '{at}' (A) vs '{bt}' (B)", salience,
                                a_span, b_span, topic=topic))
    return out


def quoted_elsewhere(ctx, wa: list[str], wb: list[str]) -> bool:
    """Does either article write the other's words too, word for word (two words or more)?
    Then the speaker said both, or both articles use both."""
    return _verbatim(wa, ctx.plain_b) or _verbatim(wb, ctx.plain_a)


def same_quoter(ctx, a_at: int, b_at: int) -> bool | None:
    """Whether the quotations at body offsets ``a_at`` (of A) and ``b_at`` (of B) are one
    speaker's: True, False (two named speakers), or None (either is not said)."""
    return same_speaker(speaker_at(ctx.a, a_at), speaker_at(ctx.b, b_at))


def _verbatim(ws: list[str], plain: str) -> bool:
    return len(ws) >= 2 and f" {' '.join(ws)} " in plain
