"""Golden files: the exports of a seed pair, byte for byte (the bytes are the contract).

The pair is the Kremlin readout of Putin's call with Netanyahu (corpus/001) against AFP's report
of it (corpus/004): one calls Netanyahu "Prime Minister", the other "President".

When a change to the engine or to an export is meant to change the output, regenerate the files
and review the diff before committing them:

    PARALLAX_REGEN_GOLDEN=1 pytest tests/test_export_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from tui.core.export import EXTENSIONS, FORMATS, render

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_A = "corpus/001_c306965a66c1139e.txt"
SEED_B = "corpus/004_24471286408d79a2.txt"
REGEN = os.environ.get("PARALLAX_REGEN_GOLDEN") == "1"


def seed_comparison():
    """The seed pair as the engine compares it (paths kept relative, so output is portable)."""
    from tui.core.ingest.loader import load_article
    from tui.core.pipeline import compare

    a, b = (
        dataclasses.replace(load_article(ROOT / rel), path=rel) for rel in (SEED_A, SEED_B)
    )
    return compare(a, b)


@pytest.fixture(scope="module")
def comparison():
    return seed_comparison()


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(comparison, fmt):
    out = render(comparison, fmt, color=False, width=100).encode("utf-8")
    path = GOLDEN / f"seed-001-vs-004.{EXTENSIONS[fmt]}"
    if REGEN:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(out)
        pytest.skip(f"regenerated {path.relative_to(ROOT)}")
    assert path.exists(), f"no golden file; run PARALLAX_REGEN_GOLDEN=1 pytest {__file__}"
    expected = path.read_bytes()
    if out != expected:
        # A readable hint first; the assertion on bytes is the test.
        import difflib

        diff = "\n".join(difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(),
            out.decode("utf-8", "replace").splitlines(),
            "golden", "now", lineterm="", n=1,
        ))
        pytest.fail(f"{path.name} differs from the export (regenerate if intended):\n"
                    f"{diff[:4000]}")
    assert out == expected


def test_golden_markdown_marks_all_take_effect(comparison):
    """Every ~~ and ** the Markdown export writes is read back as a mark, none left literal."""
    from markdown_it import MarkdownIt  # ships with rich

    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(
        render(comparison, "md"))
    assert "~~" not in rendered and "**" not in rendered
