"""Bring web pages and loose files into a corpus as clean front-matter articles.

``extract_html`` turns a news page into an :class:`Extracted` value (trafilatura finds the main
text and the metadata), ``to_article_text`` writes it as a corpus text file, ``fetch`` downloads a
page with urllib (bounded redirects, timeout, size cap) and ``add_sources`` puts URLs, saved pages
and text files into a corpus directory without ever overwriting or half-writing a file.

Every failure a user can cause is an :class:`ImportProblem` with a one-line message.
trafilatura is imported lazily so loading a corpus without HTML files stays fast.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import os
import re
import socket
import tempfile
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Literal

USER_AGENT = (
    "Parallax/0.1 (+https://github.com/parallax-reader/parallax; article comparison reader)"
)
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".md")
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


Status = Literal["added", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class AddResult:
    source: str
    status: Status
    message: str
    """One line; names the source."""
    path: str | None = None
    """The file written (added) or the existing article (skipped)."""

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def __str__(self) -> str:
        return f"{self.status}: {self.message}"


# --- outlets -------------------------------------------------------------------------------

KNOWN_OUTLETS: dict[str, str] = {
    "themoscowtimes.com": "The Moscow Times", "meduza.io": "Meduza", "tass.com": "TASS",
    "tass.ru": "TASS", "rt.com": "RT", "kyivindependent.com": "The Kyiv Independent",
    "kyivpost.com": "Kyiv Post", "bbc.co.uk": "BBC News", "bbc.com": "BBC News",
    "theguardian.com": "The Guardian", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times", "reuters.com": "Reuters", "apnews.com": "AP News",
    "aljazeera.com": "Al Jazeera", "cnn.com": "CNN", "npr.org": "NPR", "dw.com": "DW",
    "france24.com": "France 24", "euronews.com": "Euronews", "politico.com": "Politico",
    "politico.eu": "Politico Europe", "bloomberg.com": "Bloomberg",
    "theatlantic.com": "The Atlantic", "economist.com": "The Economist",
    "independent.co.uk": "The Independent", "telegraph.co.uk": "The Telegraph",
    "timesofisrael.com": "The Times of Israel", "haaretz.com": "Haaretz",
    "rferl.org": "Radio Free Europe/Radio Liberty",
}

_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"}
_HOST_PREFIXES = {"www", "m", "mobile", "amp", "news", "edition", "en", "eng", "english"}


def outlet_from_domain(host: str | None) -> str | None:
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


def _plausible_site_name(name: str | None) -> bool:
    if not name or name.startswith("@"):
        return False
    # trafilatura falls back to the host name ("127.0.0.1:8000", "example.com")
    looks_like_host = re.fullmatch(r"[\w.-]+(:\d+)?", name) and ("." in name or ":" in name)
    return not looks_like_host


# --- extraction ----------------------------------------------------------------------------

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
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
    import trafilatura  # lazy: about 0.3 s to import

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
        outlet = outlet_from_domain(host)
    date = _clean_value(doc.date)
    if date and not _ISO_DATE.fullmatch(date):
        date = date[:10] if _ISO_DATE.match(date) else None
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
            raise ImportProblem(f"page larger than {_megabytes(MAX_FILE_BYTES)}")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"cannot read the file ({exc.strerror or exc})") from exc
    return to_article_text(extract_html(decode_html(data)))


# --- fetching ------------------------------------------------------------------------------

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


class _BoundedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most ``limit`` redirects, only to http(s), and name loops clearly."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0
        self.visited: set[str] = set()

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise ImportProblem(f"redirected to a non-web address ({newurl})")
        self.visited.add(req.full_url)
        if newurl in self.visited:
            raise ImportProblem(f"redirect loop at {newurl}")
        self.count += 1
        if self.count > self.limit:
            raise ImportProblem(f"more than {self.limit} redirects")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(url: str, redirects: _BoundedRedirects) -> urllib.request.OpenerDirector:
    host = urllib.parse.urlsplit(url).hostname or ""
    handlers: list[urllib.request.BaseHandler] = [redirects]
    if host == "localhost" or host.startswith("127.") or host == "::1":
        handlers.append(urllib.request.ProxyHandler({}))  # never send loopback through a proxy
    return urllib.request.build_opener(*handlers)


def fetch(
    url: str,
    *,
    timeout: float = 15,
    max_bytes: int = 5_000_000,
    max_redirects: int = 5,
    user_agent: str = USER_AGENT,
) -> tuple[str, str]:
    """Download an HTML page; return ``(final_url, html_text)`` or raise ImportProblem."""
    if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
        raise ImportProblem(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={
        "User-Agent": user_agent,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    })
    redirects = _BoundedRedirects(max_redirects)
    timed_out = ImportProblem(f"timed out after {timeout:g} s")
    started = time.monotonic()
    try:
        with _opener(url, redirects).open(request, timeout=timeout) as response:
            final_url = response.geturl()
            headers: Message = response.headers
            ctype = headers.get_content_type()
            if headers.get("Content-Type") and ctype not in _HTML_TYPES:
                raise ImportProblem(f"not an HTML page ({ctype})")
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise ImportProblem(f"page larger than {_megabytes(max_bytes)}")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read1(65536):  # read1: returns what arrived, no waiting
                if time.monotonic() - started > timeout:  # a server that trickles bytes
                    raise timed_out
                size += len(chunk)
                if size > max_bytes:
                    raise ImportProblem(f"page larger than {_megabytes(max_bytes)}")
                chunks.append(chunk)
            if length.isdigit() and size < int(length):  # read1 does not raise IncompleteRead
                raise ImportProblem(f"download failed (connection closed after {size} of "
                                    f"{length} bytes)")
            charset = headers.get_content_charset()
    except ImportProblem:
        raise
    except urllib.error.HTTPError as exc:
        reason = exc.reason if isinstance(exc.reason, str) else ""
        status = f"HTTP {exc.code} {reason}".rstrip()
        raise ImportProblem(f"{status} for {exc.url or url}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise timed_out from None
        if isinstance(exc.reason, ImportProblem):
            raise exc.reason from None
        raise ImportProblem(f"could not reach {url} ({exc.reason})") from None
    except TimeoutError:
        raise timed_out from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # resets, cut-off bodies
        raise ImportProblem(f"download failed ({exc})") from None
    data = b"".join(chunks)
    if not headers.get("Content-Type") and b"<html" not in data[:4096].lower():
        raise ImportProblem("not an HTML page (no content type)")
    return final_url, decode_html(data, charset)


# --- writing into a corpus -----------------------------------------------------------------

def slugify(text: str, *, max_length: int = 50) -> str:
    """Lower-case words joined by hyphens; accents dropped, other scripts kept."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def article_stem(outlet: str | None, date: str | None, title: str | None) -> str:
    """``<outlet-slug>-<date>-<title-slug>`` (``unknown-outlet``, ``undated``, ``untitled``)."""
    return "-".join((
        slugify(outlet or "", max_length=30) or "unknown-outlet",
        date if date and _ISO_DATE.fullmatch(date) else "undated",
        slugify(title or "") or "untitled",
    ))


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``({key: value}, body)``; an empty dict when the text has no front-matter block."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    fields: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return fields, "\n".join(lines[i + 1:])
        key, sep, value = line.partition(":")
        if not sep:
            return {}, text
        value = value.strip()
        if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[key.strip().lower()] = value
    return {}, text


def _norm_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urllib.parse.urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}".casefold()


def _norm_body(body: str) -> str:
    return " ".join(body.split())


def write_new(corpus_dir: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to ``<stem><suffix>`` (or ``<stem>-2<suffix>``, ...) in ``corpus_dir``.

    The file appears complete or not at all: the bytes go to a hidden temporary file in the same
    directory that is then linked (or, where hard links are unsupported, renamed) into place; an
    existing file is never replaced, and the temporary file is removed on any error.
    """
    fd, tmp = tempfile.mkstemp(prefix=".parallax-", suffix=".tmp", dir=corpus_dir)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o644)  # mkstemp makes 0600; an article is an ordinary file
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        n = 1
        while True:
            target = corpus_dir / f"{stem}{'' if n == 1 else f'-{n}'}{suffix}"
            n += 1
            try:
                os.link(tmp, target)
                return target
            except FileExistsError:
                continue
            except OSError:  # no hard links here: check, then rename
                if target.exists():
                    continue
                os.replace(tmp, target)
                return target
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class _CorpusIndex:
    """URLs and bodies of the articles already in a corpus, for spotting duplicates."""

    def __init__(self, corpus_dir: Path) -> None:
        self.urls: dict[str, str] = {}
        self.bodies: dict[str, str] = {}
        for path in sorted(corpus_dir.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            suffix = path.suffix.lower()
            try:
                if suffix in TEXT_SUFFIXES:
                    text = path.read_bytes().decode("utf-8", errors="replace")
                elif suffix in HTML_SUFFIXES:
                    text = html_file_to_text(path)
                else:
                    continue
            except (OSError, ImportProblem):
                continue
            self.remember(path.name, text)

    def remember(self, name: str, text: str) -> None:
        fields, body = split_front_matter(text.replace("\r\n", "\n"))
        url = _norm_url(fields.get("url"))
        if url:
            self.urls.setdefault(url, name)
        if body.strip():
            self.bodies.setdefault(_norm_body(body), name)

    def duplicate(self, text: str, *urls: str | None) -> str | None:
        fields, body = split_front_matter(text.replace("\r\n", "\n"))
        for url in (*urls, fields.get("url")):
            name = self.urls.get(_norm_url(url) or "")
            if name:
                return f"already in the corpus as {name} (same URL)"
        name = self.bodies.get(_norm_body(body))
        if name:
            return f"already in the corpus as {name} (same text)"
        return None


def _is_url(source: str) -> bool:
    return bool(re.match(r"https?://", source, re.I))


def _name_source(source: str, message: str) -> str:
    return message if source in message else f"{source}: {message}"


def _prepare(source: str, *, timeout: float) -> tuple[str, str, str, bytes, str | None]:
    """``(text, stem, suffix, bytes to write, fetched url)`` for one source."""
    path = Path(source)
    suffix = ".txt"
    if _is_url(source):
        url, html = fetch(source, timeout=timeout)
        text = to_article_text(extract_html(html, url=url))
    elif path.suffix.lower() not in HTML_SUFFIXES + TEXT_SUFFIXES:
        raise ImportProblem(
            f"unsupported file type ({path.suffix or 'no extension'}); "
            "expected an http(s) URL or a .html, .htm, .txt or .md file"
        )
    elif not path.is_file():
        raise ImportProblem("is a directory" if path.is_dir() else "no such file")
    elif path.suffix.lower() in HTML_SUFFIXES:
        url, text = None, html_file_to_text(path)
    else:  # a text file is copied byte for byte
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ImportProblem(f"file larger than {_megabytes(MAX_FILE_BYTES)}")
            data = path.read_bytes()
        except OSError as exc:
            raise ImportProblem(f"cannot read the file ({exc.strerror or exc})") from None
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
        fields, body = split_front_matter(text)
        if not body.strip():
            raise ImportProblem("the file has no text")
        if not (fields.get("title") or fields.get("outlet")):
            stem = slugify(path.stem, max_length=80) or "article"
            return text, stem, path.suffix.lower(), data, None
        stem = article_stem(fields.get("outlet"), fields.get("date"), fields.get("title"))
        return text, stem, path.suffix.lower(), data, None
    fields, _ = split_front_matter(text)
    stem = article_stem(fields.get("outlet"), fields.get("date"), fields.get("title"))
    return text, stem, suffix, text.encode("utf-8"), url


def add_sources(
    sources: Iterable[str],
    corpus_dir: str | os.PathLike[str],
    *,
    progress: Callable[[int, int, str], None] | None = None,
    on_result: Callable[[AddResult], None] | None = None,
    timeout: float = 15,
) -> list[AddResult]:
    """Add each source (URL, saved page, text file) to ``corpus_dir``; one result per source.

    ``progress(i, n, source)`` is called before the i-th (1-based) of n sources and
    ``on_result(result)`` after it.  A failure leaves the directory as it was;
    KeyboardInterrupt propagates once any temporary file is removed.
    """
    sources = list(sources)
    corpus = Path(corpus_dir)
    try:
        corpus.mkdir(parents=True, exist_ok=True)
        index = _CorpusIndex(corpus)
    except OSError as exc:
        raise ImportProblem(f"cannot use {corpus} as a corpus ({exc.strerror or exc})") from None
    results: list[AddResult] = []
    for i, source in enumerate(sources, start=1):
        if progress:
            progress(i, len(sources), source)
        result = _add_one(source, corpus, index, timeout=timeout)
        results.append(result)
        if on_result:
            on_result(result)
    return results


def _add_one(source: str, corpus: Path, index: _CorpusIndex, *, timeout: float) -> AddResult:
    try:
        if _is_url(source) and (dup := index.duplicate("", source)):
            return AddResult(source, "skipped", _name_source(source, dup))
        text, stem, suffix, data, url = _prepare(source, timeout=timeout)
        if dup := index.duplicate(text, url):
            return AddResult(source, "skipped", _name_source(source, dup))
        target = write_new(corpus, stem, suffix, data)
    except ImportProblem as exc:
        return AddResult(source, "failed", _name_source(source, str(exc)))
    except OSError as exc:
        message = f"cannot write into {corpus} ({exc.strerror or exc})"
        return AddResult(source, "failed", _name_source(source, message))
    except Exception as exc:  # one odd page must not end the batch with a traceback
        message = f"unexpected error ({type(exc).__name__}: {exc})".splitlines()[0]
        return AddResult(source, "failed", _name_source(source, message))
    index.remember(target.name, text)
    return AddResult(source, "added", f"{source} -> {target}", str(target))
