"""Load an article the way a reader sees it.

A file becomes an ``Article``: metadata (title, date, url, outlet, byline, dek) read from a
front-matter block when the user supplied one, else inferred from the header lines; a body of
paragraphs and sentences with markup, boilerplate and photo credits removed and hard-wrapped
lines joined. What was removed is kept in ``Article.dropped``. (A folder of them becomes a
``Corpus`` in ``tui.core.corpus.folder``.)
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Article, Dropped, Passage
from .safety import neutralise

if TYPE_CHECKING:
    from . import meta
    from .clean import Line

# The parsers (meta, clean, segment) are imported by the first parse: a corpus served whole
# from the cache needs none of them.

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_LINE_CHARS = 200_000


class LoadError(Exception):
    """A file that cannot be loaded as an article; the message is one line, for a person."""


# --------------------------------------------------------------------------- one file


def read_text(path: Path) -> tuple[str, list[str]]:
    """Read and decode a file; return the text and warnings. Raise ``LoadError`` when unusable."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise LoadError(f"cannot read: {err.strerror or err}") from None
    if size > MAX_FILE_BYTES:
        raise LoadError(
            f"too large: {size / 1048576:.1f} MB (the limit is {MAX_FILE_BYTES // 1048576} MB)"
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise LoadError(f"cannot read: {err.strerror or err}") from None
    return decode(data)


def decode(data: bytes) -> tuple[str, list[str]]:
    warnings: list[str] = []
    if not data.strip():
        raise LoadError("empty file" if not data else "holds only white space")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), warnings
        except UnicodeDecodeError:
            raise LoadError("not valid UTF-16 despite its byte-order mark") from None
    if _looks_binary(data):
        raise LoadError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        declared = _declared_encoding(data)
        for encoding in filter(None, (declared, "cp1252", "latin-1")):
            try:
                text = data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
            warnings.append(
                f"not valid UTF-8 (byte {err.start}); read as {encoding}"
                + (" as it declares" if encoding == declared else "")
            )
            break
    if not text.strip():
        raise LoadError("holds only white space")
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")  # classic Mac line ends; a stray CR stays visible
    longest = max(map(len, text.splitlines()), default=0)
    if longest > MAX_LINE_CHARS:
        raise LoadError(
            f"a line of {longest:,} characters (the limit is {MAX_LINE_CHARS:,}); "
            "not an article"
        )
    return text, warnings


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 20)


_DECLARED = re.compile(rb"(?:charset|encoding)\s*[:=]\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def _declared_encoding(data: bytes) -> str | None:
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def load_article(path: str | os.PathLike[str], *, id: str | None = None) -> Article:
    """Load one file. Raise ``LoadError`` with a one-line reason when it cannot be read."""
    file = Path(path)
    if file.suffix.lower() in HTML_SUFFIXES:
        try:
            from .webpage import ImportProblem, html_file_to_text
        except ImportError as err:  # pragma: no cover - trafilatura missing
            raise LoadError(f"cannot read HTML here: {err}") from None
        try:
            text = html_file_to_text(file)
        except ImportProblem as err:
            raise LoadError(str(err)) from None
        except OSError as err:
            raise LoadError(f"cannot read: {err.strerror or err}") from None
        warnings: list[str] = []
    else:
        text, warnings = read_text(file)
    article = parse_article(
        text, id=id or neutralise(file.stem), path=str(file), warnings=tuple(warnings)
    )
    if not article.passages:
        raise LoadError("no article text found (only a header or boilerplate)")
    return article


# --------------------------------------------------------------------------- parsing


_FRONT_KEY = re.compile(r"^([A-Za-z][\w -]{0,30}):\s*(.*)$")


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    """Parse a ``---`` block at the top; return its fields and where the rest starts."""
    stripped = text.lstrip("\ufeff")
    offset = len(text) - len(stripped)
    if not stripped.startswith("---"):
        return {}, 0
    first_nl = stripped.find("\n")
    if first_nl < 0 or stripped[:first_nl].strip() != "---":
        return {}, 0
    fields: dict[str, str] = {}
    pos = first_nl + 1
    while pos < len(stripped):
        nl = stripped.find("\n", pos)
        line = stripped[pos : nl if nl >= 0 else len(stripped)]
        pos = nl + 1 if nl >= 0 else len(stripped)
        if line.strip() in ("---", "..."):
            return fields, offset + pos
        m = _FRONT_KEY.match(line.strip())
        if m:
            value = m.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields[m.group(1).strip().lower().replace(" ", "_")] = value
        elif line.strip():
            return {}, 0  # not front matter after all
    return {}, 0



def parse_article(
    text: str, *, id: str, path: str | None = None, warnings: tuple[str, ...] = ()
) -> Article:
    """Parse the text of one article (already decoded)."""
    from . import meta
    from .clean import Line, clean_line
    from .segment import split_sentences

    fields, body_start = _front_matter(text)
    lines = []
    pos = body_start
    first_no = text[:body_start].count("\n") + 1
    for no, raw in enumerate(text[body_start:].split("\n"), start=first_no):
        if raw.endswith("\r"):
            raw = raw[:-1]
        lines.append(Line(no, raw, pos, clean_line(raw, pos)))
        pos += len(raw) + 1 + (1 if text[pos + len(raw) : pos + len(raw) + 1] == "\r" else 0)
    header = meta.read_header(lines, fields)
    dropped: list[Dropped] = list(header.dropped)
    blocks = _blocks(lines[header.body_from :], dropped, header)
    body_parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    paragraphs: list[tuple[int, int]] = []
    passages: list[Passage] = []
    offset = 0
    title, derived = header.title, False
    # the headline and the dek open the body as passages of their own (a paragraph each, not
    # split into sentences), so they are aligned and compared like the rest
    for role, line in (("headline", title), ("dek", header.dek)):
        line = " ".join((line or "").split())
        if not line:
            continue
        anchors.extend((offset + c, src) for c, src in _locate(line, text, lines, body_start))
        body_parts.append(line + "\n\n")
        paragraphs.append((offset, offset + len(line)))
        passages.append(Passage(len(passages), line, offset, offset + len(line),
                                len(paragraphs) - 1, role))
        offset += len(line) + 2
    lead = offset
    for block in blocks:
        if offset > lead:
            body_parts.append("\n\n")
            offset += 2
        para_start = offset
        for j, line in enumerate(block):
            if j:
                body_parts.append(" ")
                offset += 1
            anchors.extend((offset + c, s) for c, s in line.anchors)
            body_parts.append(line.text)
            offset += len(line.text)
        paragraphs.append((para_start, offset))
    if len(paragraphs) == len(passages):  # (nothing but a headline and dek)
        body_parts, paragraphs, passages, anchors, lead = [], [], [], [], 0
    body = "".join(body_parts)
    for p_index in range(len(passages), len(paragraphs)):
        ps, pe = paragraphs[p_index]
        for s, e in split_sentences(body[ps:pe]):
            passages.append(Passage(len(passages), body[ps + s : ps + e], ps + s, ps + e, p_index))
    if not title:
        title, derived = _derive_title(passages), True
    return Article(
        id=id,
        title=title,
        title_derived=derived,
        outlet=header.outlet,
        date=header.date,
        url=header.url,
        byline=header.byline,
        dek=header.dek,
        body=body,
        passages=tuple(passages),
        paragraphs=tuple(paragraphs),
        path=path,
        dropped=tuple(dropped),
        warnings=tuple(warnings),
        metadata_source=tuple(header.sources.items()),
        source=text,
        offset_map=tuple(anchors),
    )


def _locate(line: str, text: str, lines: list[Line], body_start: int) -> list[tuple[int, int]]:
    """Anchors ``(offset in line, source offset)`` for a headline or dek ``line`` (its words
    as the header reader gave them): from the file's line that, cleaned, holds it (front
    matter included), else where its raw text is found, else the top of the file."""
    from .clean import clean_line

    for ln in lines:
        if ln.text == line:
            return ln.anchors
    pos = 0
    for raw in text[:body_start].split("\n"):  # (the front matter)
        cleaned, anchors = clean_line(raw, pos)
        at = cleaned.find(line)
        if at >= 0:
            shifted = [(c - at, src) for c, src in anchors if c >= at]
            before = [src for c, src in anchors if c <= at]
            start = before[-1] + at - max(c for c, _src in anchors if c <= at) if before \
                else pos + at
            return [(0, start), *(a for a in shifted if a[0] > 0)]
        pos += len(raw) + 1
    found = text.find(line)
    return [(0, max(found, 0))]


def _derive_title(passages: list[Passage], limit: int = 90) -> str:
    if not passages:
        return "(untitled)"
    first = passages[0].text.rstrip(".")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


_TERMINAL = re.compile(
    r"(?:[.!?\u2026:][\"'\u201d\u2019)\]]*|[\u3002\uff01\uff1f][\u300d\u300f\uff09]*)$"
)


def _blocks(lines: list[Line], dropped: list[Dropped], header: meta.Header) -> list[list[Line]]:
    """Group body lines into paragraphs, dropping boilerplate and joining hard wraps."""
    from . import meta

    blank_separated = meta.uses_blank_lines(lines)
    blocks: list[list[Line]] = []
    current: list[Line] = []
    stopped = False
    for line in lines:
        if not line.text:
            if current:
                blocks.append(current)
                current = []
            continue
        if stopped:
            dropped.append(Dropped("footer", line.text, line.no))
            continue
        kind = meta.boilerplate_kind(line.text)
        if kind:
            if kind in ("comments", "similar"):
                stopped = True
            dropped.append(Dropped(kind, line.text, line.no))
            if current:
                blocks.append(current)
                current = []
            continue
        embed = meta.strip_embed_link(line)
        if embed is not None:
            dropped.append(Dropped("embed-link", embed, line.no))
        if current and not _continues(current[-1], line, blank_separated, meta.OPEN_ENDING):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    return [b for b in blocks if any(ln.text for ln in b)]


def _continues(prev: Line, line: Line, blank_separated: bool, open_ending: frozenset[str]) -> bool:
    """Does ``line`` carry on the paragraph of ``prev`` (a hard wrap)?"""
    if blank_separated:
        return True
    if _TERMINAL.search(prev.text):
        return False
    first = line.text[0]
    return first.islower() or first.isdigit() or first in ",;:)]\u201d\u2019" or (
        prev.text.endswith((",", ";", "\u2014", "-", "\u2013")) or len(prev.text) > 50
        or prev.text.rsplit(None, 1)[-1] in open_ending
    )
