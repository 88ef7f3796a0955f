"""Values of the corpus stage: the corpus-wide divergence report and the stories of a corpus
(``tui.core.corpus``), built from the values of ``model`` that flow between the stages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Article


@dataclass(frozen=True, slots=True)
class Form:
    """One outlet's wording of a corpus-wide divergence."""

    article: str
    """Article id."""
    passage: int
    passage_text: str
    text: str
    """The differing words."""
    span: tuple[int, int] | None = None
    """Offsets of ``text`` in the article's body."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "passage": self.passage,
            "passage_text": self.passage_text,
            "text": self.text,
            "span": list(self.span) if self.span else None,
        }


@dataclass(frozen=True, slots=True)
class CorpusDivergence:
    """The same divergence across outlets, one form per (article, wording)."""

    kind: str
    what: str
    """One line naming what differs."""
    salience: float
    forms: tuple[Form, ...]
    pairs: tuple[tuple[str, str], ...] = ()
    """The article pairs in which it was found."""

    @property
    def salience_label(self) -> str:
        return "high" if self.salience >= 0.7 else "medium" if self.salience >= 0.4 else "low"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "what": self.what,
            "salience": round(self.salience, 3),
            "salience_label": self.salience_label,
            "forms": [f.to_dict() for f in self.forms],
            "pairs": [list(p) for p in self.pairs],
        }


@dataclass(frozen=True, slots=True)
class DivergenceReport:
    articles: tuple[Article, ...]
    divergences: tuple[CorpusDivergence, ...]
    related: tuple[tuple[str, str, float], ...] = ()
    """The pairs judged related, with their measured overlap."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "parallax.divergences/1",
            "articles": [a.summary() for a in self.articles],
            "related": [{"a": a, "b": b, "overlap": round(o, 4)} for a, b, o in self.related],
            "divergences": [d.to_dict() for d in self.divergences],
        }


@dataclass(frozen=True, slots=True)
class Story:
    """Articles of a corpus that report one event (``corpus.stories.group_stories``)."""

    number: int
    """1-based, in the order the stories are listed (most articles first)."""
    label: str
    """The title of the story's most central article."""
    articles: tuple[str, ...]
    """Article ids, oldest first (undated last)."""
    outlets: tuple[str, ...]
    """A short name for each article, in the same order, unique within the story."""
    first: str | None = None
    """Earliest and latest known dates (ISO)."""
    last: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing a story reports: a passage and its counterparts in the other articles."""

    passages: tuple[tuple[str, tuple[int, ...]], ...]
    """``(article id, its passages telling the fact)``, in the story's article order."""


@dataclass(frozen=True, slots=True)
class StoryReport:
    """A story's articles, which of them carry each passage, its facts and divergences."""

    story: Story
    articles: tuple[Article, ...]
    """In the story's order."""
    carried: tuple[tuple[tuple[str, ...], ...], ...]
    """Per article, per passage: the other articles of the story that carry the passage."""
    facts: tuple[Fact, ...]
    """Most widely reported first."""
    divergences: tuple[CorpusDivergence, ...] = ()
