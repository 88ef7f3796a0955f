"""Stories for people and tools: the ``parallax stories`` table, its JSON, and the rows of a
story's facts that the HTML report and the reader's story view both lay out.

Pure functions of the engine's values (``Story``, ``StoryReport``); never imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from io import StringIO
from typing import Any, Literal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Article, outlet_known
from ..reports import Fact, Story, StoryReport
from .jsonfmt import dumps

FactKind = Literal["all", "shared", "omitted", "own"]
"""``all``: every article carries it; ``omitted``: all but one (the one that leaves it out
stands out); ``own``: one article only; ``shared``: the rest."""


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact as a row against the story's articles."""

    fact: Fact
    kind: FactKind
    count: int
    """How many of the story's articles carry it."""
    cells: tuple[tuple[int, ...], ...]
    """Per article of the story (in order): its passages telling the fact, () when none."""
    lead: tuple[int, int]
    """(article position, passage) of the wording that names the fact: the first article's."""
    missing: int | None = None
    """For an ``omitted`` fact, the position of the article that leaves it out."""

    @property
    def label(self) -> str:
        return f"{self.count}/{len(self.cells)}"


def fact_rows(report: StoryReport) -> list[FactRow]:
    """The report's facts as rows, in its order (most widely carried first)."""
    position = {a.id: n for n, a in enumerate(report.articles)}
    total = len(report.articles)
    rows = []
    for fact in report.facts:
        cells: list[tuple[int, ...]] = [()] * total
        for aid, passages in fact.passages:
            if aid in position:
                cells[position[aid]] = passages
        count = sum(1 for c in cells if c)
        first = next(n for n, c in enumerate(cells) if c) if count else 0
        missing = next((n for n, c in enumerate(cells) if not c), None)
        if count == total:
            kind: FactKind = "all"
        elif count == 1 and total > 1:
            kind = "own"
        elif count == total - 1 and total >= 3:
            kind = "omitted"
        else:
            kind = "shared"
        rows.append(FactRow(fact, kind, count, tuple(cells),
                            (first, cells[first][0] if count else 0),
                            missing if kind == "omitted" else None))
    return rows


def passages_label(indexes: tuple[int, ...]) -> str:
    """``¶3``, ``¶3–4`` for a run, ``¶3, ¶7`` otherwise (1-based, as a reader counts)."""
    if not indexes:
        return ""
    ordered = sorted(indexes)
    if ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"¶{ordered[0] + 1}" + (f"–{ordered[-1] + 1}" if len(ordered) > 1 else "")
    return ", ".join(f"¶{i + 1}" for i in ordered)


def wording(article: Article, passages: tuple[int, ...]) -> str:
    """The text of an article's passages, joined."""
    return " ".join(article.passages[p].text for p in passages if p < len(article.passages))


def outlet_summary(story: Story, articles: Mapping[str, Article]) -> str:
    """Each known outlet of a story once, then how many articles have no known outlet."""
    found = [articles[aid] for aid in story.articles if aid in articles]
    known = list(dict.fromkeys(a.outlet for a in found if outlet_known(a.outlet)))
    unknown = sum(1 for a in found if not outlet_known(a.outlet))
    if unknown:
        known.append(f"{unknown} of unknown outlet")
    return ", ".join(known)


def date_span(story: Story) -> str:
    if not story.first:
        return "-"
    return story.first if story.first == story.last else f"{story.first} .. {story.last}"


# ----------------------------------------------------------------------------- the table


def render_stories_table(stories: tuple[Story, ...], articles: Mapping[str, Article], root: str,
                         *, color: bool = False, width: int = 120) -> str:
    """``parallax stories``: one row per story of two articles or more, then a count of the
    articles that stand alone."""
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("story", ratio=3)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("outlets", ratio=2)
    alone = 0
    for story in stories:
        if len(story.articles) < 2:
            alone += 1
            continue
        table.add_row(str(story.number), Text(story.label), str(len(story.articles)),
                      Text(date_span(story)), Text(outlet_summary(story, articles)))
    out = StringIO()
    console = Console(file=out, width=width, color_system="standard" if color else None,
                      force_terminal=color, highlight=False, markup=False, emoji=False)
    grouped = len(stories) - alone
    if grouped:
        console.print(table)
    total = len(articles)
    note = (f"{grouped} stor{'y' if grouped == 1 else 'ies'} of two articles or more; "
            f"{alone} article{'s' * (alone != 1)} stand{'s' * (alone == 1)} alone; "
            f"{total} article{'s' * (total != 1)} in {root}")
    console.print(Text(note, style="dim"))
    return out.getvalue()


# ----------------------------------------------------------------------------- JSON


def story_dict(story: Story, articles: Mapping[str, Article],
               report: StoryReport | None = None) -> dict[str, Any]:
    """A story with its articles; with its report, each passage's coverage and the facts."""
    data: dict[str, Any] = {
        "number": story.number, "label": story.label, "first": story.first,
        "last": story.last, "size": len(story.articles),
    }
    carried = ({a.id: report.carried[n] for n, a in enumerate(report.articles)}
               if report is not None else {})
    listed = []
    for aid, name in zip(story.articles, story.outlets, strict=True):
        article = articles.get(aid)
        if article is None:
            continue
        entry = article.summary() | {"name": name}
        if aid in carried:
            entry["passages"] = [  # (the body's: a headline or dek is no fact)
                {"id": p.index, "text": p.text, "start": p.start, "end": p.end,
                 "carried_by": list(carried[aid][p.index]),
                 "coverage": [1 + len(carried[aid][p.index]), len(report.articles)]}
                for p in article.passages if p.in_body
            ]
        listed.append(entry)
    data["articles"] = listed
    if report is not None:
        data["facts"] = [
            {"kind": row.kind, "count": row.count,
             "passages": [{"article": aid, "passages": list(ps)} for aid, ps in row.fact.passages]}
            for row in fact_rows(report)
        ]
        data["divergences"] = [d.to_dict() for d in report.divergences]
    return data


def render_stories_json(stories: tuple[Story, ...], articles: Mapping[str, Article], root: str,
                        reports: Mapping[int, StoryReport] | None = None) -> str:
    """``parallax stories --format json``: every story (those standing alone too) with its
    articles; the stories in ``reports`` (by number) also with coverage, facts, divergences."""
    reports = reports or {}
    return dumps({
        "format": "parallax.stories/1",
        "corpus": root,
        "stories": [story_dict(s, articles, reports.get(s.number)) for s in stories],
    })
