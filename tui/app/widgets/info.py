"""Small display widgets: an article's header and the compare screen's status line.

Article text and metadata are untrusted: they are always wrapped in ``rich.text.Text``, never
parsed as markup.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ...core.ingest.safety import neutralise
from ...core.model import Article, Comparison


def display_path(path: str | Path) -> str:
    """``path`` relative to the working directory when it is under it, else as given;
    control characters in file names are shown neutralised, like article text."""
    try:
        shown = str(Path(path).resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        shown = str(path)
    return neutralise(shown)


class ArticleHeader(Static):
    """Outlet, date, title and URL of one pane's article."""

    def show_article(self, article: Article, label: str) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(f"{label} ", style="reverse bold")
        text.append(" ")
        text.append(article.outlet, style="bold")
        if article.byline and article.byline != article.outlet:
            text.append(f" \u00b7 by {article.byline}")
        if article.date:
            text.append(f" \u00b7 {article.date}", style="dim")
        text.append(f" \u00b7 {article.words} words", style="dim")
        text.append("\n")
        text.append(article.title, style="italic")
        text.append("\n")
        if article.url:
            text.append(article.url, style="dim underline")
        else:
            text.append(display_path(article.path) if article.path else article.id, style="dim")
        self.update(text)


class CompareStatus(Widget):
    """The pair's figures (aligned shares, divergences by kind, threshold) and, on a second
    line, what the cursor is on.  Repaints without a layout pass: it changes on every key."""

    DEFAULT_CSS = """
    CompareStatus { height: 2; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._figures = Text()
        self._note = Text()
        self._figures_of: tuple | None = None

    def render(self) -> Text:
        if self.size.height < 2:  # one line: what the cursor is on matters most
            return self._note if self._note.plain else self._figures
        return Text("\n").join([self._figures, self._note])

    def update(self, figures: Text, note: Text) -> None:
        if (figures.plain, note.plain) != (self._figures.plain, self._note.plain):
            self._figures, self._note = figures, note
            self.refresh()

    def show(
        self, comparison: Comparison | None, *, counts: str = "", kind: str | None = None,
        note: str = "", busy: bool = False,
    ) -> None:
        note_text = Text(note, no_wrap=True, overflow="ellipsis", end="")
        if comparison is not None and self._figures_of is not None and (
            self._figures_of[0] is comparison and self._figures_of[1:] == (counts, kind, busy)
        ):  # the figures are what they were (they change with the comparison, not a key)
            self.update(self._figures, note_text)
            return
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if comparison is None:
            text.append("aligning\u2026", style="italic")
            self._figures_of = None
            self.update(text, Text())
            return
        self._figures_of = (comparison, counts, kind, busy)
        text.append(f"A {comparison.aligned_share_a:.0%}", style="bold")
        text.append(" \u00b7 ")
        text.append(f"B {comparison.aligned_share_b:.0%}", style="bold")
        text.append(" aligned \u00b7 ")
        text.append(counts)
        text.append(f" \u00b7 threshold {comparison.threshold:.2f}")
        if busy:
            text.append(" \u00b7 re-aligning\u2026", style="italic")
        if kind:
            text.append(" \u00b7 ")
            text.append(f"n/N: {kind} only", style="bold")
        self.update(text, note_text)


def counts_label(comparison: Comparison) -> str:
    """``12 divergences (3 title, 2 number, ...)``."""
    counts = comparison.divergence_counts()
    total = sum(counts.values())
    label = f"{total} divergence{'s' if total != 1 else ''}"
    if counts:
        parts = ", ".join(f"{n} {k}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1]))
        label += f" ({parts})"
    return label
