"""Alignment against a gold set: recall of its sure links, precision of the predicted links.

Each gold link names a passage of article ``a`` (by a snippet ``sa`` it contains) and one of
``b`` that report the same thing, ``kind`` "sure" (a careful reader always links them) or
"possible" (linking them is no error). A predicted link matches a gold link when it holds a
passage of each side of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import article_of, holds

WEIGHTS = ("corpus", "pair")
"""``corpus``: words weighed over the corpus, as the reader, ``parallax compare ID ID`` and
``parallax compare A B --corpus DIR`` compare; ``pair``: over the two articles alone, as
``parallax compare FILE FILE`` does."""


@dataclass(frozen=True, slots=True)
class PairScore:
    a: str
    b: str
    sure: int
    sure_found: int
    predicted: int
    predicted_right: int
    missed: tuple[str, ...] = ()
    """The sure links not found, each as ``"sa / sb"`` (the gold's snippets)."""
    wrong: tuple[str, ...] = ()
    """The predicted links matching no gold link, each as the opening words of both sides."""
    unplaced: tuple[str, ...] = ()
    """Gold snippets found in no passage (a gold file out of step with its corpus)."""

    def line(self) -> str:
        return (f"{self.a}~{self.b}: sure found {self.sure_found}/{self.sure}, "
                f"predicted links right {self.predicted_right}/{self.predicted}")


@dataclass(frozen=True, slots=True)
class AlignmentScore:
    pairs: tuple[PairScore, ...]
    threshold: float | None
    weights: str

    @property
    def recall(self) -> float:
        sure = sum(p.sure for p in self.pairs)
        return sum(p.sure_found for p in self.pairs) / sure if sure else 1.0

    @property
    def precision(self) -> float:
        predicted = sum(p.predicted for p in self.pairs)
        return sum(p.predicted_right for p in self.pairs) / predicted if predicted else 0.0

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (f"alignment: recall {self.recall:.3f} precision {self.precision:.3f} "
                f"F1 {self.f1:.3f}")


def _passages_holding(side: dict, snippet: str) -> set[int]:
    return {p["id"] for p in side["passages"] if holds(p["text"], snippet)}


def score_alignment(gold: dict, corpus, *, threshold: float | None = None,
                    weights: str = "corpus") -> AlignmentScore:
    """Compare every pair the gold names and score the links (``weights``: see ``WEIGHTS``)."""
    from ..core.align.linker import corpus_background
    from ..core.pipeline import compare

    if weights not in WEIGHTS:
        raise ValueError(f"weights is one of {WEIGHTS}, not {weights!r}")
    background = corpus_background(corpus.articles) if weights == "corpus" else None
    pairs: dict[tuple[str, str], list[dict]] = {}
    for link in gold.get("link", []):
        pairs.setdefault((link["a"], link["b"]), []).append(link)
    scores = []
    for (a, b), links in sorted(pairs.items()):
        data = compare(article_of(corpus, gold, a), article_of(corpus, gold, b),
                       threshold=threshold, background=background).to_dict()
        side_a, side_b = data["a"], data["b"]
        predicted = [(set(p["a"]), set(p["b"])) for p in data["links"]]
        spans, unplaced = [], []
        for link in links:
            pa = _passages_holding(side_a, link["sa"])
            pb = _passages_holding(side_b, link["sb"])
            if not pa or not pb:
                unplaced.append(f"{link['sa'][:40]!r} / {link['sb'][:40]!r}")
            spans.append((pa, pb, link))

        def matches(p, g) -> bool:
            return bool(p[0] & g[0]) and bool(p[1] & g[1])

        sure = [g for g in spans if g[2]["kind"] == "sure"]
        missed = tuple(f"{g[2]['sa']} / {g[2]['sb']}" for g in sure
                       if not any(matches(p, g) for p in predicted))
        wrong = tuple(
            f"{_opening(side_a, p[0])} / {_opening(side_b, p[1])}"
            for p in predicted if not any(matches(p, g) for g in spans))
        scores.append(PairScore(
            a, b, len(sure), len(sure) - len(missed), len(predicted),
            len(predicted) - len(wrong), missed, wrong, tuple(unplaced)))
    return AlignmentScore(tuple(scores), threshold, weights)


def _opening(side: dict, ids: set[int], words: int = 8) -> str:
    text = " ".join(p["text"] for p in side["passages"] if p["id"] in ids)
    cut = text.split()
    return " ".join(cut[:words]) + ("\u2026" if len(cut) > words else "")
