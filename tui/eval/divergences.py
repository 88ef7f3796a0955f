"""Divergences against a gold set: what the corpus report finds, and how high it ranks it.

Each gold ``[[divergence]]`` gives, per outlet, the distinguishing words (``key``) and a
snippet locating their sentence (``context``). A reported divergence finds the entry when two
of its forms, from different articles and with different keys, each have their key inside
the words the report gives that article, in the passage holding the context. Each
``[[agreement]]`` is the opposite: figures that differ in form but agree, which must not be
reported as a number divergence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import holds, norm

TOP = 15
"""High-salience entries should be found among this many first divergences of the report."""


@dataclass(frozen=True, slots=True)
class EntryScore:
    what: str
    kind: str
    salience: str
    rank: int | None
    """Where the report shows it (1 = first), None when it does not."""

    def line(self) -> str:
        found = f"found at {self.rank}" if self.rank else "MISSED"
        return f"{found:>12}  [{self.kind}] {self.what}"


@dataclass(frozen=True, slots=True)
class DivergenceScore:
    entries: tuple[EntryScore, ...]
    false_numbers: tuple[str, ...]
    """The agreements the report shows as number divergences (``what`` of each)."""
    reported: int
    top: int = TOP

    @property
    def found(self) -> int:
        return sum(e.rank is not None for e in self.entries)

    @property
    def high(self) -> int:
        return sum(e.salience == "high" for e in self.entries)

    @property
    def high_in_top(self) -> int:
        return sum(e.salience == "high" and e.rank is not None and e.rank <= self.top
                   for e in self.entries)

    def line(self) -> str:
        return (f"divergences: found {self.found}/{len(self.entries)}, high-salience in top "
                f"{self.top} {self.high_in_top}/{self.high}, false number divergences "
                f"{len(self.false_numbers)}, reported {self.reported}")


def score_divergences(gold: dict, corpus, *, threshold: float | None = None,
                      top: int = TOP) -> DivergenceScore:
    """Build the corpus report (as ``parallax divergences --format json``) and score it."""
    from ..core.corpus.report import corpus_report
    from ..core.export import render_report

    data = json.loads(render_report(corpus_report(corpus, threshold=threshold), "json"))
    names = gold.get("articles", {})
    reported = [[(f["article"], norm(f["text"]), f["passage_text"]) for f in d["forms"]]
                for d in data["divergences"]]
    kinds = [d["kind"] for d in data["divergences"]]

    def forms_of(entry: dict) -> list[tuple[str, str, str]]:
        return [(names.get(f["article"], f["article"]), norm(f["key"]), norm(f["context"]))
                for f in entry["form"]]

    def shown(form, forms_r) -> bool:
        return any(r[0] == form[0] and form[1] in r[1] and holds(r[2], form[2])
                   for r in forms_r)

    def found_at(entry: dict) -> int | None:
        forms = forms_of(entry)
        for rank, forms_r in enumerate(reported, 1):
            for x in forms:
                for y in forms:
                    if x[0] != y[0] and x[1] != y[1] and shown(x, forms_r) and shown(y, forms_r):
                        return rank
        return None

    entries = tuple(EntryScore(e["what"], e["kind"], e["salience"], found_at(e))
                    for e in gold.get("divergence", []))
    false_numbers = []
    for entry in gold.get("agreement", []):
        forms = forms_of(entry)
        for kind, forms_r in zip(kinds, reported, strict=True):
            if kind != "number":
                continue
            articles = {f[0] for f in forms for r in forms_r
                        if r[0] == f[0] and f[1] in r[1] and holds(r[2], f[2])}
            if len(articles) >= 2:
                false_numbers.append(entry["what"])
    return DivergenceScore(entries, tuple(false_numbers), len(reported), top)
