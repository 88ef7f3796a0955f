"""The ``parallax`` commands. Only the reader (``parallax``, ``parallax DIR``, ``parallax open``)
imports textual; the arguments are read in ``cli_args``."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from . import cli_add
from .cli_args import UsageError, build_parser, corpus_given, default_path, route
from .core.ingest.safety import escape_json_controls, neutralise


class Refused(Exception):
    """What a command cannot do, said in one line (exit status 1)."""


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


def _emit(text: str, output: str | None, *, force: bool = False, name: str = "") -> int:
    """Print ``text``, or write it to ``output`` atomically (a folder gets ``name`` inside)."""
    if not output or output == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    from .core.export.atomic import write_atomic

    if name and os.path.isdir(output):
        output = os.path.join(output, name)
    try:
        write_atomic(output, text if text.endswith("\n") else text + "\n", overwrite=force)
    except FileExistsError:
        _say(f"{output} exists; pass --force to overwrite it")
        return 1
    except IsADirectoryError:
        _say(f"cannot write {output}: it is a folder")
        return 1
    except OSError as err:
        _say(f"cannot write {output}: {err.strerror or err}")
        return 1
    _say(f"wrote {output}")
    return 0


def _corpus(value: str | None):
    """Load the corpus named on the command line (or the default one); ``Refused`` when the
    folder is missing or holds no article at all."""
    from .core.corpus.folder import load_corpus

    root = default_path(value)
    if not root.exists():
        raise Refused(f"no such folder: {root}")
    corpus = load_corpus(root)
    if not corpus.articles and not corpus.problems:
        raise Refused(f"no articles in {root}: a corpus is a folder of .txt, .md or .html "
                      f"articles; bring some in with: parallax add URL|FILE... --corpus {root}")
    return corpus


# ----------------------------------------------------------------------------- list


def cmd_list(args: argparse.Namespace) -> int:
    corpus = _corpus(args.corpus)
    if args.format == "json":
        data = {
            "corpus": corpus.root,
            "articles": [a.summary() | {"warnings": list(a.warnings)} for a in corpus.articles],
            "problems": [{"path": p.path, "message": p.message} for p in corpus.problems],
        }
        print(escape_json_controls(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        from .core.corpus.listing import render_listing

        # a terminal's width; piped, each row on one line whatever its length (for grep)
        width = _width() if sys.stdout.isatty() else None
        sys.stdout.write(render_listing(corpus, color=_color_wanted(sys.stdout), width=width))
    _print_problems(corpus.problems)
    for article in corpus.articles:
        for warning in article.warnings:
            _say(f"{article.path}: {warning}")
    if not corpus.articles:
        _say(f"none of the files in {corpus.root} could be loaded")
        return 1
    return 0


# ----------------------------------------------------------------------------- compare


def _load_file(path: Path):
    """One article file, read alone; ``LoadError`` names the file."""
    from .core.ingest import loader

    suffix = path.suffix.lower()
    if suffix not in loader.TEXT_SUFFIXES and suffix not in loader.HTML_SUFFIXES:
        raise loader.LoadError(f"{path}: {suffix or 'no extension'} is not a text, Markdown "
                               "or HTML article")
    try:
        return loader.load_article(path)
    except loader.LoadError as err:
        raise loader.LoadError(f"{path}: {err}") from None


def _resolve(ref: str, corpus_of):
    """An article file (read alone), or an id looked up in ``corpus_of()``."""
    from .core.ingest import loader

    path = Path(ref)
    try:
        if path.is_file():
            return _load_file(path)
        if path.is_dir():
            raise loader.LoadError(f"{ref} is a folder; compare takes two article files or ids")
        if path.exists() or path.is_symlink():
            raise loader.LoadError(f"{ref}: not a regular file (a pipe, socket, device or "
                                   "broken link)")
    except OSError as err:  # a looping link, an unreadable folder on the way
        raise loader.LoadError(f"{ref}: cannot read: {err.strerror or err}") from None
    if os.sep in ref or (os.altsep and os.altsep in ref) \
            or path.suffix.lower() in loader.TEXT_SUFFIXES | loader.HTML_SUFFIXES:
        raise loader.LoadError(f"no such file: {ref}")
    corpus = corpus_of()
    article = corpus.get(ref)
    if article is None:
        matches = [a for a in corpus.articles if a.id.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        hint = f"; it matches {len(matches)} ids" if matches else ""
        raise loader.LoadError(f"no article file or id {ref!r} in {corpus.root}{hint}")
    return article


def _in_default_corpus(*refs: str) -> bool:
    """Are these files all in ``./corpus`` (the folder the reader opens here), not below it?"""
    here = Path.cwd() / "corpus"
    if not here.is_dir():
        return False
    try:
        home = here.resolve()
        return all(Path(ref).is_file() and Path(ref).resolve().parent == home for ref in refs)
    except OSError:
        return False


def cmd_compare(args: argparse.Namespace) -> int:
    from .core.export import default_filename, render
    from .core.ingest.loader import LoadError
    from .core.pipeline import compare

    loaded = []

    def corpus_of():
        if not loaded:
            loaded.append(_corpus(args.corpus))
        return loaded[0]

    try:
        a = _resolve(args.a, corpus_of)
        b = _resolve(args.b, corpus_of)
    except LoadError as err:
        _say(err)
        return 2
    # Two files are compared alone: their words are weighed between the two of them. With a
    # corpus (asked for with --corpus, holding the ids, or the corpus the reader opens, when
    # both files are in it), the corpus weighs them, so a story's stock phrases count for
    # little: the comparison the reader makes.
    background = None
    if not loaded and not args.corpus and _in_default_corpus(args.a, args.b):
        corpus_of()
    if args.corpus or loaded:
        from .core.align.linker import corpus_background

        background = corpus_background(corpus_of().articles)
    comparison = compare(a, b, threshold=args.threshold, background=background)
    color = args.output in (None, "-") and _color_wanted(sys.stdout)
    text = render(comparison, args.format, color=color, width=_width())
    return _emit(text, args.output, force=args.force,
                 name=default_filename(comparison, args.format))


def _width() -> int:
    try:
        return max(60, min(200, os.get_terminal_size().columns))
    except OSError:
        return 100


# ----------------------------------------------------------------------------- divergences


def cmd_divergences(args: argparse.Namespace) -> int:
    from .core.corpus.report import corpus_report
    from .core.export import default_report_filename, render_report

    corpus = _corpus(args.corpus)
    _print_problems(corpus.problems)
    if not corpus.articles:
        raise Refused(f"none of the files in {corpus.root} could be loaded")
    progress = None
    if sys.stderr.isatty() and len(corpus.articles) > 20:
        def progress(done: int, total: int) -> None:
            print(f"\rparallax: compared {done}/{total} pairs", end="", file=sys.stderr)
    report = corpus_report(corpus, progress=progress, threshold=args.threshold)
    if progress:
        print(file=sys.stderr)
    color = args.output in (None, "-") and _color_wanted(sys.stdout)
    text = render_report(report, args.format, color=color, width=_width())
    return _emit(text, args.output, force=args.force, name=default_report_filename(args.format))


# ----------------------------------------------------------------------------- stories


def cmd_stories(args: argparse.Namespace) -> int:
    from .core.corpus.stories import find_story, group_stories

    corpus = _corpus(args.corpus)
    root = Path(corpus.root)
    _print_problems(corpus.problems)
    if not corpus.articles:
        _say(f"none of the files in {root} could be loaded")
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
    root = default_path(args.corpus)
    if not root.exists():
        raise Refused(f"no such folder: {root}")
    from .app.reader import run_app

    return run_app(root) or 0


COMMANDS = {"open": cmd_open, "list": cmd_list, "compare": cmd_compare,
            "divergences": cmd_divergences, "stories": cmd_stories}
# (``add`` is registered by ``cli_add``)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        argv = route(argv)
    except UsageError as err:
        _say(err)
        return 2
    # (a usage error exits with status 2)
    args = build_parser(COMMANDS, (cli_add.register,)).parse_args(argv)
    try:
        args.corpus = corpus_given(args)
    except UsageError as err:
        _say(err)
        return 2
    func = getattr(args, "func", None) or cmd_open
    try:
        return int(func(args) or 0)
    except Refused as err:
        _say(err)
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        # the reader of our output went away (| head); say nothing more
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
