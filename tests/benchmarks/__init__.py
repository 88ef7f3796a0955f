"""Parallax benchmarks: ``python -m tests.benchmarks`` from the project root (see ``run.py``).

Not part of the test run (pytest ignores ``tests/benchmarks``): they print figures, they do
not assert timings.
"""
