"""Metadata of an article read off its header lines, and the boilerplate a reader skips."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..model import UNKNOWN_OUTLET, Dropped

if TYPE_CHECKING:
    from .clean import Line

# ----------------------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_PATTERNS = [
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)"
               r"(?:[T ][\d:]+(?:\s*[A-Z]{2,4}|Z|[+-]\d\d:?\d\d)?)?\b"),
    re.compile(_MONTH + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH
               + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b"),
    # Chinese and Japanese: 2023年10月13日
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日"),
]
_DATE_PREFIX = re.compile(
    r"^(?:(?:last\s+)?updated?|published|posted|first published|date|on)\s*:?\s*", re.I
)
_WEEKDAY = re.compile(
    r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+", re.I
)


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD``, with its match."""
    best: tuple[str, re.Match[str]] | None = None
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        month = _MONTHS[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["m"])
        day, year = int(groups["d"]), int(groups["y"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        if best is None or m.start() < best[1].start():
            best = (iso, m)
    return best


def date_line(text: str) -> str | None:
    """The date when the whole line is a date (with an "Updated:" or weekday prefix)."""
    rest = _WEEKDAY.sub("", _DATE_PREFIX.sub("", text.strip()))
    if len(rest) > 60:
        return None
    found = find_date(rest)
    if not found:
        return None
    iso, m = found
    leftover = (rest[: m.start()] + rest[m.end() :]).strip(" ,|-\u2013\u2014")
    leftover = re.sub(r"\b(?:\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?|[A-Z]{2,4}|at)\b", "",
                      leftover)
    return iso if len(leftover.strip(" ,|-\u2013\u2014()")) <= 3 else None


# ----------------------------------------------------------------------------- words

# Kana and CJK ideographs: scripts written without spaces between words.
_UNSPACED = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f]"
)


def word_count(text: str) -> int:
    """Words in ``text``, counting each character of a script written without spaces."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    return unspaced + len(_UNSPACED.sub(" ", text).split())


# ----------------------------------------------------------------------------- outlets

KNOWN_OUTLETS: dict[str, str] = {
    "aa.com.tr": "Anadolu Agency", "abcnews.go.com": "ABC News", "afp.com": "AFP",
    "aljazeera.com": "Al Jazeera", "apnews.com": "AP News", "arabnews.com": "Arab News",
    "axios.com": "Axios", "bbc.co.uk": "BBC News", "bbc.com": "BBC News",
    "bloomberg.com": "Bloomberg", "breitbart.com": "Breitbart", "cbsnews.com": "CBS News",
    "cnn.com": "CNN", "dw.com": "DW", "economist.com": "The Economist", "euronews.com": "Euronews",
    "foxnews.com": "Fox News", "france24.com": "France 24", "ft.com": "Financial Times",
    "haaretz.com": "Haaretz", "huffingtonpost.com": "HuffPost", "huffpost.com": "HuffPost",
    "independent.co.uk": "The Independent", "jpost.com": "The Jerusalem Post",
    "kyivindependent.com": "The Kyiv Independent", "kyivpost.com": "Kyiv Post",
    "latimes.com": "Los Angeles Times", "meduza.io": "Meduza", "nbcnews.com": "NBC News",
    "news.sky.com": "Sky News", "newsmax.com": "Newsmax", "npr.org": "NPR",
    "nytimes.com": "The New York Times", "politico.com": "Politico",
    "politico.eu": "Politico Europe", "reuters.com": "Reuters",
    "rferl.org": "Radio Free Europe/Radio Liberty", "rt.com": "RT", "tass.com": "TASS",
    "tass.ru": "TASS", "telegraph.co.uk": "The Telegraph", "theatlantic.com": "The Atlantic",
    "theguardian.com": "The Guardian", "thehill.com": "The Hill",
    "themoscowtimes.com": "The Moscow Times", "timesofisrael.com": "The Times of Israel",
    "usatoday.com": "USA Today", "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal", "xinhuanet.com": "Xinhua",
}
AGENCIES = {
    "afp": "AFP", "agence france-presse": "AFP", "reuters": "Reuters", "ap": "AP",
    "associated press": "AP", "the associated press": "AP", "tass": "TASS",
    "xinhua": "Xinhua", "dpa": "dpa", "bloomberg": "Bloomberg", "interfax": "Interfax",
    "ria novosti": "RIA Novosti", "anadolu": "Anadolu Agency", "upi": "UPI",
}


def outlet_label(article) -> str:
    """The outlet as every view names it: with the byline when that is a news agency other
    than the outlet (an agency story on a site: "The Moscow Times (AFP)"); a reporter's name
    is not part of it."""
    byline = (article.byline or "").strip()
    if byline.lower() in AGENCIES and byline.lower() != article.outlet.lower() \
            and AGENCIES[byline.lower()] != article.outlet:
        return f"{article.outlet} ({byline})"
    return article.outlet


def outlet_from_url(url: str) -> str | None:
    """A readable outlet name for an article's address (see ``outlet_from_host``)."""
    try:
        return outlet_from_host(urlsplit(url).hostname)
    except ValueError:
        return None


_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"}
_HOST_PREFIXES = {"www", "m", "mobile", "amp", "news", "edition", "en", "eng", "english"}


def outlet_from_host(host: str | None) -> str | None:
    """A readable outlet name for a host name; None for IP addresses and ``localhost``."""
    if not host:
        return None
    host = host.lower().strip(".").split(":")[0]
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) < 2:
        return None
    for i in range(len(labels) - 1):
        name = KNOWN_OUTLETS.get(".".join(labels[i:]))
        if name:
            return name
    # registrable domain: example.com, example.co.uk
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        main = labels[-3]
    else:
        main = labels[-2]
    if main in _HOST_PREFIXES:
        return None
    if len(main) <= 3:
        return main.upper()
    return " ".join(w.capitalize() for w in re.split(r"[-_]+", main) if w)


# ----------------------------------------------------------------------------- URLs

_URL_CHARS = r"[\w\-./%?=&#~+:@!$',;*()\[\]]"
_ORIGINAL_URL = re.compile(r"^(?:original\s+url|source\s+url|source|url|link)\s*:\s*(.*)$", re.I)
_BARE_URL = re.compile(r"^(https?://" + _URL_CHARS + r"+(?:\s" + _URL_CHARS + r"+){0,3})$", re.I)
_TRAILING_LINK = re.compile(r"\s+((?:https?://t\.co|pic\.twitter\.com)/\w+)\s*$")


def repair_url(text: str) -> str:
    """Join a URL broken by spaces: ``...-war-a 82758`` is ``...-war-a82758``."""
    return re.sub(r"\s+", "", text.strip())


# ----------------------------------------------------------------------------- boilerplate

_BOILERPLATE = [
    ("related", re.compile(
        r"^(?:related(?:\s+(?:articles?|stories|story|coverage|content|news|reading|video))?"
        r"|read\s+(?:more|also|next)|see\s+also|also\s+read|more\s+on\s+this(?:\s+story)?"
        r"|recommended|watch)\s*:", re.I)),
    ("comments", re.compile(
        r"^(?:comments\s+are\s+closed\.?|\d*\s*comments?|leave\s+a\s+(?:comment|reply)\b.*"
        r"|show\s+comments|join\s+the\s+(?:conversation|discussion)\b.*)$", re.I)),
    ("similar", re.compile(
        r"^(?:similar|related|more|latest|recommended|trending|top|most\s+read)"
        r"\s+(?:news|stories|articles|posts|from\s+.*)$", re.I)),
    ("tags", re.compile(r"^(?:tags|topics|filed\s+under|categories)\s*:", re.I)),
    ("url", _ORIGINAL_URL),
    ("url", _BARE_URL),
    ("embed", re.compile(r"^[\u2014\u2013-]\s*.{1,80}\(@\w{1,30}\)\s+.{0,40}\d{4}\s*$")),
    ("embed", re.compile(r"^pic\.twitter\.com/\w+$", re.I)),
    ("credit", re.compile(
        r"^(?:photo|photos|photograph|image|picture|video|credit|illustration)s?"
        r"(?:\s+credit)?\s*:", re.I)),
    ("credit", re.compile(
        r"^[^.!?]{0,80}\b(?:getty\s+images|ap\s+photo|reuters|afp|epa|shutterstock|"
        r"ria\s+novosti|sputnik|tass)\b[^.!?]{0,40}$", re.I)),
    ("advert", re.compile(
        r"^(?:advertisement|sponsored(?:\s+content)?|share(?:\s+this(?:\s+article)?)?"
        r"|follow\s+us\b.*|subscribe\b.*|sign\s+up\b.*newsletter.*|click\s+here\b.*"
        r"|print|email|copy\s+link)$", re.I)),
]
_DOMAIN_CREDIT = re.compile(
    r"^[^.!?]{0,60}\b[a-z0-9-]+\.(?:ru|com|org|net|gov|int|io|co|uk)\b\S*$", re.I)


def boilerplate_kind(text: str) -> str | None:
    for kind, pattern in _BOILERPLATE:
        if kind == "credit" and word_count(text) > 12:
            continue
        if pattern.match(text):
            return kind
    return None


def strip_embed_link(line: Line) -> str | None:
    """Remove the bare link that ends an embedded post's text; return what was removed."""
    m = _TRAILING_LINK.search(line.text)
    if not m:
        return None
    line.text = line.text[: m.start()]
    return m.group(1)


def uses_blank_lines(lines: list[Line]) -> bool:
    """Are paragraphs separated by blank lines (so a single newline is a hard wrap)?"""
    texts = [ln.text for ln in lines]
    nonblank = sum(1 for t in texts if t)
    blank_between = sum(1 for i in range(1, len(texts) - 1) if not texts[i] and texts[i - 1])
    return nonblank > 0 and blank_between >= max(1, nonblank // 4)


# ----------------------------------------------------------------------------- the header


@dataclass
class Header:
    title: str | None = None
    outlet: str = UNKNOWN_OUTLET
    date: str | None = None
    url: str | None = None
    byline: str | None = None
    dek: str | None = None
    body_from: int = 0
    dropped: list[Dropped] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)


_BYLINE = re.compile(r"^(?:by|written\s+by|from)\s+(.{2,120})$", re.I)
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z .,'-]{2,40}\s*[\u2014\u2013:-]+$")
_SENTENCE_END = re.compile(
    r"(?:[.!?][\"'\u201d\u2019)]*|[\u3002\uff01\uff1f][\u300d\u300f\uff09]*)$"
)


def _is_headline(text: str) -> bool:
    words = word_count(text)
    if not words or len(text) > 220 or words > 35:
        return False
    if text[0] in "\"\u201c'":
        return False
    if text.endswith(".") and not text.endswith("..."):
        return False
    return not (date_line(text) or _BYLINE.match(text) or boilerplate_kind(text))


OPEN_ENDING = frozenset("""
the a an of to in on at by for from with and or but that as his her its their
""".split())  # noqa: SIM905 (a word list reads best as text)
"""Words a line does not end on unless its sentence runs on to the next line."""


def _wraps_on(lines: list[Line], i: int) -> bool:
    """Does line ``i`` run on into the next line (a hard-wrapped sentence, not a headline)?
    "The council voted on Monday to close the" / "Harwick ferry ..." does."""
    if i + 1 >= len(lines) or not lines[i + 1].text:
        return False
    text, following = lines[i].text, lines[i + 1].text
    last = text.rsplit(None, 1)[-1]
    return last in OPEN_ENDING or text.endswith((",", ";", "-", "\u2014")) or (
        following[0].islower())


def _is_body_like(text: str) -> bool:
    return word_count(text) >= 12


def read_header(lines: list[Line], fields: dict[str, str]) -> Header:
    header = Header()
    # URL and embedded-post dates can sit anywhere in the file.
    embed_date = None
    for i, line in enumerate(lines):
        m = _ORIGINAL_URL.match(line.text)
        if m and not header.url:
            rest = m.group(1).strip()
            if not rest:
                nxt = next((ln.text for ln in lines[i + 1 : i + 4] if ln.text), "")
                rest = nxt if _BARE_URL.match(nxt) else ""
            if rest.lower().startswith(("http://", "https://")):
                header.url = repair_url(rest)
                header.sources["url"] = "original-url line"
        elif not header.url and _BARE_URL.match(line.text) and i > len(lines) // 2:
            header.url = repair_url(line.text)
            header.sources["url"] = "bare link"
        if embed_date is None and boilerplate_kind(line.text) == "embed":
            found = find_date(line.text)
            embed_date = found[0] if found else None

    nonblank = [i for i, ln in enumerate(lines) if ln.text]
    k = 0  # position in nonblank
    if nonblank and _is_headline(lines[nonblank[0]].text):
        first = lines[nonblank[0]]
        if not _DATELINE_ONLY.match(first.text) and not _wraps_on(lines, nonblank[0]):
            header.title = first.text
            header.sources["title"] = "first line"
            header.dropped.append(Dropped("title", first.text, first.no))
            k = 1
    dek_lines: list[Line] = []
    marker_seen = False
    blank_separated = uses_blank_lines(lines)
    body_like_after = [False] * (len(nonblank) + 1)
    for pos in range(len(nonblank) - 1, -1, -1):
        body_like_after[pos] = body_like_after[pos + 1] or _is_body_like(lines[nonblank[pos]].text)
    while k < len(nonblank):
        line = lines[nonblank[k]]
        text = line.text
        iso = date_line(text)
        byline = _BYLINE.match(text)
        # a byline or date line is header even with another header line right under it
        marker = bool(iso or (byline and word_count(text) <= 12))
        wrapped = blank_separated and nonblank[k] + 1 < len(lines) and bool(
            lines[nonblank[k] + 1].text)
        if not marker and (wrapped or _wraps_on(lines, nonblank[k])) or not (
                body_like_after[k + 1] or iso or byline):
            break  # a hard-wrapped paragraph, or nothing like a body after it: the body
        if iso:
            header.date = header.date or iso
            header.sources.setdefault("date", "date line")
            header.dropped.append(Dropped("date", text, line.no))
            marker_seen = True
        elif byline and word_count(text) <= 12:
            header.byline = strip_bylines(byline.group(1))
            header.dropped.append(Dropped("byline", text, line.no))
            marker_seen = True
        elif _DATELINE_ONLY.match(text):
            header.dropped.append(Dropped("dateline", text, line.no))
        elif boilerplate_kind(text) == "credit" or (
            _DOMAIN_CREDIT.match(text) and word_count(text) <= 8
        ):
            header.dropped.append(Dropped("credit", text, line.no))
        elif _is_body_like(text) and (
            _SENTENCE_END.search(text) or not header.title or dek_lines or marker_seen
        ):
            # the body starts here, unless this is a standfirst followed by header lines
            if header.title and not dek_lines and not marker_seen and _more_header_follows(
                lines, nonblank, k
            ):
                dek_lines.append(line)
            else:
                break
        elif header.title and not marker_seen and not dek_lines and not _SENTENCE_END.search(text):
            dek_lines.append(line)  # a standfirst: no closing full stop, under the headline
        elif word_count(text) <= 10 and (marker_seen or dek_lines or header.title):
            header.dropped.append(Dropped("caption", text, line.no))
        else:
            break
        k += 1
    header.body_from = nonblank[k] if k < len(nonblank) else len(lines)
    if dek_lines:
        header.dek = " ".join(ln.text for ln in dek_lines)
        header.sources["dek"] = "line under the headline"
        header.dropped.extend(Dropped("dek", ln.text, ln.no) for ln in dek_lines)
    if header.date is None and header.url:
        m = re.search(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)/", header.url)
        if m:
            header.date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            header.sources["date"] = "url"
    if header.date is None and embed_date:
        header.date = embed_date
        header.sources["date"] = "embedded post"
    if header.url:
        outlet = outlet_from_url(header.url)
        if outlet:
            header.outlet = outlet
            header.sources["outlet"] = "url domain"
    if header.outlet == UNKNOWN_OUTLET and header.byline:
        agency = AGENCIES.get(header.byline.lower())
        if agency:
            header.outlet = agency
            header.sources["outlet"] = "byline"
    _apply_front_matter(header, fields)
    return header


def _more_header_follows(lines: list[Line], nonblank: list[int], k: int) -> bool:
    """Is a date or byline line just after position ``k`` (so ``k`` is a standfirst)?"""
    for j in nonblank[k + 1 : k + 3]:
        text = lines[j].text
        if date_line(text) or (_BYLINE.match(text) and word_count(text) <= 12):
            return True
    return False


def strip_bylines(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,.|")


def _apply_front_matter(header: Header, fields: dict[str, str]) -> None:
    from .clean import strip_tags

    for key, attr in (("title", "title"), ("url", "url"), ("outlet", "outlet"),
                      ("site", "outlet"), ("source", "outlet"), ("author", "byline"),
                      ("byline", "byline"), ("dek", "dek"), ("description", "dek")):
        value = strip_tags(fields.get(key, ""))
        if value:
            setattr(header, attr, value)
            header.sources[attr] = "front-matter"
    if fields.get("url") and not fields.get("outlet") and not fields.get("site"):
        outlet = outlet_from_url(fields["url"])
        if outlet:
            header.outlet = outlet
            header.sources["outlet"] = "url domain"
    if fields.get("date"):
        found = find_date(fields["date"])
        header.date = found[0] if found else strip_tags(fields["date"])
        header.sources["date"] = "front-matter"
