"""Stage 3, divergences: what two aligned articles say differently.

``find.find_divergences(comparison)`` runs one finder per kind of divergence:
``numbers`` (figures, read by ``figures``), ``titles`` (offices, name spellings and group
labels, from the people and groups ``mentions`` finds), ``quotes`` (quotations rendered
differently, from ``quotations``), ``wording`` (changes inside a link) and ``omissions``.
``context`` and ``common`` hold what the finders share. This stage reads a finished
alignment and may use ``align``'s text helpers; ``align`` never imports it.
"""
