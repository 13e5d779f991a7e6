"""The same-fact model against pairs read by hand: `python bench/handlabels.py [--model F]`.

Mines the candidate pairs of the corpus as `checker.train` does and keeps those labelled in
`bench/labels/samefact.tsv`. Prints, for every labelled pair, how the distant label (do the
values agree?) compares with the reader's; and, on the `calib` incidents only (whose pairs no
tree was fitted on), how well the model's score ranks the reader's "same fact" (ROC AUC) and
what the threshold does with pairs whose values differ: those it passes would be reported as
conflicts, and the reader says how many really state one fact.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.api import default_embedder  # noqa: E402
from checker.mining import (  # noqa: E402
    DEFAULT_CORPUS,
    LABELS,
    _agrees,
    candidates,
    incidents,
    pair_id,
    read_label_file,
    read_labels,
)
from checker.samefact import SameFactModel, load_model  # noqa: E402
from checker.train import VectorStore  # noqa: E402


def read_pairs(
    corpus: Path, part: str, limit: int, store: VectorStore, kept: Any, labels: Mapping[str, Any]
) -> Iterator[tuple[np.ndarray, Any, bool]]:
    """(feature row, label, do the values agree?) of every mined candidate of `part` whose
    pair `labels` holds; `kept` are the labelled pairs mining keeps beside its sample."""
    for folder in incidents(corpus, part, limit):
        cands, feats, _ = candidates(folder, store.encode, kept)
        for cd, row in zip(cands, feats, strict=True):
            label = labels.get(pair_id(folder.name, cd))
            if label is not None:
                yield row, label, bool(_agrees(cd.a.claim, cd.b.claim))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--labels", type=Path, default=ROOT / LABELS)
    ap.add_argument("--model", type=Path, default=None, help="a model file (default: shipped)")
    ap.add_argument("--cache", type=Path, default=None, help="an .npz file of vectors")
    args = ap.parse_args()
    from sklearn.metrics import roc_auc_score

    model = (
        SameFactModel.from_dict(json.loads(args.model.read_text(encoding="utf-8")))
        if args.model
        else load_model()
    )
    labels = read_label_file(args.labels)  # U included, for the table
    kept = read_labels(args.labels)  # the pairs checker.train keeps beside its sample: S and D
    store = VectorStore(default_embedder(None, "torch", "cpu"), args.cache)
    table: Counter[tuple[str, bool, str]] = Counter()
    X, y, agree = [], [], []
    for part, limit in (("train", 350), ("calib", 120)):
        for row, label, same_value in read_pairs(args.corpus, part, limit, store, kept, labels):
            table[(part, same_value, label)] += 1
            if part == "calib" and label != "U":
                X.append(row)
                y.append(label == "S")
                agree.append(same_value)
    for part in ("train", "calib"):
        for same_value in (True, False):
            c = {k: table[(part, same_value, k)] for k in "SDU"}
            n = sum(c.values())
            words = "agree" if same_value else "differ"
            print(f"{part}: values {words}: {n} pairs, read as S {c['S']}, D {c['D']}, U {c['U']}")
    Xa, ya, aa = np.array(X), np.array(y), np.array(agree)
    p = model.predict(Xa)
    raw = model.raw(Xa)
    print(
        f"calib ROC AUC (raw score vs read same fact): all {roc_auc_score(ya, raw):.3f}, ", end=""
    )
    print(f"values differ {roc_auc_score(ya[~aa], raw[~aa]):.3f}, ", end="")
    print(f"values agree {roc_auc_score(ya[aa], raw[aa]):.3f}")
    passed = ~aa & (p >= model.threshold)
    print(
        f"calib, values differ: {int((~aa).sum())} pairs, {int(ya[~aa].sum())} read as one fact;"
        f" at {model.threshold} the model passes {int(passed.sum())}, of which"
        f" {int(ya[passed].sum())} are one fact"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
