"""The corpus-wide divergence report: one entry per divergence, listing each outlet's form.

1. Related pairs are chosen by measured overlap: cheap signatures first (``related``), then a
   full comparison, with the corpus background, of the pairs above the signature cutoff; a
   pair stays related when its comparison links enough of it.
2. The divergences of every related pair are grouped: the same ``key`` (one person's office,
   one group's label, one person's spelling) or the same words of one article (a figure, a
   quotation) found against several outlets make one entry.
3. An omission is kept only for a passage that no related article reports.
4. Entries are ordered by salience, then by how many outlets they involve, then by kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .align import compare, corpus_background
from .model import (
    DIVERGENCE_KINDS,
    Article,
    Comparison,
    Corpus,
    CorpusDivergence,
    Divergence,
    DivergenceReport,
    Form,
)
from .related import RELATED_CUTOFF, related_pairs

SIGNATURE_CUTOFF = RELATED_CUTOFF * 0.6
"""Pairs below this signature overlap are never compared in full."""
SURE_SIGNATURE = 0.18
"""Pairs at or above this signature overlap are related whatever the alignment links
(measured: pairs of one story from 0.09, of different stories up to 0.14)."""
MIN_ALIGNED = 0.1
"""A compared pair is related when this share of its passages (mean of both sides) is
linked, or when two or more of its passages are."""
RELATIVE_CUTOFF = 0.35
"""An article is compared with partners scoring at least this share of its best partner's
signature overlap (a story's own outlets score far above stories that merely share a
topic)."""
KIND_ORDER = {k: n for n, k in enumerate(DIVERGENCE_KINDS)}


@dataclass(slots=True)
class _Item:
    kind: str
    key: str
    topic: str
    note: str
    salience: float
    forms: list[Form]
    pair: tuple[str, str]


@dataclass(slots=True)
class _Group:
    items: list[_Item] = field(default_factory=list)


def corpus_report(
    corpus: Corpus, *, progress: Callable[[int, int], None] | None = None,
    threshold: float | None = None,
) -> DivergenceReport:
    """Divergences across every related pair of articles of ``corpus``."""
    articles = {a.id: a for a in corpus.articles}
    candidates = related_pairs(corpus, cutoff=SIGNATURE_CUTOFF, relative=RELATIVE_CUTOFF)
    background = corpus_background(corpus.articles) if len(corpus.articles) > 1 else None
    comparisons: list[Comparison] = []
    related: list[tuple[str, str, float]] = []
    total = len(candidates)
    for done, (aid, bid, sig) in enumerate(candidates, 1):
        c = compare(articles[aid], articles[bid], threshold=threshold, background=background)
        overlap = (c.aligned_share_a + c.aligned_share_b) / 2
        if sig >= SURE_SIGNATURE or overlap >= MIN_ALIGNED or len(c.links) >= 2:
            comparisons.append(c)
            related.append((aid, bid, overlap))
        if progress is not None:
            progress(done, total)
    items = _items(comparisons)
    groups = _group(items)
    entries = [_entry(g, articles) for g in groups]
    entries.sort(key=lambda e: (-e.salience, -len({f.article for f in e.forms}),
                                KIND_ORDER.get(e.kind, 99), e.what))
    return DivergenceReport(articles=corpus.articles, divergences=tuple(entries),
                            related=tuple(related))


def _form(article: Article, passage: int | None, text: str, span) -> Form | None:
    if passage is None or not text:
        return None
    return Form(article=article.id, passage=passage,
                passage_text=article.passages[passage].text, text=text,
                span=tuple(span) if span else None)


def _items(comparisons: list[Comparison]) -> list[_Item]:
    linked: dict[str, set[int]] = {}
    for c in comparisons:
        linked.setdefault(c.a.id, set()).update(p for link in c.links for p in link.a)
        linked.setdefault(c.b.id, set()).update(p for link in c.links for p in link.b)
    items: list[_Item] = []
    omitted: set[tuple[str, int]] = set()
    for c in comparisons:
        for d in c.divergences:
            if d.kind == "omission":
                item = _omission(c, d, linked, omitted)
                if item is not None:
                    items.append(item)
                continue
            forms = [f for f in (_form(c.a, d.a_passage, d.a_text, d.a_span),
                                 _form(c.b, d.b_passage, d.b_text, d.b_span)) if f]
            if forms:
                items.append(_Item(d.kind, d.key, d.topic, d.note, d.salience, forms,
                                   (c.a.id, c.b.id)))
    return items


def _omission(c: Comparison, d: Divergence, linked, omitted) -> _Item | None:
    article, passage = (c.a, d.a_passage) if d.a_passage is not None else (c.b, d.b_passage)
    if passage is None or passage in linked.get(article.id, set()):
        return None  # some related article reports it
    if (article.id, passage) in omitted:
        return None
    omitted.add((article.id, passage))
    text = article.passages[passage].text
    form = Form(article=article.id, passage=passage, passage_text=text, text=text,
                span=(article.passages[passage].start, article.passages[passage].end))
    return _Item("omission", d.key, d.topic, d.note, d.salience, [form], (c.a.id, c.b.id))


def _group(items: list[_Item]) -> list[_Group]:
    """Union the items that share a key, or the same words of one article."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    by_key: dict[tuple[str, str], int] = {}
    by_form: dict[tuple[str, str, int], list[tuple[int, tuple[int, int] | None]]] = {}
    for n, item in enumerate(items):
        if item.key and item.kind != "omission":
            first = by_key.setdefault((item.kind, item.key), n)
            union(first, n)
        for f in item.forms:
            bucket = by_form.setdefault((item.kind, f.article, f.passage), [])
            for m, span in bucket:
                if _same_words(span, f.span):
                    union(m, n)
            bucket.append((n, f.span))
    groups: dict[int, _Group] = {}
    for n, item in enumerate(items):
        groups.setdefault(find(n), _Group()).items.append(item)
    return [groups[k] for k in sorted(groups)]


def _same_words(x, y) -> bool:
    if x is None or y is None:
        return False
    if x == y:
        return True
    overlap = min(x[1], y[1]) - max(x[0], y[0])
    longer = max(x[1] - x[0], y[1] - y[0])
    return longer > 0 and overlap >= 0.8 * longer


def _entry(group: _Group, articles: dict[str, Article]) -> CorpusDivergence:
    items = sorted(group.items, key=lambda i: -i.salience)
    top = items[0]
    forms: list[Form] = []
    for item in items:
        for f in item.forms:
            if not any(g.article == f.article and g.passage == f.passage
                       and (g.text == f.text or _same_words(g.span, f.span)) for g in forms):
                forms.append(f)
    order = {a: n for n, a in enumerate(articles)}
    forms.sort(key=lambda f: (order.get(f.article, 1 << 30), f.passage))
    pairs = tuple(dict.fromkeys(i.pair for i in items))
    outlets = len({f.article for f in forms})
    salience = min(1.0, top.salience + 0.01 * max(0, outlets - 2))
    return CorpusDivergence(kind=top.kind, what=_what(top, forms, articles),
                            salience=round(salience, 3), forms=tuple(forms), pairs=pairs)


def _what(top: _Item, forms: list[Form], articles: dict[str, Article]) -> str:
    if top.kind == "omission":
        name = _outlet(articles, forms[0].article)
        return top.note.replace("Only A reports", f"Only {name} reports").replace(
            "Only B reports", f"Only {name} reports")
    wordings: dict[str, list[str]] = {}
    for f in forms:
        text = " ".join(f.text.split())
        label = _outlet(articles, f.article)
        names = wordings.setdefault(text if len(text) <= 60 else text[:57] + "\u2026", [])
        if label not in names:
            names.append(label)
    parts = [f"'{text}' ({', '.join(names)})" for text, names in wordings.items()]
    topic = top.topic or top.kind.capitalize()
    return f"{topic}: " + " vs ".join(parts)


def _outlet(articles: dict[str, Article], article_id: str) -> str:
    article = articles.get(article_id)
    if article is None:
        return article_id
    same = [a for a in articles.values() if a.outlet == article.outlet]
    if article.outlet and not article.outlet.lower().startswith("unknown") and len(same) == 1:
        return article.outlet
    return article_id
