"""The library's front door (issue 17): an empty or missing corpus says how to bring articles
in, the Related panel and the heat map keep to articles of the same story, and an outlet has
one name in the reader and on the command line.

The articles are invented: two outlets report a bridge closing, a third a farmers' market.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tui.app.reader import make_app, settle
from tui.app.widgets.heatmap import OverlapHeatmap, outlet_matrix
from tui.core.corpus.folder import load_corpus
from tui.core.corpus.related import RELATED_CUTOFF, rank_related

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "herald.txt": """---
title: Old Verrin bridge to close for six months of repairs
outlet: Verrin Herald
author: Mira Okafor
date: 2031-05-02
---
The Old Verrin bridge will close on Monday for six months of repairs, the county council said.

Engineers found cracks in 14 of the bridge's steel supports during an inspection in April.

Drivers will be sent on a 9-kilometre detour through the village of Ashby.
""",
    "courier.txt": """---
title: Verrin bridge shuts as cracks found in supports
outlet: Valley Courier
author: Reuters
date: 2031-05-03
---
The county council will shut the Old Verrin bridge on Monday for six months of repairs.

An inspection in April found cracks in 16 of the Old Verrin bridge's steel supports.

Motorists face a detour of 9 kilometres through Ashby while the bridge is closed.
""",
    "market.txt": """---
title: Farmers' market returns to the square
outlet: Dale Gazette
date: 2031-05-04
---
The weekly farmers' market returns to Ashby on Saturday, the county council said.

Twenty stalls will sell bread, cheese, honey and early strawberries from local farms.

Organisers expect more visitors than last year because of the longer opening hours.
""",
}


@pytest.fixture
def news(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


async def test_an_empty_corpus_says_how_to_bring_articles_in(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(empty, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert app.corpus is not None and len(app.corpus) == 0
        message = str(screen.query_one("#library-empty").render())
        assert "No articles in" in message and "parallax add" in message
        assert f"--corpus {empty}" in message
        assert screen.query_one("#library-empty").display
        assert not screen.query_one("#articles").display
        heatmap = str(screen.query_one(OverlapHeatmap).render())
        assert "measuring" not in heatmap and "needs two outlets" in heatmap


async def test_a_missing_corpus_names_the_folder_and_stays_on_screen(tmp_path):
    missing = tmp_path / "no" / "such"
    app = make_app(missing, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        message = str(app.screen.query_one("#library-empty").render())
        assert f"{missing}: no such file or folder" in message and "parallax add" in message
        assert "loading" not in str(app.screen.query_one("#library-title").render())


async def test_a_failed_load_is_shown_not_an_endless_loading(tmp_path, monkeypatch):
    from tui.core.corpus import folder

    def broken(path):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(folder, "load_corpus", broken)
    app = make_app(tmp_path, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.corpus is not None
        message = str(app.screen.query_one("#library-empty").render())
        assert "RuntimeError: disk on fire" in message
        assert not app.screen.query_one("#loading").display


async def test_related_keeps_to_articles_of_the_same_story(news):
    corpus = load_corpus(news)
    market = rank_related(corpus, "market")
    assert market and all(v < RELATED_CUTOFF for _, v in market)  # ranked, but unrelated
    app = make_app(news, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#articles")
        for _ in range(table.row_count):
            if screen.selected == "herald":
                break
            await pilot.press("down")
        await settle(pilot)
        assert [other for other, _ in screen.ranking()] == ["courier"]
        assert screen.query_one("#related").row_count == 1
        while screen.selected != "market":
            await pilot.press("down")
        await settle(pilot)
        assert screen.ranking() == []
        related = screen.query_one("#related")
        assert related.row_count == 1
        assert "no related article" in str(related.get_row_at(0)[1])
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert any("No related article" in str(n.message) for n in app._notifications)


def test_the_heat_map_averages_related_pairs_only(news):
    corpus = load_corpus(news)
    articles = corpus.articles
    by_id = {a.id: a for a in articles}
    matrix = {("herald", "courier"): 0.4, ("courier", "herald"): 0.4,
              ("herald", "market"): 0.08, ("market", "herald"): 0.08,
              ("courier", "market"): 0.05, ("market", "courier"): 0.05}
    outlets, cells = outlet_matrix(articles, matrix)
    n = {name: k for k, name in enumerate(outlets)}
    herald, courier = n["Verrin Herald"], n["Valley Courier (Reuters)"]
    market = n["Dale Gazette"]
    assert cells[(herald, courier)] == cells[(courier, herald)] == pytest.approx(0.4)
    assert (herald, market) not in cells and (courier, market) not in cells
    # two same-story articles of one outlet and one unrelated: the mean of the related only
    twin = replace(by_id["courier"], id="courier2")
    matrix |= {("herald", "courier2"): 0.2, ("courier2", "herald"): 0.2,
               ("courier2", "market"): 0.01, ("market", "courier2"): 0.01}
    outlets, cells = outlet_matrix([*articles, twin], matrix)
    assert cells[(herald, courier)] == pytest.approx(0.3)


def test_one_outlet_name_in_the_list_the_library_and_the_report(news):
    """An agency story on a site is "Outlet (Agency)" in every view."""
    from tui.app.screens.library import outlet_label
    from tui.core.corpus.report import short_names

    listed = subprocess.run([sys.executable, "-m", "tui", "list", str(news)], capture_output=True,
                            text=True, cwd=ROOT, timeout=120, check=True,
                            env=os.environ | {"NO_COLOR": "1", "COLUMNS": "200"}).stdout
    corpus = load_corpus(news)
    courier = corpus.get("courier")
    assert outlet_label(courier) == "Valley Courier (Reuters)"
    assert "Valley Courier (Reuters)" in listed
    assert short_names(corpus.articles)["courier"] == "Valley Courier (Reuters)"
    data = json.loads(subprocess.run(
        [sys.executable, "-m", "tui", "list", str(news), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=True).stdout)
    row = next(a for a in data["articles"] if a["id"] == "courier")
    assert (row["outlet"], row["byline"]) == ("Valley Courier", "Reuters")
    # a reporter's name is a byline, not part of the outlet's name
    assert outlet_label(corpus.get("herald")) == "Verrin Herald"
    assert "Verrin Herald (" not in listed
