"""The comparison and the corpus report as JSON: the machine-readable contract.

``comparison.schema.json`` beside this module describes the comparison document.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..ingest.safety import escape_json_controls
from ..model import Comparison
from ..reports import DivergenceReport

SCHEMA_FILE = "comparison.schema.json"


def dumps(data: dict[str, Any]) -> str:
    """Readable UTF-8 JSON; C1, DEL, bidi and line-separator characters escaped as ``\\uXXXX``
    so that printing the document cannot drive a terminal or reorder what is shown."""
    return escape_json_controls(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def render_comparison(comparison: Comparison) -> str:
    return dumps(comparison.to_dict())


def render_report(report: DivergenceReport) -> str:
    return dumps(report.to_dict())


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``render_comparison``'s output."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)
