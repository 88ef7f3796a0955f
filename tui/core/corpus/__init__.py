"""Stage 4, a corpus: a folder of articles and what is measured across it.

``folder`` loads a corpus folder (through ``cache``, parsed articles kept between runs),
``related`` ranks the articles that report the same story (from the signature ``terms`` of
each), ``listing`` is the ``parallax list`` table, ``report`` is the corpus-wide divergence
report (every related pair compared, their divergences grouped across outlets), ``stories``
groups the articles by the event they report, and ``coverage`` lays a story out (every pair
aligned once, who carries each passage, the story's facts).
"""
