"""The reader on the hostile corpus (issue 7): open it, compare two hostile articles, export,
quit; nothing on screen is a raw control character, markup shows as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tui.app.messages import OpenCompare
from tui.app.reader import make_app
from tui.app.screens.compare import CompareScreen
from tui.app.screens.export import ExportDialog
from tui.app.screens.library import LibraryScreen

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


from tui.app.reader import settle  # noqa: E402


def screen_text(app) -> str:
    """Every line of every widget on the current screen, as plain text."""
    lines = []
    for widget in app.screen.walk_children(with_self=True):
        if widget.display and widget.size.area:
            try:
                lines.extend(widget.render_line(y).text for y in range(widget.size.height))
            except Exception:  # noqa: BLE001 - a widget that cannot render lines standalone
                continue
    return "\n".join(lines)


def assert_clean(text: str, where: str) -> None:
    found = RAW_CONTROL.search(text)
    near = text[max(0, found.start() - 50) : found.end() + 20] if found else ""
    assert not found, f"{where}: raw {found.group()!r} near {near!r}"


async def test_open_compare_export_and_quit_on_the_hostile_corpus(tmp_path):
    corpus = tmp_path / "hostile"
    shutil.copytree(HOSTILE, corpus)
    out = tmp_path / "exports"
    out.mkdir()
    app = make_app(corpus, blink=False, export_dir=out)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert len(app.corpus) == 7 and len(app.corpus.problems) == 3
        assert_clean(app.export_screenshot(), "library screenshot")
        assert_clean(screen_text(app), "library")

        app.post_message(OpenCompare("ferry_ledger", "ferry_gazette"))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        assert screen.comparison.links
        seen = [screen_text(app)]
        for _ in range(len(screen.a.passages)):  # walk every passage into view
            await pilot.press("j")
            await settle(pilot)
            seen.append(screen_text(app))
            assert_clean(app.export_screenshot(), "compare screenshot")
        await pilot.press("tab")
        for _ in range(len(screen.b.passages)):
            await pilot.press("j")
            await settle(pilot)
            seen.append(screen_text(app))
        shown = "\n".join(seen)
        assert_clean(shown, "compare")
        flat = " ".join(shown.split())
        for literal in ("unlawful[/]", "[@click=app.quit]Tap", "[$accent]bright[/]",
                        "\u241b]52;c;", "<U+202E>", "<script>"):
            assert literal in flat, literal
        assert "[bold]Lakeport[/bold]" in str(screen.query_one("#header-b").render())

        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = Path(dialog.query_one("#export-path").value)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and path.exists()
        assert_clean(path.read_text(encoding="utf-8"), "export")

        app.post_message(OpenCompare("cjk_wide", "rtl_text"))
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert_clean(screen_text(app), "cjk/rtl compare")
        assert_clean(app.export_screenshot(), "cjk/rtl screenshot")

        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert sorted(p.name for p in out.iterdir()) == [path.name]
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == {
        p.name: p.read_bytes() for p in HOSTILE.iterdir()
    }


def test_hostile_file_names_give_safe_ids(tmp_path):
    from tui.core.corpus.folder import load_corpus

    (tmp_path / "evil\x1b]0;owned\x07.md").write_bytes((HOSTILE / "ferry_gazette.md").read_bytes())
    assert [a.id for a in load_corpus(tmp_path).articles] == ["evil\u241b]0;owned\u2407"]


async def test_hostile_file_names_in_the_reader(tmp_path):
    (tmp_path / "evil\x1b]0;owned\x07.md").write_bytes((HOSTILE / "ferry_gazette.md").read_bytes())
    (tmp_path / "ferry_ledger.txt").write_bytes((HOSTILE / "ferry_ledger.txt").read_bytes())
    (tmp_path / "empty\x1b[2J\u202e.txt").write_bytes(b"")
    app = make_app(tmp_path, blink=False, export_dir=tmp_path)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        assert len(app.corpus) == 2
        assert_clean(screen_text(app), "library")
        assert_clean(app.export_screenshot(), "library screenshot (with the problem notice)")
