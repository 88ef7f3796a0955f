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
