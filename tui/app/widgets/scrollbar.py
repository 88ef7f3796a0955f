"""The passage panes' scrollbar: drawn in the pane's own lines, a cell a row, as Textual
draws a scrollbar (its renderer and colours); a click jumps there and a drag is followed.

Drawn in the pane's own lines rather than by a scrollbar widget: every key that moves the
view moves the bar, and a widget's lines each cost as much to put on the screen as a line of
text (a third of a page-down on a 50,000-word pair, for two bars).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.events import MouseDown, MouseMove, MouseUp
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip

BAR = 1
"""The scrollbar's column, drawn by the pane itself at the right of its lines."""


class DrawnScrollbar:
    """What a ``ScrollView`` needs to draw its own scrollbar in its last ``BAR`` column: its
    ``render_line`` joins ``_bar_cells()[y]`` to each line, it sets ``_bar = None`` when its
    styles change, and ``_row_total()`` gives how many rows its content has."""

    _bar: tuple[tuple, list[Strip]] | None = None
    _dragging = False

    def _row_total(self) -> int:
        raise NotImplementedError

    def _bar_cells(self) -> list[Strip]:
        """The scrollbar, a cell a row, as Textual draws it (its renderer and colours)."""
        height = self.size.height
        key = (round(self.scroll_y), self.virtual_size.height, height)
        if self._bar is not None and self._bar[0] == key:
            return self._bar[1]
        styles = self.styles
        background = styles.scrollbar_background
        if background.a < 1:
            background = self.background_colors[0] + background
        colour = background + styles.scrollbar_color
        segments = ScrollBarRender.render_bar(
            size=height, virtual_size=self.virtual_size.height, window_size=height,
            position=round(self.scroll_y), thickness=BAR, vertical=True,
            back_color=background.rich_color, bar_color=colour.rich_color,
        ).segments
        cells = [Strip([Segment(cell.text, cell.style.clear_meta_and_links()
                                if cell.style else None)], BAR) for cell in segments]
        self._bar = (key, cells)
        return cells

    def _on_bar(self, x: int) -> bool:
        return x >= self.scrollable_content_region.width - BAR

    def _scroll_to_bar_row(self, y: int) -> None:
        """Show the part of the article that row ``y`` of the scrollbar stands for."""
        height = max(1, self.size.height - 1)
        end = max(0, self._row_total() - self.size.height)  # (the last screenful)
        self.scroll_to(y=round(max(0, min(y, height)) / height * end), animate=False)

    def on_mouse_down(self, event: MouseDown) -> None:
        if self._on_bar(event.x):  # the scrollbar: jump there, and follow a drag
            self._dragging = True
            self.capture_mouse()
            self._scroll_to_bar_row(event.y)

    def on_mouse_move(self, event: MouseMove) -> None:
        if self._dragging:
            self._scroll_to_bar_row(event.y)

    def on_mouse_up(self, event: MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
