"""The ``parallax`` command line. Only ``parallax`` with no command (the reader) imports textual."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from . import __version__
from .core.ingest.safety import escape_json_controls, neutralise


def _color_wanted(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _say(message: object, stream=None) -> None:
    """Print one ``parallax: ...`` line to stderr, file names in it shown safely.

    A path may hold escape sequences, C1 or bidi controls, even a newline: each is shown as a
    visible stand-in (``tui.core.ingest.safety.neutralise``) and the message stays on one line.
    """
    text = neutralise(str(message)).replace("\n", "\u240a")
    print(f"parallax: {text}", file=stream or sys.stderr)


def _print_problems(problems, stream=None) -> None:
    for problem in problems:
        _say(problem, stream)


def _emit(text: str, output: str | None, *, force: bool = False) -> int:
    if not output or output == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    from .core.export.atomic import write_atomic

    try:
        write_atomic(output, text if text.endswith("\n") else text + "\n", overwrite=force)
    except FileExistsError:
        _say(f"{output} exists; pass --force to overwrite it")
        return 1
    except OSError as err:
        _say(f"cannot write {output}: {err.strerror or err}")
        return 1
    _say(f"wrote {output}")
    return 0


# ----------------------------------------------------------------------------- list


def cmd_list(args: argparse.Namespace) -> int:
    from .core.corpus.folder import default_corpus_dir, load_corpus

    root = Path(args.corpus) if args.corpus else default_corpus_dir()
    corpus = load_corpus(root)
    if args.format == "json":
        data = {
            "corpus": str(root),
            "articles": [a.summary() | {"warnings": list(a.warnings)} for a in corpus.articles],
            "problems": [{"path": p.path, "message": p.message} for p in corpus.problems],
        }
        print(escape_json_controls(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        from .core.corpus.listing import render_listing

        sys.stdout.write(render_listing(corpus, color=_color_wanted(sys.stdout)))
    _print_problems(corpus.problems)
    for article in corpus.articles:
        for warning in article.warnings:
            _say(f"{article.path}: {warning}")
    if not corpus.articles and corpus.problems:
        return 1
    return 0


# ----------------------------------------------------------------------------- compare


def _real(path: str | Path) -> str:
    """Where ``path`` leads, for comparing two paths; never raises (a looping or unreadable
    link, which ``Path.resolve`` turns into RuntimeError or OSError, is taken as written)."""
    try:
        return os.path.realpath(path)
    except (OSError, RuntimeError, ValueError):
        return os.path.abspath(path)


def _resolve(ref: str, corpus_dir: str | None):
    """An article file, or an id in the corpus; with the corpus it belongs to (or None)."""
    from .core.corpus.folder import default_corpus_dir, load_corpus
    from .core.ingest.loader import LoadError

    path = Path(ref)
    if path.is_file():
        corpus = load_corpus(path.parent)
        target = _real(path)
        for article in corpus.articles:
            if article.path and _real(article.path) == target:
                return article, corpus
        problem = next((p for p in corpus.problems if _real(p.path) == target), None)
        if problem is not None:
            raise LoadError(str(problem))
        from .core.ingest.loader import load_article

        return load_article(path), None
    root = Path(corpus_dir) if corpus_dir else default_corpus_dir()
    corpus = load_corpus(root)
    article = corpus.get(ref)
    if article is None:
        matches = [a for a in corpus.articles if a.id.startswith(ref)]
        if len(matches) == 1:
            return matches[0], corpus
        hint = f"; it matches {len(matches)} ids" if matches else ""
        raise LoadError(f"no article file or id {ref!r} in {root}{hint}")
    return article, corpus


def cmd_compare(args: argparse.Namespace) -> int:
    from .core.align.linker import corpus_background
    from .core.export import render
    from .core.ingest.loader import LoadError
    from .core.pipeline import compare

    try:
        a, corpus_a = _resolve(args.a, args.corpus)
        b, corpus_b = _resolve(args.b, args.corpus)
    except LoadError as err:
        _say(err)
        return 2
    # Word weights use the corpus the articles come from, so a story's stock phrases count
    # for little (the same comparison the reader and `parallax divergences` make).
    corpus = corpus_a if corpus_a is not None and corpus_a.root == getattr(corpus_b, "root", None) \
        else None
    background = corpus_background(corpus.articles) if corpus is not None else None
    comparison = compare(a, b, threshold=args.threshold, background=background)
    color = args.output in (None, "-") and _color_wanted(sys.stdout)
    text = render(comparison, args.format, color=color, width=_width())
    return _emit(text, args.output, force=args.force)


def _width() -> int:
    try:
        return max(60, min(200, os.get_terminal_size().columns))
    except OSError:
        return 100


# ----------------------------------------------------------------------------- divergences


def cmd_divergences(args: argparse.Namespace) -> int:
    from .core.corpus.folder import default_corpus_dir, load_corpus
    from .core.corpus.report import corpus_report
    from .core.export import render_report

    root = Path(args.corpus) if args.corpus else default_corpus_dir()
    corpus = load_corpus(root)
    _print_problems(corpus.problems)
    if not corpus.articles:
        _say(f"no articles in {root}")
        return 1
    progress = None
    if sys.stderr.isatty() and len(corpus.articles) > 20:
        def progress(done: int, total: int) -> None:
            print(f"\rparallax: compared {done}/{total} pairs", end="", file=sys.stderr)
    report = corpus_report(corpus, progress=progress, threshold=args.threshold)
    if progress:
        print(file=sys.stderr)
    color = args.output in (None, "-") and _color_wanted(sys.stdout)
    text = render_report(report, args.format, color=color, width=_width())
    return _emit(text, args.output, force=args.force)


# ----------------------------------------------------------------------------- stories


def cmd_stories(args: argparse.Namespace) -> int:
    from .core.corpus.folder import default_corpus_dir, load_corpus
    from .core.corpus.stories import find_story, group_stories

    root = Path(args.corpus) if args.corpus else default_corpus_dir()
    corpus = load_corpus(root)
    _print_problems(corpus.problems)
    if not corpus.articles:
        _say(f"no articles in {root}")
        return 1
    shown = sys.stderr.isatty() and len(corpus.articles) > 200
    stories = group_stories(corpus, progress=_progress_line("scored", "pairs") if shown else None)
    if shown:
        print(file=sys.stderr)
    chosen = stories
    if args.story:
        story = find_story(stories, args.story)
        if story is None:
            _say(f"no story {args.story!r}: give its number in `parallax stories {root}` or "
                 "the id of one of its articles")
            return 2
        chosen = (story,)
    articles = {a.id: a for a in corpus.articles}
    if args.format == "table":
        from .core.export.stories import render_stories_table

        text = render_stories_table(chosen, articles, str(root),
                                    color=args.output in (None, "-") and _color_wanted(sys.stdout),
                                    width=_width())
    else:
        reports = _story_reports(corpus, [s for s in chosen if len(s.articles) > 1],
                                 html=args.format == "html")
        if args.format == "json":
            from .core.export.stories import render_stories_json

            text = render_stories_json(chosen, articles, str(root), reports)
        else:
            from .core.export.story_html import render_story_report

            text = render_story_report(list(reports.values()))
    return _emit(text, args.output, force=args.force)


def _progress_line(verb: str, what: str):
    def progress(done: int, total: int) -> None:
        print(f"\rparallax: {verb} {done}/{total} {what}", end="", file=sys.stderr)

    return progress


def _story_reports(corpus, stories, *, html: bool) -> dict:
    """Coverage and facts of each story (every pair aligned once); for HTML, the divergences
    too. Progress on a terminal when there are many pairs."""
    from .core.align.linker import corpus_background
    from .core.corpus.coverage import align_story, story_articles, story_report
    from .core.corpus.report import story_divergences

    background = corpus_background(corpus.articles) if len(corpus.articles) > 1 else None
    total = sum(len(s.articles) * (len(s.articles) - 1) // 2 for s in stories)
    show = sys.stderr.isatty() and total > 45
    step = _progress_line("aligned", "pairs") if show else None
    done, pairs = 0, {}
    for story in stories:
        def progress(n: int, _total: int, base: int = done) -> None:
            if step is not None:
                step(base + n, total)

        pairs[story.number] = align_story(story_articles(corpus, story), background=background,
                                          progress=progress)
        done += len(pairs[story.number])
    divergences = [()] * len(stories)
    if html:
        divergences = story_divergences(
            corpus, [s.articles for s in stories],
            progress=_progress_line("compared", "related pairs") if show else None)
    if show:
        print(file=sys.stderr)
    return {s.number: story_report(corpus, s, pairs=pairs[s.number], divergences=tuple(d))
            for s, d in zip(stories, divergences, strict=True)}


# ----------------------------------------------------------------------------- the reader


def cmd_open(args: argparse.Namespace) -> int:
    from .app.reader import run_app

    return run_app(args.corpus) or 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Compare how different outlets report the same story. "
        "With no command, opens the reader on the corpus.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    parser.add_argument("--corpus", help="corpus folder for the reader (default: ./corpus, "
                        "else the bundled sample)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", help="open the reader (the default)")
    p.add_argument("corpus", nargs="?", help="corpus folder")
    p.set_defaults(func=cmd_open)

    p = sub.add_parser("list", help="list the articles of a corpus")
    p.add_argument("corpus", nargs="?", help="corpus folder (default: ./corpus or the sample)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_list)

    formats = ("text", "json", "html", "md")
    p = sub.add_parser("compare", help="align two articles and show how they differ")
    p.add_argument("a", help="article file, or id in the corpus")
    p.add_argument("b", help="article file, or id in the corpus")
    p.add_argument("--corpus", help="corpus folder for ids (default: ./corpus or the sample)")
    p.add_argument("--format", choices=formats, default="text")
    p.add_argument("--threshold", type=_threshold, default=None,
                   help="link passages scoring at least T, 0..1 (default: tuned on the seeds)")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("divergences", help="what the outlets of a corpus say differently")
    p.add_argument("corpus", nargs="?", help="corpus folder (default: ./corpus or the sample)")
    p.add_argument("--format", choices=formats, default="text")
    p.add_argument("--threshold", type=_threshold, default=None)
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    p.set_defaults(func=cmd_divergences)

    p = sub.add_parser("stories", help="the stories of a corpus: which articles report one "
                       "event, and which facts each outlet carries")
    p.add_argument("corpus", nargs="?", help="corpus folder (default: ./corpus or the sample)")
    p.add_argument("--format", choices=("table", "json", "html"), default="table",
                   help="table: one row per story; json: stories with their articles and each "
                   "passage's coverage; html: the story report (facts against outlets)")
    p.add_argument("--story", metavar="N|ID", help="only this story: its number in the table, "
                   "or the id of one of its articles")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    p.set_defaults(func=cmd_stories)

    try:
        from .cli_add import register
    except ImportError:  # pragma: no cover - only while the import command is being written
        pass
    else:
        register(sub)
    return parser


def _threshold(value: str) -> float:
    try:
        t = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= t <= 1.0:
        raise argparse.ArgumentTypeError("the threshold is between 0 and 1")
    return t


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.func = cmd_open
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        # the reader of our output went away (| head); say nothing more
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
