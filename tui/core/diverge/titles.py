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

import re
from bisect import bisect_left

from ..align.features import STOP_WORDS, stem
from ..model import Divergence
from .common import SALIENCE, article_cache, fold, overlaps, spelled_differently, word_set, words
from .descriptors import Descriptor, descriptors
from .mentions import (
    DOMAIN_WORDS,
    GENERIC_TITLES,
    LOADED,
    ORG_HEADS,
    RANKS,
    TITLE_WORDS,
    Mention,
    is_generic,
    membership_vs_role,
    mentions,
    rank_only,
    title_key,
    titles_compatible,
)
from .names import person_matches, same_given, same_surname

MAX_SPELLINGS = 64
"""Distinct spellings, titles or labels of one person compared on each side (an article has a
handful; the cap keeps a hostile text with thousands of them from costing quadratic time)."""
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


@article_cache
def _titled_by_start(article) -> dict[int, tuple[int, Mention]]:
    """Where each titled mention's name starts -> the first such mention (with its place in
    ``mentions(article)``)."""
    out: dict[int, tuple[int, Mention]] = {}
    for n, m in enumerate(mentions(article)):
        if m.title_span:
            out.setdefault(m.span[0], (n, m))
    return out


def titled_mention_after(article, end: int) -> Mention | None:
    """The first of the article's mentions with a title whose name starts 0 to 2 characters
    after ``end`` (whose office a changed title word just before it is)."""
    starts = _titled_by_start(article)
    found = [starts[s] for s in range(end, end + 3) if s in starts]
    return min(found, key=lambda f: f[0])[1] if found else None


@article_cache
def _descriptor_ends(article) -> list[int]:
    return [d.span[1] for d in descriptors(article)]


def descriptor_over(article, span: tuple[int, int]) -> Descriptor | None:
    """The first of the article's descriptors whose span overlaps ``span``: they are in text
    order and do not overlap each other, so only those from the first ending at or after
    ``span`` starts up to the first starting after it ends are looked at."""
    ds = descriptors(article)
    for n in range(bisect_left(_descriptor_ends(article), span[0]), len(ds)):
        if ds[n].span[0] > span[1]:
            break
        if overlaps(ds[n].span, span):
            return ds[n]
    return None


def _best_pair(ctx, xs: list[Mention], ys: list[Mention]) -> tuple[Mention, Mention]:
    """Mentions in linked passages first, then ones whose words overlap most, then the
    earliest passages (then the first such mentions).

    The same pair as ranking every pair of mentions, found without doing so: the overlap
    depends on the two texts alone, and whether they are linked on the two links alone."""
    far = (1 << 62, 0)

    def groups(ms: list[Mention], links: dict[int, int]):
        """Per text (the first ``MAX_SPELLINGS``): the earliest (passage, index) of all its
        mentions, and of those in each link."""
        first: dict[str, tuple[int, int]] = {}
        by_link: dict[str, dict[int, tuple[int, int]]] = {}
        for n, m in enumerate(ms):
            text = m.title or m.label
            if text not in first and len(first) >= MAX_SPELLINGS:
                continue
            at = (m.passage, n)
            first[text] = min(first.get(text, far), at)
            link = links.get(m.passage)
            if link is not None:
                per = by_link.setdefault(text, {})
                per[link] = min(per.get(link, far), at)
        return first, by_link

    first_x, links_x = groups(xs, ctx.link_a)
    first_y, links_y = groups(ys, ctx.link_b)
    words_y = {t: set(words(t)) for t in first_y}
    best = None
    for tx, (px, nx) in first_x.items():
        wx = set(words(tx))
        lx = links_x.get(tx, {})
        for ty, (py, ny) in first_y.items():
            overlap = -len(wx & words_y[ty])
            rank = (True, overlap, px, py, nx, ny)  # unlinked: wins only if no pair is linked
            best = rank if best is None or rank < best else best
            ly = links_y.get(ty, {})
            for link in (lx if len(lx) <= len(ly) else ly):
                if link in lx and link in ly:
                    (ax, ix), (ay, iy) = lx[link], ly[link]
                    best = min(best, (False, overlap, ax, ay, ix, iy))
    assert best is not None
    return xs[best[4]], ys[best[5]]


def _titles(ctx, xs: list[Mention], ys: list[Mention]) -> list[Divergence]:
    tx = [m for m in xs if m.title]
    ty = [m for m in ys if m.title]
    # a title that the other article also uses (or one compatible with it) is shared;
    # the divergence is between titles that neither article shares with the other
    # (decided once per distinct title, not per pair of mentions)
    titles_x = _distinct(m.title for m in tx)
    titles_y = _distinct(m.title for m in ty)
    shared_x = {t for t in titles_x if any(titles_compatible(t, u) for u in titles_y)}
    shared_y = {u for u in titles_y if any(titles_compatible(t, u) for t in titles_x)}
    unshared_x = set(titles_x) - shared_x
    unshared_y = set(titles_y) - shared_y
    ux = [x for x in tx if x.title in unshared_x]
    uy = [y for y in ty if y.title in unshared_y]
    if not ux or not uy:
        return []
    ux = [x for x in ux if not _named_so(ctx.b, ys, x.title)]
    uy = [y for y in uy if not _named_so(ctx.a, xs, y.title)]
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


def _named_so(article, ms: list[Mention], title: str) -> bool:
    """Does ``article`` also give the office ``title`` to the person it mentions as ``ms``,
    if not as a title then next to the name, in its clause ("the three Republican chairmen,
    Goodlatte, Nunes and Gowdy"; "Pompeo, the C.I.A. director and secretary of
    state-designate")? Office words that belong to another name in between do not count."""
    _, office = title_key(title)
    if not office:
        return False
    body = article.body
    others = sorted(m.span for m in mentions(article) if not m.label)
    for m in ms:
        p = article.passages[m.passage]
        before = _clause_before(body, p.start, m.span[0], others)
        after = _clause_after(body, m.span[1], p.end, others)
        stems = {stem(w[:-3] + "man" if w.endswith("men") else w)
                 for w in words(before + " " + after)}
        if office <= stems:
            return True
    return False


_BARRIER = re.compile(r"[.;:!?()\u201c\u201d\"]")
_LIST_GLUE = re.compile(r"^(?:\s*(?:,|and|&|\u2014|-)\s*)+$")


def _clause_before(body: str, start: int, end: int, others: list[tuple[int, int]]) -> str:
    """The words of the clause before a name (at ``end``), back to the last other name not
    joined to it in a list ("X, Y and Z"), or to punctuation."""
    cut, pos = start, end
    for s0, e0 in reversed([o for o in others if start <= o[0] and o[1] <= end and o[0] < end]):
        if e0 > pos:
            continue
        if _LIST_GLUE.match(body[e0:pos]):
            pos = s0  # joined in a list: the words before the list count
            continue
        cut = e0  # another name's words
        break
    text = body[cut:pos]
    stop = max((m.end() for m in _BARRIER.finditer(text)), default=0)
    return _title_words_before(text[stop:])


_TITLE_GLUE = word_set("""
the a an of on for in at and two three four five six seven several committee committees
""")


def _title_words_before(text: str) -> str:
    """The run of words right before a name that can be its title: capitalised words,
    office words and their glue ("the three Republican chairmen"), back to any other word
    ("the Russian leader had phoned" gives nothing: "phoned" is not a title's)."""
    toks = re.findall(r"[\w'\u2019.\-]+", text)
    kept: list[str] = []
    for tok in reversed(toks):
        low = fold(tok).strip(".")
        single = low[:-3] + "man" if low.endswith("men") else low.rstrip("s")
        if tok[:1].isupper() or low in _TITLE_GLUE or single in TITLE_WORDS \
                or low in TITLE_WORDS or low in RANKS or low in DOMAIN_WORDS:
            kept.append(tok)
            continue
        break
    return " ".join(reversed(kept))


def _clause_after(body: str, start: int, end: int, others: list[tuple[int, int]]) -> str:
    """An apposition after a name: the words between the comma that follows it and the next
    comma or punctuation ("Pompeo, the C.I.A. director and secretary of state-designate,"),
    unless another name comes first (the words before a name are that name's)."""
    text = body[start:end]
    if not text.lstrip().startswith(","):
        return ""
    first = start + text.index(",") + 1
    m = re.compile(r"[,.;:!?()\u201c\u201d\"]").search(body, first, end)
    stop = m.start() if m else end
    if any(first <= s0 < stop for s0, _ in others):
        return ""
    return body[first:stop]


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
    names_x = {fold(m.name) for m in xs}
    names_y = {fold(m.name) for m in ys}
    # whether x and y are a spelling variant depends on their names alone: compare each
    # spelling once, by its first mention (so the pair found is the one a full scan finds)
    for x in _first_of_each(xs, MAX_SPELLINGS):
        gx, sx = parts(x)
        for y in _first_of_each(ys, MAX_SPELLINGS):
            gy, sy = parts(y)
            if not same_given(x.given, y.given) or not spelled_differently(x.name, y.name):
                continue
            if fold(y.name) in names_x or fold(x.name) in names_y:
                continue  # each article also writes the other's spelling
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


def _first_of_each(ms: list[Mention], limit: int, by=lambda m: (m.given, m.name)
                   ) -> list[Mention]:
    """The first mention of each distinct ``by(mention)`` (first name and name as written),
    in order; at most ``limit`` of them."""
    seen: set = set()
    out = []
    for m in ms:
        sig = by(m)
        if sig not in seen:
            seen.add(sig)
            out.append(m)
            if len(out) >= limit:
                break
    return out


def _distinct(texts, limit: int = MAX_SPELLINGS) -> list[str]:
    """The first ``limit`` distinct texts, in order."""
    out: dict[str, None] = {}
    for t in texts:
        if len(out) >= limit:
            break
        out.setdefault(t)
    return list(out)


def _labels(ctx, xs: list[Mention], ys: list[Mention]) -> list[Divergence]:
    lx = [m for m in xs if m.label]
    ly = [m for m in ys if m.label]
    if not lx or not ly:
        return []
    keys_x = [x.label_key for x in _first_of_each(lx, MAX_SPELLINGS, by=lambda m: m.label)]
    keys_y = [y.label_key for y in _first_of_each(ly, MAX_SPELLINGS, by=lambda m: m.label)]
    if any(kx <= ky or ky <= kx for kx in keys_x for ky in keys_y):
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
    office for that demonym.

    One divergence per pair of offices, from its first two passages that tell the same thing:
    every further pair would have the same key, and the report keeps only the first of a key
    (``find._dedupe``), so they are not made.  Offices are compared once per distinct
    text (the first ``MAX_SPELLINGS`` of each article) and passages once per pair."""
    da, db = ctx.descriptors
    firsts_a, firsts_b = _first_per_passage(da), _first_per_passage(db)
    # an office the other article also uses for the demonym (or one compatible with it)
    # is shared; only offices that neither shares make a divergence
    shared_a = {k for k in firsts_a if any(k[0] == j[0] and titles_compatible(k[1], j[1])
                                           for j in firsts_b)}
    shared_b = {j for j in firsts_b if any(k[0] == j[0] and titles_compatible(k[1], j[1])
                                           for k in firsts_a)}
    words_a: dict[int, set[str]] = {}
    words_b: dict[int, set[str]] = {}

    def same_story(pa: int, pb: int) -> bool:
        if ctx.linked(pa, pb) is not None:
            return True
        if pa not in words_a:
            words_a[pa] = _content_words(ctx.a.passages[pa].text)
        if pb not in words_b:
            words_b[pb] = _content_words(ctx.b.passages[pb].text)
        cx, cy = words_a[pa], words_b[pb]
        return len(cx & cy) / max(1, min(len(cx), len(cy))) >= DESCRIPTOR_OVERLAP

    out = []
    for ka, by_passage_a in firsts_a.items():
        if ka in shared_a:
            continue
        for kb, by_passage_b in firsts_b.items():
            if kb[0] != ka[0] or kb in shared_b:
                continue
            # the first pair in text order whose passages tell the same thing
            found = next(((x, y) for x in by_passage_a.values() for y in by_passage_b.values()
                          if same_story(x.passage, y.passage)), None)
            if found is not None:
                out.append(descriptor_divergence(ctx, *found))
    return out


def _first_per_passage(ds: list[Descriptor]) -> dict[tuple[str, str], dict[int, Descriptor]]:
    """(demonym, office as written) -> passage -> its first descriptor there, in text order
    (``descriptors`` lists them so); the first ``MAX_SPELLINGS`` offices and passages."""
    out: dict[tuple[str, str], dict[int, Descriptor]] = {}
    for d in sorted(ds, key=lambda d: d.span):
        key = (d.demonym, d.text)
        if key not in out and len(out) >= MAX_SPELLINGS:
            continue
        by_passage = out.setdefault(key, {})
        if d.passage not in by_passage and len(by_passage) < MAX_SPELLINGS:
            by_passage[d.passage] = d
    return out


def _content_words(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOP_WORDS}
