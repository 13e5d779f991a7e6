"""Fewer runs of Python's cycle collector while an audit runs.

The collector runs each time 700 more container objects are alive than before, and now and
then walks every live object. An audit makes about a million sentences, tokens, claims and
frames that live to its end and hardly any cycles, so at 1,000 articles those walks took
about a tenth of everything but embedding. Inside `fewer_collections` the first collection
waits for 50,000 new objects instead; the cycles made meanwhile are freed a little later.
Threads that audit at once share one setting: the first to enter sets it, the last to leave
puts back what was there (so a setting made by the program meanwhile is undone then). A
program that turned automatic collection off (threshold 0) keeps it off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

FIRST = 50_000  # new container objects before a collection (Python's default: 700)

_lock = threading.Lock()
_inside = 0
_saved: tuple[int, ...] = ()


@contextmanager
def fewer_collections() -> Iterator[None]:
    global _inside, _saved
    with _lock:
        if _inside == 0:
            _saved = gc.get_threshold()
            first, *rest = _saved
            if first:  # 0 is "no automatic collection": a program's choice, kept
                gc.set_threshold(max(first, FIRST), *rest)
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                gc.set_threshold(*_saved)
