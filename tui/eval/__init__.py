"""How well Parallax aligns and finds divergences, measured against a hand-made gold set.

``python -m tui.eval alignment`` and ``python -m tui.eval divergences`` measure the bundled
sample corpus (the five seed articles) against the gold that ships with it
(``tui/eval/gold/``); ``--corpus DIR --gold FILE`` measure any corpus against a gold file in
the same format. The measure is the one of the project's scorer (``score.py``): for
alignment, the recall of the gold's *sure* links and the precision of the predicted links
(a link is right when it matches a sure or *possible* gold link); for divergences, how many
gold divergences the corpus report finds, how many high-salience ones rank in its top 15, and
how many figures that agree it reports as a number divergence.

Both read what the command line prints (``Comparison.to_dict``, the report's JSON), in
process. For measuring only: the engine must never be tuned to particular texts.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold"
SEED_ALIGNMENT = GOLD / "seed_alignment.toml"
SEED_DIVERGENCES = GOLD / "seed_divergences.toml"

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def norm(text: str) -> str:
    """Casefolded, quotes and dashes unified, white space collapsed (the gold's convention)."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().casefold()


def holds(passage: str, snippet: str) -> bool:
    """A passage holds a snippet when it contains it, or (segmentations differ) lies inside
    it."""
    p, s = norm(passage), norm(snippet)
    return s in p or (len(p) > 20 and p in s)


class GoldError(Exception):
    """A gold file that cannot be read, or that names an article the corpus lacks."""


def read_gold(path: str | Path) -> dict:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"cannot read {path}: {getattr(err, 'strerror', None) or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise GoldError(f"{path} is not valid TOML: {err}") from None


def article_of(corpus, gold: dict, short: str):
    """The corpus article a gold file names by its short name."""
    try:
        stem = gold["articles"][short]
    except (KeyError, TypeError):
        raise GoldError(f"the gold names {short!r}, which its [articles] table lacks") from None
    article = corpus.get(stem)
    if article is None:
        raise GoldError(f"no article {stem!r} ({short}) in {corpus.root}")
    return article
