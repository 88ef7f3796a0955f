"""Number divergences: pair the figures of two articles that count the same thing.

Every figure of both articles gets a context: the words around it (stems and the shared
concepts of ``align.features``, such as *death* for killed/deaths/lives), weighted by how rare they
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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..align.features import CONCEPT_OF, STOP_WORDS, stem
from .common import SALIENCE, article_cache, fold
from .figure_match import compare_figures, describe, format_difference, same_unit
from .figures import Figure, parse_figures

WINDOW = 8
"""Words each side of a figure that make its context."""
EVENT_WINDOW = 4
MIN_CONTEXT = 0.22
MIN_CONTEXT_LINKED = 0.08
MAX_RATIO = 3.0
"""Figures further apart than this pair only inside one link."""
MAX_PARTNERS = 48
"""Bounds the figures of the other article one figure is weighed against (see ``_partners``),
so that two articles with thousands of figures are paired in near-linear time; no real
article comes near it."""

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
        starts = [w[0] for w in words]
        ends = [w[1] for w in words]  # words do not overlap: both lists are sorted
        for f in figs:
            if f.category == "count" and f.value < 2 and not f.vague:
                continue
            k = bisect_right(ends, f.start)
            before = words[max(0, k - WINDOW) : k]
            k = bisect_left(starts, f.end)
            after = words[k : k + WINDOW]
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
    """``number`` (and qualifier ``wording``) divergences of a comparison's ``Context``."""
    a, b = ctx.a, ctx.b
    figs_a, figs_b = _figures(a), _figures(b)
    if not figs_a or not figs_b:
        return []
    w = _term_weights(_weights(figs_a, figs_b, a, b))
    totals = {id(f): sum(w[t] for t in f.context) for f in (*figs_a, *figs_b)}
    cands = []
    for i, partners in enumerate(_partners(ctx, figs_a, figs_b, w)):
        x = figs_a[i]
        for j in partners:
            y = figs_b[j]
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
            out.append(ctx.make("wording", note, SALIENCE["qualifier"], a_span, b_span,
                                topic=topic))
    return out


def _partners(ctx, figs_a: list[_Fig], figs_b: list[_Fig], w: dict[str, float]
              ) -> list[list[int]]:
    """For each figure of A, the figures of B (indices, ascending) it may pair with.

    A pair is scored only if the two share a context term, so these are the figures of the
    same category that share one (found through an index of the terms): all of them when
    they are few (up to ``4 * MAX_PARTNERS`` term matches: any real article).  Past that,
    the figures sharing its rarer terms, up to ``3 * MAX_PARTNERS``, and the
    ``MAX_PARTNERS`` nearest (in value, then relative position) among those sharing its
    most telling common term and among those of its own link."""
    b_len = max(1, len(ctx.b.body))
    postings: dict[tuple[str, str], list[int]] = {}  # (category, term) -> figures of B
    for j, y in enumerate(figs_b):
        for t in y.context:
            postings.setdefault((y.fig.category, t), []).append(j)
    nearby: dict[tuple, _Nearest] = {}

    def nearest(block: tuple, members) -> _Nearest:
        found = nearby.get(block)
        if found is None:
            found = nearby[block] = _Nearest(
                [(_log_mid(figs_b[j].fig), figs_b[j].fig.start / b_len, j) for j in members])
        return found

    linked_b: dict[tuple[str, int], list[int]] | None = None
    a_len = max(1, len(ctx.a.body))
    out: list[list[int]] = []
    for x in figs_a:
        category = x.fig.category
        lists = [(t, postings[(category, t)]) for t in x.context if (category, t) in postings]
        if sum(len(js) for _, js in lists) <= 4 * MAX_PARTNERS:
            out.append(sorted({j for _, js in lists for j in js}))
            continue
        key = (_log_mid(x.fig), x.fig.start / a_len)
        found: set[int] = set()
        common = False
        for t, js in sorted(lists, key=lambda tj: (-w[tj[0]], tj[0])):  # most telling first
            if len(js) <= MAX_PARTNERS:
                found.update(js)
            elif not common:
                found.update(nearest((category, t), js).around(key, MAX_PARTNERS))
                common = True
            if len(found) >= 3 * MAX_PARTNERS:
                break
        link = ctx.link_a.get(x.passage)
        if link is not None:
            if linked_b is None:
                linked_b = {}
                for j, y in enumerate(figs_b):
                    link_y = ctx.link_b.get(y.passage)
                    if link_y is not None:
                        linked_b.setdefault((y.fig.category, link_y), []).append(j)
            own = linked_b.get((category, link))
            if own:
                found.update(nearest(("link", category, link), own).around(key, MAX_PARTNERS))
        out.append(sorted(found))
    return out


class _Nearest:
    """Figures grouped by value (log scale) and sorted by relative position in each group, to
    find the few nearest a figure: nearest in value first, then in position."""

    def __init__(self, keyed: list[tuple[float, float, int]]) -> None:
        groups: dict[float, list[tuple[float, int]]] = {}
        for value, pos, j in keyed:
            groups.setdefault(value, []).append((pos, j))
        self.values = sorted(groups)
        self.positions = [sorted(groups[v]) for v in self.values]

    def around(self, key: tuple[float, float], k: int) -> list[int]:
        value, pos = key
        taken: list[int] = []
        lo = bisect_left(self.values, value) - 1
        hi = lo + 1
        while len(taken) < k and (lo >= 0 or hi < len(self.values)):
            if hi >= len(self.values) or lo >= 0 and \
                    value - self.values[lo] <= self.values[hi] - value:
                group, lo = self.positions[lo], lo - 1
            else:
                group, hi = self.positions[hi], hi + 1
            taken.extend(_closest(group, pos, k - len(taken)))
        return taken


def _closest(group: list[tuple[float, int]], pos: float, k: int) -> list[int]:
    """The ``k`` members of a group (sorted by position) nearest ``pos``."""
    if len(group) <= k:
        return [j for _, j in group]
    lo = bisect_left(group, (pos, -1)) - 1
    hi = lo + 1
    out = []
    while len(out) < k:
        if hi >= len(group) or lo >= 0 and pos - group[lo][0] <= group[hi][0] - pos:
            out.append(group[lo][1])
            lo -= 1
        else:
            out.append(group[hi][1])
            hi += 1
    return out


def _log_mid(f: Figure) -> float:
    """The value a figure is compared by (see ``_ratio``), on a log scale."""
    mid = (f.low + f.high) / 2 * f.base_value / f.value if f.vague and f.value else f.base_value
    return math.log(mid) if mid > 0 else -1e9


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
