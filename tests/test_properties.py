"""Properties of the loader, the segmenter and the engine on arbitrary Unicode (Hypothesis).

Examples are kept few and deadlines off, so the suite stays fast and never fails on a slow
machine; ``HYPOTHESIS_PROFILE=thorough`` runs many more.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui
from tui.core.ingest.loader import parse_article
from tui.core.ingest.segment import split_sentences

settings.register_profile(
    "parallax", max_examples=100, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", parent=settings.get_profile("parallax"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "parallax"))

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Characters that stress the loader: controls, bidi, zero-width, line and paragraph breaks,
# combining marks, wide and right-to-left letters, emoji, markup and sentence punctuation.
TRICKY = list(
    "\x00\x07\x08\x1b\x7f\x85\x9b\r\n\n\t \u00a0\u2028\u2029\u202e\u2066\u2069\u200b\u200c"
    "\u200d\u2060\ufeff\u00ad\u0301\u0308\u05d0\u0627\u4e2d\u3002\uff01\u300c\u300d"
    ".!?\u2026\"'\u201c\u201d\u2019()[]<>&;#/:-\u2014,0123456789"
) + ["\U0001f468\u200d\U0001f469", "\U0001f1f3\U0001f1ff", "&amp;", "&#x1b;", "&#0;",
     "<b>", "</p>", "<script>", "[bold]", "[/]", "\x1b[31m", "\x1b]8;;http://x\x1b\\",
     "---\n", "title: x\n", "By ", "Mr. ", "U.S. ", "3.5 ", "Oct. 13, 2023", "\r\n"]

text = st.lists(
    st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(TRICKY)),
    max_size=200,
).map("".join)

WORDS = [
    "ferry", "crews", "Lakeport", "union", "council", "strike", "rota", "said", "talks",
    "Monday", "4,000", "212", "pilots", "commuters", "resume", "statement", "harbour",
    "Lake\u200bport", "caf\u00e9", "cafe\u0301", "\u6e21\u8f6e",
    "\u0627\u0644\u0646\u0642\u0627\u0628\u0629",
    "\u05d4\u05e2\u05d9\u05e8\u05d9\u05d9\u05d4", "\U0001f6a2", "[bold]", "<i>", "&amp;",
    "\x1b[2J", "\u202eevil", "U.S.", "Mr.", "3.5",
]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(
    lambda words: " ".join(words)[:1].upper() + " ".join(words)[1:] + "."
)
prose = st.lists(
    st.lists(sentence, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=5
).map("\n\n".join)


def _check_article(article, source: str) -> None:
    body = article.body
    assert article.source == source
    end = 0
    for i, p in enumerate(article.passages):
        assert p.index == i
        assert end <= p.start < p.end <= len(body)
        assert body[p.start : p.end] == p.text
        assert 0 <= p.paragraph < len(article.paragraphs)
        end = p.end
    for start, stop in article.paragraphs:
        assert 0 <= start <= stop <= len(body)
    for offset in range(0, len(body) + 1, max(1, len(body) // 7)):
        assert 0 <= article.source_offset(offset) <= len(source)
    for shown in (article.id, article.title, article.outlet, article.body, article.dek or "",
                  article.byline or "", article.url or "", article.date or ""):
        assert not RAW_CONTROL.search(shown), shown


@given(text)
def test_parse_article_never_raises_and_keeps_spans_in_bounds(source):
    _check_article(parse_article(source, id="x"), source)


@given(prose)
def test_parse_article_on_prose(source):
    article = parse_article(source, id="x")
    _check_article(article, source)
    assert article.passages


@given(text)
def test_sentence_spans_are_ordered_disjoint_and_trimmed(paragraph):
    spans = split_sentences(paragraph)
    end = 0
    for start, stop in spans:
        assert end <= start < stop <= len(paragraph)
        assert not paragraph[start].isspace() and not paragraph[stop - 1].isspace()
        end = stop
    # white space is all that falls between or around the sentences
    gaps = [paragraph[a:b] for a, b in zip([0] + [s for _, s in spans],
                                           [s for s, _ in spans] + [len(paragraph)],
                                           strict=True)]
    assert all(not gap.strip() for gap in gaps), gaps
    assert bool(spans) == bool(paragraph.strip())


def _check_comparison(comparison) -> None:
    a, b = comparison.a, comparison.b
    # every passage of the body is linked (a passage may sit in more than one link) or in
    # one side only; the headline and dek are paired with their like only (heads)
    linked_a = {i for link in comparison.links for i in link.a}
    linked_b = {i for link in comparison.links for i in link.b}
    assert not linked_a & set(comparison.only_a) and not linked_b & set(comparison.only_b)
    assert linked_a | set(comparison.only_a) == set(range(a.lead_paragraphs, len(a.passages)))
    assert linked_b | set(comparison.only_b) == set(range(b.lead_paragraphs, len(b.passages)))
    for head in comparison.heads:
        assert a.passages[head.a[0]].role == b.passages[head.b[0]].role != "body"
    for link in (*comparison.links, *comparison.heads):
        assert 0.0 <= link.score <= 1.0 + 1e-9
        assert list(link.a) == list(range(link.a[0], link.a[-1] + 1))
        assert list(link.b) == list(range(link.b[0], link.b[-1] + 1))
        a_span = a.body[a.passages[link.a[0]].start : a.passages[link.a[-1]].end]
        b_span = b.body[b.passages[link.b[0]].start : b.passages[link.b[-1]].end]
        # the word operations tile each side, and applied to A they give B's words (an equal
        # op may differ in the white space after its words)
        assert "".join(op.a_text for op in link.ops) == a_span
        assert "".join(op.b_text for op in link.ops) == b_span
        rebuilt = "".join(op.a_text if op.op == "equal" else op.b_text for op in link.ops)
        assert rebuilt.split() == b_span.split() or "".join(rebuilt.split()) == "".join(
            b_span.split()
        )
        a_pos, b_pos = a.passages[link.a[0]].start, b.passages[link.b[0]].start
        for op in link.ops:
            assert op.op in ("equal", "replace", "delete", "insert")
            assert (op.a_start, op.b_start) == (a_pos, b_pos)
            assert a.body[op.a_start : op.a_end] == op.a_text
            assert b.body[op.b_start : op.b_end] == op.b_text
            if op.op == "equal":
                assert "".join(op.a_text.split()) == "".join(op.b_text.split())
            elif op.op == "delete":
                assert not op.b_text.strip()
            elif op.op == "insert":
                assert not op.a_text.strip()
            a_pos, b_pos = op.a_end, op.b_end
    for d in comparison.divergences:
        for article, span in ((a, d.a_span), (b, d.b_span)):
            if span is not None:
                assert 0 <= span[0] <= span[1] <= len(article.body)


@given(text, text)
def test_compare_texts_never_raises(text_a, text_b):
    _check_comparison(tui.compare_texts(text_a, text_b))


@given(prose, prose)
def test_compare_prose_ops_rebuild_b_from_a(text_a, text_b):
    _check_comparison(tui.compare_texts(text_a, text_b))


@given(prose)
def test_a_text_compared_with_itself_links_every_passage_to_itself(source):
    comparison = tui.compare_texts(source, source)
    _check_comparison(comparison)
    n, lead = len(comparison.a.passages), comparison.a.lead_paragraphs
    assert [(link.a, link.b) for link in comparison.links] == [
        ((i,), (i,)) for i in range(lead, n)]
    assert [(h.a, h.b) for h in comparison.heads] == [((i,), (i,)) for i in range(lead)]
    for link in comparison.links:
        assert abs(link.score - 1.0) < 1e-6, link.score
        assert not [op for op in link.ops if op.substantive]
    assert not comparison.only_a and not comparison.only_b
    assert not comparison.divergences
