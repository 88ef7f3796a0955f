"""The seeds parse the way a reader sees them; bad input never stops the corpus."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.corpus.folder import load_corpus
from tui.core.ingest.loader import parse_article
from tui.core.model import UNKNOWN_OUTLET

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

SEED_META = {
    "000_b1c27ca75d5b3da0": dict(
        title="Putin Says Russia 'Ready' to Mediate Israel-Hamas War", date="2023-10-13",
        outlet="The Moscow Times", byline=None,
        url="https://www.themoscowtimes.com/2023/10/13/"
            "putin-says-russia-ready-to-mediate-israel-hamas-war-a82758"),
    "001_c306965a66c1139e": dict(
        title="Putin talks with Netanyahu and Abbas \u2013 Kremlin", date=None,
        outlet=UNKNOWN_OUTLET, byline=None, url=None),
    "002_29d81747c81dcc9b": dict(
        title="Putin cautions Israel that ground attack on Gaza would be unacceptable",
        date="2023-10-13", outlet=UNKNOWN_OUTLET, byline=None, url=None),
    "003_db682bd04ab73019": dict(date="2023-10-17", outlet=UNKNOWN_OUTLET, url=None),
    "004_24471286408d79a2": dict(
        title="Putin Speaks to Netanyahu Over Conflict with Hamas \u2013 Kremlin",
        date="2023-10-16", outlet="The Moscow Times", byline="AFP",
        url="https://www.themoscowtimes.com/2023/10/16/"
            "putin-speaks-to-netanyahu-over-conflict-with-hamas-kremlin-a82783"),
}


@pytest.mark.parametrize("stem", sorted(SEED_META))
def test_seed_metadata(seed_corpus, stem):
    article = seed_corpus.get(stem)
    for field, expected in SEED_META[stem].items():
        assert getattr(article, field) == expected, field


def test_untitled_seed_gets_a_derived_title(seeds):
    article = seeds["NM17"]
    assert article.title_derived
    assert article.title.startswith("Russian President Vladimir Putin engaged in discussions")


def test_deks_are_found(seeds):
    assert seeds["RT16"].dek.startswith("The Russian president has offered to mediate")
    assert seeds["BK13"].dek.startswith('"The major tragedy')


BOILERPLATE = re.compile(
    r"<u>|</u>|Related article|Comments are closed|Tags:|Similar News|Original url|"
    r"kremlin\.ru|Bednyakov|t\.co/|@NEWSMAX|https?://", re.I
)


def test_bodies_hold_no_markup_or_boilerplate(seed_corpus):
    for article in seed_corpus:
        assert not BOILERPLATE.search(article.body), article.id
        for p in article.passages:
            assert article.body[p.start : p.end] == p.text


def test_dropped_lines_stay_available(seeds):
    kinds = {d.kind for d in seeds["MT13"].dropped}
    assert {"related", "credit", "url", "date"} <= kinds
    assert any(d.kind == "embed" and "NEWSMAX" in d.text for d in seeds["NM17"].dropped)
    assert any(d.kind == "comments" for d in seeds["RT16"].dropped)


def test_no_sentence_is_cut_and_tags_are_gone(seeds):
    texts = [p.text for p in seeds["RT16"].passages]
    assert 'Israel declared \u201cwar\u201d on Hamas and promised retaliation, threatening to ' \
           '\u201cflatten\u201d Gaza.' in texts
    assert any(p.text.endswith("Russian President Vladimir Putin said Friday.")
               for p in seeds["MT13"].passages)


def test_offsets_map_back_to_the_file(seeds):
    article = seeds["MT13"]
    p = next(p for p in article.passages if "said Friday" in p.text)
    s, e = article.source_span(p.start, p.end)
    assert article.source[s:e].replace("<u>", "").replace("</u>", "") == p.text


def test_hard_wraps_are_joined():
    text = ('Title of the piece\n\nIsrael declared war on Hamas, threatening to "flatten"\n'
            'Gaza. A second sentence follows here for good measure.\n\nAnother paragraph.\n')
    article = parse_article(text, id="x")
    assert article.passages[0].role == "headline"
    assert article.passages[1].text == (
        'Israel declared war on Hamas, threatening to "flatten" Gaza.')
    assert len(article.paragraphs) == 3  # (the headline, then the body's two)


def test_front_matter_wins_over_inference():
    text = ("---\ntitle: Given title\noutlet: Given Outlet\ndate: 2024-02-03\n"
            "url: https://example.org/a\n---\nHeadline that would be inferred\n\n"
            "October 13, 2023\n\nThe body has one sentence that is long enough to count.\n")
    article = parse_article(text, id="fm")
    assert (article.title, article.outlet, article.date, article.url) == (
        "Given title", "Given Outlet", "2024-02-03", "https://example.org/a")
    assert dict(article.metadata_source)["title"] == "front-matter"


@pytest.mark.parametrize("url,outlet", [
    ("http://127.0.0.1:8765/market.html", UNKNOWN_OUTLET),  # a page served locally
    ("http://[::1]/a.html", UNKNOWN_OUTLET),
    ("http://localhost:8000/a.html", UNKNOWN_OUTLET),
    ("https://www.harborledger.example/news/a", "Harborledger"),
])
def test_an_address_names_an_outlet_only_when_it_has_a_domain(url, outlet):
    text = (f"---\ntitle: Night market returns\nurl: {url}\n---\n"
            "The body has one sentence that is long enough to count.\n")
    assert parse_article(text, id="u").outlet == outlet


@pytest.mark.parametrize("line,iso", [
    ("October 13, 2023", "2023-10-13"),
    ("Update: 2023-10-13 16:15 GMT", "2023-10-13"),
    ("Oct. 7, 2023", "2023-10-07"),
    ("13 October 2023", "2023-10-13"),
    ("Published: Friday, March 3, 2023 at 10:15 am", "2023-03-03"),
    ("2018-12-23", "2018-12-23"),
])
def test_date_lines(line, iso):
    from tui.core.ingest.meta import date_line

    assert date_line(line) == iso


def _write(tmp: Path, name: str, data: bytes) -> None:
    (tmp / name).write_bytes(data)


GOOD = b"A headline\n\nThe body of a good article has a sentence. And another one.\n"


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n", "white space"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("huge.txt", b"word " * (9 * 1024 * 1024 // 5), "too large"),
    ("longline.txt", b"x" * 300_000, "a line of"),
    ("picture.png", b"\x89PNG", "not a text"),
])
def test_bad_files_get_one_message_and_the_rest_loads(tmp_path, name, data, message):
    _write(tmp_path, "good.txt", GOOD)
    _write(tmp_path, name, data)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["good"]
    assert len(corpus.problems) == 1
    problem = corpus.problems[0]
    assert problem.path.endswith(name) and message in problem.message


def test_undecodable_bytes_fall_back_with_a_warning(tmp_path):
    _write(tmp_path, "cp1252.txt", "Caf\u00e9 headline\n\nThe caf\u00e9 opened today. "
           "It is \u201cgood\u201d.\n".encode("cp1252"))
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert "caf\u00e9" in article.body and "\u201cgood\u201d" in article.body
    assert article.warnings and "UTF-8" in article.warnings[0]


def test_unreadable_file_and_symlink_loop(tmp_path):
    _write(tmp_path, "good.txt", GOOD)
    (tmp_path / "loop").symlink_to(tmp_path)
    os.symlink(tmp_path / "missing", tmp_path / "dangling.txt")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["good"]
    assert any("dangling" in p.path for p in corpus.problems)
    assert any("loop" in p.path for p in corpus.problems)


def test_loading_never_writes_to_the_corpus(tmp_path):
    _write(tmp_path, "good.txt", GOOD)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    load_corpus(tmp_path)
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()} == before


def test_parallax_list_json_on_the_seeds():
    out = subprocess.run([sys.executable, "-m", "tui", "list", str(CORPUS), "--format", "json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    data = json.loads(out.stdout)
    assert [a["id"] for a in data["articles"]] == sorted(SEED_META)
    assert data["problems"] == []


def test_engine_never_imports_textual():
    modules = sorted(  # every engine module, in every stage folder
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "tui" / "core").rglob("*.py")
    ) + ["tui.cli", "tui"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "from tui.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['compare', {str(CORPUS / '000_b1c27ca75d5b3da0.txt')!r}, "
        f"{str(CORPUS / '002_29d81747c81dcc9b.txt')!r}, '--format', 'json'])\n"
        "assert 'textual' not in sys.modules, 'textual imported by compare'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_sample_corpus_ships_the_seeds_byte_for_byte():
    sample = ROOT / "tui" / "sample_corpus"
    for f in CORPUS.iterdir():
        assert (sample / f.name).read_bytes() == f.read_bytes()


@pytest.mark.parametrize("head", [
    "---\ntitle: Ferry closes\n---\n",  # a title given in front matter
    "",  # no title at all
])
def test_a_hard_wrapped_first_line_is_the_body_not_a_headline(head):
    text = (head + "The council voted on Monday to close the\nHarwick ferry after forty years "
            "of service.\n\nThe mayor said the vote was seven to two.\n")
    article = parse_article(text, id="w")
    assert article.passages[-2].text == ("The council voted on Monday to close the Harwick "
                                         "ferry after forty years of service.")
    assert not [d for d in article.dropped if d.kind == "title"]


def test_a_headline_over_a_wrapped_paragraph_is_still_the_headline():
    text = ("Ferry closes after forty years\nThe council voted on Monday to close the\n"
            "Harwick ferry after forty years of service.\n")
    article = parse_article(text, id="h")
    assert article.title == "Ferry closes after forty years"
    assert article.passages[-1].text.startswith("The council voted on Monday to close the Harwick")
