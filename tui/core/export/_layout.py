"""What every export needs from a comparison: a reading order and word marks per passage.

Pure functions over the engine's values; the renderers only decide how things look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..model import DIVERGENCE_KINDS, Article, Comparison, Divergence, Link
from ..reports import DivergenceReport

RowKind = Literal["head", "link", "only_a", "only_b"]
Mark = Literal["", "deleted", "inserted", "soft"]
"""How a piece of passage text is marked: plain, only on this side (A: deleted, B: inserted),
or differing only softly (case, punctuation, spelling, inflection)."""

PALETTE_SIZE = 8
"""Number of distinguishable hues the linked passages cycle through."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the paired view: the headlines (or deks) of both, a link, or a passage
    found on one side only."""

    kind: RowKind
    a: tuple[int, ...]
    """Passage indexes of A shown in this row (empty for ``only_b``)."""
    b: tuple[int, ...]
    link: int | None = None
    """Index into ``Comparison.links`` for a ``link`` row, into ``Comparison.heads`` for a
    ``head`` row (None for a headline or dek the other article lacks)."""


def row_link(comparison: Comparison, row: Row) -> Link | None:
    """The link (or heads pair) a row shows, with its word operations."""
    if row.link is None:
        return None
    return (comparison.heads if row.kind == "head" else comparison.links)[row.link]


def head_rows(comparison: Comparison) -> list[Row]:
    """The headline and dek rows that open the paired view: each pair of ``heads``, then the
    headline or dek of one article that the other lacks."""
    rows = [Row("head", tuple(h.a), tuple(h.b), k) for k, h in enumerate(comparison.heads)]
    paired_a = {i for h in comparison.heads for i in h.a}
    paired_b = {j for h in comparison.heads for j in h.b}
    rows += [Row("head", (p.index,), ()) for p in comparison.a.passages[:2]
             if not p.in_body and p.index not in paired_a]
    rows += [Row("head", (), (p.index,)) for p in comparison.b.passages[:2]
             if not p.in_body and p.index not in paired_b]
    return rows


def reading_rows(comparison: Comparison) -> list[Row]:
    """The rows in A's reading order; B-only passages follow their nearest B neighbour.

    A link sits where its first A passage is (several links may share a passage: each gets its
    row, in the engine's order).  A run of B-only passages is placed right after the first row
    that holds the B passage just before it, or at the top when it opens B.
    """
    n_a = len(comparison.a.passages)
    starts: dict[int, list[int]] = {}
    stray: list[int] = []  # links without a valid A passage: kept visible at the end
    for k, link in enumerate(comparison.links):
        if link.a and 0 <= link.a[0] < n_a:
            starts.setdefault(link.a[0], []).append(k)
        else:
            stray.append(k)
    only_a = set(comparison.only_a)
    rows: list[Row] = head_rows(comparison)
    for i in range(n_a):
        for k in starts.get(i, ()):
            link = comparison.links[k]
            rows.append(Row("link", tuple(link.a), tuple(link.b), k))
        if i in only_a:
            rows.append(Row("only_a", (i,), ()))
    for k in stray:
        link = comparison.links[k]
        rows.append(Row("link", tuple(link.a), tuple(link.b), k))

    only_b = sorted(set(comparison.only_b))
    if not only_b:
        return rows
    row_of_b: dict[int, int] = {}
    for n, row in enumerate(rows):
        for p in row.b:
            row_of_b.setdefault(p, n)
    after: dict[int, list[int]] = {}  # row number (-1: top) -> B-only passages placed after it
    for p in only_b:
        q = p - 1
        while q >= 0 and q not in row_of_b:
            q -= 1
        after.setdefault(row_of_b.get(q, -1), []).append(p)

    placed: list[Row] = [Row("only_b", (), (p,)) for p in after.get(-1, [])]
    for n, row in enumerate(rows):
        placed.append(row)
        placed.extend(Row("only_b", (), (p,)) for p in after.get(n, []))
    return placed


def grouped_rows(comparison: Comparison) -> list[Row]:
    """``reading_rows`` with each run of adjacent one-side-only passages joined in one row."""
    out: list[Row] = []
    for row in reading_rows(comparison):
        prev = out[-1] if out else None
        if prev is not None and row.kind == prev.kind and row.kind in ("only_a", "only_b"):
            mine, last = (row.a, prev.a) if row.kind == "only_a" else (row.b, prev.b)
            if mine[0] == last[-1] + 1:
                joined = last + mine
                out[-1] = Row(row.kind, joined, ()) if row.kind == "only_a" else Row(
                    row.kind, (), joined)
                continue
        out.append(row)
    return out


def pair_class(link: int) -> str:
    """The component class naming a link's colour (``align--pair-3``)."""
    return f"align--pair-{link % PALETTE_SIZE}"


def _side_marks(link: Link, side: str) -> list[tuple[int, int, Mark]]:
    """(start, end, mark) spans of one side of a link, in body offsets, ordered by start."""
    marks: list[tuple[int, int, Mark]] = []
    for op in link.ops:
        start, end = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
        if end <= start or op.op == "equal":
            continue
        if op.soft:
            mark: Mark = "soft"
        elif side == "a" and op.op in ("replace", "delete"):
            mark = "deleted"
        elif side == "b" and op.op in ("replace", "insert"):
            mark = "inserted"
        else:
            continue
        marks.append((start, end, mark))
    marks.sort()
    return marks


def passage_pieces(
    article: Article, passage: int, link: Link | None = None, side: str = "a"
) -> list[tuple[str, Mark]]:
    """The text of one passage cut into (text, mark) pieces, in order, joining to the passage.

    Marked pieces never begin or end with white space (it is given back as plain text), so
    renderers can wrap them in ``~~``, ``<del>`` and the like.  Offsets come from the link's
    word operations; text the operations do not cover is plain.
    """
    p = article.passages[passage]
    start, end = p.start, p.end
    text = article.body[start:end]
    if link is None:
        return [(text, "")] if text else []
    raw: list[tuple[str, Mark]] = []
    pos = start
    for m_start, m_end, mark in _side_marks(link, side):
        s, e = max(m_start, pos), min(m_end, end)
        if e <= s:
            continue
        if s > pos:
            raw.append((article.body[pos:s], ""))
        raw.append((article.body[s:e], mark))
        pos = e
    if pos < end:
        raw.append((article.body[pos:end], ""))
    return _merge(_trim_marks(raw))


def _trim_marks(pieces: list[tuple[str, Mark]]) -> list[tuple[str, Mark]]:
    out: list[tuple[str, Mark]] = []
    for text, mark in pieces:
        if not mark:
            out.append((text, ""))
            continue
        core = text.strip()
        if not core:
            out.append((text, ""))
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        if lead:
            out.append((lead, ""))
        out.append((core, mark))
        if trail:
            out.append((trail, ""))
    return out


def _merge(pieces: list[tuple[str, Mark]]) -> list[tuple[str, Mark]]:
    """Join neighbours with the same mark (plain white space between two equal marks too)."""
    out: list[tuple[str, Mark]] = []
    for text, mark in pieces:
        if not text:
            continue
        if out and out[-1][1] == mark:
            out[-1] = (out[-1][0] + text, mark)
        elif (
            mark and len(out) >= 2 and out[-1][1] == "" and out[-1][0].isspace()
            and out[-2][1] == mark
        ):
            ws = out.pop()[0]
            out[-1] = (out[-1][0] + ws + text, mark)
        else:
            out.append((text, mark))
    return out


def passage_label(article: Article | None, indexes: tuple[int, ...]) -> str:
    """``headline``, ``dek``, ``¶3`` or ``¶3–4``: paragraphs of the body as a reader counts
    them, from 1 (``Article.passage_ref``)."""
    if article is None or not indexes:
        return "—"
    return article.passage_ref(indexes)


def divergence_groups(comparison: Comparison) -> list[tuple[str, list[tuple[int, Divergence]]]]:
    """The divergences numbered as ranked (from 1), grouped as a reader takes them in: what the
    two say differently, then what only A reports, then what only B reports (each ranked);
    empty groups left out."""
    numbered = list(enumerate(comparison.divergences, 1))
    groups = [
        ("What differs", [(n, d) for n, d in numbered if d.kind != "omission"]),
        (f"Only in A ({one_line(comparison.a.outlet)})",
         [(n, d) for n, d in numbered if d.kind == "omission" and d.a_passage is not None]),
        (f"Only in B ({one_line(comparison.b.outlet)})",
         [(n, d) for n, d in numbered if d.kind == "omission" and d.a_passage is None]),
    ]
    return [(title, items) for title, items in groups if items]


def kind_counts(comparison: Comparison) -> list[tuple[str, int]]:
    """Divergence counts in the canonical kind order, then any unknown kinds by name."""
    counts = comparison.divergence_counts()
    ordered = [(k, counts[k]) for k in DIVERGENCE_KINDS if k in counts]
    ordered += sorted((k, n) for k, n in counts.items() if k not in DIVERGENCE_KINDS)
    return ordered


def report_counts(report: DivergenceReport, sep: str) -> str:
    """``3 articles · 1 related pair · 2 divergences`` (``sep`` between the parts)."""

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return sep.join((n(len(report.articles), "article"),
                     n(len(report.related), "related pair"),
                     n(len(report.divergences), "divergence")))


def article_labels(report: DivergenceReport) -> dict[str, str]:
    """How to name each article of a report: its outlet, plus its id when outlets repeat."""
    seen: dict[str, int] = {}
    for a in report.articles:
        seen[a.outlet] = seen.get(a.outlet, 0) + 1
    return {a.id: a.outlet if seen[a.outlet] == 1 else f"{a.outlet} ({a.id})"
            for a in report.articles}


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f\"'<>`\\]+", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) address fit for an ``href``; None otherwise."""
    if url and _HTTP_URL.fullmatch(url):
        return url
    return None


def one_line(text: str) -> str:
    """Collapse every run of white space (newlines included) to one space."""
    return " ".join(text.split())


_SPACE_RUN = re.compile(r"\s+")


def squash(text: str) -> str:
    """Every run of white space as one space, keeping a leading or trailing one."""
    return _SPACE_RUN.sub(" ", text)


def span_in_passage(
    article: Article, passage: int, span: tuple[int, int] | None, text: str
) -> tuple[int, int] | None:
    """Where the words of a divergence sit inside its passage's text (passage-relative)."""
    if passage is None or not 0 <= passage < len(article.passages):
        return None
    p = article.passages[passage]
    core = text.strip()
    if (span and p.start <= span[0] < span[1] <= p.end
            and (not core or article.body[span[0]:span[1]].strip() == core)):
        return span[0] - p.start, span[1] - p.start
    if core:
        i = p.text.find(core)
        if i >= 0:
            return i, i + len(core)
    return None


def split_at(text: str, cut: tuple[int, int] | None) -> tuple[str, str, str]:
    """``text`` as (before, inside, after) the passage-relative ``cut``."""
    if cut is None:
        return text, "", ""
    return text[: cut[0]], text[cut[0]: cut[1]], text[cut[1]:]

