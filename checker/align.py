"""Pair each sentence with its most similar sentences in the other sources (cosine, top-k).

A batch may mix many events. Sentences are compared only between sources that could be about
the same event (`candidate_sources`), so the work grows with event size rather than corpus
size, and every matrix product is blocked, so memory stays O(n x block) rather than O(n^2).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from checker.model import Alignment

SentenceKey = tuple[str, int]
BLOCK_CELLS = 1 << 22  # similarities held at once (16 MB of float32)
EVENT_SIMILARITY = 0.6  # sources whose mean sentence vectors are this close are compared
EVENT_NEIGHBOURS = 8  # ... and so is each source's nearest few, however far


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
    and its cosine similarity is at least `threshold`. Each pair appears once, `a` from the
    source whose id sorts first; pairs are in the order of `keys` (of `a`, then of `b`).
    Only sources that `candidate_sources` pairs are compared: with up to
    `EVENT_NEIGHBOURS + 1` sources, that is every pair.
    """
    if len(keys) != len(vectors):
        raise ValueError("one vector per sentence key is needed")
    if not keys or top_k < 1:
        return ()
    vectors = np.asarray(vectors, dtype=np.float32)
    names = sorted({src for src, _ in keys})
    code = {s: n for n, s in enumerate(names)}
    src_of = np.fromiter((code[s] for s, _ in keys), dtype=np.int64, count=len(keys))
    rows_of = _rows_by_source(src_of, len(names))
    partners = candidate_sources(vectors, src_of, len(names))
    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    found_s: list[np.ndarray] = []
    for a in range(len(names)):
        if len(partners[a]) == 0 or len(rows_of[a]) == 0:
            continue
        cols = np.concatenate([rows_of[b] for b in partners[a]])
        for i, j, s in _top_k_per_source(vectors, rows_of[a], cols, src_of, threshold, top_k):
            found_i.append(i)
            found_j.append(j)
            found_s.append(s)
    if not found_i:
        return ()
    i, j, s = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)
    # Orient each pair from the source that sorts first, then keep one copy of each.
    swap = src_of[i] > src_of[j]
    lo, hi = np.where(swap, j, i), np.where(swap, i, j)
    order = np.lexsort((-s, hi, lo))
    lo, hi, s = lo[order], hi[order], s[order]
    first = np.ones(len(lo), dtype=bool)
    first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    return tuple(
        Alignment(a=keys[x], b=keys[y], similarity=round(float(v), 4))
        for x, y, v in zip(lo[first].tolist(), hi[first].tolist(), s[first].tolist(), strict=True)
    )


def _rows_by_source(src_of: np.ndarray, n_sources: int) -> list[np.ndarray]:
    order = np.argsort(src_of, kind="stable")
    bounds = np.searchsorted(src_of[order], np.arange(n_sources + 1))
    return [order[bounds[k] : bounds[k + 1]] for k in range(n_sources)]


def source_centroids(vectors: np.ndarray, src_of: np.ndarray, n_sources: int) -> np.ndarray:
    """Unit-length mean sentence vector of each source (zero for a source without rows)."""
    sums = np.zeros((n_sources, vectors.shape[1]), dtype=np.float64)
    order = np.argsort(src_of, kind="stable")
    present, starts = np.unique(src_of[order], return_index=True)
    if len(order):
        sums[present] = np.add.reduceat(vectors[order].astype(np.float64), starts)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def candidate_sources(
    vectors: np.ndarray,
    src_of: np.ndarray,
    n_sources: int,
    *,
    min_similarity: float = EVENT_SIMILARITY,
    neighbours: int = EVENT_NEIGHBOURS,
) -> list[np.ndarray]:
    """For each source, the other sources to align it with (a symmetric relation).

    Two sources are paired when their centroids' cosine is at least `min_similarity`, or
    either is among the other's `neighbours` nearest sources. Articles about one event pair up
    by the first test; the second keeps small inputs fully compared and gives an article
    unlike all others its closest few. Work is O(sources x block) in memory.
    """
    if n_sources <= neighbours + 1:
        everyone = np.arange(n_sources)
        return [everyone[everyone != k] for k in range(n_sources)]
    cent = source_centroids(vectors, src_of, n_sources)
    step = max(1, BLOCK_CELLS // n_sources)
    edges = []
    for lo in range(0, n_sources, step):
        sims = cent[lo : lo + step] @ cent.T
        rows = np.arange(lo, min(lo + step, n_sources))
        sims[rows - lo, rows] = -np.inf
        near = np.argpartition(-sims, neighbours - 1, axis=1)[:, :neighbours]
        edges.append(np.column_stack([np.repeat(rows, neighbours), near.ravel()]))
        r, c = np.nonzero(sims >= min_similarity)
        edges.append(np.column_stack([r + lo, c]))
    linked = np.concatenate(edges)
    linked = np.concatenate([linked, linked[:, ::-1]])
    linked = np.unique(linked, axis=0)  # sorted by source, then partner
    bounds = np.searchsorted(linked[:, 0], np.arange(n_sources + 1))
    return [linked[bounds[k] : bounds[k + 1], 1] for k in range(n_sources)]


def _top_k_per_source(
    vectors: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    src_of: np.ndarray,
    threshold: float,
    top_k: int,
):
    """For each row, its `top_k` most similar columns of each source, if >= `threshold`.

    Yields arrays (row indices, column indices, similarities), one triple per block of rows.
    Ranking only the entries at or above the threshold gives the same pairs as ranking all of
    a source's sentences and then dropping those below it.
    """
    mat = vectors[cols].T
    col_src = src_of[cols]
    step = max(1, BLOCK_CELLS // max(1, len(cols)))
    for lo in range(0, len(rows), step):
        block = rows[lo : lo + step]
        sims = vectors[block] @ mat
        r, c = np.nonzero(sims >= threshold)
        if len(r) == 0:
            continue
        s = sims[r, c]
        # One group per (row, source): by row, then source, most similar first; np.nonzero
        # lists columns in order and lexsort is stable, so ties keep the lower column.
        group = r * (int(col_src.max()) + 1) + col_src[c]
        order = np.lexsort((-s, group))
        r, c, s, group = r[order], c[order], s[order], group[order]
        start = np.ones(len(r), dtype=bool)
        start[1:] = group[1:] != group[:-1]
        group_start = np.maximum.accumulate(np.where(start, np.arange(len(r)), 0))
        keep = np.arange(len(r)) - group_start < top_k
        yield block[r[keep]], cols[c[keep]], s[keep]


def similarity_map(
    alignments: Sequence[Alignment],
) -> Mapping[tuple[SentenceKey, SentenceKey], float]:
    return {(a.a, a.b): a.similarity for a in alignments}
