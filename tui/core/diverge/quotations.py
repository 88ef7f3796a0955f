"""Quotations in an article and the differences between two renderings of one quotation.

``quote_spans(article)`` gives the body spans of the text inside quotation marks (curly,
straight, guillemets, and the two-backtick form of tokenised corpora); a quotation left open
at the end of a paragraph runs to the end of it, as news writing continues quotes.
``quote_segments`` cuts them into sentence-sized pieces, and ``matched_quotes`` pairs the
pieces of two articles that render the same words (token overlap in order), so a reworded
quotation is found even when its passages are not linked.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ..align.features import STOP_WORDS, stem
from ..model import Article
from .common import article_cache, fold

OPENERS = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb", "``": "''",
           "\u2018": "\u2019"}
MIN_WORDS = 4
MIN_SIMILARITY = 0.6

_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")


@dataclass(frozen=True, slots=True)
class Segment:
    passage: int
    start: int
    end: int
    """Body offsets of the quoted words (without the marks)."""
    words: tuple[str, ...]
    """Folded word tokens."""
    spans: tuple[tuple[int, int], ...]
    """Body offsets of each word."""


def _paragraphs(article: Article) -> list[tuple[int, int]]:
    if article.paragraphs:
        return list(article.paragraphs)
    return [(0, len(article.body))]


@article_cache
def quote_spans(article: Article) -> list[tuple[int, int]]:
    """Body spans of quoted text, in order (cached by the article's text)."""
    body = article.body
    out: list[tuple[int, int]] = []
    for ps, pe in _paragraphs(article):
        out.extend((ps + s, ps + e) for s, e in _spans(body[ps:pe]))
    return out


_MARKS = re.compile("``|''|[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019']")


def _spans(text: str) -> list[tuple[int, int]]:
    """Quoted spans of one paragraph: a small state machine run over its quotation marks."""
    out: list[tuple[int, int]] = []
    n = len(text)
    open_at: int | None = None
    closer = ""
    for m in _MARKS.finditer(text):
        i, mark = m.start(), m.group()
        if open_at is None:
            if mark == "``":
                open_at, closer = i + 2, "''"
            elif mark in OPENERS and mark != "\u2018":
                open_at, closer = i + 1, OPENERS[mark]
            elif mark == '"':
                open_at, closer = i + 1, '"'
            elif mark in ("\u2018", "'") and (i == 0 or not text[i - 1].isalnum()) and \
                    i + 1 < n and text[i + 1].isalpha():
                open_at, closer = i + 1, "\u2019" if mark == "\u2018" else "'"
            continue
        single = closer in ("\u2019", "'")
        if single and i - open_at > 200:
            open_at = None  # an apostrophe, not a quotation
            continue
        if i < open_at or not text.startswith(closer, i):
            continue
        if single and i + len(closer) < n and text[i + len(closer)].isalpha():
            continue  # an apostrophe inside the quotation (don't, Moscow's)
        out.append((open_at, i))
        open_at = None
    if open_at is not None and closer not in ("\u2019", "'"):
        out.append((open_at, len(text.rstrip())))
    return [(s, e) for s, e in out if e > s]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Do the words in [start, end) lie inside a quotation?  An empty span is inside when
    its position is.  ``spans`` are in order and do not overlap (``quote_spans``)."""
    k = max(0, bisect_right(spans, (start, math.inf)) - 1)  # the last span starting by ``start``
    if end <= start:
        return k < len(spans) and (spans[k][0] == start or spans[k][0] < start < spans[k][1])
    covered = 0
    for s, e in itertools.islice(spans, k, None):
        if s >= end:
            break
        covered += max(0, min(e, end) - max(s, start))
    return covered >= 0.6 * (end - start)


@article_cache
def quote_segments(article: Article) -> list[Segment]:
    """Sentence-sized pieces of every quotation of at least ``MIN_WORDS`` words."""
    body = article.body
    out: list[Segment] = []
    starts = [p.start for p in article.passages]
    for s, e in quote_spans(article):
        for ss, se in _sentences(body, s, e):
            words, spans = [], []
            for m in _WORD.finditer(body, ss, se):
                words.append(fold(m.group()))
                spans.append((m.start(), m.end()))
            if len(words) < MIN_WORDS:
                continue
            passage = _passage_at(starts, ss)
            out.append(Segment(passage, ss, se, tuple(words), tuple(spans)))
    return out


def _passage_at(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)


def _sentences(body: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for m in re.finditer(r"[.!?]+\s+(?=[\"'\u201c\u2018(]?[A-Z])", body[start:end]):
        out.append((pos, start + m.end()))
        pos = start + m.end()
    out.append((pos, end))
    return out


def _content(words: tuple[str, ...]) -> set[str]:
    return {stem(w) for w in words if w not in STOP_WORDS and len(w) > 2}


def similarity(x: Segment, y: Segment) -> float:
    return Indel.normalized_similarity(x.words, y.words)


def matched_quotes(a: Article, b: Article) -> list[tuple[Segment, Segment, float]]:
    """Pairs of quoted pieces of ``a`` and ``b`` that render the same words, best first,
    each piece used once."""
    sa, sb = quote_segments(a), quote_segments(b)
    holding: dict[str, list[int]] = defaultdict(list)  # content stem -> pieces of b
    for k, y in enumerate(sb):
        for w in _content(y.words):
            holding[w].append(k)
    cands = []
    for x in sa:
        cx = _content(x.words)
        if not cx:
            continue
        shared = Counter(k for w in cx for k in holding.get(w, ()))
        for k, n in shared.items():
            if n < 2 and not (n == 1 and len(cx) <= 2):
                continue
            y = sb[k]
            s = similarity(x, y)
            if s >= MIN_SIMILARITY:
                cands.append((s, x, y))
    cands.sort(key=lambda t: (-t[0], t[1].start, t[2].start))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for s, x, y in cands:
        if x.start in used_a or y.start in used_b:
            continue
        used_a.add(x.start)
        used_b.add(y.start)
        out.append((x, y, s))
    return out


def word_regions(x: Segment, y: Segment) -> list[tuple[int, int, int, int]]:
    """Differing word runs of two quoted pieces: (a_start, a_end, b_start, b_end) body
    offsets; runs one word apart are joined ("What matters now" / "Now the main thing")."""
    runs: list[list[int]] = []
    for op in Indel.opcodes(x.words, y.words):
        if op.tag == "equal":
            continue
        i1, i2, j1, j2 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if runs and i1 - runs[-1][1] <= 1 and j1 - runs[-1][3] <= 1:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    out = []
    nx, ny = len(x.words), len(y.words)
    for i1, i2, j1, j2 in runs:
        # at the edge of either piece the quotations just start or stop in other places:
        # keep only as many words of the longer side as the shorter one has
        k = min(i2 - i1, j2 - j1)
        extent = max(i2 - i1, j2 - j1) > 2 * k + 1
        if (i1 == 0 or j1 == 0) and (extent or i1 != j1):
            i1, j1 = i2 - k, j2 - k
        if (i2 == nx or j2 == ny) and (extent or nx - i2 != ny - j2):
            i2, j2 = i1 + k, j1 + k
        if i1 == i2 and j1 == j2:
            continue
        if all(w in _TRIVIAL for w in x.words[i1:i2] + y.words[j1:j2]):
            continue
        # take in up to two small shared words before the change ("to prove the vow")
        for _ in range(2):
            if i1 > 0 and j1 > 0 and x.words[i1 - 1] == y.words[j1 - 1] \
                    and x.words[i1 - 1] in STOP_WORDS:
                i1, j1 = i1 - 1, j1 - 1
        out.append((*_cover(x, i1, i2), *_cover(y, j1, j2)))
    return out


_TRIVIAL = frozenset({"a", "an", "the", "of"})


def _cover(seg: Segment, i1: int, i2: int) -> tuple[int, int]:
    if i1 < i2:
        return seg.spans[i1][0], seg.spans[i2 - 1][1]
    pos = seg.spans[i1][0] if i1 < len(seg.spans) else seg.end
    return pos, pos


PARAPHRASE_SIMILARITY = 0.7
"""A quotation of one article found, unquoted, in a passage of the other with words this
similar (in order) is the same statement, quoted by one and paraphrased by the other."""


def paraphrased_quotes(a: Article, b: Article) -> list[tuple[Segment, Segment, float]]:
    """Quoted pieces of ``b`` that ``a`` tells without quotation marks: ``(window of a,
    quote of b, similarity)``.  The window is the run of ``a``'s words most like the quote,
    carried on to the end of its clause."""
    spans_a = quote_spans(a)
    out = []
    passages = None
    for y in quote_segments(b):
        if len(y.words) < MIN_WORDS + 1:
            continue
        if passages is None:
            passages = _passage_words(a)
        best: tuple[float, Segment] | None = None
        quoted = Counter(y.words)
        n = len(y.words)
        for k in _sharing_three(_content(y.words), passages[1]):
            p, pw = passages[0][k]
            # no window can beat 2 x (the words they share) / (their lengths): a passage whose
            # bound is under the cut-off is never the answer (nor is any, if all are)
            bag = passages[2][k]
            shared = sum(min(c, bag[w]) for w, c in quoted.items() if w in bag)
            if 2 * shared < PARAPHRASE_SIMILARITY * (n + min(len(pw), max(MIN_WORDS, n - 2))):
                continue
            window = _best_window(y.words, pw)
            if window is None or (best is not None and window[0] <= best[0]):
                continue
            s, i, j = window
            j = _clause_end(a.body, pw, j)
            if inside(spans_a, pw[i][1], pw[j - 1][2]):
                continue  # quoted there too: matched_quotes pairs those
            seg = Segment(p.index, pw[i][1], pw[j - 1][2], tuple(w for w, _, _ in pw[i:j]),
                          tuple((s0, e0) for _, s0, e0 in pw[i:j]))
            best = (s, seg)
        if best is not None and best[0] >= PARAPHRASE_SIMILARITY:
            out.append((best[1], y, best[0]))
    return out


@article_cache
def _passage_words(article: Article):
    """``([(passage, [(word, start, end)])], content stem -> passages, [Counter of each
    passage's words])``."""
    out = []
    bags = []
    holding: dict[str, list[int]] = defaultdict(list)
    for p in article.passages:
        pw = [(fold(m.group()), m.start() + p.start, m.end() + p.start)
              for m in _WORD.finditer(p.text)]
        words = tuple(w for w, _, _ in pw)
        for w in _content(words):
            holding[w].append(len(out))
        out.append((p, pw))
        bags.append(Counter(words))
    return out, dict(holding), bags


def _sharing_three(stems: set[str], holding: dict[str, list[int]]) -> list[int]:
    """The passages (indices, in order) whose content stems include at least three of
    ``stems``.  Each holds one of all but the two commonest of them, so the long postings of
    those two are only used to count among the passages found so."""
    if len(stems) < 3:
        return []
    ranked = sorted(stems, key=lambda w: (len(holding.get(w, ())), w))
    counts = Counter(k for w in ranked[:-2] for k in holding.get(w, ()))
    with_x = {k for k in holding.get(ranked[-2], ()) if k in counts}
    with_y = {k for k in holding.get(ranked[-1], ()) if k in counts}
    return sorted(k for k, n in counts.items() if n + (k in with_x) + (k in with_y) >= 3)


def _best_window(words: tuple[str, ...], pw) -> tuple[float, int, int] | None:
    n = len(words)
    best = None
    for size in range(max(MIN_WORDS, n - 2), n + 3):
        for i in range(0, max(0, len(pw) - size) + 1):
            s = Indel.normalized_similarity(words, [w for w, _, _ in pw[i : i + size]])
            if best is None or s > best[0]:
                best = (s, i, min(len(pw), i + size))
    return best


def _clause_end(body: str, pw, j: int) -> int:
    """Carry a window on over the words up to the next punctuation or "and"."""
    k = j
    while k < len(pw) and k - j < 4:
        between = body[pw[k - 1][2] : pw[k][1]]
        if re.search(r"[,;:.!?\"\u201c\u201d()\u2014]", between) or pw[k][0] in ("and", "but"):
            break
        k += 1
    return k
