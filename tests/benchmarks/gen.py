"""Deterministic benchmark inputs, built from an invented vocabulary and sentence templates.

Nothing here reads the seed corpus or any real text: words are made of invented syllables,
names are capitalised invented words, and sentences come from a few templates, so the inputs
can be regenerated anywhere from a seed.

``make_pair(words)`` gives two article texts where B is A with about 30% of its sentences
paraphrased, 10% moved, 10% deleted and 10% new ones added.  ``write_corpus(dir, n)`` writes
``n`` articles in stories of several outlets each.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from pathlib import Path


def _split(words: str) -> list[str]:
    return words.split()


SYLLABLES = _split(
    "ba be bo bu da de di do ka ke ki ko lu la le li lo ma me mi mo nu na ne ni no pa pe pi "
    "po ra re ri ro sa se si so ta te ti to va ve vi vo za ze zi zo tran gel mor pim vas kel "
    "dor fen lam rist qua bren sul vik"
)
STOP = _split(
    "the the the of of and and to to in a a that for on with as by at from is was were has "
    "have had it its this their which but not will would could also after over into about "
    "than more been who they he she"
)
SAID = ("said", "told reporters", "said on Tuesday", "added", "said in a statement")
OUTLETS = ("The Daily Vell", "Korrin Post", "Aster Wire", "Neumark Herald", "Lisk Times",
           "Orvo Tribune", "Sentar News", "Halden Review", "Pell Courier", "Mirrow Gazette")


def _word(rng: random.Random, lo: int = 2, hi: int = 4) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(lo, hi)))


@dataclass
class Vocabulary:
    content: list[str]
    names: list[str]
    synonym: dict[str, str]
    rng: random.Random

    @classmethod
    def make(cls, seed: int = 7, n_content: int = 6000, n_names: int = 900) -> Vocabulary:
        rng = random.Random(seed)
        seen: set[str] = set(STOP)
        content: list[str] = []
        while len(content) < n_content:
            w = _word(rng)
            if w not in seen:
                seen.add(w)
                content.append(w)
        names: list[str] = []
        while len(names) < n_names:
            w = _word(rng, 2, 3)
            if w not in seen:
                seen.add(w)
                names.append(w.capitalize())
        # each content word has a paraphrase partner of about the same frequency
        synonym = {}
        for i in range(0, n_content - 1, 2):
            synonym[content[i]] = content[i + 1]
            synonym[content[i + 1]] = content[i]
        return cls(content, names, synonym, rng)


def _cumulative(n: int, shift: float = 2.7) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights ``1 / (rank + shift)`` for ranks 0..n-1."""
    out, total = [], 0.0
    for r in range(n):
        total += 1.0 / (r + 1 + shift)
        out.append(total)
    return out


def _zipf(rng: random.Random, cum: list[float]) -> int:
    """An index drawn with a Zipf-like law, as natural-language word use is."""
    return bisect.bisect_left(cum, rng.random() * cum[-1])


class SentenceMaker:
    def __init__(self, vocab: Vocabulary, rng: random.Random):
        self.v = vocab
        self.rng = rng
        self._cum_content = _cumulative(len(vocab.content))
        self._cum_names = _cumulative(len(vocab.names), shift=5.0)

    def content(self) -> str:
        return self.v.content[_zipf(self.rng, self._cum_content)]

    def name(self) -> str:
        return self.v.names[_zipf(self.rng, self._cum_names)]

    def number(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return str(self.rng.randint(2, 99))
        if r < 0.7:
            return f"{self.rng.randint(100, 99_999):,}"
        if r < 0.85:
            return f"{self.rng.randint(1, 99)}.{self.rng.randint(1, 9)}"
        return str(self.rng.randint(1950, 2030))

    def clause(self, length: int) -> list[str]:
        out: list[str] = []
        for _ in range(length):
            r = self.rng.random()
            if r < 0.42:
                out.append(self.rng.choice(STOP))
            elif r < 0.84:
                out.append(self.content())
            elif r < 0.95:
                out.append(self.name())
            else:
                out.append(self.number())
        return out

    def sentence(self) -> list[str]:
        """A sentence as a list of tokens (words and punctuation marks)."""
        rng = self.rng
        kind = rng.random()
        if kind < 0.55:
            toks = self.clause(rng.randint(8, 22))
            if rng.random() < 0.4:
                toks[rng.randint(2, len(toks) - 2)] += ","
        elif kind < 0.75:
            toks = self.clause(rng.randint(6, 16))
            toks[0] = '"' + toks[0]
            toks[-1] += ',"'
            toks += [self.name(), self.name()] + rng.choice(SAID).split()
        elif kind < 0.9:
            toks = [self.name(), self.name()] + rng.choice(SAID).split()
            toks[-1] += ","
            toks += ["that"] + self.clause(rng.randint(6, 16))
        else:
            toks = self.clause(rng.randint(5, 12))
            toks[-1] += ","
            toks += ["according", "to", "the", self.name(), self.content()]
        return toks

    def paraphrase(self, toks: list[str]) -> list[str]:
        """Swap about a third of the content words for their partner; drop or add stop words;
        sometimes change a number or move the attribution."""
        rng = self.rng
        out: list[str] = []
        for t in toks:
            core = t.strip(',"')
            if core in self.v.synonym and rng.random() < 0.35:
                t = t.replace(core, self.v.synonym[core])
            elif core in STOP and rng.random() < 0.15:
                continue
            elif core[:1].isdigit() and rng.random() < 0.2:
                t = t.replace(core, self.number())
            out.append(t)
            if rng.random() < 0.05:
                out.append(rng.choice(STOP))
        if len(out) > 6 and rng.random() < 0.3:
            cut = rng.randint(2, len(out) - 2)
            out = out[cut:] + out[:cut]
        return out or toks


def render(toks: list[str]) -> str:
    text = " ".join(toks).replace(" ,", ",")
    i = next((k for k, c in enumerate(text) if c.isalpha()), 0)
    text = text[:i] + text[i].upper() + text[i + 1 :]
    text = text.rstrip(",")
    if text.endswith('"'):
        text = text[:-2].rstrip(",") + '."' if text.endswith(',"') else text
    return text if text.endswith(('."', ".")) else text + "."


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    paras: list[str] = []
    k = 0
    while k < len(sentences):
        n = rng.randint(2, 5)
        paras.append(" ".join(sentences[k : k + n]))
        k += n
    return "\n\n".join(paras)


def _article(title: str, outlet: str, date: str, body: str, url: str | None = None) -> str:
    head = f"---\ntitle: {title}\noutlet: {outlet}\ndate: {date}\n"
    if url:
        head += f"url: {url}\n"
    return head + "---\n\n" + body + "\n"


def mutate(
    sents: list[list[str]], maker: SentenceMaker, *, paraphrase: float = 0.30,
    moved: float = 0.10, deleted: float = 0.10, new: float = 0.10,
) -> tuple[list[list[str]], list[int | None]]:
    """B from A's sentences: paraphrase, move, delete and add sentences.

    Returns B's sentences and, for each, the index of the A sentence it comes from (None for a
    new one): the true alignment, to measure the engine's recall and precision.
    """
    rng = maker.rng
    n = len(sents)
    order = list(range(n))
    rng.shuffle(order)
    n_del, n_mov = round(n * deleted), round(n * moved)
    dele = set(order[:n_del])
    mov = set(order[n_del : n_del + n_mov])
    para = set(rng.sample(range(n), round(n * paraphrase)))
    out: list[tuple[int | None, list[str]]] = []
    moving: list[tuple[int | None, list[str]]] = []
    for i, s in enumerate(sents):
        if i in dele:
            continue
        t = maker.paraphrase(s) if i in para else s
        (moving if i in mov else out).append((i, t))
    for t in moving:
        out.insert(rng.randint(0, len(out)), t)
    for _ in range(round(n * new)):
        out.insert(rng.randint(0, len(out)), (None, maker.sentence()))
    return [t for _, t in out], [i for i, _ in out]


def make_pair(words: int, *, seed: int = 1) -> tuple[str, str]:
    """Two article texts of about ``words`` words each (B derived from A)."""
    a, b, _truth = make_pair_with_truth(words, seed=seed)
    return a, b


def make_pair_with_truth(words: int, *, seed: int = 1) -> tuple[str, str, list[int | None]]:
    """``make_pair`` and, for each sentence of B, the sentence of A it comes from."""
    vocab = Vocabulary.make()
    rng = random.Random(seed * 1_000_003 + words)
    maker = SentenceMaker(vocab, rng)
    sents: list[list[str]] = []
    count = 0
    while count < words:
        s = maker.sentence()
        sents.append(s)
        count += len(s)
    b, truth = mutate(sents, maker)
    a_text = _article(f"Report of {words} words", OUTLETS[0], "2024-03-01",
                      _paragraphs([render(s) for s in sents], rng))
    b_text = _article(f"Version of {words} words", OUTLETS[1], "2024-03-02",
                      _paragraphs([render(s) for s in b], rng))
    return a_text, b_text, truth


def write_corpus(folder: str | Path, n: int, *, seed: int = 3, per_story: int = 6) -> Path:
    """Write ``n`` articles (stories of about ``per_story`` outlets each) into ``folder``."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    vocab = Vocabulary.make()
    rng = random.Random(seed * 7919 + n)
    maker = SentenceMaker(vocab, rng)
    written = 0
    story = 0
    while written < n:
        base = [maker.sentence() for _ in range(rng.randint(18, 45))]
        headline = render(maker.clause(rng.randint(5, 9)))[:-1]
        for k in range(min(per_story, n - written)):
            sents = base if k == 0 else mutate(base, maker)[0]
            outlet = OUTLETS[(story + k) % len(OUTLETS)]
            date = f"2024-{1 + story % 12:02d}-{1 + (story + k) % 28:02d}"
            text = _article(headline if k == 0 else render(maker.paraphrase(headline.split()))[:-1],
                            outlet, date, _paragraphs([render(s) for s in sents], rng),
                            url=f"https://example.invalid/{story}/{k}")
            (root / f"s{story:04d}_{k}.md").write_text(text, encoding="utf-8")
            written += 1
        story += 1
    return root
