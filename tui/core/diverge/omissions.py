"""Omission divergences: a passage only one article has, naming a person or giving a figure
that the other article does not report."""

from __future__ import annotations

import re

from ..model import Divergence
from .common import SALIENCE, words
from .context import Context
from .figures import parse_figures


def omissions(ctx: Context) -> list[Divergence]:
    out: list[Divergence] = []
    for side, article, other, only in (("A", ctx.a, ctx.b, ctx.c.only_a),
                                       ("B", ctx.b, ctx.a, ctx.c.only_b)):
        other_words = set(words(other.body))
        for idx in only:
            p = article.passages[idx]
            figures = [f for f in parse_figures(p.text) if f.value >= 2]
            names = {w for w in re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b", p.text)
                     if w.lower() not in other_words}
            if not figures and not names:
                continue
            salience = SALIENCE["omission"] + (0.1 if figures else 0.0) + min(
                0.1, 0.02 * len(names))
            preview = p.text if len(p.text) <= 90 else p.text[:87].rstrip() + "\u2026"
            note = f"Only {side} reports: {preview}"
            span = (p.start, p.end)
            key = f"omission:{article.id}:{idx}"
            if side == "A":
                out.append(ctx.make("omission", note, salience, span, None, key=key,
                                    topic="Only one outlet reports"))
            else:
                out.append(ctx.make("omission", note, salience, None, span, key=key,
                                    topic="Only one outlet reports"))
    return out
