"""Stories: grouping articles by event, coverage of every passage, the story's facts."""

from __future__ import annotations

from dataclasses import replace

from story_fixtures import QUAKE_1, QUAKE_2, QUAKE_LATER, article, two_events

from tui.core.align.linker import align, corpus_background
from tui.core.corpus.coverage import align_story, carried, facts, story_articles, story_report
from tui.core.corpus.report import corpus_report, story_divergences
from tui.core.corpus.stories import (
    average_linkage,
    date_factor,
    find_story,
    group_stories,
    story_of,
)
from tui.core.model import Comparison, Corpus, Link

# ----------------------------------------------------------------------------- grouping


def groups(stories) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def test_two_events_in_one_country_stay_apart_and_each_groups_across_wordings():
    stories = group_stories(two_events())
    assert groups(stories) == {
        frozenset({"quake-andes", "quake-pacific"}),
        frozenset({"vote-andes", "vote-pacific"}),
        frozenset({"football"}),
    }
    assert [len(s.articles) for s in stories] == [2, 2, 1]  # most articles first
    assert [s.number for s in stories] == [1, 2, 3]


def test_a_story_is_labelled_by_a_title_and_names_its_outlets():
    quake = story_of(group_stories(two_events()), "quake-pacific")
    assert quake.label in ("Deadly quake hits Valparaíso", "Earthquake kills 14 in central Chile")
    assert quake.outlets == ("Andes Daily", "Pacific Wire")
    assert (quake.first, quake.last) == ("2024-03-02", "2024-03-02")


def test_a_follow_up_weeks_later_is_another_story_days_later_the_same():
    def stories(later: str):
        return groups(group_stories(Corpus(root="invented", articles=(
            article("a", "Andes Daily", "2024-03-02", "Quake", QUAKE_1),
            article("b", "Pacific Wire", "2024-03-02", "Quake", QUAKE_2),
            article("c", "Pacific Wire", later, "Two months on", QUAKE_LATER),
        ))))

    assert stories("2024-05-06") == {frozenset({"a", "b"}), frozenset({"c"})}
    assert stories("2024-03-04") == {frozenset({"a", "b", "c"})}


def test_date_factor_full_when_near_falling_with_the_gap_and_neutral_without_a_date():
    assert date_factor(100, 103) == 1.0
    assert 0.2 < date_factor(100, 108) < 1.0
    assert date_factor(100, 130) == date_factor(100, 500) == 0.2
    assert date_factor(None, 100) == date_factor(100, None) < 1.0


def test_average_linkage_does_not_chain_through_one_member():
    # 0-1, 1-2 and 2-3 are close, 0-2, 0-3 and 1-3 unrelated: chaining pairs would make one
    # group of four; average linkage makes two groups of two
    weights = {(0, 1): 0.5, (1, 2): 0.45, (2, 3): 0.5}
    assert average_linkage(4, weights, 0.3) == [[0, 1], [2, 3]]
    assert average_linkage(3, {(0, 1): 0.5, (0, 2): 0.4, (1, 2): 0.35}, 0.3) == [[0, 1, 2]]
    assert average_linkage(2, {}, 0.1) == [[0], [1]]


def test_the_seeds_are_one_story_of_five(seed_corpus):
    stories = group_stories(seed_corpus)
    assert len(stories) == 1
    story = stories[0]
    assert set(story.articles) == {a.id for a in seed_corpus.articles}
    assert len(set(story.outlets)) == 5  # unique names, even for one outlet's two articles
    assert story.label in {a.title for a in seed_corpus.articles}
    assert (story.first, story.last) == ("2023-10-13", "2023-10-17")


def test_find_a_story_by_number_or_article_id():
    stories = group_stories(two_events())
    quake = story_of(stories, "quake-andes")
    assert find_story(stories, str(quake.number)) is quake
    assert find_story(stories, "quake-pacific") is quake
    assert find_story(stories, "foot") is story_of(stories, "football")
    assert find_story(stories, "quake") is quake  # the start of ids of one story only
    assert find_story(stories, "") is None  # ... of every story
    assert find_story(stories, "9") is None


def test_progress_is_reported_up_to_the_total(seed_corpus):
    calls = []
    group_stories(seed_corpus, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1] > 0


# ----------------------------------------------------------------------------- coverage


def test_a_passage_is_carried_by_exactly_the_articles_that_link_it(seed_corpus):
    story = group_stories(seed_corpus)[0]
    articles = story_articles(seed_corpus, story)
    background = corpus_background(seed_corpus.articles)
    pairs = align_story(articles, background=background)
    assert len(pairs) == 10
    found = carried(articles, pairs)
    for n, x in enumerate(articles):
        for m, y in enumerate(articles):
            if n == m:
                continue
            # the alignment of the pair, made afresh in the pair's own order
            comparison = align(x, y, background=background)
            linked = {p for link in comparison.links for p in link.a}
            for p in range(len(x.passages)):
                assert (y.id in found[n][p]) == (p in linked), (x.id, y.id, p)


def test_align_story_reuses_known_pairs_and_reports_progress(seed_corpus):
    articles = seed_corpus.articles[:3]
    first = align_story(articles)
    calls = []
    again = align_story(articles, known=first, progress=lambda d, t: calls.append((d, t)))
    assert all(again[k] is first[k] for k in first)
    assert calls == [(1, 3), (2, 3), (3, 3)]


def fact_with(report, words: str):
    """The fact holding the passage whose text has ``words``, and how many articles tell it."""
    articles = {a.id: a for a in report.articles}
    for fact in report.facts:
        for aid, passages in fact.passages:
            if any(words in articles[aid].passages[p].text for p in passages):
                return fact, len(fact.passages)
    raise AssertionError(f"no passage with {words!r}")


def test_the_story_view_facts_of_the_seeds(seed_corpus):
    report = story_report(seed_corpus, group_stories(seed_corpus)[0])
    # told by several outlets: the condolences, the calls to regional leaders, the offer
    assert fact_with(report, "sincere condolences to the families")[1] >= 2
    assert fact_with(report, "Ebrahim Raisi, Syrian President Bashar al-Assad")[1] >= 3
    assert fact_with(report, "ready to coordinate with all constructive")[1] >= 3
    # one outlet's own: the Medvedev quote
    assert fact_with(report, "Medvedev")[1] == 1
    # most widely told first, and every passage of the story's bodies in exactly one fact
    # (a headline or dek is no fact)
    counts = [len(f.passages) for f in report.facts]
    assert counts == sorted(counts, reverse=True)
    told = [(aid, p) for f in report.facts for aid, ps in f.passages for p in ps]
    assert sorted(told) == sorted((a.id, p.index) for a in report.articles for p in a.passages
                                  if p.in_body)


def _pairs(x, y, z, links_xy, links_yz, links_xz):
    """Comparisons linking the body passages given (counted from each body's first)."""
    def comparison(a, b, links):
        la, lb = a.lead_paragraphs, b.lead_paragraphs
        return Comparison(a=a, b=b, links=tuple(Link(a=(p + la,), b=(q + lb,), score=s)
                                                for p, q, s in links),
                          only_a=(), only_b=(), threshold=0.12)

    return {(x.id, y.id): comparison(x, y, links_xy), (y.id, z.id): comparison(y, z, links_yz),
            (x.id, z.id): comparison(x, z, links_xz)}


def test_facts_do_not_chain_two_passages_of_one_article_through_others():
    x = article("x", "X", None, "X", "First fact here.\n\nSecond fact there.")
    y = article("y", "Y", None, "Y", "The first fact.")
    z = article("z", "Z", None, "Z", "A fact, told by Z.")
    # x0-y0 and y0-z0 are strong; z0 is also (weakly) linked to x1, another passage of x
    pairs = _pairs(x, y, z, [(0, 0, 0.5)], [(0, 0, 0.4)], [(1, 0, 0.2)])
    found = {f.passages for f in facts((x, y, z), pairs)}
    assert found == {(("x", (1,)), ("y", (1,)), ("z", (1,))), (("x", (2,)),)}  # (0: headline)


def test_an_article_telling_one_fact_in_two_sentences_keeps_both_in_the_fact():
    x = article("x", "X", None, "X", "The minister resigned. She gave no reason.")
    y = article("y", "Y", None, "Y", "The minister resigned without giving a reason.")
    z = article("z", "Z", None, "Z", "Nothing related at all.")
    pairs = _pairs(x, y, z, [(0, 0, 0.5), (1, 0, 0.3)], [], [])
    found = facts((x, y, z), pairs)
    assert found[0].passages == (("x", (1, 2)), ("y", (1,)))  # (0: the headline)
    assert {f.passages for f in found[1:]} == {(("z", (1,)),)}


# ----------------------------------------------------------------------------- divergences


def test_a_story_keeps_the_divergences_of_its_own_pairs(seed_corpus):
    ids = [a.id for a in seed_corpus.articles]
    only = {ids[1], ids[4]}
    report = corpus_report(seed_corpus, only=only)
    assert report.divergences
    assert all(f.article in only for d in report.divergences for f in d.forms)
    assert {(a, b) for a, b, _ in report.related} <= {(ids[1], ids[4]), (ids[4], ids[1])}
    # the whole corpus as one group is the corpus report itself
    whole = corpus_report(seed_corpus)
    assert corpus_report(seed_corpus, only=ids).divergences == whole.divergences
    assert story_divergences(seed_corpus, [ids, sorted(only)]) == [
        whole.divergences, report.divergences]


def test_story_report_carries_the_divergences_given(seed_corpus):
    story = group_stories(seed_corpus)[0]
    whole = corpus_report(seed_corpus)
    report = story_report(seed_corpus, story, divergences=whole.divergences)
    assert report.divergences == whole.divergences
    assert replace(report, divergences=()).facts == report.facts
