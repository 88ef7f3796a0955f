"""Long pairs of real news prose, built at run time from a folder outside the project.

The folder (``../shared/devset/bench`` from the project root, or the one named by the
environment variable ``PARALLAX_REAL_BENCH``) holds real articles named
``basil-<event>-<nyt|fox|hpo>.txt``: one event told by the New York Times, Fox News and
HuffPost. The articles belong to their publishers: they are read from that folder each time
and never copied into the project (nor written anywhere else); when the folder is absent the
real-prose rows are skipped.

A pair is built the way real coverage of many events reads one after another:

- side A: for each event of a list, its NYT article then its HuffPost article;
- side B: the Fox articles of the same events, in a fixed shuffled order (seed 18).

Each article contributes its body (the headline and date lines above it are left out);
articles are separated by a blank line, under a front-matter header naming the side. A list
of events may hold an event more than once (``plan(..., copies=3)``): the text then repeats,
as wire copy and boilerplate do in a real collection, and the row says so.
"""

from __future__ import annotations

import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

from .common import ROOT

ENV = "PARALLAX_REAL_BENCH"
DEFAULT = ROOT.parent / "shared" / "devset" / "bench"
SIDE_A = ("nyt", "hpo")
SIDE_B = ("fox",)
SEED = 18
_NAME = re.compile(r"^basil-([0-9a-z]+)-(nyt|fox|hpo)\.txt$")
_HEAD = "---\ntitle: {title}\noutlet: {outlet}\n---\n\n"


def folder() -> tuple[Path | None, str]:
    """The bench folder and where it came from, or ``(None, why)`` when there is none."""
    named = os.environ.get(ENV)
    path = Path(named).expanduser() if named else DEFAULT
    origin = f"${ENV}" if named else "../shared/devset/bench"
    if not path.is_dir():
        return None, f"no folder at {path} ({origin})"
    if len(events(path)) < 2:
        return None, f"{path} ({origin}) holds fewer than two events told by all three outlets"
    return path, f"{path} ({origin})"


def events(path: Path) -> list[str]:
    """The events of ``path`` told by all three outlets, sorted by id."""
    seen: dict[str, set[str]] = {}
    for p in path.iterdir():
        m = _NAME.match(p.name)
        if m:
            seen.setdefault(m.group(1), set()).add(m.group(2))
    return sorted(e for e, outlets in seen.items() if outlets >= {*SIDE_A, *SIDE_B})


@dataclass(frozen=True)
class Plan:
    """Which articles make a pair: file names of side A and of side B, in order."""

    name: str
    how: str
    events: int
    """How many different events."""
    a: tuple[str, ...]
    b: tuple[str, ...]
    repeated: bool

    def to_json(self) -> dict:
        return {"name": self.name, "a": list(self.a), "b": list(self.b)}


def _file(event: str, outlet: str) -> str:
    return f"basil-{event}-{outlet}.txt"


def _shuffled(evs: list[str]) -> list[str]:
    order = list(evs)
    random.Random(SEED).shuffle(order)
    return order


def plan(path: Path, *, events_taken: int | None = None, copies: int = 1,
         extra: int = 0) -> Plan:
    """Side A = NYT and HuffPost of the first ``events_taken`` events (all by default), the
    whole list ``copies`` times, then the first ``extra`` events once more; side B = the Fox
    articles of the same events: the shuffled list ``copies`` times, then those of the extra
    events in the shuffled order."""
    evs = events(path)[:events_taken]
    order = _shuffled(evs)
    more = set(evs[:extra])
    seq_a = evs * copies + evs[:extra]
    seq_b = order * copies + [e for e in order if e in more]
    a = tuple(_file(e, o) for e in seq_a for o in SIDE_A)
    b = tuple(_file(e, o) for e in seq_b for o in SIDE_B)
    whole = f"{len(evs)} events" if events_taken else f"all {len(evs)} events"
    if copies == 1 and not extra:
        how, name = f"{whole} once", whole
    elif not extra:
        how, name = f"{whole}, each side {copies} times over", f"{whole} x{copies}"
    else:
        times = "once" if copies == 1 else f"{copies} times"
        how = f"{whole} {times}, then the first {extra} again"
        name = f"{whole} x{copies} + {extra}"
    return Plan(name, how, len(evs), a, b, copies > 1 or extra > 0)


def body(path: Path, name: str) -> str:
    """The body of one article: what follows its headline and date lines."""
    lines = (path / name).read_text(encoding="utf-8").split("\n")
    k = 0
    for _ in range(2):  # the headline, then the date, each followed by blank lines
        while k < len(lines) and not lines[k].strip():
            k += 1
        k += 1
    return "\n".join(lines[k:]).strip()


def texts(path: Path, p: Plan | dict) -> tuple[str, str, list[tuple[str, int]],
                                               list[tuple[str, int]]]:
    """The two article texts of a plan, and for each side the ``(event, source offset)``
    where each of its articles starts (to tell which event a passage comes from)."""
    a, b = (p.a, p.b) if isinstance(p, Plan) else (p["a"], p["b"])
    cache: dict[str, str] = {}
    out = []
    for names, title, outlet in ((a, "Real prose, side A", "NYT and HuffPost"),
                                 (b, "Real prose, side B", "Fox News")):
        text = _HEAD.format(title=title, outlet=outlet)
        starts = []
        parts = [text]
        pos = len(text)
        for n in names:
            if n not in cache:
                cache[n] = body(path, n)
            starts.append((_NAME.match(n).group(1), pos))
            parts.append(cache[n] + "\n\n")
            pos += len(cache[n]) + 2
        out.append(("".join(parts), starts))
    (ta, sa), (tb, sb) = out
    return ta, tb, sa, sb


def words(path: Path, names) -> int:
    """Words of some articles' bodies (white-space separated), to size a plan."""
    return sum(len(body(path, n).split()) for n in names)


def sized(path: Path, target: int) -> Plan:
    """The smallest plan with at least ``target`` words a side (the mean of the two sides):
    the first events when the folder holds enough, else the whole list repeated and then
    the first events again."""
    evs = events(path)
    per_event = [words(path, [_file(e, o) for o in (*SIDE_A, *SIDE_B)]) / 2 for e in evs]
    total = sum(per_event)
    copies, rest = divmod(target, total)
    copies = int(copies)
    acc, extra = 0.0, 0
    while acc < rest and extra < len(evs):
        acc += per_event[extra]
        extra += 1
    if copies == 0:
        return plan(path, events_taken=extra)
    if extra == len(evs):
        copies, extra = copies + 1, 0
    return plan(path, copies=copies, extra=extra)
