"""The story report: one self-contained HTML page laying out a story's facts against its
outlets (one section per story when there are several).

Rows are the story's facts, most widely carried first; columns its articles. A cell says
whether the article reports the fact and where (``¶3``); its wording shows on hover and on
focus (the cells take the keyboard's focus), and in print. Facts every article but one carries
mark the one that leaves them out; facts of one article only are marked as its own; a last row
counts each outlet's own facts and omissions. The story's divergences sit beside the table.

Same rules as the comparison page (``html``): inline CSS, no script, a Content-Security-Policy
that forbids every request, every piece of text escaped, links only to plain http(s) URLs.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..reports import CorpusDivergence, StoryReport
from ._layout import safe_url
from .html import _esc, _form, _page
from .stories import FactRow, date_span, fact_rows, passages_label, wording

SNIPPET = 160
"""Longest wording shown in the Fact column (the cells hold each outlet's full wording)."""
KIND_NOTES = {
    "all": "every outlet",
    "shared": "several outlets",
    "omitted": "all but one",
    "own": "one outlet only",
}


@cache
def story_stylesheet() -> str:
    """The story report's own rules (``story.css`` beside this module), after the shared ones."""
    return resources.files(__package__).joinpath("story.css").read_text(encoding="utf-8")


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rstrip() + "\u2026"


def _articles(report: StoryReport) -> list[str]:
    out = ['<table class="articles"><thead><tr><th>Outlet</th><th>Title</th><th>Date</th>'
           "<th>URL</th></tr></thead><tbody>"]
    for name, a in zip(report.story.outlets, report.articles, strict=False):
        href = safe_url(a.url)
        url = (f'<a href="{_esc(href)}" rel="noopener noreferrer">{_esc(a.url)}</a>' if href
               else _esc(a.url))
        out.append(f'<tr><td><b>{_esc(name)}</b></td><td>{_esc(a.title)}</td>'
                   f'<td class="d">{_esc(a.date or "")}</td><td class="u">{url}</td></tr>')
    out.append("</tbody></table>")
    return out


def _cell(report: StoryReport, row: FactRow, n: int) -> str:
    passages = row.cells[n]
    name = report.story.outlets[n] if n < len(report.story.outlets) else report.articles[n].id
    if not passages:
        if row.missing == n:
            return (f'<td class="c c--omitted" title="{_esc(name)} leaves out what every other '
                    'outlet reports"><span class="c__mark">left out</span></td>')
        return '<td class="c c--no"><span class="c__mark">\u2014</span></td>'
    words = wording(report.articles[n], passages)
    own = " c--own" if row.kind == "own" else ""
    return (f'<td class="c c--yes{own}" tabindex="0" title="{_esc(name)}: {_esc(words)}">'
            f'<span class="c__mark">\u25cf {_esc(passages_label(passages))}</span>'
            f'<span class="c__words" dir="auto">{_esc(words)}</span></td>')


def _fact_row(report: StoryReport, row: FactRow, ident: str) -> str:
    art, passage = row.lead
    lead = _snippet(report.articles[art].passages[passage].text)
    cells = "".join(_cell(report, row, n) for n in range(len(row.cells)))
    return (f'<tr class="fact fact--{row.kind}" id="{ident}">'
            f'<td class="fact__text" dir="auto">{_esc(lead)}</td>'
            f'<td class="fact__n" title="{KIND_NOTES[row.kind]}">{row.label}</td>{cells}</tr>')


def _totals(report: StoryReport, rows: list[FactRow]) -> str:
    cells = []
    for n in range(len(report.articles)):
        own = sum(1 for r in rows if r.kind == "own" and r.cells[n])
        left = sum(1 for r in rows if r.missing == n)
        told = sum(1 for r in rows if r.cells[n])
        cells.append(f'<td class="c c--total">{told} facts<br>{own} own<br>'
                     f'<span class="{"c--left" if left else ""}">{left} left out</span></td>')
    return ('<tfoot><tr><td class="fact__text">Per outlet: facts reported, its own, and facts '
            'every other outlet reports but it leaves out</td><td></td>'
            + "".join(cells) + "</tr></tfoot>")


def _divergence(report: StoryReport, d: CorpusDivergence) -> str:
    articles = {a.id: a for a in report.articles}
    names = dict(zip(report.story.articles, report.story.outlets, strict=False))
    forms = "".join(
        f'<li><b>{_esc(names.get(f.article, f.article))}</b> <span class="muted">'
        f'{passages_label((f.passage,))}</span> '
        f"{_form(articles.get(f.article), f.passage, f.span, f.text, f.passage_text)}</li>"
        for f in d.forms
    )
    return (f'<li class="div div--{_esc(d.salience_label)}">'
            f'<span class="chip chip--{_esc(d.kind)}">{_esc(d.kind)}</span>'
            f'<span class="div__salience">{_esc(d.salience_label)}</span>'
            f'<span class="div__note">{_esc(d.what)}</span><ul class="forms">{forms}</ul></li>')


def _section(report: StoryReport) -> list[str]:
    story = report.story
    rows = fact_rows(report)
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in KIND_NOTES}
    anchor = f"story-{story.number}"
    figures = " \u00b7 ".join([
        f"{len(report.articles)} articles", _esc(date_span(story)), f"{len(rows)} facts",
        f"{counts['all']} told by every outlet", f"{counts['shared'] + counts['omitted']} by "
        f"several ({counts['omitted']} by all but one)", f"{counts['own']} by one outlet only",
    ])
    heads = "".join(f'<th class="o" scope="col">{_esc(name)}</th>' for name in story.outlets)
    out = [f'<section class="story" id="{anchor}" aria-label="Story {story.number}">',
           f'<h1 class="story__label">{_esc(story.label)}</h1>',
           f'<p class="muted story__figures">{figures}</p>',
           *_articles(report),
           '<p class="legend"><span class="legend__item"><span class="key key--all"></span>'
           " every outlet</span>"
           '<span class="legend__item"><span class="key key--omitted"></span> all but one: '
           "the one that leaves it out is marked</span>"
           '<span class="legend__item"><span class="key key--own"></span> one outlet\'s own'
           "</span><span class=\"legend__item\">\u25cf \u00b63 where the outlet tells it; "
           "hover or focus a cell (tab) for its wording</span></p>",
           '<div class="story__body"><div class="facts-scroll">',
           '<table class="facts"><thead><tr><th scope="col">Fact</th>'
           f'<th scope="col">Outlets</th>{heads}</tr></thead><tbody>']
    out += [_fact_row(report, row, f"{anchor}-fact-{n}") for n, row in enumerate(rows, 1)]
    out.append("</tbody>")
    out.append(_totals(report, rows))
    out.append("</table></div>")
    out.append('<aside class="story__divergences" aria-label="Divergences">')
    out.append(f"<h2>What differs ({len(report.divergences)})</h2>")
    if report.divergences:
        out.append('<ol class="div-list">')
        out += [_divergence(report, d) for d in report.divergences]
        out.append("</ol>")
    else:
        out.append('<p class="muted">No divergence found between these articles.</p>')
    out += ["</aside>", "</div>", "</section>"]
    return out


def render_story_report(reports: list[StoryReport]) -> str:
    """One page for one story or several (with a table of contents)."""
    title = ("Parallax: " + _esc(reports[0].story.label)) if len(reports) == 1 else \
        "Parallax: stories"
    body = ['<header class="top">',
            '<p class="brand">Parallax <span class="muted">story report</span></p>']
    if len(reports) > 1:
        body.append('<ol class="toc">')
        body += [f'<li><a href="#story-{r.story.number}">{_esc(r.story.label)}</a> '
                 f'<span class="muted">{len(r.articles)} articles</span></li>' for r in reports]
        body.append("</ol>")
    body += ["</header>", "<main>"]
    for report in reports:
        body += _section(report)
    if not reports:
        body.append('<p class="muted">No story of two articles or more.</p>')
    body.append("</main>")
    body.append('<footer class="foot muted">Made with Parallax. A fact is a passage and its '
                "counterparts in the other articles; \u00b6 counts sentences from 1.</footer>")
    return _page(title, body, story_stylesheet())
