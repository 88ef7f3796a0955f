"""Exports of a comparison (and of the corpus-wide divergence report).

Pure functions of the engine's values: ``render(comparison, "html")`` returns the page as a
string, and the caller writes it (``tui.core.export.atomic.write_atomic``).  Never imports Textual.

Formats: ``text`` (side by side, for pipes and pagers), ``json`` (the contract, see
``comparison.schema.json``), ``html`` (one self-contained page) and ``md`` (GitHub Markdown).
"""

from __future__ import annotations

import re

from ..model import Comparison
from ..reports import DivergenceReport
from . import html, jsonfmt, markdown, text

__all__ = [
    "EXTENSIONS", "FORMATS", "default_filename", "default_report_filename", "render",
    "render_report",
]

FORMATS = ("text", "json", "html", "md")
EXTENSIONS = {"text": "txt", "json": "json", "html": "html", "md": "md"}


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def render(comparison: Comparison, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """The comparison as ``fmt``.  ``color`` and ``width`` only apply to ``text``."""
    _check(fmt)
    if fmt == "text":
        return text.render_comparison(comparison, color=color, width=width)
    if fmt == "json":
        return jsonfmt.render_comparison(comparison)
    if fmt == "html":
        return html.render_comparison(comparison)
    return markdown.render_comparison(comparison)


def render_report(
    report: DivergenceReport, fmt: str, *, color: bool = False, width: int = 100
) -> str:
    """The corpus-wide divergence report as ``fmt``."""
    _check(fmt)
    if fmt == "text":
        return text.render_report(report, color=color, width=width)
    if fmt == "json":
        return jsonfmt.render_report(report)
    if fmt == "html":
        return html.render_report(report)
    return markdown.render_report(report)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _slug(name: str) -> str:
    return _UNSAFE.sub("-", name).strip(".-") or "article"


def default_filename(comparison: Comparison, fmt: str) -> str:
    """``parallax-<a.id>-vs-<b.id>.<ext>``, safe as a file name on any system."""
    _check(fmt)
    return f"parallax-{_slug(comparison.a.id)}-vs-{_slug(comparison.b.id)}.{EXTENSIONS[fmt]}"


def default_report_filename(fmt: str) -> str:
    """``parallax-divergences.<ext>``."""
    _check(fmt)
    return f"parallax-divergences.{EXTENSIONS[fmt]}"
