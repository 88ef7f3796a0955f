"""``parallax add SOURCE... [--corpus DIR]``: bring URLs, saved pages and text files in."""

from __future__ import annotations

import argparse
import sys

from .cli_args import Once

DEFAULT_CORPUS = "corpus"


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "add",
        help="add articles from URLs, saved web pages or text files to the corpus",
        description=(
            "Add articles to a corpus. Each SOURCE is an http(s) URL, a saved .html/.htm page "
            "or a .txt/.md file. Pages are reduced to their article text and written as text "
            "files with a front-matter block (title, outlet, date, url, author); existing "
            "articles are never overwritten, and duplicates (same URL or text) are skipped."
        ),
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="URL or file to add")
    parser.add_argument(
        "--corpus", dest="corpus_opt", metavar="DIR", default=None, action=Once,
        help="corpus directory, created if missing (default: ./corpus)",
    )
    parser.add_argument(
        "--timeout", type=float, default=15, metavar="SECONDS",
        help="network timeout per page (default: 15)",
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Add every source; one line per result on stdout, progress on stderr. 0 if all ok."""
    from tui.core.ingest.safety import neutralise
    from tui.core.ingest.webimport import AddResult, add_sources
    from tui.core.ingest.webpage import ImportProblem

    sources: list[str] = list(args.sources)
    # (``parallax --corpus DIR add ...`` and ``parallax add ... --corpus DIR`` alike: the
    # command line merges them into ``args.corpus``)
    corpus = getattr(args, "corpus", None) or getattr(args, "corpus_opt", None) \
        or DEFAULT_CORPUS

    def progress(i: int, n: int, source: str) -> None:
        if n > 1:
            print(f"[{i}/{n}] adding {neutralise(source)} ...", file=sys.stderr, flush=True)

    def report(result: AddResult) -> None:
        line = neutralise(str(result)).replace("\n", "\u240a")
        print(line, file=sys.stdout if result.ok else sys.stderr, flush=True)

    try:
        results = add_sources(
            sources, corpus, progress=progress, on_result=report,
            timeout=getattr(args, "timeout", 15),
        )
    except ImportProblem as exc:
        print(f"parallax add: {neutralise(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("parallax add: interrupted; nothing half-written was left behind", file=sys.stderr)
        return 130
    return 0 if all(r.ok for r in results) else 1
