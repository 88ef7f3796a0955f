"""Pilot tests of the library, divergences and help screens, the palette and the keymap."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.commands import ArticlePairsProvider, ScreenActionsProvider
from tui.app.reader import make_app
from tui.app.screens.compare import CompareScreen
from tui.app.screens.divergences import DivergencesScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.library import LibraryScreen

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
AFP = "004"


from tui.app.reader import settle  # noqa: E402


def article_id(app, prefix: str) -> str:
    return next(a.id for a in app.corpus.articles if a.id.startswith(prefix))


async def select_row(pilot, prefix: str) -> None:
    """Move the library's cursor to the article whose id starts with ``prefix``."""
    screen = pilot.app.screen
    table = screen.query_one("#articles")
    for _ in range(table.row_count):
        if screen.selected.startswith(prefix):
            break
        await pilot.press("down")
    await settle(pilot)
    assert screen.selected.startswith(prefix)


async def test_library_lists_the_corpus_and_ranks_related():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.query_one("#articles").row_count == len(app.corpus) == 5
        await select_row(pilot, AFP)
        ranking = screen.ranking()
        assert ranking and all(other != screen.selected for other, _ in ranking)
        assert [v for _, v in ranking] == sorted((v for _, v in ranking), reverse=True)
        assert screen.query_one("#related").row_count == len(ranking)
        assert app.overlap is not None


async def test_filter_narrows_and_escape_clears():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        outlet = app.corpus.get(article_id(app, AFP)).outlet
        await pilot.press("slash", *outlet)
        await settle(pilot)
        table = app.screen.query_one("#articles")
        expected = sum(1 for a in app.corpus.articles if outlet.lower() in a.outlet.lower())
        assert 0 < table.row_count == expected <= 5
        await pilot.press("enter", "escape")
        await settle(pilot)
        assert table.row_count == 5


async def test_enter_and_digit_open_the_related_pair():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select_row(pilot, AFP)
        best, second = (other for other, _ in app.screen.ranking()[:2])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.a.id[:3], app.screen.b.id) == (AFP, best)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.b.id == second
        await pilot.press("escape", "9")  # fewer than nine related: a warning, no screen
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_divergences_screen_filters_and_opens_compare():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DivergencesScreen)
        report = app.report
        assert report is not None
        table = screen.query_one("#divergences")
        assert table.row_count == len(report.divergences)
        shown = [report.divergences[int(row.key.value)].salience for row in table.ordered_rows]
        assert shown == sorted(shown, reverse=True)
        if not report.divergences:
            pytest.skip("the engine found no divergence in the seed corpus")
        await pilot.press("t")
        await settle(pilot)
        kind = screen.kind
        assert kind is not None
        assert table.row_count == sum(1 for d in report.divergences if d.kind == kind)
        row = int(table.ordered_rows[0].key.value)
        await pilot.press("enter")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        d = report.divergences[row]
        form = next(f for f in d.forms if f.article == compare.a.id)
        assert compare.pane(0).cursor == form.passage
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_help_is_generated_from_the_bindings():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        compare = app.screen
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        ids = {ident for _, rows in help_screen.sections for _, _, ident, _ in rows}
        declared = {b.id for b in CompareScreen.BINDINGS if b.id}
        assert declared <= ids
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is compare
        await pilot.press("f1", "q")  # q closes the help, not the app
        await settle(pilot)
        assert app.screen is compare


async def test_keymap_remaps_by_binding_id():
    app = make_app(CORPUS, blink=False, keymap={"library.divergences": "ctrl+d"})
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, DivergencesScreen)


async def _hits(provider, query: str):
    await provider.startup()
    return [hit async for hit in provider.search(query)]


async def test_palette_runs_screen_actions_and_opens_pairs():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        hits = await _hits(ArticlePairsProvider(app.screen), "compare")
        assert len(hits) == 10  # every pair of five articles
        hits[0].command()
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        first = compare.a.id
        swap = await _hits(ScreenActionsProvider(compare), "swap")
        assert swap and swap[0].text == "Swap"
        await swap[0].command()
        await settle(pilot)
        assert compare.b.id == first
        # through the palette itself
        await pilot.press("ctrl+p", *"word marks")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert compare.word_marks is False


async def test_quit():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


HOSTILE = (
    "The minister said the talks would resume on Monday in Geneva with both delegations.\n\n"
    "The text said [bold red]INJECTED[/] and [link=https://evil.example]click[/link] to the "
    "reporters who had gathered outside the building in the rain.\n\n"
    "An escape \x1b[31mred\x1b[0m, a bell \x07, and an OSC 52 \x1b]52;c;aGk=\x07 write "
    "were also in the statement released by the ministry on Monday.\n"
)


async def test_hostile_text_is_shown_literally(tmp_path):
    (tmp_path / "one.txt").write_text("Hostile [b]one[/b]\n\n" + HOSTILE)
    (tmp_path / "two.txt").write_text("Hostile two\n\n" + HOSTILE.replace("Monday", "Friday"))
    app = make_app(tmp_path, blink=False, export_dir=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        pane = screen.pane(0)
        shown = "\n".join(pane.render_line(y).text for y in range(pane.size.height))
        assert "[bold red]INJECTED[/]" in shown
        assert "[link=https://evil.example]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        header = screen.query_one("#header-a").render()
        assert "[b]one[/b]" in str(header)
        svg = app.export_screenshot()
        assert "evil.example" in svg and "\x1b" not in svg


def test_heat_map_gives_each_article_of_unknown_outlet_its_own_row(seed_corpus):
    from tui.app.widgets.heatmap import outlet_matrix

    articles = seed_corpus.articles
    matrix = {(a.id, b.id): 0.5 for a in articles for b in articles if a.id != b.id}
    outlets, cells = outlet_matrix(articles, matrix)
    unknown = [a for a in articles if a.outlet == "Unknown outlet"]
    assert len(unknown) == 3
    assert "Unknown outlet" not in outlets
    # The Moscow Times, its AFP story (named as the library names it), one row per article
    assert len(outlets) == 2 + len(unknown)
    assert "The Moscow Times (AFP)" in outlets
    assert any(name.startswith("\u201cPutin talks") for name in outlets)
    assert cells[(0, 1)] == 0.5


def footer_keys(screen) -> dict[str, bool]:
    """Description -> enabled, for the keys the screen's footer shows."""
    from textual.widgets._footer import FooterKey

    return {key.description: not key.has_class("-disabled") for key in screen.query(FooterKey)
            if key.description}


async def test_footer_follows_the_bindings_and_is_not_rebuilt_for_nothing():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        library = app.screen
        assert footer_keys(library)["Divergences"] is True  # greyed out until the corpus
        footer = library.query_one("Footer")
        keys = list(footer.children)
        library.refresh_bindings()
        library.refresh_bindings()
        await settle(pilot)
        assert list(footer.children) == keys  # same keys: the same widgets
        await select_row(pilot, AFP)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert {"Next divergence", "Swap", "Export"} <= set(footer_keys(app.screen))
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is library
        assert footer_keys(library)["Divergences"] is True
        assert "Swap" not in footer_keys(library)


async def test_footer_greys_out_what_a_one_article_corpus_cannot_do(seed_corpus):
    from dataclasses import replace

    app = make_app(corpus=replace(seed_corpus, articles=seed_corpus.articles[:1]), blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert footer_keys(app.screen)["Divergences"] is False


async def test_related_heading_offers_only_the_keys_that_open_something(seed_corpus):
    from dataclasses import replace

    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        heading = str(app.screen.query_one("#related-title").render())
        assert f"press 1\u2013{len(app.screen.ranking())} or enter" in heading
    alone = make_app(corpus=replace(seed_corpus, articles=seed_corpus.articles[:1]), blink=False)
    async with alone.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert "press" not in str(alone.screen.query_one("#related-title").render())
