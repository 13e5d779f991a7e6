"""Rebuild the same-fact model: `python -m checker.train [--corpus DIR] [--out FILE]`.

Pairs are mined by distant supervision from a corpus of real news grouped by incident (one
folder an incident, one file an article; by default `../shared/corpus/gva`): every two
comparable claims (numbers or dates; `checker.pairing`) in similar sentences, across the
articles of one incident and within one article, labelled "same fact" when their values
agree and "different fact" when they do not. Equal values across sources about one event are
almost always the same fact; two different values within one story are almost always two
facts; what the model learns is which contexts say so, since no feature sees the values.

Incidents are split by `checker.splits.corpus_split`: the trees are fitted on `train`, the
isotonic calibration on `calib`, and `test` is left for the reliability table. Everything is
seeded and sorted, so the same corpus and seed rebuild the same file byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from checker.align import align
from checker.ingest import ingest
from checker.pairing import FEATURES, Candidate, features, frames_in, propose, window_texts
from checker.rules.base import Document
from checker.rules.dates import DateRule, _dates_agree
from checker.rules.dates import comparable as date_comparable
from checker.rules.numeric import NumericRule, _agree
from checker.rules.numeric import comparable as num_comparable
from checker.samefact import FORMAT
from checker.segment import segment
from checker.splits import corpus_split

VERSION = "1"
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gva"
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


def mine(folder: Path, embed: Any) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Features, labels (1 same fact) and kinds of the candidate pairs of one incident."""
    docs = read_incident(folder)
    if len(docs) < 2:
        return np.zeros((0, len(FEATURES))), np.zeros(0), []
    claims = extract(docs)
    sentences = {(s.source_id, s.index): s for d in docs for s in d.sentences}
    live = [s for d in docs for s in d.sentences if not s.furniture]
    if not claims or not live:
        return np.zeros((0, len(FEATURES))), np.zeros(0), []
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
        return np.zeros((0, len(FEATURES))), np.zeros(0), []
    if len(cands) > MAX_PAIRS:  # a few long stories must not outweigh the rest
        rng = np.random.default_rng(
            int.from_bytes(hashlib.sha256(folder.name.encode()).digest()[:4])
        )
        cands = [cands[i] for i in sorted(rng.choice(len(cands), MAX_PAIRS, replace=False))]
    X = features(cands, windows, frames, _comparable)
    y = np.array([float(_agrees(c.a.claim, c.b.claim)) for c in cands])
    return X, y, [c.a.claim.rule for c in cands]


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
    folders: Iterable[Path], embed: Any, log: Any = None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    Xs, ys, kinds = [], [], []
    folders = list(folders)
    for n, f in enumerate(folders, 1):
        X, y, k = mine(f, embed)
        Xs.append(X)
        ys.append(y)
        kinds += k
        if log and n % 25 == 0:
            log(f"  {n}/{len(folders)} incidents, {sum(len(v) for v in ys)} pairs")
    return np.concatenate(Xs), np.concatenate(ys), kinds


def fit(X: np.ndarray, y: np.ndarray, seed: int, trees: int = 150) -> Any:
    from sklearn.ensemble import GradientBoostingClassifier

    clf = GradientBoostingClassifier(
        n_estimators=trees,
        max_depth=3,
        learning_rate=0.1,
        subsample=0.8,
        min_samples_leaf=20,
        random_state=seed,
    )
    return clf.fit(X, y)


def export_trees(clf: Any) -> tuple[float, list[dict[str, Any]]]:
    """The fitted ensemble as plain arrays (and its initial log-odds)."""
    prior = float(clf.init_.class_prior_[1])
    init = float(np.log(prior / (1 - prior)))
    out = []
    for est in clf.estimators_[:, 0]:
        t = est.tree_
        leaf = t.children_left == -1
        out.append(
            {
                "feature": [int(f) for f in np.where(leaf, -1, t.feature)],
                "threshold": [_r(v) for v in np.where(leaf, 0.0, t.threshold)],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [_r(v) for v in t.value[:, 0, 0]],
            }
        )
    return init, out


def _r(v: float) -> float:
    return float(np.float64(v))


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict[str, Any]]:
    """Predicted against observed same-fact rate, in bins of predicted probability."""
    out = []
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if m.sum():
            out.append(
                {
                    "bin": f"{lo:.1f}-{hi:.1f}",
                    "pairs": int(m.sum()),
                    "predicted": round(float(p[m].mean()), 4),
                    "observed": round(float(y[m].mean()), 4),
                }
            )
    return out


def build(
    corpus: Path,
    seed: int,
    threshold: float,
    limit: int | None,
    embed: Any,
    log: Any,
    save: Any = None,
) -> dict[str, Any]:
    from sklearn.isotonic import IsotonicRegression

    from checker.samefact import SameFactModel

    parts = {
        p: incidents(corpus, p, TRAIN_LIMIT if p == "train" and limit == LIMIT else limit)
        for p in ("train", "calib", "test")
    }
    data = {}
    for part, folders in parts.items():
        log(f"mining {part}: {len(folders)} incidents")
        data[part] = collect(folders, embed, log)
        if save is not None:
            save()
    Xtr, ytr, _ = data["train"]
    clf = fit(Xtr, ytr, seed)
    init, trees = export_trees(clf)
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "features": list(FEATURES),
        "init": init,
        "learning_rate": float(clf.learning_rate),
        "trees": trees,
        "calibration": {"x": [0.0, 1.0], "y": [0.0, 1.0]},
        "threshold": threshold,
    }
    model = SameFactModel.from_dict(doc)
    check = np.abs(model.raw(Xtr) - clf.predict_proba(Xtr)[:, 1]).max()
    if check > 1e-6:
        raise RuntimeError(f"exported trees disagree with the fitted model by {check}")
    Xc, yc, _ = data["calib"]
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(model.raw(Xc), yc)
    doc["calibration"] = {
        "x": [_r(v) for v in iso.X_thresholds_],
        "y": [_r(v) for v in iso.y_thresholds_],
    }
    model = SameFactModel.from_dict(doc)
    Xt, yt, kt = data["test"]
    pt = model.predict(Xt)
    digest = hashlib.sha256()
    for part in ("train", "calib", "test"):
        for f in parts[part]:
            digest.update(f"{part}/{f.name}\n".encode())
    doc["training"] = {
        "corpus": corpus.name,
        "split": "checker.splits.corpus_split (salt checker-split-v1)",
        "incidents": {p: len(v) for p, v in parts.items()},
        "incident_list_sha256": digest.hexdigest(),
        "pairs": {p: int(len(data[p][1])) for p in data},
        "same_fact_share": {p: round(float(data[p][1].mean()), 4) for p in data},
        "seed": seed,
        "trees": len(trees),
        "max_chars": MAX_CHARS,
        "max_pairs": MAX_PAIRS,
        "claims_probe": claims_probe(corpus),
        "importances": {
            f: round(float(v), 4) for f, v in zip(FEATURES, clf.feature_importances_, strict=True)
        },
        "reliability_test": reliability(pt, yt),
        "reliability_test_by_kind": {
            k: reliability(pt[np.array(kt) == k], yt[np.array(kt) == k]) for k in ("NUM", "DATE")
        },
    }
    return doc


class VectorStore:
    """Sentence vectors kept in an .npz file between training runs (data only, no pickles),
    so re-mining after a feature change does not embed the corpus again."""

    def __init__(self, inner: Any, path: Path | None) -> None:
        self.inner, self.path = inner, path
        self.vectors: dict[str, np.ndarray] = {}
        if path is not None and path.is_file():
            with np.load(path, allow_pickle=False) as z:
                self.vectors = dict(zip(z["texts"].tolist(), z["vectors"], strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.vectors})
        if missing:
            self.vectors.update(zip(missing, self.inner.encode(missing), strict=True))
        return np.stack([self.vectors[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self.path is not None and self.vectors:
            texts = sorted(self.vectors)
            np.savez(
                self.path, texts=np.array(texts), vectors=np.stack([self.vectors[t] for t in texts])
            )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m checker.train", description=__doc__)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "samefact.json")
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--limit", type=int, default=LIMIT, help="incidents per split at most")
    ap.add_argument("--cache", type=Path, default=None, help="an .npz file of vectors to reuse")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"checker.train: no corpus at {args.corpus}; give --corpus DIR", file=sys.stderr)
        return 2
    from checker.api import default_embedder

    embedder = VectorStore(default_embedder(None, "torch", "cpu"), args.cache)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    doc = build(
        args.corpus, args.seed, args.threshold, args.limit, embedder.encode, log, embedder.save
    )
    blob = (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    sha = hashlib.sha256(blob).hexdigest()
    args.out.with_suffix(".sha256").write_text(f"{sha}  {args.out.name}\n", encoding="ascii")
    log(f"wrote {args.out} ({len(blob):,} bytes, sha256 {sha})")
    log(json.dumps({k: doc["training"][k] for k in ("pairs", "same_fact_share")}))
    embedder.save()
    return 0


DEFAULT_THRESHOLD = 0.65  # chosen on the dev split with bench/tune.py (README, Accuracy)
LIMIT = 120  # calibration and test incidents (and training ones, when --limit is given)
TRAIN_LIMIT = 350

if __name__ == "__main__":
    raise SystemExit(main())
