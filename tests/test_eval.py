"""``python -m tui.eval``: the README's accuracy figures, reproducible from a clone (issue 17).

The measure is checked on invented articles with an invented gold file; the shipped gold is
checked against the shipped seed articles; the README's seed rows against the command.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.corpus.folder import load_corpus
from tui.eval import SEED_ALIGNMENT, SEED_DIVERGENCES, read_gold
from tui.eval.__main__ import main
from tui.eval.alignment import score_alignment
from tui.eval.divergences import score_divergences

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tui" / "sample_corpus"

HERALD = """---
title: Old Verrin bridge to close for six months of repairs
outlet: Verrin Herald
date: 2031-05-02
---
The Old Verrin bridge will close on Monday for six months of repairs, the county council said.

Engineers found cracks in 14 of the bridge's steel supports during an inspection in April.

Drivers will be sent on a 9-kilometre detour through the village of Ashby.
"""

COURIER = """---
title: Verrin bridge shuts as cracks found in supports
outlet: Valley Courier
date: 2031-05-03
---
The county council will shut the Old Verrin bridge on Monday for six months of repairs.

An inspection in April found cracks in 16 of the bridge's steel supports, engineers said.

Motorists face a detour of 9 kilometres through Ashby.

A farmers' market opens in the square of a distant town on Saturday with twenty stalls.
"""

GOLD_ALIGNMENT = """
[articles]
H = "herald"
C = "courier"

[[link]]
a = "H"
sa = "will close on Monday"
b = "C"
sb = "will shut the Old Verrin bridge"
kind = "sure"

[[link]]
a = "H"
sa = "Engineers found cracks in 14"
b = "C"
sb = "found cracks in 16"
kind = "sure"

[[link]]
a = "H"
sa = "9-kilometre detour"
b = "C"
sb = "a farmers' market opens"
kind = "sure"
"""

GOLD_DIVERGENCES = """
[articles]
H = "herald"
C = "courier"

[[divergence]]
what = "how many supports are cracked"
kind = "number"
salience = "high"
form = [
  { article = "H", key = "14", context = "Engineers found cracks in 14" },
  { article = "C", key = "16", context = "found cracks in 16" },
]

[[divergence]]
what = "an invented difference no finder can see"
kind = "wording"
salience = "low"
form = [
  { article = "H", key = "Drivers", context = "Drivers will be sent" },
  { article = "C", key = "farmers", context = "A farmers' market opens" },
]

[[agreement]]
what = "the detour's length, written two ways"
form = [
  { article = "H", key = "9-kilometre", context = "9-kilometre detour" },
  { article = "C", key = "9 kilometres", context = "a detour of 9 kilometres" },
]
"""


@pytest.fixture
def bridge(tmp_path) -> tuple[Path, Path, Path]:
    corpus = tmp_path / "bridge"
    corpus.mkdir()
    (corpus / "herald.txt").write_text(HERALD)
    (corpus / "courier.txt").write_text(COURIER)
    (tmp_path / "align.toml").write_text(GOLD_ALIGNMENT)
    (tmp_path / "div.toml").write_text(GOLD_DIVERGENCES)
    return corpus, tmp_path / "align.toml", tmp_path / "div.toml"


def test_alignment_counts_sure_links_found_and_links_right(bridge):
    corpus, gold, _ = bridge
    score = score_alignment(read_gold(gold), load_corpus(corpus), weights="pair")
    (pair,) = score.pairs
    assert (pair.a, pair.b, pair.sure) == ("H", "C", 3)
    # the first two are found; the third pairs passages that report different things
    assert pair.sure_found == 2 and pair.missed == ("9-kilometre detour / a farmers' market "
                                                    "opens",)
    assert pair.predicted >= 2
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(pair.predicted_right / pair.predicted)
    assert not pair.unplaced


def test_a_snippet_in_no_passage_is_reported(bridge, capsys):
    corpus, gold, _ = bridge
    gold.write_text(GOLD_ALIGNMENT.replace("found cracks in 16", "found cracks in 99"))
    assert main(["alignment", "--corpus", str(corpus), "--gold", str(gold)]) == 0
    assert "warning: snippet not found in any passage: 'Engineers found cracks in 14' / " \
        "'found cracks in 99'" in capsys.readouterr().out


def test_divergences_found_missed_and_false_numbers(bridge):
    corpus, _, gold = bridge
    score = score_divergences(read_gold(gold), load_corpus(corpus))
    supports, invented = score.entries
    assert supports.rank is not None and supports.rank <= 3
    assert invented.rank is None
    assert (score.found, score.high, score.high_in_top) == (1, 1, 1)
    assert score.false_numbers == ()
    assert "found 1/2, high-salience in top 15 1/1, false number divergences 0" in score.line()


def test_no_arguments_print_the_usage(capsys):
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "usage: python -m tui.eval" in err and "alignment" in err and "divergences" in err


def test_a_corpus_without_its_gold_or_a_missing_article_is_refused(bridge, tmp_path, capsys):
    corpus, gold, _ = bridge
    with pytest.raises(SystemExit) as stop:
        main(["alignment", "--corpus", str(corpus)])
    assert stop.value.code == 2 and "--corpus needs --gold" in capsys.readouterr().err
    (corpus / "courier.txt").unlink()
    assert main(["alignment", "--corpus", str(corpus), "--gold", str(gold)]) == 1
    assert "no article 'courier' (C)" in capsys.readouterr().err
    assert main(["divergences", "--corpus", str(tmp_path / "nope"), "--gold", str(gold)]) == 1


def test_the_shipped_gold_fits_the_shipped_articles():
    """Every article it names is in the sample corpus and every snippet in one passage."""
    corpus = load_corpus(SAMPLE)
    gold = read_gold(SEED_ALIGNMENT)
    score = score_alignment(gold, corpus)
    assert len(score.pairs) == 10 and sum(p.sure for p in score.pairs) == 32
    assert [p for p in score.pairs if p.unplaced] == []
    assert len(read_gold(SEED_DIVERGENCES)["divergence"]) == 13


def _eval(*args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "tui.eval", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, check=True)
    return proc.stdout.strip().splitlines()[-1]


def test_the_readme_seed_figures_are_what_the_command_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for weights in ("corpus", "pair"):
        line = _eval("alignment", "--weights", weights)
        r, p, f = re.fullmatch(r"alignment: recall (\S+) precision (\S+) F1 (\S+)", line).groups()
        row = next(row for row in readme.splitlines()
                   if row.startswith("| seeds") and f"--weights {weights}" in row)
        assert f"| {r} | {p} | {f} |" in row, (line, row)
    line = _eval("divergences")
    found = re.search(r"found (\d+/\d+), high-salience in top 15 (\d+/\d+)", line).groups()
    assert f"found {found[0]}, {found[1]} high-salience in the top 15" in readme, line
