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


# ----------------------------------------------------------------------------- like with like


def kinds_between(a_text: str, b_text: str, kind: str) -> list:
    return [d for d in tui.compare_texts(a_text, b_text).divergences if d.kind == kind]


def test_another_speakers_quote_is_not_a_divergence():
    a = ('The bill passed the House on Tuesday. "I don\'t like that language," Speaker Ann '
         'Hale said of the debate. Critics vowed to keep fighting.')
    b = ('The bill passed the House on Tuesday. "I don\'t really like that kind of language," '
         'Representative Jon Ruiz, the committee chairman, said on television. Critics vowed '
         'to keep fighting.')
    assert kinds_between(a, b, "quote") == []


def test_the_same_speakers_quote_in_other_words_is_one():
    a = ('The bill passed the House on Tuesday. "I welcome this brave vote," Speaker Ann Hale '
         'said after the debate. Critics vowed to keep fighting.')
    b = ('The bill passed the House on Tuesday. "I regret this reckless vote," Speaker Ann '
         'Hale said after the debate. Critics vowed to keep fighting.')
    [quote] = kinds_between(a, b, "quote")
    assert "welcome" in quote.a_text and "regret" in quote.b_text


def test_words_the_other_article_quotes_verbatim_are_no_divergence():
    a = ('The mayor spoke on Friday. "I don\'t like that plan. I wouldn\'t sign that plan," the '
         'mayor said. The council meets next week.')
    b = ('The mayor spoke on Friday. "I wouldn\'t sign that plan," the mayor said, adding: "I '
         'don\'t like that plan." The council meets next week.')
    found = tui.compare_texts(a, b).divergences
    assert not [d for d in found if "like" in d.a_text and "sign" in d.b_text]


def test_former_chairman_stays_whole():
    a = ('Prosecutors charged Paul Manafort, his former campaign chairman, with fraud on '
         'Friday. The trial begins in May.')
    b = ('Prosecutors charged Paul Manafort, the campaign spokesman, with fraud on Friday. The '
         'trial begins in May.')
    [title] = kinds_between(a, b, "title")
    assert title.a_text == "former campaign chairman"
    assert "spokesman" in title.b_text


def test_an_office_the_other_article_also_gives_is_no_divergence():
    # B calls him a representative, but also, in its list, one of the chairmen
    a = ('Representative Tom Vale of Ohio said the memos were damning. The committee will '
         'meet on Monday.')
    b = ('The three chairmen, Ray Lott, Tom Vale and Sam Ode, said the memos were damning. '
         'The committee will meet on Monday.')
    assert kinds_between(a, b, "title") == []


def test_almost_against_at_least_the_same_figure_is_a_number_divergence():
    [number] = kinds_between(
        "Investigators asked almost four dozen questions of the pilot on Tuesday.",
        "Investigators asked at least four dozen questions of the pilot on Tuesday.", "number")
    assert "almost four dozen" in number.a_text and "at least four dozen" in number.b_text


def test_a_plain_figure_inside_a_bound_is_no_divergence():
    assert kinds_between(
        "In total, the country fired 23 missiles during tests last year, officials said.",
        "The country fired over 20 missiles during tests last year, officials said.",
        "number") == []


def test_unlikely_against_expected_to_meet_is_flagged():
    a = ('The prime minister arrived in London on Monday. He is unlikely to meet Queen '
         'Elizabeth II during the visit, officials said.')
    b = ('The prime minister landed in London on Monday. He is expected to meet the queen '
         'during the two-day visit, officials said.')
    found = tui.compare_texts(a, b).divergences
    assert found[0].topic == "Will or will not"
    assert "unlikely to meet" in found[0].a_text and "expected to meet" in found[0].b_text


def test_said_against_told_is_no_divergence():
    assert kinds_between(
        'Officials said the port would reopen on Thursday, the mayor said.',
        'Officials said the port would reopen on Thursday, the mayor told reporters.',
        "wording") == []


def test_a_fact_told_in_other_words_is_not_an_omission():
    a = ("The storm closed the port of Harwick on Monday. Officials said 40 ships were stuck "
         "at sea. The harbour master, Ines Lund, said the port would reopen on Thursday.")
    b = ("Ines Lund, who runs the harbour, expects Harwick port to reopen Thursday after "
         "Monday's storm shut it. About 40 vessels could not dock. Orla Marsh's bakery gave "
         "out free bread to stranded sailors.")
    omitted = [d.a_text or d.b_text for d in kinds_between(a, b, "omission")]
    assert not [t for t in omitted if "40" in t or "reopen" in t]
    assert [t for t in omitted if "bakery" in t]  # (what only B tells is still one)


def test_boilerplate_and_captions_are_no_omission():
    a = ("The council voted on Monday to close the Harwick ferry. Redacted copies of the seven "
         "documents can be seen below. The vote was 7 to 2.")
    b = "The council voted on Monday to close the Harwick ferry. The vote was 7 to 2."
    assert kinds_between(a, b, "omission") == []


def test_dates_that_conflict_inside_a_link_are_flagged():
    [when] = [d for d in kinds_between(
        "Brooke, a Republican, held the seat from 1966 to 1978, the historian said.",
        "Brooke, a Republican, served in the seat from 1967 to 1979, the historian said.",
        "number") if d.topic == "When"]
    assert when.a_text == "from 1966 to 1978" and when.b_text == "from 1967 to 1979"


def test_spans_are_whole_phrases_not_fragments():
    found = tui.compare_texts(
        "The city will spend roughly 2,000 dollars on each new bus shelter next year.",
        "The city will spend some 3,500 dollars on each new bus shelter next year.")
    [number] = [d for d in found.divergences if d.kind == "number"]
    assert number.a_text.startswith("roughly 2,000") and number.b_text.startswith("some 3,500")


def test_a_capital_opening_a_sentence_names_no_one():
    a = ("The council voted on Monday to close the Harwick ferry, the mayor said. "
         "Analysts expect the closure to hurt Harwick shops along the quay for the rest of the "
         "year.")
    b = "The council voted on Monday to close the Harwick ferry, the mayor said."
    [omitted] = kinds_between(a, b, "omission")  # still reported: only A tells it
    assert "never names" not in omitted.note  # but not for "Analysts", a name B never gives
    a2 = ('The council voted on Monday to close the Harwick ferry, the mayor said. '
          '"There won\u2019t be any ferry at all by the spring of the coming year," she said.')
    assert kinds_between(a2, b, "omission") == []  # no name, no figure: nothing to check


def test_a_name_after_an_honorific_is_still_a_name():
    a = ("The council voted on Monday to close the Harwick ferry, the mayor said. "
         "The plan was drawn up by Mr. Ostrander over the course of the last two winters.")
    b = "The council voted on Monday to close the Harwick ferry, the mayor said."
    [omitted] = kinds_between(a, b, "omission")
    assert "never names Ostrander" in omitted.note


def test_promotions_are_no_omission():
    a = ("The council voted on Monday to close the Harwick ferry, the mayor said. "
         "More: A minute-by-minute guide to the Harwick Gazette's interview with the mayor.")
    b = "The council voted on Monday to close the Harwick ferry, the mayor said."
    assert kinds_between(a, b, "omission") == []


def test_a_question_ranks_below_a_statement():
    base = "The council voted on Monday to close the Harwick ferry, the mayor said."
    asked = kinds_between(
        base + " Will the Brackenridge Trust now buy the old Harwick pier from the county? "
        "The vote was 7 to 2.", base + " The vote was 7 to 2.", "omission")
    told = kinds_between(
        base + " The Brackenridge Trust will now buy the old Harwick pier from the county. "
        "The vote was 7 to 2.", base + " The vote was 7 to 2.", "omission")
    assert len(asked) == len(told) == 1
    assert asked[0].salience < told[0].salience


def test_a_name_ends_with_its_sentence():
    a = ("The council voted on Monday to close the Harwick ferry, the mayor said. "
         '"Come and visit Kestrel Bay. We are open for business," said the mayor, Ines Lund, '
         "on the quay.")
    b = "The council voted on Monday to close the Harwick ferry, the mayor said."
    [omitted] = kinds_between(a, b, "omission")
    assert omitted.note.endswith("(B never names Kestrel Bay, Ines Lund)")  # not "Bay. We"
