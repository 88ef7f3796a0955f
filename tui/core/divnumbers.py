"""Number divergences: pair the figures of two articles that count the same thing.

Every figure of both articles gets a context: the words around it (stems and the shared
concepts of ``textnorm``, such as *death* for killed/deaths/lives), weighted by how rare they
are among the passages of the two articles, and the *event* words right next to it.  Pairs
are scored by that context, their unit, whether their passages are linked, and how close the
values are; the best pairs are taken one to one (an exact agreement is taken first, so "more
than 1,300 Israelis" and "over 1,300 Israeli lives" pair with each other and stay quiet).
A pair whose figures disagree is a ``number`` divergence; the same figure qualified in
another way ("roughly 2,000" against "all 2,000") is a low ``wording`` one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .divcommon import article_cache, fold
from .numbers import Figure, compare_figures, describe, format_difference, parse_figures, same_unit
from .textnorm import CONCEPT_OF, STOP_WORDS, stem

WINDOW = 8
"""Words each side of a figure that make its context."""
EVENT_WINDOW = 4
MIN_CONTEXT = 0.22
MIN_CONTEXT_LINKED = 0.08
MAX_RATIO = 3.0
"""Figures further apart than this pair only inside one link."""

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*|\d[\d,.]*")


@dataclass(slots=True)
class _Fig:
    fig: Figure
    """With offsets into the article body."""
    passage: int
    context: set[str]
    events: set[str]
    """Concepts right next to the figure (death, injury, evacuate...)."""


@article_cache
def _figures(article) -> list[_Fig]:
    out = []
    for p in article.passages:
        figs = parse_figures(p.text)
        if not figs:
            continue
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(p.text)]
        for f in figs:
            if f.category == "count" and f.value < 2 and not f.vague:
                continue
            before = [w for w in words if w[1] <= f.start][-WINDOW:]
            after = [w for w in words if w[0] >= f.end][:WINDOW]
            context = _terms(w[2] for w in before + after)
            events = _events(f, before, after)
            if f.unit:
                context.add("unit:" + stem(f.unit))
            shifted = Figure(
                start=p.start + f.start, end=p.start + f.end, text=f.text, value=f.value,
                low=f.low, high=f.high, qualifier=f.qualifier, direction=f.direction,
                unit=f.unit, unit_end=p.start + f.unit_end if f.unit_end is not None else None,
                vague=f.vague, category=f.category, modifiers=f.modifiers,
            )
            out.append(_Fig(shifted, p.index, context, events))
    return out


def _concepts(words) -> set[str]:
    found = (CONCEPT_OF.get(stem(fold(w))) for w in words)
    return {c for c in found if c and not c.startswith("place")}


def _events(f: Figure, before, after) -> set[str]:
    """What the figure counts: the concept of its unit, else of the words just after it,
    else just before it (killed, injured, evacuate...)."""
    if f.unit:
        found = _concepts([f.unit])
        if found:
            return found
    for words in (after[:EVENT_WINDOW], before[-EVENT_WINDOW:]):
        found = _concepts(w[2] for w in words)
        if found:
            return found
    return set()


def _terms(words) -> set[str]:
    out = set()
    for w in words:
        low = fold(w).replace("\u2019", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if not low[:1].isalpha() or low in STOP_WORDS or len(low) < 3:
            continue
        s = stem(low)
        out.add(s)
        concept = CONCEPT_OF.get(s)
        if concept:
            out.add("@" + concept)
    return out


@article_cache
def _passage_df(article) -> dict[str, int]:
    df: dict[str, int] = {}
    for p in article.passages:
        for t in _terms(_WORD.findall(p.text)):
            df[t] = df.get(t, 0) + 1
    return df


def _weights(figs_a: list[_Fig], figs_b: list[_Fig], a, b) -> dict[str, float]:
    """IDF of the figures' context terms over the passages of both articles."""
    da, db = _passage_df(a), _passage_df(b)
    n = len(a.passages) + len(b.passages)
    terms = {t for f in (*figs_a, *figs_b) for t in f.context}
    return {t: math.log((n + 1) / (da.get(t, 0) + db.get(t, 0) + 0.5)) for t in terms}


def _term_weights(idf: dict[str, float]) -> dict[str, float]:
    """Weight of each context term: its IDF (at least 0.2), shared concepts a little more,
    the unit a fixed 1.5."""
    return {t: 1.5 if t.startswith("unit:") else
            max(0.2, v) * (1.2 if t.startswith("@") else 1.0) for t, v in idf.items()}


def _context_score(x: _Fig, y: _Fig, w: dict[str, float], totals: dict[int, float]) -> float:
    shared = x.context & y.context
    if not shared:
        return 0.0
    return 2 * sum(w[t] for t in shared) / (totals[id(x)] + totals[id(y)])


def number_divergences(ctx) -> list:
    """``number`` (and qualifier ``wording``) divergences of a comparison's ``_Context``."""
    a, b = ctx.a, ctx.b
    figs_a, figs_b = _figures(a), _figures(b)
    if not figs_a or not figs_b:
        return []
    w = _term_weights(_weights(figs_a, figs_b, a, b))
    totals = {id(f): sum(w[t] for t in f.context) for f in (*figs_a, *figs_b)}
    cands = []
    for i, x in enumerate(figs_a):
        for j, y in enumerate(figs_b):
            if x.fig.category != y.fig.category:
                continue
            if x.events and y.events and not x.events & y.events:
                continue  # killed against injured
            linked = ctx.linked(x.passage, y.passage) is not None
            if x.fig.category == "time" and (not linked or _compound(a.body, x.fig) !=
                                             _compound(b.body, y.fig)):
                continue  # spans of time are common: same link, same form ("17-year war")
            ratio = _ratio(x.fig, y.fig)
            if not linked and ratio > MAX_RATIO:
                continue  # far apart
            score = _context_score(x, y, w, totals)
            if score < MIN_CONTEXT_LINKED:
                continue
            bare = (x.fig.unit is None and not x.fig.vague) != (
                y.fig.unit is None and not y.fig.vague)
            if not linked and bare and score < 0.4:
                continue  # a bare number ("Mattis, 68,") against a count
            match = compare_figures(x.fig, y.fig)
            if not match.comparable:
                continue
            event = bool(x.events & y.events)
            if linked or event and (match.agree or ratio <= 1.3):
                needed = MIN_CONTEXT_LINKED
            elif event:
                needed = 0.15
            else:
                needed = MIN_CONTEXT
            if score < needed:
                continue
            if x.fig.unit is None and y.fig.unit is None and not linked and score < 0.4 \
                    and not event:
                continue  # bare numbers ("Mattis, 68,") need strong evidence
            score += 0.25 * linked + 0.2 * event
            score += 0.15 * (same_unit(x.fig, y.fig) and x.fig.category != "time")
            if match.agree:
                score += 0.3
            elif ratio <= 1.1:
                score += 0.25
            elif ratio <= 1.3:
                score += 0.15
            elif ratio > 2:
                score -= 0.15
            cands.append((score, i, j, match, linked))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for score, i, j, match, linked in cands:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = figs_a[i].fig, figs_b[j].fig
        da, db = describe(x, a.body), describe(y, b.body)
        a_span = (x.start, x.unit_end or x.end)
        b_span = (y.start, y.unit_end or y.end)
        topic = _topic(figs_a[i], figs_b[j])
        if not match.agree:
            salience = 0.84 + 0.04 * linked + min(0.04, 0.04 * score)
            diff = format_difference(match.difference)
            note = f"Figure differs: {da} (A) vs {db} (B)" + (f" {diff}" if diff else "")
            out.append(ctx.make("number", note, salience, a_span, b_span, topic=topic))
        elif match.qualifier_differs and (x.qualifier or y.qualifier):
            note = f"Same figure, qualified differently: {da} (A) vs {db} (B)"
            out.append(ctx.make("wording", note, 0.3, a_span, b_span, topic=topic))
    return out


def _compound(body: str, f: Figure) -> bool:
    return body[f.end : f.end + 1] == "-"


def _ratio(x: Figure, y: Figure) -> float:
    """How far apart two values are (1 = equal); a vague amount counts at its middle."""
    def mid(f: Figure) -> float:
        return (f.low + f.high) / 2 * f.base_value / f.value if f.vague and f.value else \
            f.base_value
    lo, hi = sorted((mid(x), mid(y)))
    return hi / lo if lo > 0 else float("inf")


def _topic(x: _Fig, y: _Fig) -> str:
    events = sorted(x.events & y.events)
    unit = x.fig.unit if x.fig.unit and same_unit(x.fig, y.fig) else None
    bits = [b for b in (unit, events[0] if events else None) if b]
    return "Figure" + (f" ({', '.join(bits)})" if bits else "")
