from __future__ import annotations

import pytest

from tui.core.ingest.segment import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text,expected", [
    ("Mr. Smith went to Washington. He said hi.",
     ["Mr. Smith went to Washington.", "He said hi."]),
    ("The U.S. Army came. The U.S. said no.", ["The U.S. Army came.", "The U.S. said no."]),
    ("It rose to the U.S. The next day it fell.", ["It rose to the U.S.", "The next day it fell."]),
    ("Since the Oct. 7 attack, Kyiv has spoken. Moscow too.",
     ["Since the Oct. 7 attack, Kyiv has spoken.", "Moscow too."]),
    ("Michael T. Flynn resigned. Vladimir V. Putin did not.",
     ["Michael T. Flynn resigned.", "Vladimir V. Putin did not."]),
    ("Growth was 2.5 percent, or 1,300.5 units. Then it fell.",
     ["Growth was 2.5 percent, or 1,300.5 units.", "Then it fell."]),
    ('"It is over. We won," she said. Next one.', ['"It is over. We won," she said.', "Next one."]),
    ("\u201cIt is over. We won,\u201d she said. Next.",
     ["\u201cIt is over. We won,\u201d she said.", "Next."]),
    ("They must evacuate... at the demand of the army. Yet all are silent.",
     ["They must evacuate... at the demand of the army.", "Yet all are silent."]),
    ("Wait for it... Then go.", ["Wait for it...", "Then go."]),
    ("The PM met Gen. Smith on Tuesday. They talked.",
     ["The PM met Gen. Smith on Tuesday.", "They talked."]),
    ('"What matters now is to stop the bloodshed," the leader said. He left.',
     ['"What matters now is to stop the bloodshed," the leader said.', "He left."]),
    ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
    ("No full stop at the end", ["No full stop at the end"]),
    # quotes spaced out by a tokeniser: a closing quote alone is no sentence of its own
    ("He paused. He said ' I need loyalty. '", ["He paused.", "He said ' I need loyalty. '"]),
    ('A great day. Look forward to our Summit. "',
     ["A great day.", 'Look forward to our Summit. "']),
    ("Great news. \U0001f389\U0001f389", ["Great news.", "\U0001f389\U0001f389"]),
])
def test_segmentation(text, expected):
    assert sentences(text) == expected


def test_spans_exclude_the_space_between():
    text = "One.  Two.\tThree."
    assert split_sentences(text) == [(0, 4), (6, 10), (11, 17)]
