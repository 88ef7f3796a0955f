"""The compare screen: two articles side by side, scrolled together along the alignment."""

from __future__ import annotations

import gc

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, ProgressBar
from textual.worker import Worker, WorkerState

from ...core.ingest.safety import neutralise
from ...core.model import DIVERGENCE_KINDS, Article, Comparison
from ..messages import ComparisonReady
from ..widgets.footer import Footer
from ..widgets.info import ArticleHeader, CompareStatus, counts_label, display_path
from ..widgets.passages import PassagePane
from .compare_coverage import CoverageMixin
from .compare_keys import COMPARE_BINDINGS
from .export import ExportDialog
from .navigation import Navigator, find_all, next_hit

THRESHOLD_STEP = 0.05
FREEZE_PASSAGES = 2_000
"""A comparison of more passages than this (both sides) is kept out of the cyclic garbage
collector while it is shown (``_hold_heap``)."""
MAX_SEARCH_HITS = 20_000


class CompareScreen(CoverageMixin, Screen):
    """Two panes; the cursor's passage and its counterpart are kept level."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = COMPARE_BINDINGS

    side: reactive[int] = reactive(0, init=False)
    """The pane the keys act on (0 left, 1 right)."""
    word_marks: reactive[bool] = reactive(True, init=False)
    """Show the word differences inside the focused link."""
    kind: reactive[str | None] = reactive(None, init=False)
    """Only this kind of divergence for ``n``/``N`` (None: every kind)."""
    busy: reactive[bool] = reactive(False, init=False)
    """True while a worker re-aligns."""

    def __init__(
        self, a: Article, b: Article, *, threshold: float | None = None,
        a_passage: int | None = None, kind: str | None = None,
    ) -> None:
        super().__init__()
        self.a, self.b = a, b
        self.threshold = threshold
        self.comparison: Comparison | None = None
        self.nav: Navigator | None = None
        self._switching = False
        self._holding = False
        """True while this screen keeps the heap frozen (``_hold_heap``)."""
        self.cursor = [a_passage or 0, 0]
        """Cursor passage of each side."""
        self.current: int | None = None
        """Index of the divergence last reached with n/N."""
        self.focus_link: int | None = None
        """Index of the focused link (a passage may belong to two links)."""
        self._start: tuple[int, str | None] | None = (
            (a_passage, kind) if a_passage is not None else None
        )
        """Passage of A (and divergence kind) to start at, until the first alignment."""
        self._search = ""
        self._counts = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            for side, name in ((0, "a"), (1, "b")):
                with Vertical(id=f"side-{name}", classes="side"):
                    yield ArticleHeader(id=f"header-{name}", classes="article-header")
                    yield PassagePane(side, id=f"pane-{name}")
        yield Input(placeholder="Search both articles (enter: next match, escape: close)",
                    id="search")
        with Horizontal(id="status-bar"):
            yield CompareStatus(id="status")
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="busy")
        yield Footer()

    def pane(self, side: int) -> PassagePane:
        return self.query_one("#pane-a" if side == 0 else "#pane-b", PassagePane)

    @property
    def article_pair(self) -> tuple[Article, Article]:
        return (self.a, self.b)

    def on_mount(self) -> None:
        self.query_one("#search", Input).cursor_blink = self.app.blink
        self._show_articles()
        self._update_sides()
        self.busy = True
        self._align(self.a, self.b, self.threshold)
        self.start_coverage()

    def _show_articles(self) -> None:
        for side, article in enumerate(self.article_pair):
            self.query_one(f"#header-{'ab'[side]}", ArticleHeader).show_article(article, "AB"[side])
            self.pane(side).show_article(article)

    # -- alignment --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="align", name="align", exit_on_error=False)
    def _align(self, a: Article, b: Article, threshold: float | None) -> None:
        self.post_message(ComparisonReady(self.app.compare(a, b, threshold)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "align" and event.state in (
            WorkerState.ERROR, WorkerState.CANCELLED
        ):
            self.busy = False
            self.refresh_bindings()

    @on(ComparisonReady)
    def _aligned(self, message: ComparisonReady) -> None:
        comparison = message.comparison
        if (comparison.a.id, comparison.b.id) != (self.a.id, self.b.id):
            comparison = comparison.swapped()  # the user swapped while it was running
        self.busy = False
        self._set_comparison(comparison)
        self._hold_heap(comparison)
        if self._start is not None:
            self._place_start(*self._start)
            self._start = None
        self.call_after_refresh(self._sync)

    def _hold_heap(self, comparison: Comparison) -> None:
        """Keep a long comparison out of the cyclic garbage collector while it is shown.

        Its links, word operations and the panes' caches live as long as the screen; a full
        collection walking them took 110-190 ms on a 50,000-word pair, a stall every dozen
        keys (13-44 ms with them frozen). ``gc.freeze`` moves every object alive now out of
        the collector's reach in constant time; ``on_unmount`` gives them all back, so what
        dies with the screen is collected as usual (nothing stays frozen for good).
        """
        if not self._holding and (
            len(comparison.a.passages) + len(comparison.b.passages) > FREEZE_PASSAGES
        ):
            self._holding = True
            gc.freeze()

    def on_unmount(self) -> None:
        if self._holding:
            self._holding = False
            gc.unfreeze()

    def _set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.threshold = comparison.threshold
        self.nav = Navigator(comparison)
        self._counts = counts_label(comparison)
        if self.current is not None and self.current >= len(comparison.divergences):
            self.current = None
        for side in (0, 1):
            pane = self.pane(side)
            pane.colours = self.nav.colours(side)
            pane.also = self.nav.second_colours(side)
            pane.markers = self.nav.markers(side)
        self.apply_coverage()
        self._update_status()
        self.refresh_bindings()

    def _place_start(self, passage: int, kind: str | None) -> None:
        """Select the divergence the screen was opened for."""
        assert self.comparison is not None
        candidates = [i for i, d in enumerate(self.comparison.divergences)
                      if d.a_passage == passage]
        preferred = [i for i in candidates if self.comparison.divergences[i].kind == kind]
        if preferred or candidates:
            self.current = (preferred or candidates)[0]
            self.focus_link = self.comparison.divergences[self.current].link

    # -- keeping the panes in step ----------------------------------------------------------

    def _sync(self, scroll: bool = True, *, keep_other: bool = False) -> None:
        """Push cursor, focused link and marks down to the panes; keep them level.

        ``keep_other``: the other pane's cursor stays where it is (a switch of panes moves
        nothing on screen)."""
        if self.nav is None:
            return
        nav, side = self.nav, self.side
        mine, other = self.pane(side), self.pane(1 - side)
        if not mine.passage_count:
            return
        passage = self.cursor[side] = max(0, min(self.cursor[side], mine.passage_count - 1))
        self.focus_link = nav.link_index(side, passage, self.focus_link)
        link = None if self.focus_link is None else nav.links[self.focus_link]
        colour = None if self.focus_link is None else nav.colour(self.focus_link)
        mine.focus_colour = other.focus_colour = colour
        peek = self._peek()
        if peek is not None:  # an omission on the other side: show that passage
            mine.focused = frozenset({passage})
            other.focused = frozenset({peek})
            self.cursor[1 - side] = peek
        elif link is not None:
            mine.focused = frozenset(nav.link_passages(side, link))
            theirs = nav.link_passages(1 - side, link)
            other.focused = frozenset(theirs)
            if not keep_other and self.cursor[1 - side] not in theirs:
                self.cursor[1 - side] = theirs[0]
        else:
            mine.focused = frozenset({passage})
            other.focused = frozenset()
        mine.cursor, other.cursor = passage, self.cursor[1 - side]
        mine.active, other.active = True, False
        divergence = (self.comparison.divergences[self.current]
                      if self.current is not None and self.comparison else None)
        for s, pane in ((side, mine), (1 - side, other)):
            marks = []
            if self.word_marks and link is not None:
                marks += nav.word_marks(s, link)
            if divergence is not None:
                marks += nav.divergence_marks(s, divergence)
            pane.marks = tuple(sorted(marks, key=lambda m: (m.start, m.kind)))
        if scroll:
            self._level()
        self._update_status()

    def _peek(self) -> int | None:
        """The other side's passage of the current divergence when this side has none."""
        if self.nav is None:
            return None
        if self.current is None:
            return self.left_out_peek()  # an "o" jump: what this article leaves out
        d = self.nav.comparison.divergences[self.current]
        if Navigator.passage_of(d, self.side) is None:
            return Navigator.passage_of(d, 1 - self.side)
        return None

    def _level(self) -> None:
        """Scroll the cursor's passage into view with its counterpart on the same row.

        When one pane cannot scroll far enough (near the top or the end of its article), the
        other one moves instead, so the two stay level whenever both can show them.
        """
        if self.nav is None:
            return
        side = self.side
        mine, other = self.pane(side), self.pane(1 - side)
        passage = self.cursor[side]
        mine.scroll_to_passage(passage)
        anchor = self._peek()
        if anchor is None:
            anchor = self.nav.anchor(side, passage, self.focus_link)
        if anchor is None or not other.display:
            return
        row_mine, row_other = mine.first_row(passage), other.first_row(anchor)
        height = mine.scrollable_content_region.height
        low = max(row_mine - mine.max_scroll_row, row_other - other.max_scroll_row, 0)
        high = min(row_mine, row_other, max(0, height - mine.row_count(passage)))
        wanted = mine.screen_row_of(passage)
        if low <= high:
            wanted = max(low, min(wanted, high))
            mine.scroll_to_passage(passage, screen_row=wanted)
        other.scroll_to_passage(anchor, screen_row=wanted)

    def on_resize(self) -> None:
        self.call_after_refresh(self._level)

    def _update_status(self) -> None:
        note = ""
        if self.comparison is not None and self.nav is not None:
            article = self.article_pair[self.side]
            if self.current is not None:
                d = self.comparison.divergences[self.current]
                note = f"{d.kind} ({d.salience_label}): {d.note}"
            elif self.focus_link is None and article.passages:
                note = f"only in {article.outlet}: no counterpart in the other article"
            elif self.focus_link is not None:
                note = self.nav.links[self.focus_link].explanation
            note = self.coverage_status(note)
        self.query_one(CompareStatus).show(
            self.comparison, counts=self._counts, kind=self.kind, note=note, busy=self.busy
        )

    def watch_side(self) -> None:
        self._update_sides()
        keep, self._switching = self._switching, False
        self._sync(keep_other=keep)

    def _update_sides(self) -> None:
        for side in (0, 1):
            box = self.query_one(f"#side-{'ab'[side]}")
            box.set_class(side == self.side, "-active")
            box.set_class(side != self.side, "-inactive")
        self.pane(self.side).focus()

    def watch_word_marks(self) -> None:
        self._sync(scroll=False)

    def watch_kind(self) -> None:
        self._update_status()

    def watch_busy(self, busy: bool) -> None:
        self.query_one("#busy").display = busy
        self._update_status()

    @on(PassagePane.Clicked)
    def _clicked(self, message: PassagePane.Clicked) -> None:
        self.current = None
        self.cursor[message.pane.side] = message.passage
        if self.side != message.pane.side:
            self.side = message.pane.side  # watch_side syncs
        else:
            self._sync()

    @on(PassagePane.LayoutChanged)
    def _relaid(self) -> None:
        self._level()

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ready = self.nav is not None
        if action in ("divergence", "cycle_kind"):
            return True if ready and self.comparison.divergences else None
        if action == "only":
            return True if ready and self.nav.only[self.side] else None
        if action in ("own", "left_out"):
            return True if ready and self.story_coverage is not None else None
        if action == "threshold":
            if not ready or self.busy:
                return None
            target = self.comparison.threshold + THRESHOLD_STEP * int(parameters[0])
            return True if 0.0 < round(target, 2) < 1.0 else None
        if action in ("move", "page", "edge", "switch_pane", "swap", "toggle_marks", "export",
                      "search"):
            return True if ready else None
        return True

    def action_move(self, step: int) -> None:
        self.current = None
        self.cursor[self.side] += step
        self._sync()

    def action_page(self, direction: int) -> None:
        """Move the cursor a screenful: to the first passage below (or above) the view."""
        pane = self.pane(self.side)
        height = max(1, pane.scrollable_content_region.height)
        row = pane.first_row(self.cursor[self.side]) + direction * height
        passage = pane.passage_near_row(row)
        if passage is not None:
            self.current = None
            self.cursor[self.side] = passage
            self._sync()

    def action_edge(self, direction: int) -> None:
        self.current = None
        self.cursor[self.side] = 0 if direction < 0 else self.pane(self.side).passage_count - 1
        self._sync()

    def action_switch_pane(self) -> None:
        self._switching = True  # (the other pane's cursor stays: nothing moves on screen)
        self.side = 1 - self.side

    def _go_to_divergence(self, index: int) -> None:
        """Put the cursor on a divergence; one found only in the other pane (an omission)
        is shown there, level with the passage of this pane where it would have been."""
        assert self.nav is not None
        self.current = index
        d = self.nav.comparison.divergences[index]
        self.focus_link = d.link
        side = self.side
        mine, theirs = Navigator.passage_of(d, side), Navigator.passage_of(d, 1 - side)
        if mine is None and theirs is not None:
            mine = self.nav.anchor(1 - side, theirs)
        if mine is not None:
            self.cursor[side] = mine
        self._sync()

    def action_divergence(self, direction: int) -> None:
        index = self.nav.step_divergence(
            self.side, direction, current=self.current, passage=self.cursor[self.side],
            kind=self.kind,
        )
        if index is None:
            self.notify(f"No {self.kind} divergence here.", severity="warning")
            return
        self._go_to_divergence(index)

    def action_cycle_kind(self) -> None:
        present = [k for k in DIVERGENCE_KINDS if k in self.comparison.divergence_counts()]
        kinds: list[str | None] = [None, *present]
        self.kind = kinds[(kinds.index(self.kind) + 1) % len(kinds)] if self.kind in kinds \
            else None
        self.current = None

    def next_of_kind(self, kind: str) -> None:
        """Jump to the next divergence of ``kind`` (used by the command palette)."""
        self.kind = kind
        self.action_divergence(1)

    def action_only(self, direction: int) -> None:
        passage = self.nav.step_only(self.side, self.cursor[self.side], direction)
        if passage is not None:
            self.current = None
            self.cursor[self.side] = passage
            self._sync()

    def action_swap(self) -> None:
        self.a, self.b = self.b, self.a
        self.cursor.reverse()  # link indexes are the same in the swapped comparison
        self._show_articles()
        self._set_comparison(self.comparison.swapped())
        self.side = 1 - self.side  # the cursor stays on the same article; syncs
        if self._search:
            self._apply_search(self._search)

    def action_toggle_marks(self) -> None:
        self.word_marks = not self.word_marks

    def action_threshold(self, direction: int) -> None:
        target = round(self.comparison.threshold + THRESHOLD_STEP * direction, 2)
        self.busy = True
        self.refresh_bindings()
        self._align(self.a, self.b, target)

    def action_export(self) -> None:
        def done(path) -> None:
            if path is not None:  # the file name on a line of its own, never broken
                folder = display_path(path.parent)
                folder = "the working folder" if folder == "." else folder
                self.notify(f"{neutralise(path.name)}\nin {folder}", title="Exported",
                            markup=False)

        self.app.push_screen(ExportDialog(self.comparison, self.app.export_dir,
                                          self.app.export_format), done)

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        if self.focused is box:
            box.insert_text_at_cursor("/")
            return
        box.add_class("-shown")
        self.set_focus(box)  # now, so keys typed right after the slash reach the box

    def action_back(self) -> None:
        box = self.query_one("#search", Input)
        if box.has_class("-shown"):
            box.remove_class("-shown")
            box.value = ""
            self.pane(self.side).focus()
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # -- search -----------------------------------------------------------------------------

    def _apply_search(self, query: str) -> None:
        self._search = query
        for side, article in enumerate(self.article_pair):
            self.pane(side).search_spans = find_all(article.body, query, limit=MAX_SEARCH_HITS)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._apply_search(event.value)

    @on(Input.Submitted, "#search")
    def _search_next(self) -> None:
        """Move to the next passage with a match, in this pane first, then in the other."""
        hits = [
            sorted({self.pane(s).passage_at_offset(start) for start, _ in
                    self.pane(s).search_spans} - {None})
            for s in (0, 1)
        ]
        found = next_hit(hits, self.side, self.cursor[self.side])
        if found is None:
            if self._search:
                self.notify("No match.", severity="warning")
            return
        side, passage = found
        self.current = None
        self.cursor[side] = passage
        if side != self.side:
            self.side = side  # watch_side syncs
        else:
            self._sync()
        self.set_focus(self.query_one("#search", Input))
