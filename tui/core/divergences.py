"""Divergences (placeholder until the divergence engine lands)."""

from __future__ import annotations

from .model import Comparison


def find_divergences(comparison: Comparison) -> Comparison:
    return comparison
