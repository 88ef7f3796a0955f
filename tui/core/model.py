"""Immutable values shared by the engine, the command line, the exports and the app.

Offsets: every ``start``/``end`` pair is a character span into ``Article.body`` (the article's
text as displayed: markup removed, boilerplate dropped, hard wraps joined).  ``Article.source_span``
maps a body span back to the text as loaded from disk.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

OpName = Literal["equal", "replace", "delete", "insert"]

UNKNOWN_OUTLET = "Unknown outlet"


def outlet_known(outlet: str | None) -> bool:
    return bool(outlet) and not outlet.lower().startswith("unknown")


def title_label(title: str, width: int = 32) -> str:
    """The opening words of a title in quotation marks, to name an article of no known
    outlet (empty for an empty title)."""
    title = " ".join(title.split())
    if len(title) > width:
        title = title[:width].rsplit(" ", 1)[0].rstrip(",;:-\u2013") + "\u2026"
    return f"\u201c{title}\u201d" if title else ""


@dataclass(frozen=True, slots=True)
class Passage:
    """One sentence (the unit of alignment) of an article body, or its headline or dek."""

    index: int
    """Position in ``Article.passages``; also the passage id in JSON."""
    text: str
    """The sentence as displayed (equal to ``body[start:end]``)."""
    start: int
    end: int
    paragraph: int
    """Index of the paragraph holding the sentence (in ``Article.paragraphs``)."""
    role: str = "body"
    """``headline``, ``dek`` (the standfirst under it) or ``body``."""

    @property
    def id(self) -> int:
        return self.index

    @property
    def in_body(self) -> bool:
        return self.role == "body"


@dataclass(frozen=True, slots=True)
class Dropped:
    """A line the loader removed from the body, kept so a reader can still see it."""

    kind: str
    """``related``, ``comments``, ``tags``, ``credit``, ``url``, ``embed``, ``caption``, ..."""
    text: str
    line: int
    """1-based line number in the file as loaded."""


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    """The file stem (unique inside a corpus)."""
    title: str
    outlet: str
    body: str
    passages: tuple[Passage, ...]
    paragraphs: tuple[tuple[int, int], ...] = ()
    """Spans of the paragraphs in ``body``."""
    title_derived: bool = False
    """True when the file had no headline and the title was made from the first sentence."""
    date: str | None = None
    """ISO date ``YYYY-MM-DD`` when one was found."""
    url: str | None = None
    byline: str | None = None
    dek: str | None = None
    path: str | None = None
    dropped: tuple[Dropped, ...] = ()
    warnings: tuple[str, ...] = ()
    """Problems met while loading (a fallback encoding, ...), each one line."""
    metadata_source: tuple[tuple[str, str], ...] = ()
    """Where each metadata field came from: ``("title", "front-matter")`` and so on."""
    source: str = ""
    """The text as loaded (decoded), before any cleaning."""
    offset_map: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    """Sorted ``(body_offset, source_offset)`` anchors; see ``source_span``."""

    @property
    def words(self) -> int:
        """Words of the body (the headline and dek left out)."""
        return sum(len(p.text.split()) for p in self.passages if p.role == "body")

    @property
    def lead_paragraphs(self) -> int:
        """How many paragraphs the headline and dek take at the top of ``body``."""
        return sum(1 for p in self.passages[:2] if p.role != "body")

    def passage_ref(self, indexes: tuple[int, ...] | list[int]) -> str:
        """Where passages ``indexes`` stand, as a reader counts: ``headline``, ``dek``,
        ``¶3`` (the third paragraph of the body) or ``¶3–4``."""
        if not indexes:
            return "—"
        first, last = self.passages[indexes[0]], self.passages[indexes[-1]]
        if not first.in_body:
            return first.role if last is first or not last.in_body else \
                f"{first.role}–¶{last.paragraph - self.lead_paragraphs + 1}"
        lead = self.lead_paragraphs
        p, q = first.paragraph - lead + 1, last.paragraph - lead + 1
        return f"¶{p}" if p == q else f"¶{p}–{q}"

    def source_offset(self, body_offset: int) -> int:
        """Map an offset in ``body`` to the matching offset in ``source``."""
        if not self.offset_map:
            return body_offset
        keys = [b for b, _ in self.offset_map]
        i = bisect_right(keys, body_offset) - 1
        if i < 0:
            return 0
        b, s = self.offset_map[i]
        return min(s + (body_offset - b), len(self.source)) if self.source else s + (
            body_offset - b)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.source_offset(start), self.source_offset(end)

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "title_derived": self.title_derived,
            "outlet": self.outlet,
            "date": self.date,
            "url": self.url,
            "byline": self.byline,
            "dek": self.dek,
            "words": self.words,
            "path": self.path,
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.summary()
        data["passages"] = [
            {"id": p.index, "text": p.text, "start": p.start, "end": p.end,
             "paragraph": p.paragraph, "role": p.role}
            for p in self.passages
        ]
        data["dropped"] = [{"kind": d.kind, "text": d.text, "line": d.line} for d in self.dropped]
        data["warnings"] = list(self.warnings)
        return data


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A file of a corpus that could not be loaded, and why (one line)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Corpus:
    root: str
    articles: tuple[Article, ...]
    problems: tuple[LoadProblem, ...] = ()

    def get(self, key: str) -> Article | None:
        for article in self.articles:
            if article.id == key:
                return article
        return None

    def __iter__(self):
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)


# (a named tuple rather than a frozen dataclass: a long word diff makes thousands of these,
# and a tuple is made about three times as fast)
class WordOp(NamedTuple):
    """One word-level operation inside a link, in difflib's vocabulary.

    ``a_start``/``a_end`` are offsets into article A's body, ``b_start``/``b_end`` into B's.
    The ops of a link tile both sides: joining every ``b_text`` rebuilds the B side (from its
    first passage's start to its last passage's end), and likewise for A.  ``a_text`` and
    ``b_text`` include the white space that follows the words.
    """

    op: OpName
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    soft: bool = False
    """For a non-equal op: the difference is only case, punctuation, quote style, spelling
    or transliteration, or inflection."""

    @property
    def substantive(self) -> bool:
        return self.op != "equal" and not self.soft

    def to_dict(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "a": self.a_text,
            "b": self.b_text,
            "a_span": [self.a_start, self.a_end],
            "b_span": [self.b_start, self.b_end],
            "soft": self.soft,
        }


@dataclass(frozen=True, slots=True)
class Link:
    """Passages of A and B that report the same thing."""

    a: tuple[int, ...]
    """Passage indexes in A (adjacent, ascending)."""
    b: tuple[int, ...]
    score: float
    """Similarity in [0, 1]."""
    ops: tuple[WordOp, ...] = ()
    shared: tuple[str, ...] = ()
    """The names, numbers and content words the two sides share, strongest first."""

    @property
    def explanation(self) -> str:
        if not self.shared:
            return f"similarity {self.score:.2f}"
        return f"similarity {self.score:.2f}; shares " + ", ".join(self.shared[:8])

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": list(self.a),
            "b": list(self.b),
            "score": round(self.score, 4),
            "explanation": self.explanation,
            "shared": list(self.shared),
            "ops": [op.to_dict() for op in self.ops],
        }


DivergenceKind = Literal["number", "title", "name", "quote", "wording", "framing", "omission"]

DIVERGENCE_KINDS: tuple[str, ...] = (
    "number", "title", "quote", "framing", "wording", "name", "omission",
)


@dataclass(frozen=True, slots=True)
class Divergence:
    """Wording that differs between the linked passages of two articles."""

    kind: str
    """One of ``DIVERGENCE_KINDS``."""
    note: str
    """One line a fact-checker would write down."""
    salience: float
    """0..1, higher first."""
    link: int | None
    """Index into ``Comparison.links`` (None for an omission)."""
    a_passage: int | None
    b_passage: int | None
    a_text: str
    """The differing words on A's side ("" when A has nothing there)."""
    b_text: str
    a_span: tuple[int, int] | None = None
    """Offsets of ``a_text`` in A's body."""
    b_span: tuple[int, int] | None = None
    key: str = ""
    """What the divergence is about, the same across article pairs ("title:netanyahu"), so
    ``corpus_report`` can group one divergence found in several pairs ("" when none)."""
    topic: str = ""
    """A short name for what differs ("Netanyahu's office"), used in corpus reports."""

    @property
    def salience_label(self) -> str:
        return "high" if self.salience >= 0.7 else "medium" if self.salience >= 0.4 else "low"

    def to_dict(self, a: Article, b: Article) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "note": self.note,
            "salience": round(self.salience, 3),
            "salience_label": self.salience_label,
            "link": self.link,
            "a": {
                "passage": self.a_passage,
                "text": self.a_text,
                "span": list(self.a_span) if self.a_span else None,
                "passage_text": a.passages[self.a_passage].text
                if self.a_passage is not None else None,
            },
            "b": {
                "passage": self.b_passage,
                "text": self.b_text,
                "span": list(self.b_span) if self.b_span else None,
                "passage_text": b.passages[self.b_passage].text
                if self.b_passage is not None else None,
            },
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    a: Article
    b: Article
    links: tuple[Link, ...]
    only_a: tuple[int, ...]
    """Passages of A with no counterpart in B."""
    only_b: tuple[int, ...]
    threshold: float
    divergences: tuple[Divergence, ...] = ()
    heads: tuple[Link, ...] = ()
    """A's headline against B's, and dek against dek, when both have them (lead passages
    are not linked to the body: ``links`` holds body passages only)."""

    def link_of_a(self) -> dict[int, int]:
        """Passage index of A -> index of the link holding it (the last one, for a passage
        with a second partner; ``links_of_a`` gives them all)."""
        return {p: i for i, link in enumerate(self.links) for p in link.a}

    def link_of_b(self) -> dict[int, int]:
        """As ``link_of_a``, for B."""
        return {p: i for i, link in enumerate(self.links) for p in link.b}

    def links_of_a(self) -> dict[int, tuple[int, ...]]:
        """Passage index of A -> indices of every link holding it, in order."""
        return self._links_of("a")

    def links_of_b(self) -> dict[int, tuple[int, ...]]:
        """As ``links_of_a``, for B."""
        return self._links_of("b")

    def _links_of(self, side: str) -> dict[int, tuple[int, ...]]:
        out: dict[int, tuple[int, ...]] = {}
        for i, link in enumerate(self.links):
            for p in getattr(link, side):
                out[p] = (*out.get(p, ()), i)
        return out

    @property
    def aligned_share_a(self) -> float:
        n = len(self.a.passages)
        return (n - len(self.only_a)) / n if n else 0.0

    @property
    def aligned_share_b(self) -> float:
        n = len(self.b.passages)
        return (n - len(self.only_b)) / n if n else 0.0

    def divergence_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for d in self.divergences:
            counts[d.kind] = counts.get(d.kind, 0) + 1
        return counts

    def swapped(self) -> Comparison:
        """The same comparison seen from B (used by the app's swap key)."""
        divergences = tuple(
            Divergence(
                kind=d.kind, note=d.note, salience=d.salience, link=d.link,
                a_passage=d.b_passage, b_passage=d.a_passage, a_text=d.b_text, b_text=d.a_text,
                a_span=d.b_span, b_span=d.a_span, key=d.key, topic=d.topic,
            )
            for d in self.divergences
        )
        return Comparison(
            a=self.b, b=self.a, links=tuple(map(_mirrored, self.links)), only_a=self.only_b,
            only_b=self.only_a, threshold=self.threshold, divergences=divergences,
            heads=tuple(map(_mirrored, self.heads)),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "parallax.comparison/1",
            "threshold": self.threshold,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "links": [link.to_dict() for link in self.links],
            "heads": [link.to_dict() for link in self.heads],
            "only_a": list(self.only_a),
            "only_b": list(self.only_b),
            "stats": {
                "aligned_share_a": round(self.aligned_share_a, 4),
                "aligned_share_b": round(self.aligned_share_b, 4),
                "divergences": self.divergence_counts(),
            },
            "divergences": [d.to_dict(self.a, self.b) for d in self.divergences],
        }


_MIRROR = {"equal": "equal", "replace": "replace", "delete": "insert", "insert": "delete"}


def _mirrored(link: Link) -> Link:
    """``link`` seen from B."""
    return Link(
        a=link.b, b=link.a, score=link.score, shared=link.shared,
        ops=tuple(
            WordOp(op=_MIRROR[o.op], a_start=o.b_start, a_end=o.b_end, b_start=o.a_start,
                   b_end=o.a_end, a_text=o.b_text, b_text=o.a_text, soft=o.soft)
            for o in link.ops
        ),
    )
