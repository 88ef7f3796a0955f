"""Passage features: the fast paths give what the plain rules give."""

from __future__ import annotations

import pytest

from tui.core.textnorm import (
    _EQUIV,
    _EQUIV_TRIGGER,
    _apply_equivalences,
    _may_have_equivalence,
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
])
def test_equivalence_trigger_is_necessary(text):
    """A text the trigger passes over is one no equivalence pattern matches."""
    matched = any(pattern.search(text) for pattern, _ in _EQUIV)
    assert not matched or _EQUIV_TRIGGER.search(text)
    assert not matched or _may_have_equivalence(text)
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
