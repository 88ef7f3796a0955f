"""The Parallax reader: a Textual app over the engine in ``tui.core``.

``make_app`` builds the app the same way for the command line, the tests, the snapshot tests
and ``scripts/screenshots.py``.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from textual import on, work
from textual.app import App
from textual.binding import Binding, Keymap
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from ..core.ingest.safety import neutralise
from ..core.model import Article, Comparison, Corpus, LoadProblem
from ..core.reports import DivergenceReport, Story, StoryReport
from .commands import ArticlePairsProvider, ScreenActionsProvider
from .messages import (
    CorpusLoaded,
    OpenCompare,
    OpenDivergences,
    OpenStory,
    OverlapReady,
    StoriesReady,
)
from .screens.library import LibraryScreen

# The compare, divergences and help screens are imported when first opened: the library's
# first frame does not need them.

STYLES = Path(__file__).parent / "styles"


class ParallaxApp(App[int]):
    """Compare how different outlets report the same story."""

    TITLE = "Parallax"
    CSS_PATH = [
        STYLES / "app.tcss",
        STYLES / "library.tcss",
        STYLES / "compare.tcss",
        STYLES / "divergences.tcss",
        STYLES / "dialogs.tcss",
        STYLES / "stories.tcss",
    ]
    COMMANDS = App.COMMANDS | {ScreenActionsProvider, ArticlePairsProvider}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave Parallax"),
        Binding("question_mark,f1", "help", "Help", id="app.help",
                tooltip="Show every key of this screen"),
    ]

    corpus: reactive[Corpus | None] = reactive(None)
    """The loaded corpus (None while loading)."""
    overlap: reactive[dict[tuple[str, str], float] | None] = reactive(None)
    """Measured overlap of every pair of articles (None until measured)."""
    report: reactive[DivergenceReport | None] = reactive(None)
    """The corpus-wide divergence report, once computed."""
    stories: reactive[tuple[Story, ...] | None] = reactive(None)
    """The corpus's articles grouped into stories, once grouped (``stories_now``)."""

    def __init__(
        self,
        corpus_dir: Path | None = None,
        *,
        corpus: Corpus | None = None,
        export_dir: Path | None = None,
        blink: bool = True,
    ) -> None:
        super().__init__()
        self.corpus_dir = corpus_dir
        self._preloaded = corpus
        self.export_dir = export_dir or Path.cwd()
        """Where the export dialog proposes to write."""
        self.export_format: str | None = None
        """The format last exported: the export dialog starts on it."""
        self.blink = blink
        """Blink text cursors (off for snapshots)."""
        self.preferred_size: tuple[int, int] | None = None
        """Terminal size the tests and the screenshot script run the app at."""
        self._comparisons: dict[tuple, Comparison] = {}
        self._background: tuple[Corpus, object] | None = None
        self._stories: tuple[Corpus, tuple[Story, ...]] | None = None
        self._story_pairs: dict[tuple, dict] = {}
        self._story_divergences: dict[tuple, tuple] = {}
        self._story_lock = threading.Lock()

    def get_default_screen(self) -> LibraryScreen:
        screen = LibraryScreen()
        # The breakpoint classes (-wide, -tall...) its first Resize would give it: set now,
        # they spare restyling every widget of the screen once mounted.
        width, height = self.size
        screen.add_class(*breakpoint_classes(screen.HORIZONTAL_BREAKPOINTS, width),
                         *breakpoint_classes(screen.VERTICAL_BREAKPOINTS, height))
        return screen

    def on_mount(self) -> None:
        if self._preloaded is not None:
            self.post_message(CorpusLoaded(self._preloaded))
        else:
            self._load()

    # -- work -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", name="load corpus", exit_on_error=False)
    def _load(self) -> None:
        from ..core.corpus.folder import default_corpus_dir, load_corpus

        path = self.corpus_dir or default_corpus_dir()
        try:
            corpus = load_corpus(path)
        except Exception as error:  # never "loading the corpus..." for ever: say what failed
            problem = LoadProblem(str(path), f"could not be loaded ({type(error).__name__}: "
                                  f"{error})")
            corpus = Corpus(str(path), (), (problem,))
        self.post_message(CorpusLoaded(corpus))

    @work(thread=True, exclusive=True, group="overlap", name="measure overlap", exit_on_error=False)
    def _measure_overlap(self, corpus: Corpus) -> None:
        from ..core.corpus.related import overlap_matrix

        self.post_message(OverlapReady(overlap_matrix(corpus)))

    def compare(self, a: Article, b: Article, threshold: float | None = None) -> Comparison:
        """Align two articles with the corpus's word weights (as ``parallax compare`` does).

        Called from workers.  Cached by the articles' text and the threshold; at worst two
        workers compute the same thing twice.
        """
        from ..core.pipeline import compare

        key = (a.id, hash(a.body), b.id, hash(b.body), threshold)
        found = self._comparisons.get(key)
        if found is None:
            found = compare(a, b, threshold=threshold, background=self._word_weights())
            self._comparisons[key] = found
        return found

    def _word_weights(self):
        """The corpus's word weights (``corpus_background``), made once per corpus."""
        from ..core.align.linker import corpus_background

        corpus = self.corpus
        if self._background is None and corpus is not None:
            self._background = (corpus, corpus_background(corpus.articles))
        return self._background[1] if self._background else None

    # -- stories (called from workers: each is computed once and kept for the session) ------

    def stories_now(self, progress=None) -> tuple[Story, ...]:
        """The corpus's stories, grouped on the first call (``progress(done, total)``)."""
        from ..core.corpus.stories import group_stories

        corpus = self.corpus
        if corpus is None:
            return ()
        with self._story_lock:
            if self._stories is None or self._stories[0] is not corpus:
                self._stories = (corpus, group_stories(corpus, progress=progress))
                self.post_message(StoriesReady(corpus, self._stories[1]))
            return self._stories[1]

    def story_report_now(self, story: Story, progress=None) -> StoryReport:
        """Coverage and facts of ``story``: every pair of its articles aligned once (no
        divergences), with the corpus's word weights, then kept."""
        from ..core.corpus.coverage import align_story, story_articles, story_report

        corpus = self.corpus
        articles = story_articles(corpus, story)
        key = tuple((a.id, hash(a.body)) for a in articles)
        pairs = self._story_pairs.get(key)
        if pairs is None:
            pairs = align_story(articles, background=self._word_weights(), progress=progress)
            self._story_pairs[key] = pairs
        return story_report(corpus, story, pairs=pairs,
                            divergences=self._story_divergences.get(key, ()))

    def story_divergences_now(self, story: Story, progress=None) -> tuple:
        """The story's divergences: the corpus-wide report kept to its articles' pairs."""
        from ..core.corpus.report import corpus_report

        corpus = self.corpus
        key = tuple((aid, hash(corpus.get(aid).body)) for aid in story.articles
                    if corpus.get(aid) is not None)
        found = self._story_divergences.get(key)
        if found is None:
            found = corpus_report(corpus, only=story.articles, progress=progress).divergences
            self._story_divergences[key] = found
        return found

    # -- messages ---------------------------------------------------------------------------

    @on(CorpusLoaded)
    def _corpus_loaded(self, message: CorpusLoaded) -> None:
        self.corpus = message.corpus
        self.report = None
        self.stories = None
        self._comparisons.clear()
        self._background = None
        self._story_pairs.clear()
        self._story_divergences.clear()
        problems = message.corpus.problems
        if problems:
            self.notify(
                "\n".join(neutralise(str(p)) for p in problems[:5])
                + (f"\n(and {len(problems) - 5} more)" if len(problems) > 5 else ""),
                title=f"{len(problems)} file(s) not loaded",
                severity="warning",
                markup=False,
            )
        if len(message.corpus) > 1:
            self._measure_overlap(message.corpus)
        else:
            self.overlap = {}

    @on(OverlapReady)
    def _overlap_ready(self, message: OverlapReady) -> None:
        self.overlap = message.matrix

    @on(OpenCompare)
    def _open_compare(self, message: OpenCompare) -> None:
        if self.corpus is None:
            return
        a, b = self.corpus.get(message.a_id), self.corpus.get(message.b_id)
        if a is None or b is None or a.id == b.id:
            self.notify("Choose two different articles to compare.", severity="warning")
            return
        from .screens.compare import CompareScreen

        self.push_screen(CompareScreen(a, b, a_passage=message.a_passage, kind=message.kind))

    @on(StoriesReady)
    def _stories_ready(self, message: StoriesReady) -> None:
        if message.corpus is self.corpus:
            self.stories = message.stories

    @on(OpenStory)
    def _open_story(self, message: OpenStory) -> None:
        stories = self.stories or ()
        if not 1 <= message.number <= len(stories):
            return
        from .screens.story import StoryScreen

        self.push_screen(StoryScreen(stories[message.number - 1]))

    @on(OpenDivergences)
    def _open_divergences(self) -> None:
        from .screens.divergences import DivergencesScreen

        if not isinstance(self.screen, DivergencesScreen):
            self.push_screen(DivergencesScreen())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Report a failed job instead of crashing; the screens reset their own state."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(neutralise(f"{type(error).__name__}: {error}"),
                        title=f"{event.worker.name} failed", severity="error", markup=False)

    # -- actions ----------------------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def breakpoint_classes(breakpoints: list[tuple[int, str]] | None, size: int) -> list[str]:
    """The class Textual gives a screen for ``size`` cells (``Screen.HORIZONTAL_BREAKPOINTS``:
    that of the largest threshold not above it)."""
    for threshold, name in sorted(breakpoints or (), reverse=True):
        if size >= threshold:
            return [name]
    return []


_frozen = False


def _freeze_imports() -> None:
    """Move what importing Textual and Parallax made (modules, classes, functions: alive until
    exit) out of reach of the cyclic garbage collector, once per process.

    Otherwise the first full collection, which the start of the app triggers, walks all of
    them: 60-100 ms of the first frame on the seed corpus. Only the objects alive now are
    frozen; whatever the app makes later is collected as usual.
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def make_app(
    corpus_dir: str | Path | None = None,
    *,
    size: tuple[int, int] | None = None,
    corpus: Corpus | None = None,
    export_dir: str | Path | None = None,
    keymap: Keymap | None = None,
    theme: str | None = None,
    blink: bool = True,
) -> ParallaxApp:
    """Build the app for the command line, the tests and the screenshot script.

    ``size`` is the terminal size the caller means to run it at (kept as ``app.preferred_size``
    for ``run_test``/screenshots); ``keymap`` remaps keys by binding id
    (``{"compare.next_divergence": "ctrl+n"}``).
    """
    _freeze_imports()
    app = ParallaxApp(
        Path(corpus_dir) if corpus_dir is not None else None,
        corpus=corpus,
        export_dir=Path(export_dir) if export_dir is not None else None,
        blink=blink,
    )
    app.preferred_size = size
    if keymap:
        app.set_keymap(keymap)
    if theme:
        app.theme = theme
    return app


def run_app(corpus_dir: str | Path | None = None) -> int:
    """Run the reader in the terminal; returns the exit code."""
    app = make_app(corpus_dir)
    app.run()
    return app.return_code or 0


async def settle(pilot) -> None:
    """Wait until every worker is done and every message it posted is handled (tests,
    snapshots and the screenshot script share this)."""
    import contextlib

    from textual.worker import WorkerCancelled

    app = pilot.app
    for _ in range(50):
        with contextlib.suppress(WorkerCancelled):  # replaced by a newer exclusive worker
            await app.workers.wait_for_complete()
        await pilot.pause()
        if all(worker.is_finished for worker in app.workers):
            return
