"""Run the Parallax benchmarks and print their tables.

    python -m tests.benchmarks            # everything (under ten minutes on 2 cores)
    python -m tests.benchmarks --quick    # smaller inputs and fewer repeats, for a smoke run
    python -m tests.benchmarks --only engine,cli --write   # some sections; update RESULTS.md
    python -m tests.benchmarks --only real  # real prose from ../shared/devset/bench (or
                                            # $PARALLAX_REAL_BENCH); skipped when absent

Run from the project root after ``pip install -e .``. Nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python tests/benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tests.benchmarks"

from tests.benchmarks.common import ROOT, Table  # noqa: E402

TITLES = {
    "engine": "Engine: a seed pair",
    "long": "Engine: long generated pairs (B = A with 30% of sentences paraphrased, 10% moved, "
            "10% deleted, 10% new)",
    "real": "Engine: long pairs of real news prose (A = NYT and HuffPost articles of many "
            "events one after another, B = the Fox articles of those events, shuffled)",
    "cli": "Command line",
    "corpus": "Corpus of generated articles",
    "reader": "Reader",
}
SECTIONS = tuple(TITLES)


def machine() -> str:
    stemmer = "C (PyStemmer)"
    try:
        import Stemmer  # noqa: F401
    except ImportError:
        stemmer = "pure Python (snowballstemmer)"
    return (f"{platform.machine()}, {os.cpu_count()} cores (nproc), Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}; "
            f"stemmer: {stemmer}")


def code_version(short: bool = False) -> str:
    """The commit measured: HEAD, and the last commit that changed the engine (``tui/``);
    ``short``: HEAD alone, with ``+`` when ``tui/`` has uncommitted changes."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    head = git("rev-parse", "--short", "HEAD")
    if not head:
        return "not a git checkout"
    changed = bool(git("status", "--porcelain", "--", "tui"))
    if short:
        return head + ("+" if changed else "")
    engine = git("log", "-1", "--format=%h (%s)", "--", "tui")
    dirty = " with uncommitted changes to tui/" if changed else ""
    return f"HEAD {head}; the engine (tui/) last changed in {engine}{dirty}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small inputs, few repeats")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--write", action="store_true",
                        help="record the tables in tests/benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    os.chdir(ROOT)
    # corpus caches of this run go to a folder of its own, removed at the end
    scratch = tempfile.TemporaryDirectory(prefix="parallax-bench-cache-")
    os.environ["PARALLAX_CACHE_DIR"] = scratch.name
    started = time.perf_counter()
    print(f"# Parallax benchmarks, {date.today().isoformat()}\n\nMachine: {machine()}\n\n"
          f"Code: {code_version()}\n", flush=True)
    tables: list[Table] = []
    head = code_version(short=True)

    def section(key: str, fn) -> None:
        table = Table(TITLES[key])
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        t = time.perf_counter()
        try:
            fn(table)
        except Exception as err:  # one broken section must not hide the others
            table.skip("(section)", f"failed: {type(err).__name__}: {str(err)[-300:]}")
        table.title += (f" ({time.perf_counter() - t:.0f} s; {date.today().isoformat()}, {head}"
                        + (f"; load {load:.1f} at the start" if load is not None else "") + ")")
        tables.append(table)
        print(table.render(), flush=True)

    quick = args.quick
    if "engine" in chosen:
        from .bench_engine import seed_pair

        section("engine", lambda t: seed_pair(t, repeats=5 if quick else 20))
    if "long" in chosen:
        from .bench_engine import long_pairs

        sizes = [600, 5_000, 50_000] if quick else [600, 5_000, 50_000, 200_000]
        section("long", lambda t: long_pairs(t, sizes, repeats=1 if quick else 5,
                                     difflib_budget=5 if quick else 20))
    if "real" in chosen:
        from .bench_real import real_pairs

        section("real", lambda t: real_pairs(t, quick=quick))
    if "cli" in chosen:
        from .bench_cli import compare_in_a_crowded_folder, compare_process

        def cli_rows(t) -> None:
            compare_process(t, repeats=5 if quick else 10)
            compare_in_a_crowded_folder(t, repeats=5 if quick else 10)

        section("cli", cli_rows)
    if "corpus" in chosen:
        from .bench_corpus import corpus_benchmarks

        section("corpus", lambda t: corpus_benchmarks(t, sizes=[100] if quick else [100, 1000],
                                            repeats=3 if quick else 5))
    if "reader" in chosen:
        from .bench_reader import reader_benchmarks

        section("reader", lambda t: reader_benchmarks(t, words=5_000 if quick else 50_000,
                                                      repeats=3 if quick else 7))
    total = time.perf_counter() - started
    print(f"Total: {total:.0f} s", flush=True)
    if args.write:
        write_results(tables, total, quick)
    scratch.cleanup()
    return 0


def write_results(tables: list[Table], total: float, quick: bool) -> None:
    """Record the tables in RESULTS.md: a section run now replaces the one of the same name,
    the sections not run are kept as they were (each title says its run's date and commit)."""
    path = Path(__file__).with_name("RESULTS.md")
    old = _sections(path.read_text(encoding="utf-8")) if path.exists() else []
    body = list(old)
    rank = {title: k for k, title in enumerate(TITLES.values())}
    for t in tables:
        name = _name(t.title)
        names = [n for n, _ in body]
        if name in names:
            body[names.index(name)] = (name, t.render())
        else:  # a section new to the file goes before the first that comes after it
            later = [k for k, n in enumerate(names) if rank.get(n, -1) > rank[name]]
            body.insert(later[0] if later else len(body), (name, t.render()))
    command = f"python -m tests.benchmarks{' --quick' if quick else ''} [--only ...] --write"
    text = [
        "# Benchmark results",
        "",
        f"Recorded with `{command}`; each section's title gives its run time, date and commit "
        f"(HEAD; + when the engine had uncommitted changes) and the machine's load average "
        f"when it started (other work on this {os.cpu_count()}-core machine). Last run "
        f"{date.today().isoformat()} (total {total:.0f} s).",
        "",
        f"Machine: {machine()}. The machine is shared and noisy: read the ratios against the "
        "baselines measured in the same run rather than the absolute times.",
        "",
        f"Code of the last run: {code_version()}.",
        "",
    ]
    path.write_text("\n".join(text + [b for _, b in body]), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def _name(title: str) -> str:
    """A section's title without its ``(... s ...)`` suffix."""
    return re.sub(r" \(\d+ s[^()]*\)$", "", title.strip())


def _sections(text: str) -> list[tuple[str, str]]:
    """The ``## `` sections of RESULTS.md as ``(name, text)``."""
    parts = re.split(r"^(?=## )", text, flags=re.M)
    return [(_name(p.split("\n", 1)[0][3:]), p.rstrip("\n") + "\n") for p in parts
            if p.startswith("## ")]


if __name__ == "__main__":
    raise SystemExit(main())
