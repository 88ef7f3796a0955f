"""Engine benchmarks on real prose: long pairs of real news articles (see ``realtext``).

Every measurement is a fresh process that builds the pair from the bench folder, parses it
(untimed) and runs the engine once from cold caches: ``align`` (alignment and word diffs, no
divergences) or ``compare`` (the same and the divergence pass). Each alignment process is
followed by the difflib pipeline on a sample of the same sentences, as for the generated
pairs, and the speed-up is the median of the rounds' ratios.

The size of a pair is its words a side: the mean of the engine's word counts of A and B
(side A, NYT and HuffPost, is about twice side B, Fox). Speeds are in those words per second.
After the clock stops each process also reports what the engine produced: how many links
join passages of the same event (the pair's only gold: articles of different events tell
different things), and a digest of the whole result (``Comparison.to_dict``), so a speed
change can show that its output is the same.
"""

from __future__ import annotations

import json
import math
import statistics
import time

from . import baseline, realtext
from .common import Table, child, ms, ratio

CHILD = r"""
import bisect, hashlib, json, sys, time
from pathlib import Path
folder, spec, mode = sys.argv[1:4]
from tui.core.ingest.loader import parse_article
from tui.core.align.linker import align
from tui.core.pipeline import compare
from tests.benchmarks.common import peak_rss_mb
from tests.benchmarks.realtext import texts
import tui.core.align.vector  # (numpy, imported before the clock as for the generated pairs)
ta, tb, starts_a, starts_b = texts(Path(folder), json.loads(spec))
t0 = time.perf_counter()
A = parse_article(ta, id="a")
B = parse_article(tb, id="b")
parse = time.perf_counter() - t0
run = align if mode == "align" else compare
t, p = time.perf_counter(), time.process_time()
c = run(A, B)
wall, cpu = time.perf_counter() - t, time.process_time() - p
peak = peak_rss_mb()

def events_of(article, starts):
    keys = [b for b, _ in article.offset_map]
    offs = [o for _, o in starts]
    def event(i):
        pos = article.passages[i].start
        k = bisect.bisect_right(keys, pos) - 1
        src = pos if k < 0 else article.offset_map[k][1] + pos - article.offset_map[k][0]
        return starts[bisect.bisect_right(offs, src) - 1][0]
    return event

ea, eb = events_of(A, starts_a), events_of(B, starts_b)
same = sum(ea(link.a[0]) == eb(link.b[0]) for link in c.links)
digest = hashlib.sha256(json.dumps(c.to_dict(), sort_keys=True, ensure_ascii=False)
                        .encode("utf-8")).hexdigest()[:12]
print(json.dumps({
    "time": wall, "cpu": cpu, "parse": parse, "maxrss_mb": peak,
    "words": [A.words, B.words], "passages": [len(A.passages), len(B.passages)],
    "links": len(c.links), "same_event": same / max(1, len(c.links)),
    "divergences": len(c.divergences), "digest": digest,
}))
"""


def _processes(path, p: realtext.Plan, mode: str, repeats: int, budget: float,
               after=None) -> list[dict]:
    """Up to ``repeats`` fresh processes (at least one), fewer once ``budget`` seconds are
    spent; ``after()`` runs after each one (the difflib round)."""
    spec = json.dumps(p.to_json())
    runs: list[dict] = []
    started = time.perf_counter()
    while len(runs) < repeats:
        runs.append(child(CHILD, str(path), spec, mode, timeout=900))
        if after is not None:
            after()
        if time.perf_counter() - started > budget:
            break
    return runs


def _same(runs: list[dict]) -> str:
    digests = {r["digest"] for r in runs}
    return next(iter(digests)) if len(digests) == 1 else "DIFFER: " + ", ".join(sorted(digests))


def measure(path, p: realtext.Plan, *, repeats: int, difflib_budget: float,
            full_repeats: int, budget: float, partner: realtext.Plan | None = None) -> dict:
    """Alignment and ``compare()`` of one plan, with the difflib rounds of the alignment;
    with a ``partner`` plan, each process is followed by one of the partner in the same
    mode, and ``rounds`` holds the ratios of each round (this plan's time over the
    partner's), so a slow spell of the machine slows both sides of a ratio."""
    from tui.core.ingest.loader import parse_article

    ta, tb, _, _ = realtext.texts(path, p)
    sa = [x.text for x in parse_article(ta, id="a").passages]
    sb = [x.text for x in parse_article(tb, id="b").passages]
    bases: list[tuple[float, bool, int]] = []
    partners: dict[str, list[dict]] = {"align": [], "full": []}

    def then(mode: str):
        def run() -> None:
            if partner is not None:
                partners[mode].append(child(CHILD, str(path), json.dumps(partner.to_json()),
                                            mode, timeout=900))
            if mode == "align":
                bases.append(baseline.estimate(sa, sb, budget=difflib_budget / repeats))
        return run

    runs = _processes(path, p, "align", repeats, budget, after=then("align"))
    fulls = _processes(path, p, "full", full_repeats, budget, after=then("full"))
    r0 = runs[0]
    rounds = {f"{mode}{kind}": [r[key] / q[key] for r, q in zip(mine, partners[mode],
                                                                 strict=True)]
              for mode, mine in (("align", runs), ("full", fulls))
              for kind, key in (("", "time"), ("_cpu", "cpu"))} if partner else {}
    return {
        "rounds": rounds,
        "plan": p, "words": r0["words"], "side": sum(r0["words"]) / 2,
        "passages": r0["passages"], "runs": runs, "fulls": fulls,
        "align": statistics.median(r["time"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "full": statistics.median(r["time"] for r in fulls),
        "cpu_full": statistics.median(r["cpu"] for r in fulls),
        "peak_align": max(r["maxrss_mb"] for r in runs),
        "peak_full": max(r["maxrss_mb"] for r in fulls),
        "difflib": statistics.median(b[0] for b in bases),
        "extrapolated": bases[0][1], "rows": min(b[2] for b in bases), "sentences": len(sa),
        "speedup": statistics.median(b[0] / r["time"] for b, r in zip(bases, runs, strict=True)),
        "digest_align": _same(runs), "digest_full": _same(fulls),
        "links": r0["links"], "same_event": r0["same_event"],
        "divergences": fulls[0]["divergences"],
    }


def add_rows(table: Table, f: dict, label: str) -> None:
    p: realtext.Plan = f["plan"]
    side, (wa, wb) = f["side"], f["words"]
    t, full = f["align"], f["full"]
    how = (f"extrapolated from {f['rows']} of {f['sentences']:,} sentences"
           if f["extrapolated"] else "measured whole")
    made = (f"A {wa:,} / B {wb:,} words, {f['passages'][0]:,} / {f['passages'][1]:,} "
            f"passages: {p.how}{' (REPEATED text)' if p.repeated else ''}")
    table.add(f"{label}: align + word diff", ms(t), target=f"< {ms(side / 200_000)}",
              ok=t < side / 200_000, baseline=f"difflib {ms(f['difflib'])} ({how})",
              ratio=ratio(f["speedup"], 1.0),
              note=f"{made}; {side / t:,.0f} words/s a side (CPU {ms(f['cpu'])}); "
              f"{_of(len(f['runs']))}, each followed by difflib on the same sample, ratio "
              f"the median of theirs; {f['links']:,} links, {f['same_event']:.1%} within one "
              f"event; peak {f['peak_align']:.0f} MB; output {f['digest_align']}")
    share = max(0.0, (full - t) / full)
    table.add(f"{label}: compare() with divergences", ms(full),
              target=f"< {ms(side / 100_000)}", ok=full < side / 100_000,
              baseline=f"difflib {ms(f['difflib'])}", ratio=ratio(f["difflib"], full),
              note=f"{side / full:,.0f} words/s a side; the divergence pass is about "
              f"{share:.0%} of it (compare - align); {f['divergences']:,} divergences; "
              f"{_of(len(f['fulls']))}; peak {f['peak_full']:.0f} MB; "
              f"output {f['digest_full']}")


def real_pairs(table: Table, *, quick: bool) -> None:
    path, where = realtext.folder()
    if path is None:
        table.skip("real-prose rows", f"skipped: {where}. They read real articles from "
                   f"../shared/devset/bench (or ${realtext.ENV}) at run time and never copy "
                   "them into the project")
        return
    print(f"(real prose read from {where}; never copied)", flush=True)
    n = len(realtext.events(path))
    small = realtext.sized(path, 5_000)
    whole = realtext.plan(path)
    x3_of = small if quick else whole
    x3 = realtext.plan(path, events_taken=small.events if quick else None, copies=3)
    opts = dict(repeats=2, difflib_budget=4, full_repeats=1, budget=20) if quick else \
        dict(repeats=5, difflib_budget=10, full_repeats=3, budget=60)
    figures = {}
    plans = [("~5,000", small), ("whole", whole)]
    if not quick:
        plans.append(("~50,000", realtext.sized(path, 50_000)))
    for key, p in plans:
        f = figures[key] = measure(path, p, **opts)
        add_rows(table, f, _label(f))
    one = figures["~5,000" if quick else "whole"]
    f3 = measure(path, x3, partner=x3_of, **opts)
    add_rows(table, f3, _label(f3))
    for stage, key in (("align + word diff", "align"), ("compare()", "full")):
        walls, cpus = f3["rounds"][key], f3["rounds"][f"{key}_cpu"]
        r = statistics.median(walls)
        table.add(f"real, x3 against x1 ({x3_of.name}): {stage}", f"{r:.2f}x",
                  target="<= 4x", ok=r <= 4,
                  note=f"{f3['side'] / one['side']:.2f} times the words; the median of "
                  f"{_rounds(len(walls))}, each an x3 process then an "
                  f"x1 one: "
                  f"{', '.join(f'{x:.2f}x' for x in walls)} (from CPU time "
                  f"{statistics.median(cpus):.2f}x); growth exponent "
                  f"{math.log(r) / math.log(f3['side'] / one['side']):.2f}")
    if quick:
        return
    big = measure(path, realtext.sized(path, 200_000), partner=whole,
                  **dict(opts, repeats=3, full_repeats=3, difflib_budget=6, budget=90))
    add_rows(table, big, _label(big))
    for stage, key in (("align + word diff", "peak_align"), ("compare()", "peak_full")):
        table.add(f"real, {big['side']:,.0f} words a side: peak memory, {stage}",
                  f"{big[key]:.0f} MB", target="< 300 MB", ok=big[key] < 300,
                  note="whole process (VmHWM), the parsed articles included")
    size = math.log(big["side"] / one["side"])
    for stage, key in (("align + word diff", "align"), ("compare()", "full")):
        walls, cpus = big["rounds"][key], big["rounds"][f"{key}_cpu"]
        table.add(f"real, growth exponent {one['side']:,.0f} -> {big['side']:,.0f} words: "
                  f"{stage}", f"{math.log(statistics.median(walls)) / size:.2f}",
                  target="close to 1",
                  note=f"time ~ words^k, from the median of {_rounds(len(walls))} (a process of "
                  f"the larger pair, then one of the whole folder once): "
                  f"{', '.join(f'{x:.1f}x' for x in walls)} for "
                  f"{big['side'] / one['side']:.2f} times the words; from CPU time "
                  f"{math.log(statistics.median(cpus)) / size:.2f}; the larger pair is the "
                  f"whole folder of {n} events repeated")


def _label(f: dict) -> str:
    p: realtext.Plan = f["plan"]
    mark = ", repeated text" if p.repeated else ""
    return f"real, {f['side']:,.0f} words a side ({p.name}{mark})"


def _rounds(n: int) -> str:
    return "1 round" if n == 1 else f"{n} rounds"


def _of(n: int) -> str:
    return "one process" if n == 1 else f"median of {n} processes"
