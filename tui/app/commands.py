"""Command palette providers: every key of the current screen, and article pairs to compare.

Article titles are untrusted, so hits are built as plain ``Content`` (Textual's
``Matcher.highlight`` parses its candidate as markup) and highlighted by offset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from ..core.model import DIVERGENCE_KINDS
from .messages import OpenCompare, OpenDivergences

MAX_PAIRS = 200


def highlight(matcher: Matcher, text: str) -> Content:
    """``text`` as plain content with the characters the query matched styled."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class _Commands(Provider):
    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for text, command, help_text in self.commands():
            yield DiscoveryHit(Content(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), command, text=text, help=help_text)


class ScreenActionsProvider(_Commands):
    """Every action bound on the current screen, under its description."""

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        screen = self.screen
        seen: set[tuple[str, str]] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.system or not active.enabled:
                continue
            if (binding.action, binding.description) in seen:
                continue
            seen.add((binding.action, binding.description))
            command = partial(self.app.run_action, binding.action, active.node)
            yield binding.description, command, f"key: {self.app.get_key_display(binding)}"
        kinds = list(DIVERGENCE_KINDS)
        if hasattr(screen, "next_of_kind") and getattr(screen, "comparison", None):
            present = screen.comparison.divergence_counts()
            for kind in kinds:
                if kind in present:
                    yield (f"Next {kind} divergence", partial(screen.next_of_kind, kind),
                           f"{present[kind]} in this pair; n/N then visit this kind only")
        if hasattr(screen, "set_kind"):
            yield "Show every kind of divergence", partial(screen.set_kind, None), ""
            for kind in kinds:
                yield f"Show {kind} divergences only", partial(screen.set_kind, kind), ""


class ArticlePairsProvider(_Commands):
    """Open a comparison of two articles (the most overlapping pairs first)."""

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = self.app
        corpus = getattr(app, "corpus", None)
        yield "Corpus divergences", partial(app.post_message, OpenDivergences()), \
            "Every divergence of the corpus, most salient first"
        if corpus is None:
            return
        overlap = getattr(app, "overlap", None) or {}
        articles = corpus.articles
        pairs = [
            (overlap.get((a.id, b.id), 0.0), a, b)
            for n, a in enumerate(articles) for b in articles[n + 1:]
        ] if len(articles) <= 60 else [
            (value, corpus.get(a), corpus.get(b)) for (a, b), value in overlap.items() if a < b
        ]
        pairs.sort(key=lambda item: -item[0])
        for value, a, b in pairs[:MAX_PAIRS]:
            if a is None or b is None:
                continue
            text = f"Compare {a.outlet} \u2194 {b.outlet}: {a.title[:50]}"
            yield text, partial(app.post_message, OpenCompare(a.id, b.id)), \
                f"overlap {value:.0%} \u00b7 {a.id} \u2194 {b.id}"
