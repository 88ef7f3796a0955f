"""The library: every article of the corpus, its related articles, and who shares with whom."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Input, LoadingIndicator, Static

from ...core.ingest.meta import outlet_label
from ...core.ingest.safety import neutralise
from ...core.model import Article, Corpus
from ..messages import OpenCompare, OpenDivergences
from ..widgets.footer import Footer
from ..widgets.heatmap import OverlapHeatmap
from ..widgets.info import display_path
from ..widgets.stories import StoriesPanel
from ..widgets.table import FittedTable

RELATED_KEYS = 9
TITLE_WIDTH = 64
OUTLET_WIDTH = 24


def _cell(value: str, width: int | None = None) -> Text:
    text = Text(value, no_wrap=True, overflow="ellipsis", end="")
    if width is not None:
        text.truncate(width, overflow="ellipsis")
    return text


def empty_message(corpus: Corpus, shown: int = 8) -> Text:
    """What the library shows for a corpus without articles: why, and how to bring some in."""
    root = display_path(corpus.root)
    text = Text()
    text.append(f"No articles in {root}.\n", style="bold")
    if corpus.problems:
        n = len(corpus.problems)
        text.append(f"\n{n} file{'s' * (n != 1)} could not be loaded:\n")
        for problem in corpus.problems[:shown]:
            text.append(f"  {neutralise(str(problem))}\n")
        if n > shown:
            text.append(f"  (and {n - shown} more)\n")
    text.append("\nA corpus is a folder of .txt, .md or .html files, one article each. "
                "Bring articles in from a shell:\n\n")
    text.append(f"  parallax add https://example.com/news/story --corpus {root}\n", style="bold")
    text.append(f"  parallax add saved-page.html notes.txt --corpus {root}\n", style="bold")
    text.append(f"\nthen open the reader on it again: parallax {root}\n")
    return text


def matches(article: Article, query: str) -> bool:
    """True when every word of ``query`` is in the outlet, title, date, id or byline."""
    haystack = " ".join(
        (article.outlet, article.title, article.date or "", article.id, article.byline or "")
    ).casefold()
    return all(word in haystack for word in query.casefold().split())


class LibraryScreen(Screen):
    """Articles in a table, filterable; related articles of the selected one; a heat map."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]

    BINDINGS = [
        # priority: checked before the key is routed, so "/AFP" typed fast lands in the box
        Binding("slash", "filter", "Filter", id="library.filter", priority=True,
                tooltip="Filter the articles by outlet, title or date"),
        *(
            Binding(str(n), f"open_related({n})", f"Compare with related article {n}",
                    id=f"library.related_{n}", show=False)
            for n in range(1, RELATED_KEYS + 1)
        ),
        Binding("d", "divergences", "Divergences", id="library.divergences",
                tooltip="Corpus-wide divergences, most salient first"),
        Binding("escape", "clear_filter", "Clear filter", id="library.clear_filter",
                show=False),
        Binding("s", "toggle_stories", "Stories", id="library.toggle_stories",
                tooltip="Show the stories (articles grouped by event) or the articles"),
    ]

    class RelatedReady(Message):
        """A worker ranked the articles related to one article."""

        def __init__(self, article_id: str, ranking: list[tuple[str, float]]) -> None:
            super().__init__()
            self.article_id = article_id
            self.ranking = ranking

    selected: reactive[str | None] = reactive(None, init=False)
    """Id of the highlighted article."""
    filter_text: reactive[str] = reactive("", init=False)
    """The filter typed after ``/``."""

    def __init__(self) -> None:
        super().__init__()
        self._related: dict[str, list[tuple[str, float]]] = {}
        self._widths: tuple[int, int] | None = None
        """Widths of the title columns (articles, related), fitted to the screen (None until
        the tables are laid out: the first ``FittedTable.Resized`` fills them)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="library-body"):
            with Vertical(id="library-main"):
                yield Static(id="library-title")
                yield Input(placeholder="Filter: outlet, title, date\u2026", id="filter")
                yield FittedTable(id="articles", cursor_type="row", zebra_stripes=True)
                yield Static(id="library-empty")
                yield StoriesPanel(id="stories-panel")
            with Vertical(id="library-side"):
                yield Static(id="related-title")
                yield FittedTable(id="related", cursor_type="row")
                yield OverlapHeatmap(id="heatmap")
        yield LoadingIndicator(id="loading")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).cursor_blink = self.app.blink
        self.watch(self.app, "corpus", self._corpus_changed)
        self.watch(self.app, "overlap", self._overlap_changed)

    @property
    def corpus(self) -> Corpus | None:
        return self.app.corpus

    # -- state ------------------------------------------------------------------------------

    def _corpus_changed(self, corpus: Corpus | None) -> None:
        self.query_one("#loading").display = corpus is None
        self._related.clear()
        title = Text(no_wrap=True, overflow="ellipsis", end="")
        title.append("Parallax", style="bold")
        if corpus is None:
            title.append(" \u00b7 loading the corpus\u2026")
        else:
            title.append(f" \u00b7 {len(corpus)} articles \u00b7 ")
            title.append(display_path(corpus.root), style="dim")
            if corpus.problems:
                title.append(f" \u00b7 {len(corpus.problems)} not loaded", style="bold")
        self.query_one("#library-title", Static).update(title)
        empty = corpus is not None and not corpus.articles
        self.set_class(empty, "-empty")
        if empty:
            self.query_one("#library-empty", Static).update(empty_message(corpus))
        if self._widths is not None:  # laid out: fit to this corpus's outlets, fill once
            self._widths = self._fitted_widths()
        self._fill()
        self.refresh_bindings()  # the footer greys out what needs the corpus
        if corpus is not None and not empty:
            self.query_one("#articles", DataTable).focus()

    def _overlap_changed(self, matrix: dict[tuple[str, str], float] | None) -> None:
        if matrix is not None and self.corpus is not None:
            self.query_one(OverlapHeatmap).show(self.corpus.articles, matrix)

    @on(FittedTable.Resized)
    def _resized(self) -> None:
        self._refit()

    def _title_width(self, table_id: str, others: int) -> int:
        return max(12, self.query_one(table_id, DataTable).size.width - others)

    def _fitted_widths(self) -> tuple[int, int]:
        """Widths of the title columns (articles, related) that fit the tables as they are."""
        outlets = max((len(outlet_label(a)) for a in self.corpus or ()), default=6)
        outlet = min(OUTLET_WIDTH, max(6, outlets)) + 2
        return (
            self._title_width("#articles", outlet + 12 + 7 + 2 + 2),
            self._title_width("#related", 3 + outlet + 9 + 2 + 2),
        )

    def _refit(self) -> None:
        widths = self._fitted_widths()
        if widths != self._widths:
            self._widths = widths
            self._fill()
            self._show_related()

    def _fill(self) -> None:
        table = self.query_one("#articles", DataTable)
        keep = self.selected
        table.clear(columns=True)  # columns only ever widen: start afresh
        table.add_columns("Outlet", "Date", "Title", "Words")
        if self.corpus is None or self._widths is None:
            return  # (before the first layout, _refit fills the table once it is fitted)
        row = 0
        for article in self.corpus.articles:
            if self.filter_text and not matches(article, self.filter_text):
                continue
            table.add_row(
                _cell(outlet_label(article), OUTLET_WIDTH),
                _cell(article.date or "\u2013"),
                _cell(article.title, self._widths[0]),
                Text(str(article.words), justify="right"),
                key=article.id,
            )
            if article.id == keep:
                row = table.row_count - 1
        if table.row_count:
            table.move_cursor(row=row)
            self.selected = self._row_id(row)
        else:
            self.selected = None

    def _row_id(self, row: int) -> str | None:
        table = self.query_one("#articles", DataTable)
        if not 0 <= row < table.row_count:
            return None
        key = table.coordinate_to_cell_key((row, 0)).row_key
        return key.value

    def watch_filter_text(self) -> None:
        self._fill()

    def watch_selected(self, article_id: str | None) -> None:
        self._show_related()
        if article_id is not None and article_id not in self._related and self.corpus:
            self._rank(self.corpus, article_id)

    @work(thread=True, exclusive=True, group="related", name="rank related", exit_on_error=False)
    def _rank(self, corpus: Corpus, article_id: str) -> None:
        from ...core.corpus.related import RELATED_CUTOFF, rank_related

        # only articles of the same story: the cutoff the corpus report uses
        ranking = [(other, overlap) for other, overlap in rank_related(corpus, article_id)
                   if overlap >= RELATED_CUTOFF]
        self.post_message(self.RelatedReady(article_id, ranking))

    @on(RelatedReady)
    def _related_ready(self, message: RelatedReady) -> None:
        self._related[message.article_id] = message.ranking
        if message.article_id == self.selected:
            self._show_related()

    def _show_related(self) -> None:
        table = self.query_one("#related", DataTable)
        heading = Text(no_wrap=True, overflow="ellipsis", end="")
        table.clear(columns=True)
        table.add_columns("#", "Outlet", "Overlap", "Title")
        article = self.corpus.get(self.selected) if self.corpus and self.selected else None
        if article is None:
            heading.append("Related articles", style="bold")
            self.query_one("#related-title", Static).update(heading)
            return
        heading.append("Related to ", style="bold")
        heading.append(outlet_label(article), style="bold")
        ranking = self._related.get(article.id)
        if ranking:
            last = min(len(ranking), RELATED_KEYS)
            keys = "1" if last == 1 else f"1\u2013{last}"
            heading.append(f" \u2014 press {keys} or enter to compare", style="dim")
        self.query_one("#related-title", Static).update(heading)
        if ranking is None:
            table.add_row("", _cell("ranking\u2026"), "", "", key="")
            return
        if not ranking:
            table.add_row("", _cell("no related article"), "", "", key="")
            return
        for n, (other_id, overlap) in enumerate(ranking, 1):
            other = self.corpus.get(other_id)
            if other is None:
                continue
            table.add_row(
                str(n) if n <= RELATED_KEYS else "",
                _cell(outlet_label(other), OUTLET_WIDTH),
                Text(f"{overlap:.0%}", justify="right"),
                _cell(other.title, (self._widths or (TITLE_WIDTH, TITLE_WIDTH))[1]),
                key=other.id,
            )

    def ranking(self) -> list[tuple[str, float]]:
        """Related articles of the highlighted article, best first (empty until ranked)."""
        return self._related.get(self.selected or "", [])

    # -- events -----------------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#articles")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.selected = event.row_key.value

    @on(DataTable.RowSelected, "#articles")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        self.action_open_related(1)

    @on(DataTable.RowSelected, "#related")
    def _partner_chosen(self, event: DataTable.RowSelected) -> None:
        if self.selected and event.row_key.value and self.corpus.get(event.row_key.value):
            self.post_message(OpenCompare(self.selected, event.row_key.value))

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#articles", DataTable).focus()

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_related":
            return True if self.corpus is not None and self.selected else None
        if action == "divergences":
            return True if self.corpus is not None and len(self.corpus) > 1 else None
        if action == "toggle_stories":
            return True if self.corpus is not None else None
        if action in ("filter", "clear_filter") and self.has_class("-stories"):
            return None
        return True

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if self.focused is box:
            box.insert_text_at_cursor("/")
            return
        box.add_class("-shown")
        self.set_focus(box)  # now, so keys typed right after the slash reach the box

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.remove_class("-shown")
        self.query_one("#articles", DataTable).focus()

    def action_open_related(self, n: int) -> None:
        ranking = self.ranking()
        if not self.selected:
            return
        if not ranking:
            self.notify("Still ranking the related articles\u2026" if self.selected
                        not in self._related else "No related article.", severity="warning")
            return
        if n > len(ranking):
            self.notify(f"There are only {len(ranking)} related articles.", severity="warning")
            return
        self.post_message(OpenCompare(self.selected, ranking[n - 1][0]))

    def action_divergences(self) -> None:
        self.post_message(OpenDivergences())

    def action_toggle_stories(self) -> None:
        """Show the stories instead of the articles, or back."""
        self.toggle_class("-stories")
        if self.has_class("-stories"):
            self.query_one(StoriesPanel).start()
        else:
            self.query_one("#articles", DataTable).focus()
        self.refresh_bindings()
