"""Stage 1, reading: a file (text, Markdown or a saved web page) becomes an ``Article``.

``loader`` decodes and parses one article, with ``meta`` (header metadata, boilerplate),
``clean`` (markup and control characters out, offsets kept), ``segment`` (sentences) and
``safety`` (what may reach a terminal). ``webpage`` extracts an article from HTML, and
``webimport`` brings URLs and files into a corpus (``parallax add``).
"""
