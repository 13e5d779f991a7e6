"""The cycle collector runs less often inside an audit, and is as it was afterwards."""

from __future__ import annotations

import gc
import threading
import time

import pytest

from checker import collect
from checker.collect import fewer_collections


@pytest.fixture(autouse=True)
def _python_default() -> object:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_inside_the_first_collection_waits_for_more_objects() -> None:
    with fewer_collections():
        assert gc.get_threshold() == (collect.FIRST, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_setting_is_left_alone() -> None:
    gc.set_threshold(100_000, 5, 5)
    with fewer_collections():
        assert gc.get_threshold() == (100_000, 5, 5)
    assert gc.get_threshold() == (100_000, 5, 5)


def test_collection_turned_off_stays_off() -> None:
    gc.set_threshold(0, 10, 10)  # Python's "no automatic collection"
    with fewer_collections():
        assert gc.get_threshold() == (0, 10, 10)
    assert gc.get_threshold() == (0, 10, 10)


def test_an_error_inside_still_puts_the_setting_back() -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("stage failed")
    assert gc.get_threshold() == (700, 10, 10)


def test_overlapping_audits_put_back_the_setting_from_before_the_first() -> None:
    # the second enters while the first runs and leaves after it: it must not restore the
    # raised setting it found, nor the first restore the default while the second runs
    first_in, first_out = threading.Event(), threading.Event()
    seen: list[tuple[int, int, int]] = []

    def second() -> None:
        first_in.wait()
        with fewer_collections():
            first_out.wait()
            seen.append(gc.get_threshold())

    t = threading.Thread(target=second)
    t.start()
    with fewer_collections():
        first_in.set()
        while collect._inside < 2:
            time.sleep(0.001)
    first_out.set()
    t.join()
    assert seen == [(collect.FIRST, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)


def test_an_audit_leaves_the_collector_as_it_found_it() -> None:
    from checker.api import audit
    from checker.model import Source

    inside: list[tuple[int, int, int]] = []

    class Embedder:
        name = "probe"

        def encode(self, texts: list[str]) -> object:
            import numpy as np

            inside.append(gc.get_threshold())
            return np.ones((len(texts), 4), dtype=np.float32) / 2

    sources = [Source(id=f"s{i}", text="Police said 11 people were hurt.") for i in range(2)]
    audit(sources, embedder=Embedder())
    assert inside and all(t[0] == collect.FIRST for t in inside)
    assert gc.get_threshold() == (700, 10, 10)
