"""Unit tests of the exports, on comparisons built by hand (no alignment engine needed)."""

from __future__ import annotations

import difflib
import html.parser
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.export import (
    FORMATS,
    default_filename,
    default_report_filename,
    render,
    render_report,
)
from tui.core.export import markdown as md
from tui.core.export._layout import grouped_rows, passage_pieces, reading_rows
from tui.core.export.jsonfmt import schema
from tui.core.model import Article, Comparison, Divergence, Link, Passage, WordOp
from tui.core.reports import CorpusDivergence, DivergenceReport, Form

# --- a tiny fixture builder: articles from sentences, links with difflib word ops ------------


def make_article(id: str, sentences: list[str], **meta) -> Article:
    body, passages, pos = "", [], 0
    for i, sentence in enumerate(sentences):
        if i:
            body += " "
            pos += 1
        passages.append(Passage(i, sentence, pos, pos + len(sentence), 0))
        body += sentence
        pos += len(sentence)
    meta.setdefault("title", sentences[0][:40] if sentences else "Empty")
    meta.setdefault("outlet", f"Outlet {id}")
    return Article(id=id, body=body, passages=tuple(passages), **meta)


_WORD = re.compile(r"\S+\s*")


def _words(article: Article, idx: tuple[int, ...]) -> list[tuple[str, int, int]]:
    start, end = article.passages[idx[0]].start, article.passages[idx[-1]].end
    return [(m.group(), start + m.start(), start + m.end())
            for m in _WORD.finditer(article.body[start:end])]


def _norm(text: str) -> str:
    return re.sub(r"[^\w]", "", text.lower())


def make_link(a: Article, b: Article, ai: tuple[int, ...], bi: tuple[int, ...],
              score: float = 0.8) -> Link:
    wa, wb = _words(a, ai), _words(b, bi)
    matcher = difflib.SequenceMatcher(None, [w[0].strip() for w in wa],
                                      [w[0].strip() for w in wb], autojunk=False)
    ops = []
    a_end = a.passages[ai[-1]].end
    b_end = b.passages[bi[-1]].end
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a_s = wa[i1][1] if i1 < len(wa) else a_end
        a_e = wa[i2 - 1][2] if i2 > i1 else a_s
        b_s = wb[j1][1] if j1 < len(wb) else b_end
        b_e = wb[j2 - 1][2] if j2 > j1 else b_s
        a_text, b_text = a.body[a_s:a_e], b.body[b_s:b_e]
        soft = tag == "replace" and _norm(a_text) == _norm(b_text)
        ops.append(WordOp(tag, a_s, a_e, b_s, b_e, a_text, b_text, soft))
    return Link(a=ai, b=bi, score=score, ops=tuple(ops), shared=("Putin",))


def make_comparison(a: Article, b: Article, pairs, divergences=()) -> Comparison:
    links = tuple(make_link(a, b, ai, bi) for ai, bi in pairs)
    used_a = {i for ai, _ in pairs for i in ai}
    used_b = {i for _, bi in pairs for i in bi}
    return Comparison(
        a=a, b=b, links=links,
        only_a=tuple(i for i in range(len(a.passages)) if i not in used_a),
        only_b=tuple(i for i in range(len(b.passages)) if i not in used_b),
        threshold=0.45, divergences=tuple(divergences),
    )


A = make_article("kremlin", [
    "Putin spoke with Israeli Prime Minister Benjamin Netanyahu on Monday.",
    "He offered condolences to the families.",
    "Russia is ready to help.",
    "The call lasted an hour.",
], outlet="RT", title="Putin talks with Netanyahu", date="2023-10-16",
    url="https://www.rt.com/russia/1")
B = make_article("afp", [
    "Before the call, aides briefed reporters.",
    "Putin called Israeli President Benjamin Netanyahu on monday.",
    "He offered condolences to the families.",
    "Moscow wants a ceasefire.",
], outlet="AFP", title="Putin Speaks to Netanyahu", date="2023-10-16")
DIV = Divergence(
    kind="title", note="A calls Netanyahu “Prime Minister”; B calls him “President”.",
    salience=0.9, link=0, a_passage=0, b_passage=1, a_text="Prime Minister",
    b_text="President", a_span=(25, 39), b_span=(48, 57),
)
SEED = make_comparison(A, B, [((0,), (1,)), ((1,), (2,))], [DIV])


# --- layout -----------------------------------------------------------------------------


def test_rows_follow_a_and_place_b_only_passages_near_their_neighbours():
    rows = reading_rows(SEED)
    assert [(r.kind, r.a, r.b) for r in rows] == [
        ("only_b", (), (0,)),
        ("link", (0,), (1,)),
        ("link", (1,), (2,)),
        ("only_b", (), (3,)),
        ("only_a", (2,), ()),
        ("only_a", (3,), ()),
    ]
    grouped = grouped_rows(SEED)
    assert [(r.kind, r.a, r.b) for r in grouped][-2:] == [
        ("only_b", (), (3,)),
        ("only_a", (2, 3), ()),
    ]


def test_pieces_rebuild_each_passage_and_marks_never_hold_edge_space():
    link = SEED.links[0]
    for article, side, index in ((A, "a", 0), (B, "b", 1)):
        pieces = passage_pieces(article, index, link, side)
        assert "".join(t for t, _ in pieces) == article.passages[index].text
        for text, mark in pieces:
            if mark:
                assert text == text.strip()
    a_marks = dict((t, m) for t, m in passage_pieces(A, 0, link, "a") if m)
    b_marks = dict((t, m) for t, m in passage_pieces(B, 1, link, "b") if m)
    assert a_marks["spoke with"] == "deleted"
    assert a_marks["Prime Minister"] == "deleted"
    assert b_marks["President"] == "inserted"
    assert b_marks["monday."] == "soft"


# --- each format ------------------------------------------------------------------------


def test_text_is_side_by_side_plain_and_fits_the_width():
    out = render(SEED, "text", width=90)
    assert "\x1b" not in out
    assert all(len(line) <= 90 for line in out.splitlines())
    assert "[-spoke with-]" in out
    assert "{+President+}" in out
    assert "{~monday.~}" in out
    assert "(not in A)" in out and "(not in B)" in out
    assert out.index("Divergences (1)") > out.index("Moscow wants")
    line = next(line for line in out.splitlines() if "Putin" in line and "│" in line)
    assert line.count("│") == 3  # two columns side by side


def test_text_colour_only_when_asked():
    assert "\x1b[" in render(SEED, "text", color=True)
    assert "[-" not in render(SEED, "text", color=True)


def test_text_keeps_columns_aligned_with_wide_characters():
    a = make_article("zh", ["普京与以色列总理内塔尼亚胡通话。"], outlet="新华社")
    b = make_article("en", ["Putin spoke with Netanyahu."], outlet="AFP")
    out = render(make_comparison(a, b, [((0,), (0,))]), "text", width=60)
    from rich.cells import cell_len
    table = [line for line in out.splitlines() if line.startswith(("│", "┌", "├", "└"))]
    assert table and {cell_len(line) for line in table} == {60}


def test_json_is_the_contract_and_matches_the_schema():
    data = json.loads(render(SEED, "json"))
    assert data == SEED.to_dict()
    validate(data, schema())
    assert render(SEED, "json").endswith("}\n")


def test_schema_validator_rejects_a_broken_document():
    data = json.loads(render(SEED, "json"))
    del data["links"][0]["ops"]
    with pytest.raises(AssertionError, match="ops"):
        validate(data, schema())


def test_markdown_marks_words_and_lists_everything():
    out = render(SEED, "md")
    assert "~~Prime Minister~~" in out
    assert "**President**" in out
    assert "*monday.*" in out
    assert "## Only in A (RT)" in out and "Russia is ready to help." in out
    assert "## Only in B (AFP)" in out and "Moscow wants a ceasefire." in out
    assert "1. **title** (high)" in out


@pytest.mark.parametrize(("raw", "expected"), [
    ("a *b* _c_", r"a \*b\* \_c\_"),
    ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
    ("<b>&amp;</b>", r"\<b\>\&amp;\</b\>"),
    ("# not a heading", r"\# not a heading"),
    ("1. not a list", r"1\. not a list"),
    ("see www.example.com or https://x.org", r"see www\.example.com or https\://x.org"),
    ("mail a@b.org, ping @user", r"mail a\@b.org, ping \@user"),
    ("$5 and $6", r"\$5 and \$6"),
    ("a | b ~~c~~ `d`", r"a \| b \~\~c\~\~ \`d\`"),
    ("line\nbreak", "line break"),
    ("001_c306_x and _lead trail_", r"001_c306_x and \_lead trail\_"),
    ("__y__ a__b", r"\_\_y\_\_ a\_\_b"),
])
def test_markdown_escape(raw, expected):
    assert md.escape(raw) == expected


def _md_html(text: str) -> str:
    from markdown_it import MarkdownIt  # ships with rich

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def test_markdown_renders_marks_and_nothing_else():
    rendered = _md_html(render(SEED, "md"))
    assert "<s>Prime Minister</s>" in rendered
    assert "<strong>President</strong>" in rendered
    assert "<em>monday.</em>" in rendered
    hostile = _md_html(render(HOSTILE_CMP, "md"))
    for live in ("<a ", "<script", "<img", "<b>", "<i>", "<code", "<h2>Parallax"):
        assert live not in hostile
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "[bold red]x[/]" in hostile


def test_markdown_divergence_details_stay_nested_past_item_nine():
    many = make_comparison(A, B, [((0,), (1,))], [DIV] * 12)
    rendered = _md_html(render(many, "md"))
    assert rendered.count("<ol>") == 1  # one list, items 10-12 keep their details inside


def test_markdown_marks_skip_punctuation_glued_to_a_word():
    # CommonMark would not close ``~~,x~~`` after a letter: the comma stays outside.
    assert md._mark(",x", "d", " ", "~~", "~~") == ",~~x~~"
    assert md._mark("“", "d", "A", "*", "*") == "“"
    assert md._mark(", as well", "u", " ", "~~", "~~") == ", ~~as well~~"


def test_html_structure_anchors_and_marks():
    out = render(SEED, "html")
    parse_html(out)
    assert out.startswith("<!DOCTYPE html>")
    assert 'id="a-p0" href="#b-p1"' in out and 'id="b-p1" href="#a-p0"' in out
    assert '<del class="diff--deleted">Prime Minister</del>' in out
    assert '<ins class="diff--inserted">President</ins>' in out
    assert '<ins class="diff--soft">monday.</ins>' in out
    assert "align--pair-0" in out and "align--pair-1" in out
    assert "row--only-a" in out and "row--only-b" in out
    assert 'href="#a-p0"' in out and 'href="#b-p1"' in out  # the divergence points at both
    assert "prefers-color-scheme: dark" in out
    assert 'href="https://www.rt.com/russia/1"' in out
    # Self-contained: nothing to fetch.
    assert not re.search(r"""(src|href)=["']?(?!["'#])(?!https://www\.rt\.com)""", out)
    assert "@import" not in out and "url(" not in out and "<script" not in out


def test_every_link_gets_one_of_eight_colours():
    sentences = [f"Sentence number {i} is here." for i in range(10)]
    a, b = make_article("x", sentences), make_article("y", sentences)
    out = render(make_comparison(a, b, [((i,), (i,)) for i in range(10)]), "html")
    assert out.count('class="row row--link align--pair-0"') == 2
    assert "align--pair-7" in out and "align--pair-8" not in out


# --- hostile input ----------------------------------------------------------------------

HOSTILE = ('He said <script>alert(1)</script> &amp; "quoted" \'single\' [bold red]x[/] '
           "\x1b[31mred\x1b[0m \x1b]52;c;ZXZpbA==\x07 and \u202eevil.")
EVIL = make_article(
    "evil", [HOSTILE, "Plain sentence here."], outlet='<b>Evil</b> & "Co"',
    title="[link](javascript:alert(1)) <img src=x onerror=alert(1)>",
    url="javascript:alert(document.cookie)", byline="\x1b[2J wiper",
)
GOOD = make_article("good", ["He said something else entirely.", "Plain sentence here."])
HOSTILE_CMP = make_comparison(EVIL, GOOD, [((1,), (1,))], [Divergence(
    kind="quote", note="<i>note</i> [red]x[/]", salience=0.5, link=0, a_passage=0,
    b_passage=0, a_text="<script>", b_text="\x1b[31m",
)])


def test_html_escapes_everything():
    out = render(HOSTILE_CMP, "html")
    parse_html(out)
    assert "<script" not in out and "<img" not in out and "<b>Evil" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&amp;amp;" in out and "&quot;quoted&quot;" in out and "&#x27;single&#x27;" in out
    assert "javascript:" in out  # shown as text ...
    assert not re.search(r'href="\s*javascript', out, re.I)  # ... never as a link
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "␛[31mred" in out


def test_markdown_escapes_everything():
    out = render(HOSTILE_CMP, "md")
    assert not re.search(r"(?<!\\)<(?!https?://)", out)  # every < is escaped (not links)
    assert r"\<script\>alert(1)\</script\>" in out
    assert r"\[bold red\]x\[/\]" in out and r"\[link\](javascript:alert(1))" in out
    assert r"\&amp;" in out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out


def test_text_neutralises_controls_and_never_reads_markup():
    for color in (False, True):
        out = render(HOSTILE_CMP, "text", color=color, width=200)
        assert "[bold red]x[/]" in out  # shown literally, not turned into style
        assert "[red]x[/]" in out
        assert "\x1b]52" not in out and "\x07" not in out and "\u202e" not in out
        assert "␛[31mred" in out
        if not color:
            assert "\x1b" not in out


def test_json_keeps_text_exact_and_valid():
    out = render(HOSTILE_CMP, "json")
    assert json.loads(out)["a"]["passages"][0]["text"] == HOSTILE
    assert "\x1b" not in out  # json.dumps writes controls as \u001b escapes


# --- report -----------------------------------------------------------------------------

REPORT = DivergenceReport(
    articles=(A, B, EVIL),
    divergences=(CorpusDivergence(
        kind="title", what="Netanyahu's title", salience=0.9,
        forms=(Form("kremlin", 0, A.passages[0].text, "Prime Minister", (25, 39)),
               Form("afp", 1, B.passages[1].text, "President", None),
               Form("evil", 0, HOSTILE, "<script>", None)),
        pairs=(("kremlin", "afp"),),
    ),),
    related=(("kremlin", "afp", 0.5),),
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_renders_in_every_format(fmt):
    assert A.body[25:39] == "Prime Minister"
    out = render_report(REPORT, fmt)
    assert "Netanyahu" in out
    if fmt in ("html", "md"):
        assert "<script>" not in out
    if fmt == "html":
        parse_html(out)
        assert '<mark class="form__words">Prime Minister</mark>' in out
    if fmt == "md":
        assert "**Prime Minister**" in out and "**President**" in out
    if fmt == "text":
        assert "«Prime Minister»" in out
    if fmt == "json":
        assert json.loads(out) == REPORT.to_dict()


# --- odd shapes -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_and_unlinked_comparisons_render(fmt):
    empty = make_article("e", [])
    assert render(make_comparison(empty, empty, []), fmt)
    assert render(make_comparison(A, B, []), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_are_deterministic(fmt):
    assert render(SEED, fmt) == render(SEED, fmt)


def test_a_passage_linked_twice_gets_two_rows_and_unique_anchors():
    twice = make_comparison(A, B, [((0,), (0,)), ((0,), (1,)), ((1,), (2,))])
    rows = reading_rows(twice)
    assert [(r.kind, r.a, r.b) for r in rows][:3] == [
        ("link", (0,), (0,)), ("link", (0,), (1,)), ("link", (1,), (2,))]
    out = render(twice, "html")
    parse_html(out)  # unique ids, every href has a target
    assert 'id="a-p0" href="#b-p0"' in out
    assert 'id="a-p0-link2" href="#b-p1"' in out and 'id="b-p1" href="#a-p0-link2"' in out
    assert render(twice, "md").count("> **A** ") == 3  # one quote per link
    text = render(twice, "text", width=120)
    assert [text.count(f"· link {k} ·") for k in (1, 2, 3)] == [2, 2, 2]  # a row each


def test_link_without_ops_shows_plain_text():
    bare = Comparison(a=A, b=B, links=(Link(a=(0,), b=(1,), score=0.6),), only_a=(1, 2, 3),
                      only_b=(0, 2, 3), threshold=0.4)
    for fmt in FORMATS:
        assert "Netanyahu" in render(bare, fmt)


def test_unknown_format_and_filenames():
    with pytest.raises(ValueError, match="unknown export format"):
        render(SEED, "pdf")
    assert default_filename(SEED, "html") == "parallax-kremlin-vs-afp.html"
    assert default_filename(SEED, "text") == "parallax-kremlin-vs-afp.txt"
    odd = make_comparison(make_article("../x y", ["a."]), make_article("b", ["a."]), [])
    assert default_filename(odd, "md") == "parallax-x-y-vs-b.md"
    assert default_report_filename("json") == "parallax-divergences.json"


def test_export_never_imports_textual():
    code = ("import sys, tui.core.export, tui.core.export.atomic; "
            "assert 'textual' not in sys.modules, 'textual imported'")
    subprocess.run([sys.executable, "-c", code], check=True,
                   cwd=Path(__file__).resolve().parents[1])


# --- helpers: a JSON Schema subset validator and an HTML well-formedness check -----------


def validate(data, schema_: dict, root: dict | None = None, where: str = "$") -> None:
    """Check ``data`` against the subset of JSON Schema that comparison.schema.json uses."""
    root = root or schema_
    if "$ref" in schema_:
        target = root
        for part in schema_["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        validate(data, target, root, where)
    types = schema_.get("type")
    if types is not None:
        allowed = types if isinstance(types, list) else [types]
        checks = {
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
            "string": lambda v: isinstance(v, str),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool),
            "null": lambda v: v is None,
        }
        assert any(checks[t](data) for t in allowed), f"{where}: {data!r} is not {types}"
    if "const" in schema_:
        assert data == schema_["const"], f"{where}: {data!r} != {schema_['const']!r}"
    if "enum" in schema_:
        assert data in schema_["enum"], f"{where}: {data!r} not in {schema_['enum']}"
    if isinstance(data, int | float) and not isinstance(data, bool):
        assert data >= schema_.get("minimum", data), f"{where}: {data} too small"
        assert data <= schema_.get("maximum", data), f"{where}: {data} too large"
    if isinstance(data, dict):
        for key in schema_.get("required", ()):
            assert key in data, f"{where}: missing {key}"
        props = schema_.get("properties", {})
        for key, value in data.items():
            if key in props:
                validate(value, props[key], root, f"{where}.{key}")
            elif isinstance(schema_.get("additionalProperties"), dict):
                validate(value, schema_["additionalProperties"], root, f"{where}.{key}")
    if isinstance(data, list):
        assert len(data) >= schema_.get("minItems", 0), f"{where}: too few items"
        assert len(data) <= schema_.get("maxItems", len(data)), f"{where}: too many items"
        if "items" in schema_:
            for i, item in enumerate(data):
                validate(item, schema_["items"], root, f"{where}[{i}]")


VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source"}


def parse_html(text: str) -> None:
    """Assert that every element is closed in order and ids are unique."""

    class Checker(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack: list[str] = []
            self.ids: set[str] = set()

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name == "id":
                    assert value not in self.ids, f"duplicate id {value}"
                    self.ids.add(value)
            if tag not in VOID:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
            self.stack.pop()

    checker = Checker()
    checker.feed(text)
    checker.close()
    assert checker.stack == []
    hrefs = re.findall(r'href="#([^"]+)"', text)
    missing = [h for h in hrefs if h not in checker.ids]
    assert not missing, f"anchors without a target: {missing}"


def test_markdown_keeps_plain_web_addresses_as_links():
    """An article's http(s) URL is an autolink: a link where Markdown is rendered, the bare
    address (no backslashes) in a chat that shows the text as typed; anything else is text."""
    out = render(SEED, "md")
    url = SEED.a.url
    assert url.startswith("https://") and f"<{url}>" in out
    assert "\\:" not in out.split("## Figures")[0]  # no escaped colon in the metadata
    assert f'<a href="{url}">{url}</a>' in _md_html(out)
    odd = make_article("odd", ["One sentence here."], url="https://x.example/a|b_c*d")
    table = render(make_comparison(odd, GOOD, [((0,), (0,))]), "md")
    assert "<https://x.example/a%7Cb_c*d>" in table
    assert '<a href="https://x.example/a%7Cb_c*d">' in _md_html(table)
    hostile = _md_html(render(HOSTILE_CMP, "md"))
    assert "javascript:alert(document.cookie)" in hostile and "<a " not in hostile
