"""Command-line benchmarks: ``parallax compare`` of a seed pair as a whole process."""

from __future__ import annotations

import sys

from .common import ROOT, Table, ms, process_times, python_env, ratio


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
