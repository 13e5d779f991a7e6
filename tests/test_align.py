"""Alignment arithmetic (with hand-made vectors) and behaviour with the real model."""

from __future__ import annotations

import numpy as np
import pytest

from checker.align import EVENT_NEIGHBOURS, align, candidate_sources


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


def _brute_force(keys, vecs, threshold, top_k):
    """The definition: per sentence, its top_k in each other source, if >= threshold."""
    pairs = {}
    sources = sorted({s for s, _ in keys})
    for i, (sa, _) in enumerate(keys):
        for sb in sources:
            if sb == sa:
                continue
            cols = [j for j, (s, _) in enumerate(keys) if s == sb]
            sims = sorted(((float(vecs[i] @ vecs[j]), -j) for j in cols), reverse=True)
            for sim, neg_j in sims[:top_k]:
                if sim >= threshold:
                    j = -neg_j
                    pairs[(i, j) if sa < sb else (j, i)] = round(sim, 4)
    return {(keys[i], keys[j]): s for (i, j), s in pairs.items()}


@pytest.mark.parametrize("seed", range(6))
def test_align_matches_the_definition_on_random_vectors(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_sources = int(rng.integers(2, EVENT_NEIGHBOURS + 2))  # few sources: all pairs compared
    keys = [(f"s{rng.integers(n_sources)}", i) for i in range(int(rng.integers(5, 60)))]
    vecs = _unit(rng.normal(size=(len(keys), 6)).tolist())
    got = {(x.a, x.b): x.similarity for x in align(keys, vecs, threshold=0.2, top_k=2)}
    assert got.keys() == _brute_force(keys, vecs, 0.2, 2).keys()


def test_align_pairs_come_in_key_order_once() -> None:
    rng = np.random.default_rng(1)
    keys = [(s, i) for i in range(8) for s in ("c", "a", "b")]
    vecs = _unit(rng.normal(size=(len(keys), 4)).tolist())
    out = align(keys, vecs, threshold=-1.0, top_k=3)
    index = {k: n for n, k in enumerate(keys)}
    assert [(index[x.a], index[x.b]) for x in out] == sorted(
        {(index[x.a], index[x.b]) for x in out}
    )
    assert all(x.a[0] < x.b[0] for x in out)


def _events(n_events: int, per_event: int, sentences: int, rng) -> tuple[list, np.ndarray]:
    """Sources in well-separated events: each event's sentences near its own direction."""
    dim = 64
    centres = _unit(rng.normal(size=(n_events, dim)).tolist())
    keys, rows = [], []
    for e in range(n_events):
        for a in range(per_event):
            for i in range(sentences):
                keys.append((f"e{e:03d}_{a}", i))
                rows.append(centres[e] + 0.08 * rng.normal(size=dim))
    return keys, _unit(rows)


def test_candidate_sources_pair_sources_within_events_only() -> None:
    rng = np.random.default_rng(2)
    keys, vecs = _events(30, 4, 5, rng)
    names = sorted({s for s, _ in keys})
    code = {s: n for n, s in enumerate(names)}
    src_of = np.array([code[s] for s, _ in keys])
    partners = candidate_sources(vecs, src_of, len(names))
    others = []
    for a, near in enumerate(partners):
        same = {b for b in range(len(names)) if names[b][:4] == names[a][:4] and b != a}
        assert same <= set(near.tolist())  # every article of its event
        assert a not in near
        others.append(len(set(near.tolist()) - same))
    # Beyond its event, a source meets at most its nearest few and those it is nearest to.
    assert np.mean(others) <= 2 * EVENT_NEIGHBOURS
    assert all(a in partners[b] for a, near in enumerate(partners) for b in near)  # symmetric


def test_align_on_many_events_matches_the_definition_within_events() -> None:
    rng = np.random.default_rng(3)
    keys, vecs = _events(25, 3, 4, rng)
    got = {(x.a, x.b) for x in align(keys, vecs, threshold=0.5, top_k=2)}
    want = set(_brute_force(keys, vecs, 0.5, 2))
    assert got == want  # unrelated events have no pair above 0.5 anyway
    assert all(a[0][:4] == b[0][:4] for a, b in got)


def test_align_work_grows_with_event_size_not_corpus_size(monkeypatch) -> None:
    """Twice the events of the same size: about twice the similarities computed."""
    import checker.align as mod

    cells = []
    real = mod._top_k_per_source

    def counting(vectors, rows, cols, *args):
        cells.append(len(rows) * len(cols))
        return real(vectors, rows, cols, *args)

    monkeypatch.setattr(mod, "_top_k_per_source", counting)
    totals = []
    for n_events in (20, 40):
        cells.clear()
        keys, vecs = _events(n_events, 3, 4, np.random.default_rng(n_events))
        align(keys, vecs, threshold=0.5, top_k=2)
        totals.append(sum(cells))
    assert totals[1] < 2.6 * totals[0]


def test_align_with_real_model_separates_two_events(embedder) -> None:
    quake = [
        "A magnitude 7.1 earthquake struck off the coast on Monday.",
        "Rescuers searched collapsed buildings for survivors.",
    ]
    budget = [
        "The council approved a budget of 4 million euros for schools.",
        "The finance committee voted on the spending plan.",
    ]
    texts, keys = [], []
    for n in range(12):  # more sources than EVENT_NEIGHBOURS + 1, so pairing is by event
        body = quake if n % 2 else budget
        texts += body
        keys += [(f"{'q' if n % 2 else 'b'}{n:02d}", i) for i in range(len(body))]
    out = align(keys, embedder.encode(texts), threshold=0.4, top_k=3)
    assert out
    assert all(x.a[0][0] == x.b[0][0] for x in out)
