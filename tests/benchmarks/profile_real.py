"""Where the time of ``compare()`` goes on a real-prose pair (see ``realtext``).

    python -m tests.benchmarks.profile_real                # all events once (~31,000 words a side)
    python -m tests.benchmarks.profile_real --copies 3     # each side three times over
    python -m tests.benchmarks.profile_real --events 5 --depth 4 --top 30

Prints the two stages timed without a profiler (``align``, then ``find_divergences`` on its
result, both inside one ``gc_paused`` as ``compare`` runs them), then, under cProfile, the call
tree from ``compare`` down to ``--depth`` levels (each function's cumulative time when called
from its parent; the branches under ``--min`` percent left out) and the ``--top`` functions by
their own time. Both runs start with every engine cache empty, as in the benchmark's fresh
processes, after a first comparison has done the imports.

Reading it: cProfile slows Python-level calls more than C code, so read its shares, and the
stage times for seconds. It keeps one level of callers: below a function called from several
places (the divergence finders' ``article_cache`` wrapper) the tree lists that function's
callees from all of them, so the article-level work (mentions, figures, passage words) shows
under each finder that asks for it, with its whole time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tests.benchmarks"

from tests.benchmarks import realtext  # noqa: E402


def _label(key) -> str:
    file, line, func = key
    if file == "~":
        return func
    parts = Path(file).parts
    short = "/".join(parts[parts.index("tui"):]) if "tui" in parts else Path(file).name
    return f"{func} ({short}:{line})"


def tree(stats: pstats.Stats, root_name: str, depth: int, floor: float) -> list[str]:
    """The call tree under the function called ``root_name``: ``(time, share, label)`` lines."""
    table = stats.stats  # key -> (cc, nc, tt, ct, callers {caller: (cc, nc, tt, ct)})
    roots = [k for k in table if k[2] == root_name]
    if not roots:
        return [f"(no function {root_name!r} in the profile)"]
    root = max(roots, key=lambda k: table[k][3])
    total = table[root][3]
    callees: dict = {}
    for key, (*_, callers) in table.items():
        for caller, edge in callers.items():
            callees.setdefault(caller, []).append((edge[3], key))
    lines: list[str] = []

    def walk(key, ct: float, level: int, seen: frozenset) -> None:
        lines.append(f"{ct:8.3f} s {ct / total:6.1%}  {'  ' * level}{_label(key)}")
        if level >= depth:
            return
        for sub_ct, sub in sorted(callees.get(key, []), reverse=True):
            if sub_ct / total >= floor and sub not in seen:
                walk(sub, sub_ct, level + 1, seen | {sub})

    walk(root, total, 0, frozenset({root}))
    return lines


def clear_caches() -> None:
    """Empty every cache of the engine (features, stems, what the divergence finders read
    in an article...): each function of a ``tui.core`` module with a ``cache_clear``."""
    from .bench_engine import clear_engine_caches

    clear_engine_caches()
    for name, module in list(sys.modules.items()):
        if name.startswith("tui.core.") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.profile_real",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=None, help="the first N events (all)")
    parser.add_argument("--copies", type=int, default=1, help="each side N times over (1)")
    parser.add_argument("--depth", type=int, default=3, help="levels of the call tree (3)")
    parser.add_argument("--min", type=float, default=1.0, help="smallest branch, %% (1)")
    parser.add_argument("--top", type=int, default=25, help="functions by own time (25)")
    parser.add_argument("--save", help="also write the raw cProfile stats to this file")
    args = parser.parse_args(argv)
    path, where = realtext.folder()
    if path is None:
        print(f"no real prose to profile: {where} (set {realtext.ENV})")
        return 1
    from tui.core.align.linker import align, gc_paused
    from tui.core.diverge.find import find_divergences
    from tui.core.ingest.loader import parse_article
    from tui.core.pipeline import compare

    p = realtext.plan(path, events_taken=args.events, copies=args.copies)
    ta, tb, _, _ = realtext.texts(path, p)
    a, b = parse_article(ta, id="a"), parse_article(tb, id="b")
    print(f"{p.how}: A {a.words:,} / B {b.words:,} words, "
          f"{len(a.passages):,} / {len(b.passages):,} passages (read from {where})\n")
    compare(a, b)  # imports, compiled patterns; then every cache emptied, as in a new process
    clear_caches()
    with gc_paused():
        t0 = time.perf_counter()
        aligned = align(a, b)
        t1 = time.perf_counter()
        result = find_divergences(aligned)
        t2 = time.perf_counter()
    print(f"without the profiler: align {t1 - t0:.3f} s, find_divergences {t2 - t1:.3f} s "
          f"({(t2 - t1) / (t2 - t0):.0%}); {len(aligned.links):,} links, "
          f"{len(result.divergences):,} divergences\n")
    clear_caches()
    prof = cProfile.Profile()
    prof.runcall(compare, a, b)
    if args.save:
        prof.dump_stats(args.save)
    stats = pstats.Stats(prof)
    print(f"call tree under compare (cProfile, depth {args.depth}, branches >= {args.min}%):")
    print("\n".join(tree(stats, "compare", args.depth, args.min / 100)))
    print(f"\ntop {args.top} functions by own time (cProfile):")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:args.top]
    total = sum(v[2] for v in stats.stats.values())
    for key, (_cc, nc, tt, ct, _callers) in rows:
        print(f"{tt:8.3f} s {tt / total:6.1%}  calls {nc:>9,}  cum {ct:7.3f} s  {_label(key)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
