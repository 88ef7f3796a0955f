"""Coverage on the compare screen: when the two articles belong to a story of three articles
or more, each passage shows how many of the story's articles carry it ("4/5"), and two keys
jump to what only this outlet reports (``u``/``U``) and to what every other outlet reports but
this one leaves out (``o``/``O``, shown in the other pane, level with where it would be).

The story's pairs are aligned once in a worker (progress on the status bar) and kept by the
app for the session. The pair on screen counts through the comparison shown, so the markers
always agree with its links (after a threshold change too).
"""

from __future__ import annotations

from textual import work
from textual.widgets import ProgressBar

from ...core.corpus.stories import story_of
from ...core.reports import StoryReport
from ..messages import Progress, StoryReady

MIN_STORY = 3
"""Coverage is shown for stories of at least this many articles."""


def carriers(report: StoryReport, article: str, other: str, linked: set[int]
             ) -> list[set[str] | None]:
    """Per passage of ``article``: the articles of the story that carry it besides itself,
    ``other`` counted when the passage is in ``linked`` (its links in the comparison shown);
    None for the headline and dek, which are no fact of the story."""
    position = next(n for n, a in enumerate(report.articles) if a.id == article)
    passages = report.articles[position].passages
    return [None if not passages[p].in_body
            else (set(found) - {other}) | ({other} if p in linked else set())
            for p, found in enumerate(report.carried[position])]


def labels(found: list[set[str] | None], total: int) -> tuple[tuple[str, str], ...]:
    out = []
    for carried in found:
        if carried is None:
            out.append(("", ""))
            continue
        count = 1 + len(carried)
        kind = "all" if count == total else "one" if count == 1 else "some"
        out.append((f"{count}/{total}", f"coverage--{kind}"))
    return tuple(out)


def step(positions: list[int], current: int, direction: int) -> int | None:
    """The next (or previous) position after ``current``, wrapping around."""
    if not positions:
        return None
    if direction > 0:
        return next((p for p in positions if p > current), positions[0])
    return next((p for p in reversed(positions) if p < current), positions[-1])


class CoverageMixin:
    """The compare screen's coverage: markers, the worker, and the two jumps."""

    story_coverage: StoryReport | None = None
    """The story of the pair on screen, laid out (None until computed, or when the pair is
    not in a story of ``MIN_STORY`` articles)."""
    _carried: tuple[list[set[str] | None], list[set[str] | None]] = ([], [])
    _left_out_peek: tuple[int, int, int] | None = None
    """(side, cursor passage, other side's passage) of the last ``o`` jump."""

    def start_coverage(self) -> None:
        if self.app.corpus is not None and len(self.app.corpus) >= MIN_STORY:
            self._cover(self.a.id, self.b.id)

    @work(thread=True, exclusive=True, group="coverage", name="story coverage",
          exit_on_error=False)
    def _cover(self, a: str, b: str) -> None:
        story = story_of(self.app.stories_now(), a)
        if story is None or b not in story.articles or len(story.articles) < MIN_STORY:
            return

        def progress(done: int, total: int) -> None:
            self.post_message(Progress("coverage", done, total))

        self.post_message(StoryReady(self.app.story_report_now(story, progress)))

    # (handlers named by Textual's convention: ``@on`` needs a class Textual made)
    def on_progress(self, message: Progress) -> None:
        if message.job == "coverage":
            bar = self.query_one("#busy", ProgressBar)
            bar.display = True
            bar.update(total=message.total, progress=message.done)

    def on_story_ready(self, message: StoryReady) -> None:
        bar = self.query_one("#busy", ProgressBar)
        bar.update(total=None)
        bar.display = self.busy
        self.story_coverage = message.report
        self.apply_coverage()
        self.refresh_bindings()

    def apply_coverage(self) -> None:
        """Show the markers of the pair as it is now (called when the comparison changes)."""
        report, nav = self.story_coverage, self.nav
        if report is None or nav is None:
            return
        pair = self.article_pair
        self._left_out_peek = None
        self._carried = tuple(
            carriers(report, pair[side].id, pair[1 - side].id,
                     {p for link in nav.comparison.links for p in (link.a, link.b)[side]})
            for side in (0, 1))
        for side in (0, 1):
            self.pane(side).coverage = labels(self._carried[side], len(report.articles))

    def coverage_note(self, side: int, passage: int) -> str:
        """"carried by 3 of 5: X, Y" for the status line ("" without coverage)."""
        report = self.story_coverage
        if report is None or passage >= len(self._carried[side]):
            return ""
        found = self._carried[side][passage]
        if found is None:
            return ""
        names = dict(zip(report.story.articles, report.story.outlets, strict=False))
        total = len(report.articles)
        if not found:
            return f"only this outlet of the story's {total} reports it"
        return (f"{1 + len(found)}/{total} report it; also " +
                ", ".join(names.get(aid, aid) for aid in report.story.articles if aid in found))

    def coverage_status(self, note: str) -> str:
        """The status line's ``note`` on the cursor's passage, with what the story says of it
        (only that after an ``o`` jump)."""
        report = self.story_coverage
        if report is None:
            return note
        if self.left_out_peek() is not None:
            names = dict(zip(report.story.articles, report.story.outlets, strict=False))
            mine = self.article_pair[self.side].id
            return (f"left out by {names.get(mine, mine)}: every other outlet of the story "
                    "reports the passage shown beside")
        cover = self.coverage_note(self.side, self.cursor[self.side])
        return f"{cover} \u00b7 {note}" if cover and note else cover or note

    def left_out_peek(self) -> int | None:
        """The other pane's passage shown for the last ``o`` jump, while the cursor stays."""
        peek = self._left_out_peek
        if peek is not None and self.current is None and peek[:2] == (
                self.side, self.cursor[self.side]):
            return peek[2]
        return None

    # -- the two jumps ----------------------------------------------------------------------

    def action_own(self, direction: int) -> None:
        """Move to the next passage no other article of the story carries."""
        side = self.side
        own = [p for p, found in enumerate(self._carried[side]) if found is not None and not found]
        target = step(own, self.cursor[side], direction)
        if target is None:
            self.notify("Every passage here is carried by another outlet of the story.",
                        severity="information")
            return
        self.current = None
        self._left_out_peek = None
        self.cursor[side] = target
        self._sync()

    def action_left_out(self, direction: int) -> None:
        """Show, in the other pane, the next passage every other outlet of the story carries
        but this article leaves out (the cursor goes where it would be in this article)."""
        side, report = self.side, self.story_coverage
        mine = self.article_pair[side].id
        others = {a.id for a in report.articles} - {mine, self.article_pair[1 - side].id}
        left = [q for q, found in enumerate(self._carried[1 - side])
                if found is not None and mine not in found and others <= found]
        current = self.left_out_peek()
        if current is None:
            current = self.nav.anchor(side, self.cursor[side]) or 0
            current -= 1 if direction > 0 else -1
        target = step(left, current, direction)
        if target is None:
            self.notify("This outlet leaves out nothing that every other outlet reports.",
                        severity="information")
            return
        anchor = self.nav.anchor(1 - side, target)
        self.current = None
        self.cursor[side] = anchor if anchor is not None else self.cursor[side]
        self._left_out_peek = (side, self.cursor[side], target)
        self._sync()
