"""Python's cyclic garbage collector held off while a service builds tens of thousands of objects.

CPython runs a collection every 700 new container objects, and the objects that survive (a year of dues
for 5,000 members is 60,000 rows, tuples and cells, all kept) climb into the oldest generation and make
it walk the whole heap again and again: measured on bench/dues.py, half of the CPU time of generating and
of computing the year's ledger went to the collector, which found nothing to free (those objects hold no
cycles). Reference counting still frees everything as usual meanwhile; only cycles wait for the end.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # pauses open now, on any thread (the collector is one for the process)
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector is back as it was when the last open pause
    ends (nested and concurrent pauses, e.g. the worker thread and a test's own, count)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
