"""``parallax stories`` and its outputs: the table, the JSON, the HTML story report."""

from __future__ import annotations

import html.parser
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from test_export import EVIL, GOOD, HOSTILE, make_article

from tui.core.export.stories import (
    fact_rows,
    passages_label,
    render_stories_json,
    render_stories_table,
)
from tui.core.export.story_html import render_story_report
from tui.core.reports import CorpusDivergence, Fact, Form, Story, StoryReport

ROOT = Path(__file__).resolve().parents[1]

THIRD = make_article("third", ["Something else entirely.", "Plain sentence here.",
                               "A third view."], outlet="Third Post")
STORY = Story(number=1, label=EVIL.title, articles=("evil", "good", "third"),
              outlets=(EVIL.outlet, "Outlet good", "Third Post"), first=None, last=None)
REPORT = StoryReport(
    story=STORY, articles=(EVIL, GOOD, THIRD),
    carried=((("third",), ("good", "third")), ((), ("evil", "third")),
             (("evil",), ("evil", "good"), ())),
    facts=(
        Fact(passages=(("evil", (1,)), ("good", (1,)), ("third", (1,)))),
        Fact(passages=(("evil", (0,)), ("third", (0,)))),
        Fact(passages=(("good", (0,)),)),
        Fact(passages=(("third", (2,)),)),
    ),
    divergences=(CorpusDivergence(
        kind="quote", what="<i>Quoted</i> [red]x[/]", salience=0.8,
        forms=(Form(article="evil", passage=0, passage_text=HOSTILE, text="<script>",
                    span=(8, 16)),)),),
)


def test_fact_rows_tell_all_omitted_and_own():
    rows = fact_rows(REPORT)
    assert [r.kind for r in rows] == ["all", "omitted", "own", "own"]
    assert [r.label for r in rows] == ["3/3", "2/3", "1/3", "1/3"]
    assert rows[1].missing == 1 and rows[1].cells == ((0,), (), (0,))
    assert rows[0].lead == (0, 1) and rows[2].lead == (1, 0)


def test_passage_labels_count_from_one_and_show_runs():
    assert passages_label((2,)) == "¶3"
    assert passages_label((2, 3)) == "¶3–4"
    assert passages_label((11, 13)) == "¶12, ¶14"
    assert passages_label(()) == ""


class _Parser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.targets += [value or "" for name, value in attrs if name in ("src", "href")]


def test_story_report_lays_out_facts_against_outlets():
    out = render_story_report([REPORT])
    parser = _Parser()
    parser.feed(out)
    assert parser.tags.count("tr") >= 1 + 4 + 1  # head, one per fact, the totals
    assert out.count('class="fact fact--') == 4
    assert 'class="fact fact--all"' in out and 'class="fact fact--omitted"' in out
    assert out.count('class="c c--omitted"') == 1  # the one that leaves it out is marked
    assert out.count('class="c c--yes c--own"') == 2
    assert "¶2" in out and 'tabindex="0"' in out  # where, and focusable for its wording
    assert "Content-Security-Policy" in out and "prefers-color-scheme: dark" in out
    assert "<script" not in out.replace("&lt;script", "")


def test_story_report_escapes_everything():
    out = render_story_report([REPORT])
    assert "<img" not in out and "<b>Evil" not in out and "<i>Quoted" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert not re.search(r'href="\s*javascript', out, re.I)
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    parser = _Parser()
    parser.feed(out)
    assert all(t.startswith("#") for t in parser.targets)  # nothing to fetch


def test_stories_json_carries_each_passage_coverage_and_escapes_controls():
    articles = {a.id: a for a in REPORT.articles}
    alone = Story(number=2, label="Alone", articles=("x",), outlets=("X",))
    data = json.loads(render_stories_json((STORY, alone), articles, "corpus", {1: REPORT}))
    assert data["format"] == "parallax.stories/1"
    first = data["stories"][0]
    evil = first["articles"][0]
    assert evil["passages"][0]["text"] == HOSTILE
    assert evil["passages"][1]["carried_by"] == ["good", "third"]
    assert evil["passages"][1]["coverage"] == [3, 3]
    assert [f["kind"] for f in first["facts"]] == ["all", "omitted", "own", "own"]
    assert first["divergences"][0]["kind"] == "quote"
    assert data["stories"][1]["articles"] == []  # (its article is not in this mapping)
    raw = render_stories_json((STORY,), articles, "corpus", {1: REPORT})
    assert "\x1b" not in raw and "\u202e" not in raw


def test_stories_table_lists_stories_and_counts_the_articles_alone():
    articles = {a.id: a for a in REPORT.articles}
    alone = Story(number=2, label="Alone", articles=("third",), outlets=("Third Post",))
    out = render_stories_table((STORY, alone), articles, "corpus", width=120)
    assert "1 story of two articles or more; 1 article stands alone" in out
    assert "[link](javascript:alert(1))" in out  # shown as it is, never read as markup
    assert "Third Post" in out and "Alone" not in out


# ----------------------------------------------------------------------------- the command


def parallax(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120")
    env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120, check=False)


def test_the_command_lists_the_seed_story():
    run = parallax("stories", "corpus")
    assert run.returncode == 0, run.stderr
    assert "1 story of two articles or more; 0 articles stand alone" in run.stdout
    assert re.search(r"^\s*1\s+\S.*\b5\b\s+2023-10-13 \.\. 2023-10-17", run.stdout, re.M)


def test_the_command_gives_json_whose_coverage_matches_the_facts():
    run = parallax("stories", "corpus", "--format", "json")
    assert run.returncode == 0, run.stderr
    story = json.loads(run.stdout)["stories"][0]
    assert story["size"] == 5 and len(story["articles"]) == 5
    for article in story["articles"]:
        for passage in article["passages"]:
            assert passage["coverage"] == [1 + len(passage["carried_by"]), 5]
            assert article["id"] not in passage["carried_by"]
    told = sorted((p["article"], n) for f in story["facts"] for p in f["passages"]
                  for n in p["passages"])
    assert told == sorted((a["id"], p["id"]) for a in story["articles"]
                          for p in a["passages"])


def test_the_command_writes_the_html_report_and_refuses_unknown_stories(tmp_path):
    out = tmp_path / "story.html"
    run = parallax("stories", "corpus", "--format", "html", "--story", "1", "-o", str(out))
    assert run.returncode == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    assert "Medvedev" in page and "What differs (" in page
    assert parallax("stories", "corpus", "--format", "html", "-o", str(out)).returncode == 1
    bad = parallax("stories", "corpus", "--story", "7")
    assert bad.returncode == 2 and "no story '7'" in bad.stderr
