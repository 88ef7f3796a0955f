"""Title, name and framing divergences from the mentions of one person or group.

Both articles' mentions (``mentions``) are matched person by person (same surname, a
compatible first name).  A *title* divergence is a pair of offices that neither article
shares with the other ("Israeli Prime Minister" against "Israeli President"); a *name*
divergence is one person spelled two ways (Mahmoud/Mahmud, el-Sisi/al-Sisi, Jim/James); a
*framing* divergence is one group given labels that do not contain each other ("Palestinian
armed group" against "Islamist militant group").  Mentions are compared across the two whole
articles, so these are found even where the passages are not linked.
"""

from __future__ import annotations

from .divcommon import SALIENCE, article_cache, fold, spelled_differently, words
from .mentions import (
    GENERIC_TITLES,
    LOADED,
    ORG_HEADS,
    Descriptor,
    Mention,
    is_generic,
    membership_vs_role,
    mentions,
    person_matches,
    rank_only,
    same_given,
    same_surname,
    titles_compatible,
)
from .model import Divergence
from .textnorm import STOP_WORDS, stem

DESCRIPTOR_OVERLAP = 0.3
"""Two passages naming an office without a person ("the Israeli PM") must share this much of
their other words to be taken as telling the same thing when they are not linked."""


def _givens(ms: list[Mention]) -> dict[str, set[str]]:
    """Surname -> the first names an article uses with it."""
    out: dict[str, set[str]] = {}
    for m in ms:
        out.setdefault(m.key, set())
        if m.given:
            out[m.key].add(m.given)
    return out


def _same_person(x: Mention, y: Mention, gx: dict[str, set[str]], gy: dict[str, set[str]]) -> bool:
    """Same surname, and the first names each article uses with it are compatible (so
    "President Clinton" in an article about Bill is not "Secretary Clinton" in one about
    Hillary)."""
    if not person_matches(x, y):
        return False
    nx, ny = gx.get(x.key, set()), gy.get(y.key, set())
    return not nx or not ny or any(same_given(p, q) for p in nx for q in ny)


def _by_initial(by_key: dict[str, list[Mention]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k in by_key:
        if k:
            out.setdefault(k[0], []).append(k)
    return out


@article_cache
def _article_givens(article) -> dict[str, set[str]]:
    return _givens(mentions(article))


def mention_divergences(ctx) -> list[Divergence]:
    ma, mb = ctx.mentions
    ga, gb = _article_givens(ctx.a), _article_givens(ctx.b)
    by_key_a: dict[str, list[Mention]] = {}
    by_key_b: dict[str, list[Mention]] = {}
    for m in ma:
        by_key_a.setdefault(m.key, []).append(m)
    for m in mb:
        by_key_b.setdefault(m.key, []).append(m)
    initials_a = _by_initial(by_key_a)
    initials_b = _by_initial(by_key_b)
    out: list[Divergence] = []
    seen: set[str] = set()
    for x in ma:
        if x.key in seen or not x.key:
            continue
        seen.add(x.key)
        keys_b = [k for k in initials_b.get(x.key[0], ()) if same_surname(x.key, k)]
        partners = [y for k in keys_b for y in by_key_b[k] if _same_person(x, y, ga, gb)]
        if not partners:
            continue
        keys_a = [k for k in initials_a.get(x.key[0], ()) if same_surname(x.key, k)]
        xs = [m for k in keys_a for m in by_key_a[k] if person_matches(m, x)]
        out.extend(_titles(ctx, xs, partners))
        out.extend(_spellings(ctx, xs, partners))
        out.extend(_labels(ctx, xs, partners))
    return out


def _best_pair(ctx, xs: list[Mention], ys: list[Mention]) -> tuple[Mention, Mention]:
    """Mentions in linked passages first, then ones whose words overlap most."""
    def rank(pair):
        x, y = pair
        wx = set(words(x.title or x.label))
        wy = set(words(y.title or y.label))
        return (ctx.linked(x.passage, y.passage) is None, -len(wx & wy), x.passage, y.passage)

    return min(((x, y) for x in xs for y in ys), key=rank)


def _titles(ctx, xs: list[Mention], ys: list[Mention]) -> list[Divergence]:
    tx = [m for m in xs if m.title]
    ty = [m for m in ys if m.title]
    # a title that the other article also uses (or one compatible with it) is shared;
    # the divergence is between titles that neither article shares with the other
    ux = [x for x in tx if not any(titles_compatible(x.title, y.title) for y in ty)]
    uy = [y for y in ty if not any(titles_compatible(x.title, y.title) for x in tx)]
    if not ux or not uy:
        return []
    x, y = _best_pair(ctx, ux, uy)
    salience = title_salience(x.title, y.title)
    if not any(m.given for m in xs) or not any(m.given for m in ys):
        # a surname alone ("President Clinton") may name another person
        salience = min(salience, SALIENCE["title_generic"])
    surname = x.name.split()[-1]
    topic = f"{surname}'s office"
    return [ctx.make("title", f"{topic}: '{x.title}' (A) vs '{y.title}' (B)", salience,
                     x.title_span, y.title_span, key=f"title:{x.key}", topic=topic)]


def title_salience(x: str, y: str) -> float:
    """Two exclusive offices rank high; a generic word, a seat against a role, or only a
    rank ("former") lower."""
    if is_generic(x) or is_generic(y) or membership_vs_role(x, y) or bool(
            {w.lower().rstrip(".") for w in (x + " " + y).split()} & GENERIC_TITLES):
        return SALIENCE["title_generic"]
    if rank_only(x, y):
        return SALIENCE["title_rank"]
    return SALIENCE["title"]


def _spellings(ctx, xs: list[Mention], ys: list[Mention]) -> list[Divergence]:
    def parts(m: Mention) -> tuple[str, str]:
        words = m.name.split()
        return (words[0] if len(words) > 1 else "", words[-1])

    if xs[0].key in ORG_HEADS:
        return []
    for x in xs:
        gx, sx = parts(x)
        for y in ys:
            gy, sy = parts(y)
            if not same_given(x.given, y.given) or not spelled_differently(x.name, y.name):
                continue
            given_differs = gx and gy and fold(gx) != fold(gy)
            surname_differs = fold(sx) != fold(sy)
            if not (given_differs or surname_differs):
                continue
            if surname_differs and not given_differs and not (gx or gy) and \
                    "-" not in sx + sy:
                continue  # one-word names: too weak to call a spelling variant
            topic = f"Spelling of {sy if len(sy) >= len(sx) else sx}"
            return [ctx.make("name", f"{topic}: '{x.name}' (A) vs '{y.name}' (B)",
                             SALIENCE["name"], x.span, y.span, key=f"name:{x.key}",
                             topic=topic)]
    return []


def _labels(ctx, xs: list[Mention], ys: list[Mention]) -> list[Divergence]:
    lx = [m for m in xs if m.label]
    ly = [m for m in ys if m.label]
    if not lx or not ly:
        return []
    if any(x.label_key <= y.label_key or y.label_key <= x.label_key for x in lx for y in ly):
        return []
    x, y = _best_pair(ctx, lx, ly)
    loaded = {w.lower() for w in x.label.split()} ^ {w.lower() for w in y.label.split()}
    salience = SALIENCE["framing"] if loaded & LOADED else SALIENCE["framing_plain"]
    topic = f"{x.name} labelled"
    return [ctx.make("framing", f"{topic}: '{x.label}' (A) vs '{y.label}' (B)", salience,
                     x.label_span, y.label_span, key=f"framing:{x.key}", topic=topic)]


def descriptor_divergence(ctx, x: Descriptor, y: Descriptor, *, link=None) -> Divergence:
    salience = title_salience(x.text, y.text) - 0.04
    topic = f"Office of the {x.text.split()[0]} \u2026"
    offices = "|".join(sorted(" ".join(words(t)[1:]) for t in (x.text, y.text)))
    return ctx.make("title", f"{topic}: '{x.text}' (A) vs '{y.text}' (B)", salience, x.span,
                    y.span, key=f"title:{x.demonym}:{offices}", topic=topic, link=link)


def descriptor_divergences(ctx) -> list[Divergence]:
    """"the Israeli PM" against "the Israeli president" in passages that tell the same thing
    (linked, or sharing most of their other words), when neither article uses the other's
    office for that demonym."""
    da, db = ctx.descriptors
    out = []
    for x in da:
        for y in db:
            if x.demonym != y.demonym or titles_compatible(x.text, y.text):
                continue
            if any(titles_compatible(x.text, z.text) for z in db if z.demonym == x.demonym) or \
                    any(titles_compatible(y.text, z.text) for z in da if z.demonym == y.demonym):
                continue
            if ctx.linked(x.passage, y.passage) is None and _overlap(
                    ctx.a.passages[x.passage].text, ctx.b.passages[y.passage].text) < \
                    DESCRIPTOR_OVERLAP:
                continue
            out.append(descriptor_divergence(ctx, x, y))
    return out


def _overlap(x: str, y: str) -> float:
    cx = {stem(w) for w in words(x) if w not in STOP_WORDS}
    cy = {stem(w) for w in words(y) if w not in STOP_WORDS}
    return len(cx & cy) / max(1, min(len(cx), len(cy)))
