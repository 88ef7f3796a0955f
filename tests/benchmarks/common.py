"""Timing, memory and table helpers shared by the benchmarks.

Figures are medians over repeats, and every row carries a ratio against a baseline measured
in the same run, so they hold on a noisy shared machine.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The project root (where ``corpus/`` and ``pyproject.toml`` live)."""


def median_time(fn: Callable[[], object], repeats: int, *, setup: Callable[[], object] | None
                = None) -> tuple[float, list[float]]:
    """Median wall time of ``fn()`` over ``repeats`` runs (``setup()`` before each, untimed)."""
    times = []
    for _ in range(repeats):
        if setup is not None:
            setup()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def run_process(args: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
                timeout: float = 300) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command; return its wall time and the finished process."""
    t = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=timeout)
    return time.perf_counter() - t, done


def process_times(args: list[str], repeats: int, *, env: dict[str, str] | None = None,
                  cwd: Path | None = None, warmup: int = 1) -> float:
    """Median wall time of a whole process, hyperfine-style (``warmup`` untimed runs first)."""
    for _ in range(warmup):
        run_process(args, env=env, cwd=cwd)
    times = []
    for _ in range(repeats):
        dt, done = run_process(args, env=env, cwd=cwd)
        if done.returncode:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stderr.strip()[-500:]}")
        times.append(dt)
    return statistics.median(times)


def python_env(**extra: str) -> dict[str, str]:
    """The environment for a child Python: the project importable, no colour, no cache."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.setdefault("NO_COLOR", "1")
    env.pop("FORCE_COLOR", None)
    env.update(extra)
    return env


def child(code: str, *args: str, timeout: float = 600, env: dict[str, str] | None = None
          ) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object as its last line."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env or python_env(), cwd=ROOT, timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"child failed ({done.returncode}): {done.stderr.strip()[-1500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB: ``VmHWM`` (Linux), which, unlike
    ``ru_maxrss``, does not inherit the high-water mark of the parent that spawned us."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ----------------------------------------------------------------------------- tables


@dataclass
class Row:
    name: str
    value: str
    target: str = ""
    baseline: str = ""
    ratio: str = ""
    verdict: str = ""
    note: str = ""


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)

    def add(self, name: str, value: str, *, target: str = "", baseline: str = "",
            ratio: str = "", ok: bool | None = None, note: str = "") -> None:
        verdict = "" if ok is None else ("meets" if ok else "MISSES")
        self.rows.append(Row(name, value, target, baseline, ratio, verdict, note))

    def skip(self, name: str, why: str) -> None:
        self.rows.append(Row(name, "skipped", note=why))

    def render(self) -> str:
        head = ("figure", "median", "target", "baseline (same run)", "ratio", "", "note")
        cells = [head] + [(r.name, r.value, r.target, r.baseline, r.ratio, r.verdict, r.note)
                          for r in self.rows]
        widths = [max(len(c[k]) for c in cells) for k in range(len(head))]
        lines = [f"## {self.title}", ""]
        lines.append("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))
                     + " |")
        lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for c in cells[1:]:
            lines.append("| " + " | ".join(x.ljust(w) for x, w in zip(c, widths, strict=True))
                         + " |")
        return "\n".join(lines) + "\n"


def ms(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def ratio(baseline: float, value: float) -> str:
    """How many times faster ``value`` is than ``baseline`` (or slower, shown as 1/x)."""
    if value <= 0:
        return "-"
    r = baseline / value
    return f"{r:,.0f}x faster" if r >= 10 else f"{r:.1f}x faster" if r >= 1 else \
        f"{1 / r:.1f}x slower"
