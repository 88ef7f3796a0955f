"""The article in a web page: extraction, metadata and decoding of saved or fetched HTML.

``extract_html`` turns a news page into an :class:`Extracted` value (trafilatura finds the main
text and the metadata), ``to_article_text`` writes it as a corpus text file (a front-matter
block, then the paragraphs), ``decode_html`` decodes the bytes of a page and
``html_file_to_text`` does all three for a saved page (what the loader reads ``.html`` files
with). ``webimport`` brings pages into a corpus.

Every failure a user can cause is an :class:`ImportProblem` with a one-line message.
trafilatura is imported lazily so loading a corpus without HTML files stays fast.
"""

from __future__ import annotations

import logging
import os
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .meta import outlet_from_host

FRONT_MATTER_KEYS = ("title", "outlet", "date", "url", "author")
MAX_FILE_BYTES = 20_000_000
"""Saved pages larger than this are refused (no news article needs more)."""

# trafilatura and its helpers log through the standard library; without a handler Python's
# last-resort handler would print their warnings on stderr.  A NullHandler keeps the terminal
# quiet while an application that configures logging still receives the records.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class ImportProblem(Exception):
    """A source could not be turned into an article; ``str()`` is one line for the user."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """The article found in a page: metadata plus the body as blank-line separated paragraphs."""

    title: str | None
    outlet: str | None
    author: str | None
    date: str | None
    """ISO ``YYYY-MM-DD``."""
    url: str | None
    body: str

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(self.body.split("\n\n"))


def megabytes(n: int) -> str:
    """A size for a message: ``5_000_000`` is "5 MB"."""
    return f"{n / 1_000_000:g} MB"


def _plausible_site_name(name: str | None) -> bool:
    if not name or name.startswith("@"):
        return False
    # trafilatura falls back to the host name ("127.0.0.1:8000", "example.com")
    looks_like_host = re.fullmatch(r"[\w.-]+(:\d+)?", name) and ("." in name or ":" in name)
    return not looks_like_host


# --- extraction ----------------------------------------------------------------------------

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MIN_PROSE_WORDS = 40
_CONSENT = re.compile(  # a cookie banner that slipped through (short lines only)
    r"^(we use cookies|(this|our) (web)?site uses cookies|by continuing to browse)"
    r"|\baccept all cookies\b", re.I,
)


def _clean_line(text: str) -> str:
    return re.sub(r"\s+", " ", _CONTROLS.sub(" ", text)).strip()


def _clean_value(value: object) -> str | None:
    if value is None:
        return None
    text = _clean_line(str(value))
    return text or None


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Find the article in a page; raise :class:`ImportProblem` when there is none."""
    try:
        import trafilatura  # lazy: about 0.3 s to import
    except ImportError as exc:  # a dependency left out by the install (lxml_html_clean, ...)
        missing = getattr(exc, "name", None) or str(exc).split("\n")[0]
        raise ImportProblem(
            f"cannot read HTML: the library {missing} is missing; reinstall Parallax "
            "(pip install -e . in its folder) to get every dependency it declares"
        ) from exc

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False,
        )
    except Exception as exc:  # trafilatura raises many kinds on malformed input
        raise ImportProblem(f"could not parse the page ({type(exc).__name__})") from exc
    if doc is None or not getattr(doc, "text", None):
        raise ImportProblem("no article text found in the page")

    title = _clean_value(doc.title)
    lines = [_clean_line(line) for line in doc.text.splitlines()]
    paragraphs = [
        line for line in lines
        if line and not (len(line.split()) <= 40 and _CONSENT.search(line))
    ]
    if paragraphs and title and _same_text(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    prose = [p for p in paragraphs if len(p.split()) >= 8]
    if sum(len(p.split()) for p in prose) < _MIN_PROSE_WORDS:
        raise ImportProblem("no article text found in the page")

    page_url = _clean_value(doc.url)
    if page_url and not page_url.lower().startswith(("http://", "https://")):
        page_url = None
    if url and page_url and urllib.parse.urlsplit(page_url).path in ("", "/"):
        page_url = url  # a canonical link to the home page is not the article's address
    page_url = page_url or url

    outlet = _clean_value(doc.sitename)
    if not _plausible_site_name(outlet):
        host = urllib.parse.urlsplit(page_url).hostname if page_url else doc.hostname
        outlet = outlet_from_host(host)
    date = _clean_value(doc.date)
    if date and not ISO_DATE.fullmatch(date):
        date = date[:10] if ISO_DATE.match(date) else None
    return Extracted(
        title=title, outlet=outlet, author=_clean_value(doc.author), date=date, url=page_url,
        body="\n\n".join(paragraphs),
    )


def to_article_text(extracted: Extracted) -> str:
    """The corpus file text: a front-matter block, then the body paragraphs."""
    lines = ["---"]
    for key in FRONT_MATTER_KEYS:
        value = _clean_value(getattr(extracted, key))
        if value and len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
            q = "'" if value[0] == '"' else '"'
            value = f"{q}{value}{q}"  # readers strip one pair of matching quotes
        if value:
            lines.append(f"{key}: {value}")
    lines.append("---")
    body = _CONTROLS.sub(lambda m: m.group() if m.group() in "\t\n" else " ", extracted.body)
    return "\n".join(lines) + "\n" + body.strip() + "\n"


# --- decoding ------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    import codecs

    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Decode a page: BOM, then the header's charset, then ``<meta charset>``, then UTF-8,
    then Windows-1252 (which decodes any byte)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    meta = _META_CHARSET.search(data[:8192])
    for name in (charset, meta.group(1).decode("ascii", "ignore") if meta else None):
        codec = _codec(name)
        if codec:
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def html_file_to_text(path: str | os.PathLike[str]) -> str:
    """The front-matter text of the article in a saved HTML page (used by the loader)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportProblem(f"page larger than {megabytes(MAX_FILE_BYTES)}")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"cannot read the file ({exc.strerror or exc})") from exc
    return to_article_text(extract_html(decode_html(data)))
