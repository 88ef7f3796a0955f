"""Reader benchmarks: first paint of the library, and a navigation key on a long pair.

Both run headless (``App.run_test``) in fresh processes, each beside a plain Textual baseline
measured the same way in the same run. Key handling is measured as CPU time of the process
(the test pilot sleeps between keys, which costs wall time but no CPU), median over presses.
The navigation baseline is a plain app doing the same job: the article in one ``Static``, the
current passage highlighted, so moving on re-renders the Static (as the issue measured it,
about 1 s a key for 45,000 words); scrolling it a line without re-rendering is in the note.
"""

from __future__ import annotations

import sys

from .common import ROOT, Table, child, ms, process_times, python_env, ratio

FIRST_PAINT = r"""
import time
t0 = time.perf_counter()
import asyncio, json, sys
mode, corpus = sys.argv[1], sys.argv[2]
from textual.app import App
from textual.widgets import DataTable

# Frames as the app sends them to the terminal (headless: the call still happens, with the
# frame rendered), and when the first article row was added.
frames, rows_at = [], []
_display = App._display
def display(self, screen, renderable):
    if renderable is not None:
        frames.append(time.perf_counter())
    return _display(self, screen, renderable)
App._display = display
_add_row = DataTable.add_row
def add_row(self, *cells, **kw):
    if not rows_at and self.id == "articles":
        rows_at.append(time.perf_counter())
    return _add_row(self, *cells, **kw)
DataTable.add_row = add_row

async def main():
    if mode == "parallax":
        from tui.app.reader import make_app
        app = make_app(corpus, size=(120, 36), blink=False)
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(2000):
                table = app.screen.query(DataTable).first() if app.screen.query("#articles") \
                    else None
                if app.corpus is not None and table is not None and table.row_count:
                    break
                await pilot.pause(0.005)
            await pilot.pause()
            settled = time.perf_counter() - t0
            first = next(t for t in frames if t > rows_at[0]) - t0
            return first, settled, table.row_count
    from textual.widgets import Static

    class Plain(App):
        def compose(self):
            yield Static("Parallax")
    app = Plain()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        return frames[0] - t0, time.perf_counter() - t0, 1

first, settled, rows = asyncio.run(main())
print(json.dumps({"time": first, "settled": settled, "rows": rows}))
"""

NAVIGATE = r"""
import asyncio, json, statistics, sys, time
mode, words, presses = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
from tests.benchmarks.gen import make_pair
from tui.core.ingest.loader import parse_article
a_text, b_text = make_pair(words)
A, B = parse_article(a_text, id="a"), parse_article(b_text, id="b")

async def timed(pilot, key, n):
    cpu = []
    for _ in range(n):
        c = time.process_time()
        await pilot.press(key)
        await pilot.pause()
        cpu.append(time.process_time() - c)
    return statistics.median(cpu)

async def main():
    if mode == "parallax":
        from tui.app.reader import make_app
        from tui.core import pipeline
        from tui.core.model import Corpus
        from tui.app.messages import OpenCompare
        from tui.app.screens.compare import CompareScreen
        pipeline.find_divergences = lambda c: c  # (bounded run time; see the note)
        app = make_app(corpus=Corpus("generated", (A, B)), size=(140, 40), blink=False)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            t = time.perf_counter()
            app.post_message(OpenCompare("a", "b"))
            for _ in range(20000):
                screen = app.screen
                if isinstance(screen, CompareScreen) and screen.comparison is not None:
                    break
                await pilot.pause(0.01)
            await pilot.pause()
            opened = time.perf_counter() - t
            idle = await timed(pilot, "f12", presses)
            key = await timed(pilot, "j", presses)
            page = await timed(pilot, "pagedown", presses)
            # a long run of keys, for the stalls a median hides (full garbage collections)
            burst = []
            for k in range(90):
                c = time.process_time()
                await pilot.press("pagedown" if k % 3 == 2 else "j")
                await pilot.pause()
                burst.append(time.process_time() - c)
            return {"key": key, "page": page, "idle": idle, "opened": opened,
                    "burst": sorted(burst)}
    # The baseline: the plain way to write a reader, one Static holding the article, the
    # current passage highlighted in it. Moving to the next passage (j) or a screenful on
    # (page down) means giving the Static its text again with the highlight moved, which
    # re-renders and re-wraps the whole article; "down" only scrolls (nothing re-rendered).
    from rich.text import Text
    from textual.app import App
    from textual.containers import VerticalScroll
    from textual.widgets import Static
    text = " ".join(A.body.split()[: int(words * 0.9)])
    spans, start = [], 0
    for end in range(len(text)):
        if text[end] == "." and (end + 1 == len(text) or text[end + 1] == " "):
            spans.append((start, end + 1))
            start = end + 2

    class Plain(App):
        BINDINGS = [("j", "move(1)", ""), ("pagedown", "page", "")]
        at = 0

        def compose(self):
            with VerticalScroll():
                yield Static(self.highlighted())

        def highlighted(self):
            shown = Text(text)
            shown.stylize("reverse", *spans[self.at])
            return shown

        def action_move(self, step):
            self.at = (self.at + step) % len(spans)
            self.query_one(Static).update(self.highlighted())

        def action_page(self):
            scroll = self.query_one(VerticalScroll)
            scroll.scroll_page_down(animate=False)
            self.action_move(scroll.size.height)  # (about a sentence a line, as a guess)

    app = Plain()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        app.query_one(VerticalScroll).focus()
        await pilot.pause()
        idle = await timed(pilot, "f12", presses)
        key = await timed(pilot, "j", presses)
        page = await timed(pilot, "pagedown", presses)
        scroll = await timed(pilot, "down", presses)
        return {"key": key, "page": page, "idle": idle, "scroll": scroll, "opened": None}

print(json.dumps(asyncio.run(main())))
"""


def reader_benchmarks(table: Table, words: int, repeats: int) -> None:
    try:
        import tui.app.reader  # noqa: F401
    except ImportError as err:
        table.skip("reader", f"skipped: app not ready ({err})")
        return
    corpus = str(ROOT / "corpus")
    python_start = process_times([sys.executable, "-c", "pass"], 5, env=python_env())
    runs = {m: [child(FIRST_PAINT, m, corpus, timeout=120) for _ in range(repeats)]
            for m in ("plain", "parallax")}

    def median(mode: str, key: str) -> float:
        values = sorted(run[key] for run in runs[mode])
        return values[len(values) // 2] + python_start

    ours, plain = median("parallax", "time"), median("plain", "time")
    table.add("reader: first paint of the library (seed corpus)", ms(ours), target="< 0.5 s",
              baseline=f"plain Static app {ms(plain)}", ratio=ratio(plain, ours),
              ok=ours < 0.5, note=f"the first frame sent after the article rows were added; "
              f"interpreter start ({ms(python_start)}) included; median of {repeats} "
              "processes; headless")
    settled, plain_settled = median("parallax", "settled"), median("plain", "settled")
    table.add("reader: library settled (seed corpus)", ms(settled),
              baseline=f"plain Static app {ms(plain_settled)}",
              ratio=ratio(plain_settled, settled),
              note="until the test pilot finds nothing left to do: related articles ranked, "
              "heat map drawn")
    try:
        nav = child(NAVIGATE, "parallax", str(words), "15", timeout=400)
        base = child(NAVIGATE, "plain", str(words), "15", timeout=400)
    except Exception as err:
        table.skip(f"reader: navigation key, {words:,}-word pair",
                   f"{type(err).__name__}: {str(err)[-200:]}")
        return
    net = ratio(base["key"] - base["idle"], nav["key"] - nav["idle"])
    table.add(f"reader: next passage (j), {words:,}-word pair", ms(nav["key"]),
              target="< 50 ms, 10x baseline",
              baseline=f"plain Static, highlight moved: {ms(base['key'])}",
              ratio=ratio(base["key"], nav["key"]),
              ok=nav["key"] < 0.05 and base["key"] >= 10 * nav["key"],
              note=f"CPU time per key, median of 15; an unbound key costs {ms(nav['idle'])} "
              f"here, {ms(base['idle'])} in the baseline (the test pilot's own work, more "
              f"widgets here; without it: {net}), where scrolling a line without "
              f"re-rendering costs {ms(base['scroll'])}")
    table.add(f"reader: page down, {words:,}-word pair", ms(nav["page"]),
              target="< 50 ms, 10x baseline",
              baseline=f"plain Static, page + highlight: {ms(base['page'])}",
              ratio=ratio(base["page"], nav["page"]),
              ok=nav["page"] < 0.05 and base["page"] >= 10 * nav["page"],
              note="CPU time per key, median of 15")
    burst = nav["burst"]
    table.add(f"reader: slowest keys of {len(burst)} (j and page down), {words:,}-word pair",
              f"{ms(burst[int(len(burst) * 0.95)])} / {ms(burst[-1])}",
              note="95th percentile / slowest, CPU time; a full garbage collection is the "
              "usual cause of a slow key (the comparison is frozen out of it while shown)")
    table.add(f"reader: open the {words:,}-word pair (align in a worker, first frame)",
              ms(nav["opened"]), note="wall time; divergence pass off in this run "
              "(its cost is in the engine table)")
