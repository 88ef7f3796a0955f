"""Divergences between two invented reports of one story, and across a small corpus."""

from __future__ import annotations

import pytest

import tui
from tui.core.corpus.folder import load_corpus
from tui.core.corpus.related import overlap_matrix, rank_related
from tui.core.corpus.report import corpus_report
from tui.core.diverge.mentions import mentions, titles_compatible
from tui.core.ingest.loader import parse_article

BASE = """{headline}

{title} Marta Kessler visited the flooded town of Brenn on Tuesday, officials said.

{figure} people were evacuated from the river valley, according to the regional government.

"{quote}," Kessler told reporters in the town square after meeting rescue crews.

The {label} Red Banner claimed that the old dam had been neglected for a decade.

Relief convoys from the neighbouring province of Ostmark reached Brenn by Wednesday night.
"""

DEFAULTS = {
    "headline": "Floods hit Valdoria",
    "title": "Valdorian President",
    "figure": "More than 1,200",
    "quote": "We will rebuild every bridge and every school in this valley",
    "label": "separatist group",
}


def story(**changes: str) -> str:
    return BASE.format(**{**DEFAULTS, **changes})


def found(a: str, b: str, kind: str):
    comparison = tui.compare_texts(a, b)
    return [d for d in comparison.divergences if d.kind == kind]


def test_identical_reports_have_no_divergences():
    text = story()
    assert tui.compare_texts(text, text).divergences == ()


def test_title():
    (d,) = found(story(), story(title="Valdorian Prime Minister"), "title")
    assert "President" in d.a_text and "Prime Minister" in d.b_text
    assert d.salience >= 0.8
    assert "Kessler" in d.note


def test_generic_title_ranks_lower():
    (d,) = found(story(), story(title="Valdorian leader"), "title")
    assert d.salience < 0.7


def test_number_divergence_with_difference():
    (d,) = found(story(figure="At least 1,150"), story(), "number")
    assert "1,150" in d.a_text and "1,200" in d.b_text
    assert "\u221250" in d.note or "+50" in d.note
    assert d.salience >= 0.8


@pytest.mark.parametrize("other", ["Over 1,200", "More than 1,200", "Some 1,200"])
def test_agreeing_figures_are_not_a_number_divergence(other):
    assert found(story(), story(figure=other), "number") == []


def test_vague_figure_against_a_count():
    (d,) = found(story(figure="Hundreds of thousands of"), story(figure="More than 1 million"),
                 "number")
    assert "Hundreds of thousands" in d.a_text and "1 million" in d.b_text


def test_quote_rendered_differently():
    other = "We will restore every bridge and every school in this valley"
    (d,) = found(story(), story(quote=other), "quote")
    assert "rebuild" in d.a_text and "restore" in d.b_text
    assert d.salience >= 0.6


def test_quote_spelling_ranks_low():
    other = "We will rebuild every bridge and every school in this valley."
    assert found(story(), story(quote=other), "quote") == []
    other = "We shall rebuild every bridge and every school in the valley"
    assert all(d.salience < 0.4 for d in found(story(), story(quote=other), "quote"))


def test_framing_of_a_group():
    (d,) = found(story(), story(label="militant group"), "framing")
    assert "separatist" in d.a_text and "militant" in d.b_text
    assert "Red Banner" in d.note


def test_name_spelling_variant():
    a = story(title="Valdorian President").replace("Marta Kessler", "Mohamed Kessler")
    b = story(title="Valdorian President").replace("Marta Kessler", "Mohammed Kessler")
    (d,) = found(a, b, "name")
    assert d.a_text == "Mohamed Kessler" and d.b_text == "Mohammed Kessler"
    assert d.salience < 0.4


def test_name_transliteration_prefix():
    a = story().replace("Marta Kessler", "Bashar Assad")
    b = story().replace("Marta Kessler", "Bashar al-Assad")
    (d,) = found(a, b, "name")
    assert "al-Assad" in d.b_text


def test_different_first_names_are_different_people():
    a = story().replace("Marta Kessler", "Marta Kessler")
    b = story(title="Valdorian Prime Minister").replace("Marta Kessler", "Jonas Kessler")
    assert found(a, b, "title") == []


def test_omission_of_a_passage_with_a_name():
    a = story()
    b = "\n".join(line for line in story().splitlines() if "Ostmark" not in line)
    ds = found(a, b, "omission")
    assert any("Ostmark" in d.a_text for d in ds)
    assert all(d.salience < 0.5 for d in ds)


def test_divergences_are_ordered_and_spans_point_at_the_words():
    a, b = story(), story(title="Valdorian Prime Minister", figure="At least 1,150")
    comparison = tui.compare_texts(a, b)
    saliences = [d.salience for d in comparison.divergences]
    assert saliences == sorted(saliences, reverse=True)
    for d in comparison.divergences:
        if d.a_span:
            assert comparison.a.body[d.a_span[0] : d.a_span[1]] == d.a_text
        if d.b_span:
            assert comparison.b.body[d.b_span[0] : d.b_span[1]] == d.b_text


def test_swapped_keeps_grouping_fields():
    comparison = tui.compare_texts(story(), story(title="Valdorian Prime Minister"))
    (d,) = [d for d in comparison.swapped().divergences if d.kind == "title"]
    assert d.key == "title:kessler" and "Prime Minister" in d.a_text


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Putin spoke with Israeli Prime Minister Benjamin Netanyahu on Monday.",
         "Benjamin Netanyahu", "Israeli Prime Minister"),
        ("He called the former F.B.I. director James Comey twice.", "James Comey",
         "former F.B.I. director"),
        ("Kevin McCarthy of California, the Republican leader, asked.", "Kevin McCarthy",
         "the Republican leader"),
        ("Talks with Palestinian leader Mahmud Abbas resumed.", "Mahmud Abbas",
         "Palestinian leader"),
    ],
)
def test_mentions(text, name, title):
    article = parse_article("Headline\n\n" + text, id="x")
    assert (name, title) in [(m.name, m.title) for m in mentions(article)]


@pytest.mark.parametrize(
    ("x", "y", "compatible"),
    [
        ("Prime Minister", "PM", True),
        ("Defense Secretary", "Secretary of Defense", True),
        ("Sen.", "Senator", True),
        ("former FBI Director", "former F.B.I. director", True),
        ("Israeli Prime Minister", "Israeli President", False),
        ("Foreign Minister", "Deputy Foreign Minister", False),
    ],
)
def test_titles_compatible(x, y, compatible):
    assert titles_compatible(x, y) is compatible


# ----------------------------------------------------------------------------- corpus


OTHER_STORY = """Chess final drawn

The world chess final in Lisbon ended in a draw after seven hours of play on Sunday.

Both grandmasters said the opening preparation had been unusually deep this year.

The tie-break games are scheduled for Thursday afternoon at the same venue.
"""


@pytest.fixture
def three_outlets(tmp_path):
    (tmp_path / "one.txt").write_text(story(), encoding="utf-8")
    (tmp_path / "two.txt").write_text(story(title="Valdorian Prime Minister",
                                            headline="Valdoria flood visit"), encoding="utf-8")
    (tmp_path / "three.txt").write_text(story(headline="Kessler in Brenn"), encoding="utf-8")
    (tmp_path / "chess.txt").write_text(OTHER_STORY, encoding="utf-8")
    return load_corpus(tmp_path)


def test_one_divergence_across_three_outlets(three_outlets):
    calls = []
    report = corpus_report(three_outlets, progress=lambda done, total: calls.append((done, total)))
    titles = [d for d in report.divergences if d.kind == "title"]
    assert len(titles) == 1
    entry = titles[0]
    assert {f.article for f in entry.forms} == {"one", "two", "three"}
    assert {f.text for f in entry.forms} == {"Valdorian President", "Valdorian Prime Minister"}
    assert "Kessler" in entry.what
    # outlets unknown: the articles are named by their titles, not by their ids
    assert "\u201cValdoria flood visit\u201d" in entry.what and "two" not in entry.what
    assert report.divergences[0] is entry
    assert calls and calls[-1][0] == calls[-1][1]
    related = {frozenset((a, b)) for a, b, _ in report.related}
    assert not any("chess" in pair for pair in related)
    data = report.to_dict()
    assert data["divergences"][0]["forms"][0]["passage_text"]


def test_related_ranking(three_outlets):
    ranking = rank_related(three_outlets, "one")
    assert [aid for aid, _ in ranking][:2] in (["two", "three"], ["three", "two"])
    assert all(aid != "chess" for aid, score in ranking if score > 0.1)
    matrix = overlap_matrix(three_outlets)
    assert matrix[("one", "two")] == matrix[("two", "one")] > 0.5


# ----------------------------------------------------------------------------- quotations


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said \u201cwe will stay\u201d and left.", ["we will stay"]),
        ('He said "we will stay" and left.', ["we will stay"]),
        ("He said ``we will stay '' and left.", ["we will stay "]),
        ("Moscow's view, the 'Western partners' said, is clear.", ["Western partners"]),
        ("The minister\u2019s aide didn\u2019t comment.", []),
        ("\u201cWe will stay, and we will fight", ["We will stay, and we will fight"]),
    ],
)
def test_quote_spans(text, quoted):
    from tui.core.diverge.quotations import quote_spans

    article = parse_article("Headline\n\n" + text, id="x")
    assert [article.body[s:e] for s, e in quote_spans(article)] == quoted


def test_quote_of_one_outlet_paraphrased_by_the_other():
    a = story().replace(
        "Relief convoys", 'Kessler offered "her deepest sympathy to the families of the '
        'drowned fishermen." Relief convoys')
    b = story().replace(
        "Relief convoys", "Kessler offered her deepest sympathy to the families of the "
        "fishermen who drowned. Relief convoys")
    ds = [d for d in found(a, b, "quote") if "drowned" in d.a_text]
    assert ds and "who drowned" in ds[0].b_text
    assert ds[0].salience < 0.5


def test_corpus_omission_only_for_passages_no_related_article_reports(three_outlets):
    report = corpus_report(three_outlets)
    omissions = [d for d in report.divergences if d.kind == "omission"]
    assert all(len(d.forms) == 1 for d in omissions)
    # every outlet reports the Ostmark convoys, so nobody is credited with it alone
    assert not any("Ostmark" in d.forms[0].text for d in omissions)


def test_worker_processes_give_the_same_results(three_outlets):
    from tui.core.align.linker import corpus_background
    from tui.core.corpus import report as divreport
    from tui.core.corpus.related import related_pairs

    if not divreport._can_fork():
        pytest.skip("no fork here")
    candidates = related_pairs(three_outlets, cutoff=0.0)
    background = corpus_background(three_outlets.articles)
    serial = divreport._compare_all(three_outlets, candidates, None, background, None)
    parallel = divreport._compare_parallel(three_outlets, candidates, None, background, None, 2)
    assert parallel == serial
