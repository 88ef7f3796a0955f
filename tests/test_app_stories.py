"""Pilot tests of stories in the reader: the library's stories mode, the story view, and the
coverage markers and keys of the compare screen."""

from __future__ import annotations

from pathlib import Path

from story_fixtures import two_events

from tui.app.messages import OpenCompare
from tui.app.reader import make_app, settle
from tui.app.screens.compare import CompareScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.library import LibraryScreen
from tui.app.screens.story import StoryScreen
from tui.core.align.linker import align, corpus_background

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


async def open_pair(pilot, a: str, b: str) -> CompareScreen:
    app = pilot.app
    await settle(pilot)
    ids = {p: next(x.id for x in app.corpus.articles if x.id.startswith(p)) for p in (a, b)}
    app.post_message(OpenCompare(ids[a], ids[b]))
    await settle(pilot)
    assert isinstance(app.screen, CompareScreen)
    return app.screen


async def test_s_toggles_the_library_between_articles_and_stories():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        library = app.screen
        assert app.stories is None  # grouped only when asked for
        await pilot.press("s")
        await settle(pilot)
        assert library.has_class("-stories")
        assert len(app.stories) == 1 and len(app.stories[0].articles) == 5
        table = library.query_one("#stories")
        assert table.row_count == 1 and table.display and not library.query_one("#articles").display
        assert library.focused is table
        await pilot.press("s")
        await settle(pilot)
        assert not library.has_class("-stories") and library.query_one("#articles").display


async def test_enter_on_a_story_opens_its_facts_against_its_outlets():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        table = screen.query_one("#facts")
        assert table.row_count == len(screen.report.facts) > 10
        assert len(table.columns) == 2 + 5
        counts = [row.count for row in screen.rows]
        assert counts == sorted(counts, reverse=True) and counts[-1] == 1
        # the wording of the focused cell shows below the table
        row = next(n for n, r in enumerate(screen.rows) if r.kind == "omitted")
        article = screen.rows[row].missing
        table.cursor_coordinate = (row, 2 + article)
        await settle(pilot)
        detail = str(screen.query_one("#fact-detail").render())
        assert "does not report this fact" in detail
        told = next(k for k, c in enumerate(screen.rows[row].cells) if c)
        table.cursor_coordinate = (row, 2 + told)
        await settle(pilot)
        words = screen.report.articles[told].passages[screen.rows[row].cells[told][0]].text
        assert words[:40] in str(screen.query_one("#fact-detail").render())
        # the divergences sit beside
        assert screen.report.divergences
        assert "What differs (" in str(screen.query_one("#story-divergences").render())


async def test_t_keeps_to_one_kind_of_fact():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#facts")
        seen = []
        for _ in range(4):
            await pilot.press("t")
            await settle(pilot)
            kinds = {screen.rows[int(k.value)].kind for k in table.rows}
            seen.append((screen.shown, table.row_count, kinds))
        assert [s for s, _, _ in seen] == ["all", "omitted", "own", None]
        assert seen[1][2] == {"omitted"} and seen[2][2] == {"own"}
        assert seen[3][1] == len(screen.rows)


async def test_c_compares_the_focused_outlet_at_the_fact(tmp_path):
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        screen = app.screen
        row = screen.rows[0]
        told = [k for k, c in enumerate(row.cells) if c]
        screen.query_one("#facts").cursor_coordinate = (0, 2 + told[0])
        await pilot.press("c")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        ids = [a.id for a in screen.report.articles]
        assert compare.a.id == ids[told[0]] and compare.b.id in {ids[k] for k in told[1:]}
        passage = row.cells[told[0]][0]
        assert compare.cursor[0] == passage  # at the fact's passage, which the pair links
        assert passage in compare.nav.links_of[0]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_e_writes_the_story_report_without_overwriting(tmp_path):
    app = make_app(CORPUS, blink=False, export_dir=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        await pilot.press("e", "e")
        await settle(pilot)
        written = {p.name for p in tmp_path.iterdir()}
        assert written == {"parallax-story-1.html", "parallax-story-1-2.html"}
        page = (tmp_path / "parallax-story-1.html").read_text(encoding="utf-8")
        assert "Content-Security-Policy" in page and "Medvedev" in page


async def test_coverage_markers_match_the_links_of_the_story():
    """Each passage's "k/5" counts itself and every article whose alignment with it links
    it: the comparison on screen for the other pane's article, the story's for the rest."""
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_pair(pilot, "004", "001")
        await settle(pilot)
        background = corpus_background(app.corpus.articles)
        for threshold_key in (None, "plus"):
            if threshold_key:
                await pilot.press(threshold_key)
                await settle(pilot)
            for side in (0, 1):
                mine, other = screen.article_pair[side], screen.article_pair[1 - side]
                expected = [1] * len(mine.passages)
                for y in app.corpus.articles:
                    if y.id == mine.id:
                        continue
                    links = (screen.comparison if y.id == other.id else None)
                    if links is not None:
                        linked = {p for link in screen.comparison.links
                                  for p in (link.a if side == 0 else link.b)}
                    else:
                        linked = {p for link in align(mine, y, background=background).links
                                  for p in link.a}
                    for p in linked:
                        expected[p] += 1
                labels = [label for label, _ in screen.pane(side).coverage]
                # (no marker on the headline and dek: they are no fact of the story)
                assert labels == [f"{n}/5" if p.in_body else ""
                                  for n, p in zip(expected, mine.passages, strict=True)], (
                    side, threshold_key)
        shown = "\n".join(screen.pane(0).render_line(y).text for y in range(10))
        assert "/5 " in shown


async def test_u_visits_own_passages_and_o_shows_what_this_outlet_leaves_out():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_pair(pilot, "002", "001")  # BK13 leaves out what all others say
        pane = screen.pane(0)
        await pilot.press("u")
        await settle(pilot)
        assert pane.coverage[screen.cursor[0]][0] == "1/5"
        first = screen.cursor[0]
        await pilot.press("u")
        await settle(pilot)
        assert screen.cursor[0] > first and pane.coverage[screen.cursor[0]][0] == "1/5"
        await pilot.press("U")
        await settle(pilot)
        assert screen.cursor[0] == first
        await pilot.press("o")
        await settle(pilot)
        shown = screen.left_out_peek()
        assert shown is not None
        assert screen.pane(1).coverage[shown][0] == "4/5"  # all but this one
        assert screen.pane(1).focused == frozenset({shown})
        assert "left out by" in str(screen.query_one("#status").render())
        assert screen.cursor[1] == shown  # brought level with where it would be
        await pilot.press("j")  # moving on leaves the jump
        await settle(pilot)
        assert screen.left_out_peek() is None


async def test_no_markers_and_no_coverage_keys_for_a_story_of_two():
    app = make_app(corpus=two_events(), blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_pair(pilot, "quake-andes", "quake-pacific")
        assert screen.story_coverage is None and screen.pane(0).coverage == ()
        assert screen.check_action("own", (1,)) is None
        assert screen.check_action("left_out", (1,)) is None


async def test_help_lists_the_new_keys_by_id():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        ids = {row[2] for _owner, rows in app.screen.sections for row in rows}
        assert "library.toggle_stories" in ids
        await pilot.press("escape")
        screen = await open_pair(pilot, "004", "001")
        await pilot.press("question_mark")
        await settle(pilot)
        ids = {row[2] for _owner, rows in app.screen.sections for row in rows}
        assert {"compare.next_own", "compare.next_left_out"} <= ids
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_story_labels_and_outlets_are_never_read_as_markup():
    from story_fixtures import QUAKE_1, QUAKE_2, article

    from tui.core.model import Corpus

    corpus = Corpus(root="invented", articles=(
        article("a", "[bold red]Andes[/] Daily", "2024-03-02", "[link=x]Deadly[/link] quake",
                QUAKE_1),
        article("b", "Pacific \x1b[31mWire", "2024-03-02", "Quake [i]kills[/i] 14", QUAKE_2),
        article("c", "Third", "2024-03-03", "Aftershock", QUAKE_2.replace("Saturday", "Sunday")),
    ))
    app = make_app(corpus=corpus, blink=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        label = app.stories[0].label
        rows = str(app.screen.query_one("#stories").get_row_at(0)[1])
        assert rows == label and "[" in label
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert label in str(screen.query_one("#story-title").render())
        heads = [str(c.label) for c in screen.query_one("#facts").columns.values()]
        assert any(h.startswith("[bold red]Andes[/] Da") for h in heads)  # literal
        assert any("\u241b[31m" in h for h in heads) and not any("\x1b" in h for h in heads)
