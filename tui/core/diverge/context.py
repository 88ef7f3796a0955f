"""What every divergence finder needs about one comparison, computed once.

``Context(comparison)`` holds both articles, their quotation spans, which link holds each
passage, and (when first asked) the mentions of people and groups; ``Context.make`` builds a
``Divergence`` from two body spans, trimmed and placed in their passages and link.
"""

from __future__ import annotations

from bisect import bisect_right

from ..model import Comparison, Divergence
from .common import article_cache, phrase, words
from .descriptors import Descriptor, descriptors
from .mentions import Mention, mentions
from .quotations import quote_spans


@article_cache
def _plain(article) -> str:
    return " " + " ".join(words(article.body)) + " "


class Context:
    """What every finder needs about one comparison, computed once."""

    def __init__(self, comparison: Comparison) -> None:
        self.c = comparison
        self.a, self.b = comparison.a, comparison.b
        self.quotes_a = quote_spans(self.a)
        self.quotes_b = quote_spans(self.b)
        self.link_a = comparison.link_of_a()
        self.link_b = comparison.link_of_b()
        self._starts_a = [p.start for p in self.a.passages]
        self._starts_b = [p.start for p in self.b.passages]
        self._mentions: tuple[list[Mention], list[Mention]] | None = None
        self._descriptors: tuple[list[Descriptor], list[Descriptor]] | None = None
        self._agreement: dict[int, float] = {}

    def agreement(self, n: int) -> float:
        """Share of the shorter side of link ``n`` whose words are the same on both sides
        (up to case, punctuation or spelling): how closely the two passages agree."""
        found = self._agreement.get(n)
        if found is None:
            ops = self.c.links[n].ops
            same = sum(len(words(o.a_text)) for o in ops if o.op == "equal" or o.soft)
            na = sum(len(words(o.a_text)) for o in ops)
            nb = sum(len(words(o.b_text)) for o in ops)
            found = self._agreement[n] = same / max(1, min(na, nb))
        return found

    @property
    def plain_a(self) -> str:
        """A's words, folded, one space apart and around (to look for a phrase in)."""
        return _plain(self.a)

    @property
    def plain_b(self) -> str:
        return _plain(self.b)

    @property
    def descriptors(self) -> tuple[list[Descriptor], list[Descriptor]]:
        if self._descriptors is None:
            self._descriptors = (descriptors(self.a), descriptors(self.b))
        return self._descriptors

    @property
    def mentions(self) -> tuple[list[Mention], list[Mention]]:
        if self._mentions is None:
            self._mentions = (mentions(self.a), mentions(self.b))
        return self._mentions

    def passage_a(self, offset: int) -> int | None:
        return _at(self._starts_a, offset)

    def passage_b(self, offset: int) -> int | None:
        return _at(self._starts_b, offset)

    def linked(self, pa: int | None, pb: int | None) -> int | None:
        la = self.link_a.get(pa) if pa is not None else None
        return la if la is not None and la == self.link_b.get(pb) else None

    def phrases(self, a_span, b_span) -> tuple[tuple[int, int], tuple[int, int], str, str]:
        """Two spans carried on to the whole phrases they are part of (``common.phrase``),
        with their texts."""
        pa = self.a.passages[self.passage_a(a_span[0])]
        pb = self.b.passages[self.passage_b(b_span[0])]
        a_span = phrase(self.a.body, *trim(self.a.body, a_span), pa.start, pa.end)
        b_span = phrase(self.b.body, *trim(self.b.body, b_span), pb.start, pb.end)
        return a_span, b_span, self.a.body[slice(*a_span)], self.b.body[slice(*b_span)]

    def make(self, kind: str, note: str, salience: float, a_span, b_span, *,
             key: str = "", topic: str = "", link: int | None = None) -> Divergence:
        a_span = trim(self.a.body, a_span) if a_span else None
        b_span = trim(self.b.body, b_span) if b_span else None
        pa = self.passage_a(a_span[0]) if a_span else None
        pb = self.passage_b(b_span[0]) if b_span else None
        if link is None:
            link = self.linked(pa, pb)
        return Divergence(
            kind=kind, note=note, salience=round(min(1.0, salience), 3), link=link,
            a_passage=pa, b_passage=pb,
            a_text=self.a.body[a_span[0] : a_span[1]] if a_span else "",
            b_text=self.b.body[b_span[0] : b_span[1]] if b_span else "",
            a_span=a_span, b_span=b_span, key=key, topic=topic,
        )


def _at(starts: list[int], offset: int) -> int | None:
    if not starts:
        return None
    return max(0, bisect_right(starts, offset) - 1)


def trim(body: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and (body[s].isspace() or body[s] in ",;:"):
        s += 1
    while e > s and (body[e - 1].isspace() or body[e - 1] in ",;:"):
        e -= 1
    return s, e
