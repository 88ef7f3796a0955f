"""The command line's front door (issue 17): one way to name the corpus on every command,
``parallax DIR``, clear refusals, and ``compare`` of two files reading only those two.

The articles are invented (a bridge closing in a made-up town, told by two made-up outlets).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui import cli

ROOT = Path(__file__).resolve().parent.parent

HERALD = """---
title: Old Verrin bridge to close for six months of repairs
outlet: Verrin Herald
date: 2031-05-02
url: https://herald.example/verrin-bridge
---
The Old Verrin bridge will close on Monday for six months of repairs, the county council said.

Engineers found cracks in 14 of the bridge's steel supports during an inspection in April.

Drivers will be sent on a 9-kilometre detour through the village of Ashby.

The council said the repairs would cost 3.2 million euros.
"""

COURIER = """---
title: Verrin bridge shuts as cracks found in supports
outlet: Valley Courier
date: 2031-05-03
url: https://courier.example/bridge-shuts
---
The county council will shut the Old Verrin bridge from Monday for repairs expected to last
half a year.

An April inspection found cracks in 16 of the bridge's steel supports, engineers said.

Motorists face a detour of 9 kilometres through Ashby.

Repairs are expected to cost 3.5 million euros, according to the council.
"""

MARKET = """---
title: Farmers' market returns to Ashby square
outlet: Valley Courier
date: 2031-05-04
---
The weekly farmers' market returns to Ashby square on Saturday after the winter break.

Twenty stalls will sell bread, cheese, honey and early strawberries from local farms.
"""


@pytest.fixture
def news(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "herald.txt").write_text(HERALD)
    (folder / "courier.md").write_text(COURIER)
    (folder / "market.txt").write_text(MARKET)
    return folder


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> Path:
    """A working folder with no ./corpus, so a command that ignored the corpus it was given
    would fall back on the bundled sample."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = cli.main([str(a) for a in argv])
    except SystemExit as stop:  # argparse's usage errors
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def listed_ids(out: str) -> list[str]:
    return sorted(a["id"] for a in json.loads(out)["articles"])


# --------------------------------------------------------------------- naming the corpus


@pytest.mark.parametrize("argv", [
    ("list", "{c}", "--format", "json"),
    ("list", "--corpus", "{c}", "--format", "json"),
    ("--corpus", "{c}", "list", "--format", "json"),
    ("--corpus={c}", "list", "--format", "json"),
    ("list", "--format", "json", "--corpus={c}"),
    # the same folder twice, however spelled, is not a conflict
    ("--corpus", "{c}", "list", "{c}/", "--format", "json"),
])
def test_list_names_the_corpus_any_documented_way(news, elsewhere, capsys, argv):
    code, out, err = run(capsys, *(a.format(c=news) for a in argv))
    assert code == 0, err
    assert listed_ids(out) == ["courier", "herald", "market"]


@pytest.mark.parametrize("argv", [
    ("divergences", "{c}", "--format", "json"),
    ("divergences", "--corpus", "{c}", "--format", "json"),
    ("--corpus", "{c}", "divergences", "--format", "json"),
])
def test_divergences_names_the_corpus_any_documented_way(news, elsewhere, capsys, argv):
    code, out, err = run(capsys, *(a.format(c=news) for a in argv))
    assert code == 0, err
    report = json.loads(out)
    articles = {f["article"] for d in report["divergences"] for f in d["forms"]}
    assert articles and articles <= {"herald", "courier", "market"}, articles
    figures = {f["text"] for d in report["divergences"] if d["kind"] == "number"
               for f in d["forms"]}
    assert any("14" in t for t in figures) and any("16" in t for t in figures), figures


@pytest.mark.parametrize("before", [True, False])
def test_compare_ids_in_the_corpus_given_before_or_after(news, elsewhere, capsys, before):
    corpus = ["--corpus", str(news)]
    argv = [*corpus, "compare", "herald", "courier"] if before else \
        ["compare", "herald", "courier", *corpus]
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["a"]["id"], data["b"]["id"]) == ("herald", "courier")
    assert data["links"]


def test_add_takes_the_corpus_before_the_command(tmp_path, elsewhere, capsys):
    source = tmp_path / "story.txt"
    source.write_text(HERALD)
    target = tmp_path / "mine"
    code, out, err = run(capsys, "--corpus", target, "add", source)
    assert code == 0, err
    assert [p.suffix for p in target.iterdir()] == [".txt"]
    assert not (elsewhere / "corpus").exists()


@pytest.mark.parametrize("argv,says", [
    (("--corpus", "{c}", "list", "{o}"), "given twice"),
    (("list", "{c}", "--corpus", "{o}"), "given twice"),
    (("--corpus", "{c}", "compare", "herald", "courier", "--corpus", "{o}"), "given twice"),
    (("--corpus", "{c}", "add", "x.txt", "--corpus", "{o}"), "given twice"),
    (("--corpus", "{c}", "--corpus", "{o}", "list"), "given twice"),
    (("list", "{c}", "--format", "json", "--format", "table"), "given twice"),
    (("compare", "a", "b", "--threshold", "0.2", "--threshold", "0.3"), "given twice"),
    (("--format", "json", "list", "{c}"), "--format is not an option of parallax itself"),
    (("-o", "x.txt", "{c}"), "-o is not an option of parallax itself"),
    (("list", "{c}", "--threshold", "0.2"), "unrecognized arguments"),
    (("list", "{c}", "-o", "x.txt"), "unrecognized arguments"),
    (("open", "{c}", "--format", "json"), "unrecognized arguments"),
    (("list", "{c}", "{o}"), "unrecognized arguments"),
])
def test_a_misplaced_or_contradictory_option_is_an_error(news, tmp_path, elsewhere, capsys,
                                                         argv, says):
    other = tmp_path / "other"
    other.mkdir()
    code, out, err = run(capsys, *(a.format(c=news, o=other) for a in argv))
    assert code == 2, (out, err)
    assert says in err and not out


# --------------------------------------------------------------------- parallax DIR


@pytest.fixture
def reader(monkeypatch):
    """Stands in for the reader's event loop: records the corpus it was asked to open."""
    from tui.app import reader as module

    opened: list[Path] = []
    monkeypatch.setattr(module, "run_app", lambda root=None: opened.append(Path(root)) or 0)
    return opened


@pytest.mark.parametrize("argv", [("{c}",), ("open", "{c}"), ("--corpus", "{c}"),
                                  ("open", "--corpus", "{c}"), ("--corpus", "{c}", "open")])
def test_a_folder_in_place_of_a_command_opens_the_reader_on_it(news, elsewhere, capsys,
                                                                reader, argv):
    code, out, err = run(capsys, *(a.format(c=news) for a in argv))
    assert code == 0, err
    assert reader == [news]


def test_the_reader_opens_on_a_folder_named_like_a_command_only_with_open(tmp_path, elsewhere,
                                                                         capsys, reader):
    (elsewhere / "list").mkdir()
    (elsewhere / "list" / "a.txt").write_text(HERALD)
    code, out, err = run(capsys, "open", "list")
    assert code == 0 and reader == [Path("list")]


def test_neither_a_command_nor_a_folder_is_named(elsewhere, capsys, reader):
    code, out, err = run(capsys, "lsit")
    assert code == 2 and reader == []
    assert "no such command or folder: lsit" in err
    (elsewhere / "one.txt").write_text(HERALD)
    code, out, err = run(capsys, "one.txt")
    assert code == 2 and "parallax compare A B" in err


# --------------------------------------------------------------------- missing or empty


@pytest.mark.parametrize("command", ["list", "divergences", "open"])
def test_a_missing_corpus_is_refused_naming_it(tmp_path, elsewhere, capsys, reader, command):
    missing = tmp_path / "no" / "such" / "dir"
    code, out, err = run(capsys, command, missing)
    assert code == 1 and reader == []
    assert err.strip() == f"parallax: no such folder: {missing}"
    assert not out


@pytest.mark.parametrize("command", ["list", "divergences"])
def test_an_empty_corpus_says_how_to_bring_articles_in(tmp_path, elsewhere, capsys, command):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, command, empty)
    assert code == 1 and not out
    assert f"no articles in {empty}" in err and "parallax add" in err


def test_a_corpus_of_only_bad_files_fails(tmp_path, elsewhere, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "blank.txt").write_text("   \n")
    code, out, err = run(capsys, "list", folder)
    assert code == 1
    assert "blank.txt" in err and "none of the files" in err


# --------------------------------------------------------------------- compare two files


def test_comparing_two_files_reads_only_them(news, tmp_path, capsys, monkeypatch):
    """Beside them: an unreadable file, a broken one, a folder of thousands; none is read."""
    from tui.core.corpus import folder as corpus_folder
    from tui.core.ingest import loader

    (news / "blank.txt").write_text(" \n")
    deep = news / "deep"
    deep.mkdir()
    for n in range(50):
        (deep / f"{n}.txt").write_text(MARKET)
    read: list[str] = []
    real = loader.load_article

    def spy(path, **kw):
        read.append(Path(path).name)
        return real(path, **kw)

    def no_corpus(*a, **kw):
        raise AssertionError("a corpus was loaded")

    monkeypatch.setattr(loader, "load_article", spy)
    monkeypatch.setattr(corpus_folder, "load_corpus", no_corpus)
    monkeypatch.setattr(cli, "_corpus", no_corpus)
    code, out, err = run(capsys, "compare", news / "herald.txt", news / "courier.md",
                         "--format", "json")
    assert code == 0, err
    assert sorted(read) == ["courier.md", "herald.txt"]
    assert json.loads(out)["links"]


def test_comparing_two_files_against_a_corpus_when_asked(news, tmp_path, capsys):
    """--corpus with files weighs their words by the corpus (as the reader does): the two
    files' comparison then differs from theirs alone only in the weights, never in which
    articles are compared."""
    pair = (news / "herald.txt", news / "courier.md")
    code, alone, err = run(capsys, "compare", *pair, "--format", "json")
    assert code == 0, err
    code, weighed, err = run(capsys, "compare", *pair, "--corpus", news, "--format", "json")
    assert code == 0, err
    alone, weighed = json.loads(alone), json.loads(weighed)
    assert alone["a"] == weighed["a"] and alone["b"] == weighed["b"]
    assert [lk["score"] for lk in alone["links"]] != [lk["score"] for lk in weighed["links"]]


def test_two_files_of_the_working_corpus_compare_as_the_reader_does(news, tmp_path, capsys,
                                                                    monkeypatch):
    """Files inside ./corpus (the corpus the reader opens here) are weighed by it, as ids are;
    the same files elsewhere are read alone."""
    monkeypatch.chdir(news.parent)
    news.rename(news.parent / "corpus")
    pair = ("corpus/herald.txt", "corpus/courier.md")
    code, inside, err = run(capsys, "compare", *pair, "--format", "json")
    assert code == 0, err
    code, by_id, err = run(capsys, "compare", "herald", "courier", "--format", "json")
    assert code == 0, err
    assert json.loads(inside)["links"] == json.loads(by_id)["links"]
    apart = tmp_path / "apart"
    apart.mkdir()
    for name in ("herald.txt", "courier.md"):
        (apart / name).write_text((news.parent / "corpus" / name).read_text())
    code, alone, err = run(capsys, "compare", apart / "herald.txt", apart / "courier.md",
                           "--format", "json")
    assert code == 0, err
    scores = [lk["score"] for lk in json.loads(alone)["links"]]
    assert scores != [lk["score"] for lk in json.loads(inside)["links"]]


def test_comparing_a_missing_file_or_a_folder_is_a_clear_error(news, capsys, monkeypatch):
    monkeypatch.setattr(cli, "_corpus", lambda *a: pytest.fail("a corpus was loaded"))
    code, out, err = run(capsys, "compare", news / "herald.txt", news / "gone.txt")
    assert code == 2 and err.strip() == f"parallax: no such file: {news / 'gone.txt'}"
    code, out, err = run(capsys, "compare", news / "herald.txt", news)
    assert code == 2 and "is a folder" in err
    (news / "notes.pdf").write_text("x")
    code, out, err = run(capsys, "compare", news / "herald.txt", news / "notes.pdf")
    assert code == 2 and "notes.pdf" in err and ".pdf is not a text" in err


def test_output_to_a_folder_writes_the_default_name_inside(news, tmp_path, capsys):
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    args = ("compare", news / "herald.txt", news / "courier.md", "--format", "md", "-o", out_dir)
    code, out, err = run(capsys, *args)
    assert code == 0, err
    written = out_dir / "parallax-herald-vs-courier.md"
    assert [p.name for p in out_dir.iterdir()] == [written.name]
    assert f"wrote {written}" in err
    code, out, err = run(capsys, *args)
    assert code == 1 and "--force" in err
    code, out, err = run(capsys, *args, "--force")
    assert code == 0 and written.read_text().startswith("# Parallax")
    code, out, err = run(capsys, "divergences", news, "--format", "html", "-o", out_dir)
    assert code == 0 and (out_dir / "parallax-divergences.html").is_file()


def test_the_command_line_is_the_same_in_a_subprocess(news, tmp_path):
    """``parallax --corpus DIR list`` as a user types it (through ``python -m tui``)."""
    proc = subprocess.run([sys.executable, "-m", "tui", "--corpus", str(news), "list",
                           "--format", "json"], capture_output=True, text=True, cwd=tmp_path,
                          env=os.environ | {"NO_COLOR": "1"}, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert listed_ids(proc.stdout) == ["courier", "herald", "market"]


def test_html_without_its_libraries_is_one_message_not_a_traceback(tmp_path, elsewhere, capsys,
                                                                   monkeypatch):
    """What a broken install looked like (jusText without lxml_html_clean): now one line."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # (import fails as if missing)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "page.html").write_text("<html><body><p>" + HERALD + "</p></body></html>")
    code, out, err = run(capsys, "list", folder)
    assert code == 1 and "Traceback" not in err
    assert f"{folder / 'page.html'}: cannot read HTML: the library trafilatura is missing" in err
    code, out, err = run(capsys, "add", folder / "page.html", "--corpus", tmp_path / "c")
    assert code == 1 and "Traceback" not in err
    assert "cannot read HTML: the library trafilatura is missing" in err


def test_list_keeps_long_ids_whole_and_titles_readable(tmp_path, capsys):
    from tui.core.corpus.folder import load_corpus
    from tui.core.corpus.listing import render_listing

    long_id = "harbor-ledger-2024-03-07-veldmoor-ferry-returns-to-the-quay-after-three-years"
    (tmp_path / f"{long_id}.txt").write_text(
        "Veldmoor ferry returns to the quay after three years\n\nThe ferry sailed again on "
        "Thursday morning, the harbour master said, after three years in dry dock.\n")
    code, out, err = run(capsys, "list", str(tmp_path))  # piped: one line per article
    assert code == 0, err
    [row] = [line for line in out.splitlines() if line.startswith(long_id)]
    assert "Veldmoor ferry returns to the quay after three years" in row
    narrow = render_listing(load_corpus(tmp_path), width=100)  # a terminal: the id folds
    assert long_id in "".join(line.split("  ")[0] for line in narrow.splitlines()[1:-1])
    assert "Veldmoor ferry returns to the" in narrow
