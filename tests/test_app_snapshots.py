"""SVG snapshots of the three screens at a fixed size (``pytest --snapshot-update`` rewrites
them after a deliberate change; look at the SVGs before committing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.messages import OpenCompare
from tui.app.reader import make_app

ROOT = Path(__file__).resolve().parents[1]
SIZE = (120, 34)


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths are shown relative to the working directory


from tui.app.reader import settle  # noqa: E402


def app():
    return make_app(ROOT / "corpus", blink=False, size=SIZE)


def article(pilot, prefix: str) -> str:
    return next(a.id for a in pilot.app.corpus.articles if a.id.startswith(prefix))


def test_library(snap_compare):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=before)


def test_compare(snap_compare):
    async def before(pilot):
        await settle(pilot)
        pilot.app.post_message(OpenCompare(article(pilot, "004"), article(pilot, "001")))
        await settle(pilot)
        await pilot.press("j", "j", "j")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=before)


def test_compare_narrow(snap_compare):
    async def before(pilot):
        await settle(pilot)
        pilot.app.post_message(OpenCompare(article(pilot, "004"), article(pilot, "001")))
        await settle(pilot)
        await pilot.press("j", "tab")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(40, 12), run_before=before)


def test_divergences(snap_compare):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=before)


def test_story_view(snap_compare):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        await pilot.press("right", "right", "down")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=before)
