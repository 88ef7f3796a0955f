"""Passage features: the fast paths give what the plain rules give."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.align.features import (
    _EQUIV,
    _EQUIV_TRIGGER,
    _RECIPES,
    _SET,
    _SETDEFAULT,
    _ZERO_WIDTH,
    QUOTE_MAP,
    WORD_RE,
    _apply_equivalences,
    _may_have_equivalence,
    _may_match,
    _recipe,
    features,
)


def _every_equivalence(text: str) -> str:
    for pattern, repl in _EQUIV:
        text = pattern.sub(repl, text)
    return text


@pytest.mark.parametrize("text", [
    "United States of America", "u. s. a.", "USA", "US", "the U.K. and Britain", "UK",
    "united nations", "U.N.", "UN", "European Union", "e.u.", "EU", "Prime Minister",
    "premier", "PM", "Secretary of State", "Security Council", "UNSC", "WHITE HOUSE",
    "Gaza Strip", "Middle East", "mideast", "FBI", "F.B.I.", "FB.I", "CIA", "C.I.A.",
    "per cent", "PerCent", "5%", "Farmers harvested wheat in the valley.", "",
    "the e.\tu. rules", "E. U.", "e.u", "u.\ns.", "Ka U.K.", "by the lake. Under", "\u0130stanbul",
    "\u212aelvin u.\u017f.", "pe\u0280 cent", "\u0131ndia", "u.n.", "the u. n. said",
    "Britain and the u.k.", "U.S. and U.N. and E.U.", "5 per cent of the U.S.",
    "the US-led talks", "x.u.s. rules", "a.F.B.I. agent", "F.BI", "re-united states",
    "the UK's", "o'premier", "Gaza Strip-based", "5 Per Cent", "eu-EU", "C.IA", "CI.A",
])
def test_equivalence_trigger_is_necessary(text):
    """A text the trigger passes over is one no equivalence pattern matches."""
    matched = any(pattern.search(text) for pattern, _ in _EQUIV)
    assert not matched or _EQUIV_TRIGGER.search(text)
    assert not matched or _may_have_equivalence(text)
    assert not matched or not text.isascii() or _may_match(text, WORD_RE.findall(text))
    assert _apply_equivalences(text) == _every_equivalence(text)


@pytest.mark.parametrize("text,terms", [
    ("Officials met Putin", {"offici": "content", "met": "content", "putin": "name"}),
    ("Putin met officials", {"putin": "content", "met": "content", "offici": "content"}),
    ("Putin met Putin", {"putin": "name", "met": "content"}),
    ("2,800 died in the U.S.", {"#2800": "number", "~3e+03": "bucket", "@death": "concept",
                                "die": "content", "in": "stop", "the": "stop",
                                "unitedstates": "name"}),
    ("twenty-one Al-Sisi said", {"twenti": "content", "one": "stop", "al": "name",
                                 "sisi": "name", "said": "stop"}),
])
def test_features_classes(text, terms):
    """Each token's recipe is cached; the class of a word still depends on where it stands."""
    for _ in range(2):
        assert list(features(text).terms.items()) == list(terms.items())  # (order counts)


def _plain_features(text: str) -> tuple[list, list]:
    """``features`` by the plain rules: each step of each token's recipe in turn."""
    if not text.isascii():
        text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text).translate(QUOTE_MAP))
    terms: dict[str, str] = {}
    display: dict[str, str] = {}
    for i, raw in enumerate(WORD_RE.findall(_every_equivalence(text))):
        steps, shown = _recipe(raw)
        for kind, key, cls in steps:
            if kind == _SETDEFAULT:
                terms.setdefault(key, cls)
            elif kind == _SET:
                terms[key] = cls
            elif terms.get(key) != "name":
                terms[key] = "content" if i == 0 else cls  # (a first word is no name)
        for key in shown:
            display.setdefault(key, raw)
    return list(terms.items()), list(display.items())


_PIECES = ["Putin", "putin", "Do", "do", "doings", "Will", "will", "The", "the", "a", "I",
           "U.S.", "u. s.", "US", "US-led", "UK's", "Britain", "per cent", "5%", "1,234",
           "2,800", "3.5", "1.2.3", "3rd", "twenty-one", "One", "Al-Sisi", "al-sisi", "it's",
           "Whitehouse", "White House", "F.B.I.", "FB.I", "x.u.s.", "e-mail", "Killed",
           "killed", "Moscow", "attack", "Attacks", "café", "Café", "\u2019s", "\u201cGaza,\u201d",
           "\u0130stanbul", "ﬁnance", "\u200b", "--", "-", "'", ".", ",", "_x"]


@pytest.mark.parametrize("text", [
    "Do doings do", "doings do Do", "Putin met putin and Putin", "putin met Putin",
    "Al-Sisi met al-sisi", "Killed 2,800 killed", "the US-led strike", "x.u.s. and e-mail",
    "It's Britain's", "He said 5 per cent", "Caf\u00e9 na\u00efve CAF\u00c9", "I a", "", "  .",
    "Whitehouse whitehouse White House", "One one twenty-one Twenty", "Attack attacks Attack",
])
def test_features_follow_the_plain_rules(text):
    """The dicts made in one go hold what the steps, one after another, give (order too)."""
    for _ in range(2):  # (recipes made, then cached)
        f = features(text)
        assert (list(f.terms.items()), list(f.display.items())) == _plain_features(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=20),
       st.lists(st.sampled_from([" ", " ", ", ", ". ", "-", "'", "", "\n"]), min_size=20,
                max_size=20))
def test_features_follow_the_plain_rules_anywhere(words, seps):
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    _RECIPES.clear()
    f = features(text)
    assert (list(f.terms.items()), list(f.display.items())) == _plain_features(text)
    if text.isascii() and any(pattern.search(text) for pattern, _ in _EQUIV):
        assert _may_match(text, WORD_RE.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=20),
       st.lists(st.sampled_from([" ", "  ", ", ", ". ", "-", "'", "", "\n", "\t"]),
                min_size=20, max_size=20))
def test_word_pieces_are_the_tokens_with_the_space_after_them(words, seps):
    """The guarded tokeniser of the word diff finds what TOKEN_RE does."""
    import re

    from tui.core.align.features import TOKEN_RE, word_pieces

    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    plain = re.compile(f"(?:{TOKEN_RE.pattern})\\s*").findall(text)
    if plain and sum(map(len, plain)) == len(text) - (len(text) - len(text.lstrip())):
        lead = len(text) - len(text.lstrip())
        plain[0] = text[:lead] + plain[0]
        assert word_pieces(text) == plain
    assert "".join(word_pieces(text)) == text or not text.strip()
