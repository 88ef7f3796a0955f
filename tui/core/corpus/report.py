"""The corpus-wide divergence report: one entry per divergence, listing each outlet's form.

1. Related pairs are chosen by measured overlap: cheap signatures first (``related``), then a
   full comparison (``tui.core.pipeline.compare``: alignment, then divergences), with the
   corpus background, of the pairs above the signature cutoff; a pair stays related when its
   comparison links enough of it.
2. The divergences of every related pair are grouped: the same ``key`` (one person's office,
   one group's label, one person's spelling) or the same words of one article (a figure, a
   quotation) found against several outlets make one entry.
3. An omission is kept only for a passage that no related article reports.
4. Entries are ordered by salience, then by how many outlets they involve, then by kind.

``corpus_report(corpus, only=ids)`` and ``story_divergences`` keep the report to the related
pairs of some articles (a story's), chosen and weighed as in the whole corpus.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from ..align.linker import corpus_background
from ..ingest.meta import outlet_label
from ..model import DIVERGENCE_KINDS, Article, Corpus, Divergence, outlet_known, title_label
from ..pipeline import compare
from ..reports import CorpusDivergence, DivergenceReport, Form
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
PARALLEL_PAIRS = 150
"""With at least this many pairs to compare, comparisons run in worker processes."""
MAX_WORKERS = 8
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


@dataclass(frozen=True, slots=True)
class _Pair:
    """What the report keeps of one comparison (small enough to come back from a worker)."""

    a: str
    b: str
    overlap: float
    links: int
    linked_a: frozenset[int]
    linked_b: frozenset[int]
    divergences: tuple[Divergence, ...]


def corpus_report(
    corpus: Corpus, *, progress: Callable[[int, int], None] | None = None,
    threshold: float | None = None, only: Collection[str] | None = None,
) -> DivergenceReport:
    """Divergences across every related pair of articles of ``corpus``.

    With ``only`` (article ids: a story's), the report keeps to the related pairs of those
    articles, chosen and weighed as in the whole corpus's report.
    """
    candidates = related_pairs(corpus, cutoff=SIGNATURE_CUTOFF, relative=RELATIVE_CUTOFF)
    background = corpus_background(corpus.articles) if len(corpus.articles) > 1 else None
    return _report(corpus, candidates, only, threshold, background, progress)


def story_divergences(
    corpus: Corpus, groups: Sequence[Collection[str]], *,
    progress: Callable[[int, int], None] | None = None, threshold: float | None = None,
) -> list[tuple[CorpusDivergence, ...]]:
    """The divergences of each group of articles (a story), as ``corpus_report(corpus,
    only=group)`` gives them, with the related pairs and word weights measured once."""
    candidates = related_pairs(corpus, cutoff=SIGNATURE_CUTOFF, relative=RELATIVE_CUTOFF)
    background = corpus_background(corpus.articles) if len(corpus.articles) > 1 else None
    kept = [[c for c in candidates if c[0] in ids and c[1] in ids]
            for ids in (set(g) for g in groups)]
    total, done = sum(map(len, kept)), 0
    out = []
    for group, pairs in zip(groups, kept, strict=True):
        def step(n: int, _total: int, base: int = done) -> None:
            if progress is not None:
                progress(base + n, total)

        out.append(_report(corpus, pairs, group, threshold, background, step).divergences)
        done += len(pairs)
    return out


def _report(corpus, candidates, only, threshold, background, progress) -> DivergenceReport:
    articles = {a.id: a for a in corpus.articles}
    if only is not None:
        keep = set(only)
        candidates = [c for c in candidates if c[0] in keep and c[1] in keep]
        articles = {aid: a for aid, a in articles.items() if aid in keep}
    results = _compare_all(corpus, candidates, threshold, background, progress)
    pairs = [r for r, (_a, _b, sig) in zip(results, candidates, strict=True)
             if sig >= SURE_SIGNATURE or r.overlap >= MIN_ALIGNED or r.links >= 2]
    items = _items(pairs, articles)
    groups = _group(items)
    order = {aid: n for n, aid in enumerate(articles)}
    names = short_names(articles.values())
    entries = [_entry(g, order, names) for g in groups]
    entries.sort(key=lambda e: (-e.salience, -len({f.article for f in e.forms}),
                                KIND_ORDER.get(e.kind, 99), e.what))
    return DivergenceReport(articles=tuple(articles.values()), divergences=tuple(entries),
                            related=tuple((r.a, r.b, r.overlap) for r in pairs))


# ----------------------------------------------------------------------------- comparing


_WORKER: dict[str, object] = {}


def _pair(a: Article, b: Article, threshold, background) -> _Pair:
    c = compare(a, b, threshold=threshold, background=background)
    return _Pair(a.id, b.id, (c.aligned_share_a + c.aligned_share_b) / 2, len(c.links),
                 frozenset(p for link in c.links for p in link.a),
                 frozenset(p for link in c.links for p in link.b), c.divergences)


def _init_worker(articles, threshold, background) -> None:
    _WORKER["articles"] = {a.id: a for a in articles}
    _WORKER["threshold"] = threshold
    _WORKER["background"] = background


def _work(job: tuple[int, str, str]) -> tuple[int, _Pair]:
    n, aid, bid = job
    found = _WORKER["articles"]
    return n, _pair(found[aid], found[bid], _WORKER["threshold"], _WORKER["background"])


def _compare_all(corpus, candidates, threshold, background, progress) -> list[_Pair]:
    """Compare every candidate pair, in worker processes when there are many (results in
    candidate order, whatever order they finish in)."""
    total = len(candidates)
    workers = min(MAX_WORKERS, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                  else os.cpu_count() or 1)
    if workers > 1 and total >= PARALLEL_PAIRS and _can_fork() \
            and os.environ.get("PARALLAX_NO_WORKERS") != "1":
        try:
            return _compare_parallel(corpus, candidates, threshold, background, progress,
                                     workers)
        except (OSError, RuntimeError, ImportError, pickle.PicklingError):
            pass  # no processes here (a sandbox, a frozen app): compare in this one
    articles = {a.id: a for a in corpus.articles}
    out = []
    for done, (aid, bid, _sig) in enumerate(candidates, 1):
        out.append(_pair(articles[aid], articles[bid], threshold, background))
        if progress is not None:
            progress(done, total)
    return out


def _can_fork() -> bool:
    """Worker processes are forked, and only from a process with no other thread running
    (forking beside the reader's worker threads is unsafe, and spawning would re-run the
    command line's entry module)."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _compare_parallel(corpus, candidates, threshold, background, progress, workers):
    context = multiprocessing.get_context("fork")
    jobs = [(n, aid, bid) for n, (aid, bid, _sig) in enumerate(candidates)]
    results: dict[int, _Pair] = {}
    with context.Pool(workers, initializer=_init_worker,
                      initargs=(corpus.articles, threshold, background)) as pool:
        for n, pair in pool.imap_unordered(_work, jobs, chunksize=8):
            results[n] = pair
            if progress is not None:
                progress(len(results), len(jobs))
    return [results[n] for n in range(len(jobs))]


# ----------------------------------------------------------------------------- grouping


def _form(article: Article, passage: int | None, text: str, span) -> Form | None:
    if passage is None or not text:
        return None
    return Form(article=article.id, passage=passage,
                passage_text=article.passages[passage].text, text=text,
                span=tuple(span) if span else None)


def _items(pairs: list[_Pair], articles: dict[str, Article]) -> list[_Item]:
    linked: dict[str, set[int]] = {}
    for r in pairs:
        linked.setdefault(r.a, set()).update(r.linked_a)
        linked.setdefault(r.b, set()).update(r.linked_b)
    items: list[_Item] = []
    omitted: set[tuple[str, int]] = set()
    for r in pairs:
        a, b = articles[r.a], articles[r.b]
        for d in r.divergences:
            if d.kind == "omission":
                item = _omission(a, b, d, linked, omitted)
                if item is not None:
                    items.append(item)
                continue
            forms = [f for f in (_form(a, d.a_passage, d.a_text, d.a_span),
                                 _form(b, d.b_passage, d.b_text, d.b_span)) if f]
            if forms:
                items.append(_Item(d.kind, d.key, d.topic, d.note, d.salience, forms,
                                   (r.a, r.b)))
    return items


def _omission(a: Article, b: Article, d: Divergence, linked, omitted) -> _Item | None:
    article, passage = (a, d.a_passage) if d.a_passage is not None else (b, d.b_passage)
    if passage is None or passage in linked.get(article.id, set()):
        return None  # some related article reports it
    if (article.id, passage) in omitted:
        return None
    omitted.add((article.id, passage))
    text = article.passages[passage].text
    form = Form(article=article.id, passage=passage, passage_text=text, text=text,
                span=(article.passages[passage].start, article.passages[passage].end))
    return _Item("omission", d.key, d.topic, d.note, d.salience, [form], (a.id, b.id))


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


def _entry(group: _Group, order: dict[str, int], names: dict[str, str]) -> CorpusDivergence:
    items = sorted(group.items, key=lambda i: -i.salience)
    top = items[0]
    forms: list[Form] = []
    for item in items:
        for f in item.forms:
            if not any(g.article == f.article and g.passage == f.passage
                       and (g.text == f.text or _same_words(g.span, f.span)) for g in forms):
                forms.append(f)
    forms.sort(key=lambda f: (order.get(f.article, 1 << 30), f.passage))
    pairs = tuple(dict.fromkeys(i.pair for i in items))
    outlets = len({f.article for f in forms})
    salience = min(1.0, top.salience + 0.01 * max(0, outlets - 2))
    return CorpusDivergence(kind=top.kind, what=_what(top, forms, names),
                            salience=round(salience, 3), forms=tuple(forms), pairs=pairs)


def _what(top: _Item, forms: list[Form], names: dict[str, str]) -> str:
    if top.kind == "omission":
        name = names.get(forms[0].article, forms[0].article)
        return top.note.replace("Only A reports", f"Only {name} reports").replace(
            "Only B reports", f"Only {name} reports")
    wordings: dict[str, list[str]] = {}
    for f in forms:
        text = " ".join(f.text.split())
        label = names.get(f.article, f.article)
        told = wordings.setdefault(text if len(text) <= 60 else text[:57] + "\u2026", [])
        if label not in told:
            told.append(label)
    parts = [f"'{text}' ({', '.join(told)})" for text, told in wordings.items()]
    topic = top.topic or top.kind.capitalize()
    return f"{topic}: " + " vs ".join(parts)


def short_names(articles, width: int = 32) -> dict[str, str]:
    """Article id -> a short name a reader recognises: the outlet (with an agency byline),
    then with the date if the outlet has several articles; the opening words of the title
    when the outlet is unknown (at most ``width`` characters of it); the id when nothing else
    tells the article apart."""
    labels = {a.id: _labels(a, width) for a in articles}
    counts = Counter(label for options in labels.values() for label in set(options))
    return {aid: next((label for label in options if label and counts[label] == 1), aid)
            for aid, options in labels.items()}


def _labels(article: Article, width: int) -> tuple[str, ...]:
    outlet = article.outlet
    if not outlet_known(outlet):
        return (title_label(article.title, width),)
    outlet = outlet_label(article)
    return (outlet, f"{outlet}, {article.date}") if article.date else (outlet,)
