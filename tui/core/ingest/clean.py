"""Line cleaning with an offset map back to the text as loaded.

``clean_line`` removes HTML tags, decodes entities, shows control characters visibly
(``safety.neutralise``), drops zero-width characters and collapses runs of white space, and
returns anchors ``(clean_offset, source_offset)`` so any span of the cleaned text can be mapped
back to the file. A ``Line`` is one line of a file so cleaned, as the loader and ``meta`` read
it.
"""

from __future__ import annotations

import html
import re

from .safety import BIDI_CONTROLS, ZERO_WIDTH, neutralise

_TOKEN = re.compile(
    r"(?P<tag></?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>)"
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<space>[ \t\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+)"
    r"|(?P<zw>[" + ZERO_WIDTH + r"\u00ad])"
    r"|(?P<ctrl>[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + r"])"
)


def clean_line(line: str, source_offset: int) -> tuple[str, list[tuple[int, int]]]:
    """Clean one line; return the text and its ``(clean, source)`` anchors."""
    out: list[str] = []
    anchors: list[tuple[int, int]] = [(0, source_offset)]
    pos = 0
    length = 0
    for m in _TOKEN.finditer(line):
        if m.start() > pos:
            piece = line[pos : m.start()]
            out.append(piece)
            length += len(piece)
        kind = m.lastgroup
        raw = m.group()
        if kind == "tag" or kind == "zw":
            repl = ""
        elif kind == "entity":
            repl = neutralise(html.unescape(raw))
            if repl in (ZERO_WIDTH + "\u00ad"):
                repl = ""
            elif repl.isspace():
                repl = " "
        elif kind == "space":
            repl = " "
        else:
            repl = neutralise(raw)
        if repl != raw:
            out.append(repl)
            # A stand-in longer than what it replaces (``<U+202E>`` for one character): its
            # extra characters map to the end of the original, never past it.
            anchors.extend(
                (length + k, source_offset + m.end()) for k in range(len(raw), len(repl))
            )
            length += len(repl)
            anchors.append((length, source_offset + m.end()))
        else:
            out.append(raw)
            length += len(raw)
        pos = m.end()
    if pos < len(line):
        out.append(line[pos:])
    return "".join(out), anchors


def strip_tags(text: str) -> str:
    """Plain text of a short string with markup (titles, bylines)."""
    cleaned, _ = clean_line(text, 0)
    return cleaned.strip()


class Line:
    """One line of the file: its number, raw text, cleaned text (stripped) and anchors."""

    __slots__ = ("no", "raw", "text", "anchors", "start")

    def __init__(self, no: int, raw: str, start: int, cleaned: tuple[str, list[tuple[int, int]]]):
        self.no = no
        self.raw = raw
        self.start = start
        self.text, self.anchors = cleaned
        stripped = self.text.lstrip()
        lead = len(self.text) - len(stripped)
        if lead:
            self.text = stripped
            self.anchors = [(max(0, c - lead), s) for c, s in self.anchors]
            self.anchors[0] = (0, start + lead)
        self.text = self.text.rstrip()
