"""Pure helpers of the passage panes: wrapping by terminal cells, marks, gutter markers.

No Textual here, so the navigation logic and the tests can use them directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

PAIR_COLOURS = 8
"""Number of ``align--pair-N`` component classes (link colours cycle through them; the HTML
export uses the same eight)."""

KIND_MARKERS = {
    "number": "#",
    "title": "T",
    "name": "N",
    "quote": "\u201c",
    "framing": "F",
    "wording": "~",
    "omission": "\u2205",
}
"""Gutter marker per divergence kind (the help screen lists them)."""

SPACES = str.maketrans("\t\n\r\v\f", "     ")
"""White space shown as one space each (offsets stay the same)."""

_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled span of an article body: ``kind`` names a component class (``diff--changed``)."""

    start: int
    end: int
    kind: str


@lru_cache(maxsize=65536)
def wrap_starts(text: str, width: int) -> tuple[int, ...]:
    """Offsets where each wrapped line of ``text`` starts: greedy, measured in terminal cells
    (wide characters count two), words longer than a line folded, white space never starting
    a line."""
    width = max(1, width)
    starts = [0]
    col = 0
    for match in _WORD.finditer(text):
        start = match.start()
        word = match.group()
        bare = word.rstrip()
        size = cell_len(bare)
        if col and col + size > width:
            starts.append(start)
            col = 0
        if size > width:  # fold a word longer than the line
            for offset, char in enumerate(bare, start):
                w = cell_len(char)
                if col and col + w > width:
                    starts.append(offset)
                    col = 0
                col += w
        else:
            col += size
        col = min(width, col + len(word) - len(bare))
    return tuple(starts)
