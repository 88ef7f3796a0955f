"""Regenerate screenshots/library.svg, compare.svg, divergences.svg, stories.svg and story.svg
from the app.

Run from anywhere: ``python scripts/screenshots.py [--size 120x34] [--out screenshots]``.
It builds the app with the same ``make_app`` the tests use, on the seed corpus, and drives it
with Pilot: the library on the AFP article, the AFP article against its most related article
at the "President" / "Prime Minister" divergence, the corpus-wide divergences, the library's
stories, and the story view on the fact one outlet leaves out.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from tui.app.messages import OpenCompare  # noqa: E402
from tui.app.reader import make_app  # noqa: E402

AFP = "004"


from tui.app.reader import settle  # noqa: E402


def save(app, out: Path, name: str) -> Path:
    path = out / f"{name}.svg"
    path.write_text(app.export_screenshot(title=f"Parallax \u2014 {name}"), encoding="utf-8")
    print(f"wrote {path}")
    return path


async def shoot(size: tuple[int, int], out: Path) -> None:
    app = make_app(ROOT / "corpus", size=size, blink=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        library = app.screen
        table = library.query_one("#articles")
        for _ in range(table.row_count):
            if library.selected.startswith(AFP):
                break
            await pilot.press("down")
        await settle(pilot)
        save(app, out, "library")

        afp = library.selected
        partner = library.ranking()[0][0]
        app.post_message(OpenCompare(afp, partner))
        await settle(pilot)
        compare = app.screen
        for _ in range(len(compare.comparison.divergences)):
            await pilot.press("n")
            d = compare.comparison.divergences[compare.current]
            if "President" in d.a_text and "Prime Minister" in d.b_text:
                break
        await settle(pilot)
        save(app, out, "compare")

        await pilot.press("escape", "d")
        await settle(pilot)
        save(app, out, "divergences")

        await pilot.press("escape", "s")
        await settle(pilot)
        save(app, out, "stories")
        await pilot.press("enter")
        await settle(pilot)
        story = app.screen
        row = next(n for n, r in enumerate(story.rows) if r.kind == "omitted")
        story.query_one("#facts").cursor_coordinate = (row, 2 + story.rows[row].missing)
        await settle(pilot)
        save(app, out, "story")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="120x34", help="terminal size, COLSxROWS")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    os.chdir(ROOT)  # paths are shown relative to the working directory
    asyncio.run(shoot((cols, rows), args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
