"""Story benchmarks: grouping a corpus into stories, and the coverage of one story.

- Grouping the generated 1,000-article corpus in a fresh process (corpus loaded from the
  cache before the clock), with the pairwise precision and recall of the grouping against the
  generator's own stories (``s<story>_<k>`` file names), and ``parallax stories`` as a whole
  process; the baseline is what grouping must not do, align every pair.
- Coverage of a 10-article story (45 pairs aligned once, with progress).
- On real text, when the dev set is present (``../shared/devset/bench``: 87 articles of 29
  events, story from the file names): all 87 grouped, with precision and recall. Skipped with
  a note otherwise; nothing of it is kept.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .common import ROOT, Table, child, ms, process_times, python_env, ratio
from .gen import write_corpus

DEVSET = ROOT.parent / "shared" / "devset" / "bench"

GROUP_CHILD = r"""
import json, sys, time
from tui.core.corpus.folder import load_corpus
corpus = load_corpus(sys.argv[1])
pattern = sys.argv[2]
from tui.core.corpus.stories import group_stories
calls = []
t = time.perf_counter()
stories = group_stories(corpus, progress=lambda d, n: calls.append(time.perf_counter()))
total = time.perf_counter() - t
import re
def truth(aid):
    m = re.match(pattern, aid)
    return m.group(1) if m else aid
found = {aid: s.number for s in stories for aid in s.articles}
ids = sorted(found)
tp = fp = fn = 0
for i, x in enumerate(ids):
    for y in ids[i + 1:]:
        same, told = truth(x) == truth(y), found[x] == found[y]
        tp += same and told; fp += told and not same; fn += same and not told
gaps = [b - a for a, b in zip([t] + calls, calls)]
print(json.dumps({"time": total, "stories": len(stories), "articles": len(ids),
                  "multi": sum(1 for s in stories if len(s.articles) > 1),
                  "precision": tp / (tp + fp) if tp + fp else 1.0,
                  "recall": tp / (tp + fn) if tp + fn else 1.0,
                  "calls": len(calls), "max_gap": max(gaps) if gaps else None}))
"""

COVER_CHILD = r"""
import json, sys, time
from tui.core.corpus.folder import load_corpus
from tui.core.align.linker import corpus_background
from tui.core.corpus.coverage import align_story, carried, facts
corpus = load_corpus(sys.argv[1])
articles = corpus.articles
background = corpus_background(articles)
align_story(articles[:2], background=background)  # warm: imports, features of the lexicon
calls = []
t = time.perf_counter()
pairs = align_story(articles, background=background,
                    progress=lambda d, n: calls.append(time.perf_counter()))
aligned = time.perf_counter() - t
found = carried(articles, pairs)
made = facts(articles, pairs)
total = time.perf_counter() - t
gaps = [b - a for a, b in zip([t] + calls, calls)]
print(json.dumps({"time": total, "aligned": aligned, "pairs": len(pairs), "facts": len(made),
                  "passages": sum(len(a.passages) for a in articles), "calls": len(calls),
                  "first": calls[0] - t if calls else None,
                  "max_gap": max(gaps) if gaps else None}))
"""

GENERATED = r"s(\d+)_\d+$"
DEV = r"basil-(\w+)-\w+$"


def story_benchmarks(table: Table, folder: Path, n: int, repeats: int) -> None:
    """Rows for the corpus table: ``folder`` is the generated corpus of ``n`` articles."""
    _grouping(table, folder, n, GENERATED, f"stories: group {n:,} generated articles",
              target=3.0 if n >= 1000 else None, pairs_note=True)
    _command(table, folder, n, repeats)
    with tempfile.TemporaryDirectory(prefix="parallax-bench-story-") as tmp:
        story = write_corpus(Path(tmp) / "story", 10, seed=11, per_story=10)
        _coverage(table, story)
    if DEVSET.is_dir():
        _grouping(table, DEVSET, len(list(DEVSET.glob("*.txt"))), DEV,
                  "stories: group the 87 real dev articles (29 events)", target=None)
    else:
        table.skip("stories: group the 87 real dev articles",
                   f"{DEVSET} is not here (real text, measured only where it is)")


def _grouping(table: Table, folder: Path, n: int, pattern: str, name: str, *,
              target: float | None, pairs_note: bool = False) -> None:
    try:
        env = python_env()  # (the run's own cache folder)
        child("from tui.core.corpus.folder import load_corpus; import sys, json; "
              "load_corpus(sys.argv[1]); print(json.dumps({}))", str(folder), env=env)
        out = child(GROUP_CHILD, str(folder), pattern, env=env)
    except Exception as err:
        table.skip(name, f"{type(err).__name__}: {str(err)[-160:]}")
        return
    all_pairs = n * (n - 1) // 2
    note = (f"pairwise precision {out['precision']:.3f}, recall {out['recall']:.3f} against "
            f"the stories of the file names; {out['multi']} stories of 2+ articles, "
            f"{out['stories'] - out['multi']} alone; progress: {out['calls']} updates, "
            f"longest gap {ms(out['max_gap'] or 0)}; corpus loaded before the clock")
    table.add(name, ms(out["time"]), target=f"< {target:g} s" if target else "",
              ok=out["time"] < target if target else None,
              baseline=f"{all_pairs:,} pairs if all were aligned" if pairs_note else "",
              note=note)


def _command(table: Table, folder: Path, n: int, repeats: int) -> None:
    cmd = [sys.executable, "-m", "tui", "stories", str(folder)]
    env = python_env()
    try:
        whole = process_times(cmd, repeats, env=env)
        listing = process_times([sys.executable, "-m", "tui", "list", str(folder)], repeats,
                                env=env)
    except Exception as err:
        table.skip(f"parallax stories, {n:,} articles", f"{type(err).__name__}: {err}")
        return
    table.add(f"parallax stories, {n:,} articles, warm (cache filled)", ms(whole),
              target="< 3 s" if n >= 1000 else "", ok=whole < 3 if n >= 1000 else None,
              baseline=f"parallax list {ms(listing)}", ratio=ratio(listing, whole),
              note=f"whole process, median of {repeats}")


def _coverage(table: Table, folder: Path) -> None:
    name = "story coverage: 10 generated articles (45 pairs aligned)"
    try:
        out = child(COVER_CHILD, str(folder))
    except Exception as err:
        table.skip(name, f"{type(err).__name__}: {str(err)[-160:]}")
        return
    table.add(name, ms(out["time"]), target="< 1 s", ok=out["time"] < 1,
              baseline=f"{out['pairs']} pairs, {out['passages']} passages",
              note=f"alignment {ms(out['aligned'])}, then who carries each passage and "
              f"{out['facts']} facts; progress: {out['calls']} updates, first after "
              f"{ms(out['first'] or 0)}, longest gap {ms(out['max_gap'] or 0)}")

