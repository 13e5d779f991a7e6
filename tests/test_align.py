"""Alignment arithmetic (with hand-made vectors) and behaviour with the real model."""

from __future__ import annotations

import numpy as np

from checker.align import align


def _unit(rows: list[list[float]]) -> np.ndarray:
    m = np.asarray(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_align_keeps_top_k_above_threshold_across_sources_only() -> None:
    keys = [("a", 0), ("a", 1), ("b", 0), ("b", 1), ("b", 2)]
    vecs = _unit([[1, 0, 0], [0, 1, 0], [1, 0.1, 0], [0, 1, 0.1], [0, 0, 1]])
    pairs = {(x.a, x.b): x.similarity for x in align(keys, vecs, threshold=0.5, top_k=1)}
    assert set(pairs) == {(("a", 0), ("b", 0)), (("a", 1), ("b", 1))}
    assert all(s > 0.9 for s in pairs.values())


def test_align_threshold_drops_weak_pairs() -> None:
    keys = [("a", 0), ("b", 0)]
    vecs = _unit([[1, 0], [0.3, 1]])
    assert align(keys, vecs, threshold=0.5) == ()
    assert len(align(keys, vecs, threshold=0.2)) == 1


def test_align_with_real_model_pairs_the_paraphrase(embedder) -> None:
    a = ["The storm killed 12 people in the port city.", "Schools will reopen next week."]
    b = ["Officials expect classes to resume in a week.", "Twelve people died as the storm hit."]
    vecs = embedder.encode(a + b)
    keys = [("a", 0), ("a", 1), ("b", 0), ("b", 1)]
    best = {}
    for x in align(keys, vecs, threshold=0.3, top_k=1):
        if x.a[0] == "a":
            best[x.a] = max(best.get(x.a, (0, None)), (x.similarity, x.b))
    assert best[("a", 0)][1] == ("b", 1)
    assert best[("a", 1)][1] == ("b", 0)
