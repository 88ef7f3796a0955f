"""Screenshot the HTML export of the seed pair (or the seed story's report) with headless
Chromium.

    python scripts/html_screenshot.py [OUT.png] [--dark] [--story]

Writes ``screenshots/export-html.png`` by default (``--dark`` renders with the dark colour
scheme; ``--story`` shoots the story report, ``screenshots/story-report.png``).  Needs
Debian's ``chromium`` (``apt-get install -y chromium``).
"""

from __future__ import annotations

import dataclasses
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED_A = "corpus/001_c306965a66c1139e.txt"
SEED_B = "corpus/004_24471286408d79a2.txt"
DEFAULT_OUT = ROOT / "screenshots" / "export-html.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def seed_html() -> str:
    from tui.core.export import render
    from tui.core.ingest.loader import load_article
    from tui.core.pipeline import compare

    a, b = (
        dataclasses.replace(load_article(ROOT / rel), path=rel) for rel in (SEED_A, SEED_B)
    )
    return render(compare(a, b), "html")


def story_html() -> str:
    """The story report of the seed corpus (one story of five articles)."""
    from tui.core.corpus.coverage import story_report
    from tui.core.corpus.folder import load_corpus
    from tui.core.corpus.report import story_divergences
    from tui.core.corpus.stories import group_stories
    from tui.core.export.story_html import render_story_report

    corpus = load_corpus(ROOT / "corpus")
    story = group_stories(corpus)[0]
    divergences = story_divergences(corpus, [story.articles])[0]
    return render_story_report([story_report(corpus, story, divergences=divergences)])


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) from a PNG's header."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def screenshot(
    html: str, out: Path, *, width: int = 1400, height: int = 1800, dark: bool = False,
    browser: str | None = None, timeout: float = 90,
) -> Path:
    """Render ``html`` in headless Chromium and save a ``width`` x ``height`` PNG at ``out``."""
    browser = browser or find_chromium()
    if browser is None:
        raise FileNotFoundError("chromium not found (apt-get install -y chromium)")
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="parallax-shot-") as tmp:
        page = Path(tmp) / "export.html"
        page.write_text(html, encoding="utf-8")
        profile = Path(tmp) / "profile"
        profile.mkdir()
        shot = Path(tmp) / "shot.png"
        cmd = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={shot}",
            f"--window-size={width},{height}",
        ]
        if dark:
            cmd.append("--force-dark-mode")
        cmd.append(page.as_uri())
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                cwd=tmp, check=False)
        if not shot.exists():
            raise RuntimeError(f"chromium wrote no screenshot (exit {result.returncode}):\n"
                               f"{result.stderr[-2000:]}")
        shutil.move(shot, out)
    return out


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    dark, story = "--dark" in args, "--story" in args
    args = [a for a in args if a not in ("--dark", "--story")]
    default = DEFAULT_OUT.with_name("story-report.png") if story else DEFAULT_OUT
    out = Path(args[0]) if args else (
        default.with_name(default.stem + "-dark.png") if dark else default)
    try:
        path = screenshot(story_html() if story else seed_html(), out, dark=dark)
    except (FileNotFoundError, RuntimeError) as error:
        print(f"html_screenshot: {error}", file=sys.stderr)
        return 1
    w, h = png_size(path)
    print(f"wrote {path} ({w}x{h})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
