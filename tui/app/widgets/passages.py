"""PassagePane: one article's passages as wrapped lines, built only when they are on screen.

The pane keeps a line index (which passage and which wrapped line every row shows), rebuilt
only when the article or the width changes.  ``render_line`` builds the strips of the one
passage a row belongs to and caches them under a key made of everything that affects how the
passage looks, so the cost of a key press does not depend on the length of the article.  The
pane draws its own scrollbar (``scrollbar``).

The screen pushes state down through the reactives; the pane posts ``PassagePane.Clicked``.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.model import Article
from .lines import PAIR_COLOURS, SPACES, Mark, wrap_starts
from .scrollbar import BAR, DrawnScrollbar

GUTTER = 3
"""Columns before the text: divergence marker, link colour bar, cursor."""
_STRIP_CACHE_SIZE = 256


_TRAILING_SPACE = re.compile(r"\s+$")


def _rstrip_end(line: str, size: int) -> str:
    """``rich.text.Text.rstrip_end`` for a plain string: white space past ``size``
    characters at the end of the line is dropped."""
    if len(line) > size:
        space = _TRAILING_SPACE.search(line)
        if space is not None:
            return line[: len(line) - min(len(space.group()), len(line) - size)]
    return line


class PassagePane(DrawnScrollbar, ScrollView, can_focus=True, inherit_bindings=False):
    """The passages of one article, coloured by link, marked by divergence kind."""

    COMPONENT_CLASSES = {
        *(f"align--pair-{n}" for n in range(PAIR_COLOURS)),
        "align--only",
        "passage--only",
        "passage--head",
        "passage--focus",
        "gutter--marker",
        "gutter--cursor",
        "diff--changed",
        "diff--soft",
        "diff--deleted",
        "diff--inserted",
        "diff--divergence",
        "search--match",
        "coverage--all",
        "coverage--some",
        "coverage--one",
    }

    DEFAULT_CSS = """
    PassagePane { overflow-x: hidden; overflow-y: auto; }
    """

    class Clicked(Message):
        """A passage was clicked."""

        def __init__(self, pane: PassagePane, passage: int) -> None:
            super().__init__()
            self.pane = pane
            self.passage = passage

        @property
        def control(self) -> PassagePane:
            return self.pane

    class LayoutChanged(Message):
        """The lines were re-wrapped (new article or new width): rows have moved."""

        def __init__(self, pane: PassagePane) -> None:
            super().__init__()
            self.pane = pane

        @property
        def control(self) -> PassagePane:
            return self.pane

    colours: reactive[tuple[int | None, ...]] = reactive((), init=False)
    """Link colour (``align--pair-N``) of each passage; None for a passage only on this side."""
    also: reactive[tuple[int | None, ...]] = reactive((), init=False)
    """Colour of a passage's second link, when it has one (the bar shows both colours)."""
    markers: reactive[tuple[str, ...]] = reactive((), init=False)
    """Gutter marker of each passage ("" for none)."""
    focused: reactive[frozenset[int]] = reactive(frozenset(), init=False)
    """Passages of the focused link on this side (tinted in the link's colour)."""
    focus_colour: reactive[int | None] = reactive(None, init=False)
    """Colour of the focused link (a passage in two links takes the focused one's colour)."""
    cursor: reactive[int | None] = reactive(None, init=False)
    """Passage holding the cursor."""
    marks: reactive[tuple[Mark, ...]] = reactive((), init=False)
    """Word marks and the current divergence, sorted by start (body offsets)."""
    search_spans: reactive[tuple[tuple[int, int], ...]] = reactive((), init=False)
    """Search matches, sorted (body offsets)."""
    active: reactive[bool] = reactive(False, init=False)
    """True for the pane the keys act on."""
    coverage: reactive[tuple[tuple[str, str], ...]] = reactive((), init=False)
    """Per passage, how many of the story's articles carry it ("4/5") and its component class
    (``coverage--all``, ``--some``, ``--one``); empty when the pair is not in a story."""

    def __init__(self, side: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.side = side
        """0 for the left (A) pane, 1 for the right (B) pane."""
        self.article: Article | None = None
        self._texts: list[str] = []
        self._starts: list[tuple[int, ...]] = []
        self._first_row: array = array("l")
        self._row_passage: array = array("l")
        self._row_line: array = array("l")
        self._layout_width = -1
        self._strips: OrderedDict[tuple, list[Strip]] = OrderedDict()
        self._styles: dict[str, Style] = {}
        self._search_starts: list[int] = []
        self._mark_starts: list[int] = []
        self._base: Style | None = None
        self._bar: tuple[tuple, list[Strip]] | None = None
        self._dragging = False
        """True while the mouse, pressed on the scrollbar, drags it."""
        """The scrollbar's cells, one a row, and what they were made for."""
        """The pane's own rich style (``rich_style`` walks every ancestor's styles: read once
        per style update, not once a line)."""

    # -- state from the screen -------------------------------------------------------------

    def show_article(self, article: Article) -> None:
        """Show ``article`` (keeps the scroll position if it is the same text)."""
        same = self.article is not None and self.article.body == article.body
        self.article = article
        self._texts = [p.text.translate(SPACES) for p in article.passages]
        self._layout_width = -1
        self._strips.clear()
        self._relayout()
        if not same:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def watch_colours(self) -> None:
        self.refresh()

    def watch_also(self) -> None:
        self.refresh()

    def watch_markers(self) -> None:
        self.refresh()

    def watch_focused(self, old: frozenset[int], new: frozenset[int]) -> None:
        for passage in old ^ new:
            self.refresh_passage(passage)

    def watch_focus_colour(self) -> None:
        for passage in self.focused:
            self.refresh_passage(passage)

    def watch_cursor(self, old: int | None, new: int | None) -> None:
        for passage in (old, new):
            if passage is not None:
                self.refresh_passage(passage)

    def watch_marks(self, old: tuple[Mark, ...], new: tuple[Mark, ...]) -> None:
        self._mark_starts = [m.start for m in new]
        for passage in {self.passage_at_offset(m.start) for m in (*old, *new)}:
            if passage is not None:
                self.refresh_passage(passage)

    def watch_search_spans(self) -> None:
        self._search_starts = [s for s, _ in self.search_spans]
        self.refresh()

    def watch_coverage(self) -> None:
        self._layout_width = -1  # the column takes room from the text
        self._strips.clear()
        self._relayout()
        self.refresh()

    @property
    def gutter_width(self) -> int:
        """Columns before the text: ``GUTTER``, then the coverage column when shown."""
        return GUTTER + (max(len(label) for label, _ in self.coverage) + 1 if self.coverage
                         else 0)

    def watch_active(self) -> None:
        if self.cursor is not None:
            self.refresh_passage(self.cursor)

    # -- geometry ---------------------------------------------------------------------------

    @property
    def passage_count(self) -> int:
        return len(self._texts)

    def first_row(self, passage: int) -> int:
        return self._first_row[passage] if 0 <= passage < len(self._first_row) else 0

    def row_count(self, passage: int) -> int:
        return len(self._starts[passage]) if 0 <= passage < len(self._starts) else 0

    def passage_at_row(self, row: int) -> int | None:
        if 0 <= row < len(self._row_passage):
            passage = self._row_passage[row]
            return passage if passage >= 0 else None
        return None

    def passage_near_row(self, row: int) -> int | None:
        """The passage shown on ``row`` (clamped to the article), or the next one after a
        blank row."""
        if not self._row_passage:
            return None
        row = max(0, min(row, len(self._row_passage) - 1))
        passage = self._row_passage[row]
        if passage < 0:  # a paragraph gap: the passage below it
            passage = self._row_passage[min(row + 1, len(self._row_passage) - 1)]
        return passage if passage >= 0 else None

    def passage_at_offset(self, offset: int) -> int | None:
        """The passage whose span holds body ``offset``."""
        if self.article is None or not self.article.passages:
            return None
        passages = self.article.passages
        lo, hi = 0, len(passages)
        while lo < hi:
            mid = (lo + hi) // 2
            if passages[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(passages) and passages[lo].start <= offset else None

    def refresh_passage(self, passage: int) -> None:
        if 0 <= passage < len(self._first_row):
            self.refresh_lines(self._first_row[passage], self.row_count(passage))

    def scroll_to_passage(self, passage: int, screen_row: int | None = None) -> None:
        """Bring ``passage`` into view; with ``screen_row``, put its first line on that row."""
        if not 0 <= passage < len(self._first_row):
            return
        top = self._first_row[passage]
        height = max(1, self.scrollable_content_region.height)
        if screen_row is not None:
            target = top - screen_row
        else:
            bottom = top + self.row_count(passage)
            current = round(self.scroll_y)
            if top < current:
                target = top
            elif bottom > current + height:
                target = top if bottom - top >= height else bottom - height
            else:
                return
        self.scroll_to(y=max(0, min(target, self.max_scroll_row)), animate=False, immediate=True)

    @property
    def max_scroll_row(self) -> int:
        """The highest row the top of the pane can scroll to: the last line can rise to the
        top, so a passage can always be brought level with its counterpart."""
        return max(0, len(self._row_passage) - 1)

    def screen_row_of(self, passage: int) -> int:
        """Row of the passage's first line relative to the top of the pane."""
        return self.first_row(passage) - round(self.scroll_y)

    # -- layout -----------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._relayout()
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        region = self.scrollable_content_region
        rows = len(self._row_passage)
        self.virtual_size = Size(region.width, rows + max(0, region.height - 1) if rows else 0)

    def _row_total(self) -> int:
        return len(self._row_passage)

    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - BAR - self.gutter_width)

    def _relayout(self) -> None:
        width = self._text_width()
        if width == self._layout_width or self.article is None:
            return
        self._layout_width = width
        self._strips.clear()
        starts = [wrap_starts(text, width) for text in self._texts]
        first_row, row_passage, row_line = array("l"), array("l"), array("l")
        row, last_paragraph = 0, None
        for passage, lines in zip(self.article.passages, starts, strict=True):
            if last_paragraph is not None and passage.paragraph != last_paragraph:
                row_passage.append(-1)
                row_line.append(0)
                row += 1
            last_paragraph = passage.paragraph
            first_row.append(row)
            row_passage.extend([passage.index] * len(lines))
            row_line.extend(range(len(lines)))
            row += len(lines)
        self._starts, self._first_row = starts, first_row
        self._row_passage, self._row_line = row_passage, row_line
        self._update_virtual_size()
        self.refresh()
        self.post_message(self.LayoutChanged(self))

    # -- rendering --------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        self._styles.clear()
        self._strips.clear()
        self._bar = None

    @property
    def _base_style(self) -> Style:
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        return base

    def _style(self, name: str) -> Style:
        """A component style layered for use over the pane's own style (alpha blended)."""
        style = self._styles.get(name)
        if style is None:
            styles = self.get_component_styles(name)
            base = self._base_style
            base_bg = Color.from_rich_color(base.bgcolor) if base.bgcolor else Color(0, 0, 0)
            bg = base_bg + styles.background if styles.has_rule("background") else None
            fg = None
            if styles.has_rule("color"):
                fg = (bg or base_bg) + styles.color
            style = Style(
                color=fg.rich_color if fg else None, bgcolor=bg.rich_color if bg else None
            ) + styles.text_style
            self._styles[name] = style
        return style

    def _focus_style(self, colour: int | None) -> Style:
        name = f"focus-{colour}"
        style = self._styles.get(name)
        if style is None:
            base = self._base_style
            base_bg = Color.from_rich_color(base.bgcolor) if base.bgcolor else Color(0, 0, 0)
            if colour is None:
                tint = self.get_component_styles("passage--focus").background
            else:
                pair = self.get_component_styles(f"align--pair-{colour}").color
                tint = pair.with_alpha(0.22)
            style = Style(bgcolor=(base_bg + tint).rich_color)
            self._styles[name] = style
        return style

    def _spans_in(self, passage: int) -> tuple[tuple[Mark, ...], tuple[tuple[int, int], ...]]:
        assert self.article is not None
        p = self.article.passages[passage]
        marks: tuple[Mark, ...] = ()
        if self.marks:
            i = bisect_right(self._mark_starts, p.end)
            marks = tuple(m for m in self.marks[:i] if m.end > p.start and m.start < p.end)
        found: tuple[tuple[int, int], ...] = ()
        if self.search_spans:
            lo = bisect_left(self._search_starts, p.start)
            hi = bisect_left(self._search_starts, p.end)
            found = self.search_spans[lo:hi]
        return marks, found

    def _passage_strips(self, passage: int, width: int) -> list[Strip]:
        marks, found = self._spans_in(passage)
        colour = self.colours[passage] if passage < len(self.colours) else None
        second = self.also[passage] if passage < len(self.also) else None
        marker = self.markers[passage] if passage < len(self.markers) else ""
        is_cursor = passage == self.cursor
        focused = passage in self.focused
        covered = self.coverage[passage] if passage < len(self.coverage) else None
        key = (passage, width, colour, second, marker, focused, focused and self.focus_colour,
               is_cursor, is_cursor and self.active, marks, found, covered)
        strips = self._strips.get(key)
        if strips is not None:
            self._strips.move_to_end(key)
            return strips
        strips = self._build_strips(passage, width, (colour, second), marker, marks, found)
        self._strips[key] = strips
        if len(self._strips) > _STRIP_CACHE_SIZE:
            self._strips.popitem(last=False)
        return strips

    def _build_strips(
        self, passage: int, width: int, colours: tuple[int | None, int | None], marker: str,
        marks: tuple[Mark, ...], found: tuple[tuple[int, int], ...],
    ) -> list[Strip]:
        assert self.article is not None
        colour, second = colours
        p = self.article.passages[passage]
        base = self._base_style
        focused = passage in self.focused
        line_style = base + self._focus_style(self.focus_colour) if focused else base
        if not p.in_body:  # the headline and the dek
            line_style += self._style("passage--head")
        starts = self._starts[passage]
        bodies: list[list[Segment]]
        if found or marks:
            text = Text(self._texts[passage], no_wrap=True, end="")
            text.stylize(line_style)
            if colour is None:
                text.stylize(self._style("passage--only"))
            for start, end in found:
                text.stylize(self._style("search--match"), start - p.start, end - p.start)
            for mark in sorted(marks, key=lambda m: m.kind == "diff--divergence"):  # on top
                text.stylize(self._style(mark.kind), mark.start - p.start, mark.end - p.start)
            console = self.app.console
            bodies = []
            for line in text.divide(starts[1:]):
                line.rstrip_end(width - self.gutter_width)
                bodies.append(list(line.render(console)))
        else:  # one style for the whole passage (most of them): what Text would render
            style = line_style + self._style("passage--only") if colour is None else line_style
            plain = self._texts[passage]
            bodies = []
            for start, end in zip(starts, (*starts[1:], len(plain)), strict=True):
                line = _rstrip_end(plain[start:end], width - self.gutter_width)
                bodies.append([Segment(line, style)] if line else [])
        bar_style = base + self._style(
            "align--only" if colour is None else f"align--pair-{colour}"
        )
        if colour is not None and second is not None:  # in two links: half a cell each
            bar_style += Style(bgcolor=self._style(f"align--pair-{second}").color)
        bar = "\u250a" if colour is None else "\u258c"
        cursor_style = base + self._style("gutter--cursor")
        marker_style = base + self._style("gutter--marker")
        room = self.gutter_width - GUTTER
        label, label_class = self.coverage[passage] if passage < len(self.coverage) else ("", "")
        label_style = base + self._style(label_class) if label_class else base
        strips = []
        for n, body in enumerate(bodies):
            column = [Segment((label if n == 0 else "").rjust(room - 1) + " ", label_style)
                      ] if room else []
            segments = [
                Segment(marker if n == 0 and marker else " ", marker_style),
                Segment(bar, bar_style),
                Segment(
                    "\u25b8" if n == 0 and passage == self.cursor and self.active else " ",
                    cursor_style,
                ),
                *column,
                *body,
            ]
            strip = Strip(segments).adjust_cell_length(width, line_style)
            strips.append(strip)
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width - BAR
        row = round(self.scroll_y) + y
        if self.article is not None and max(1, width - self.gutter_width) != self._layout_width:
            self._relayout()  # resized, and the Resize event is still on its way
            row = round(self.scroll_y) + y
        bar = self._bar_cells()
        cell = bar[y] if 0 <= y < len(bar) else Strip.blank(BAR, self._base_style)
        if self.article is None or row >= len(self._row_passage) or width <= 0:
            return Strip.join((Strip.blank(max(0, width), self._base_style), cell))
        passage = self._row_passage[row]
        if passage < 0:
            return Strip.join((Strip.blank(width, self._base_style), cell))
        strips = self._passage_strips(passage, width)
        line = self._row_line[row]
        body = strips[line] if line < len(strips) else Strip.blank(width, self._base_style)
        return Strip.join((body, cell))

    # -- mouse ------------------------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._on_bar(offset.x):
            return
        passage = self.passage_at_row(round(self.scroll_y) + offset.y)
        if passage is not None:
            self.post_message(self.Clicked(self, passage))
