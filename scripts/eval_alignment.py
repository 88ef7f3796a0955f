"""Score the engine against a gold alignment in-process, over a range of thresholds.

    python scripts/eval_alignment.py GOLD.toml CORPUS_DIR [T ...]

The same measure as ../shared/eval/score.py (sure-link recall, predicted-link precision), but
without a subprocess per pair, so a threshold sweep takes seconds. For measuring only: the
engine must never be tuned to particular texts.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from tui.core.align.linker import align
from tui.core.corpus.folder import load_corpus

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTES)).strip().casefold()


def holds(passage: str, snippet: str) -> bool:
    p, s = norm(passage), norm(snippet)
    return s in p or (len(p) > 20 and p in s)


def evaluate(gold: dict, corpus, threshold: float | None, verbose: bool = False):
    names = gold["articles"]
    pairs: dict[tuple[str, str], list[dict]] = {}
    for link in gold["link"]:
        pairs.setdefault((link["a"], link["b"]), []).append(link)
    tot_sure = hit = tot_pred = ok = 0
    for (a, b), links in sorted(pairs.items()):
        art_a, art_b = corpus.get(names[a]), corpus.get(names[b])
        cmp = align(art_a, art_b, threshold=threshold, background=BG)  # (links only)
        spans = []
        for link in links:
            pa = {p.index for p in art_a.passages if holds(p.text, link["sa"])}
            pb = {p.index for p in art_b.passages if holds(p.text, link["sb"])}
            spans.append((pa, pb, link["kind"]))
        pred = [(set(lk.a), set(lk.b), lk.score) for lk in cmp.links]
        sure = [g for g in spans if g[2] == "sure"]

        def match(p, g):
            return bool(p[0] & g[0]) and bool(p[1] & g[1])

        found = [g for g in sure if any(match(p, g) for p in pred)]
        good = [p for p in pred if any(match(p, g) for g in spans)]
        tot_sure += len(sure)
        hit += len(found)
        tot_pred += len(pred)
        ok += len(good)
        if verbose:
            print(f"{a}~{b}: sure {len(found)}/{len(sure)}, right {len(good)}/{len(pred)}")
            for g in sure:
                if not any(match(p, g) for p in pred):
                    best = max((cmp_score(art_a, art_b, i, j) for i in g[0] for j in g[1]),
                               default=None)
                    print(f"   MISSED {sorted(g[0])}~{sorted(g[1])} best score {best}")
            for p in pred:
                if not any(match(p, g) for g in spans):
                    text_a = art_a.passages[min(p[0])].text[:60]
                    text_b = art_b.passages[min(p[1])].text[:60]
                    print(f"   WRONG {sorted(p[0])}~{sorted(p[1])} score {p[2]:.3f}: "
                          f"{text_a!r} / {text_b!r}")
    r = hit / tot_sure if tot_sure else 1.0
    p = ok / tot_pred if tot_pred else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return r, p, f


def cmp_score(a, b, i, j):
    from tui.core.align.linker import score_matrix
    scores, _, _ = score_matrix(a, b, BG)
    return round(scores.get((i, j), (0.0,))[0], 3)


BG = None


def main() -> int:
    global BG
    from tui.core.align.linker import corpus_background
    gold = tomllib.loads(Path(sys.argv[1]).read_text())
    corpus = load_corpus(sys.argv[2])
    BG = corpus_background(corpus.articles)
    thresholds = [float(x) for x in sys.argv[3:]] or [None]
    for t in thresholds:
        r, p, f = evaluate(gold, corpus, t, verbose=len(thresholds) == 1)
        print(f"threshold {t}: recall {r:.3f} precision {p:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
