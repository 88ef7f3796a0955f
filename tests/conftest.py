from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests (and the subprocesses they start) keep their corpus cache out of the user's home.
os.environ.setdefault("PARALLAX_CACHE_DIR", tempfile.mkdtemp(prefix="parallax-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def seed_corpus():
    from tui.core.corpus.folder import load_corpus

    return load_corpus(CORPUS)


@pytest.fixture(scope="session")
def seeds(seed_corpus):
    """The seed articles by short name."""
    names = {
        "MT13": "000_b1c27ca75d5b3da0", "RT16": "001_c306965a66c1139e",
        "BK13": "002_29d81747c81dcc9b", "NM17": "003_db682bd04ab73019",
        "AFP16": "004_24471286408d79a2",
    }
    return {k: seed_corpus.get(v) for k, v in names.items()}
