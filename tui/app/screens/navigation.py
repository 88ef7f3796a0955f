"""Where the compare screen's keys lead: pure functions of a Comparison (no Textual here).

Sides are numbered 0 (the left pane, ``Comparison.a``) and 1 (the right pane, ``b``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import islice

from ...core.model import Comparison, Divergence, Link
from ..widgets.lines import KIND_MARKERS, PAIR_COLOURS, Mark


class Navigator:
    """Link maps, divergence order and marks for one comparison, computed once."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.links: tuple[Link, ...] = (*comparison.links, *comparison.heads)
        """The links, then the headline and dek pairs (``heads``), which the reader shows
        and steps through like links."""
        self.links_of = tuple(self._links_of(side) for side in (0, 1))
        """Passage -> indexes of the links holding it, per side (a passage may be in two)."""
        self.only = (tuple(sorted(comparison.only_a)), tuple(sorted(comparison.only_b)))
        sizes = (len(comparison.a.passages), len(comparison.b.passages))
        self.sizes = sizes
        self._linked = tuple(sorted(self.links_of[side]) for side in (0, 1))
        self._order = tuple(self._divergence_order(side) for side in (0, 1))

    def _links_of(self, side: int) -> dict[int, tuple[int, ...]]:
        out: dict[int, tuple[int, ...]] = {}
        for i, link in enumerate(self.links):
            for p in link.a if side == 0 else link.b:
                out[p] = (*out.get(p, ()), i)
        return out

    # -- what the panes show ----------------------------------------------------------------

    @staticmethod
    def colour(link: int) -> int:
        """The ``align--pair-N`` colour of a link (the exports use the same rule)."""
        return link % PAIR_COLOURS

    def colours(self, side: int) -> tuple[int | None, ...]:
        """Colour of each passage: that of its first link; None when it has no counterpart."""
        links_of = self.links_of[side]
        return tuple(
            self.colour(links_of[p][0]) if p in links_of else None
            for p in range(self.sizes[side])
        )

    def markers(self, side: int) -> tuple[str, ...]:
        best: dict[int, Divergence] = {}
        for d in self.comparison.divergences:
            p = self.passage_of(d, side)
            if p is not None and (p not in best or d.salience > best[p].salience):
                best[p] = d
        return tuple(
            KIND_MARKERS.get(best[p].kind, "!") if p in best else ""
            for p in range(self.sizes[side])
        )

    def second_colours(self, side: int) -> tuple[int | None, ...]:
        """Colour of each passage's second link (None for a passage in at most one)."""
        links_of = self.links_of[side]
        return tuple(
            self.colour(links_of[p][1]) if len(links_of.get(p, ())) > 1 else None
            for p in range(self.sizes[side])
        )

    def link_index(self, side: int, passage: int, prefer: int | None = None) -> int | None:
        """The link holding ``passage``: ``prefer`` if it is one of them, else the first."""
        indexes = self.links_of[side].get(passage)
        if not indexes:
            return None
        return prefer if prefer in indexes else indexes[0]

    def link(self, side: int, passage: int, prefer: int | None = None) -> Link | None:
        index = self.link_index(side, passage, prefer)
        return None if index is None else self.links[index]

    def link_passages(self, side: int, link: Link) -> tuple[int, ...]:
        return link.a if side == 0 else link.b

    def counterpart(
        self, side: int, passage: int, prefer: int | None = None
    ) -> tuple[int, ...]:
        """Passages of the other side linked to ``passage`` (empty if it has none)."""
        link = self.link(side, passage, prefer)
        return () if link is None else self.link_passages(1 - side, link)

    def anchor(self, side: int, passage: int, prefer: int | None = None) -> int | None:
        """The passage of the other side to show level with ``passage``.

        Its counterpart when it has one; otherwise the counterpart of the nearest linked
        passage before it (or after it, at the top of the article).
        """
        if self.sizes[1 - side] == 0:
            return None
        mine = self.counterpart(side, passage, prefer)
        if mine:
            return mine[0]
        linked = self._linked[side]
        if not linked:
            return None
        i = bisect_left(linked, passage)
        if i > 0:
            return self.counterpart(side, linked[i - 1])[-1]
        return self.counterpart(side, linked[0])[0]

    def word_marks(self, side: int, link: Link) -> list[Mark]:
        marks = []
        for op in link.ops:
            if op.op == "equal":
                continue
            if side == 0:
                start, text = op.a_start, op.a_text
                only = "diff--deleted"
            else:
                start, text = op.b_start, op.b_text
                only = "diff--inserted"
            size = len(text.rstrip())
            if not size:
                continue
            lead = len(text) - len(text.lstrip())
            if op.soft:
                kind = "diff--soft"
            elif op.op == "replace":
                kind = "diff--changed"
            else:
                kind = only
            marks.append(Mark(start + lead, start + size, kind))
        return marks

    def divergence_marks(self, side: int, d: Divergence) -> list[Mark]:
        span = d.a_span if side == 0 else d.b_span
        if span and span[1] > span[0]:
            return [Mark(span[0], span[1], "diff--divergence")]
        return []

    # -- divergences ------------------------------------------------------------------------

    @staticmethod
    def passage_of(d: Divergence, side: int) -> int | None:
        return d.a_passage if side == 0 else d.b_passage

    def _divergence_order(self, side: int) -> list[tuple[float, int]]:
        """(position in this side's reading order, index) for every divergence, sorted."""
        order = []
        for index, d in enumerate(self.comparison.divergences):
            mine = self.passage_of(d, side)
            if mine is not None:
                pos = float(mine)
            else:
                other = self.passage_of(d, 1 - side)
                if other is None:
                    continue
                anchor = self.anchor(1 - side, other)
                pos = (anchor + 0.5) if anchor is not None else float(self.sizes[side])
            order.append((pos, index))
        order.sort()
        return order

    def step_divergence(
        self, side: int, direction: int, *, current: int | None, passage: int,
        kind: str | None = None,
    ) -> int | None:
        """The next (``direction`` 1) or previous (-1) divergence, wrapping around.

        From ``current`` when set (the divergence last visited), else from the cursor's
        ``passage``.  With ``kind``, only divergences of that kind count.
        """
        order = [(pos, i) for pos, i in self._order[side]
                 if kind is None or self.comparison.divergences[i].kind == kind]
        if not order:
            return None
        if current is not None and any(i == current for _, i in order):
            at = next(n for n, (_, i) in enumerate(order) if i == current)
            return order[(at + direction) % len(order)][1]
        positions = [pos for pos, _ in order]
        if direction > 0:
            at = bisect_left(positions, passage)
            return order[at % len(order)][1]
        at = bisect_left(positions, passage) - 1
        return order[at][1]

    def step_only(self, side: int, passage: int, direction: int) -> int | None:
        """The next or previous passage found only on this side, wrapping around."""
        only = self.only[side]
        if not only:
            return None
        if direction > 0:
            at = bisect_right(only, passage)
            return only[at % len(only)]
        at = bisect_left(only, passage) - 1
        return only[at]


def find_all(body: str, query: str, *, limit: int) -> tuple[tuple[int, int], ...]:
    """Spans of ``query`` in ``body`` (case-insensitive, literal), at most ``limit``."""
    if not query.strip():
        return ()
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    return tuple(m.span() for m in islice(pattern.finditer(body), limit))


def next_hit(hits: list[list[int]], side: int, passage: int) -> tuple[int, int] | None:
    """(side, passage) of the next passage with a match: after ``passage`` on this side,
    then from the top of the other side, then from the top of this side."""
    mine = hits[side]
    after = [p for p in mine if p > passage]
    if after:
        return side, after[0]
    if hits[1 - side]:
        return 1 - side, hits[1 - side][0]
    if mine:
        return side, mine[0]
    return None
