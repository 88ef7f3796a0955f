"""``python -m tui.eval``: measure alignment or divergences against a gold set.

    python -m tui.eval alignment   [--corpus DIR --gold FILE] [--weights corpus|pair]
                                   [--threshold T ...] [--verbose]
    python -m tui.eval divergences [--corpus DIR --gold FILE] [--threshold T]

With no ``--corpus``, the bundled sample corpus (the five seed articles) is measured against
the gold that ships with it. Prints one line per pair or entry, then a summary line; exits 2
on a usage error and 1 when the corpus or the gold cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli_args import threshold_arg
from . import SEED_ALIGNMENT, SEED_DIVERGENCES, GoldError, read_gold


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tui.eval",
        description="Measure Parallax against a hand-made gold set. With no --corpus, the "
        "bundled sample corpus (the five seed articles) against the gold shipped with it.",
    )
    sub = parser.add_subparsers(dest="mode", metavar="MODE", required=True)
    for mode, gold, text in (
        ("alignment", SEED_ALIGNMENT, "recall of the gold's sure links, precision of the "
         "predicted links, F1"),
        ("divergences", SEED_DIVERGENCES, "gold divergences the corpus report finds, "
         "high-salience ones in its top 15, false number divergences"),
    ):
        p = sub.add_parser(mode, help=text, description=text)
        p.add_argument("--corpus", metavar="DIR", type=Path,
                       help="corpus folder (default: the bundled sample corpus)")
        p.add_argument("--gold", metavar="FILE", type=Path,
                       help=f"gold file in the format of {gold.name} (default: that file, "
                       "for the bundled sample; required with --corpus)")
        if mode == "alignment":
            p.add_argument("--threshold", type=threshold_arg, nargs="+", metavar="T",
                           help="one summary line per threshold (default: the engine's)")
            p.add_argument("--weights", choices=("corpus", "pair"), default="corpus",
                           help="corpus: words weighed over the corpus, as the reader and "
                           "parallax compare ID ID do (default); pair: over the two "
                           "articles alone, as parallax compare FILE FILE does")
            p.add_argument("-v", "--verbose", action="store_true",
                           help="name the sure links missed and the links predicted wrongly")
        else:
            p.add_argument("--threshold", type=threshold_arg, default=None, metavar="T")
        p.set_defaults(default_gold=gold)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        parser.print_help(sys.stderr)
        return 2
    args = parser.parse_args(argv)
    if args.corpus is not None and args.gold is None:
        parser.error("--corpus needs --gold: the bundled gold is about the bundled articles")
    from ..core.corpus.folder import load_corpus

    root = args.corpus or Path(__file__).resolve().parents[1] / "sample_corpus"
    if not root.is_dir():
        print(f"tui.eval: no such folder: {root}", file=sys.stderr)
        return 1
    try:
        gold = read_gold(args.gold or args.default_gold)
        corpus = load_corpus(root)
        for problem in corpus.problems:
            print(f"tui.eval: {problem}", file=sys.stderr)
        if args.mode == "alignment":
            return _alignment(gold, corpus, args)
        return _divergences(gold, corpus, args)
    except GoldError as err:
        print(f"tui.eval: {err}", file=sys.stderr)
        return 1
    except (KeyError, TypeError) as err:
        print(f"tui.eval: the gold file lacks a field it needs: {err}", file=sys.stderr)
        return 1


def _alignment(gold: dict, corpus, args) -> int:
    from .alignment import score_alignment

    thresholds = args.threshold or [None]
    print(f"alignment of {corpus.root} against {args.gold or args.default_gold} "
          f"(words weighed over the {'corpus' if args.weights == 'corpus' else 'pair'})")
    for t in thresholds:
        score = score_alignment(gold, corpus, threshold=t, weights=args.weights)
        if len(thresholds) == 1:
            for pair in score.pairs:
                print(pair.line())
                for snippet in pair.unplaced:
                    print(f"  warning: snippet not found in any passage: {snippet}")
                if args.verbose:
                    for missed in pair.missed:
                        print(f"  MISSED {missed}")
                    for wrong in pair.wrong:
                        print(f"  WRONG  {wrong}")
        label = f"threshold {t:.3f}: " if t is not None and len(thresholds) > 1 else ""
        print(label + score.line())
    return 0


def _divergences(gold: dict, corpus, args) -> int:
    from .divergences import score_divergences

    print(f"divergences of {corpus.root} against {args.gold or args.default_gold}")
    score = score_divergences(gold, corpus, threshold=args.threshold)
    for entry in score.entries:
        print(entry.line())
    for what in score.false_numbers:
        print(f"  FALSE number divergence: {what}")
    print(score.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
