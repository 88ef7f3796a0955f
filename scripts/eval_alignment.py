"""Score the engine against a gold alignment over a range of thresholds (kept for old habits).

    python scripts/eval_alignment.py GOLD.toml CORPUS_DIR [T ...]

is ``python -m tui.eval alignment --gold GOLD.toml --corpus CORPUS_DIR [--threshold T ...]
--verbose``: see ``python -m tui.eval --help``. For measuring only: the engine must never be
tuned to particular texts.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.eval.__main__ import main as eval_main  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    gold, corpus, *thresholds = argv
    extra = ["--threshold", *thresholds] if thresholds else []
    return eval_main(["alignment", "--gold", gold, "--corpus", corpus, *extra, "--verbose"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
