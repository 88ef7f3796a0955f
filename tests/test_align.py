"""The alignment engine: links, scores, word operations and the JSON contract."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

import tui
from tui.core.align.worddiff import is_soft, word_ops

ROOT = Path(__file__).resolve().parent.parent


def linked(cmp, a_snippet: str, b_snippet: str) -> bool:
    for link in cmp.links:
        a_text = " ".join(cmp.a.passages[i].text for i in link.a)
        b_text = " ".join(cmp.b.passages[j].text for j in link.b)
        if a_snippet in a_text and b_snippet in b_text:
            return True
    return False


@pytest.mark.parametrize("a,b,a_snip,b_snip", [
    # paraphrase with inflection and equivalences
    ("The blast was a failure of U.S. policy in the region, the minister said. "
     "Farmers harvested wheat in the valley.",
     "Officials blamed the United States for its failed policy in the region. "
     "Schools reopened in the capital on Monday.",
     "failure of U.S. policy", "failed policy"),
    # reordering: B tells the story backwards
    ("The storm killed 12 people in Manila. Power was cut to 40,000 homes. "
     "The president visited the shelters.",
     "The president toured shelters on Sunday. About 40,000 homes lost power. "
     "At least 12 people died when the storm hit Manila.",
     "killed 12 people in Manila", "12 people died"),
    # number formatting
    ("Officials counted 2,800 ballots in Springfield overnight.",
     "In Springfield, 2800 ballots were counted overnight by officials.",
     "2,800 ballots", "2800 ballots"),
])
def test_paraphrases_and_reorderings_link(a, b, a_snip, b_snip):
    cmp = tui.compare_texts(a, b)
    assert linked(cmp, a_snip, b_snip)


def test_unrelated_sentences_do_not_link():
    cmp = tui.compare_texts(
        "The central bank raised interest rates by half a point on Wednesday.",
        "A rare orchid bloomed in the botanical garden after twelve years.",
    )
    assert cmp.links == ()
    assert cmp.only_a == (0,) and cmp.only_b == (0,)


def test_one_sentence_against_two_adjacent():
    a = ("Heavy rain flooded the northern district of Leeds and forced 300 families from "
         "their homes overnight. The council opened the town hall as a shelter.")
    b = ("Heavy rain flooded the northern district of Leeds overnight. "
         "Some 300 families were forced from their homes. The council opened the town hall.")
    cmp = tui.compare_texts(a, b)
    first = next(link for link in cmp.links if 0 in link.a)
    assert first.b == (0, 1)


STORM = ("The storm killed 12 people in Manila on Sunday. "
         "Rescue crews searched the flooded streets through the night. "
         "Power was cut to 40,000 homes across the city.")
RESCUE = "Volunteers waded through the flooded streets until dawn."


def test_a_loose_paraphrase_between_two_links_joins_them():
    told_in_order = ("At least 12 people died when the storm hit Manila on Sunday. "
                     f"{RESCUE} About 40,000 homes across the city lost power.")
    cmp = tui.compare_texts(STORM, told_in_order)
    assert linked(cmp, "Rescue crews", "Volunteers waded")
    # the same two sentences alone share too little to be linked
    alone = tui.compare_texts(STORM.split(". ")[1], RESCUE)
    assert alone.links == ()


def test_a_loose_paraphrase_out_of_order_stays_unlinked():
    moved = ("At least 12 people died when the storm hit Manila on Sunday. "
             f"About 40,000 homes across the city lost power. {RESCUE}")
    cmp = tui.compare_texts(STORM, moved)
    assert not linked(cmp, "Rescue crews", "Volunteers waded")
    assert len(cmp.links) == 2


def test_different_days_of_the_week_weigh_against_a_link():
    said = "The mayor of Springfield promised new bus lanes on {} at a press conference."
    other_day = tui.compare_texts(said.format("Friday"), said.format("Monday"))
    other_name = tui.compare_texts(said.format("Friday"), said.format("Hamilton Street"))
    assert other_day.links[0].score < 0.9 * other_name.links[0].score


def test_links_carry_scores_and_explanations(seeds):
    cmp = tui.compare(seeds["RT16"], seeds["AFP16"])
    assert cmp.links
    for link in cmp.links:
        assert 0.0 < link.score <= 1.0
        assert link.shared and link.explanation.startswith("similarity")


def test_self_comparison_links_every_passage_to_itself(seed_corpus):
    for article in seed_corpus:
        cmp = tui.compare(article, article)
        lead = article.lead_paragraphs  # (the headline and dek: paired in heads)
        assert sorted((link.a, link.b) for link in cmp.links) == [
            ((i,), (i,)) for i in range(lead, len(article.passages))
        ]
        assert [(h.a, h.b) for h in cmp.heads] == [((i,), (i,)) for i in range(lead)]
        assert all(link.score == 1.0 for link in cmp.links)
        assert not any(op.substantive for link in cmp.links for op in link.ops)


def test_swapping_gives_the_mirrored_links(seed_corpus):
    for a, b in itertools.combinations(seed_corpus.articles, 2):
        ab = {(link.a, link.b) for link in tui.compare(a, b).links}
        ba = {(link.b, link.a) for link in tui.compare(b, a).links}
        assert ab == ba, (a.id, b.id)


def test_putin_condolences_align_across_outlets(seeds):
    cmp = tui.compare(seeds["RT16"], seeds["AFP16"])
    assert linked(cmp, "sincere condolences", "his sincere condolences")
    assert linked(cmp, "Prime Minister Benjamin Netanyahu", "President Benjamin Netanyahu")


@pytest.mark.parametrize("a,b,soft", [
    ("Mahmoud", "Mahmud", True),
    ("el-Sisi", "al-Sisi", True),
    ("Assad", "al-Assad", True),
    ("constructive", "constructively", True),
    ("\u201cwar\u201d", '"war"', True),
    ("Israeli", "israeli", True),
    ("President", "Prime Minister", False),
    ("2,800", "2,750", False),
    ("armed group", "Islamist militant group", False),
])
def test_soft_and_substantive_differences(a, b, soft):
    assert is_soft(a, b) is soft


@pytest.mark.parametrize("a,b", [
    ("Israeli Prime Minister Benjamin Netanyahu met him.",
     "Israeli President Benjamin Netanyahu met him on Monday."),
    ("Mahmoud Abbas said \u201cno.\u201d", 'Mahmud Abbas said "no."'),
    ("", "Entirely new words here."),
    ("Words that vanish.", ""),
])
def test_word_ops_tile_both_sides(a, b):
    ops = word_ops(a, 0, len(a), b, 0, len(b))
    assert "".join(op.a_text for op in ops) == a
    assert "".join(op.b_text for op in ops) == b
    for op in ops:
        assert a[op.a_start : op.a_end] == op.a_text and b[op.b_start : op.b_end] == op.b_text
        if op.op == "equal":
            assert op.a_text.split() == op.b_text.split()


def test_word_ops_mark_the_office_change_as_substantive():
    a = "Israeli Prime Minister Benjamin Netanyahu spoke."
    b = "Israeli President Benjamin Netanyahu spoke."
    ops = [op for op in word_ops(a, 0, len(a), b, 0, len(b)) if op.op != "equal"]
    assert [(op.op, op.a_text.strip(), op.b_text.strip(), op.soft) for op in ops] == [
        ("replace", "Prime Minister", "President", False)
    ]


def test_json_contract_from_the_command_line():
    out = subprocess.run(
        [sys.executable, "-m", "tui", "compare", "001_c306965a66c1139e",
         "004_24471286408d79a2", "--format", "json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    data = json.loads(out.stdout)
    assert {"a", "b", "links", "divergences"} <= data.keys()
    for side in ("a", "b"):
        article = data[side]
        assert {"id", "title", "outlet", "date", "url", "passages"} <= article.keys()
        for p in article["passages"]:
            assert {"id", "text", "start", "end"} <= p.keys()
    ids_a = {p["id"] for p in data["a"]["passages"]}
    for link in data["links"]:
        assert {"a", "b", "score", "ops"} <= link.keys()
        assert set(link["a"]) <= ids_a and 0 <= link["score"] <= 1
        assert all({"op", "a", "b"} <= op.keys() for op in link["ops"])


def test_threshold_option_changes_the_links():
    def count(t: str) -> int:
        out = subprocess.run(
            [sys.executable, "-m", "tui", "compare", "000_b1c27ca75d5b3da0",
             "002_29d81747c81dcc9b", "--format", "json", "--threshold", t],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )
        return len(json.loads(out.stdout)["links"])

    assert count("0.05") > count("0.5")


def test_compare_leaves_garbage_collection_as_found():
    """compare() pauses cyclic collection while it runs and restores the state it found."""
    import gc

    corpus = tui.load_corpus(ROOT / "corpus")
    a, b = corpus.articles[:2]
    was = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            tui.compare(a, b)
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_long_texts_align_through_candidates():
    """Above ``EXACT_PAIRS`` only the best candidates are scored (and others on demand)."""
    from tests.benchmarks.gen import make_pair_with_truth
    from tui.core.align import linker as align
    from tui.core.ingest.loader import parse_article

    text_a, text_b, truth = make_pair_with_truth(5000)
    a, b = parse_article(text_a, id="a"), parse_article(text_b, id="b")
    assert len(a.passages) * len(b.passages) > align.EXACT_PAIRS
    cmp = tui.compare(a, b)
    pred = {(i, j) for link in cmp.links for i in link.a for j in link.b}
    la, lb = a.lead_paragraphs, b.lead_paragraphs  # (the headlines come first)
    gold = {(t + la, j + lb) for j, t in enumerate(truth) if t is not None}
    assert len(pred & gold) >= 0.95 * len(gold)
    assert len(pred & gold) >= 0.95 * len(pred)


def test_the_candidate_path_agrees_with_the_exact_one(seed_corpus, monkeypatch):
    from tui.core.align import linker as align

    pairs = list(itertools.permutations(seed_corpus.articles, 2))
    exact = [[(lk.a, lk.b) for lk in tui.compare(a, b).links] for a, b in pairs]
    monkeypatch.setattr(align, "EXACT_PAIRS", 0)
    approx = [[(lk.a, lk.b) for lk in tui.compare(a, b).links] for a, b in pairs]
    assert sum(x == y for x, y in zip(exact, approx, strict=True)) >= len(pairs) - 2


def test_a_context_pair_the_candidate_index_missed_is_scored_on_demand(monkeypatch):
    from tui.core.align import linker as align

    monkeypatch.setattr(align, "EXACT_PAIRS", 0)
    monkeypatch.setattr(align, "top_candidates", lambda wa, wb: {(0, 0), (2, 2)})
    told_in_order = ("At least 12 people died when the storm hit Manila on Sunday. "
                     f"{RESCUE} About 40,000 homes across the city lost power.")
    cmp = tui.compare_texts(STORM, told_in_order)
    assert linked(cmp, "Rescue crews", "Volunteers waded")


def test_every_link_of_a_passage_is_listed(seeds):
    cmp = tui.compare(seeds["NM17"], seeds["RT16"])
    links_of_a, links_of_b = cmp.links_of_a(), cmp.links_of_b()
    for index, link in enumerate(cmp.links):
        assert all(index in links_of_a[p] for p in link.a)
        assert all(index in links_of_b[p] for p in link.b)
    assert set(links_of_a) == set(range(len(cmp.a.passages))) - set(cmp.only_a)
    assert any(len(held) > 1 for held in (*links_of_a.values(), *links_of_b.values()))


def test_a_lede_links_to_each_fact_the_other_outlet_tells_apart():
    # A's lede sums up two facts; B tells them in two places, far apart
    a = ("The mayor of Harwick resigned on Tuesday and the city council voted to freeze "
         "the harbour budget. Residents gathered outside the town hall in the evening. "
         "A spokesman declined to comment.")
    b = ("Harwick's mayor, Elena Brandt, resigned on Tuesday after six years in office. "
         "She had led the city through two floods. Her deputy will act as mayor until "
         "an election. Separately, the city council voted 7-2 to freeze the harbour "
         "budget for a year.")
    cmp = tui.compare_texts(a, b)
    assert linked(cmp, "mayor of Harwick resigned", "Elena Brandt, resigned")
    assert linked(cmp, "mayor of Harwick resigned", "voted 7-2 to freeze the harbour")


def test_a_month_in_common_is_not_the_same_fact():
    # two departures that both happened "in February", next to a real link: the month and
    # the story's main actor are not the fact
    a = ("Governor Lyle Dane named a new budget chief on Sunday. "
         "The outgoing chief had planned to leave in February but resigned early, Dane wrote "
         "on Twitter. Lawmakers will vote on the budget next week.")
    b = ("The budget chief of the state, Mara Quist, stepped down on Thursday after a dispute "
         "with Governor Lyle Dane. Communications director Tom Reyes, an aide to Dane since "
         "2010, announced his resignation in February. The governor faces an election in the "
         "autumn.")
    cmp = tui.compare_texts(a, b)
    assert linked(cmp, "named a new budget chief", "Mara Quist")
    assert not linked(cmp, "leave in February", "Tom Reyes")
