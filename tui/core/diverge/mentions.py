"""Mentions of people and groups with the title or label an article gives them.

``mentions(article)`` finds, passage by passage, capitalised names with what stands next to
them: an office before the name ("Israeli Prime Minister Benjamin Netanyahu", "the former
F.B.I. director James Comey") or in an apposition after it ("Mahmoud Abbas, the Palestinian
president,"), and a label for a group ("the Islamist militant group Hamas", "Hamas militants").
The divergence finder compares the mentions of one person or group across two whole articles,
so a changed office or label is found even where the passages are not linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..align.features import STOP_WORDS, stem
from ..model import Article
from .common import article_cache, fold
from .names import name_key


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLE_WORDS = _set("""
president prime minister pm premier chancellor king queen prince princess emir sheikh sultan
monarch pope ayatollah cleric imam rabbi cardinal bishop secretary secretary-general general
gen lieutenant lt colonel col admiral commander chief head leader spokesman spokeswoman
spokesperson ambassador envoy senator sen representative rep congressman congresswoman
governor gov mayor speaker chairman chairwoman chair director judge justice attorney adviser
advisor aide official officer ceo founder president-elect dictator strongman ruler boss
commissioner negotiator counsel lawmaker mp legislator diplomat spy agent operative
democrat republican chairperson superintendent sergeant
""")
GENERIC_TITLES = _set(
    "leader head chief official officer ruler strongman dictator aide boss lawmaker "
    "legislator diplomat democrat republican"
)
RANKS = _set("former acting deputy vice interim assistant then ex outgoing incoming "
             "top senior ranking")
MEMBER_TITLES = _set(
    "representative senator congressman congresswoman lawmaker legislator mp member"
)
"""Membership of a body: compatible with a role in it (a senator who chairs a committee)."""
ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "lt": "lieutenant",
                 "gen": "general", "col": "colonel", "pres": "president", "sec": "secretary",
                 "atty": "attorney", "sgt": "sergeant", "adm": "admiral", "cmdr": "commander",
                 "supt": "superintendent", "chairwoman": "chairman", "chair": "chairman",
                 "chairperson": "chairman", "congresswoman": "congressman",
                 "spokeswoman": "spokesman", "spokesperson": "spokesman", "advisor": "adviser"}
DOMAIN_WORDS = _set("""
foreign defense defence interior finance health justice home state security national press
homeland intelligence military army supreme crown prime general attorney majority minority
white house treasury trade energy economy economic education labor labour environment
""")
HONORIFICS = _set("mr mrs ms dr sir dame mr. mrs. ms. dr.")
DIRECTIONS = _set("north south east west northern southern eastern western")
PARTICLES = _set("al el bin ibn abu de da di van von der den la le du dos del bint")
SUFFIXES = _set("jr sr ii iii iv")
ORG_HEADS = _set("""
department ministry council party authority authorities house office agency court union state
states city street army forces force committee commission bank company group university school
news times post network organization organisation movement front guard corps command
administration government parliament assembly senate congress strip sea river island islands
republic kingdom nations federation association foundation institute center centre hospital
airport square palace building station county province region district coast valley media
television radio press channel journal review magazine service services police church
""")
LABEL_HEADS = _set("""
group groups movement organization organisation faction militia militias network outfit regime
militants militant fighters terrorists terrorist rebels rebel insurgents insurgent jihadists
extremists radicals gunmen separatists paramilitaries proxies proxy
""")
LOADED = _set("""
terrorist terrorists terror militant militants armed islamist islamic jihadist jihadists
extremist extremists radical radicals rebel rebels insurgent insurgents resistance freedom
regime gunmen separatists fundamentalist hardline
""")
_DETERMINERS = _set("the a an this that these those its their his her our by of from with "
                    "and or to in on at for as such which who")

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[^\W\d_](?:[\w'\u2019\-]*\w)?\.?|\d[\w,.]*|[^\w\s]"
)
_DEMONYM_RE = re.compile(r"^[A-Z][a-z]{2,}(?:ian|ese|ish)$")
DEMONYMS = _set("""
israeli iraqi pakistani saudi yemeni kuwaiti qatari emirati omani bangladeshi somali nepali
afghan american mexican korean african german dominican cuban moroccan venezuelan chilean
kenyan ugandan puerto rican european asian turkish greek french dutch swiss thai czech
welsh irish scottish british danish swedish polish spanish finnish kurdish arab islamic
""") - {"islamic"}
_NOT_DEMONYMS = _set("christian republican democratic")


class _Demonym:
    """``match(word)``: a nationality adjective (Israeli, Palestinian, North Korean's
    Korean), not a name that happens to end like one (Cowan, Raisi)."""

    @staticmethod
    def match(word: str) -> bool:
        low = word.lower()
        if low in _NOT_DEMONYMS or not word[:1].isupper():
            return False
        return low in DEMONYMS or bool(_DEMONYM_RE.match(word))


_DEMONYM = _Demonym()


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a named person or group, with its title or label if any."""

    passage: int
    name: str
    """The name as written (without title or honorific)."""
    span: tuple[int, int]
    """Offsets of the name in the article body."""
    key: str
    """The surname (last name word) folded, accents and al-/el- prefixes removed."""
    given: str
    """The first name word folded ("" for a one-word name)."""
    title: str = ""
    """The office as written ("Prime Minister"), without demonym."""
    title_span: tuple[int, int] | None = None
    label: str = ""
    """The label of a group as written ("Islamist militant group", "militants")."""
    label_span: tuple[int, int] | None = None

    @property
    def title_key(self) -> tuple[frozenset[str], frozenset[str]]:
        return title_key(self.title)

    @property
    def label_key(self) -> frozenset[str]:
        return frozenset(stem(w) for w in _words(self.label))


def _words(text: str) -> list[str]:
    return [w.strip(".") for w in re.findall(r"[\w'\u2019.\-]+", fold(text)) if w.strip(".")]


def _raw_words(text: str) -> list[str]:
    return [w.strip(".") for w in re.findall(r"[\w'\u2019.\-]+", text) if w.strip(".")]


def _qualifier(raw: str, low: str) -> bool:
    """A word of a title that says where or for whom, not what office: a demonym, or a
    capitalised word that is no office word ("Indiana" Gov., "Judiciary" Chairman)."""
    if _DEMONYM.match(raw):
        return True
    low = low.replace(".", "")
    return raw[:1].isupper() and low not in TITLE_WORDS and low not in ABBREVIATIONS and \
        low not in DOMAIN_WORDS and low not in MEMBER_TITLES and low not in RANKS and \
        low not in HONORIFICS


def title_key(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """(ranks, office words) of a title; PM and premier mean prime minister. Words that only
    say where or for whom (``_qualifier``) are left out."""
    words = [w for w, raw in zip(_words(title), _raw_words(title), strict=False)
             if not _qualifier(raw, w)] if title else []
    words = [w.replace(".", "") for w in words]
    words = [ABBREVIATIONS.get(w, w) for w in words
             if w not in HONORIFICS and w not in DIRECTIONS and w not in ("-", "late")]
    words = ["former" if w in ("ex", "ex-") else w for w in words]
    text = " ".join(words)
    text = re.sub(r"\b(?:pm|premier)\b", "prime minister", text)
    text = re.sub(r"\bsecretary of (\w+)", r"\1 secretary", text)
    ranks = frozenset(w for w in text.split() if w in RANKS or w.startswith("ex-"))
    office = frozenset(stem(w) for w in text.split()
                       if w not in RANKS and w not in ("of", "the") and not w.endswith("'s"))
    return ranks, office


def rank_only(x: str, y: str) -> bool:
    """Do two titles differ only in rank ("former", "acting")?"""
    rx, ox = title_key(x)
    ry, oy = title_key(y)
    return rx != ry and (ox <= oy or oy <= ox)


def membership_vs_role(x: str, y: str) -> bool:
    """A seat in a body against a role ("Representative" / "Judiciary Chairman")."""
    members = {stem(w) for w in MEMBER_TITLES}
    _, ox = title_key(x)
    _, oy = title_key(y)
    return bool(ox & members) != bool(oy & members)


def titles_compatible(x: str, y: str) -> bool:
    """Could both titles name the same office ("Defense Secretary" ~ "secretary")?"""
    rx, ox = title_key(x)
    ry, oy = title_key(y)
    return rx == ry and (ox <= oy or oy <= ox)


def is_generic(title: str) -> bool:
    _, office = title_key(title)
    return bool(office) and office <= {stem(w) for w in GENERIC_TITLES} | {
        stem(w) for w in DOMAIN_WORDS}


_PARTICLE_NAME = re.compile(r"^(?:al|el|ul|ad|as|ash|at|an|ar|bin|ibn|abu)-[A-Z]")
_LEADING = _set("""
the since after before while when as if but and or so yet still also however meanwhile
furthermore moreover earlier later then now today yesterday both all many some most in on at
for from with by of to during under over according although though despite instead thus
several two three four five six seven eight nine ten dozens hundreds thousands
""")


def _cap(tok: str) -> bool:
    return tok[:1].isupper() or bool(_PARTICLE_NAME.match(tok))


def _is_title(low: str) -> bool:
    return low.rstrip(".") in TITLE_WORDS


@article_cache
def mentions(article: Article) -> list[Mention]:
    """Every named mention of ``article``, passage by passage."""
    out: list[Mention] = []
    for p in article.passages:
        if p.role != "headline":  # (a headline's capitals are its style, not names)
            out.extend(_passage_mentions(p.index, p.text, p.start))
    return _family_first(out)


def _family_first(ms: list[Mention]) -> list[Mention]:
    """Names written family name first ("Kim Jong Un", then "Kim" alone): a full name whose
    first word the article uses alone, and whose last word it never does, is keyed by its
    first word, as the article itself shortens it."""
    alone = {m.key for m in ms if " " not in m.name.strip() and not m.label}
    out = []
    for m in ms:
        if m.given and m.key not in alone and m.given in alone and " " in m.name:
            rest = m.name.split()[1:]
            m = replace(m, key=m.given, given=name_key(rest[0]) if rest else "")
        out.append(m)
    return out


_SMALL_WORDS = _set("of to in on for with and the a an at by from as is")


def _title_case(text: str) -> bool:
    """A headline-style passage ("Deval Patrick Names Former Chief Of Staff")."""
    small = [w for w in re.findall(r"[^\W\d_]+", text)[1:] if w.lower() in _SMALL_WORDS]
    return len(small) >= 2 and sum(w[0].isupper() for w in small) >= 0.8 * len(small)


def _passage_mentions(index: int, text: str, base: int) -> list[Mention]:
    if _title_case(text):
        return []
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    lows = [fold(t[0]).rstrip(".") if t[0] != "." else "." for t in toks]
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        if not _cap(toks[i][0]) or not toks[i][0][0].isalpha():
            i += 1
            continue
        if lows[i] in _LEADING:
            i += 1  # "The", "Since", "Furthermore" opening a sentence
            continue
        j = i
        while j < len(toks) and (
            (_cap(toks[j][0]) and toks[j][0][0].isalpha())
            or (lows[j] in PARTICLES and j + 1 < len(toks) and _cap(toks[j + 1][0]))
        ):
            j += 1
            if _ends_sentence(toks[j - 1][0], lows[j - 1]):
                break  # "... come visit Washington. We are open": two sentences
        out.extend(_run_mentions(index, text, base, toks, lows, i, j))
        i = j
    return out


def _run_mentions(index, text, base, toks, lows, i, j) -> list[Mention]:
    run = list(range(i, j))
    # an office inside the run: the longest prefix ending with a title word
    k = 0
    for n, t in enumerate(run[:-1], 1):
        if _is_title(lows[t]) or lows[t] in HONORIFICS:
            k = n
    name_toks = run[k:]
    while name_toks and lows[name_toks[0]] in HONORIFICS:
        name_toks = name_toks[1:]
    while name_toks and lows[name_toks[-1]] in SUFFIXES:
        name_toks = name_toks[:-1]
    if not name_toks or _is_title(lows[name_toks[-1]]):
        return []  # "the Israeli PM": an office without a name
    if len(name_toks) == 1 and (_DEMONYM.match(toks[name_toks[0]][0])
                                or lows[name_toks[0]].endswith("ist")
                                or _function_word(lows[name_toks[0]])):
        return []  # "Palestinian", "Communist"; "I", "There", "We're" opening a sentence
    first, last = name_toks[0], name_toks[-1]
    last_low = name_key(toks[last][0])
    if not last_low or lows[last] in ORG_HEADS and k:
        return []
    name = text[toks[first][1] : toks[last][2]].rstrip(".")
    if name.endswith(("'s", "\u2019s")):
        name = name[:-2]
    given = name_key(toks[first][0]) if len(name_toks) > 1 else ""
    title = ""
    title_span = None
    # the office before the name, inside the run ("Israeli Prime Minister Benjamin
    # Netanyahu") or before it ("the former F.B.I. director James Comey")
    t_end = i + k - 1 if k else i - 1
    if t_end >= 0 and (_is_title(lows[t_end]) or lows[t_end] in HONORIFICS):
        t0 = _extend_left(toks, lows, i)
        while t0 < t_end and lows[t0] in HONORIFICS:
            t0 += 1
        title = text[toks[t0][1] : toks[t_end][2]]
        title_span = (base + toks[t0][1], base + toks[t_end][2])
    if title and all(fold(w).rstrip(".") in HONORIFICS for w in title.split()):
        title, title_span = "", None
    if i > 0 and lows[i - 1] in ("of", "in", "from", "at"):
        return []  # a place ("McCarthy of California")
    span = (base + toks[first][1], base + toks[first][1] + len(name))
    out = []
    if title:
        out.append(Mention(index, name, span, last_low, given, title.strip(), title_span))
    after, after_span = _apposition(text, base, toks, lows, j)
    if after:
        out.append(Mention(index, name, span, last_low, given, after.strip(), after_span))
    if not out:
        label, label_span = _label(text, base, toks, lows, i, j)
        out.append(Mention(index, name, span, last_low, given, label=label,
                           label_span=label_span))
    return out


def _ends_sentence(tok: str, low: str) -> bool:
    """A word with a full stop that ends its sentence, not an abbreviation ("Washington."
    but not "Sen.", "Jr.", "U.S.", "P.")."""
    return (tok.endswith(".") and len(tok) > 3 and "." not in tok[:-1]
            and not _is_title(low) and low not in HONORIFICS | SUFFIXES | _ABBREVIATIONS)


_ABBREVIATIONS = _set("""
sgt capt cpl maj adm cmdr rev prof supt inc corp ltd co st mt ft ave blvd rd no vol
""")


_CONTRACTION = re.compile(r"['\u2019](?:s|re|ll|ve|d|m|t)$|n['\u2019]t$")


def _function_word(low: str) -> bool:
    """A pronoun, modal or other function word, contracted or not ("we're", "won't"): a
    capital letter on it opens a sentence and makes no name."""
    return low in STOP_WORDS or _CONTRACTION.sub("", low) in STOP_WORDS | {"wo", "ca"}


def _extend_left(toks, lows, t0: int) -> int:
    """Take in office words, ranks and demonyms before a title ("the former F.B.I.
    director", "North Korean leader")."""
    t = t0
    while t > 0:
        low = lows[t - 1]
        tok = toks[t - 1][0]
        if _is_title(low) or low in RANKS or low in DOMAIN_WORDS or low in HONORIFICS \
                or _DEMONYM.match(tok) or (low in DIRECTIONS and tok[0].isupper()):
            t -= 1
            continue
        if tok == "-" and t >= 2 and lows[t - 2] == "ex":
            t -= 2  # "ex - British spy"
            continue
        if re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{2,5}", tok) and t < len(toks) and (
                _is_title(lows[t])):
            t -= 1  # F.B.I. director, CIA chief
            continue
        if t >= 2 and lows[t - 2] in RANKS and tok[:1].islower() and tok.isalpha():
            t -= 2  # "former campaign chairman": the rank stays with the office
            continue
        break
    return t


def _apposition(text, base, toks, lows, j):
    """``Abbas, the Palestinian president,`` -> ("president", span)."""
    if j + 1 < len(toks) and lows[j] == "of" and _cap(toks[j + 1][0]):
        j += 1  # "Kevin McCarthy of California, the Republican leader,"
        while j < len(toks) and _cap(toks[j][0]):
            j += 1
    if j >= len(toks) or toks[j][0] != ",":
        return "", None
    k = j + 1
    det = k if k < len(toks) and lows[k] in ("the", "a", "an", "his", "her", "their", "its",
                                               "our") else None
    if det is not None:
        k += 1
    start = None
    end = None
    modifier = None  # (a lower-case word before the office: "the campaign spokesman")
    n = k
    while n < len(toks) and n - k < 6:
        tok, low = toks[n][0], lows[n]
        if tok in (",", ".", ";", ")", "\u2014") or low in ("who", "which", "that", "and"):
            break
        if _is_title(low) or low in RANKS or low in DOMAIN_WORDS:
            if start is None and low not in DOMAIN_WORDS | RANKS or start is None:
                start = n if start is None else start
            end = n if _is_title(low) else end
        elif start is not None and lows[start] in RANKS and end is None and tok.isalpha():
            pass  # "his former campaign chairman": a word between the rank and the office
        elif start is not None:
            break
        elif det is not None and modifier is None and tok.isalpha() and tok.islower() \
                and low not in STOP_WORDS:
            modifier = n
        elif not (_DEMONYM.match(tok) or low.endswith(("'s", "\u2019s"))):
            return "", None
        n += 1
    if modifier is not None and start is not None:
        start = modifier
    if start is None or end is None:
        return "", None
    if n < len(toks) and toks[n][0] not in (",", ".", ";", ")", "\u2014", ":") and lows[n] not in (
            "who", "which", "that", "and", "said", "says", "told", "on", "of", "in", "at"):
        return "", None
    if det is not None and lows[det] == "the" and all(
            _DEMONYM.match(toks[t][0]) for t in range(det + 1, start)):
        start = det  # "the Palestinian president"
    return text[toks[start][1] : toks[end][2]], (base + toks[start][1], base + toks[end][2])


def _label(text, base, toks, lows, i, j):
    """A group label just before the name (``the Islamist militant group Hamas``) or just
    after it (``Hamas militants``)."""
    if i > 0 and lows[i - 1] in LABEL_HEADS and toks[i - 1][2] < toks[i][1]:
        head = i - 1
        start = head
        while start > 0 and head - start < 3:
            low = lows[start - 1]
            tok = toks[start - 1][0]
            if low in _DETERMINERS or not tok[0].isalpha() or low.endswith(("'s", "\u2019s")):
                break
            start -= 1
        if head > 0 and lows[head - 1] == "such" or start < head and lows[start] == "as":
            return "", None
        return text[toks[start][1] : toks[head][2]], (base + toks[start][1], base + toks[head][2])
    if j < len(toks) and lows[j] in LABEL_HEADS and lows[j] not in ("group", "groups") \
            and toks[j][1] - toks[j - 1][2] <= 1 \
            and not (j + 1 < len(toks) and lows[j + 1] in LABEL_HEADS) \
            and not lows[j - 1].endswith("ist"):
        return toks[j][0], (base + toks[j][1], base + toks[j][2])
    return "", None
