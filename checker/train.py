"""Rebuild the same-fact model: `python -m checker.train [--corpus DIR] [--out FILE]`.

Pairs are mined by distant supervision from a corpus of real news grouped by incident (one
folder an incident, one file an article; by default `../shared/corpus/gva`): every two
comparable claims (numbers or dates; `checker.pairing`) in similar sentences, across the
articles of one incident and within one article, labelled "same fact" when their values
agree and "different fact" when they do not. Equal values across sources about one event are
almost always the same fact; two different values within one story are almost always two
facts; what the model learns is which contexts say so, since no feature sees the values.

Mining is `checker.mining`. Incidents are split by `checker.splits.corpus_split`: the trees
are fitted on `train`, the calibration (isotonic, joined through its steps' middles:
`centred`) on `calib`, and `test` is left for the reliability table. Everything is
seeded and sorted, so the same corpus and seed rebuild the same file byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from checker.mining import (
    DEFAULT_CORPUS,
    LABELS,
    MAX_CHARS,
    MAX_PAIRS,
    claims_probe,
    collect,
    incidents,
    read_labels,
)
from checker.pairing import FEATURES
from checker.samefact import FORMAT

VERSION = "1"


BAG = 10  # boosted ensembles, one seed each, averaged (`Bagged`)


@dataclass(frozen=True)
class Bagged:
    """Boosted ensembles of one data and different seeds, their log-odds averaged.

    Each ensemble fits random subsamples, and one changed training pair moves every
    subsample after it: one ensemble's decisions near the threshold move with it. The
    average of several moves less. The members share their initial log-odds (the prior), so
    the average is one ensemble of all their trees at the learning rate over `len(members)`.
    """

    members: tuple[Any, ...]

    @property
    def learning_rate(self) -> float:
        return float(self.members[0].learning_rate) / len(self.members)

    @property
    def feature_importances_(self) -> np.ndarray:
        return np.mean([m.feature_importances_ for m in self.members], axis=0)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        z = np.mean([m.decision_function(X) for m in self.members], axis=0)
        p = 1.0 / (1.0 + np.exp(-z))
        return np.column_stack([1.0 - p, p])


def fit(
    X: np.ndarray,
    y: np.ndarray,
    seed: int,
    trees: int = 150,
    weight: np.ndarray | None = None,
    bag: int = BAG,
) -> Bagged:
    from sklearn.ensemble import GradientBoostingClassifier

    def one(k: int) -> Any:
        clf = GradientBoostingClassifier(
            n_estimators=trees,
            max_depth=3,
            learning_rate=0.1,
            subsample=0.8,
            min_samples_leaf=20,
            random_state=seed + k,
        )
        return clf.fit(X, y, sample_weight=weight)

    return Bagged(tuple(one(k) for k in range(bag)))


def export_trees(model: Bagged) -> tuple[float, list[dict[str, Any]]]:
    """The fitted ensembles' trees as plain arrays (and their initial log-odds)."""
    priors = {float(m.init_.class_prior_[1]) for m in model.members}
    if len(priors) != 1:
        raise RuntimeError(f"the bagged ensembles start from different priors: {priors}")
    (prior,) = priors
    init = float(np.log(prior / (1 - prior)))
    out = []
    for est in (e for m in model.members for e in m.estimators_[:, 0]):
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


def centred(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The isotonic fit as a line through the middle of each of its steps.

    Isotonic regression is a staircase: every raw score on one step gets the same
    probability, so a threshold between two steps decides dozens of pairs at once, and
    which step lands just above 0.65 changes from one rebuild to the next (the pairs passing
    at 0.65 ranged over a factor of two between rebuilds with 1% fewer pairs). Joining the
    steps' middles keeps the fit's values and order and makes the probability rise with the
    raw score, so a rebuild moves only the pairs whose own scores moved."""
    xs, ys = [], []
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and y[j + 1] == y[i]:
            j += 1
        xs.append((x[i] + x[j]) / 2)
        ys.append(y[i])
        i = j + 1
    return np.array(xs), np.array(ys)


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
    labels_path: Path | None = None,
    label_weight: float = 1.0,
) -> dict[str, Any]:
    from sklearn.isotonic import IsotonicRegression

    from checker.samefact import SameFactModel

    parts = {
        p: incidents(corpus, p, TRAIN_LIMIT if p == "train" and limit == LIMIT else limit)
        for p in ("train", "calib", "test")
    }
    labels = read_labels(labels_path)
    data = {}
    for part, folders in parts.items():
        log(f"mining {part}: {len(folders)} incidents")
        data[part] = collect(folders, embed, log, labels if part != "test" else None)
        if save is not None:
            save()
    Xtr, ytr, _, htr = data["train"]
    clf = fit(Xtr, ytr, seed, weight=np.where(htr, label_weight, 1.0))
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
    Xc, yc, _, hc = data["calib"]
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(
        model.raw(Xc), yc, sample_weight=np.where(hc, label_weight, 1.0)
    )
    cx, cy = centred(iso.X_thresholds_, iso.y_thresholds_)
    doc["calibration"] = {"x": [_r(v) for v in cx], "y": [_r(v) for v in cy]}
    model = SameFactModel.from_dict(doc)
    Xt, yt, kt, _ = data["test"]
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
        "bagged": len(clf.members),
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
    if labels and labels_path is not None:  # recorded only when used: the shipped build has none
        doc["training"]["hand_labels"] = {
            "file": labels_path.name,
            "sha256": hashlib.sha256(labels_path.read_bytes()).hexdigest(),
            "labelled": len(labels),
            "applied": {p: int(data[p][3].sum()) for p in data},
            "weight": label_weight,
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
    ap.add_argument("--labels", type=Path, default=None, help="hand labels (TSV), e.g. " + LABELS)
    ap.add_argument("--label-weight", type=float, default=DEFAULT_LABEL_WEIGHT)
    args = ap.parse_args(argv)
    if args.labels is not None and not args.labels.is_file():  # a typo must not train unlabelled
        print(f"checker.train: no labels file at {args.labels}", file=sys.stderr)
        return 2
    if not args.corpus.is_dir():
        print(f"checker.train: no corpus at {args.corpus}; give --corpus DIR", file=sys.stderr)
        return 2
    from checker.api import default_embedder

    embedder = VectorStore(default_embedder(None, "torch", "cpu"), args.cache)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    doc = build(
        args.corpus,
        args.seed,
        args.threshold,
        args.limit,
        embedder.encode,
        log,
        embedder.save,
        args.labels,
        args.label_weight,
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


DEFAULT_THRESHOLD = 0.65  # chosen on the dev split (README, Accuracy: "Threshold")
LIMIT = 120  # calibration and test incidents (and training ones, when --limit is given)
TRAIN_LIMIT = 350
DEFAULT_LABEL_WEIGHT = 1.0  # a hand-labelled pair counts as this many distant ones

if __name__ == "__main__":
    raise SystemExit(main())
