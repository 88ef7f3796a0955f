"""Engine benchmarks: a seed pair, and generated pairs from 600 to 200,000 words a side."""

from __future__ import annotations

import itertools
import json
import math
import statistics
import tempfile
from pathlib import Path

from . import baseline
from .common import ROOT, Table, child, median_time, ms, ratio
from .gen import make_pair_with_truth


def clear_engine_caches() -> None:
    """Forget features computed by earlier runs, and what each token adds to them (the
    stemmer's word cache is kept)."""
    from tui.core.align import features, linker

    linker._FEATURE_CACHE.clear()
    recipes = getattr(features, "_RECIPES", None)
    if recipes is not None:
        recipes.clear()
    cached = getattr(linker, "_features_of", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


# ----------------------------------------------------------------------------- seed pair


def seed_pair(table: Table, repeats: int) -> None:
    from tui.core.align.linker import align
    from tui.core.corpus.folder import load_corpus
    from tui.core.pipeline import compare

    corpus = load_corpus(ROOT / "corpus")
    pairs = list(itertools.permutations(corpus.articles, 2))
    if not pairs:
        table.skip("seed pair", "no seed corpus")
        return
    for a, b in pairs:  # warm the stemmer and imports once, as any process would
        compare(a, b)

    def per_pair(fn, setup=None) -> float:
        return statistics.median(median_time(lambda a=a, b=b: fn(a, b), repeats, setup=setup)[0]
                                 for a, b in pairs)

    base = per_pair(lambda a, b: baseline.pipeline([p.text for p in a.passages],
                                                   [p.text for p in b.passages]))
    careful = per_pair(lambda a, b: baseline.pipeline([p.text for p in a.passages],
                                                      [p.text for p in b.passages],
                                                      filtered=True))
    cold = per_pair(align, setup=clear_engine_caches)  # (alignment and word diffs alone)
    warm = per_pair(align)
    full = per_pair(compare)
    n = len(pairs)
    table.add("seed pair: align + word diff, features cached", ms(warm), target="< 5 ms",
              baseline=f"difflib {ms(base)}", ratio=ratio(base, warm), ok=warm < 0.005,
              note=f"median over {n} ordered pairs; difflib with quick_ratio filters "
              f"{ms(careful)}")
    table.add("seed pair: align + word diff, cold features", ms(cold), target="< 5 ms",
              baseline=f"difflib {ms(base)}", ratio=ratio(base, cold), ok=cold < 0.005)
    table.add("seed pair: compare() with divergences", ms(full),
              baseline=f"difflib {ms(base)}", ratio=ratio(base, full))


# ----------------------------------------------------------------------------- long pairs


CHILD = r"""
import json, sys, time
from pathlib import Path
a_path, b_path, truth_path, mode, repeats = sys.argv[1:6]
from tui.core.ingest.loader import parse_article
from tui.core.align.linker import align
from tui.core.pipeline import compare
from tests.benchmarks.bench_engine import clear_engine_caches
from tests.benchmarks.common import peak_rss_mb
# numpy (the long-text path's arrays) is imported like every other engine module, before the
# clock starts; its import is timed on its own and shown in the note
t_np = time.perf_counter()
import tui.core.align.vector
numpy_import = time.perf_counter() - t_np
t0 = time.perf_counter()
A = parse_article(Path(a_path).read_text(encoding="utf-8"), id="a")
B = parse_article(Path(b_path).read_text(encoding="utf-8"), id="b")
parse = time.perf_counter() - t0
run = align if mode == "align" else compare  # (alignment alone, or with divergences)
times, cpu = [], []
for k in range(int(repeats)):
    clear_engine_caches()
    t, p = time.perf_counter(), time.process_time()
    c = run(A, B)
    times.append(time.perf_counter() - t)
    cpu.append(time.process_time() - p)
truth = json.loads(Path(truth_path).read_text())
pred = {(i, j) for link in c.links for i in link.a for j in link.b}
la, lb = A.lead_paragraphs, B.lead_paragraphs  # (the headlines come first)
gold = {(t + la, j + lb) for j, t in enumerate(truth) if t is not None}
hit = len(pred & gold)
print(json.dumps({
    "times": times, "cpu": cpu, "parse": parse,
    "maxrss_mb": peak_rss_mb(), "numpy_import": numpy_import,
    "words": A.words, "passages": [len(A.passages), len(B.passages)], "links": len(c.links),
    "recall": hit / max(1, len(gold)), "precision": hit / max(1, len(pred)),
}))
"""


def _pair_files(folder: Path, words: int) -> tuple[Path, Path, Path, list[str], list[str]]:
    from tui.core.ingest.loader import parse_article

    a, b, truth = make_pair_with_truth(words)
    pa, pb, pt = folder / f"a{words}.md", folder / f"b{words}.md", folder / f"t{words}.json"
    pa.write_text(a, encoding="utf-8")
    pb.write_text(b, encoding="utf-8")
    pt.write_text(json.dumps(truth))
    sa = [p.text for p in parse_article(a, id="a").passages]
    sb = [p.text for p in parse_article(b, id="b").passages]
    return pa, pb, pt, sa, sb


def long_pairs(table: Table, sizes: list[int], repeats: int, *, full_upto: int = 50_000,
               difflib_budget: float = 15.0) -> dict:
    """Align generated pairs in fresh processes: ``repeats`` processes per size, each aligning
    once from cold caches; the median is over processes. Also the difflib pipeline, in the
    same rounds: each process is followed by a difflib measurement of the same sample of
    sentences (a share of ``difflib_budget``), and the speed-up is the median of the rounds'
    ratios, so a machine that slows down for a while slows both sides of a ratio."""
    figures: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as tmp:
        for words in sizes:
            pa, pb, pt, sa, sb = _pair_files(Path(tmp), words)
            runs, bases = [], []
            for _ in range(repeats):
                runs.append(child(CHILD, str(pa), str(pb), str(pt), "align", "1"))
                bases.append(baseline.estimate(sa, sb, budget=difflib_budget / repeats))
            t = statistics.median(r["times"][0] for r in runs)
            cpu = statistics.median(r["cpu"][0] for r in runs)
            peak = max(r["maxrss_mb"] for r in runs)
            base = statistics.median(b[0] for b in bases)
            extrapolated, rows = bases[0][1], min(b[2] for b in bases)
            speedup = statistics.median(b[0] / r["times"][0]
                                        for b, r in zip(bases, runs, strict=True))
            careful = baseline.estimate(sa, sb, budget=difflib_budget / 2, filtered=True)[0]
            r0 = runs[0]
            figures[words] = {"align": t, "cpu": cpu, "peak": peak, "difflib": base,
                              "careful": careful, "words": r0["words"],
                              "recall": r0["recall"], "precision": r0["precision"]}
            target, ok = {50_000: ("< 0.25 s", t < 0.25), 200_000: ("< 1.5 s", t < 1.5)}.get(
                words, ("", None))
            how = f"extrapolated from {rows} of {len(sa)} sentences" if extrapolated else \
                "measured whole"
            table.add(f"{words:,}-word pair: align + word diff", ms(t), target=target,
                      baseline=f"difflib {ms(base)} ({how})",
                      ratio=ratio(speedup, 1.0),
                      ok=ok,
                      note=f"{len(sa):,}/{len(sb):,} sentences; recall {r0['recall']:.3f}, "
                      f"precision {r0['precision']:.3f}; median of {repeats} processes, "
                      f"each followed by difflib on the same sample, ratio the median of "
                      f"theirs "
                      f"(CPU {ms(cpu)}; numpy import before the clock: "
                      f"{ms(statistics.median(r['numpy_import'] for r in runs))}); "
                      f"difflib with quick_ratio filters {ms(careful)} "
                      f"({ratio(careful, t)})")
            if words == 50_000:
                rounds = ", ".join(f"{b[0] / r['times'][0]:,.0f}x"
                                   for b, r in zip(bases, runs, strict=True))
                table.add("50,000-word pair: speed-up over difflib", f"{speedup:,.0f}x",
                          target=">= 500x", ok=speedup >= 500,
                          note=f"median of the rounds: {rounds}")
            if words >= 50_000:
                table.add(f"{words:,}-word pair: peak memory (whole process)", f"{peak:.0f} MB",
                          target="< 300 MB" if words == 200_000 else "",
                          ok=peak < 300 if words == 200_000 else None)
            if words <= full_upto:
                try:
                    full = child(CHILD, str(pa), str(pb), str(pt), "full", "1", timeout=180)
                    table.add(f"{words:,}-word pair: compare() with divergences",
                              ms(full["times"][0]), baseline=f"difflib {ms(base)}",
                              ratio=ratio(base, full["times"][0]),
                              note="one process; divergence finding included")
                except Exception as err:  # a timeout or a failure in code being written
                    table.skip(f"{words:,}-word pair: compare() with divergences",
                               f"{type(err).__name__}: {str(err)[-120:]}")
    if 50_000 in figures and 200_000 in figures:
        f50, f200 = figures[50_000], figures[200_000]
        size = math.log(f200["words"] / f50["words"])
        k = math.log(f200["align"] / f50["align"]) / size
        k_cpu = math.log(f200["cpu"] / f50["cpu"]) / size
        table.add("growth exponent 50k -> 200k words", f"{k:.2f}", target="close to 1",
                  note=f"time ~ words^k (wall medians); from CPU time: {k_cpu:.2f}")
    return figures
