"""`parallax add`: URLs, saved pages and text files become clean corpus articles.

A local HTTP server on 127.0.0.1 (port 0, a thread) serves the saved pages in
``tests/fixtures/web/`` plus the failure cases; nothing here touches the internet.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tui import cli_add
from tui.core.ingest import webimport
from tui.core.ingest.meta import outlet_from_host
from tui.core.ingest.webimport import (
    add_sources,
    article_stem,
    fetch,
    split_front_matter,
    write_new,
)
from tui.core.ingest.webpage import (
    Extracted,
    ImportProblem,
    decode_html,
    extract_html,
    html_file_to_text,
    to_article_text,
)

WEB = Path(__file__).parent / "fixtures" / "web"
CANONICAL = "https://www.harborledger.example/news/2024/03/07/veldmoor-ferry"
FERRY_TITLE = "Lakeside Town Votes to Restore Century-Old Ferry"
FERRY_STEM = "the-harbor-ledger-2024-03-07-lakeside-town-votes-to-restore-century-old-ferry"
FERRY_OPENINGS = (
    "Councillors in the lakeside town of Veldmoor voted by nine to four",
    "The plan, which will cost an estimated 14.2 million crowns",
    '"People have been asking for this since the day the last boat',
    "Opponents argued that the money would be better spent",
    "The regional transport authority has promised to cover a third",
)
CLUTTER = (
    "cookie", "Accept all", "Subscribe", "Politics", "Breaking", "Share on", "Read more",
    "Bridge tolls", "Tags", "Most read", "Mayor denies", "Comments", "grandfather",
    "vanity project", "schoolchildren", "All rights reserved", "Privacy policy", "Contact us",
)
SLOW_SECONDS = 3


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, code: int, ctype: str | None, body: bytes, **headers: str) -> None:
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?")[0]
        try:
            if path in ("/ferry.html", "/ferry-again.html"):
                body = (WEB / "ferry.html").read_bytes()
                self._send(200, "text/html; charset=utf-8", body)
            elif path == "/front.html":
                self._send(200, "text/html; charset=utf-8", (WEB / "front.html").read_bytes())
            elif path == "/market.html":  # no charset in the header: <meta> says windows-1252
                self._send(200, "text/html", (WEB / "market.html").read_bytes())
            elif path == "/report.pdf":
                self._send(200, "application/pdf", b"%PDF-1.4\n% fake pdf\n%%EOF\n")
            elif path == "/slow.html":
                time.sleep(SLOW_SECONDS)
                self._send(200, "text/html", (WEB / "ferry.html").read_bytes())
            elif path == "/loop-a":
                self._send(302, "text/html", b"", Location="/loop-b")
            elif path == "/loop-b":
                self._send(302, "text/html", b"", Location="/loop-a")
            elif path.startswith("/hop/"):  # /hop/3 -> /hop/2 -> /hop/1 -> /hop/0 -> ferry
                n = int(path.rsplit("/", 1)[1])
                target = f"/hop/{n - 1}" if n > 0 else "/ferry.html"
                self._send(301, "text/html", b"", Location=target)
            elif path == "/trickle.html":  # every byte in time, the whole page never
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(SLOW_SECONDS * 5):
                    self.wfile.write(b"<p>still loading</p>\n")
                    self.wfile.flush()
                    time.sleep(0.2)
            elif path == "/cut.html":  # promises more than it sends, then hangs up
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "50000")
                self.end_headers()
                self.wfile.write(b"<html><body><p>The first words of")
                self.close_connection = True
            elif path == "/huge.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()  # no Content-Length: the size cap must stop the stream
                for _ in range(100):
                    self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>\n")
            else:
                self._send(404, "text/html", b"<html><body><h1>Not Found</h1></body></html>")
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def listing(directory: Path) -> dict[str, bytes]:
    """Every entry, hidden ones included, with its bytes."""
    return {name: (directory / name).read_bytes() for name in sorted(os.listdir(directory))}


def seeded_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "existing.txt").write_text("---\ntitle: Old\noutlet: Someone\n---\nOld text.\n")
    return corpus


# --- adding a good page ------------------------------------------------------------------

def test_add_url_writes_one_clean_article(server, tmp_path):
    corpus = seeded_corpus(tmp_path)
    before = listing(corpus)
    [result] = add_sources([f"{server}/ferry.html"], corpus)
    assert result.ok and result.status == "added", result.message
    after = listing(corpus)
    new = sorted(set(after) - set(before))
    assert new == [FERRY_STEM + ".txt"]
    assert result.path == str(corpus / new[0])
    text = after[new[0]].decode("utf-8")

    fields, body = split_front_matter(text)
    assert fields == {
        "title": FERRY_TITLE,
        "outlet": "The Harbor Ledger",
        "date": "2024-03-07",
        "url": CANONICAL,
        "author": "Mira Okafor",
    }
    paragraphs = body.strip().split("\n\n")
    assert len(paragraphs) == len(FERRY_OPENINGS)
    for paragraph, opening in zip(paragraphs, FERRY_OPENINGS, strict=True):
        assert paragraph.startswith(opening)
        assert "\n" not in paragraph
    assert paragraphs[-1].endswith("will open next month.")
    for clutter in CLUTTER:
        assert clutter.lower() not in body.lower(), clutter
    assert FERRY_TITLE not in body  # the headline is in the front matter, not repeated


def test_add_follows_a_bounded_number_of_redirects(server, tmp_path):
    final_url, html = fetch(f"{server}/hop/3", max_redirects=5)
    assert final_url.endswith("/ferry.html") and FERRY_TITLE in html
    with pytest.raises(ImportProblem, match="more than 2 redirects"):
        fetch(f"{server}/hop/3", max_redirects=2)


def test_meta_charset_is_honoured(server, tmp_path):
    [result] = add_sources([f"{server}/market.html"], tmp_path / "c")
    assert result.ok, result.message
    text = Path(result.path).read_text(encoding="utf-8")
    assert "runs a café stall" in text and "“Instead we ran out of flour.”" in text
    fields, body = split_front_matter(text)
    assert fields["date"] == "2023-11-18"
    assert fields["url"] == f"{server}/market.html"  # no canonical link: the fetched address
    assert "outlet" not in fields  # 127.0.0.1 names no outlet; the loader decides
    assert Path(result.path).name.startswith("unknown-outlet-2023-11-18-night-market-returns")
    for clutter in ("cookies", "Log in", "Popular this week", "newsletter", "Pieter", "bins",
                    "Copyright"):
        assert clutter not in body, clutter


# --- bad sources -------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "expected"), [
    ("/missing.html", "HTTP 404 Not Found for "),
    ("/report.pdf", "not an HTML page (application/pdf)"),
    ("/front.html", "no article text found in the page"),
    ("/slow.html", "timed out after 1 s"),
    ("/trickle.html", "timed out after 1 s"),
    ("/loop-a", "redirect loop at "),
    ("/huge.html", "page larger than"),
    ("/cut.html", "download failed"),
])
def test_bad_source_gives_one_clear_message_and_leaves_corpus_unchanged(
    server, tmp_path, monkeypatch, path, expected,
):
    monkeypatch.setattr(webimport, "fetch", _small_fetch)
    corpus = seeded_corpus(tmp_path)
    before = listing(corpus)
    source = f"{server}{path}"
    started = time.monotonic()
    [result] = add_sources([source], corpus, timeout=1)
    assert time.monotonic() - started < SLOW_SECONDS  # the timeout cut the wait short
    assert result.status == "failed" and not result.ok
    assert expected in result.message
    assert source in result.message
    assert "\n" not in str(result) and "Traceback" not in str(result)
    assert listing(corpus) == before


_real_fetch = webimport.fetch


def _small_fetch(url: str, **kwargs: object):
    return _real_fetch(url, max_bytes=200_000, **kwargs)


def test_fetch_error_messages(server):
    with pytest.raises(ImportProblem) as info:
        fetch(f"{server}/missing.html")
    assert str(info.value) == f"HTTP 404 Not Found for {server}/missing.html"
    with pytest.raises(ImportProblem, match=r"^page larger than 0.2 MB$"):
        fetch(f"{server}/huge.html", max_bytes=200_000)
    with pytest.raises(ImportProblem, match="not an http"):
        fetch("file:///etc/passwd")


def test_local_file_failures(tmp_path):
    corpus = seeded_corpus(tmp_path)
    before = listing(corpus)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "empty.txt").write_text("")
    sources = [str(tmp_path / "absent.html"), str(tmp_path / "notes.pdf"),
               str(tmp_path / "empty.txt"), str(WEB / "front.html")]
    results = add_sources(sources, corpus)
    assert [r.status for r in results] == ["failed"] * 4
    for source, result in zip(sources, results, strict=True):
        assert result.message.startswith(source + ": ")
    assert results[0].message.endswith(": no such file")
    assert "unsupported file type (.pdf)" in results[1].message
    assert listing(corpus) == before


# --- duplicates, text files, naming ---------------------------------------------------------

def test_duplicates_are_skipped(server, tmp_path):
    corpus = tmp_path / "corpus"
    results = add_sources(
        [f"{server}/ferry.html", f"{server}/ferry.html", f"{server}/ferry-again.html",
         str(WEB / "ferry.html")],
        corpus,
    )
    assert [r.status for r in results] == ["added", "skipped", "skipped", "skipped"]
    assert all(r.ok for r in results)
    assert "already in the corpus as " + FERRY_STEM + ".txt" in results[1].message
    assert len(os.listdir(corpus)) == 1

    # the same body under another name is spotted too
    text = Path(results[0].path).read_text()
    _, body = split_front_matter(text)
    copy = tmp_path / "copy.txt"
    copy.write_text("Title line changed\n\n" + body)
    same = tmp_path / "same.md"
    same.write_text(body)
    [different, identical] = add_sources([str(copy), str(same)], corpus)
    assert different.status == "added"
    assert identical.status == "skipped" and "(same text)" in identical.message


def test_text_files_are_copied_byte_for_byte(tmp_path):
    corpus = tmp_path / "corpus"
    with_fm = tmp_path / "draft.md"
    with_fm.write_bytes(b"---\ntitle: A Quiet Day\noutlet: Daily Post\ndate: 2024-01-02\n---\n"
                        b"Nothing happened.\r\n")
    plain = tmp_path / "My Notes (final).txt"
    plain.write_bytes("Just a body, in Latin-1: caf\xe9.\n".encode("latin-1"))
    results = add_sources([str(with_fm), str(plain)], corpus)
    assert all(r.status == "added" for r in results), results
    assert Path(results[0].path).name == "daily-post-2024-01-02-a-quiet-day.md"
    assert Path(results[1].path).name == "my-notes-final.txt"
    assert Path(results[0].path).read_bytes() == with_fm.read_bytes()
    assert Path(results[1].path).read_bytes() == plain.read_bytes()


def test_no_overwrite_naming(tmp_path):
    (tmp_path / "a.txt").write_text("first")
    (tmp_path / "a-2.txt").write_text("second")
    assert write_new(tmp_path, "a", ".txt", b"third") == tmp_path / "a-3.txt"
    assert write_new(tmp_path, "a", ".txt", b"fourth") == tmp_path / "a-4.txt"
    assert listing(tmp_path) == {
        "a-2.txt": b"second", "a-3.txt": b"third", "a-4.txt": b"fourth", "a.txt": b"first",
    }


def test_no_overwrite_without_hard_links(tmp_path, monkeypatch):
    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    (tmp_path / "a.txt").write_text("first")
    assert write_new(tmp_path, "a", ".txt", b"second") == tmp_path / "a-2.txt"
    assert listing(tmp_path) == {"a-2.txt": b"second", "a.txt": b"first"}


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt])
def test_atomic_write_leaves_nothing_behind(tmp_path, monkeypatch, failure):
    (tmp_path / "keep.txt").write_text("keep")
    before = listing(tmp_path)

    def broken_fsync(fd):
        raise failure

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(type(failure) if isinstance(failure, OSError) else failure):
        write_new(tmp_path, "new", ".txt", b"x" * 100_000)
    assert listing(tmp_path) == before


def test_interrupted_add_leaves_corpus_unchanged(tmp_path, monkeypatch):
    corpus = seeded_corpus(tmp_path)
    before = listing(corpus)

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        add_sources([str(WEB / "ferry.html")], corpus)
    assert listing(corpus) == before


def test_write_failure_is_reported(tmp_path, monkeypatch):
    corpus = seeded_corpus(tmp_path)
    before = listing(corpus)

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    [result] = add_sources([str(WEB / "ferry.html")], corpus)
    assert result.status == "failed"
    assert "No space left on device" in result.message
    assert listing(corpus) == before


@pytest.mark.parametrize(("outlet", "date", "title", "stem"), [
    ("The Moscow Times", "2023-10-13", "Mayor's offer: talks?",
     "the-moscow-times-2023-10-13-mayor-s-offer-talks"),
    (None, None, None, "unknown-outlet-undated-untitled"),
    ("Le Monde", "13 Oct", "Élection à Paris", "le-monde-undated-election-a-paris"),
    ("Meduza", "2024-01-01", "Новости дня", "meduza-2024-01-01-новости-дня"),
])
def test_article_stem(outlet, date, title, stem):
    assert article_stem(outlet, date, title) == stem


def test_long_titles_are_cut_at_a_word():
    stem = article_stem("X", "2024-01-01", "word " * 40)
    assert len(stem) < 80 and stem.endswith("-word")


# --- extraction and front matter -------------------------------------------------------------

@pytest.mark.parametrize(("host", "name"), [
    ("www.themoscowtimes.com", "The Moscow Times"),
    ("themoscowtimes.com", "The Moscow Times"),
    ("edition.cnn.com", "CNN"),
    ("www.bbc.co.uk", "BBC News"),
    ("www.harbor-ledger.example", "Harbor Ledger"),
    ("news.quayside.co.uk", "Quayside"),
    ("abc.net.au", "ABC"),
    ("127.0.0.1", None),
    ("localhost", None),
    (None, None),
])
def test_outlet_from_host(host, name):
    assert outlet_from_host(host) == name


def test_outlet_falls_back_to_the_domain():
    html = decode_html((WEB / "market.html").read_bytes())
    extracted = extract_html(html, url="https://www.themoscowtimes.com/2023/11/18/market")
    assert extracted.outlet == "The Moscow Times"
    assert extracted.url == "https://www.themoscowtimes.com/2023/11/18/market"
    assert extracted.title == "Night market returns to Quay Street after three-year pause"
    assert len(extracted.paragraphs) == 4


def test_to_article_text_keeps_values_on_one_line():
    text = to_article_text(Extracted(
        title="Two\nlines\r\nand a\x1b[31m colour", outlet="Daily  Post", author=None,
        date="2024-05-06", url="https://example.com/a", body="One.\n\nTwo.",
    ))
    assert text == (
        "---\ntitle: Two lines and a [31m colour\noutlet: Daily Post\ndate: 2024-05-06\n"
        "url: https://example.com/a\n---\nOne.\n\nTwo.\n"
    )


def test_quoted_values_survive_the_quote_stripping_of_readers():
    text = to_article_text(Extracted(
        title='"Enough is enough"', outlet="'Quoted' Post", author=None, date=None, url=None,
        body="Body.",
    ))
    assert "title: '\"Enough is enough\"'\n" in text
    assert "outlet: 'Quoted' Post\n" in text
    fields, _ = split_front_matter(text)
    assert fields["title"] == '"Enough is enough"'


def test_cookie_banners_go_but_articles_about_cookies_stay():
    prose = ("Regulators said on Tuesday that sites which make visitors accept cookies before "
             "reading must also offer a refusal button of the same size and colour.")
    html = (
        "<html><body><div>We use cookies to improve your experience. Accept all cookies</div>"
        "<article><h1>Cookie rules tightened</h1>"
        + "".join(f"<p>{prose} Paragraph {i}.</p>" for i in range(4))
        + "</article></body></html>"
    )
    extracted = extract_html(html)
    assert len(extracted.paragraphs) == 4
    assert all(p.startswith("Regulators said") for p in extracted.paragraphs)


def test_no_article_raises_import_problem():
    with pytest.raises(ImportProblem, match="no article text"):
        extract_html((WEB / "front.html").read_text())
    with pytest.raises(ImportProblem, match="no article text"):
        extract_html("")


# --- .html files placed in a corpus ----------------------------------------------------------

def test_html_file_to_text(tmp_path):
    text = html_file_to_text(WEB / "ferry.html")
    assert html_file_to_text(WEB / "ferry.html") == text  # no hidden state between calls
    fields, body = split_front_matter(text)
    assert fields["title"] == FERRY_TITLE and fields["outlet"] == "The Harbor Ledger"
    assert fields["date"] == "2024-03-07" and fields["url"] == CANONICAL
    assert body.strip().split("\n\n")[0].startswith(FERRY_OPENINGS[0])
    assert "cookie" not in body.lower()

    with pytest.raises(ImportProblem, match="no article text"):
        html_file_to_text(WEB / "front.html")
    with pytest.raises(ImportProblem, match="cannot read the file"):
        html_file_to_text(tmp_path / "gone.html")


# --- command line ----------------------------------------------------------------------------

def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="parallax")
    cli_add.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_add_reports_progress_and_exit_codes(server, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    assert run_cli(["add", f"{server}/ferry.html", "--corpus", str(corpus)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"added: {server}/ferry.html -> {corpus / FERRY_STEM}.txt"
    assert err == ""  # one source: no progress lines

    code = run_cli(["add", "--corpus", str(corpus), f"{server}/market.html",
                    f"{server}/missing.html", f"{server}/ferry.html"])
    assert code == 1
    out, err = capsys.readouterr()
    assert err.splitlines()[0] == f"[1/3] adding {server}/market.html ..."
    assert f"[3/3] adding {server}/ferry.html ..." in err
    assert f"failed: HTTP 404 Not Found for {server}/missing.html" in err
    assert "Traceback" not in err
    assert [line.split(":")[0] for line in out.splitlines()] == ["added", "skipped"]


def test_cli_unusable_corpus_is_one_line(tmp_path, capsys):
    (tmp_path / "file").write_text("not a directory")
    assert run_cli(["add", str(WEB / "ferry.html"), "--corpus", str(tmp_path / "file")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("parallax add: cannot use ") and err.count("\n") == 1


def test_cli_default_corpus_is_created(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run_cli(["add", str(WEB / "ferry.html")]) == 0
    assert os.listdir(tmp_path / "corpus") == [FERRY_STEM + ".txt"]


def test_webimport_does_not_import_textual():
    code = "import sys, tui.core.ingest.webimport, tui.cli_add; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).parents[1], check=True).stdout
    assert out.strip() == "False"
