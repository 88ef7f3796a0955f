"""Divergences: what two outlets say differently, the way a fact-checker writes it down.

``find_divergences(comparison)`` fills ``Comparison.divergences``, highest salience first:

- ``number``: figures about the same thing that disagree, paired across the two whole
  articles by the words around them, their unit and their passages' link (``figures``,
  ``numbers``);
- ``title``: one person given another office, from the mentions of that person in both
  articles (``mentions``, ``titles``) and from changed office words inside a link ("the
  Israeli PM");
- ``name``: one person spelled differently (Mahmoud/Mahmud, el-Sisi/al-Sisi);
- ``framing``: one group labelled differently ("armed group" against "militant group");
- ``quote``: the same quotation rendered with other words, from the quoted pieces of both
  articles matched word by word (``quotations``, ``quotes``) and from changes inside
  quotation marks;
- ``wording``: a changed reporting verb, hedge, negation or intensity, or a short substantive
  rewording inside a link (``wording``);
- ``omission``: a passage with a name or figure that the other article does not report
  (``omissions``).

What every finder reads about the comparison is computed once (``context``). The corpus-wide
report (``tui.core.corpus.report``) groups divergences across every related pair of a corpus.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import DIVERGENCE_KINDS, Comparison, Divergence
from .common import SpanIndex
from .common import overlaps as _overlaps
from .context import Context
from .dates import date_divergences
from .modality import modality_divergences
from .numbers import number_divergences
from .omissions import omissions
from .quotes import quote_divergences
from .titles import descriptor_divergences, mention_divergences
from .wording import link_divergences

KIND_ORDER = {k: n for n, k in enumerate(DIVERGENCE_KINDS)}


def find_divergences(comparison: Comparison) -> Comparison:
    """A copy of ``comparison`` with its divergences, highest salience first."""
    ctx = Context(comparison)
    found: list[Divergence] = []
    for n, link in enumerate(comparison.links):
        found.extend(link_divergences(ctx, n, link))
        found.extend(modality_divergences(ctx, n, link))
        found.extend(date_divergences(ctx, n, link))
    found.extend(quote_divergences(ctx))
    found.extend(number_divergences(ctx))
    found.extend(mention_divergences(ctx))
    found.extend(descriptor_divergences(ctx))
    found.extend(omissions(ctx))
    return replace(comparison, divergences=tuple(_dedupe(found)))


def _order(d: Divergence):
    return (-d.salience, KIND_ORDER.get(d.kind, 99), d.a_span or (1 << 30, 0),
            d.b_span or (1 << 30, 0))


def _dedupe(found: list[Divergence]) -> list[Divergence]:
    """Keep the most salient of divergences that point at the same words on both sides."""
    kept: list[Divergence] = []
    keys: set[tuple[str, str]] = set()
    spans = SpanIndex(_overlaps)  # the kept divergences but omissions
    omissions: set[tuple] = set()  # (a_span, b_span) of the kept omissions
    said: set[tuple[str, str, str]] = set()  # (the same words again: a repeated sentence)
    for d in sorted(found, key=_order):
        words = (d.kind, " ".join(d.a_text.split()), " ".join(d.b_text.split()))
        if words in said:
            continue
        said.add(words)
        if d.key and d.kind != "omission":
            if (d.kind, d.key) in keys:
                continue
            keys.add((d.kind, d.key))
        if d.kind != "omission":
            if spans.overlapping(d.a_span, d.b_span):
                continue
            spans.add(d.a_span, d.b_span)
        else:
            if (d.a_span, d.b_span) in omissions:
                continue
            omissions.add((d.a_span, d.b_span))
        kept.append(d)
    return kept


__all__ = ["find_divergences"]
