"""Corpus-wide divergences, most salient first, filterable by kind."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, ProgressBar, Static
from textual.worker import Worker, WorkerState

from ...core.corpus.report import short_names
from ...core.model import DIVERGENCE_KINDS, Corpus
from ...core.reports import CorpusDivergence, DivergenceReport
from ..messages import OpenCompare, Progress, ReportReady
from ..widgets.footer import Footer
from ..widgets.table import FittedTable


def forms_text(d: CorpusDivergence, outlets: dict[str, str], width: int = 90) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    for n, form in enumerate(d.forms):
        if n:
            text.append(" \u2502 ", style="dim")
        text.append(outlets.get(form.article, form.article), style="bold")
        text.append(": ")
        text.append(form.text or "(nothing)")
    text.truncate(width, overflow="ellipsis")
    return text


def _cell(value: str, width: int) -> Text:
    text = Text(value, no_wrap=True, overflow="ellipsis", end="")
    text.truncate(width, overflow="ellipsis")
    return text


def open_target(d: CorpusDivergence) -> tuple[str, str, int | None] | None:
    """The pair of articles to open for a divergence, and the passage of the first one."""
    if d.pairs:
        a_id, b_id = d.pairs[0]
    else:
        ids = list(dict.fromkeys(form.article for form in d.forms))
        if len(ids) < 2:
            return None
        a_id, b_id = ids[0], ids[1]
    passage = next((f.passage for f in d.forms if f.article == a_id), None)
    return a_id, b_id, passage


class DivergencesScreen(Screen):
    """Every divergence of the corpus; ``enter`` opens the pair at that divergence."""

    BINDINGS = [
        Binding("t", "cycle_kind", "Kind", id="divergences.cycle_kind",
                tooltip="Show one kind of divergence (cycles through the kinds)"),
        Binding("escape", "back", "Back", id="divergences.back"),
    ]

    kind: reactive[str | None] = reactive(None, init=False)
    """Show only this kind (None: every kind)."""

    def __init__(self) -> None:
        super().__init__()
        self._width = 0
        """Width of the table, once laid out (the long columns are fitted to it)."""

    def compose(self) -> ComposeResult:
        yield Static(id="divergences-title")
        yield ProgressBar(show_eta=False, id="report-progress")
        yield FittedTable(id="divergences", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        report = self.app.report
        if report is not None:
            self._show(report)
        elif self.app.corpus is not None:
            self._title()
            self._compute(self.app.corpus)

    @property
    def report(self) -> DivergenceReport | None:
        return self.app.report

    @work(thread=True, exclusive=True, group="report", name="divergence report",
          exit_on_error=False)
    def _compute(self, corpus: Corpus) -> None:
        from ...core.corpus.report import corpus_report

        def progress(done: int, total: int) -> None:
            self.post_message(Progress("report", done, total))

        self.post_message(ReportReady(corpus_report(corpus, progress=progress)))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        if message.job == "report":
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "report" and event.state == WorkerState.ERROR:
            self.query_one(ProgressBar).display = False
            self.query_one("#divergences-title", Static).update(
                Text("Divergences across the corpus \u00b7 the report failed (see the message)")
            )

    @on(ReportReady)
    def _ready(self, message: ReportReady) -> None:
        self.app.report = message.report
        self._show(message.report)
        self.refresh_bindings()  # the footer greys out what needs the report

    def _title(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append("Divergences across the corpus", style="bold")
        report = self.report
        if report is None:
            text.append(" \u00b7 comparing every related pair\u2026")
        else:
            shown = self._shown(report)
            text.append(f" \u00b7 {len(shown)} of {len(report.divergences)}")
            text.append(f" \u00b7 kind: {self.kind or 'all'} (t)", style="dim")
            text.append(" \u00b7 enter opens the pair", style="dim")
        self.query_one("#divergences-title", Static).update(text)

    def _shown(self, report: DivergenceReport) -> list[tuple[int, CorpusDivergence]]:
        ranked = sorted(enumerate(report.divergences), key=lambda item: -item[1].salience)
        return [(i, d) for i, d in ranked if self.kind is None or d.kind == self.kind]

    def _show(self, report: DivergenceReport) -> None:
        self.query_one(ProgressBar).display = False
        outlets = short_names(report.articles, 16)
        table = self.query_one(DataTable)
        table.clear(columns=True)  # columns only ever widen: start afresh
        room = max(30, self._width - 40)
        what = room * 2 // 5
        rows = [
            (index, (
                Text(f"{d.salience_label} {d.salience:.2f}"),
                Text(d.kind),
                Text(str(len(d.pairs)), justify="right"),
                _cell(d.what, what),
                forms_text(d, outlets, room - what),
            ))
            for index, d in self._shown(report)
        ]
        # widths set here, not measured by the table when idle: the first frame is final
        for n, label in enumerate(("Salience", "Kind", "Pairs", "What", "Wordings")):
            width = max((row[n].cell_len for _i, row in rows), default=0)
            table.add_column(label, width=max(len(label), width))
        for index, row in rows:
            table.add_row(*row, key=str(index))
        self._title()
        if self.is_current:
            table.focus()

    @on(FittedTable.Resized)
    def _refit(self, message: FittedTable.Resized) -> None:
        if message.width != self._width:
            self._width = message.width
            if self.report is not None:
                self._show(self.report)

    def watch_kind(self) -> None:
        if self.report is not None:
            self._show(self.report)

    @on(DataTable.RowSelected, "#divergences")
    def _open(self, event: DataTable.RowSelected) -> None:
        if self.report is None or event.row_key.value is None:
            return
        target = open_target(self.report.divergences[int(event.row_key.value)])
        if target is None:
            self.notify("This divergence names a single article.", severity="warning")
            return
        a_id, b_id, passage = target
        d = self.report.divergences[int(event.row_key.value)]
        self.post_message(OpenCompare(a_id, b_id, a_passage=passage, kind=d.kind))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_kind":
            return True if self.report is not None else None
        return True

    def action_cycle_kind(self) -> None:
        assert self.report is not None
        present = {d.kind for d in self.report.divergences}
        kinds: list[str | None] = [None, *(k for k in DIVERGENCE_KINDS if k in present)]
        at = kinds.index(self.kind) if self.kind in kinds else 0
        self.kind = kinds[(at + 1) % len(kinds)]

    def set_kind(self, kind: str | None) -> None:
        """Show one kind (used by the command palette)."""
        self.kind = kind

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
