"""Pair each sentence with its most similar sentences in the other sources (cosine, top-k)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from checker.model import Alignment

SentenceKey = tuple[str, int]
BLOCK = 2048  # rows per matrix product, so memory stays O(block x n) rather than O(n^2)


def align(
    keys: Sequence[SentenceKey],
    vectors: np.ndarray,
    *,
    threshold: float = 0.5,
    top_k: int = 3,
) -> tuple[Alignment, ...]:
    """Alignments between sentences of different sources.

    `vectors` holds unit-length rows in the order of `keys`. A pair is kept when it is among
    the `top_k` most similar sentences of the other source for either of its two sentences,
    and its cosine similarity is at least `threshold`. Each pair appears once, `a` before `b`.
    """
    if len(keys) != len(vectors):
        raise ValueError("one vector per sentence key is needed")
    by_source: dict[str, list[int]] = {}
    for i, (src, _) in enumerate(keys):
        by_source.setdefault(src, []).append(i)
    sources = sorted(by_source)
    pairs: dict[tuple[int, int], float] = {}
    for si, sa in enumerate(sources):
        rows_a = np.asarray(by_source[sa])
        for sb in sources[si + 1 :]:
            rows_b = np.asarray(by_source[sb])
            _top_pairs(vectors, rows_a, rows_b, threshold, top_k, pairs, swap=False)
            _top_pairs(vectors, rows_b, rows_a, threshold, top_k, pairs, swap=True)
    out = [
        Alignment(a=keys[i], b=keys[j], similarity=round(float(s), 4))
        for (i, j), s in sorted(pairs.items())
    ]
    return tuple(out)


def _top_pairs(
    vectors: np.ndarray,
    rows_a: np.ndarray,
    rows_b: np.ndarray,
    threshold: float,
    top_k: int,
    pairs: dict[tuple[int, int], float],
    *,
    swap: bool,
) -> None:
    k = min(top_k, len(rows_b))
    if k == 0:
        return
    mat_b = vectors[rows_b]
    for lo in range(0, len(rows_a), BLOCK):
        block = rows_a[lo : lo + BLOCK]
        sims = vectors[block] @ mat_b.T
        idx = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < len(rows_b) else None
        for r, i in enumerate(block):
            cols = idx[r] if idx is not None else range(len(rows_b))
            for c in cols:
                s = float(sims[r, c])
                if s < threshold:
                    continue
                j = int(rows_b[c])
                key = (j, int(i)) if swap else (int(i), j)
                pairs[key] = s


def similarity_map(
    alignments: Sequence[Alignment],
) -> Mapping[tuple[SentenceKey, SentenceKey], float]:
    return {(a.a, a.b): a.similarity for a in alignments}
