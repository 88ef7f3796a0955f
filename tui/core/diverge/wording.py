"""Divergences inside a link: the runs of changed words, each named the way a fact-checker would.

The word operations of a link (``align.worddiff``) are cut into runs of changes; a run that a
reader would name becomes a divergence: a negation, a hedge or a loaded reporting verb
(``modality.change_kind``; said / told / added are no divergence), or a short substantive
rewording (``wording``); a changed office (``title``),
label (``framing``) or spelling of a name (``name``); other words inside quotation marks on
both sides (``quote``). Figures are left to ``numbers``, modality to ``modality``, and long
rewrites (restructured sentences) to no one.
"""

from __future__ import annotations

import re

from ..align.features import STOP_WORDS
from ..align.worddiff import is_soft
from ..model import Divergence, Link, WordOp
from .common import SALIENCE, spelled_differently, words
from .context import Context, trim
from .figures import QUALIFIERS, parse_figures
from .mentions import LABEL_HEADS, LOADED, RANKS, TITLE_WORDS, titles_compatible
from .modality import LOADED_REPORTING, NEUTRAL_REPORTING, change_kind
from .names import person_matches
from .quotations import inside
from .quotes import QUOTE_WORDS, quote_salience, quoted_elsewhere, same_quoter
from .titles import descriptor_divergence, descriptor_over, title_salience, titled_mention_after

TONE_WORDS = 6
"""A tone change is named only in a short change (a long one is a rewrite)."""
GENERIC_WORDS = 5
GENERIC_MIN_AGREEMENT = 0.5
"""Plain rewording is shown only inside links whose words mostly agree (elsewhere it is
noise); see ``agreement``."""
WORDING_MIN_AGREEMENT = 0.35
"""Below this, a link pairs loosely related sentences whose differences say little."""
MAX_REGION_WORDS = 12
"""Longer rewrites are restructured sentences, not a divergence one can name ..."""
MAX_REWORDED = 30
"""... shown, ranked last, as told differently up to this many words a side."""


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CLAUSE = re.compile(r"[,;:\u2014\u2013\"\u201c\u201d]|\s(?:and|but|or|while|which|who)\s")


def _regions(link: Link) -> list[list[WordOp]]:
    """Runs of non-equal word ops.  Two runs one equal word apart are joined when both are
    short (a moved modifier: "the Israelis who died" / "the deceased Israelis"); a long
    one-sided op is first cut at the clause nearest the join."""
    raw: list[list[WordOp]] = []
    gaps: list[WordOp | None] = []
    gap: WordOp | None = None
    for op in link.ops:
        if op.op == "equal":
            gap = op
            continue
        if raw and gap is None:
            raw[-1].append(op)
        else:
            raw.append([op])
            gaps.append(gap)
        gap = None
    out: list[list[WordOp]] = []
    for n, run in enumerate(raw):
        gap = gaps[n]
        if out and gap is not None and _joinable(gap):
            head, rest_head = _cut(out[-1], leading=False)
            tail, rest_tail = _cut(run, leading=True)
            if _size(head) <= JOIN_WORDS and _size(tail) <= JOIN_WORDS:
                out[-1] = head
                if rest_head:
                    out.insert(len(out) - 1, rest_head)
                out[-1] = [*out[-1], gap, *tail]
                if rest_tail:
                    out.append(rest_tail)
                continue
        out.append(run)
    return out


JOIN_WORDS = 3


def _size(run: list[WordOp]) -> int:
    return max(len(words("".join(o.a_text for o in run))),
               len(words("".join(o.b_text for o in run))))


def _joinable(gap: WordOp) -> bool:
    words = gap.a_text.split()
    return len(words) <= 1 and not re.search(r"[.!?,;:]\W*$", gap.a_text.strip())


def _cut(run: list[WordOp], *, leading: bool) -> tuple[list[WordOp], list[WordOp]]:
    """Split a one-op, one-sided run at a clause boundary: the part next to the join, and
    the rest (``[]`` when nothing is cut)."""
    if len(run) != 1 or run[0].op not in ("insert", "delete") or _size(run) <= JOIN_WORDS:
        return run, []
    op = run[0]
    text = op.a_text or op.b_text
    start = op.a_start if op.op == "delete" else op.b_start
    if leading:
        m = _CLAUSE.search(text)
        if not m or m.start() == 0:
            return run, []
        cut = m.start()
        near, far = (0, cut), (cut, len(text))
    else:
        ends = [m.end() for m in _CLAUSE.finditer(text.rstrip())]
        if not ends:
            return run, []
        cut = ends[-1]
        near, far = (cut, len(text)), (0, cut)

    def piece(span):
        s0, s1 = span
        if op.op == "delete":
            return op._replace(a_start=start + s0, a_end=start + s1, a_text=text[s0:s1])
        return op._replace(b_start=start + s0, b_end=start + s1, b_text=text[s0:s1])

    return [piece(near)], [piece(far)]


def link_divergences(ctx: Context, n: int, link: Link) -> list[Divergence]:
    out = []
    for run in _regions(link):
        a_span = (run[0].a_start, run[-1].a_end)
        b_span = (run[0].b_start, run[-1].b_end)
        d = _classify(ctx, n, run, a_span, b_span)
        if d is not None:
            out.append(d)
    return _merged_rewordings(ctx, n, out)


def _merged_rewordings(ctx: Context, n: int, found: list[Divergence]) -> list[Divergence]:
    """Plain rewordings of one link whose phrases overlap become one, over both phrases
    (two changes in one clause are one way of saying it)."""
    plain = [d for d in found if d.kind == "wording" and d.topic == "Wording"
             and d.a_span and d.b_span]
    if len(plain) < 2:
        return found
    plain.sort(key=lambda d: d.a_span)
    groups: list[list[Divergence]] = [[plain[0]]]
    for d in plain[1:]:
        last = groups[-1]
        if d.a_span[0] <= max(x.a_span[1] for x in last) or \
                any(d.b_span[0] < x.b_span[1] and x.b_span[0] < d.b_span[1] for x in last):
            last.append(d)
        else:
            groups.append([d])
    out = [d for d in found if d not in plain]
    for group in groups:
        if len(group) == 1:
            out.append(group[0])
            continue
        a_span = (min(d.a_span[0] for d in group), max(d.a_span[1] for d in group))
        b_span = (min(d.b_span[0] for d in group), max(d.b_span[1] for d in group))
        at, bt = ctx.a.body[slice(*a_span)], ctx.b.body[slice(*b_span)]
        out.append(ctx.make("wording", f"Wording: '{at}' (A) vs '{bt}' (B)",
                            max(d.salience for d in group), a_span, b_span, link=n,
                            topic="Wording"))
    return out


def _classify(ctx, n, run, a_span, b_span) -> Divergence | None:
    at = ctx.a.body[a_span[0] : a_span[1]].strip()
    bt = ctx.b.body[b_span[0] : b_span[1]].strip()
    wa, wb = words(at), words(bt)
    if not wa and not wb or max(len(wa), len(wb)) > MAX_REGION_WORDS:
        return _reworded(ctx, n, at, bt, wa, wb, a_span, b_span)
    if all(op.soft for op in run if op.op != "equal"):
        if spelled_differently(at, bt) and _capitalised(at) and _capitalised(bt):
            # (a little below the same change found on a person's mentions, which is keyed)
            return ctx.make("name", f"Spelling: '{at}' (A) vs '{bt}' (B)",
                            SALIENCE["name"] - 0.02, a_span, b_span, link=n, topic="Spelling")
        return None
    if parse_figures(at) or parse_figures(bt):
        return None  # figures are paired by number_divergences
    if is_soft(at, bt):
        return None
    if all(w in QUALIFIERS or w in ("than", "of") for w in wa + wb):
        return None
    core_a = [w for w in wa if w not in ("the", "a", "an")]
    core_b = [w for w in wb if w not in ("the", "a", "an")]
    if core_a and core_b and all(_title_word(w) for w in core_a + core_b) and \
            any(w.rstrip(".") in TITLE_WORDS for w in core_a) and \
            any(w.rstrip(".") in TITLE_WORDS for w in core_b) and not titles_compatible(at, bt):
        return _title_region(ctx, n, at, bt, a_span, b_span)
    la = {w for w in wa if w in LOADED or w in LABEL_HEADS}
    lb = {w for w in wb if w in LOADED or w in LABEL_HEADS}
    if la and lb and la != lb and (la & LOADED or lb & LOADED):
        a_span, b_span, at, bt = ctx.phrases(a_span, b_span)
        return ctx.make("framing", f"Label: '{at}' (A) vs '{bt}' (B)", SALIENCE["framing"] - 0.1,
                        a_span, b_span, link=n, topic="Label")
    qa = inside(ctx.quotes_a, *trim(ctx.a.body, a_span))
    qb = inside(ctx.quotes_b, *trim(ctx.b.body, b_span))
    core = max((op for op in run if op.op == "replace"), default=None,
               key=lambda op: len(op.a_text) + len(op.b_text))
    if core is not None and not (qa and qb):
        # the main change lies inside quotation marks on both sides
        qa = qa or inside(ctx.quotes_a, *trim(ctx.a.body, (core.a_start, core.a_end)))
        qb = qb or inside(ctx.quotes_b, *trim(ctx.b.body, (core.b_start, core.b_end)))
    if qa and qb and wa and wb and max(len(wa), len(wb)) <= QUOTE_WORDS \
            and ctx.agreement(n) >= WORDING_MIN_AGREEMENT:
        same = same_quoter(ctx, a_span[0], b_span[0])
        if same is False or quoted_elsewhere(ctx, wa, wb):
            return None  # two people's words, or words the other article quotes too
        edge = _at_edge(ctx.quotes_a, a_span) or _at_edge(ctx.quotes_b, b_span)
        salience, topic = quote_salience(at, bt, wa, wb, ctx.agreement(n), edge=edge)
        if same is None:
            salience = min(salience, SALIENCE["quote_unsure"] + 0.05)
        a_span, b_span, at, bt = ctx.phrases(a_span, b_span)
        return ctx.make("quote", f"{topic}: '{at}' (A) vs '{bt}' (B)", salience - 0.05,
                        a_span, b_span, link=n, topic=topic)
    return _wording(ctx, n, at, bt, wa, wb, a_span, b_span, qa, qb)


def _reworded(ctx, n, at, bt, wa, wb, a_span, b_span) -> Divergence | None:
    """A long rewrite inside a link, shown (ranked last) when both sides have words of their
    own: how each outlet told the same thing."""
    if max(len(wa), len(wb)) > MAX_REWORDED or parse_figures(at) and parse_figures(bt):
        return None
    return _wording(ctx, n, at, bt, wa, wb, a_span, b_span, False, False)


def _at_edge(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Does a region of changed words reach the start or the end of its quotation (or past
    it)?"""
    s, e = span
    for qs, qe in spans:
        if qs - 3 <= s <= qe + 3 or qs - 3 <= e <= qe + 3:
            return s <= qs + 2 or e >= qe - 2
    return False


def _names(text: str) -> set[str]:
    """Capitalised words that are not the first of a sentence or title words."""
    out = set()
    for m in re.finditer(r"(?<![.!?\"\u201c]\s)\b[A-Z][\w'\u2019-]+", text):
        if m.start() == 0 or m.group().lower() in TITLE_WORDS:
            continue
        out.add(m.group().lower())
    return out


def _capitalised(text: str) -> bool:
    return any(w[:1].isupper() for w in text.split())


def _title_word(w: str) -> bool:
    w = w.rstrip(".")
    return w in TITLE_WORDS or w in RANKS or bool(re.fullmatch(r"[a-z]+(?:i|an|ian|ese|ish)", w))


def _title_region(ctx, n, at, bt, a_span, b_span) -> Divergence:
    # whose office: a name right after the words, else the words just before them
    person = titled_mention_after(ctx.a, a_span[1])
    other = titled_mention_after(ctx.b, b_span[1])
    salience = title_salience(at, bt)
    if person is not None:
        surname = person.name.split()[-1]
        topic, key = f"{surname}'s office", f"title:{person.key}"
        if other is not None and person_matches(person, other):
            at, bt = person.title, other.title  # the whole title, with its demonym
            a_span, b_span = person.title_span, other.title_span
    else:
        da = descriptor_over(ctx.a, a_span)
        db = descriptor_over(ctx.b, b_span)
        if da is not None and db is not None and da.demonym == db.demonym:
            return descriptor_divergence(ctx, da, db, link=n)
        before = ctx.a.body[max(0, a_span[0] - 40) : a_span[0]].split()[-2:]
        lead = " ".join(before) if before else ""
        topic = f"Office of {lead} \u2026".replace("  ", " ")
        offices = sorted({" ".join(words(at)), " ".join(words(bt))})
        key = "title:" + " ".join(words(lead)) + ":" + "|".join(offices)
        salience -= 0.04
    return ctx.make("title", f"{topic}: '{at}' (A) vs '{bt}' (B)", salience, a_span, b_span,
                    key=key, topic=topic, link=n)


def _wording(ctx, n, at, bt, wa, wb, a_span, b_span, qa, qb) -> Divergence | None:
    if qa and qb and (quoted_elsewhere(ctx, wa, wb)
                      or same_quoter(ctx, a_span[0], b_span[0]) is False):
        return None  # words the other article quotes too, or two people's words
    names_a, names_b = _names(at), _names(bt)
    if names_a and names_b and not names_a & names_b:
        return None  # other people or places: reordered lists, not rewording
    short = (bool(wa) and bool(wb) and max(len(wa), len(wb)) <= TONE_WORDS) or (
        max(len(wa), len(wb)) <= 3)
    if short and ctx.agreement(n) >= WORDING_MIN_AGREEMENT:
        named = change_kind(wa, wb)
        if named is not None:
            what, level = named
            dash = "\u2014"
            if at and bt:
                a_span, b_span, at, bt = ctx.phrases(a_span, b_span)
            return ctx.make("wording", f"{what}: '{at or dash}' (A) vs '{bt or dash}' (B)",
                            SALIENCE[level], a_span, b_span, link=n, topic=what)
    if short and (set(wa) | set(wb)) & (NEUTRAL_REPORTING | LOADED_REPORTING):
        return None  # said / told / added: the same report, softly worded
    content_a = {w for w in wa if w not in STOP_WORDS}
    content_b = {w for w in wb if w not in STOP_WORDS}
    if not content_a or not content_b or is_soft(at, bt) or content_a <= content_b \
            or content_b <= content_a:
        return None  # words only added or dropped: a restructured sentence
    close = ctx.agreement(n) >= GENERIC_MIN_AGREEMENT and max(len(wa), len(wb)) <= GENERIC_WORDS
    if not close:
        # a longer rewording, or one in passages that agree less: told in other words, a
        # fact-checker may still want to read both (ranked last)
        if len(content_a) < 2 or len(content_b) < 2:
            return None
        a_span, b_span, at, bt = ctx.phrases(a_span, b_span)
        return ctx.make("wording", f"Told differently: '{at}' (A) vs '{bt}' (B)",
                        SALIENCE["reworded"], a_span, b_span, link=n, topic="Told differently")
    if qa != qb and max(len(wa), len(wb)) > 4:
        return None
    note = "Quoted by one side" if qa != qb else "Wording"
    a_span, b_span, at, bt = ctx.phrases(a_span, b_span)
    return ctx.make("wording", f"{note}: '{at}' (A) vs '{bt}' (B)",
                    SALIENCE["wording"] + (0.05 if qa != qb else 0.0), a_span, b_span, link=n,
                    topic=note)
