"""Stage 2, alignment: which passages of two articles report the same thing.

``linker.align(a, b)`` gives a ``Comparison`` of links (with their word operations, from
``worddiff``) and the passages only one side has; it knows nothing of divergences.
``features`` normalises words into weighted features, ``similarity`` scores two passages,
``candidates`` bounds the pairs scored for long texts, and ``vector`` (numpy, long texts
only) does the same work in arrays.
"""
