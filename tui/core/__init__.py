"""The engine: everything but the reader, and none of it imports Textual.

Four stages, each a folder, each using only the ones before it:

- ``ingest``: a file becomes an ``Article`` (metadata, cleaned body, passages);
- ``align``: two articles become a ``Comparison`` of linked passages and word differences;
- ``diverge``: a ``Comparison`` gains its divergences (figures, titles, names, labels, quotes,
  wording, omissions);
- ``corpus``: a folder of articles: loading it (with a cache), ranking related articles, the
  listing, the corpus-wide divergence report.

``pipeline`` composes align and diverge (``pipeline.compare``, what ``tui.compare`` calls);
``export`` renders a comparison or a report as text, JSON, HTML or Markdown; ``model`` holds
the values that flow between them (frozen dataclasses).
"""
