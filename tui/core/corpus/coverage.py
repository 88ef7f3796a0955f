"""Coverage within a story: which articles carry each passage, and the story's facts.

Every pair of the story's articles is aligned once (``align_story``: alignment only, no
divergences, with the corpus's word weights). A passage of article X is *carried* by article
Y when it is in some link of the alignment of X with Y (``carried``); "4/5" means that four
of the story's five articles report it (X and three others).

Facts (``facts``) gather each passage with its counterparts across the story: the links of
every pair make a graph of passages, and facts are grown from its edges, strongest link
first, like connected components with one guard against chaining. Two groups joining would
put two passages of one article X in one fact: that is allowed only when the two share a
direct counterpart (X tells in two sentences, or twice, what another article tells in one).
Otherwise the weaker edge is left out: a quote that one article puts beside a second fact,
linked to each by different outlets, does not fuse the two facts. A passage no other article
carries is a fact of its own (one outlet's own reporting). Facts are sorted by how many
articles carry them (all first), then by where they stand in the articles (their passages'
mean relative position).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..align.linker import align, corpus_background, gc_paused
from ..model import Article, Comparison, Corpus
from ..reports import CorpusDivergence, Fact, Story, StoryReport

Pairs = Mapping[tuple[str, str], Comparison]
"""``(x.id, y.id)``, x before y in the story's order -> their alignment."""


def story_articles(corpus: Corpus, story: Story) -> tuple[Article, ...]:
    """The articles of ``story`` (those still in ``corpus``), in the story's order."""
    found = (corpus.get(aid) for aid in story.articles)
    return tuple(a for a in found if a is not None)


def align_story(
    articles: tuple[Article, ...], *, background=None, threshold: float | None = None,
    progress: Callable[[int, int], None] | None = None, known: Pairs | None = None,
) -> dict[tuple[str, str], Comparison]:
    """Align every pair of ``articles`` (alignment only); pairs already in ``known`` are
    reused. ``progress(done, total)`` after each pair."""
    jobs = [(x, y) for n, x in enumerate(articles) for y in articles[n + 1:]]
    out: dict[tuple[str, str], Comparison] = {}
    with gc_paused():
        for done, (x, y) in enumerate(jobs, 1):
            key = (x.id, y.id)
            found = known.get(key) if known is not None else None
            out[key] = found if found is not None else align(
                x, y, threshold=threshold, background=background)
            if progress is not None:
                progress(done, len(jobs))
    return out


def _linked(comparison: Comparison, side: int) -> set[int]:
    return {p for link in comparison.links for p in (link.a if side == 0 else link.b)}


def carried(articles: tuple[Article, ...], pairs: Pairs) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Per article, per passage: the other articles whose alignment with it links the passage
    (in the story's order)."""
    found: list[list[list[str]]] = [[[] for _ in a.passages] for a in articles]
    for n, x in enumerate(articles):
        for m, y in enumerate(articles):
            if m <= n:
                continue
            comparison = pairs.get((x.id, y.id))
            if comparison is None:
                continue
            for p in _linked(comparison, 0):
                if p < len(found[n]):
                    found[n][p].append(y.id)
            for q in _linked(comparison, 1):
                if q < len(found[m]):
                    found[m][q].append(x.id)
    order = {a.id: n for n, a in enumerate(articles)}
    return tuple(tuple(tuple(sorted(ids, key=order.__getitem__)) for ids in per)
                 for per in found)


Node = tuple[int, int]
"""(article position in the story, passage index)."""


def facts(articles: tuple[Article, ...], pairs: Pairs) -> tuple[Fact, ...]:
    """The story's facts, most widely carried first (see the module's docstring)."""
    edges: dict[tuple[Node, Node], float] = {}
    order = {a.id: n for n, a in enumerate(articles)}
    for (xid, yid), comparison in pairs.items():
        if xid not in order or yid not in order:
            continue
        n, m = order[xid], order[yid]
        for link in comparison.links:
            for p in link.a:
                for q in link.b:
                    edge = ((n, p), (m, q)) if n < m else ((m, q), (n, p))
                    edges[edge] = max(edges.get(edge, 0.0), link.score)
    near: dict[Node, set[Node]] = {}
    for u, v in edges:
        near.setdefault(u, set()).add(v)
        near.setdefault(v, set()).add(u)
    parent: dict[Node, Node] = {}
    groups: dict[Node, dict[int, set[int]]] = {}

    def root(u: Node) -> Node:
        if u not in parent:
            parent[u] = u
            groups[u] = {u[0]: {u[1]}}
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for (u, v), _score in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        ru, rv = root(u), root(v)
        if ru == rv or not _may_join(groups[ru], groups[rv], near):
            continue
        keep, gone = min(ru, rv), max(ru, rv)
        parent[gone] = keep
        for art, passages in groups.pop(gone).items():
            groups[keep].setdefault(art, set()).update(passages)
    for n, article in enumerate(articles):  # passages no other article carries
        for p in range(article.lead_paragraphs, len(article.passages)):  # (the body's)
            root((n, p))
    made = [_fact(group, articles) for group in groups.values()]
    made.sort(key=lambda f: (-len(f[1].passages), f[0], f[2]))
    return tuple(fact for _, fact, _ in made)


def _may_join(a: dict[int, set[int]], b: dict[int, set[int]], near: dict[Node, set[Node]]
              ) -> bool:
    """True when no article would have in the joined fact two passages that do not share a
    direct counterpart."""
    for art in a.keys() & b.keys():
        for p in a[art]:
            for q in b[art]:
                if p != q and not near.get((art, p), set()) & near.get((art, q), set()):
                    return False
    return True


def _fact(group: dict[int, set[int]], articles: tuple[Article, ...]
          ) -> tuple[float, Fact, tuple[int, int]]:
    positions = [p / max(1, len(articles[art].passages)) for art, ps in group.items() for p in ps]
    first = min((art, min(ps)) for art, ps in group.items())
    fact = Fact(passages=tuple((articles[art].id, tuple(sorted(group[art])))
                               for art in sorted(group)))
    return sum(positions) / len(positions), fact, first


def story_report(
    corpus: Corpus, story: Story, *, pairs: Pairs | None = None,
    divergences: tuple[CorpusDivergence, ...] = (), background=None,
    progress: Callable[[int, int], None] | None = None,
) -> StoryReport:
    """The story laid out: its articles, who carries each passage, its facts. ``pairs`` (from
    ``align_story``) are aligned here when not given, with the corpus's word weights."""
    articles = story_articles(corpus, story)
    if pairs is None:
        if background is None and len(corpus.articles) > 1:
            background = corpus_background(corpus.articles)
        pairs = align_story(articles, background=background, progress=progress)
    return StoryReport(story=story, articles=articles, carried=carried(articles, pairs),
                       facts=facts(articles, pairs), divergences=divergences)
