"""Modality and polarity inside a link: one outlet says a thing will happen, the other that
it will not, or only that it may.

In the two passages of a link, every "modal word + (to/be) + verb" is read ("is expected to
meet", "is unlikely to meet", "may meet", "refused to sign") and sorted into *yes* (will,
expected, plans, agreed ...), *no* (unlikely, refused, won't, ruled out ...) or *maybe* (may,
might, could, considering ...). The same verb said with *yes* on one side and *no* on the
other is a contradiction a fact-checker reads first; *yes* against *maybe* is a hedge.

``change_kind`` names the smaller changes the word diff finds (a negation added to the same
words, a hedge added, a loaded reporting verb against a neutral one), and leaves the trivial
ones (said / told / added) unnamed.
"""

from __future__ import annotations

import re

from ..align.features import STOP_WORDS, stem
from ..model import Divergence, Link
from .common import SALIENCE, word_set

YES = word_set("""
will expected likely set poised scheduled plans planned planning intends intended intend
agreed agrees decided decides vowed vows promised promises pledged pledges ready prepared
willing going due determined aims
""")
NO = word_set("""
unlikely refused refuses declined declines won't wouldn't unwilling reluctant ruled rules
rejected rejects
""")
MAYBE = word_set("""
may might could considering considers weighing weighs mulling mulls hopes hoped hoping
possibly perhaps reportedly
""")
_NOT = re.compile(r"\b(?:not|never|no longer)\s+$", re.I)
_MODAL = re.compile(  # (a lookahead: every word is tried as the modal one)
    r"\b(?=(?P<word>[a-z'\u2019]+)\s+(?:out\s+)?(?:to\s+)?(?:be\s+)?(?P<verb>[a-z]{3,})\b)",
    re.I)

NEUTRAL_REPORTING = word_set("""
said says say told tells tell added adds stated states noted notes wrote writes tweeted
tweets posted explained explains continued announced announces remarked replied responded
informed briefed
""")
LOADED_REPORTING = word_set("""
claimed claims alleged alleges admitted admits acknowledged conceded concedes insisted
insists boasted boasts complained complains accused accuses denied denies asserted asserts
""")
HEDGES = word_set("""
may might could reportedly allegedly apparently possibly likely probably appears appeared
seems seemed purportedly supposedly believed unconfirmed perhaps potentially
""")
NEGATIONS = word_set("not no never n't neither nor without none nothing")


def modal_claims(text: str, base: int) -> list[tuple[str, str, tuple[int, int]]]:
    """``(yes|no|maybe, verb stem, body span)`` for each modal phrase of ``text`` (which starts
    at body offset ``base``)."""
    out = []
    for m in _MODAL.finditer(text):
        word = m.group("word").lower().replace("\u2019", "'")
        verb = m.group("verb").lower()
        if verb in STOP_WORDS or verb in YES or verb in NO or verb in MAYBE:
            continue
        if word in YES:
            sense = "yes"
        elif word in NO:
            sense = "no"
        elif word in MAYBE:
            sense = "maybe"
        else:
            continue
        if _NOT.search(text[max(0, m.start() - 10) : m.start()]):
            sense = {"yes": "no", "no": "yes", "maybe": "no"}[sense]  # not expected to
        out.append((sense, stem(verb), (base + m.start("word"), base + m.end("verb"))))
    return out


def modality_divergences(ctx, n: int, link: Link) -> list[Divergence]:
    """The same verb said to happen on one side of link ``n`` and not to (or only perhaps)
    on the other."""
    a_text = ctx.a.body[ctx.a.passages[link.a[0]].start : ctx.a.passages[link.a[-1]].end]
    b_text = ctx.b.body[ctx.b.passages[link.b[0]].start : ctx.b.passages[link.b[-1]].end]
    claims_a = modal_claims(a_text, ctx.a.passages[link.a[0]].start)
    if not claims_a:
        return []
    claims_b = modal_claims(b_text, ctx.b.passages[link.b[0]].start)
    out = []
    for sense_a, verb_a, span_a in claims_a:
        for sense_b, verb_b, span_b in claims_b:
            if verb_a != verb_b or sense_a == sense_b:
                continue
            at, bt = ctx.a.body[span_a[0]:span_a[1]], ctx.b.body[span_b[0]:span_b[1]]
            if {sense_a, sense_b} == {"yes", "no"}:
                what, salience = "Will or will not", SALIENCE["modality"]
            else:
                what, salience = "Certain or hedged", SALIENCE["wording_tone"]
            out.append(ctx.make("wording", f"{what}: '{at}' (A) vs '{bt}' (B)", salience,
                                span_a, span_b, link=n, topic=what,
                                key=f"modality:{verb_a}"))
            break
    return out


def change_kind(wa: list[str], wb: list[str]) -> tuple[str, str] | None:
    """What a short change of words does, when it is one a fact-checker names: ``("Negation",
    salience key)`` when the same words are negated on one side only, a hedge added, or a
    loaded reporting verb against a neutral one; None for anything else (said / told)."""
    sa, sb = set(wa), set(wb)
    core_a = {w for w in sa - NEGATIONS if w not in STOP_WORDS}
    core_b = {w for w in sb - NEGATIONS if w not in STOP_WORDS}
    if bool(sa & NEGATIONS) != bool(sb & NEGATIONS) and core_a == core_b:
        return "Negation", "wording_negation"
    if bool(sa & HEDGES) != bool(sb & HEDGES) and (core_a - HEDGES) == (core_b - HEDGES):
        return "Hedge", "wording_tone"
    loaded = (sa | sb) & LOADED_REPORTING
    if loaded and ((sa & LOADED_REPORTING and sb & NEUTRAL_REPORTING)
                   or (sb & LOADED_REPORTING and sa & NEUTRAL_REPORTING)):
        return "Reporting verb", "wording_tone"
    return None
