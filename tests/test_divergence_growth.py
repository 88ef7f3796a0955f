"""Divergences stay near-linear in the figures and names of one comparison (hostile input).

Thousands of figures, or of mentions of one person, in one link used to be paired each with
each: two 4,000-word texts took about 20 s.  These tests count the pairwise operations the
finders perform (not the time, which depends on the machine): a generous bound on the
original case, and the growth from one size to twice that size (2 for linear work, 4 for
quadratic).
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

import tui
import tui.core.diverge.find as div_find
import tui.core.diverge.numbers as div_numbers
import tui.core.diverge.titles as div_titles

# the pairwise steps of each finder: weighing two figures, comparing two spellings or two
# offices, checking a divergence against one already kept
COUNTED = [
    (div_numbers, "_context_score"),
    (div_numbers, "compare_figures"),
    (div_titles, "spelled_differently"),
    (div_titles, "titles_compatible"),
    (div_titles, "same_given"),
    (div_find, "_overlaps"),
]


@pytest.fixture
def calls(monkeypatch) -> Counter:
    counts: Counter = Counter()

    def counted(fn, name):
        def counting(*args, **kwargs):
            counts[name] += 1
            return fn(*args, **kwargs)
        return counting

    for module, name in COUNTED:
        monkeypatch.setattr(module, name, counted(getattr(module, name), name))
    return counts


def _texts(n: int, words_a: list[str], words_b: list[str]) -> tuple[str, str]:
    rng = random.Random(1)
    a = " ".join(rng.choice(words_a) for _ in range(n))
    b = " ".join(rng.choice(words_b) for _ in range(n))
    return a, b


def test_thousands_of_figures_and_names_in_one_link_are_paired_in_bounded_work(calls):
    random.seed(1)
    a = " ".join(random.choice(["Lakeport", "4,000"]) for _ in range(4000))
    b = " ".join(random.choice(["Lakeport", "4,100"]) for _ in range(4000))
    comparison = tui.compare_texts(a, b)
    assert any(d.kind == "number" for d in comparison.divergences)
    # about 2,000 figures and 2,000 mentions a side: every pair would be 4,000,000
    assert calls["_context_score"] < 200_000, calls
    assert calls["compare_figures"] < 200_000, calls
    assert calls["spelled_differently"] < 10_000, calls
    assert calls["_overlaps"] < 50_000, calls


SHAPES = {
    "figures": (["Lakeport", "4,000"], ["Lakeport", "4,100"]),
    "sentences": (["Lakeport said 4,000 people left.", "Mayor Jo Lakeport spoke.",
                   "In Lakeport 12 died."],
                  ["Lakeport said 4,100 people left.", "Governor Joe Lakeport spoke.",
                   "In Lakeport 13 died."]),
    "titles": (["Mayor Anna Lakeport", "said"], ["Governor Anna Lakeport", "said"]),
    "labels": (["the Islamist militant group Hamas", "said"],
               ["the Palestinian armed group Hamas", "said"]),
    "offices": (["the Israeli PM said", "and"], ["the Israeli president said", "and"]),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_pairwise_work_grows_linearly_with_the_text(calls, shape):
    counts = []
    for n in (1000, 2000):
        calls.clear()
        tui.compare_texts(*_texts(n, *SHAPES[shape]))
        counts.append(sum(calls.values()))
    small, large = counts
    assert large <= 3 * max(small, 1000), (shape, counts)


def _towns(n: int) -> tuple[str, str]:
    rng = random.Random(2)
    a, b = (["Evacuations"] + [f"In Town{i} officials said {rng.randint(100, 999)} people were "
                               "evacuated." for i in range(n)] for _ in range(2))
    return "\n\n".join(a), "\n\n".join(b)


def test_past_the_bound_a_figure_still_pairs_with_the_one_its_rare_words_name(calls):
    # hundreds of figures in the same words, told apart by a town named beside each
    comparison = tui.compare_texts(*_towns(400))
    numbers = [d for d in comparison.divergences if d.kind == "number"]
    town = [comparison.a.passages[d.a_passage].text.split()[1]
            == comparison.b.passages[d.b_passage].text.split()[1] for d in numbers]
    assert len(numbers) > 300 and sum(town) >= 0.9 * len(numbers), (len(numbers), sum(town))
    assert calls["_context_score"] < 400 * 4 * div_numbers.MAX_PARTNERS, calls
