"""App-wide messages: screens and workers post these upwards; the app acts on them.

Messages that belong to one widget live inside that widget's class (``PassagePane.Clicked``).
"""

from __future__ import annotations

from textual.message import Message

from ..core.model import Comparison, Corpus
from ..core.reports import DivergenceReport, Story, StoryReport


class OpenCompare(Message):
    """Open the compare screen on two articles, optionally at a passage of A."""

    def __init__(
        self, a_id: str, b_id: str, *, a_passage: int | None = None, kind: str | None = None
    ) -> None:
        super().__init__()
        self.a_id = a_id
        self.b_id = b_id
        self.a_passage = a_passage
        """Passage of A to put the cursor on (a divergence's passage)."""
        self.kind = kind
        """Kind of the divergence to select at ``a_passage``."""


class OpenDivergences(Message):
    """Show the corpus-wide divergences screen."""


class CorpusLoaded(Message):
    """A worker finished loading the corpus."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus


class OverlapReady(Message):
    """A worker finished measuring the overlap of every pair of articles."""

    def __init__(self, matrix: dict[tuple[str, str], float]) -> None:
        super().__init__()
        self.matrix = matrix


class Progress(Message):
    """Progress of a long job; a newer one replaces an older one still in the queue."""

    def __init__(self, job: str, done: int, total: int | None) -> None:
        super().__init__()
        self.job = job
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Progress) and message.job == self.job


class ReportReady(Message):
    """The corpus-wide divergence report is ready."""

    def __init__(self, report: DivergenceReport) -> None:
        super().__init__()
        self.report = report


class ComparisonReady(Message):
    """A worker finished aligning two articles (first time or after a threshold change)."""

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison


class OpenStory(Message):
    """Open the story view of a story (by its number)."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class StoriesReady(Message):
    """A worker finished grouping the corpus's articles into stories."""

    def __init__(self, corpus: Corpus, stories: tuple[Story, ...]) -> None:
        super().__init__()
        self.corpus = corpus
        self.stories = stories


class StoryReady(Message):
    """A worker laid out a story: coverage of every passage, facts (and, when asked for,
    the story's divergences)."""

    def __init__(self, report: StoryReport) -> None:
        super().__init__()
        self.report = report
