"""The learned same-fact decision: do two claims state the same fact?

The model is a small gradient-boosted tree ensemble over `checker.pairing.FEATURES`, fitted
by `python -m checker.train` on pairs mined from real news (see the README) and calibrated by
isotonic regression on held-out incidents (kept as a line through its steps' middles,
`checker.train.centred`), so its output is a probability. It ships as
`checker/data/samefact.json` (data only: trees as arrays, nothing that executes), checked
against the SHA-256 recorded in `checker/data/samefact.sha256` when it is first loaded.

A conflict is reported when the probability is at least the model's `threshold` (tuned on
the dev split) and the values are incompatible beyond rounding and hedges.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from checker.errors import ModelError
from checker.model import Claim
from checker.pairing import (
    FEATURES,
    Candidate,
    ClaimKey,
    SentenceKey,
    claim_key,
    features,
    frames_in,
    propose,
    window_texts,
)

FORMAT = "checker-samefact/1"
JUDGED = ("NUM", "DATE")  # the rules whose comparisons the model decides


@dataclass(frozen=True)
class SameFactModel:
    """Trees as arrays: for tree t, node n: `feature[t][n]` (-1 at a leaf), `threshold`,
    `left`, `right`, `value` (the leaf's contribution to the log-odds)."""

    features: tuple[str, ...]
    init: float
    rate: float
    trees: tuple[dict[str, np.ndarray], ...]
    calib_x: np.ndarray
    calib_y: np.ndarray
    threshold: float
    version: str
    sha256: str = ""
    meta: Mapping[str, Any] | None = None
    walks: tuple[_Walk, ...] = field(init=False, repr=False, compare=False)  # for `raw`

    def __post_init__(self) -> None:
        object.__setattr__(self, "walks", tuple(_walk(t) for t in self.trees))

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any], sha256: str = "") -> SameFactModel:
        if doc.get("format") != FORMAT:
            raise ModelError(f"not a {FORMAT} model file")
        if tuple(doc["features"]) != FEATURES:
            raise ModelError("the same-fact model was fitted on other features; rebuild it")
        trees = tuple(
            {
                "feature": np.asarray(t["feature"], dtype=np.int64),
                "threshold": np.asarray(t["threshold"], dtype=np.float64),
                "left": np.asarray(t["left"], dtype=np.int64),
                "right": np.asarray(t["right"], dtype=np.int64),
                "value": np.asarray(t["value"], dtype=np.float64),
            }
            for t in doc["trees"]
        )
        return cls(
            features=tuple(doc["features"]),
            init=float(doc["init"]),
            rate=float(doc["learning_rate"]),
            trees=trees,
            calib_x=np.asarray(doc["calibration"]["x"], dtype=np.float64),
            calib_y=np.asarray(doc["calibration"]["y"], dtype=np.float64),
            threshold=float(doc["threshold"]),
            version=str(doc["version"]),
            sha256=sha256,
            meta=doc.get("training"),
        )

    def raw(self, X: np.ndarray) -> np.ndarray:
        """Uncalibrated probabilities (the ensemble's logistic output)."""
        # as scikit-learn compares them: features in single precision, thresholds in double
        X = np.asarray(X, dtype=np.float32).astype(np.float64)
        if X.size == 0:
            return np.zeros(0)
        if X.ndim != 2 or X.shape[1] != len(self.features):
            # the flat gather below would read a neighbouring row's cells
            raise ValueError(f"rows of {len(self.features)} features expected, not {X.shape}")
        cells = X.ravel()
        first = np.arange(len(X)) * X.shape[1]  # each row's first feature in `cells`
        z = np.full(len(X), self.init)
        for w in self.walks:  # tree by tree, as the ensemble adds them up
            node = np.zeros(len(X), dtype=np.int64)
            for _ in range(w.depth):
                go_left = cells.take(first + w.feature.take(node)) <= w.threshold.take(node)
                node = np.where(go_left, w.left.take(node), w.right.take(node))
            z += self.rate * w.value.take(node)
        return 1.0 / (1.0 + np.exp(-z))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Calibrated probabilities that each row's two claims state the same fact."""
        return np.interp(self.raw(X), self.calib_x, self.calib_y)


@dataclass(frozen=True)
class _Walk:
    """One tree made for walking all rows at once: a leaf's feature is 0, its threshold
    infinite and both its children itself, so every walk takes `depth` steps and one that
    reaches a leaf early stays there (a NaN feature goes right: itself again)."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int  # steps from the root to the deepest leaf


def _walk(tree: Mapping[str, np.ndarray]) -> _Walk:
    inner = tree["feature"] >= 0
    own = np.arange(len(inner))
    depth, level = 0, [0]
    while level := [c for n in level if inner[n] for c in (tree["left"][n], tree["right"][n])]:
        depth += 1
    return _Walk(
        feature=np.where(inner, tree["feature"], 0),
        threshold=np.where(inner, tree["threshold"], np.inf),
        left=np.where(inner, tree["left"], own),
        right=np.where(inner, tree["right"], own),
        value=tree["value"],
        depth=depth,
    )


def model_path() -> Path:
    return Path(str(resources.files("checker") / "data" / "samefact.json"))


def recorded_sha256() -> str:
    return (model_path().with_suffix(".sha256")).read_text(encoding="ascii").split()[0]


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> SameFactModel:
    """The shipped model (or the one at `path`), checked against its recorded hash."""
    p = Path(path) if path else model_path()
    try:
        blob = p.read_bytes()
    except OSError as err:
        raise ModelError(f"cannot read the same-fact model {p}: {err.strerror}") from None
    digest = hashlib.sha256(blob).hexdigest()
    if path is None and digest != recorded_sha256():
        raise ModelError(f"{p} does not match its recorded SHA-256; reinstall checker")
    try:
        doc = json.loads(blob)
        return SameFactModel.from_dict(doc, digest)
    except (ValueError, KeyError, TypeError) as err:
        raise ModelError(f"{p} is not a same-fact model: {err}") from None


def judge_pairs(
    claims: Sequence[Claim],
    ctx: Any,
    *,
    comparable: Callable[[Claim, Claim], bool],
    agree: Callable[[Claim, Claim], bool],
    min_sim: float,
    min_same: float | None = None,
    model: SameFactModel | None = None,
) -> dict[tuple[ClaimKey, ClaimKey], tuple[bool, float]]:
    """For each aligned candidate pair the model finds to state one fact: (agree?, probability).

    Pairs below `min_same` (default: the model's tuned threshold) are left out: they are
    about different things."""
    model = model or load_model()
    cut = model.threshold if min_same is None else min_same
    comparable = _memo(comparable)  # proposing and the count features ask of one pair often
    pairs = ctx.aligned_pairs()
    aligned = {k for sa, sb, _ in pairs for k in (sa, sb)}
    # Frames only where a candidate can be: claims of unaligned sentences meet nothing.
    frames = frames_in(
        claims, ctx.sentences, keep=lambda c: (c.source_id, c.sentence_index) in aligned
    )
    cands = propose(frames, pairs, comparable, min_sim)
    if not cands:
        return {}
    probs = model.predict(features(cands, ctx.window_vectors, frames, comparable))
    out: dict[tuple[ClaimKey, ClaimKey], tuple[bool, float]] = {}
    for cd, p in zip(cands, probs, strict=True):
        if p < cut:
            continue
        ka, kb = claim_key(cd.a.claim), claim_key(cd.b.claim)
        verdict = (agree(cd.a.claim, cd.b.claim), float(p))
        out[(ka, kb)] = out[(kb, ka)] = verdict
    return out


def _memo(test: Callable[[Claim, Claim], bool]) -> Callable[[Claim, Claim], bool]:
    """`test`, remembered per pair of claims (by identity: they live as long as the call)."""
    seen: dict[tuple[int, int], bool] = {}

    def remembered(a: Claim, b: Claim) -> bool:
        key = (id(a), id(b))
        found = seen.get(key)
        if found is None:
            found = seen[key] = test(a, b)
        return found

    return remembered


def windows_for(
    claims: Sequence[Claim], sentences: Mapping[SentenceKey, Any], aligned: set[SentenceKey]
) -> list[str]:
    """The masked windows an audit will need: those of claims in aligned sentences."""
    frames = frames_in(
        claims,
        sentences,
        keep=lambda c: c.rule in JUDGED and (c.source_id, c.sentence_index) in aligned,
    )
    return window_texts(frames)


__all__ = ["Candidate", "SameFactModel", "judge_pairs", "load_model", "windows_for"]
