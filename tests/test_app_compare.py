"""Pilot tests of the compare screen: every key, the mouse, export, search, narrow layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.messages import OpenCompare
from tui.app.reader import make_app
from tui.app.screens.compare import CompareScreen
from tui.app.screens.export import ExportDialog
from tui.app.screens.library import LibraryScreen
from tui.app.widgets.lines import wrap_starts

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
AFP, KREMLIN = "004", "001"


from tui.app.reader import settle  # noqa: E402


async def open_pair(pilot, a: str = AFP, b: str = KREMLIN) -> CompareScreen:
    app = pilot.app
    await settle(pilot)
    ids = {prefix: next(x.id for x in app.corpus.articles if x.id.startswith(prefix))
           for prefix in (a, b)}
    app.post_message(OpenCompare(ids[a], ids[b]))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CompareScreen) and screen.comparison is not None
    return screen


def visible(pane, passage: int) -> bool:
    row = pane.screen_row_of(passage)
    return 0 <= row < pane.scrollable_content_region.height


def shown_text(pane) -> str:
    return "\n".join(pane.render_line(y).text for y in range(pane.size.height))


async def test_jk_and_arrows_move_and_the_counterpart_follows():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        nav = screen.nav
        assert screen.cursor[0] == 0
        await pilot.press("j", "down")
        assert screen.cursor[0] == 2
        await pilot.press("k", "up")
        assert screen.cursor[0] == 0
        # every linked passage of A brings its counterpart level with it in B
        for passage in range(len(screen.a.passages)):
            screen.cursor[0] = passage
            screen._sync()
            await pilot.pause()
            counterpart = nav.counterpart(0, passage)
            if counterpart:
                assert screen.pane(1).cursor == counterpart[0]
                assert screen.pane(1).focused == frozenset(counterpart)
                assert visible(screen.pane(1), counterpart[0])
                assert visible(screen.pane(0), passage)


async def test_page_and_edge_keys():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 16)) as pilot:
        screen = await open_pair(pilot, KREMLIN, AFP)  # the longer article on the left
        last = len(screen.a.passages) - 1
        await pilot.press("pagedown")
        paged = screen.cursor[0]
        assert 0 < paged <= last
        assert visible(screen.pane(0), paged)
        await pilot.press("pageup")
        assert screen.cursor[0] < paged
        await pilot.press("end")
        assert screen.cursor[0] == last and visible(screen.pane(0), last)
        await pilot.press("g")
        assert screen.cursor[0] == 0
        await pilot.press("G", "home")
        assert screen.cursor[0] == 0


async def test_reordered_condolences_are_side_by_side_in_one_colour():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        a_passage = next(p.index for p in screen.a.passages if "condolences" in p.text)
        b_passage = next(p.index for p in screen.b.passages if "condolences" in p.text)
        for _ in range(a_passage):
            await pilot.press("j")
        assert screen.cursor == [a_passage, b_passage]
        a_pane, b_pane = screen.pane(0), screen.pane(1)
        assert a_pane.colours[a_passage] == b_pane.colours[b_passage] is not None
        assert a_pane.screen_row_of(a_passage) == b_pane.screen_row_of(b_passage)
        assert "condolences" in shown_text(b_pane)


async def test_tab_switches_pane_and_keeps_the_link():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        await pilot.press("j", "j", "j")
        a_passage, b_passage = screen.cursor
        await pilot.press("tab")
        assert screen.side == 1 and app.focused is screen.pane(1)
        assert screen.cursor == [a_passage, b_passage]
        await pilot.press("j")
        assert screen.cursor[1] == b_passage + 1
        await pilot.press("shift+tab")
        assert screen.side == 0 and app.focused is screen.pane(0)


async def test_brackets_visit_passages_found_on_one_side_only():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        side = 0 if screen.nav.only[0] else 1
        only = screen.nav.only[side]
        assert only
        if side:
            await pilot.press("tab")
        before = screen.cursor[side]
        await pilot.press("right_square_bracket")
        first = screen.cursor[side]
        assert first == next((p for p in only if p > before), only[0])
        assert screen.pane(side).colours[first] is None
        assert "only in" in str(screen.query_one("#status").render())
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert screen.cursor[side] == first


async def test_divergence_keys_and_kind_filter():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        divergences = screen.comparison.divergences
        if not divergences:
            pytest.skip("the engine found no divergence in this pair")
        await pilot.press("n")
        first = screen.current
        assert first is not None
        d = divergences[first]
        assert screen.cursor[0] == d.a_passage or d.a_passage is None
        seen = {first}
        for _ in range(len(divergences) - 1):
            await pilot.press("n")
            seen.add(screen.current)
        assert seen == set(range(len(divergences)))
        last = screen.current
        await pilot.press("n")  # wraps around
        assert screen.current == first
        await pilot.press("N")
        assert screen.current == last
        await pilot.press("t")
        kind = screen.kind
        assert kind is not None
        await pilot.press("n")
        assert divergences[screen.current].kind == kind


async def test_president_and_prime_minister_divergence_is_reached_with_n():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        divergences = screen.comparison.divergences
        for _ in range(len(divergences)):
            await pilot.press("n")
            d = divergences[screen.current]
            if "President" in d.a_text and "Prime Minister" in d.b_text:
                break
        else:
            pytest.fail("n never reached the President / Prime Minister divergence")
        marked = {screen.b.body[m.start:m.end] for m in screen.pane(1).marks
                  if m.kind == "diff--divergence"}
        assert any("Prime Minister" in text for text in marked)
        assert visible(screen.pane(1), d.b_passage) and visible(screen.pane(0), d.a_passage)


async def test_swap_and_word_marks():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        a, b = screen.a.id, screen.b.id
        assert screen.pane(0).marks  # the first link differs in wording
        await pilot.press("w")
        assert not screen.word_marks and not screen.pane(0).marks
        await pilot.press("w")
        assert screen.pane(0).marks
        kinds = {m.kind for m in screen.pane(0).marks}
        assert kinds & {"diff--changed", "diff--deleted", "diff--soft"}
        await pilot.press("s")
        assert (screen.a.id, screen.b.id) == (b, a)
        assert screen.side == 1  # the cursor stays on the same article
        assert screen.comparison.a.id == b
        await pilot.press("s")
        assert (screen.a.id, screen.b.id, screen.side) == (a, b, 0)


async def test_plus_and_minus_realign_in_a_worker():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        start = screen.comparison.threshold
        links = len(screen.comparison.links)
        await pilot.press("plus")
        await settle(pilot)
        assert not screen.busy
        assert screen.comparison.threshold == pytest.approx(start + 0.05)
        assert len(screen.comparison.links) <= links
        await pilot.press("minus", "minus")
        await settle(pilot)
        await pilot.press("minus")
        await settle(pilot)
        assert screen.comparison.threshold == pytest.approx(start - 0.10)
        assert f"{start - 0.10:.2f}" in str(screen.query_one("#status").render())


async def test_click_focuses_a_passage_and_its_counterpart():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        pane = screen.pane(1)
        target = next(p for p in range(len(screen.b.passages)) if screen.nav.counterpart(1, p)
                      and visible(pane, p) and p != screen.cursor[1])
        await pilot.click(pane, offset=(6, pane.screen_row_of(target)))
        await pilot.pause()
        assert screen.side == 1 and screen.cursor[1] == target
        assert screen.cursor[0] == screen.nav.counterpart(1, target)[0]
        assert visible(screen.pane(0), screen.cursor[0])


async def test_search_marks_both_panes_and_enter_jumps():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        await pilot.press("slash", *"gaza")
        assert screen.pane(0).search_spans and screen.pane(1).search_spans
        await pilot.press("enter")
        passage = screen.cursor[screen.side]
        article = screen.article_pair[screen.side]
        assert "gaza" in article.passages[passage].text.lower()
        await pilot.press("escape")
        assert not screen.pane(0).search_spans
        assert app.focused is screen.pane(screen.side)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_export_writes_asks_before_overwriting_and_says_where(tmp_path):
    app = make_app(CORPUS, blink=False, export_dir=tmp_path)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = Path(dialog.query_one("#export-path").value)
        assert path.parent == tmp_path
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and path.exists()
        assert any(path.name in str(n.message) for n in app._notifications)
        first = path.read_text()
        path.write_text("keep me")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert path.read_text() == "keep me"
        assert "exists" in str(app.screen.query_one("#export-message").render())
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and path.read_text() == first
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_export_offers_every_format(tmp_path):
    from tui.core.export import FORMATS

    app = make_app(CORPUS, blink=False, export_dir=tmp_path)
    async with app.run_test(size=(140, 30)) as pilot:
        await open_pair(pilot)
        written = []
        for n in range(len(FORMATS)):
            await pilot.press("e")
            await settle(pilot)
            dialog = app.screen
            buttons = list(dialog.query("RadioButton"))
            buttons[n].value = True
            await pilot.pause()
            assert dialog.format == FORMATS[n]
            written.append(Path(dialog.query_one("#export-path").value))
            await pilot.press("enter")
            await settle(pilot)
        assert len(set(written)) == len(FORMATS) and all(p.exists() for p in written)


@pytest.mark.parametrize("size", [(80, 40), (60, 20), (40, 12)])
async def test_narrow_layouts(size):
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_pair(pilot)
        assert screen.has_class("-narrow")
        a_side, b_side = screen.query_one("#side-a"), screen.query_one("#side-b")
        stacked = not screen.has_class("-short")
        assert a_side.display and b_side.display == stacked
        if stacked:
            assert b_side.region.y > a_side.region.y  # one above the other
        await pilot.press("j", "j", "j", "tab")
        assert b_side.display and (a_side.display == stacked)
        assert visible(screen.pane(1), screen.cursor[1])
        for key in ("n", "N", "right_square_bracket", "s", "w", "slash", "escape",
                    "question_mark", "escape", "e", "escape"):
            await pilot.press(key)
            await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_library_and_divergences_fit_at_40x12():
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await pilot.press("j", "down", "slash", "x", "escape", "question_mark", "escape", "d")
        await settle(pilot)
        await pilot.press("t", "escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_plain_passages_render_as_rich_text_would():
    """Passages without marks or matches skip ``rich.text.Text``: same segments."""
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        only = focused = False
        for side in (0, 1):
            pane = screen.pane(side)
            for width in (pane.scrollable_content_region.width, 23, 4):
                pane._layout_width = -1
                pane._starts = [wrap_starts(text, max(1, width - 3)) for text in pane._texts]
                for passage, p in enumerate(pane.article.passages):
                    colours = (pane.colours[passage], pane.also[passage])
                    fast = pane._build_strips(passage, width, colours, "#", (), ())
                    # an empty match sends the passage through rich.text.Text
                    slow = pane._build_strips(passage, width, colours, "#", (),
                                              ((p.start, p.start),))
                    assert [list(s) for s in fast] == [list(s) for s in slow]
                    only |= colours[0] is None
                    focused |= passage in pane.focused
        assert only and focused  # both kinds of passage were compared


async def test_a_long_comparison_is_kept_from_the_collector_while_shown(monkeypatch):
    """While a long comparison is shown its objects are frozen (no full collection walks them
    on a key press); closing the screen gives everything back to the collector."""
    import gc

    from tui.app.screens import compare

    monkeypatch.setattr(compare, "FREEZE_PASSAGES", 0)  # (the seed pair counts as long)
    gc.unfreeze()
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        assert screen._holding and gc.get_freeze_count() > 0
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert not screen._holding and gc.get_freeze_count() == 0


async def test_a_short_comparison_leaves_the_collector_alone():
    import gc

    gc.unfreeze()
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_pair(pilot)
        assert not screen._holding
    gc.unfreeze()


async def test_the_panes_draw_their_own_scrollbar_and_a_click_on_it_jumps():
    """The scrollbar is drawn in the pane's last column (as Textual's own would look), its
    thumb moves with the view, clicking low on it jumps towards the end, and it drags."""
    app = make_app(CORPUS, blink=False)
    async with app.run_test(size=(140, 16)) as pilot:
        screen = await open_pair(pilot)
        pane = screen.pane(0)
        assert pane.max_scroll_row > pane.size.height  # (the article is longer than the pane)
        last = pane.scrollable_content_region.width - 1

        def bar() -> list[str]:
            return [str(list(pane.render_line(y).crop(last, last + 1))[0].style)
                    for y in range(pane.size.height)]

        at_top = bar()
        assert 2 <= len(set(at_top)) <= 3  # a thumb and a track (and the thumb's end)
        assert at_top[0] != at_top[-1]  # the thumb at the top
        await pilot.click(pane, offset=(last, pane.size.height - 1))
        await pilot.pause()
        assert pane.scroll_y > 0
        def thumb(cells: list[str]) -> int:
            return next(y for y, cell in enumerate(cells) if "reverse" in cell)

        assert thumb(at_top) == 0 and thumb(bar()) > pane.size.height // 4  # moved down
        assert pane.allow_vertical_scroll  # (the mouse wheel scrolls it too)
        # dragging: press on the bar's top, move down, let go
        await pilot.mouse_down(pane, offset=(last, 0))
        await pilot.pause()
        assert pane.scroll_y == 0
        await pilot.hover(pane, offset=(last, pane.size.height // 2))
        await pilot.pause()
        middle = pane.scroll_y
        assert middle > 0
        await pilot.mouse_up(pane, offset=(last, pane.size.height // 2))
        await pilot.pause()
        await pilot.hover(pane, offset=(last, 0))  # (let go: moving no longer scrolls)
        await pilot.pause()
        assert pane.scroll_y == middle and app.mouse_captured is None


async def test_export_dialog_starts_on_the_formats_and_remembers_the_last(tmp_path):
    """Arrow keys choose the format at once (as the dialog says), the format last written is
    the next dialog's, and the toast shows the file's name whole."""
    from textual.widgets import RadioSet
    from textual.widgets._toast import Toast

    app = make_app(CORPUS, blink=False, export_dir=tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_pair(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(app.focused, RadioSet)
        await pilot.press("right", "right")  # text, json, html: the arrows choose
        await settle(pilot)
        assert dialog.format == "html"
        path = Path(dialog.query_one("#export-path").value)
        assert path.suffix == ".html"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and path.is_file()
        toast = app.screen.query_one(Toast)
        assert path.name in str(toast.render()).splitlines()
        assert toast.content_region.width >= len(path.name)  # (one line: never broken)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert dialog.format == "html" and isinstance(app.focused, RadioSet)
        assert Path(dialog.query_one("#export-path").value).suffix == ".html"
        await pilot.press("right")  # html -> md: the highlight started on html
        await settle(pilot)
        assert dialog.format == "md"
        await pilot.press("escape")
        await settle(pilot)
        assert app.export_format == "html"  # (cancelled: the last written stays)


async def test_export_to_a_folder_writes_the_default_name_inside(tmp_path):
    app = make_app(CORPUS, blink=False, export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pair(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        (tmp_path / "out").mkdir()
        dialog.query_one("#export-path").value = str(tmp_path / "out")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        written = list((tmp_path / "out").iterdir())
        assert [p.name for p in written] == [f"parallax-{screen.comparison.a.id}-vs-"
                                             f"{screen.comparison.b.id}.txt"]
