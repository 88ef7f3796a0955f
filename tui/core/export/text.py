"""The side-by-side terminal view, for pipes and pagers.

Built with Rich ``Text`` objects (article text is never parsed as Rich markup) and rendered into
a string.  Without colour the word marks are spelled out wdiff-style: ``[-only in A-]``,
``{+only in B+}``, and ``[~soft~]``/``{~soft~}`` for case, punctuation or spelling differences.
"""

from __future__ import annotations

from io import StringIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..ingest.safety import neutralise
from ..model import Article, Comparison, Link
from ..reports import DivergenceReport
from ._layout import (
    PALETTE_SIZE,
    Mark,
    article_labels,
    divergence_groups,
    grouped_rows,
    kind_counts,
    one_line,
    passage_label,
    passage_pieces,
    percent,
    report_counts,
    row_link,
    span_in_passage,
    split_at,
    squash,
)

PAIR_COLOURS = ("blue", "dark_orange", "green", "magenta", "cyan", "red", "yellow", "purple")
assert len(PAIR_COLOURS) == PALETTE_SIZE

MARK_STYLES: dict[Mark, str] = {
    "deleted": "bold red strike",
    "inserted": "bold green underline",
    "soft": "yellow",
}
PLAIN_DELIMITERS: dict[tuple[str, Mark], tuple[str, str]] = {
    ("a", "deleted"): ("[-", "-]"),
    ("b", "inserted"): ("{+", "+}"),
    ("a", "soft"): ("[~", "~]"),
    ("b", "soft"): ("{~", "~}"),
}


def _console(width: int, color: bool) -> tuple[Console, StringIO]:
    out = StringIO()
    console = Console(
        file=out,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        _environ={},  # the caller decides about colour; NO_COLOR, COLUMNS, ... play no part
    )
    return console, out


def _finish(out: StringIO, color: bool) -> str:
    text = out.getvalue()
    if not color:
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return text


def _safe(text: str) -> str:
    return neutralise(text)


def _hanging(label: str, body: Text) -> Table:
    """``body`` beside ``label``, its wrapped lines indented under the body's first line."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(label), body)
    return grid


def _article_lines(tag: str, article: Article, *, show_id: bool = False) -> Table:
    """One article's metadata, its lines hanging under the side's tag."""
    head = Text()
    head.append(_safe(one_line(article.outlet)), style="bold")
    head.append(" · ")
    head.append(_safe(one_line(article.title)))
    if article.date:
        head.append(f" · {_safe(article.date)}", style="dim")
    if show_id:
        head.append(f"\n{_safe(article.id)}", style="dim")
    if article.byline:
        head.append(f"\nby {_safe(one_line(article.byline))}", style="dim")
    if article.url:
        head.append(f"\n{_safe(one_line(article.url))}", style="dim")
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(tag, style="bold"), head)
    return grid


def _side_text(
    comparison: Comparison, side: str, passages: tuple[int, ...], link: Link | None, color: bool
) -> Text:
    article = comparison.a if side == "a" else comparison.b
    link_value = link
    text = Text()
    for n, index in enumerate(passages):
        if n:
            text.append(" ")
        for piece, mark in passage_pieces(article, index, link_value, side):
            piece = _safe(squash(piece))
            if not mark:
                text.append(piece)
            elif color:
                text.append(piece, style=MARK_STYLES[mark])
            else:
                left, right = PLAIN_DELIMITERS.get((side, mark), ("", ""))
                text.append(f"{left}{piece}{right}")
    return text


def _cell(label: str, body: Text, style: str) -> Text:
    cell = Text(label, style=style)
    cell.append("\n")
    cell.append_text(body)
    return cell


def _figures(comparison: Comparison) -> Text:
    line = Text()
    line.append("Aligned ", style="bold")
    line.append(
        f"A {percent(comparison.aligned_share_a)} · B {percent(comparison.aligned_share_b)}"
        f"   Links {len(comparison.links)}"
        f"   Only in A {len(comparison.only_a)} · only in B {len(comparison.only_b)}"
        f"   Threshold {comparison.threshold:.2f}"
    )
    counts = kind_counts(comparison)
    line.append("\nDivergences ", style="bold")
    line.append(" · ".join(f"{kind} {n}" for kind, n in counts) if counts else "none")
    return line


def _legend(color: bool) -> Text:
    line = Text("Marks ", style="bold")
    if color:
        line.append("only in A", style=MARK_STYLES["deleted"])
        line.append("  ")
        line.append("only in B", style=MARK_STYLES["inserted"])
        line.append("  ")
        line.append("soft (case, punctuation, spelling, inflection)", style=MARK_STYLES["soft"])
    else:
        line.append(
            "[-only in A-]  {+only in B+}  [~soft~] {~soft~} "
            "(case, punctuation, spelling, inflection)"
        )
    return line


def render_comparison(comparison: Comparison, *, color: bool = False, width: int = 100) -> str:
    console, out = _console(width, color)
    a, b = comparison.a, comparison.b
    console.print(Text("Parallax comparison", style="bold"))
    console.print(_article_lines("A", a))
    console.print(_article_lines("B", b))
    console.print()
    console.print(_figures(comparison))
    console.print(_legend(color))
    console.print()

    table = Table(
        box=box.SQUARE, show_header=True, show_lines=True, expand=True, header_style="bold",
        padding=(0, 1),
    )
    table.add_column(Text("A · " + _safe(one_line(a.outlet))), ratio=1, overflow="fold")
    table.add_column(Text("B · " + _safe(one_line(b.outlet))), ratio=1, overflow="fold")
    for row in grouped_rows(comparison):
        if row.kind == "head":
            link = row_link(comparison, row)
            cells = [
                _cell(passage_label(art, mine), _side_text(comparison, side, mine, link, color),
                      "bold") if mine else Text(f"(no {role})", style="dim italic")
                for side, art, mine, role in (
                    ("a", a, row.a, b.passages[row.b[0]].role if row.b else ""),
                    ("b", b, row.b, a.passages[row.a[0]].role if row.a else ""))
            ]
            table.add_row(*cells)
        elif row.kind == "link":
            k = row.link or 0
            link = comparison.links[k]
            style = f"bold {PAIR_COLOURS[k % PALETTE_SIZE]}" if color else "bold"
            tail = f" · link {k + 1} · {link.score:.2f}"
            table.add_row(
                _cell(passage_label(a, row.a) + tail,
                      _side_text(comparison, "a", row.a, link, color), style),
                _cell(passage_label(b, row.b) + tail,
                      _side_text(comparison, "b", row.b, link, color), style),
            )
        elif row.kind == "only_a":
            table.add_row(
                _cell(passage_label(a, row.a) + " · only in A",
                      _side_text(comparison, "a", row.a, None, color), "bold"),
                Text("(not in B)", style="dim italic"),
            )
        else:
            table.add_row(
                Text("(not in A)", style="dim italic"),
                _cell(passage_label(b, row.b) + " · only in B",
                      _side_text(comparison, "b", row.b, None, color), "bold"),
            )
    if comparison.a.passages or comparison.b.passages:
        console.print(table)
    else:
        console.print(Text("(both articles are empty)", style="dim"))

    console.print()
    console.print(Text(f"Divergences ({len(comparison.divergences)})", style="bold"))
    for title, items in divergence_groups(comparison):
        console.print(Text(f"  {_safe(title)} ({len(items)})", style="bold"))
        for n, d in items:
            _print_divergence(console, n, d, a, b)
    if not comparison.divergences:
        console.print(Text("  none found", style="dim"))
    return _finish(out, color)


def _print_divergence(console, n: int, d, a: Article, b: Article) -> None:
    entry = Text()
    entry.append(f"{d.kind} ({d.salience_label})", style="bold")
    entry.append(" " + _safe(one_line(d.note)))
    for tag, passage, words in (("A", d.a_passage, d.a_text), ("B", d.b_passage, d.b_text)):
        where = (f" {passage_label(a if tag == 'A' else b, (passage,))}"
                 if passage is not None else "")
        entry.append(f"\n{tag}{where}: ")
        entry.append(f"“{_safe(one_line(words))}”" if words.strip() else "(not reported)",
                     style="italic")
    console.print(_hanging(f"{n:>3}.", entry))


def render_report(report: DivergenceReport, *, color: bool = False, width: int = 100) -> str:
    console, out = _console(width, color)
    articles = {a.id: a for a in report.articles}
    labels = article_labels(report)
    console.print(Text("Parallax divergences across the corpus", style="bold"))
    console.print(Text(report_counts(report, " · "), style="dim"))
    console.print()
    for a in report.articles:
        console.print(_article_lines("·", a, show_id=True))
    for n, d in enumerate(report.divergences, 1):
        console.print()
        head = Text()
        head.append(f"{d.kind} ({d.salience_label})", style="bold")
        head.append(" " + _safe(one_line(d.what)))
        console.print(_hanging(f"{n:>3}.", head))
        for form in d.forms:
            article = articles.get(form.article)
            outlet = labels.get(form.article, form.article)
            line = Text()
            line.append(_safe(one_line(outlet)), style="bold")
            line.append(f" {passage_label(article, (form.passage,))}: ")
            cut = span_in_passage(article, form.passage, form.span, form.text) if article else None
            before, inside, after = split_at(form.passage_text, cut)
            line.append(_safe(squash(before)))
            if inside:
                inside_text = _safe(squash(inside))
                if color:
                    line.append(inside_text, style="bold yellow")
                else:
                    line.append(f"«{inside_text}»")
            line.append(_safe(squash(after)))
            console.print(_hanging("    ", line))
    if not report.divergences:
        console.print()
        console.print(Text("No divergences found.", style="dim"))
    return _finish(out, color)
