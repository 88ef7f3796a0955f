"""Screenshot the HTML export of the seed pair with headless Chromium.

    python scripts/html_screenshot.py [OUT.png] [--dark]

Writes ``screenshots/export-html.png`` by default (``--dark`` renders with the dark colour
scheme).  Needs Debian's ``chromium`` (``apt-get install -y chromium``).
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
    dark = "--dark" in args
    args = [a for a in args if a != "--dark"]
    out = Path(args[0]) if args else (
        DEFAULT_OUT.with_name("export-html-dark.png") if dark else DEFAULT_OUT)
    try:
        path = screenshot(seed_html(), out, dark=dark)
    except (FileNotFoundError, RuntimeError) as error:
        print(f"html_screenshot: {error}", file=sys.stderr)
        return 1
    w, h = png_size(path)
    print(f"wrote {path} ({w}x{h})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
