"""The library's stories mode: one row per story (label, articles, dates, outlets).

The stories are grouped in a worker the first time the panel is shown, with a progress bar;
``enter`` on a row posts ``OpenStory``. Labels and outlet names come from article text, so
they are shown as ``Text``, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, ProgressBar, Static
from textual.worker import Worker, WorkerState

from ...core.export.stories import date_span, outlet_summary
from ...core.reports import Story
from ..messages import OpenStory, Progress
from .table import FittedTable


def _cell(value: str, width: int | None = None, style: str = "") -> Text:
    text = Text(value, no_wrap=True, overflow="ellipsis", end="", style=style)
    if width is not None:
        text.truncate(width, overflow="ellipsis")
    return text


class StoriesPanel(Vertical):
    """Every story of the corpus, most articles first."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(id="stories-title")
        yield ProgressBar(show_eta=False, id="stories-progress")
        yield FittedTable(id="stories", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#stories-progress").display = False
        self.watch(self.app, "stories", self._show)

    def start(self) -> None:
        """Show the stories, grouping them first if needed."""
        if self.app.stories is None and self.app.corpus is not None:
            self._title("grouping the articles into stories\u2026")
            self.query_one("#stories-progress").display = True
            self._group()
        self.query_one("#stories", DataTable).focus()

    @work(thread=True, exclusive=True, group="stories", name="group stories",
          exit_on_error=False)
    def _group(self) -> None:
        def progress(done: int, total: int) -> None:
            self.post_message(Progress("stories", done, total))

        self.app.stories_now(progress)

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        if message.job == "stories":
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "stories" and event.state == WorkerState.ERROR:
            self.query_one(ProgressBar).display = False
            self._title("grouping failed (see the message)")

    def _title(self, note: str) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append("Stories", style="bold")
        text.append(f" \u00b7 {note}", style="dim")
        self.query_one("#stories-title", Static).update(text)

    def _show(self, stories: tuple[Story, ...] | None) -> None:
        table = self.query_one("#stories", DataTable)
        table.clear(columns=True)
        if stories is None:
            return
        self.query_one(ProgressBar).display = False
        corpus = self.app.corpus
        articles = {a.id: a for a in corpus.articles} if corpus is not None else {}
        grouped = sum(1 for s in stories if len(s.articles) > 1)
        self._title(f"{grouped} of two articles or more, {len(stories) - grouped} standing "
                    "alone \u00b7 enter opens a story \u00b7 s: back to the articles")
        room = max(24, self._width - 4 - 5 - 24 - 34 - 8)
        for label, width in (("#", 4), ("Story", room), ("Articles", 8), ("Dates", 24),
                             ("Outlets", 34)):
            table.add_column(label, width=width)
        for story in stories:
            alone = len(story.articles) < 2
            table.add_row(
                Text(str(story.number), justify="right"),
                _cell(story.label, room, "dim" if alone else ""),
                Text(str(len(story.articles)), justify="right"),
                _cell(date_span(story)),
                _cell(outlet_summary(story, articles), 34),
                key=str(story.number),
            )

    @on(FittedTable.Resized)
    def _resized(self, message: FittedTable.Resized) -> None:
        if message.width != self._width:
            self._width = message.width
            self._show(self.app.stories)

    @on(DataTable.RowSelected, "#stories")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(OpenStory(int(event.row_key.value)))
