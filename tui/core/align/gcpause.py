"""Cyclic garbage collection paused while two articles are compared (``gc_paused``).

A comparison allocates many small objects and makes no reference cycles, so collections
during it only cost time; ``tui.core.pipeline`` pauses it over both stages.
"""

from __future__ import annotations

import gc
import os
import threading
from contextlib import contextmanager

_GC_LOCK = threading.Lock()
_gc_pauses = 0
_gc_resume = False


@contextmanager
def gc_paused():
    """Cyclic garbage collection off while comparing (and back on after, unless it was off).

    A comparison allocates many small dicts, lists and tuples, which keep triggering
    collections that walk every live one: a quarter of the time of a long comparison. It
    makes no reference cycles (what it drops is freed at once), so nothing piles up.
    Counted, so overlapping comparisons in threads restore the state found by the first, and
    a pause inside another (``align`` within ``pipeline.compare``) changes nothing.

    What it keeps (features, the result) is moved to the oldest generation before collection
    resumes (``gc.freeze``, then ``gc.unfreeze``, when nothing else is frozen): otherwise the
    first allocation after walks all of it as young objects, a tenth of a long comparison.
    """
    global _gc_pauses, _gc_resume
    with _GC_LOCK:
        if _gc_pauses == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_resume:
                if not gc.get_freeze_count():
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()


def _gc_after_fork() -> None:
    """A process forked while a thread was comparing has no comparison running."""
    global _GC_LOCK, _gc_pauses
    _GC_LOCK = threading.Lock()  # (the forking thread may have held it)
    if _gc_pauses:
        _gc_pauses = 0
        if _gc_resume:
            gc.enable()


os.register_at_fork(after_in_child=_gc_after_fork)
