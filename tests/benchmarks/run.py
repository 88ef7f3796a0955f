"""Run the Parallax benchmarks and print their tables.

    python -m tests.benchmarks            # everything (under ten minutes on 2 cores)
    python -m tests.benchmarks --quick    # smaller inputs and fewer repeats, for a smoke run
    python -m tests.benchmarks --only engine,cli --write   # some sections; update RESULTS.md

Run from the project root after ``pip install -e .``. Nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python tests/benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tests.benchmarks"

from tests.benchmarks.common import ROOT, Table  # noqa: E402

SECTIONS = ("engine", "long", "cli", "corpus", "reader")


def machine() -> str:
    stemmer = "C (PyStemmer)"
    try:
        import Stemmer  # noqa: F401
    except ImportError:
        stemmer = "pure Python (snowballstemmer)"
    return (f"{platform.machine()}, {os.cpu_count()} cores (nproc), Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}; "
            f"stemmer: {stemmer}")


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
    print(f"# Parallax benchmarks, {date.today().isoformat()}\n\nMachine: {machine()}\n",
          flush=True)
    tables: list[Table] = []

    def section(title: str, fn) -> None:
        table = Table(title)
        t = time.perf_counter()
        try:
            fn(table)
        except Exception as err:  # one broken section must not hide the others
            table.skip("(section)", f"failed: {type(err).__name__}: {str(err)[-300:]}")
        table.title += f" ({time.perf_counter() - t:.0f} s)"
        tables.append(table)
        print(table.render(), flush=True)

    quick = args.quick
    if "engine" in chosen:
        from .bench_engine import seed_pair

        section("Engine: a seed pair", lambda t: seed_pair(t, repeats=5 if quick else 20))
    if "long" in chosen:
        from .bench_engine import long_pairs

        sizes = [600, 5_000, 50_000] if quick else [600, 5_000, 50_000, 200_000]
        section("Engine: long generated pairs (B = A with 30% of sentences paraphrased, "
                "10% moved, 10% deleted, 10% new)",
                lambda t: long_pairs(t, sizes, repeats=1 if quick else 5,
                                     difflib_budget=5 if quick else 20))
    if "cli" in chosen:
        from .bench_cli import compare_in_a_crowded_folder, compare_process

        def cli_rows(t) -> None:
            compare_process(t, repeats=5 if quick else 10)
            compare_in_a_crowded_folder(t, repeats=5 if quick else 10)

        section("Command line", cli_rows)
    if "corpus" in chosen:
        from .bench_corpus import corpus_benchmarks

        section("Corpus of generated articles",
                lambda t: corpus_benchmarks(t, sizes=[100] if quick else [100, 1000],
                                            repeats=3 if quick else 5))
    if "reader" in chosen:
        from .bench_reader import reader_benchmarks

        section("Reader", lambda t: reader_benchmarks(t, words=5_000 if quick else 50_000,
                                                      repeats=3 if quick else 7))
    total = time.perf_counter() - started
    print(f"Total: {total:.0f} s", flush=True)
    if args.write:
        write_results(tables, total, quick)
    scratch.cleanup()
    return 0


def write_results(tables: list[Table], total: float, quick: bool) -> None:
    path = Path(__file__).with_name("RESULTS.md")
    text = [
        "# Benchmark results",
        "",
        f"Recorded {date.today().isoformat()} with `python -m tests.benchmarks"
        f"{' --quick' if quick else ''} --write` (total {total:.0f} s).",
        "",
        f"Machine: {machine()}. The machine is shared and noisy: read the ratios against the "
        "baselines measured in the same run rather than the absolute times.",
        "",
    ]
    text += [t.render() for t in tables]
    path.write_text("\n".join(text), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    raise SystemExit(main())
