"""Corpus benchmarks: ``parallax list`` cold and warm, related ranking, stories (``bench_stories``),
the divergence report."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .common import Table, child, median_time, ms, process_times, python_env, ratio
from .gen import write_corpus

REPORT_CHILD = r"""
import json, sys, time
from tui.core.corpus.folder import load_corpus
corpus = load_corpus(sys.argv[1])
budget = float(sys.argv[2])
calls = []
class Stop(Exception):
    pass
def progress(done, total):
    calls.append((time.perf_counter(), done, total))
    if calls[-1][0] - t > budget and done < total:
        raise Stop
try:
    from tui.core.corpus.report import corpus_report
except ImportError as err:
    print(json.dumps({"error": f"not ready: {err}"})); raise SystemExit
t = time.perf_counter()
try:
    report = corpus_report(corpus, progress=progress)
    finished = True
except Stop:
    finished = False
total = time.perf_counter() - t
first = calls[0][0] - t if calls else None
gaps = [b[0] - a[0] for a, b in zip(calls, calls[1:])]
done, pairs = (calls[-1][1], calls[-1][2]) if calls else (0, 0)
print(json.dumps({"time": total, "finished": finished, "calls": len(calls), "first": first,
                  "max_gap": max(gaps) if gaps else None, "done": done, "pairs": pairs,
                  "divergences": len(report.divergences) if finished else None,
                  "related": len(report.related) if finished else None}))
"""


def _list_cmd(folder: Path) -> list[str]:
    return [sys.executable, "-m", "tui", "list", str(folder)]


def corpus_benchmarks(table: Table, sizes: list[int], repeats: int) -> None:
    with tempfile.TemporaryDirectory(prefix="parallax-bench-corpus-") as tmp:
        for n in sizes:
            folder = write_corpus(Path(tmp) / f"c{n}", n)
            _listing(table, folder, n, repeats, Path(tmp))
            if n == max(sizes):
                _related(table, folder, n)
                from .bench_stories import story_benchmarks

                story_benchmarks(table, folder, n, repeats)
            _report(table, folder, n, Path(tmp), budget=60 if n < 1000 else 90)


def _listing(table: Table, folder: Path, n: int, repeats: int, tmp: Path) -> None:
    cmd = _list_cmd(folder)
    nocache = process_times(cmd, repeats, env=python_env(PARALLAX_NO_CACHE="1"))
    colds = []
    for k in range(repeats):  # each run with a new, empty cache folder
        env = python_env(PARALLAX_CACHE_DIR=str(tmp / f"cold-{n}-{k}"))
        colds.append(process_times(cmd, 1, env=env, warmup=0))
    cold = statistics.median(colds)
    warm = process_times(cmd, repeats, env=python_env(PARALLAX_CACHE_DIR=str(tmp / f"cold-{n}-0")))
    big = n >= 1000
    table.add(f"parallax list, {n:,} articles, warm (cache filled)", ms(warm),
              target="< 1 s" if big else "", baseline=f"no cache {ms(nocache)}",
              ratio=ratio(nocache, warm), ok=warm < 1 if big else None,
              note=f"whole process, median of {repeats}")
    table.add(f"parallax list, {n:,} articles, cold (empty cache)", ms(cold),
              target="< 3 s" if big else "", baseline=f"no cache {ms(nocache)}",
              ratio=ratio(nocache, cold), ok=cold < 3 if big else None,
              note="parses every file and writes the cache")


def _related(table: Table, folder: Path, n: int) -> None:
    try:
        from tui.core.corpus.related import rank_related
    except ImportError as err:
        table.skip("related ranking", f"not ready: {err}")
        return
    from tui.core.align.linker import corpus_background
    from tui.core.corpus.folder import load_corpus
    from tui.core.pipeline import compare

    corpus = load_corpus(folder)
    ids = [a.id for a in corpus.articles]
    rng = random.Random(5)
    probes = rng.sample(ids, min(15, len(ids)))
    t = time.perf_counter()
    rank_related(corpus, probes[0])
    first = time.perf_counter() - t
    each = statistics.median(median_time(lambda i=i: rank_related(corpus, i), 3)[0]
                             for i in probes)
    # the baseline: what ranking must not do, align the article with every other one
    background = corpus_background(corpus.articles)
    a = corpus.get(probes[0])
    others = rng.sample([x for x in corpus.articles if x.id != a.id], 30)
    per = statistics.median(median_time(lambda o=o: compare(a, o, background=background), 1)[0]
                            for o in others)
    all_pairs = per * (n - 1)
    table.add(f"related ranking, one article of {n:,}", ms(each), target="< 0.2 s",
              baseline=f"compare with all: {ms(all_pairs)} (from 30)",
              ratio=ratio(all_pairs, each), ok=each < 0.2,
              note=f"median over {len(probes)} articles, index built")
    table.add(f"related ranking, first call (builds the index of {n:,})", ms(first),
              target="< 0.2 s", ok=first < 0.2, baseline=f"compare with all: {ms(all_pairs)}",
              ratio=ratio(all_pairs, first), note=f"{ms(per)} per compare(); the articles' "
              "term signatures come with them from the loader (made when parsed, kept in the "
              "corpus cache)")


def _report(table: Table, folder: Path, n: int, tmp: Path, budget: float = 120) -> None:
    """The report in a fresh process (corpus cache filled first); a report that would run
    past ``budget`` seconds is stopped from its progress callback and extrapolated."""
    name = f"divergence report, {n:,} articles"
    try:
        env = python_env(PARALLAX_CACHE_DIR=str(tmp / "report-cache"))
        child("from tui.core.corpus.folder import load_corpus; import sys, json; "
              "load_corpus(sys.argv[1]); print(json.dumps({}))", str(folder), env=env)
        out = child(REPORT_CHILD, str(folder), str(budget), timeout=budget + 120, env=env)
    except Exception as err:
        table.skip(name, f"{type(err).__name__}: {str(err)[-160:]}")
        return
    if "error" in out:
        table.skip(name, out["error"])
        return
    pairs, done = out["pairs"], out["done"]
    all_pairs = n * (n - 1) // 2
    progress = (f"progress: {out['calls']} updates, first after {ms(out['first'] or 0)}, "
                f"longest gap {ms(out['max_gap'] or 0)}")
    if out["finished"]:
        table.add(name, ms(out["time"]), target="< 30 s", ok=out["time"] < 30,
                  baseline=f"{all_pairs:,} pairs if all were aligned",
                  ratio=f"aligns {pairs:,} pairs" if pairs else "",
                  note=f"{progress}; {out['divergences']} divergences, "
                  f"{out['related']} related pairs")
    else:
        estimate = out["time"] * pairs / max(1, done)
        table.add(name, f"~{ms(estimate)}", target="< 30 s", ok=False,
                  baseline=f"{all_pairs:,} pairs if all were aligned",
                  ratio=f"aligns {pairs:,} pairs",
                  note=f"stopped after {ms(out['time'])} at {done:,} of {pairs:,} pairs and "
                  f"extrapolated; {progress}")
