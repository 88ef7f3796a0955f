"""A Markdown report of a comparison, readable on GitHub and in note-taking apps.

Word marks: ``~~struck~~`` words are only in A, ``**bold**`` words only in B, and *italic*
words differ only softly (case, punctuation, quote style, spelling or inflection), on both
sides.  Article text is escaped (see ``escape``) so nothing in it becomes live markup: no
emphasis, links, autolinks, images, HTML, headings, lists, code or table cells.  An article's
URL is the one link, and only when it is plain http(s) (``_url``).
"""

from __future__ import annotations

import re
import unicodedata

from ..ingest.safety import neutralise
from ..model import Article, Comparison, Link
from ..reports import DivergenceReport
from ._layout import (
    Mark,
    article_labels,
    divergence_groups,
    kind_counts,
    passage_label,
    passage_pieces,
    percent,
    reading_rows,
    report_counts,
    row_link,
    safe_url,
    span_in_passage,
    split_at,
    squash,
)

# The characters that can open markup inside a line in CommonMark or GitHub's flavour:
# escapes, code, emphasis, strikethrough, links and images, HTML, entities, table cells, math.
_SPECIAL = re.compile(r"([\\`*\[\]<>|~&$])")
# An underscore inside a word (snake_case, file ids) can never open or close emphasis.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# Openers of a block, which only count at the start of a line.
_BLOCK_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
# GitHub's autolinks and mentions: www.example.com, scheme://..., name@host, @user.
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|(?<=[a-z0-9]):(?=//)|@(?=\w)")

MARKS: dict[tuple[str, Mark], tuple[str, str]] = {
    ("a", "deleted"): ("~~", "~~"),
    ("b", "inserted"): ("**", "**"),
    ("a", "soft"): ("*", "*"),
    ("b", "soft"): ("*", "*"),
}


def escape(text: str) -> str:
    """Article text as inert Markdown on one line: shown as written, never parsed as markup."""
    text = squash(neutralise(text))
    text = _SPECIAL.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _AUTOLINK.sub(lambda m: "\\" + m.group(0), text)
    return _BLOCK_START.sub(_escape_block, text, count=1)


def _escape_block(match: re.Match[str]) -> str:
    opener = match.group(0)
    return opener + "\\" if opener[0].isdigit() else "\\" + opener


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _mark(text: str, prev: str, nxt: str, left: str, right: str) -> str:
    """``text`` between ``left`` and ``right`` so that the delimiters really take effect.

    CommonMark ignores a delimiter squeezed between a letter and punctuation (``word~~,x~~``),
    so punctuation touching a neighbouring word stays outside the mark.
    """
    lead = trail = ""
    if prev and not prev.isspace() and not _is_punct(prev):
        while text and _is_punct(text[0]):
            lead, text = lead + text[0], text[1:]
    if nxt and not nxt.isspace() and not _is_punct(nxt):
        while text and _is_punct(text[-1]):
            text, trail = text[:-1], text[-1] + trail
    core = text.strip()
    lead += text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):] + trail
    if not core:
        return escape(lead + trail)
    text = core
    return f"{escape(lead)}{left}{escape(text)}{right}{escape(trail)}"


def _cell(text: str | None) -> str:
    return escape(text.strip()) if text and text.strip() else "—"


def _url(url: str | None) -> str:
    """A plain http(s) address as an autolink (``<https://...>``: a link where Markdown is
    rendered, the bare address, without escapes, where it is not); anything else as text."""
    safe = safe_url(url.strip()) if url else None
    if safe is None:
        return _cell(url)
    return "<" + safe.replace("|", "%7C") + ">"  # (a bar would end the table cell)


def _metadata(a: Article, b: Article) -> list[str]:
    rows = [
        ("Outlet", a.outlet, b.outlet),
        ("Title", a.title, b.title),
        ("Date", a.date, b.date),
        ("By", a.byline, b.byline),
        ("URL", a.url, b.url),
        ("Passages", f"{len(a.passages)} ({a.words} words)",
         f"{len(b.passages)} ({b.words} words)"),
    ]
    out = ["| | A | B |", "|---|---|---|"]
    for name, va, vb in rows:
        if va or vb:
            cells = (_url(va), _url(vb)) if name == "URL" else (_cell(va), _cell(vb))
            out.append(f"| **{name}** | {cells[0]} | {cells[1]} |")
    return out


def _side(comparison: Comparison, side: str, passages: tuple[int, ...], link: Link | None) -> str:
    article = comparison.a if side == "a" else comparison.b
    link_value = link
    parts: list[str] = []
    for n, index in enumerate(passages):
        if n:
            parts.append(" ")
        pieces = passage_pieces(article, index, link_value, side)
        for i, (text, mark) in enumerate(pieces):
            if (side, mark) not in MARKS:
                parts.append(escape(text))
                continue
            prev = pieces[i - 1][0][-1:] if i else ""
            nxt = pieces[i + 1][0][:1] if i + 1 < len(pieces) else ""
            parts.append(_mark(text, prev, nxt, *MARKS[(side, mark)]))
    return "".join(parts).strip()


def render_comparison(comparison: Comparison) -> str:
    a, b = comparison.a, comparison.b
    out = [
        f"# Parallax: {escape(a.outlet)} vs {escape(b.outlet)}",
        "",
        *_metadata(a, b),
        "",
        "## Figures",
        "",
        f"- **Aligned:** A {percent(comparison.aligned_share_a)}, "
        f"B {percent(comparison.aligned_share_b)}",
        f"- **Links:** {len(comparison.links)} (only in A: {len(comparison.only_a)}, "
        f"only in B: {len(comparison.only_b)})",
        f"- **Threshold:** {comparison.threshold:.2f}",
    ]
    counts = kind_counts(comparison)
    summary = ", ".join(f"{kind} {n}" for kind, n in counts) if counts else "none"
    out.append(f"- **Divergences:** {summary}")
    out += [
        "",
        "Marks: ~~struck~~ words are only in A, **bold** words only in B, *italic* words "
        "differ only in case, punctuation, spelling or inflection. Paragraphs (¶) of each "
        "article's body are numbered from 1, below its headline and dek.",
        "",
    ]
    rows = reading_rows(comparison)
    heads = [r for r in rows if r.kind == "head"]
    if heads:
        out += ["## Headlines", ""]
    for row in heads:
        link = row_link(comparison, row)
        for tag, side, mine in (("A", "a", row.a), ("B", "b", row.b)):
            if mine:
                role = (comparison.a if side == "a" else comparison.b).passages[mine[0]].role
                out.append(f"> **{tag}** ({role}) {_side(comparison, side, mine, link)}")
            else:
                out.append(f"> **{tag}** (none)")
            out.append(">" if tag == "A" else "")
    out += ["## Linked passages", ""]
    linked = [r for r in rows if r.kind == "link" and r.link is not None]
    for row in linked:
        k = row.link or 0
        link = comparison.links[k]
        head = (f"**Link {k + 1}** · A {passage_label(a, row.a)} ↔ B {passage_label(b, row.b)} · "
                f"similarity {link.score:.2f}")
        if link.shared:
            head += " · shares " + ", ".join(escape(s) for s in link.shared[:8])
        out += [
            head,
            "",
            f"> **A** {_side(comparison, 'a', row.a, link)}",
            ">",
            f"> **B** {_side(comparison, 'b', row.b, link)}",
            "",
        ]
    if not linked:
        out += ["No passages were linked.", ""]
    for side, tag, name in (("a", "A", a.outlet), ("b", "B", b.outlet)):
        only = [r for r in rows if r.kind == f"only_{side}"]
        out += [f"## Only in {tag} ({escape(name)})", ""]
        for row in only:
            passages = row.a if side == "a" else row.b
            article = a if side == "a" else b
            out.append(f"- {passage_label(article, passages)} "
                       f"{_side(comparison, side, passages, None)}")
        if not only:
            out.append("Nothing: every passage has a counterpart.")
        out.append("")
    out += [f"## Divergences ({len(comparison.divergences)})", ""]
    for title, items in divergence_groups(comparison):
        out += [f"### {escape(title)} ({len(items)})", ""]
        for n, d in items:
            out.append(f"{n}. **{escape(d.kind)}** ({d.salience_label}) {escape(d.note)}")
            indent = " " * len(f"{n}. ")  # nested under the item, however wide its number
            for tag, passage, words in (("A", d.a_passage, d.a_text),
                                        ("B", d.b_passage, d.b_text)):
                article = a if tag == "A" else b
                where = f" {passage_label(article, (passage,))}" if passage is not None else ""
                shown = f"“{escape(words.strip())}”" if words.strip() else "(not reported)"
                out.append(f"{indent}- {tag}{where}: {shown}")
        out.append("")
    if not comparison.divergences:
        out.append("None found.")
    return "\n".join(out).rstrip("\n") + "\n"


def render_report(report: DivergenceReport) -> str:
    articles = {a.id: a for a in report.articles}
    labels = article_labels(report)
    out = [
        "# Parallax: divergences across the corpus",
        "",
        report_counts(report, ", ") + ".",
        "",
        "| Id | Outlet | Title | Date | URL |",
        "|---|---|---|---|---|",
    ]
    for a in report.articles:
        out.append(f"| {_cell(a.id)} | {_cell(a.outlet)} | {_cell(a.title)} | {_cell(a.date)} "
                   f"| {_url(a.url)} |")
    out += ["", "Words that differ are shown in **bold** within their passage.", ""]
    for n, d in enumerate(report.divergences, 1):
        out.append(f"{n}. **{escape(d.kind)}** ({d.salience_label}) {escape(d.what)}")
        indent = " " * len(f"{n}. ")
        for f in d.forms:
            article = articles.get(f.article)
            outlet = labels.get(f.article, f.article)
            cut = span_in_passage(article, f.passage, f.span, f.text) if article else None
            before, inside, after = split_at(f.passage_text, cut)
            words = f"**{escape(inside.strip())}**" if inside.strip() else ""
            pad_l = " " if inside[:1].isspace() else ""
            pad_r = " " if inside[-1:].isspace() else ""
            line = f"{escape(before)}{pad_l}{words}{pad_r}{escape(after)}".strip()
            out.append(f"{indent}- {escape(outlet)} {passage_label(article, (f.passage,))}: {line}")
    if not report.divergences:
        out.append("No divergences found.")
    return "\n".join(out).rstrip("\n") + "\n"
