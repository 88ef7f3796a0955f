"""A DataTable that says when its width changes, so a screen can fit long columns to it."""

from __future__ import annotations

from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable


class FittedTable(DataTable):
    """Posts ``FittedTable.Resized`` whenever its width changes (and once it is laid out)."""

    class Resized(Message):
        def __init__(self, table: FittedTable, width: int) -> None:
            super().__init__()
            self.table = table
            self.width = width

        @property
        def control(self) -> FittedTable:
            return self.table

    def on_resize(self, event: Resize) -> None:
        self.post_message(self.Resized(self, event.size.width))

    def _update_dimensions(self, new_rows) -> None:
        # DataTable measures new rows when idle, after it may have drawn them at the widths
        # of the headers; when the table's size comes out as it was (a table filled again
        # with the same rows) nothing redraws those lines, which stay squeezed until the next
        # key. Drop them once the columns are measured.
        super()._update_dimensions(new_rows)
        self._clear_caches()
        self.refresh()
