"""The HTML export of the seed pair opened in headless Chromium (skipped without Chromium)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("html_screenshot",
                                                  ROOT / "scripts" / "html_screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_pair_html_renders_in_chromium(tmp_path):
    shot = _script()
    if shot.find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    out = shot.screenshot(shot.seed_html(), tmp_path / "export.png", width=1000, height=1200)
    assert shot.png_size(out) == (1000, 1200)
    assert out.stat().st_size > 20_000  # a real page, not a blank one
    assert list(tmp_path.iterdir()) == [out]


def test_seed_story_report_renders_in_chromium(tmp_path):
    shot = _script()
    if shot.find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    out = shot.screenshot(shot.story_html(), tmp_path / "story.png", width=1200, height=1200)
    assert shot.png_size(out) == (1200, 1200)
    assert out.stat().st_size > 20_000  # a real page, not a blank one
