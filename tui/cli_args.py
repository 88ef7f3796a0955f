"""The ``parallax`` command line's arguments: one way to name the corpus on every command.

- ``--corpus DIR`` is accepted before the command (``parallax --corpus DIR list``) and after it
  (``parallax list --corpus DIR``) on every command; ``open``, ``list`` and ``divergences``
  also take the folder as their positional argument (``parallax list DIR``), as does
  ``stories``. Given twice with
  different folders, it is an error, never a silent choice.
- ``parallax DIR``, an existing folder in place of a command, opens the reader on it; a first
  argument that is neither a command nor a folder is an error naming it.
- An option repeated with another value (``--format json --format html``) is an error, and an
  option argparse does not know where it stands is refused (argparse's own rule).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from . import __version__

COMMANDS = ("open", "list", "compare", "divergences", "stories", "add")
FORMATS = ("text", "json", "html", "md")


class UsageError(Exception):
    """A command line that cannot be obeyed as written (exit status 2)."""


class Once(argparse.Action):
    """Store an option's value; the same option again with another value is an error."""

    def __call__(self, parser, namespace, values, option_string=None):
        given = getattr(namespace, "_given", None)
        if given is None:
            given = {}
            namespace._given = given
        earlier = given.get(self.dest)
        if earlier is not None and earlier != values:
            parser.error(f"{option_string} given twice ({earlier!r} and {values!r}); "
                         "give it once")
        given[self.dest] = values
        setattr(namespace, self.dest, values)


def threshold_arg(value: str) -> float:
    """argparse type of ``--threshold``: a number from 0 to 1."""
    try:
        t = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= t <= 1.0:
        raise argparse.ArgumentTypeError("the threshold is between 0 and 1")
    return t


CORPUS_HELP = "corpus folder (default: ./corpus when it exists, else the bundled sample)"


def _corpus_option(parser: argparse.ArgumentParser, dest: str, help: str = CORPUS_HELP) -> None:
    parser.add_argument("--corpus", dest=dest, metavar="DIR", action=Once, default=None,
                        help=help)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", action=Once)
    parser.add_argument("--threshold", type=threshold_arg, default=None, action=Once,
                        help="link passages scoring at least T, 0..1 (default: tuned on the "
                        "seeds)")
    parser.add_argument("-o", "--output", action=Once,
                        help="write to this file (atomically) instead of stdout; a folder "
                        "gets the default file name inside it")
    parser.add_argument("--force", action="store_true",
                        help="overwrite the output file if it exists")


def build_parser(commands: dict, more=()) -> argparse.ArgumentParser:
    """The parser; ``commands`` maps each command name to the function that runs it, and
    each of ``more`` registers one more command on the subparsers (``cli_add.register``)."""
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Compare how different outlets report the same story. With no command, "
        "or with a corpus folder in its place (parallax my-corpus/), opens the reader.",
        epilog="The corpus is named the same way on every command: --corpus DIR before or "
        "after the command, or as the folder argument of open, list and divergences.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    _corpus_option(parser, "corpus_top")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", help="open the reader (the default)")
    p.add_argument("corpus_pos", nargs="?", metavar="CORPUS", help=CORPUS_HELP)
    _corpus_option(p, "corpus_opt")
    p.set_defaults(func=commands["open"])

    p = sub.add_parser("list", help="list the articles of a corpus")
    p.add_argument("corpus_pos", nargs="?", metavar="CORPUS", help=CORPUS_HELP)
    _corpus_option(p, "corpus_opt")
    p.add_argument("--format", choices=("table", "json"), default="table", action=Once)
    p.set_defaults(func=commands["list"])

    p = sub.add_parser(
        "compare", help="align two articles and show how they differ",
        description="Align two articles, each a file or an id in the corpus. Two files are "
        "read alone (nothing else in their folders is loaded) and weigh their words between "
        "themselves; give --corpus DIR to weigh them against a corpus as the reader does.")
    p.add_argument("a", help="article file, or id in the corpus")
    p.add_argument("b", help="article file, or id in the corpus")
    _corpus_option(p, "corpus_opt", "corpus folder: where ids are looked up, and whose "
                   "articles weigh the words (default for ids: ./corpus or the sample)")
    _output_options(p)
    p.set_defaults(func=commands["compare"])

    p = sub.add_parser("divergences", help="what the outlets of a corpus say differently")
    p.add_argument("corpus_pos", nargs="?", metavar="CORPUS", help=CORPUS_HELP)
    _corpus_option(p, "corpus_opt")
    _output_options(p)
    p.set_defaults(func=commands["divergences"])

    p = sub.add_parser("stories", help="the stories of a corpus: which articles report one "
                       "event, and which facts each outlet carries")
    p.add_argument("corpus_pos", nargs="?", metavar="CORPUS", help=CORPUS_HELP)
    _corpus_option(p, "corpus_opt")
    p.add_argument("--format", choices=("table", "json", "html"), default="table", action=Once,
                   help="table: one row per story; json: stories with their articles and each "
                   "passage's coverage; html: the story report (facts against outlets)")
    p.add_argument("--story", metavar="N|ID", action=Once, help="only this story: its number "
                   "in the table, or the id of one of its articles")
    p.add_argument("-o", "--output", action=Once,
                   help="write to this file (atomically) instead of stdout; a folder gets the "
                   "default file name inside it")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    p.set_defaults(func=commands["stories"])

    for register in more:
        register(sub)
    return parser


def route(argv: list[str]) -> list[str]:
    """``argv`` with ``open`` put before a corpus folder given in place of a command.

    Raises ``UsageError`` for a first argument that is neither a command nor a folder, and
    for an option before the command other than ``--corpus``, ``--help`` and ``--version``
    (which argparse would otherwise report as an "invalid choice" of command).
    """
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--corpus":
            i += 2
        elif token.startswith("--corpus="):
            i += 1
        elif token in ("-h", "--help", "--version"):
            return argv
        elif token.startswith("-") and token != "-":
            name = token.split("=", 1)[0]
            raise UsageError(f"{name} is not an option of parallax itself: put it after the "
                             f"command it belongs to (parallax COMMAND ... {name} ...)")
        else:
            break
    else:
        return argv
    if token in COMMANDS:
        return argv
    if os.path.isdir(token):
        return [*argv[:i], "open", *argv[i:]]
    hint = ""
    if os.path.isfile(token):
        hint = "; to compare two files: parallax compare A B"
    raise UsageError(f"no such command or folder: {token} (commands: "
                     f"{', '.join(COMMANDS)}{hint})")


def _same_place(x: str, y: str) -> bool:
    try:
        return os.path.realpath(x) == os.path.realpath(y)
    except (OSError, ValueError):
        return x == y


def corpus_given(args: argparse.Namespace) -> str | None:
    """The corpus folder the command line names, wherever it was given (None: not given).

    Raises ``UsageError`` when it is given twice as different folders.
    """
    given = [(where, value) for where, value in (
        ("--corpus before the command", getattr(args, "corpus_top", None)),
        ("--corpus", getattr(args, "corpus_opt", None)),
        ("the folder argument", getattr(args, "corpus_pos", None)),
    ) if value]
    for where, value in given[1:]:
        if not _same_place(value, given[0][1]):
            raise UsageError(f"the corpus is given twice: {given[0][1]} ({given[0][0]}) and "
                             f"{value} ({where}); give it once")
    return given[0][1] if given else None


def default_path(value: str | None) -> Path:
    """The corpus folder to use: the one given, else ``./corpus`` or the bundled sample."""
    if value:
        return Path(value)
    from .core.corpus.folder import default_corpus_dir

    return default_corpus_dir()
