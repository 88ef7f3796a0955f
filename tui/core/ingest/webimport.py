"""Bring web pages and loose files into a corpus as clean front-matter articles.

``fetch`` downloads a page with urllib (bounded redirects, timeout, size cap), the page's
article is found by ``webpage`` (``extract_html``, ``to_article_text``), and ``add_sources``
puts URLs, saved pages and text files into a corpus directory without ever overwriting or
half-writing a file (``parallax add``).

Every failure a user can cause is an :class:`ImportProblem` with a one-line message.
"""

from __future__ import annotations

import http.client
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

from .webpage import (
    ISO_DATE,
    MAX_FILE_BYTES,
    ImportProblem,
    decode_html,
    extract_html,
    html_file_to_text,
    megabytes,
    to_article_text,
)

USER_AGENT = (
    "Parallax/0.1 (+https://github.com/parallax-reader/parallax; article comparison reader)"
)
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".md")


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


# --- fetching ------------------------------------------------------------------------------

_HTML_TYPES = ("text/html", "application/xhtml+xml")


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
                raise ImportProblem(f"page larger than {megabytes(max_bytes)}")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read1(65536):  # read1: returns what arrived, no waiting
                if time.monotonic() - started > timeout:  # a server that trickles bytes
                    raise timed_out
                size += len(chunk)
                if size > max_bytes:
                    raise ImportProblem(f"page larger than {megabytes(max_bytes)}")
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
        date if date and ISO_DATE.fullmatch(date) else "undated",
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
                raise ImportProblem(f"file larger than {megabytes(MAX_FILE_BYTES)}")
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
