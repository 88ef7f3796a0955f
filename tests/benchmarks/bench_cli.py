"""Command-line benchmarks: ``parallax compare`` as a whole process, of a seed pair in the
corpus, and of two files in a folder crowded with thousands of others (which it must not
read)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .common import ROOT, Table, ms, process_times, python_env, ratio, run_process


def compare_process(table: Table, repeats: int) -> None:
    corpus = ROOT / "corpus"
    ids = sorted(p.stem for p in corpus.glob("*.txt"))
    if len(ids) < 2:
        table.skip("parallax compare", "no seed corpus")
        return
    env = python_env()
    floor = process_times([sys.executable, "-c", "pass"], repeats, env=env)
    textual = process_times([sys.executable, "-c", "import textual.app"], repeats, env=env)
    for fmt in ("text", "json"):
        cmd = [sys.executable, "-m", "tui", "compare", ids[0], ids[1], "--corpus", str(corpus),
               "--format", fmt]
        t = process_times(cmd, repeats, env=env)
        table.add(f"parallax compare (seed pair, --format {fmt})", ms(t), target="< 0.3 s",
                  baseline=f"python -c pass {ms(floor)}", ratio=ratio(floor, t), ok=t < 0.3,
                  note=f"whole process, median of {repeats} after a warm-up run; "
                  f"importing textual alone takes {ms(textual)}")


CROWD_ARTICLES = 1500
CROWD_BROKEN = 1500


def _crowded_folder(folder: Path) -> tuple[Path, Path]:
    """A Downloads-like folder: two seed articles beside thousands of other files, some
    unreadable (binary, empty, a looping link, a pipe, files no one may read) and some in
    subfolders. Returns the two articles."""
    from .gen import write_corpus

    write_corpus(folder / "articles", CROWD_ARTICLES)  # (in subfolders of their own)
    junk = folder / "junk"
    junk.mkdir()
    for n in range(CROWD_BROKEN):
        path = junk / f"file-{n}{('.txt', '.md', '.html', '.bin', '')[n % 5]}"
        if n % 3 == 0:
            path.write_bytes(os.urandom(512))
        elif n % 3 == 1:
            path.write_text("   \n")
        else:
            path.write_text("x")
            path.chmod(0)
    (folder / "loop").symlink_to(".")
    os.mkfifo(folder / "pipe.txt")
    a, b = folder / "kremlin.txt", folder / "afp.txt"
    a.write_bytes((ROOT / "corpus" / "001_c306965a66c1139e.txt").read_bytes())
    b.write_bytes((ROOT / "corpus" / "004_24471286408d79a2.txt").read_bytes())
    return a, b


def compare_in_a_crowded_folder(table: Table, repeats: int) -> None:
    """``parallax compare A B`` of two files among thousands: it reads the two files only."""
    if not (ROOT / "corpus" / "001_c306965a66c1139e.txt").is_file():
        table.skip("parallax compare (two files in a crowded folder)", "no seed corpus")
        return
    env = python_env()
    floor = process_times([sys.executable, "-c", "pass"], repeats, env=env)
    with tempfile.TemporaryDirectory(prefix="parallax-crowd-") as tmp:
        folder = Path(tmp)
        a, b = _crowded_folder(folder)
        files = sum(len(names) for _, _, names in os.walk(folder))
        cmd = [sys.executable, "-m", "tui", "compare", a.name, b.name, "--format", "json"]
        t = process_times(cmd, repeats, env=env, cwd=folder)
        # what it cost when the files' folder was loaded (now only on request: --corpus .)
        loaded, done = run_process([*cmd, "--corpus", "."], env=env, cwd=folder)
        table.add(f"parallax compare (two files in a folder of {files - 2:,} others)", ms(t),
                  target="< 0.5 s", baseline=f"python -c pass {ms(floor)}",
                  ratio=ratio(floor, t), ok=t < 0.5,
                  note=f"whole process in that folder, median of {repeats} after a warm-up "
                  f"run; {CROWD_ARTICLES:,} articles in a subfolder, {CROWD_BROKEN:,} broken "
                  "or unreadable files, a looping link and a pipe beside the two; with "
                  f"--corpus . (the folder loaded, uncached, as before) {ms(loaded)}"
                  + ("" if done.returncode == 0 else " (failed)"))
