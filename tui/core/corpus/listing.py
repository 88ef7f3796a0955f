"""The ``parallax list`` table (outlets named as the reader names them)."""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..ingest.meta import outlet_label
from ..model import Corpus


def render_listing(corpus: Corpus, *, color: bool = False, width: int | None = 120) -> str:
    """The table at ``width`` columns (an id too long for it folds onto a second line, never
    cut short); ``width=None``: as wide as the rows need."""
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    table.add_column("id", overflow="fold")  # (whole: ids are typed into other commands)
    table.add_column("outlet", max_width=32)
    table.add_column("date", no_wrap=True)
    table.add_column("title", ratio=1, min_width=24)
    table.add_column("words", justify="right", no_wrap=True)
    for a in corpus.articles:
        title = Text(a.title)
        if a.title_derived:
            title.append(" (derived)", style="dim italic")
        table.add_row(Text(a.id), Text(outlet_label(a)), Text(a.date or "-"), title, str(a.words))
    out = StringIO()
    console = Console(file=out, width=width or 100_000, color_system="standard" if color else None,
                      force_terminal=color, highlight=False, markup=False, emoji=False)
    console.print(table)
    n = len(corpus.articles)
    console.print(Text(f"{n} article{'s' * (n != 1)} in {corpus.root}"
                       + (f"; {len(corpus.problems)} file(s) could not be loaded"
                          if corpus.problems else ""), style="dim"))
    return out.getvalue()
