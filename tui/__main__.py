"""``python -m tui``: the ``parallax`` command line."""

import sys

from .cli import main

sys.exit(main())
