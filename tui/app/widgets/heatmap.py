"""A small grid of how much each outlet shares with each other outlet, over the articles
that report the same story (pairs at or above ``RELATED_CUTOFF``): two outlets that cover
different stories share nothing worth a number."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ...core.corpus.related import RELATED_CUTOFF
from ...core.ingest.meta import outlet_label
from ...core.model import Article, outlet_known, title_label

LEVELS = 5
NAME_WIDTH = 22
"""Columns for an outlet's name in the grid."""


def outlet_matrix(
    articles: tuple[Article, ...] | list[Article], matrix: dict[tuple[str, str], float],
    cutoff: float = RELATED_CUTOFF,
) -> tuple[list[str], dict[tuple[int, int], float]]:
    """Outlets in corpus order (named as the library names them), and for each pair of
    outlets the mean overlap of their related articles (pairs scoring ``cutoff`` or more; a
    pair of outlets with none has no cell). An article of no known outlet is a row of its
    own, named by its title."""
    outlets: list[str] = []
    name_of: dict[str, str] = {}
    for article in articles:
        name = outlet_label(article)
        if not outlet_known(article.outlet):
            name = title_label(article.title, NAME_WIDTH - 3) or article.id
        name_of[article.id] = name
        if name not in outlets:
            outlets.append(name)
    index = {name: n for n, name in enumerate(outlets)}
    outlet_of = {article.id: index[name_of[article.id]] for article in articles}
    sums: dict[tuple[int, int], list[float]] = {}
    seen: set[tuple[str, str]] = set()
    for (a, b), value in matrix.items():
        pair = (a, b) if a < b else (b, a)
        if a == b or value < cutoff or pair in seen or a not in outlet_of \
                or b not in outlet_of:
            continue
        seen.add(pair)  # (each pair once: the matrix holds both orders)
        x, y = outlet_of[a], outlet_of[b]
        for key in {(x, y), (y, x)}:
            sums.setdefault(key, []).append(value)
    return outlets, {key: sum(values) / len(values) for key, values in sums.items()}


class OverlapHeatmap(Widget):
    """Rows and columns are outlets; each cell the mean overlap of their articles that report
    the same story ("·" when they report none in common)."""

    COMPONENT_CLASSES = {f"heatmap--{n}" for n in range(LEVELS)} | {"heatmap--label"}

    DEFAULT_CSS = """
    OverlapHeatmap { height: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._outlets: list[str] = []
        self._cells: dict[tuple[int, int], float] = {}
        self._measured = False

    def show(self, articles, matrix: dict[tuple[str, str], float]) -> None:
        self._outlets, self._cells = outlet_matrix(articles, matrix)
        self._measured = True
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._outlets) + 2 if len(self._outlets) > 1 else 1

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        if not self._measured:
            text.append("Overlap between outlets: measuring\u2026", style="dim italic")
            return text
        if len(self._outlets) < 2:
            text.append("Outlet overlap: needs two outlets", style="dim italic")
            return text
        label = self.get_component_rich_style("heatmap--label")
        text.append("Outlet overlap on shared stories (mean %)\n", style=label)
        names = [name[:NAME_WIDTH] for name in self._outlets]
        top = max(self._cells.values(), default=0.0) or 1.0  # shade relative to the highest
        pad = max(len(name) for name in names) + 3
        text.append(" " * pad)
        for n in range(len(names)):
            text.append(f"{n + 1:>3} ", style=label)
        for row, name in enumerate(names):
            text.append("\n")
            text.append(f"{row + 1:>2} {name:<{pad - 3}}", style=label)
            for col in range(len(names)):
                value = self._cells.get((row, col))
                if value is None:
                    text.append("  \u00b7 ", style=label)
                    continue
                level = min(LEVELS - 1, int(value / top * (LEVELS - 1) + 0.5))
                style = self.get_component_rich_style(f"heatmap--{level}")
                text.append(f"{round(value * 100):>3} ", style=style)
        return text
