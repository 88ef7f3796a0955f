"""Related-article signatures: the token table gives what the plain definition gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.align.features import strip_accents
from tui.core.corpus import related
from tui.core.corpus import terms as signature_terms


def reference_signature(body: str) -> dict[str, float]:
    """The definition, written plainly with sets (what ``related.signature`` computed before
    it kept a table of tokens)."""
    punct = signature_terms._PUNCT
    tokens = {t.strip(punct) for t in set(body.split())}
    tokens.discard("")
    numbers = {t.replace(",", "").rstrip(".") for t in tokens if t[0].isdigit()}
    words = {t[:-2] if t.endswith(("'s", "\u2019s")) else t for t in tokens
             if not t[0].isdigit()}
    names = {w.casefold() for w in words if w[:1].isupper()}
    lows = {w.casefold() for w in words} - signature_terms.stop_words()

    def term(low: str) -> str:
        return (low if low.isascii() else strip_accents(low))[:signature_terms.PREFIX]

    terms = dict.fromkeys((term(w) for w in lows if len(w) >= 3), 1.0)
    terms.update(dict.fromkeys(
        (term(w) for w in names - signature_terms.stop_words() if len(w) >= 3),
        related.NAME_WEIGHT))
    terms.update(dict.fromkeys(
        ("#" + v for v in numbers if len(v) >= 2 and not (len(v) == 4 and v[:2] in ("19", "20"))),
        related.NUMBER_WEIGHT))
    return terms


def test_seed_signatures_match_the_definition(seed_corpus):
    for article in seed_corpus.articles:
        assert related.signature(article.body) == reference_signature(article.body)


WORDS = st.sampled_from(["Putin", "putin's", "Putin\u2019s", "the", "The", "ÉLYSÉE", "élysée",
                         "Straße", "STRASSE", "1,200", "2024", "1999.", "7", "\u201cGaza,\u201d",
                         "'s", "--", "\uff03123", "\u0130stanbul", "ﬁnance", "a", "said"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=30))
def test_signature_matches_the_definition(words):
    body = " ".join(words)
    related._CACHE.clear()
    assert related.signature(body) == reference_signature(body)


def test_threads_asking_at_once_build_one_index(seed_corpus, monkeypatch):
    import threading
    import time

    built = []
    real = related.Index.__init__

    def slow(self, corpus):
        built.append(corpus)
        time.sleep(0.05)  # long enough for the other thread to ask meanwhile
        real(self, corpus)

    monkeypatch.setattr(related.Index, "__init__", slow)
    monkeypatch.setattr(related, "_INDEX", {})
    results = []
    threads = [threading.Thread(target=lambda: results.append(related.corpus_index(seed_corpus)))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and results[0] is results[1]
