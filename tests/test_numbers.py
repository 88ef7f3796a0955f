"""Figures: parsing numerals and number words with qualifiers and units, and comparing them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.diverge.figure_match import compare_figures, format_difference
from tui.core.diverge.figures import parse_figures


def one(text: str):
    figures = parse_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "direction", "unit"),
    [
        ("over 2,800 Palestinians had been killed", 2800, "over", "above", "palestinians"),
        ("the deaths of at least 2,750 people", 2750, "at least", "above", "people"),
        ("more than 1,300 Israelis were killed", 1300, "more than", "above", "israelis"),
        ("sales reached 2.8k units", 2800, None, "exact", "units"),
        ("a loan of 1.2 billion dollars", 1.2e9, None, "exact", "dollar"),
        ("more than 1 million people", 1e6, "more than", "above", "people"),
        ("More than a million people fled", 1e6, "More than", "above", "people"),
        ("after ten days of bombing", 10, None, "exact", "day"),
        ("two dozen soldiers", 24, None, "exact", "soldiers"),
        ("twenty-five people", 25, None, "exact", "people"),
        ("two hundred and fifty cars", 250, None, "exact", "cars"),
        ("half a million refugees", 5e5, None, "exact", "refugees"),
        ("nearly 3,000 homes", 3000, "nearly", "below", "homes"),
        ("almost 40 villages", 40, "almost", "below", "villages"),
        ("about 7,000 troops", 7000, "about", "approx", "troops"),
        ("up to 200 people", 200, "up to", "below", "people"),
        ("roughly 2,000 American troops", 2000, "roughly", "approx", "troops"),
        ("all 2,000 troops", 2000, "all", "exact", "troops"),
        ("2,800 or more people", 2800, "or more", "above", "people"),
        ("a rise of 5 percent", 5, None, "exact", "percent"),
        ("$3.5 million in aid", 3.5e6, None, "exact", "dollar"),
        ("the 17-year war", 17, None, "exact", "year"),
    ],
)
def test_parse(text, value, qualifier, direction, unit):
    f = one(text)
    assert math.isclose(f.value, value)
    assert f.qualifier == qualifier
    assert f.direction == direction
    assert f.unit == unit
    assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("ordered hundreds of thousands to evacuate", 2e5, 1e6),
        ("tens of thousands of people", 2e4, 1e5),
        ("thousands injured", 2e3, 1e4),
        ("dozens of wounded", 24, 100),
        ("several thousand protesters", 3e3, 1e4),
        ("2,000-3,000 people", 2e3, 3e3),
    ],
)
def test_parse_vague(text, low, high):
    f = one(text)
    assert f.vague
    assert (f.low, f.high) == (low, high)


@pytest.mark.parametrize(
    "text",
    [
        "On October 7 Hamas attacked.",
        "In 2022 Russia invaded, after the 1991 collapse.",
        "At 16:15 GMT on 2023-10-13.",
        "the Oct. 7 attack and Feb. 28",
        "the first time, the 7th day",
        "a Boeing 737, COVID-19, F-16 jets, the G20 and Resolution 2334",
        "a two-state solution",
        "one of the leaders said",
        "at 10 a.m. local time",
        "Air Force One landed",
    ],
)
def test_not_figures(text):
    assert parse_figures(text) == []


@pytest.mark.parametrize(
    ("x", "y", "agree", "difference"),
    [
        ("more than 1,300 Israelis", "over 1,300 Israeli lives", True, 0),
        ("1,300 people", "more than 1,300 people", True, 0),
        ("about 2,000 troops", "2,000 troops", True, 0),
        ("2.8k units", "2,800 units", True, 0),
        ("1 million people", "a million people", True, 0),
        ("hundreds of thousands", "500,000 people", True, None),
        ("hundreds of thousands", "hundreds of thousands of people", True, None),
        ("over 2,800 Palestinians", "at least 2,750 people", False, -50),
        ("hundreds of thousands", "more than 1 million people", False, None),
        ("nearly 3,000 homes", "more than 3,000 homes", False, 0),
        ("ten days", "two weeks", False, 4),
        ("about 2,000 troops", "2,100 troops", False, 100),
    ],
)
def test_compare(x, y, agree, difference):
    match = compare_figures(one(x), one(y))
    assert match.comparable
    assert match.agree is agree
    if difference is not None:
        assert match.difference == pytest.approx(difference)


def test_qualifier_differs_is_flagged_but_agrees():
    match = compare_figures(one("roughly 2,000 troops"), one("all 2,000 troops"))
    assert match.agree and match.qualifier_differs
    same = compare_figures(one("more than 1,300 people"), one("over 1,300 people"))
    assert same.agree and not same.qualifier_differs


def test_categories_do_not_compare():
    assert not compare_figures(one("5 percent"), one("5 people")).comparable
    assert not compare_figures(one("ten days"), one("10 people")).comparable


def test_format_difference():
    assert format_difference(-50) == "(\u221250)"
    assert format_difference(1500) == "(+1,500)"
    assert format_difference(0) == ""


@given(st.text(alphabet=st.sampled_from(list("0123456789,. abcmorethanoverk%$-\n")),
               max_size=60))
def test_spans_stay_in_bounds(text):
    for f in parse_figures(text):
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.low <= f.high
