"""Mining candidate pairs from a corpus of real news grouped by incident, for `checker.train`.

One folder an incident, one file an article. Every two comparable claims (numbers or dates;
`checker.pairing`) in similar sentences, across the articles of one incident and within one
article, become a candidate pair with the features an audit gives it; the label is "same
fact" when the values agree, "different fact" when they do not, unless a reader labelled
the pair by hand (`read_labels`). Everything is seeded and sorted.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Container, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from checker.align import align
from checker.ingest import ingest
from checker.model import Sentence
from checker.pairing import FEATURES, Candidate, features, frames_in, propose, window_texts
from checker.rules.base import Document
from checker.rules.dates import DateRule, _dates_agree
from checker.rules.dates import comparable as date_comparable
from checker.rules.numeric import NumericRule, _agree
from checker.rules.numeric import comparable as num_comparable
from checker.segment import segment
from checker.splits import corpus_split

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gva"
LABELS = "bench/labels/samefact.tsv"  # hand labels of train/calib pairs (not used by default)
MAX_CHARS = 12_000  # longer pages are mostly site furniture; they slow mining for little
WITHIN = os.environ.get("CHECKER_TRAIN_WITHIN", "1") == "1"  # also pairs inside one article
MAX_PAIRS = 200  # candidate pairs kept per incident (a seeded sample of the rest)
PROBE_INCIDENTS = 100  # train incidents whose claims the model's record digests


def _comparable(a: Any, b: Any) -> bool:
    return (num_comparable if a.rule == "NUM" else date_comparable)(a, b)


def _agrees(a: Any, b: Any) -> bool:
    return (_agree if a.rule == "NUM" else _dates_agree)(a, b)


def incidents(corpus: Path, part: str, limit: int | None) -> list[Path]:
    """The incident folders of one split, in name order, at most `limit` of them."""
    found = sorted(p for p in corpus.iterdir() if p.is_dir() and corpus_split(p) == part)
    return found[:limit] if limit else found


def read_incident(folder: Path) -> list[Document]:
    """The articles of one incident (none over MAX_CHARS), segmented."""
    files = [p for p in sorted(folder.iterdir()) if p.stat().st_size <= MAX_CHARS]
    return [Document(s, segment(s)) for s in ingest([str(p) for p in files]).sources]


def extract(docs: Sequence[Document]) -> list[Any]:
    """The NUM and DATE claims of the articles, in order: what training reads."""
    rules: list[Any] = [NumericRule(), DateRule()]
    return [c for d in docs for s in d.sentences for r in rules for c in r.extract(s, d)]


def claims_probe(corpus: Path, n: int = PROBE_INCIDENTS) -> dict[str, Any]:
    """A digest of the claims training reads from the first `n` train incidents. Recorded in
    the model, it tells whether the current code still extracts what the model was fitted on
    (tests/test_samefact.py), so the shipped file stays the one `checker.train` rebuilds."""
    h = hashlib.sha256()
    count = 0
    for folder in incidents(corpus, "train", n):
        for c in extract(read_incident(folder)):
            row = (folder.name, c.source_id, c.start, c.end, c.rule, c.key, str(c.value))
            bounds = (repr(c.low), repr(c.high), str(c.get("predicate") or ""), c.unit)
            h.update(json.dumps([*row, *bounds]).encode() + b"\n")
            count += 1
    return {"incidents": n, "claims": count, "sha256": h.hexdigest()}


Mined = tuple[list[Candidate], np.ndarray, dict[tuple[str, int], Sentence]]


def candidates(folder: Path, embed: Any, keep: Container[str] = ()) -> Mined:
    """The candidate pairs of one incident (a seeded sample of at most MAX_PAIRS, plus any
    whose `pair_id` is in `keep`: pairs labelled by hand), their features, and the incident's
    sentences."""
    empty: Mined = ([], np.zeros((0, len(FEATURES))), {})
    docs = read_incident(folder)
    if len(docs) < 2:
        return empty
    claims = extract(docs)
    sentences = {(s.source_id, s.index): s for d in docs for s in d.sentences}
    live = [s for d in docs for s in d.sentences if not s.furniture]
    if not claims or not live:
        return empty
    keys = [(s.source_id, s.index) for s in live]
    vecs = embed([s.text for s in live])
    cross = [(a.a, a.b, a.similarity) for a in align(keys, vecs, threshold=0.4, top_k=3)]
    within = _within_pairs(keys, vecs)
    frames = frames_in(claims, sentences)
    texts = window_texts(frames)
    windows = dict(zip(texts, embed(texts), strict=True)) if texts else {}
    cands: list[Candidate] = []
    for pairs in (cross, within) if WITHIN else (cross,):
        cands += propose(frames, pairs, _comparable, 0.4)
    if not cands:
        return empty
    if len(cands) > MAX_PAIRS:  # a few long stories must not outweigh the rest
        rng = np.random.default_rng(
            int.from_bytes(hashlib.sha256(folder.name.encode()).digest()[:4])
        )
        chosen = set(rng.choice(len(cands), MAX_PAIRS, replace=False).tolist())
        cands = [c for i, c in enumerate(cands) if i in chosen or pair_id(folder.name, c) in keep]
    return cands, features(cands, windows, frames, _comparable), sentences


def pair_id(incident: str, cd: Candidate) -> str:
    """A pair's identity, the same whichever claim comes first: incident, then each claim's
    article and character span. No article text."""
    a, b = sorted((c.source_id, c.start, c.end) for c in (cd.a.claim, cd.b.claim))
    return "\t".join(str(v) for v in (incident, *a, *b))


Labels = Mapping[str, float]  # pair id -> 1.0 same fact, 0.0 different fact (read by hand)
Mined4 = tuple[np.ndarray, np.ndarray, list[str], np.ndarray]


def read_label_file(path: Path) -> dict[str, str]:
    """Every hand label of a TSV of `pair_id`'s seven fields and S, D or U (`#` comments and
    the header skipped), by pair id."""
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith(("#", "incident\t")):
            continue
        *ident, label = line.split("\t")[:8]
        if len(ident) != 7 or label not in ("S", "D", "U"):
            raise ValueError(f"{path}:{n}: not a label line")
        out["\t".join(ident)] = label
    return out


def read_labels(path: Path | None) -> Labels:
    """The hand labels training uses: S (1.0) and D (0.0) override the distant label; U
    (can't tell) leaves it. No file, no labels."""
    if path is None or not path.is_file():
        return {}
    return {i: float(v == "S") for i, v in read_label_file(path).items() if v != "U"}


def mine(folder: Path, embed: Any, labels: Labels | None = None) -> Mined4:
    """Features, labels (1 same fact), kinds and hand-label flags of the candidate pairs of
    one incident. A pair labelled by hand takes that label instead of the distant one."""
    labels = labels or {}
    cands, X, _ = candidates(folder, embed, labels)
    ids = [pair_id(folder.name, c) for c in cands]
    y = np.array(
        [
            labels.get(i, float(_agrees(c.a.claim, c.b.claim)))
            for i, c in zip(ids, cands, strict=True)
        ]
    )
    hand = np.array([i in labels for i in ids], dtype=bool)
    return X, y, [c.a.claim.rule for c in cands], hand


def _within_pairs(
    keys: Sequence[tuple[str, int]], vecs: np.ndarray, threshold: float = 0.4, top_k: int = 3
) -> list[tuple[tuple[str, int], tuple[str, int], float]]:
    """Similar sentence pairs inside one article: two facts of one story, mostly."""
    out = []
    by_src: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        by_src.setdefault(k[0], []).append(i)
    for rows in by_src.values():
        v = vecs[rows]
        sims = v @ v.T
        for i in range(len(rows)):
            order = [j for j in np.argsort(-sims[i], kind="stable") if j > i]
            for j in [j for j in order if sims[i, j] >= threshold][:top_k]:
                out.append((keys[rows[i]], keys[rows[j]], float(sims[i, j])))
    return out


def collect(
    folders: Iterable[Path], embed: Any, log: Any = None, labels: Labels | None = None
) -> Mined4:
    Xs, ys, kinds, hands = [], [], [], []
    folders = list(folders)
    for n, f in enumerate(folders, 1):
        X, y, k, h = mine(f, embed, labels)
        Xs.append(X)
        ys.append(y)
        kinds += k
        hands.append(h)
        if log and n % 25 == 0:
            log(f"  {n}/{len(folders)} incidents, {sum(len(v) for v in ys)} pairs")
    return np.concatenate(Xs), np.concatenate(ys), kinds, np.concatenate(hands)
