"""Whether two reported figures agree, and how a figure and a difference are written.

Two stated numbers agree when they are the same number and their qualifiers do not point
opposite ways; different stated numbers disagree even when their ranges could overlap; a vague
amount agrees with anything its range meets; a plain figure agrees with a bound it keeps.
"""

from __future__ import annotations

import math

from ..align.features import stem
from .figures import Figure, FigureMatch, _singular


def units_compatible(x: Figure, y: Figure) -> bool:
    """Could ``x`` and ``y`` count the same kind of thing?"""
    if x.category != y.category:
        return False
    if x.category in ("time", "percent", "money"):
        return True
    if x.unit is None or y.unit is None:
        return True
    return True  # counts of different nouns may still be the same people; context decides


def same_unit(x: Figure, y: Figure) -> bool:
    if x.unit is None or y.unit is None:
        return False
    return stem(_singular(x.unit)) == stem(_singular(y.unit))


def compare_figures(x: Figure, y: Figure) -> FigureMatch:
    """Do two reported figures agree?  See the module docstring for the rules."""
    if not units_compatible(x, y):
        return FigureMatch(False, False)
    xv, yv = x.base_value, y.base_value
    scale = xv / x.value if x.value else 1.0
    if x.vague or y.vague:
        (xl, xh), (yl, yh) = _range(x), _range(y)
        if xl == xh:
            agree = yl <= xl < yh
        elif yl == yh:
            agree = xl <= yl < xh
        else:
            agree = max(xl, yl) < min(xh, yh)
        return FigureMatch(True, agree, None)
    if math.isclose(xv, yv, rel_tol=1e-9) or (
        x.low != x.high and x.low <= yv <= x.high and x.direction == "exact"
    ) or (y.low != y.high and y.low <= xv <= y.high and y.direction == "exact"):
        opposite = {x.direction, y.direction} == {"above", "below"}
        differs = x.direction != y.direction and not (
            {x.direction, y.direction} <= {"exact", "approx"} and (x.qualifier is None
                                                                   or y.qualifier is None)
        )
        return FigureMatch(True, not opposite, (yv - xv) / scale if opposite else 0.0,
                           qualifier_differs=differs and not opposite)
    # a plain figure agrees with a bound it keeps ("23 missiles" and "over 20 missiles")
    for plain, bound in ((x, y), (y, x)):
        if plain.direction == "exact" and plain.qualifier is None and bound.direction in (
                "above", "below") and (plain.base_value > bound.base_value
                                       if bound.direction == "above"
                                       else plain.base_value < bound.base_value):
            return FigureMatch(True, True, (yv - xv) / scale)
    # an approximate figure agrees with a stated one inside its margin
    if "approx" in (x.direction, y.direction):
        a, b = (x, y) if x.direction == "approx" else (y, x)
        if a.low * _factor(a) <= b.base_value <= a.high * _factor(a) and abs(
                b.base_value - a.base_value) <= 0.02 * a.base_value:
            return FigureMatch(True, True, (yv - xv) / scale, qualifier_differs=True)
    return FigureMatch(True, False, (yv - xv) / scale)


def _range(f: Figure) -> tuple[float, float]:
    """[low, high) in the category's base unit; an open "more than" bound is left open."""
    k = _factor(f)
    low, high = f.low * k, f.high * k
    if f.direction == "above" and not f.vague:
        low = math.nextafter(low, math.inf)
    return low, high


def _factor(f: Figure) -> float:
    return f.base_value / f.value if f.value else 1.0


def format_value(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_difference(diff: float | None) -> str:
    """``(-50)`` with a true minus sign, or ``""``."""
    if diff is None or diff == 0:
        return ""
    sign = "+" if diff > 0 else "\u2212"
    return f"({sign}{format_value(abs(diff))})"


def describe(f: Figure, text: str | None = None) -> str:
    """The figure as written, with its unit: ``over 2,800 Palestinians``."""
    if text is not None and f.unit_end is not None:
        return text[f.start : f.unit_end]
    return f.text + (f" {f.unit}" if f.unit and f.category != "percent" else "")
