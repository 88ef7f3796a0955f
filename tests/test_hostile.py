"""Hostile and broken input: the loader, the engine and the exports (issue 7).

The corpus is ``tests/fixtures/hostile/`` (its bytes are spelled out in ``hostile_corpus.py``);
files too big or too odd to commit are made here in ``tmp_path``.
"""

from __future__ import annotations

import html.parser
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

import tui
from tui.core.corpus import folder
from tui.core.corpus.folder import load_corpus
from tui.core.export import render
from tui.core.ingest import loader
from tui.core.ingest.loader import parse_article
from tui.core.model import Article

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import hostile_corpus as hc  # noqa: E402

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"

# Everything that must never reach a terminal, a page or a document raw: C0 controls but tab
# and newline, DEL, C1 controls, and the bidi embedding/override/isolate controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ZERO_WIDTH = re.compile("[\u200b\u200c\u2060\ufeff\u00ad]|(?<![\U0001f300-\U0001faff])\u200d")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(HOSTILE)


def _article(corpus, key: str) -> Article:
    article = corpus.get(key)
    assert article is not None, f"{key} did not load: {[str(p) for p in corpus.problems]}"
    return article


def _texts(article: Article) -> dict[str, str]:
    """Every string of an article that is ever shown to a reader."""
    fields = {
        "id": article.id, "title": article.title, "outlet": article.outlet,
        "date": article.date or "", "url": article.url or "", "byline": article.byline or "",
        "dek": article.dek or "", "body": article.body,
    }
    fields.update({f"passage {p.index}": p.text for p in article.passages})
    fields.update({f"dropped {i} ({d.kind})": d.text for i, d in enumerate(article.dropped)})
    fields.update({f"warning {i}": w for i, w in enumerate(article.warnings)})
    return fields


# --------------------------------------------------------------------------- the fixture corpus


def test_committed_fixtures_match_their_generator():
    on_disk = {p.name: p.read_bytes() for p in HOSTILE.iterdir()}
    assert on_disk == hc.FILES, "regenerate with: python tests/fixtures/hostile_corpus.py"


def test_corpus_loads_every_article_and_one_problem_per_broken_file(corpus):
    assert sorted(a.id for a in corpus.articles) == sorted(hc.ARTICLES)
    named = [Path(p.path).name for p in corpus.problems]
    assert sorted(named) == sorted(hc.REFUSED), [str(p) for p in corpus.problems]
    for problem in corpus.problems:
        assert "\n" not in problem.message and problem.message


def test_invalid_utf8_loads_with_one_warning_naming_the_fallback(corpus):
    article = _article(corpus, "broken_cp1252")
    assert len(article.warnings) == 1 and "cp1252" in article.warnings[0]
    assert "\u20ac4" in article.body and "caf\u00e9" in article.body
    assert article.title == "Fares rise on the \u201clake line\u201d"


@pytest.mark.parametrize("key", hc.ARTICLES)
def test_no_control_character_survives_loading(corpus, key):
    for name, text in _texts(_article(corpus, key)).items():
        assert not RAW_CONTROL.search(text), (name, text)
        assert not ZERO_WIDTH.search(text), (name, text)


def test_controls_are_shown_not_dropped(corpus):
    body = _article(corpus, "ferry_ledger").body
    for visible in ("\u241b[1;31mbus depot\u241b[0m", "\u241b]52;c;cm0gLXJmIH4K\u2407",
                    "\u241b]8;;https://evil.example/phish\u241b\\statement",
                    "withdrawn.\u240dServices will never resume", "<U+009B>5m", "<U+0085>"):
        assert visible in body
    title = _article(corpus, "ferry_ledger").title
    assert title.endswith("rota\u241b[2J\u241b[H")
    gazette = _article(corpus, "ferry_gazette").body
    assert "<U+202E>deniatniam eb lliw ytefas<U+202C>" in gazette
    assert "<U+2066>for every<U+2069> <U+2067>sailing<U+2069> missed <U+2068>after" in gazette


def test_markup_is_kept_literally(corpus):
    ledger = _article(corpus, "ferry_ledger").body
    assert "[bold red]unlawful[/]" in ledger
    assert "[link=https://evil.example/timetable]bus timetable[/link]" in ledger
    gazette = _article(corpus, "ferry_gazette")
    assert "[@click=app.quit]Tap here for refunds[/] in [$accent]bright[/]" in gazette.body
    # entities decode to the characters a reader should see, shown as text
    assert "<script>location='https://evil.example'</script>" in gazette.body
    assert "\"Ferries & Fines\" & 'slow boats'" in gazette.body
    assert gazette.title == "Lakeport ferries halted as crews strike <script>alert(1)</script>"
    assert gazette.outlet == "Gazette & \"Friends\" [bold]Lakeport[/bold]"
    assert gazette.url == "javascript:alert(document.cookie)"  # kept as data, never a link


def test_zero_width_characters_are_removed_and_map_back_to_the_source(corpus):
    gazette = _article(corpus, "ferry_gazette")
    first = next(p.start for p in gazette.passages if p.in_body)  # (below the headline)
    for word in ("Lakeport", "commuters", "without", "Ferries"):
        start = gazette.body.index(word, first)
        s, e = gazette.source_span(start, start + len(word))
        raw = gazette.source[s:e]
        assert raw != word  # a zero-width character sat inside it
        assert re.sub("[\u200b-\u200d\u2060]", "", raw) == word


def test_header_lines_one_under_another_stay_header(corpus):
    ledger = _article(corpus, "ferry_ledger")
    assert (ledger.byline, ledger.date) == ("Mira Okafor", "2031-03-03")
    assert ledger.passages[0].role == "headline"
    assert ledger.passages[1].text.startswith("Ferry crews in Lakeport stopped work")


def test_line_and_paragraph_separators_are_spaces():
    text = "Head\n\nThe crews\u2028stopped work on Monday, the union said.\u2029Talks resume.\n"
    article = parse_article(text, id="x")
    assert [p.text for p in article.passages] == [
        "Head", "The crews stopped work on Monday, the union said.", "Talks resume."]
    _check_article_offsets(article)


def test_cjk_article_loads_with_sentences_and_date(corpus):
    cjk = _article(corpus, "cjk_wide")
    assert cjk.title == "湖港渡轮船员罢工" and cjk.date == "2031-03-03"
    body = [p for p in cjk.passages if p.in_body]
    assert [p.text[-1] for p in body] == ["。"] * 5
    assert body[1].text == "工会表示，二百一十二名水手参加了罢工。"


def test_combining_marks_and_emoji_are_kept(corpus):
    body = _article(corpus, "combining_emoji").body
    assert "cafe\u0301s" in body and "Zoe\u0308" in body and "\u2615\ufe0f" in body
    assert "\U0001f1f3\U0001f1ff" in body
    assert "a\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307" in body


@pytest.mark.parametrize("key", hc.ARTICLES)
def test_offsets_stay_consistent(corpus, key):
    article = _article(corpus, key)
    _check_article_offsets(article)


def _check_article_offsets(article: Article) -> None:
    body = article.body
    end = 0
    for i, p in enumerate(article.passages):
        assert p.index == i
        assert end <= p.start < p.end <= len(body)
        assert body[p.start : p.end] == p.text
        ps, pe = article.paragraphs[p.paragraph]
        assert ps <= p.start and p.end <= pe
        end = p.end
    for ps, pe in article.paragraphs:
        assert 0 <= ps <= pe <= len(body)
    for p in article.passages:
        s, e = article.source_span(p.start, p.end)
        assert 0 <= s <= e <= len(article.source)


# --------------------------------------------------------------------------- the engine


def test_the_two_ferry_reports_link(corpus):
    comparison = tui.compare(_article(corpus, "ferry_ledger"), _article(corpus, "ferry_gazette"))
    pairs = {(link.a, link.b) for link in comparison.links}
    # the lead (zero-width characters inside four of its words), the quote and the last line;
    # the headlines are paired as heads
    assert {((1,), (1,)), ((3,), (3,)), ((8,), (7,))} <= pairs
    assert [(h.a, h.b) for h in comparison.heads] == [((0,), (0,))]
    lead = next(link for link in comparison.links if link.a == (1,))
    changed = {(op.a_text.strip(), op.b_text.strip()) for op in lead.ops if op.substantive}
    assert changed <= {("morning,", ","), ("morning", ""), ("about", "around")}, changed


def test_zero_width_text_matches_its_clean_twin():
    clean = ("Ferry crews in Lakeport stopped work on Monday, leaving about 4,000 commuters "
             "without a crossing.\n\nThe union said the talks would resume on Tuesday.\n")
    dirty = clean.replace("Lakeport", "Lake\u200bport").replace("without", "with\u200cout")
    dirty = dirty.replace("commuters", "com\u200dmu\u2060ters").replace("union", "\ufeffunion")
    comparison = tui.compare_texts(clean, dirty)
    assert [(link.a, link.b) for link in comparison.links] == [((0,), (0,)), ((1,), (1,))]
    for link in comparison.links:
        assert link.score == pytest.approx(1.0, abs=1e-6)
        assert not [op for op in link.ops if op.op != "equal"]


def _all_pairs(corpus):
    return list(itertools.permutations(corpus.articles, 2))


def test_every_pair_compares_with_consistent_ops(corpus):
    for a, b in _all_pairs(corpus):
        comparison = tui.compare(a, b)
        for link in comparison.links:
            _check_link_ops(comparison.a, comparison.b, link)


def _check_link_ops(a: Article, b: Article, link) -> None:
    a_first, a_last = a.passages[link.a[0]], a.passages[link.a[-1]]
    b_first, b_last = b.passages[link.b[0]], b.passages[link.b[-1]]
    assert "".join(op.a_text for op in link.ops) == a.body[a_first.start : a_last.end]
    assert "".join(op.b_text for op in link.ops) == b.body[b_first.start : b_last.end]
    a_pos, b_pos = a_first.start, b_first.start
    for op in link.ops:
        assert (op.a_start, op.b_start) == (a_pos, b_pos)
        assert a.body[op.a_start : op.a_end] == op.a_text
        assert b.body[op.b_start : op.b_end] == op.b_text
        a_pos, b_pos = op.a_end, op.b_end


# --------------------------------------------------------------------------- exports


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.data.append(data)


SAFE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section",
    "article", "nav", "aside", "div", "span", "p", "h1", "h2", "h3", "h4", "dl", "dt", "dd",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "del", "ins", "b", "i",
    "em", "strong", "small", "code", "mark", "br", "hr", "details", "summary", "abbr", "time",
    "bdi", "figure", "figcaption", "caption", "colgroup", "col", "sup", "sub", "q", "blockquote",
    "label", "input", "svg", "path", "rect", "g", "text", "line",
}


def _pairs_for_export(corpus):
    keys = [("ferry_ledger", "ferry_gazette"), ("js_front_matter", "ferry_gazette"),
            ("cjk_wide", "rtl_text"), ("combining_emoji", "ferry_ledger")]
    return [tui.compare(_article(corpus, a), _article(corpus, b)) for a, b in keys]


def test_html_export_escapes_every_character_of_text_and_metadata(corpus):
    for comparison in _pairs_for_export(corpus):
        page = render(comparison, "html")
        assert not RAW_CONTROL.search(page)
        parsed = _Page()
        parsed.feed(page)
        parsed.close()
        for tag, attrs in parsed.tags:
            assert tag in SAFE_TAGS, tag
            for name, value in attrs:
                assert not name.startswith("on"), (tag, name, value)
                value = (value or "").strip().lower()
                assert "javascript:" not in value and "evil.example" not in value, (tag, name)
                if name in ("href", "src", "action", "formaction", "xlink:href"):
                    assert value.startswith(("#", "https://", "http://", "data:image/")), value
        text = "".join(parsed.data)
        for article in (comparison.a, comparison.b):
            for shown in (article.title, article.outlet, article.url, article.byline):
                if shown:
                    assert shown in text, shown  # shown as written, not interpreted
        assert "<script" not in page.lower().replace("&lt;script", "")


def test_html_export_never_links_a_javascript_url(corpus):
    comparison = tui.compare(_article(corpus, "js_front_matter"), _article(corpus, "ferry_gazette"))
    page = render(comparison, "html")
    assert "JaVaScRiPt:alert(&#x27;pier&#x27;)" in page
    assert "javascript:alert(document.cookie)" in page
    assert not re.search(r"(?i)href\s*=\s*[\"']?\s*javascript", page)


def test_html_export_isolates_each_passage_for_bidi(corpus):
    comparison = tui.compare(_article(corpus, "rtl_text"), _article(corpus, "ferry_ledger"))
    page = render(comparison, "html")
    parsed = _Page()
    parsed.feed(page)
    passages = [dict(attrs) for tag, attrs in parsed.tags
                if "passage" in (dict(attrs).get("class") or "").split()]
    assert passages
    css_isolates = re.search(r"\.passage\s*\{[^}]*unicode-bidi:\s*(isolate|plaintext)", page)
    assert css_isolates or all(p.get("dir") == "auto" for p in passages)


def _markdown_tokens(source: str):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for token in md.parse(source):
        yield token
        yield from token.children or ()


def test_markdown_export_leaves_no_live_markup(corpus):
    for comparison in _pairs_for_export(corpus):
        doc = render(comparison, "md")
        assert not RAW_CONTROL.search(doc)
        tokens = list(_markdown_tokens(doc))
        kinds = {t.type for t in tokens}
        assert not kinds & {"html_inline", "html_block", "image"}, kinds
        for token in tokens:
            if token.type == "link_open":
                href = token.attrs.get("href", "")
                assert href.startswith("#"), href
        # nothing GitHub would turn into a link on its own (autolinks, www., mentions)
        assert not re.search(r"[^\\]://|www\.[^\\]|(?<![\\\w])@\w", doc), doc
        shown = "".join(t.content for t in tokens if t.type in ("text", "code_inline"))
        for article in (comparison.a, comparison.b):
            assert " ".join(article.title.split()) in shown


def test_corpus_report_exports_are_inert(corpus):
    from tui.core.corpus.report import corpus_report
    from tui.core.export import render_report

    report = corpus_report(corpus)
    page = render_report(report, "html")
    parsed = _Page()
    parsed.feed(page)
    for tag, attrs in parsed.tags:
        assert tag in SAFE_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on")
            assert "javascript:" not in (value or "").lower()
    doc = render_report(report, "md")
    kinds = {t.type for t in _markdown_tokens(doc)}
    assert not kinds & {"html_inline", "html_block", "image"}, kinds
    for text in (page, doc, render_report(report, "json"), render_report(report, "text")):
        assert not RAW_CONTROL.search(text)


def test_json_export_round_trips_hostile_text(corpus):
    for comparison in _pairs_for_export(corpus):
        doc = render(comparison, "json")
        assert not RAW_CONTROL.search(doc)
        data = json.loads(doc)
        assert data["a"]["title"] == comparison.a.title
        assert [p["text"] for p in data["b"]["passages"]] == [
            p.text for p in comparison.b.passages
        ]


SGR = re.compile(r"\x1b\[[0-9;]*m")


def test_text_export_colours_are_the_renderers_own(corpus):
    for comparison in _pairs_for_export(corpus):
        coloured = render(comparison, "text", color=True, width=100)
        plain = render(comparison, "text", color=False, width=100)
        assert "\x1b" not in plain and not RAW_CONTROL.search(plain)
        stripped = SGR.sub("", coloured)
        assert not RAW_CONTROL.search(stripped), "a control other than a colour code"
        # every ESC starts a colour code, and the article's own codes show as text
        assert coloured.count("\x1b") == len(SGR.findall(coloured))
        if comparison.a.id == "ferry_ledger":
            assert "red]unlawful[/]" in plain and "␛[1;31mbus" in plain


@pytest.mark.parametrize("pair", [("cjk_wide", "rtl_text"), ("combining_emoji", "ferry_ledger"),
                                  ("rtl_text", "ferry_gazette")])
def test_text_export_keeps_the_panes_aligned(corpus, pair):
    comparison = tui.compare(_article(corpus, pair[0]), _article(corpus, pair[1]))
    plain = render(comparison, "text", color=False, width=100)
    rows = [line for line in plain.splitlines() if line.startswith(("\u2502", "\u251c", "\u250c"))]
    assert rows, plain
    widths = {cell_len(line) for line in rows}
    assert len(widths) == 1, [(cell_len(line), line) for line in rows]
    # the separator between the panes sits in the same column on every row
    columns = {cell_len(line[: line.index("\u2502", 1)]) for line in rows
               if line.startswith("\u2502")}
    assert len(columns) == 1


# --------------------------------------------------------------------------- broken files


GOOD = ("Ferry crews in Lakeport stopped work on Monday, leaving about 4,000 commuters "
        "without a crossing, the operator said.\n\nTalks resume on Tuesday.\n")


def _messy_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good.txt").write_text(GOOD)
    (root / "big.txt").write_bytes(b"x")
    with open(root / "big.txt", "r+b") as fh:  # 20 MB without writing 20 MB
        fh.truncate(20 * 1024 * 1024)
    (root / "long_line.txt").write_text("Headline\n\n" + "word " * 210_000 + "\n")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_bytes(b"\n \t\r\n  \n")
    (root / "binary.txt").write_bytes(hc.BINARY)
    (root / "loop").symlink_to(".")
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    (root / "dangling.txt").symlink_to("nowhere.txt")
    os.mkfifo(root / "pipe.txt")
    sub = root / "sub"
    sub.mkdir()
    (sub / "up").symlink_to("..")
    (sub / "good2.md").write_text(GOOD)
    return root


MESSY_PROBLEMS = {
    "big.txt": "too large", "long_line.txt": "a line of", "empty.txt": "empty",
    "blank.md": "white space", "binary.txt": "binary", "loop": "symlink loop",
    "a.txt": "symbolic links", "b.txt": "symbolic links", "dangling.txt": "symbolic link",
    "pipe.txt": "not a regular file", "up": "symlink loop",
}


def test_each_broken_file_gets_one_message_and_the_rest_loads(tmp_path):
    root = _messy_corpus(tmp_path)
    corpus = load_corpus(root)
    assert sorted(a.id for a in corpus.articles) == ["good", "good2"]
    by_name: dict[str, list[str]] = {}
    for problem in corpus.problems:
        by_name.setdefault(Path(problem.path).name, []).append(problem.message)
    assert set(by_name) == set(MESSY_PROBLEMS), by_name
    for name, needle in MESSY_PROBLEMS.items():
        assert len(by_name[name]) == 1 and needle in by_name[name][0], (name, by_name[name])


def test_unreadable_file(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good.txt").write_text(GOOD)
    locked = root / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything: make the read fail instead
            real_open = open

            def refuse(path, *args, **kwargs):
                if Path(path) == locked:
                    raise PermissionError(13, "Permission denied", str(path))
                return real_open(path, *args, **kwargs)

            monkeypatch.setattr(loader, "open", refuse, raising=False)
        corpus = load_corpus(root)
    finally:
        locked.chmod(0o644)
    assert [a.id for a in corpus.articles] == ["good"]
    assert [(Path(p.path).name, p.message) for p in corpus.problems] == [
        ("locked.txt", "cannot read: Permission denied")
    ]


def test_unreadable_folder(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "inside.txt").write_text(GOOD)
    (root / "good.txt").write_text(GOOD)
    real_scandir = os.scandir

    def refuse(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(folder.os, "scandir", refuse)
    corpus = load_corpus(root)
    assert [a.id for a in corpus.articles] == ["good"]
    assert [(Path(p.path).name, p.message) for p in corpus.problems] == [
        ("locked", "cannot read folder: Permission denied")
    ]


def test_hostile_file_name_gives_a_safe_id(tmp_path):
    (tmp_path / "evil\x1b]0;owned\x07\u202ename.txt").write_text(GOOD)
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.id == "evil\u241b]0;owned\u2407<U+202E>name"


def test_classic_mac_line_ends_are_lines(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(GOOD.replace("\n", "\r").encode())
    article = loader.load_article(path)
    assert "\u240d" not in article.body
    assert [p.text for p in article.passages][-1] == "Talks resume on Tuesday."


def test_pathological_text_loads_without_catastrophic_backtracking(tmp_path):
    """Inputs that once took hours (runs of dots: exponential; a 150,000-character "word" or
    dot run: quadratic) load in well under a second; a minute's limit is no timing test."""
    cases = {
        "dots.txt": "Dots\n\nThe crews said" + "." * 60 + "x and left the pier.\n",
        "long_dots.txt": "Dots\n\nThe crews said" + "." * 150_000 + "x and left the pier.\n",
        "long_word.txt": "Word\n\nThe page held " + "QUJD" * 37_500 + " as data. Crews left.\n",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
    code = ("import sys; from tui.core.corpus.folder import load_corpus; "
            "c = load_corpus(sys.argv[1]); print(len(c.articles), len(c.problems))")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                          text=True, timeout=60, check=True)
    assert proc.stdout.split() == ["3", "0"]


def test_parse_article_on_the_broken_bytes_never_raises():
    for data in hc.FILES.values():
        article = parse_article(data.decode("utf-8", "replace"), id="x")
        _check_article_offsets(article)
        for name, text in _texts(article).items():
            assert not RAW_CONTROL.search(text), (name, text)
