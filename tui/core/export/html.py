"""One self-contained HTML page per comparison (and one for the corpus-wide report).

Inline CSS only, no script, and a Content-Security-Policy that forbids any request, so the
file works offline and cannot phone home.  Every piece of article text and metadata goes
through ``_esc`` (control characters shown, then ``html.escape(..., quote=True)``); a URL
becomes a link only when it is plain http(s).
"""

from __future__ import annotations

import html as _html
from functools import cache
from importlib import resources

from ..ingest.safety import neutralise
from ..model import Article, Comparison, Divergence, Link
from ..reports import DivergenceReport
from ._layout import (
    Mark,
    Row,
    article_labels,
    divergence_groups,
    grouped_rows,
    kind_counts,
    pair_class,
    passage_label,
    passage_pieces,
    percent,
    report_counts,
    row_link,
    safe_url,
    span_in_passage,
    split_at,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"

MARK_TAGS: dict[tuple[str, Mark], tuple[str, str]] = {
    ("a", "deleted"): ("del", "diff--deleted"),
    ("b", "inserted"): ("ins", "diff--inserted"),
    ("a", "soft"): ("del", "diff--soft"),
    ("b", "soft"): ("ins", "diff--soft"),
}


@cache
def stylesheet() -> str:
    """The inline stylesheet shared by both pages (``export.css`` beside this module)."""
    return resources.files(__package__).joinpath("export.css").read_text(encoding="utf-8")


def _esc(text: str | None) -> str:
    return _html.escape(neutralise(text or ""), quote=True)


def _page(title: str, body: list[str], extra_css: str = "") -> str:
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="generator" content="Parallax">',
        f"<title>{title}</title>",
        "<style>",
        stylesheet().rstrip("\n"),
        *([extra_css.rstrip("\n")] if extra_css else []),
        "</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def _url(url: str | None) -> str:
    if not url:
        return ""
    href = safe_url(url)
    if href is None:
        return f'<dd class="meta__url">{_esc(url)}</dd>'
    return (f'<dd class="meta__url"><a href="{_esc(href)}" rel="noopener noreferrer">'
            f"{_esc(url)}</a></dd>")


def _article_card(tag: str, article: Article) -> list[str]:
    side = tag.lower()
    out = [
        f'<section class="meta meta--{side}" aria-label="Article {tag}">',
        f'<p class="meta__outlet"><span class="side side--{side}">{tag}</span> '
        f"{_esc(article.outlet)}</p>",
        f'<h2 class="meta__title">{_esc(article.title)}</h2>',
    ]
    if article.dek:
        out.append(f'<p class="meta__dek">{_esc(article.dek)}</p>')
    out.append('<dl class="meta__facts">')
    if article.date:
        out.append(f"<dt>Date</dt><dd>{_esc(article.date)}</dd>")
    if article.byline:
        out.append(f"<dt>By</dt><dd>{_esc(article.byline)}</dd>")
    if article.url:
        out.append(f"<dt>URL</dt>{_url(article.url)}")
    out.append(f"<dt>Passages</dt><dd>{len(article.passages)} · {article.words} words</dd>")
    out.append("</dl>")
    out.append("</section>")
    return out


def _share(tag: str, share: float) -> str:
    pct = percent(share)
    return (f'<div class="figure"><span class="figure__label">{tag} aligned</span>'
            f'<span class="figure__value">{pct}</span>'
            f'<span class="bar"><span class="bar__fill bar__fill--{tag.lower()}" '
            f'style="width:{pct}"></span></span></div>')


def _figures(comparison: Comparison) -> list[str]:
    counts = kind_counts(comparison)
    chips = "".join(
        f'<span class="chip chip--{_esc(kind)}">{_esc(kind)} <b>{n}</b></span>'
        for kind, n in counts
    ) or '<span class="muted">none</span>'
    return [
        '<section class="figures" aria-label="Figures">',
        _share("A", comparison.aligned_share_a),
        _share("B", comparison.aligned_share_b),
        f'<div class="figure"><span class="figure__label">Links</span>'
        f'<span class="figure__value">{len(comparison.links)}</span>'
        f'<span class="figure__note">only in A {len(comparison.only_a)} · '
        f"only in B {len(comparison.only_b)}</span></div>",
        f'<div class="figure"><span class="figure__label">Threshold</span>'
        f'<span class="figure__value">{comparison.threshold:.2f}</span>'
        f'<span class="figure__note">least similarity for a link</span></div>',
        f'<div class="figure figure--wide"><span class="figure__label">Divergences '
        f"({len(comparison.divergences)})</span><span class=\"chips\">{chips}</span></div>",
        "</section>",
    ]


LEGEND = [
    '<section class="legend" aria-label="Legend">',
    '<span class="legend__item"><span class="swatch align--pair-0"></span>'
    '<span class="swatch align--pair-1"></span><span class="swatch align--pair-2"></span>'
    " linked passages share a colour; click one to jump to its counterpart</span>",
    '<span class="legend__item"><del class="diff--deleted">words</del> only in A</span>',
    '<span class="legend__item"><ins class="diff--inserted">words</ins> only in B</span>',
    '<span class="legend__item"><ins class="diff--soft">words</ins> differ only in case, '
    "punctuation, spelling or inflection</span>",
    '<span class="legend__item"><span class="swatch swatch--only"></span> passage in one '
    "outlet only</span>",
    "</section>",
]


LIST_WORDS = 90
"""Longest quotation shown in the list of divergences (the passage itself holds the rest)."""


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LIST_WORDS else text[: LIST_WORDS - 1].rstrip() + "…"


def _divergence(n: int, d: Divergence, comparison: Comparison) -> str:
    def side(tag: str, passage: int | None, words: str) -> str:
        article = comparison.a if tag == "A" else comparison.b
        quoted = (f"“{_esc(_short(words))}”" if words.strip()
                  else '<span class="muted">not reported</span>')
        if passage is None:
            return f'<td class="dt__side">{quoted}</td>'
        return (f'<td class="dt__side"><a href="#{tag.lower()}-p{passage}">'
                f'<span class="dt__where dt__where--{tag.lower()}">'
                f"{passage_label(article, (passage,))}</span> {quoted}</a></td>")

    link = ""
    if d.link is not None and 0 <= d.link < len(comparison.links):
        link = (f'<a class="dt__link {pair_class(d.link)}" href="#link-{d.link + 1}" '
                f'title="link {d.link + 1}">{d.link + 1}</a>')
    return (
        f'<tr class="dt dt--{_esc(d.salience_label)}" id="divergence-{n}">'
        f'<td><span class="chip chip--{_esc(d.kind)}">{_esc(d.kind)}</span></td>'
        f'<td class="dt__salience">{_esc(d.salience_label)}</td>'
        f'<td class="dt__note">{_esc(d.note)}</td>'
        f'{side("A", d.a_passage, d.a_text)}{side("B", d.b_passage, d.b_text)}'
        f"<td>{link}</td></tr>"
    )


def _pieces(article: Article, index: int, link: Link | None, side: str) -> str:
    out = []
    for text, mark in passage_pieces(article, index, link, side):
        if mark and (side, mark) in MARK_TAGS:
            tag, cls = MARK_TAGS[(side, mark)]
            out.append(f'<{tag} class="{cls}">{_esc(text)}</{tag}>')
        else:
            out.append(_esc(text))
    return "".join(out)


def _ids(side: str, passages: tuple[int, ...], link: int | None, seen: set[str]) -> list[str]:
    """Anchor ids for a row's passages: ``a-p3`` the first time, ``a-p3-link5`` on a repeat
    (a passage linked twice is shown in both rows)."""
    ids = []
    for index in passages:
        ident = f"{side}-p{index}"
        if ident in seen:
            ident = f"{ident}-link{(link or 0) + 1}"
        seen.add(ident)
        ids.append(ident)
    return ids


def _cell(comparison: Comparison, row: Row, side: str, ids: list[str], target: str | None) -> str:
    article = comparison.a if side == "a" else comparison.b
    mine = row.a if side == "a" else row.b
    if not mine:
        missing = "A" if side == "a" else "B"
        return f'<div class="cell cell--{side} cell--empty">not in {missing}</div>'
    parts = []
    link = row_link(comparison, row)
    for index, ident in zip(mine, ids, strict=True):
        body = _pieces(article, index, link, side)
        label = f'<span class="passage__n">{passage_label(article, (index,))}</span>'
        # dir="auto": each passage takes its direction from its own words and is isolated, so
        # two right-to-left passages (and the labels between them) never reorder each other
        if target:
            parts.append(f'<a class="passage" dir="auto" id="{ident}" href="#{target}">'
                         f"{label}{body}</a>")
        else:
            parts.append(f'<span class="passage passage--only" dir="auto" id="{ident}">'
                         f"{label}{body}</span>")
    return f'<div class="cell cell--{side}">{" ".join(parts)}</div>'


def _row(comparison: Comparison, row: Row, seen: set[str]) -> str:
    if row.kind == "head":
        article, mine = (comparison.a, row.a) if row.a else (comparison.b, row.b)
        classes = "row row--head"
        gutter = (f'<div class="gutter"><span class="gutter__only">'
                  f"{_esc(article.passages[mine[0]].role)}</span></div>")
        ident = ""
    elif row.kind == "link" and row.link is not None:
        k = row.link
        score = comparison.links[k].score
        classes = f"row row--link {pair_class(k)}"
        gutter = (f'<div class="gutter"><a class="gutter__n" href="#link-{k + 1}">{k + 1}</a>'
                  f'<span class="gutter__score">{score:.2f}</span></div>')
        ident = f' id="link-{k + 1}"'
    else:
        classes = f"row row--{row.kind.replace('_', '-')}"
        gutter = '<div class="gutter"><span class="gutter__only">only</span></div>'
        ident = ""
    ids_a = _ids("a", row.a, row.link if row.kind == "link" else None, seen)
    ids_b = _ids("b", row.b, row.link if row.kind == "link" else None, seen)
    cell_a = _cell(comparison, row, "a", ids_a, ids_b[0] if ids_b else None)
    cell_b = _cell(comparison, row, "b", ids_b, ids_a[0] if ids_a else None)
    return f'<div class="{classes}"{ident}>{cell_a}{gutter}{cell_b}</div>'


def render_comparison(comparison: Comparison) -> str:
    a, b = comparison.a, comparison.b
    title = f"Parallax: {_esc(a.outlet)} vs {_esc(b.outlet)}"
    body = [
        '<header class="top">',
        '<p class="brand">Parallax <span class="muted">comparison</span></p>',
        '<div class="cards">',
        *_article_card("A", a),
        *_article_card("B", b),
        "</div>",
        *_figures(comparison),
        *LEGEND,
        "</header>",
        "<main>",
    ]
    if comparison.divergences:
        body += [
            '<details class="divergences" open>',
            f'<summary><h2>Divergences ({len(comparison.divergences)})</h2>'
            '<span class="muted">what differs, then what one outlet alone reports, most telling'
            ' first; click a passage to read it in place'
            "</span></summary>",
            '<div class="dt-scroll"><table class="div-table">',
            '<thead><tr><th>Kind</th><th>Salience</th><th>What</th><th>A</th><th>B</th>'
            "<th>Link</th></tr></thead><tbody>",
            *(row for title, items in divergence_groups(comparison) for row in (
                f'<tr class="dt-group"><th colspan="6">{_esc(title)} ({len(items)})</th></tr>',
                *(_divergence(n, d, comparison) for n, d in items))),
            "</tbody></table></div>",
            "</details>",
        ]
    body.append('<section class="pairs" aria-label="The two articles side by side">')
    body.append(f'<div class="pairs__head"><div class="side-head side-head--a"><b>A</b> '
                f'{_esc(a.outlet)}</div><div></div><div class="side-head side-head--b"><b>B</b> '
                f"{_esc(b.outlet)}</div></div>")
    seen: set[str] = set()
    body.extend(_row(comparison, row, seen) for row in grouped_rows(comparison))
    body.append("</section>")
    body.append("</main>")
    body.append('<footer class="foot muted">Made with Parallax. Passage numbers (¶) count '
                "the paragraphs of each article's body from 1, below its headline and dek; "
                "anchors use the JSON passage ids (<code>#a-p0</code> is A's first passage)."
                "</footer>")
    return _page(title, body)


def _form(article: Article | None, form_passage: int, span: tuple[int, int] | None, text: str,
          passage_text: str) -> str:
    cut = span_in_passage(article, form_passage, span, text) if article else None
    before, inside, after = split_at(passage_text, cut)
    marked = f'<mark class="form__words">{_esc(inside)}</mark>' if inside else ""
    return f"{_esc(before)}{marked}{_esc(after)}"


def render_report(report: DivergenceReport) -> str:
    articles = {a.id: a for a in report.articles}
    labels = article_labels(report)
    body = [
        '<header class="top">',
        '<p class="brand">Parallax <span class="muted">divergences across the corpus</span></p>',
        f'<p class="muted">{report_counts(report, " · ")}</p>',
        '<table class="articles"><thead><tr><th>Id</th><th>Outlet</th><th>Title</th>'
        "<th>Date</th><th>URL</th></tr></thead><tbody>",
    ]
    for a in report.articles:
        href = safe_url(a.url)
        url = (f'<a href="{_esc(href)}" rel="noopener noreferrer">{_esc(a.url)}</a>' if href
               else _esc(a.url))
        body.append(f'<tr id="article-{_esc(a.id)}"><td>{_esc(a.id)}</td><td>{_esc(a.outlet)}</td>'
                    f"<td>{_esc(a.title)}</td><td>{_esc(a.date)}</td><td>{url}</td></tr>")
    body += ["</tbody></table>", "</header>", "<main>", '<ol class="div-list div-list--corpus">']
    for n, d in enumerate(report.divergences, 1):
        body.append(f'<li class="div div--{_esc(d.salience_label)}" id="divergence-{n}">'
                    f'<span class="chip chip--{_esc(d.kind)}">{_esc(d.kind)}</span>'
                    f'<span class="div__salience">{_esc(d.salience_label)}</span>'
                    f'<span class="div__note">{_esc(d.what)}</span><ul class="forms">')
        for f in d.forms:
            article = articles.get(f.article)
            outlet = labels.get(f.article, f.article)
            body.append(f'<li><b>{_esc(outlet)}</b> <span class="muted">'
                        f"{passage_label(article, (f.passage,))}</span> "
                        f"{_form(article, f.passage, f.span, f.text, f.passage_text)}</li>")
        body.append("</ul></li>")
    body.append("</ol>")
    if not report.divergences:
        body.append('<p class="muted">No divergences found.</p>')
    body.append("</main>")
    return _page("Parallax: divergences", body)
