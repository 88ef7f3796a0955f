"""The story view: a story's facts against its outlets, and its divergences beside them.

Rows are the facts (a passage and its counterparts across the story's articles), most widely
carried first; columns the articles. A cell says whether that outlet reports the fact and
where (``¶3``); the focused cell's wording shows below the table. Facts all outlets but one
carry mark the one that leaves them out; one outlet's own facts are marked too. Every pair of
the story's articles is aligned once in a worker (progress shown), then the story's
divergences are found in another.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, ProgressBar, Static
from textual.worker import Worker, WorkerState

from ...core.export.stories import FactRow, date_span, fact_rows, passages_label, wording
from ...core.reports import Story, StoryReport
from ..messages import OpenCompare, Progress, StoryReady
from ..widgets.footer import Footer
from ..widgets.info import display_path
from ..widgets.table import FittedTable

SHOWN = (None, "all", "omitted", "own")
"""What ``t`` cycles through: every fact, facts of every outlet, facts left out by one, one
outlet's own."""
SHOWN_NAMES = {None: "every fact", "all": "told by all", "omitted": "left out by one",
               "own": "one outlet's own"}
KIND_STYLES = {"all": "bold green", "omitted": "bold red", "own": "bold yellow", "shared": "bold"}
OUTLET_COLUMN = 11
"""Width of an outlet's column (its name wraps over the two lines of the header)."""


def _cell(value: str, width: int, style: str = "") -> Text:
    text = Text(" ".join(value.split()), no_wrap=True, overflow="ellipsis", end="", style=style)
    text.truncate(width, overflow="ellipsis")
    return text


class StoryScreen(Screen):
    """One story: facts (rows) against outlets (columns), divergences beside."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]

    BINDINGS = [
        Binding("c", "compare", "Compare", id="story.compare",
                tooltip="Compare the focused outlet with another outlet that tells this fact"),
        Binding("t", "cycle_shown", "Facts shown", id="story.cycle_shown",
                tooltip="Every fact, those told by all, those left out by one, one outlet's own"),
        Binding("e", "export", "Export HTML", id="story.export",
                tooltip="Write the story report as one HTML page in the export folder"),
        Binding("escape", "back", "Back", id="story.back"),
    ]

    shown: reactive[str | None] = reactive(None, init=False)
    """Only facts of this kind (None: every fact)."""

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story
        self.report: StoryReport | None = None
        self.rows: list[FactRow] = []
        self._width = 0
        self._divergences_done = False

    def compose(self) -> ComposeResult:
        yield Static(id="story-title")
        yield ProgressBar(show_eta=False, id="story-progress")
        with Horizontal(id="story-body"):
            with Vertical(id="story-main"):
                yield FittedTable(id="facts", cursor_type="cell", header_height=2)
                yield Static(id="fact-detail")
            with VerticalScroll(id="story-side"):
                yield Static(id="story-divergences")
        yield Footer()

    def on_mount(self) -> None:
        self._title("aligning every pair of its articles\u2026")
        self.query_one("#story-divergences", Static).update(
            Text("What differs", style="bold"))
        self._lay_out()

    # -- work -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="story", name="lay out the story",
          exit_on_error=False)
    def _lay_out(self) -> None:
        def progress(done: int, total: int) -> None:
            self.post_message(Progress("story", done, total))

        self.post_message(StoryReady(self.app.story_report_now(self.story, progress)))

    @work(thread=True, exclusive=True, group="story-divergences", name="story divergences",
          exit_on_error=False)
    def _find_divergences(self, report: StoryReport) -> None:
        def progress(done: int, total: int) -> None:
            self.post_message(Progress("story-divergences", done, total))

        found = self.app.story_divergences_now(self.story, progress)
        self.post_message(StoryReady(replace(report, divergences=found)))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        if message.job in ("story", "story-divergences"):
            bar = self.query_one(ProgressBar)
            bar.display = True
            bar.update(total=message.total, progress=message.done)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group.startswith("story") and event.state == WorkerState.ERROR:
            self.query_one(ProgressBar).display = False
            self._title("failed (see the message)")

    @on(StoryReady)
    def _ready(self, message: StoryReady) -> None:
        first = self.report is None
        self.report = message.report
        self.query_one(ProgressBar).display = False
        if first:
            self.rows = fact_rows(message.report)
            self._title()
            self._fill()
            self.query_one("#facts", DataTable).focus()
            self._find_divergences(message.report)
        else:
            self._divergences_done = True
        self._show_divergences()
        self.refresh_bindings()

    # -- what is shown ----------------------------------------------------------------------

    def _title(self, note: str = "") -> None:
        story = self.story
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(f"Story {story.number} \u00b7 ", style="bold")
        text.append(story.label, style="bold")
        text.append(f" \u00b7 {len(story.articles)} articles \u00b7 {date_span(story)}",
                    style="dim")
        if note:
            text.append(f" \u00b7 {note}", style="italic")
        elif self.report is not None:
            shown = self._rows()
            text.append(f" \u00b7 {len(shown)} of {len(self.rows)} facts", style="dim")
            text.append(f" \u00b7 {SHOWN_NAMES[self.shown]} (t)", style="dim")
        self.query_one("#story-title", Static).update(text)

    def _rows(self) -> list[tuple[int, FactRow]]:
        return [(n, r) for n, r in enumerate(self.rows)
                if self.shown is None or r.kind == self.shown]

    def _fill(self) -> None:
        report = self.report
        table = self.query_one("#facts", DataTable)
        keep = table.cursor_coordinate if table.row_count else None
        table.clear(columns=True)
        if report is None:
            return
        outlets = len(report.articles)
        room = max(28, self._width - 9 - outlets * (OUTLET_COLUMN + 2) - 5)  # (scrollbar)
        table.add_column("Fact", width=room)
        table.add_column("Outlets", width=7)
        for name in report.story.outlets:
            label = Text(" ".join(name.split()), style="bold", overflow="ellipsis", end="")
            label.truncate(2 * OUTLET_COLUMN, overflow="ellipsis")
            table.add_column(label, width=OUTLET_COLUMN)
        for n, row in self._rows():
            art, passage = row.lead
            cells = [
                _cell(report.articles[art].passages[passage].text, room),
                Text(row.label, style=KIND_STYLES[row.kind], justify="right"),
            ]
            for k, passages in enumerate(row.cells):
                if passages:
                    style = "yellow" if row.kind == "own" else "green"
                    cells.append(_cell(f"\u25cf {passages_label(passages)}", OUTLET_COLUMN,
                                       style))
                elif row.missing == k:
                    cells.append(_cell("left out", OUTLET_COLUMN, "bold red"))
                else:
                    cells.append(_cell("\u00b7", OUTLET_COLUMN, "dim"))
            table.add_row(*cells, key=str(n))
        if keep is not None and table.row_count:
            table.cursor_coordinate = table.validate_cursor_coordinate(keep)
        self._show_detail()

    def _focused(self) -> tuple[FactRow, int | None] | None:
        """The fact under the cursor, and the article of its column (None: the Fact or
        Outlets column)."""
        table = self.query_one("#facts", DataTable)
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        column = table.cursor_coordinate.column
        return self.rows[int(row_key)], (column - 2 if column >= 2 else None)

    def _show_detail(self) -> None:
        detail = self.query_one("#fact-detail", Static)
        focused = self._focused()
        if focused is None or self.report is None:
            detail.update("")
            return
        row, article = focused
        report = self.report
        names = report.story.outlets
        text = Text()
        if article is None:
            art, passage = row.lead
            text.append(f"{row.label} ", style=KIND_STYLES[row.kind])
            text.append("told by ")
            text.append(", ".join(names[k] for k, c in enumerate(row.cells) if c), style="bold")
            if row.missing is not None:
                text.append(" \u00b7 left out by ")
                text.append(names[row.missing], style="bold red")
            text.append("\n")
            text.append(wording(report.articles[art], (passage,)))
        elif row.cells[article]:
            text.append(names[article], style="bold")
            text.append(f" {passages_label(row.cells[article])}: ", style="dim")
            text.append(wording(report.articles[article], row.cells[article]))
        else:
            text.append(names[article], style="bold")
            text.append(" does not report this fact", style="red" if row.missing == article
                        else "dim")
            text.append(" (told by " + ", ".join(names[k] for k, c in enumerate(row.cells)
                                                  if c) + ")", style="dim")
            art, passage = row.lead
            text.append("\n")
            text.append(wording(report.articles[art], (passage,)), style="italic")
        detail.update(text)

    def _show_divergences(self) -> None:
        box = self.query_one("#story-divergences", Static)
        text = Text()
        report = self.report
        if report is None or not self._divergences_done:
            text.append("What differs", style="bold")
            text.append(" \u00b7 finding the divergences\u2026", style="italic")
            box.update(text)
            return
        text.append(f"What differs ({len(report.divergences)})", style="bold")
        for d in report.divergences:
            text.append("\n\n")
            text.append(f"{d.kind}", style="bold")
            text.append(f" {d.salience_label}\n", style="dim")
            text.append(d.what)
        if not report.divergences:
            text.append("\nnone found between these articles", style="dim")
        box.update(text)

    @on(DataTable.CellHighlighted, "#facts")
    def _moved(self) -> None:
        self._show_detail()

    @on(DataTable.CellSelected, "#facts")
    def _selected(self) -> None:
        self.action_compare()

    @on(FittedTable.Resized)
    def _resized(self, message: FittedTable.Resized) -> None:
        if message.width != self._width:
            self._width = message.width
            self._fill()

    def watch_shown(self) -> None:
        self._fill()
        self._title()

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("compare", "cycle_shown", "export"):
            return True if self.report is not None else None
        return True

    def action_compare(self) -> None:
        """Open the focused outlet against another that tells the focused fact, at the
        fact's passage (the first two outlets telling it, from the Fact column)."""
        focused = self._focused()
        if focused is None or self.report is None:
            return
        row, article = focused
        telling = [k for k, c in enumerate(row.cells) if c]
        if article is None:
            article = telling[0]
        ids = self.report.articles
        linked = {aid for p in row.cells[article] for aid in self.report.carried[article][p]}
        # an outlet that tells the fact in a passage linked to this one's, else any that tells it
        others = [k for k in telling if ids[k].id in linked] or [
            k for k in telling if k != article]
        if not others:
            others = [k for k in range(len(row.cells)) if k != article]
        if not others:
            self.notify("This story has a single article.", severity="warning")
            return
        after = [k for k in others if k > article]
        other = (after or others)[0]
        passage = row.cells[article][0] if row.cells[article] else None
        self.post_message(OpenCompare(ids[article].id, ids[other].id, a_passage=passage))

    def action_cycle_shown(self) -> None:
        self.shown = SHOWN[(SHOWN.index(self.shown) + 1) % len(SHOWN)]

    def action_export(self) -> None:
        from ...core.export.atomic import write_atomic
        from ...core.export.story_html import render_story_report

        assert self.report is not None
        text = render_story_report([self.report])
        folder = self.app.export_dir
        stem = f"parallax-story-{self.story.number}"
        for n in range(1, 100):
            path = folder / (f"{stem}.html" if n == 1 else f"{stem}-{n}.html")
            try:
                write_atomic(path, text)
            except FileExistsError:
                continue
            except OSError as err:
                self.notify(f"Cannot write {display_path(path)}: {err.strerror or err}",
                            severity="error", markup=False)
                return
            self.notify(f"Wrote {display_path(path)}", title="Exported", markup=False)
            return
        self.notify("Too many story reports of this name here.", severity="error")

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
