"""Word tokens and the normalised features that alignment compares.

Features survive the paraphrase of news writing: case, quote and dash styles, inflection
(Snowball stems), number formatting (2,800 ~ 2800), and common equivalences (U.S. ~ United
States, PM ~ Prime Minister).  Each feature has a class: ``name`` (capitalised word not at the
start of a sentence), ``number``, ``content`` or ``stop``, which sets its weight.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, product
from operator import itemgetter

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")

QUOTE_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u2026": "...",
})

STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
said says say saying told tell according added adding also mr mrs ms one two its it's
today yesterday
""".split())  # noqa: SIM905 (a word list reads best as text)

# Multi-word and abbreviated forms that mean the same thing, mapped to one feature.
EQUIVALENCES: tuple[tuple[str, str], ...] = (
    (r"(?i:\bunited states(?: of america)?\b|\bu\.\s?s\.(?:\s?a\.)?(?!\w))|\bUSA?\b",
     " unitedstates "),
    (r"(?i:\bunited kingdom\b|\bu\.\s?k\.(?!\w)|\bbritain\b)|\bUK\b", " unitedkingdom "),
    (r"(?i:\bunited nations\b|\bu\.\s?n\.(?!\w))|\bUN\b", " unitednations "),
    (r"(?i:\beuropean union\b|\be\.\s?u\.(?!\w))|\bEU\b", " europeanunion "),
    (r"(?i:\bprime minister\b|\bpremier\b)|\bPM\b", " primeminister "),
    (r"(?i:\bsecretary of state\b)", " secretaryofstate "),
    (r"(?i:\bsecurity council\b)|\bUNSC\b", " securitycouncil "),
    (r"(?i:\bwhite house\b)", " whitehouse "),
    (r"(?i:\bgaza strip\b)", " gaza "),
    (r"(?i:\bmiddle east\b|\bmideast\b)", " middleeast "),
    (r"\bF\.?B\.?I\.?(?!\w)", " fbi "),
    (r"\bC\.?I\.?A\.?(?!\w)", " cia "),
    (r"(?i:\bper ?cent\b)|%", " percent "),
)
_EQUIV = [(re.compile(p), r) for p, r in EQUIVALENCES]

# Words that news writers use interchangeably for one idea: each adds a shared concept feature
# (a small domain lexicon; the words' own stems are kept as well).
CONCEPTS: dict[str, tuple[str, ...]] = {
    "death": ("kill", "killed", "killing", "death", "deaths", "dead", "die", "died", "dying",
              "deceased", "fatalities", "fatality", "lives", "toll", "slain", "perished"),
    "injury": ("injured", "injuries", "wounded", "wounds", "hurt"),
    "bombing": ("airstrike", "airstrikes", "strikes", "bombing", "bombings", "bombardment",
                "shelling", "bombed", "raids", "missiles", "rockets"),
    "assault": ("offensive", "assault", "invasion", "incursion", "attack", "attacks",
                "operation", "raid"),
    "evacuate": ("evacuate", "evacuation", "relocate", "leave", "flee", "move", "displaced"),
    "truce": ("ceasefire", "truce", "armistice", "pause"),
    "talk": ("call", "called", "calls", "phoned", "phone", "spoke", "speaks", "talk", "talks",
             "talked", "conversation", "conversations", "discussion", "discussions", "telephone"),
    "condolence": ("condolences", "condolence", "sympathy", "sympathies", "mourn"),
    "prevent": ("prevent", "avert", "avoid", "stop", "halt", "end", "ending"),
    "disaster": ("catastrophe", "disaster", "crisis", "tragedy"),
    "help": ("help", "assist", "assistance", "aid", "support"),
    "ready": ("ready", "willing", "prepared"),
    "casualty": ("casualties", "losses", "victims"),
    "fighting": ("hostilities", "fighting", "violence", "bloodshed", "conflict", "war",
                 "confrontation", "clashes"),
    "resign": ("resign", "resigned", "resignation", "quit", "departure", "depart"),
    "blame": ("blame", "blamed", "accuse", "accused", "fault", "failure", "failed"),
    "warn": ("warn", "warned", "caution", "cautioned", "threaten", "threatened"),
    "meeting": ("summit", "meeting", "conference", "talks"),
    "agreement": ("agreement", "deal", "accord", "treaty", "pact"),
    "law": ("law", "bill", "legislation", "measure"),
    "court": ("court", "judge", "justice", "ruling", "ruled"),
    "vote": ("vote", "voted", "ballot", "election", "poll"),
    "money": ("money", "funds", "funding", "dollars", "budget", "spending"),
    "army": ("military", "army", "troops", "forces", "soldiers"),
}
# A country, its people, its capital and its seat of power stand for one another in news
# ("Moscow said", "the Kremlin said", "Russia said").
PLACES: tuple[tuple[str, ...], ...] = (
    ("russia", "russian", "russians", "moscow", "kremlin"),
    ("ukraine", "ukrainian", "ukrainians", "kyiv", "kiev"),
    ("china", "chinese", "beijing"), ("japan", "japanese", "tokyo"),
    ("france", "french", "paris", "elysee"), ("germany", "german", "germans", "berlin"),
    ("britain", "british", "london", "downing"), ("egypt", "egyptian", "cairo"),
    ("iran", "iranian", "iranians", "tehran"), ("syria", "syrian", "syrians", "damascus"),
    ("turkey", "turkish", "ankara"), ("india", "indian", "delhi"),
    ("israel", "israeli", "israelis", "jerusalem"), ("iraq", "iraqi", "baghdad"),
    ("palestine", "palestinian", "palestinians", "ramallah"),
    ("lebanon", "lebanese", "beirut"), ("jordan", "jordanian", "amman"),
    ("qatar", "qatari", "doha"), ("saudi", "riyadh"), ("korea", "korean", "pyongyang", "seoul"),
    ("mexico", "mexican", "mexicans"), ("canada", "canadian", "ottawa"),
    ("unitedstates", "american", "americans", "washington", "whitehouse", "pentagon"),
)
CONCEPTS.update({"place-" + g[0]: g for g in PLACES})
CONCEPT_OF: dict[str, str] = {}  # stem -> concept, filled below once stem() exists

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12,
}

# A word token: letters/digits with inner apostrophes, hyphens, dots (U.S.) or number commas.
WORD_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)*|(?:[^\W\d_]\.){2,}|\w+(?:['\u2019\-]\w+)*"
)
TOKEN_RE = re.compile(WORD_RE.pattern + r"|[^\w\s]")
# WORD_RE with lookaheads that each alternative needs anyway (every token starts with a word
# character; numbers with a digit; dotted abbreviations with a letter and a dot): the same
# tokens in two thirds of the time, as the engine no longer tries every alternative at every
# space and every word.
_WORD_GUARDED = (
    r"(?=\w)(?:(?=\d)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)*)"
    r"|(?=\w\.)(?:[^\W\d_]\.){2,}|\w+(?:['\u2019\-]\w+)*)"
)
_WORD_FIND = re.compile(_WORD_GUARDED).findall


def fold(text: str) -> str:
    """Casefold and unify quotes, dashes and compatibility characters; drop zero-width ones."""
    if text.isascii():
        return text.lower()  # (the same for ASCII text: nothing to normalise or map)
    text = unicodedata.normalize("NFKC", text).translate(QUOTE_MAP)
    return text.replace("\u200b", "").replace("\u200c", "").replace("\u200d", "").casefold()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def strip_accents(text: str) -> str:
    if text.isascii():
        return text  # (nothing to strip)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


CONCEPT_OF.update({stem(w): c for c, words in CONCEPTS.items() for w in words})


@dataclass(frozen=True, slots=True)
class Features:
    """The weighted features of one passage."""

    terms: dict[str, str]
    """feature -> class (``name``, ``number``, ``content``, ``stop``)."""
    display: dict[str, str]
    """feature -> a surface form, for explanations."""


# Text every equivalence needs (a necessary condition, with each pattern's own case rules):
# a passage without any of these is left as it is without running the 13 substitutions.
_EQUIV_TRIGGER = re.compile(
    r"(?i:united|\bu\.\s?[skn]\.|britain|\be\.\s?u\.|european|prime|premier|secretary"
    r"|security|white|gaza|middle|mideast|per ?cent)|U[SKN]|EU|PM|F\.?B|C\.?I|%"
)
# (the same for ASCII text, as plain substring tests, which are quicker than the search, and
# the dotted abbreviations searched in the lowercased text)
_TRIGGER_WORDS = ("united", "britain", "european", "prime", "premier", "secretary", "security",
                  "white", "gaza", "middle", "mideast", "percent", "per cent", "%")
_TRIGGER_CAPS = ("US", "UK", "UN", "EU", "PM", "FB", "F.B", "CI", "C.I")
_TRIGGER_DOTTED = re.compile(r"\b(?:u\.\s?[skn]|e\.\s?u)\.")


def _may_have_equivalence(text: str) -> bool:
    if not text.isascii():
        return _EQUIV_TRIGGER.search(text) is not None
    low = text.lower()
    for word in _TRIGGER_WORDS:
        if word in low:
            return True
    for word in _TRIGGER_CAPS:
        if word in text:
            return True
    return ("u." in low or "e." in low) and _TRIGGER_DOTTED.search(low) is not None


# What each pattern needs, in ASCII text: words in the lowercased text, capitals as written,
# or a dotted abbreviation (in the lowercased text).
_NEEDS: tuple[tuple[tuple[str, ...], tuple[str, ...], re.Pattern | None], ...] = (
    (("united states",), ("US",), re.compile(r"\bu\.\s?s\.")),
    (("united kingdom", "britain"), ("UK",), re.compile(r"\bu\.\s?k\.")),
    (("united nations",), ("UN",), re.compile(r"\bu\.\s?n\.")),
    (("european union",), ("EU",), re.compile(r"\be\.\s?u\.")),
    (("prime minister", "premier"), ("PM",), None),
    (("secretary of state",), (), None),
    (("security council",), ("UNSC",), None),
    (("white house",), (), None),
    (("gaza strip",), (), None),
    (("middle east", "mideast"), (), None),
    ((), ("FB", "F.B"), None),
    ((), ("CI", "C.I"), None),
    (("percent", "per cent", "%"), (), None),
)


def _apply_equivalences(text: str) -> str:
    if not _may_have_equivalence(text):
        return text  # (no pattern can match)
    if not text.isascii():
        for pattern, repl in _EQUIV:
            text = pattern.sub(repl, text)
        return text
    low = text.lower()
    dots = "u." in low or "e." in low
    for (pattern, repl), (words, caps, dotted) in zip(_EQUIV, _NEEDS, strict=True):
        if (_any_in(words, low) or _any_in(caps, text)
                or dots and dotted is not None and dotted.search(low)):
            text = pattern.sub(repl, text)
            low = text.lower()
            dots = "u." in low or "e." in low
    return text


def _any_in(parts: tuple[str, ...], text: str) -> bool:
    """``any(part in text for part in parts)``, without a generator (a third of the time)."""
    for part in parts:  # noqa: SIM110
        if part in text:
            return True
    return False


def _any_case(word: str) -> set[str]:
    return {"".join(chars) for chars in product(*({c, c.upper()} for c in word))}


# The same necessary condition for ASCII text, on its tokens and, when some have inner hyphens,
# apostrophes or dots (where a word boundary inside a token can be), on their pieces cut
# there: a pattern matches only where one of these pieces stands, each word in any case
# ("cent" for "per cent", "strip" for "gaza strip", "u" and "e" for the dotted forms, "F" and
# "C" for F.B.I. and C.I.A.), or where there is a "%".  Set tests in C instead of twenty
# substring tests (and the tokens' hashes are needed anyway, for their recipes).
_TRIGGER_PIECES = frozenset().union(
    *map(_any_case, ("united", "britain", "european", "prime", "premier", "secretary",
                     "security", "white", "strip", "middle", "mideast", "percent", "cent",
                     "u", "e")),
    ("US", "USA", "UK", "UN", "EU", "PM", "UNSC", "F", "FB", "FBI", "C", "CI", "CIA"),
)


def _may_match(text: str, tokens: list[str]) -> bool:
    """For ASCII ``text`` and its ``tokens``: may an equivalence pattern match?"""
    if "%" in text or not _TRIGGER_PIECES.isdisjoint(tokens):
        return True
    joined = " ".join(tokens)
    if "-" in joined or "'" in joined or "." in joined:
        pieces = joined.replace("-", " ").replace("'", " ").replace(".", " ").split()
        return not _TRIGGER_PIECES.isdisjoint(pieces)
    return False


def number_value(token: str) -> str | None:
    """A canonical string for a numeral: ``2,800`` and ``2800`` give ``2800``."""
    t = token.replace(",", "")
    try:
        value = float(t)
    except ValueError:
        return None
    return f"{value:g}" if value != int(value) else str(int(value))


def _bucket(value: str) -> str | None:
    """A rough magnitude (one significant digit), so 2,800 and 2,750 still look alike."""
    try:
        v = float(value)
    except ValueError:
        return None
    if v < 20 or (1900 <= v <= 2100 and v == int(v)):
        return None  # small counts and years say little about what a sentence reports
    return "~" + f"{v:.0e}"


_SPECIAL_NAMES = frozenset((
    "unitedstates", "unitedkingdom", "unitednations", "europeanunion", "primeminister",
    "secretaryofstate", "securitycouncil", "whitehouse", "middleeast", "fbi", "cia",
))
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_SETDEFAULT, _SET, _WORD = 0, 1, 2


class _RecipeCache(dict):
    """token -> what it adds to a passage's features (``_compiled``), made when first asked
    for (``recipes[token]``, in C while the token has been seen)."""

    __slots__ = ()

    def __missing__(self, raw: str) -> tuple:
        recipe = self[raw] = _compiled(raw)
        return recipe


_RECIPES: dict[str, tuple] = _RecipeCache()
"""A word cache like the stemmer's, shared by all passages."""
_PAIRS, _SHOWN = itemgetter(0), itemgetter(1)


def _compiled(raw: str) -> tuple:
    """``_recipe(raw)`` in the form ``features`` runs quickest: ``(pairs, shown, first)``, the
    ``(feature, class)`` pairs the token adds to ``terms`` in order, the ``(feature, raw)``
    pairs it adds to ``display``, and its pairs as the first token of a passage (where a
    capitalised word is no name; the same tuple as ``pairs`` when that changes nothing)."""
    if raw.isalpha() and raw.isascii():  # (a plain word, most tokens: what _recipe does)
        low = raw.lower()
        if len(low) > 1 and low not in _SPECIAL_NAMES and low not in NUMBER_WORDS:
            if low in STOP_WORDS:
                pairs = ((low, "stop"),)
                return pairs, (), pairs
            key = stem(low)
            if key not in CONCEPT_OF:
                if raw[0].isupper():
                    return ((key, "name"),), ((key, raw),), ((key, "content"),)
                pairs = ((key, "content"),)
                return pairs, ((key, raw),), pairs
    steps, shown = _recipe(raw)
    pairs, first, shows = [], [], []  # (loops: quicker than generators for a step or two)
    for kind, key, cls in steps:
        pairs.append((key, cls))
        first.append((key, "content" if kind == _WORD else cls))
    for key in shown:
        shows.append((key, raw))
    added = tuple(pairs)
    return added, tuple(shows), added if first == pairs else tuple(first)


_RANK = {"stop": 0, "content": 1, "name": 2}


def _strongest(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """``dict(pairs)``, but a key given several classes keeps the strongest: a name over a
    content word over a stop word.  That is what the steps of ``_recipe`` give, applied one
    after another (a stop word's ``setdefault``, a word that is set unless it is a name, a
    name that is set); other classes (``number``, ``concept``, ``bucket``) have keys of their
    own (``#``, ``@``, ``~``), each with one class."""
    terms: dict[str, str] = {}
    for key, cls in pairs:
        old = terms.setdefault(key, cls)
        if old != cls and _RANK[cls] > _RANK[old]:
            terms[key] = cls
    return terms


def _recipe(raw: str) -> tuple[tuple, tuple[str, ...]]:
    """What the token ``raw`` adds to the features of its passage: steps on ``terms``
    (``(_SETDEFAULT, key, cls)``, ``(_SET, key, cls)``, or ``(_WORD, key, cls)``: a word's
    stem, ``cls`` being its class when it is not the first token) and the keys it shows."""
    low = raw.casefold()
    if raw[0].isdigit():
        value = number_value(raw)
        if value is not None:
            key = "#" + value
            bucket = _bucket(value)
            steps = ((_SET, key, "number"), (_SETDEFAULT, bucket, "bucket")) if bucket else \
                ((_SET, key, "number"),)
            return steps, (key,)
    if low in _SPECIAL_NAMES:
        concept = CONCEPT_OF.get(low)
        steps = ((_SET, low, "name"), (_SETDEFAULT, "@" + concept, "concept")) if concept \
            else ((_SET, low, "name"),)
        return steps, (low,)
    low = strip_accents(low).replace("'s", "").replace("'", "")
    if low in NUMBER_WORDS and low not in ("one",):
        key = "#" + str(NUMBER_WORDS[low])
        return ((_SETDEFAULT, key, "number"),), (key,)
    steps: list[tuple] = []
    shown: list[str] = []
    cls = "name" if raw[0].isupper() else "content"
    for part in low.split("-") if "-" in low else (low,):
        if not part or len(part) == 1 and not part.isdigit():
            continue
        if part in STOP_WORDS:
            steps.append((_SETDEFAULT, part, "stop"))
            continue
        key = stem(part)
        concept = CONCEPT_OF.get(key)
        if concept:
            steps.append((_SETDEFAULT, "@" + concept, "concept"))
            shown.append("@" + concept)
        steps.append((_WORD, key, cls))
        shown.append(key)
    return tuple(steps), tuple(shown)


def features(text: str) -> Features:
    """Features of a passage for alignment."""
    if text.isascii():  # (NFKC, the quote map and the zero-width characters change nothing)
        tokens = _WORD_FIND(text)
        if _may_match(text, tokens):
            plain = _apply_equivalences(text)
            if plain != text:
                tokens = _WORD_FIND(plain)
    else:
        plain = unicodedata.normalize("NFKC", text).translate(QUOTE_MAP)
        tokens = _WORD_FIND(_apply_equivalences(_ZERO_WIDTH.sub("", plain)))
    if not tokens:
        return Features({}, {})
    recipes = _RECIPES
    if len(recipes) > 200_000:
        recipes.clear()
    # Every token's pairs in a row, then the dicts made from them in C: the keys in order of
    # first appearance, each with its last class (its only one, unless _strongest is needed)
    # and its first surface form.
    found = list(map(recipes.__getitem__, tokens))
    pairs = list(chain.from_iterable(map(_PAIRS, found)))
    first = found[0]
    if first[2] is not first[0]:  # (a capitalised first word is not taken for a name)
        pairs[:len(first[0])] = first[2]
    terms = dict(pairs)
    if len(terms) != len(pairs) and len(terms) != len(set(pairs)):  # (a key of two classes)
        terms = _strongest(pairs)
    shown = list(chain.from_iterable(map(_SHOWN, found)))
    display = dict(shown)
    if len(display) != len(shown):
        display.update(reversed(shown))  # (the first surface form of each, in the same order)
    return Features(terms, display)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the tokens of ``text``, each extended over the white space that follows it.

    The spans tile ``text`` from the first token on (leading white space is kept in the first
    span), so joining the pieces rebuilds the text exactly.
    """
    return spans_of(word_pieces(text))


_PIECE_RE = re.compile(f"(?:{_WORD_GUARDED}|[^\\w\\s])\\s*")  # (TOKEN_RE, guarded likewise)


def word_pieces(text: str) -> list[str]:
    """The text of every span of ``word_spans`` (one regex pass: every character but white
    space is in a token, so the tokens with the white space after them tile the text)."""
    pieces = _PIECE_RE.findall(text)
    if not pieces:
        return [text] if text else []
    lead = len(text) - len(text.lstrip())
    if lead:
        pieces[0] = text[:lead] + pieces[0]
    if sum(map(len, pieces)) != len(text):  # (never seen: the general way, to be sure)
        starts = [m.start() for m in TOKEN_RE.finditer(text)]
        starts[0] = 0
        return [text[s:e] for s, e in zip(starts, [*starts[1:], len(text)], strict=True)]
    return pieces


def spans_of(pieces: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive ``pieces`` of a text."""
    ends = list(accumulate(map(len, pieces)))
    return list(zip([0, *ends[:-1]], ends, strict=True)) if ends else []
