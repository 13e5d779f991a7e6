"""Which features earn their place: `python bench/ablation.py [FEATURE ...] [--cache F]`.

Mines the corpus as `checker.train` does (the `train`, `calib` and `test` incidents, and the
hand-read `calib` pairs of `bench/labels/samefact.tsv`), then refits the model with all
features and with each named feature left out, over four seeds, and prints for each: the ROC
AUC on the distant `test` labels, on the read pairs and on the read pairs whose values differ,
and how many of those the calibrated model passes at the shipped threshold, with how many of
them the reader calls one fact. The mined matrices are kept in `--matrices` between runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from handlabels import read_pairs  # noqa: E402  (bench/, beside this script)

from checker import train as T  # noqa: E402
from checker.api import default_embedder  # noqa: E402
from checker.mining import DEFAULT_CORPUS, LABELS, collect, incidents, read_labels  # noqa: E402
from checker.pairing import FEATURES  # noqa: E402

SEEDS = (20261202, 1, 2, 3)


def mine(corpus: Path, cache: Path | None) -> dict[str, np.ndarray]:
    store = T.VectorStore(default_embedder(None, "torch", "cpu"), cache)
    data: dict[str, np.ndarray] = {}
    for part in ("train", "calib", "test"):
        limit = T.TRAIN_LIMIT if part == "train" else T.LIMIT
        X, y, _, _ = collect(incidents(corpus, part, limit), store.encode, lambda m: None, None)
        data[part + "_X"], data[part + "_y"] = X, y
    labels = read_labels(ROOT / LABELS)
    read = list(read_pairs(corpus, "calib", T.LIMIT, store, labels, labels))
    data["H_X"] = np.array([row for row, _, _ in read])
    data["H_y"] = np.array([label for _, label, _ in read])
    data["H_a"] = np.array([agree for _, _, agree in read], bool)
    store.save()
    return data


def judge(z: dict[str, np.ndarray], cols: list[int], seed: int, threshold: float) -> tuple:
    from sklearn.isotonic import IsotonicRegression
    from sklearn.metrics import roc_auc_score

    clf = T.fit(z["train_X"][:, cols], z["train_y"], seed)
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1)
    iso.fit(clf.predict_proba(z["calib_X"][:, cols])[:, 1], z["calib_y"])
    cx, cy = T.centred(iso.X_thresholds_, iso.y_thresholds_)
    rt = clf.predict_proba(z["test_X"][:, cols])[:, 1]
    rh = clf.predict_proba(z["H_X"][:, cols])[:, 1]
    hy, diff = z["H_y"], ~z["H_a"]
    passed = diff & (np.interp(rh, cx, cy) >= threshold)
    return (
        roc_auc_score(z["test_y"], rt),
        roc_auc_score(hy, rh),
        roc_auc_score(hy[diff], rh[diff]),
        int(passed.sum()),
        int(hy[passed].sum()),
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("features", nargs="*", help="features to leave out, one at a time")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--cache", type=Path, default=None, help="an .npz file of vectors")
    ap.add_argument("--matrices", type=Path, default=None, help="an .npz of mined pairs to reuse")
    ap.add_argument("--threshold", type=float, default=T.DEFAULT_THRESHOLD)
    args = ap.parse_args(argv)
    unknown = [f for f in args.features if f not in FEATURES]
    if unknown:
        print(f"error: not a feature: {', '.join(unknown)}", file=sys.stderr)
        return 2
    if args.matrices is not None and args.matrices.is_file():
        z = dict(np.load(args.matrices))
    else:
        z = mine(args.corpus, args.cache)
        if args.matrices is not None:
            np.savez(args.matrices, **z)
    print(f"{len(z['H_y'])} read calib pairs, {int((~z['H_a']).sum())} with values that differ")
    print("| left out | test AUC | read AUC | values differ | passed (per seed) | one fact |")
    print("|---|---|---|---|---|---|")
    for name in [None, *args.features]:
        cols = [i for i, f in enumerate(FEATURES) if f != name]
        r = [judge(z, cols, s, args.threshold) for s in SEEDS]
        m = np.array(r, float).mean(axis=0)
        print(
            f"| {name or '(none)'} | {m[0]:.4f} | {m[1]:.3f} | {m[2]:.3f} "
            f"| {[x[3] for x in r]} | {[x[4] for x in r]} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
