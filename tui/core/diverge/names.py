"""Whether two names may be one person's: a surname spelled two ways, a first name shortened
or given as a nickname or an initial ("Tim" / "Timothy", "Bibi" / "Benjamin", "J." / "James")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from rapidfuzz.fuzz import ratio

from ..align.features import strip_accents
from .common import fold


class Named(Protocol):
    key: str
    """The surname folded."""
    given: str
    """The first name folded ("" when none is given)."""


def name_key(word: str) -> str:
    w = strip_accents(fold(word)).replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = re.sub(r"^(?:al|el|ul|ad|as|ash|at|an|ar)-", "", w)
    return w.strip("'.-")


NICKNAMES = {
    "jim": "james", "jimmy": "james", "bill": "william", "will": "william", "bob": "robert",
    "rob": "robert", "mike": "michael", "joe": "joseph", "tom": "thomas", "dick": "richard",
    "rick": "richard", "chuck": "charles", "ted": "edward", "ed": "edward", "tony": "anthony",
    "dan": "daniel", "dave": "david", "steve": "stephen", "ben": "benjamin", "alex": "alexander",
    "sam": "samuel", "nick": "nicholas", "chris": "christopher", "liz": "elizabeth",
    "kate": "katherine", "pete": "peter", "matt": "matthew", "andy": "andrew", "jeff": "jeffrey",
    "greg": "gregory", "ron": "ronald", "don": "donald", "jon": "jonathan", "mo": "maurice",
    "bibi": "benjamin", "vlad": "vladimir", "sasha": "alexander", "al": "albert",
}


def same_given(x: str, y: str) -> bool:
    """Two first names that may belong to one person (variants, nicknames, initials)."""
    if not x or not y or x == y:
        return True
    if len(x.rstrip(".")) == 1 or len(y.rstrip(".")) == 1:
        return x[0] == y[0]
    x, y = strip_accents(x), strip_accents(y)
    if NICKNAMES.get(x, x) == NICKNAMES.get(y, y):
        return True
    if len(x) >= 2 and len(y) >= 2 and (x.startswith(y) or y.startswith(x)):
        return True  # Tim / Timothy
    return len(x) >= 4 and len(y) >= 4 and x[0] == y[0] and ratio(x, y) >= 80


@lru_cache(maxsize=65536)
def same_surname(x: str, y: str) -> bool:
    if x == y:
        return True
    if x.startswith(y) or y.startswith(x):
        return False  # Korea / Korean, Democrat / Democrats
    return len(x) >= 4 and len(y) >= 4 and x[0] == y[0] and ratio(x, y) >= 85


def person_matches(a: Named, b: Named) -> bool:
    """Do two mentions name the same person or group?"""
    return same_surname(a.key, b.key) and same_given(a.given, b.given)
