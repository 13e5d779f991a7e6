"""The learned same-fact model: it loads, matches its hash, scores known pairs, and the
pairing features are the ones it was fitted on."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from checker import samefact
from checker.errors import ModelError
from checker.model import Sentence, Source
from checker.pairing import FEATURES, Candidate, features, frames_in, window_texts
from checker.rules.base import Document
from checker.rules.dates import DateRule
from checker.rules.numeric import NumericRule, comparable
from checker.segment import segment


def test_shipped_model_loads_and_matches_its_recorded_hash() -> None:
    model = samefact.load_model()
    blob = samefact.model_path().read_bytes()
    assert hashlib.sha256(blob).hexdigest() == samefact.recorded_sha256() == model.sha256
    assert model.features == FEATURES
    assert 0.0 < model.threshold < 1.0
    assert len(model.trees) >= 10
    doc = json.loads(blob)
    assert doc["training"]["pairs"]["train"] > 1000  # fitted on real mined pairs
    assert doc["training"]["seed"] == 20261202


def test_a_tampered_model_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(samefact.model_path().with_suffix(".sha256"), data / "samefact.sha256")
    doc = json.loads(samefact.model_path().read_text())
    doc["threshold"] = 0.01
    (data / "samefact.json").write_text(json.dumps(doc))
    monkeypatch.setattr(samefact, "model_path", lambda: data / "samefact.json")
    samefact.load_model.cache_clear()
    try:
        with pytest.raises(ModelError, match="does not match its recorded SHA-256"):
            samefact.load_model()
    finally:
        samefact.load_model.cache_clear()


def test_a_model_of_other_features_is_refused() -> None:
    doc = json.loads(samefact.model_path().read_text())
    doc["features"] = doc["features"][:-1]
    with pytest.raises(ModelError, match="other features"):
        samefact.SameFactModel.from_dict(doc)


def _pair(a: str, b: str, embedder) -> tuple[np.ndarray, list[Candidate]]:
    """Feature rows of every comparable number pair across two one-sentence sources."""
    sents = {}
    claims = []
    for sid, text in (("a", a), ("b", b)):
        src = Source(id=sid, text=text)
        doc = Document(src, segment(src))
        for s in doc.sentences:
            sents[(sid, s.index)] = s
            for rule in (NumericRule(), DateRule()):
                claims += rule.extract(s, doc)
    frames = frames_in(claims, sents)
    texts = window_texts(frames)
    vectors = dict(zip(texts, embedder.encode(texts), strict=True))
    va, vb = embedder.encode([a, b])
    sim = float(np.dot(va, vb))
    cands = [
        Candidate(fa, fb, sim)
        for fa in frames[("a", 0)]
        for fb in frames[("b", 0)]
        if fa.claim.rule == fb.claim.rule == "NUM" and comparable(fa.claim, fb.claim)
    ]
    return features(cands, vectors, frames, comparable), cands


SAME_FACT = [
    ("Two men were shot dead outside the bar early Sunday, police said.",
     "Police said three men were shot dead outside the bar early on Sunday."),
    ("The fire destroyed 40 homes in the valley.",
     "Some 45 homes in the valley were destroyed by the fire."),
]  # fmt: skip

DIFFERENT_FACT = [
    ("Two men were shot dead outside the bar early Sunday, police said.",
     "Police said the bar had reopened three weeks earlier after a renovation."),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), SAME_FACT)
def test_model_finds_one_fact_in_two_wordings(a: str, b: str, embedder) -> None:
    X, cands = _pair(a, b, embedder)
    assert len(cands) == 1
    p = samefact.load_model().predict(X)
    assert p[0] >= samefact.load_model().threshold


def test_model_ranks_same_fact_above_different_fact(embedder) -> None:
    model = samefact.load_model()
    same = [model.predict(_pair(a, b, embedder)[0]).max() for a, b in SAME_FACT]
    diff = [
        model.predict(X).max() if len(X) else 0.0
        for X, _ in (_pair(a, b, embedder) for a, b in DIFFERENT_FACT)
    ]
    assert min(same) > max(diff)


def test_features_are_symmetric(embedder) -> None:
    a, b = SAME_FACT[0]
    X_ab, _ = _pair(a, b, embedder)
    X_ba, _ = _pair(b, a, embedder)
    np.testing.assert_allclose(X_ab, X_ba, atol=1e-6)


def _exported(X: np.ndarray, y: np.ndarray, trees: int) -> None:
    """Fit on (X, y), export the trees, and check they predict as the fitted ensemble."""
    from checker.train import export_trees, fit

    clf = fit(X, y, seed=3, trees=trees)
    init, exported = export_trees(clf)
    doc = {
        "format": samefact.FORMAT,
        "version": "test",
        "features": list(FEATURES),
        "init": init,
        "learning_rate": clf.learning_rate,
        "trees": exported,
        "calibration": {"x": [0.0, 1.0], "y": [0.0, 1.0]},
        "threshold": 0.5,
    }
    model = samefact.SameFactModel.from_dict(doc)
    np.testing.assert_allclose(model.raw(X), clf.predict_proba(X)[:, 1], atol=1e-9)
    assert model.predict(np.zeros((0, len(FEATURES)))).shape == (0,)


def test_exported_trees_predict_as_the_fitted_ensemble() -> None:
    rng = np.random.default_rng(7)
    X = rng.normal(size=(600, len(FEATURES)))
    y = (X[:, 0] + 0.5 * X[:, 3] * X[:, 1] + rng.normal(scale=0.5, size=600) > 0).astype(float)
    _exported(X, y, trees=40)


def test_trees_of_different_depths_walk_every_row_to_its_own_leaf() -> None:
    # One tree a single leaf, one with a leaf at depth 1 and two at depth 2: rows stop at
    # their leaf however deep the other trees go, and a missing value goes right.
    leaf = {"feature": [-1], "threshold": [0.0], "left": [-1], "right": [-1], "value": [0.5]}
    lopsided = {
        "feature": [0, -1, 1, -1, -1],
        "threshold": [1.0, 0.0, 2.0, 0.0, 0.0],
        "left": [1, -1, 3, -1, -1],
        "right": [2, -1, 4, -1, -1],
        "value": [0.0, -1.0, 0.0, 2.0, 3.0],
    }
    doc = {
        "format": samefact.FORMAT,
        "version": "test",
        "features": list(FEATURES),
        "init": 0.0,
        "learning_rate": 1.0,
        "trees": [leaf, lopsided],
        "calibration": {"x": [0.0, 1.0], "y": [0.0, 1.0]},
        "threshold": 0.5,
    }
    model = samefact.SameFactModel.from_dict(doc)
    X = np.zeros((5, len(FEATURES)))
    X[:, 0] = [0.5, 1.0, 3.0, 3.0, np.nan]  # <= 1.0 goes left, to the leaf at depth 1
    X[:, 1] = [9.0, 9.0, 2.0, 2.5, 0.0]
    z = 0.5 + np.array([-1.0, -1.0, 2.0, 3.0, 2.0])
    np.testing.assert_array_equal(model.raw(X), 1.0 / (1.0 + np.exp(-z)))


def test_rows_of_another_width_are_refused_and_no_rows_score_nothing() -> None:
    model = samefact.load_model()
    assert model.raw(np.zeros(0)).shape == (0,)
    assert model.raw(np.zeros((0, len(FEATURES)))).shape == (0,)
    for shape in [(2, len(FEATURES) - 1), (2, 2, len(FEATURES)), (len(FEATURES),)]:
        with pytest.raises(ValueError, match="features expected"):
            model.raw(np.zeros(shape))


def test_a_bag_of_ensembles_moves_less_when_a_few_labels_change() -> None:
    # Why the shipped model averages several seeds (checker.train.Bagged): one ensemble's
    # decisions move with any small change of its training data; the average moves less.
    from checker.train import fit

    rng = np.random.default_rng(1)
    X = rng.normal(size=(800, len(FEATURES)))
    y = (X[:, 0] + 0.5 * X[:, 3] * X[:, 1] + rng.normal(scale=0.7, size=800) > 0).astype(float)
    y2 = y.copy()
    flip = rng.choice(len(y), 8, replace=False)
    y2[flip] = 1 - y2[flip]
    moved = {}
    for bag in (1, 5):
        before = fit(X, y, seed=3, trees=60, bag=bag).predict_proba(X)[:, 1]
        after = fit(X, y2, seed=3, trees=60, bag=bag).predict_proba(X)[:, 1]
        moved[bag] = np.abs(before - after).mean()
    assert moved[5] < 0.8 * moved[1]
    assert len(fit(X, y, seed=3, trees=10, bag=3).members) == 3


def test_exported_trees_compare_features_as_scikit_learn_does() -> None:
    # Features such as a similarity rounded to 4 places are not single-precision numbers;
    # scikit-learn compares them in single precision, and so must the exported trees, or a
    # value next to a split goes the other way (a rebuild's check once failed on one row).
    rng = np.random.default_rng(11)
    X = np.round(rng.uniform(size=(3000, len(FEATURES))), 3)
    y = (X[:, 0] + 0.3 * rng.normal(size=3000) > 0.5).astype(float)
    _exported(X, y, trees=60)


def test_reliability_bins_count_every_pair() -> None:
    from checker.train import reliability

    p = np.array([0.05, 0.15, 0.95, 0.96, 1.0])
    y = np.array([0.0, 0.0, 1.0, 1.0, 0.0])
    rows = reliability(p, y)
    assert sum(r["pairs"] for r in rows) == 5
    top = next(r for r in rows if r["bin"] == "0.9-1.0")
    assert top["pairs"] == 3 and top["observed"] == pytest.approx(2 / 3, abs=1e-4)


def test_frame_window_masks_the_value() -> None:
    s = Sentence("a", 0, 0, 44, "Officials said 12 boats capsized near Tromso.")
    (claim,) = NumericRule().extract(s, Document(Source("a", s.text), (s,)))
    (frame,) = frames_in([claim], {("a", 0): s})[("a", 0)]
    assert "12" not in frame.window and "#" in frame.window
    assert frame.window.split().index("#") == 2
    assert "tromso" in frame.subjects


def _frames_of(text: str) -> list:
    src = Source("a", text)
    doc = Document(src, segment(src))
    (s,) = doc.sentences
    claims = [c for rule in (NumericRule(), DateRule()) for c in rule.extract(s, doc)]
    return frames_in(claims, {("a", 0): s})[("a", 0)]


@pytest.mark.parametrize(
    ("text", "near"),
    [
        ("He died in Taiwan in 1972.", {"die"}),  # a name and stopwords passed over
        ("The company said 40 workers lost jobs.", {"company", "lost"}),  # "said": a stopword
        ("Police left the scene (at 9).", set()),  # a bracket ends the clause
    ],
)
def test_frame_near_is_the_word_binding_the_value(text: str, near: set[str]) -> None:
    (frame,) = [f for f in _frames_of(text) if f.claim.rule in ("NUM", "DATE")][:1]
    assert {w[:4] for w in frame.near} == {w[:4] for w in near}


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # a lifespan after a name: the first date is a birth, the second a death, of that name
        (
            "Karl Weyprecht (8 September 1838 \u2013 2 March 1881) was an explorer.",
            {
                "8 September 1838": ("born", "karl weyprecht"),
                "2 March 1881": ("die", "karl weyprecht"),
            },
        ),
        (
            "Ann Lee (1901-1980) was a poet.",
            {"1901": ("born", "ann lee"), "1980": ("die", "ann lee")},
        ),
        # a span too short for a life, after a place: a stay, bound to nothing
        ("He lived in Honolulu (1999 - 2003) as a boy.", {}),
        # a span of a life's length after no name
        ("The mill (1901 - 1980) was torn down.", {}),
        # ... even where a name follows the bracket
        ("The mill (1901 - 1980) was torn down by Ann Lee.", {}),
    ],
)
def test_frame_reads_a_lifespan_in_brackets(text: str, dates: dict) -> None:
    frames = {f.claim.quote: f for f in _frames_of(text) if f.claim.rule == "DATE"}
    assert frames and set(dates) <= set(frames)
    for quote, f in frames.items():
        if quote in dates:
            near, name = dates[quote]
            assert near in f.near and near in f.concepts and f.near_names == {name}
        else:
            assert not f.near & {"born", "die"}


def test_frame_near_names_is_whom_the_value_is_of() -> None:
    frames = _frames_of("John Smith, 25, and Mary Jones, 31, were charged on Friday.")
    ages = {f.claim.value: f.near_names for f in frames if f.claim.rule == "NUM"}
    assert ages == {25.0: frozenset({"john smith"}), 31.0: frozenset({"mary jones"})}


def test_near_features_tell_one_event_from_another(embedder) -> None:
    i_shared, i_names = FEATURES.index("near_shared"), FEATURES.index("near_names")
    X, _ = _pair(
        "Smith was charged with 3 counts on Monday.", "Smith was charged with 4 counts.", embedder
    )
    assert X[0, i_shared] == 1.0 and X[0, i_names] == 1.0
    X, _ = _pair("Smith was charged with 3 counts.", "Jones pleaded guilty to 4 counts.", embedder)
    assert X[0, i_shared] < 1.0 and X[0, i_names] == -1.0


def test_the_shipped_model_was_fitted_on_what_the_code_extracts() -> None:
    # The model records a digest of the claims training read from the first train incidents;
    # when extraction changes, `python -m checker.train` no longer rebuilds the shipped file,
    # and this says so (the corpus is research data beside the project, not in it).
    from checker import mining

    if not mining.DEFAULT_CORPUS.is_dir():
        pytest.skip(f"no training corpus at {mining.DEFAULT_CORPUS}")
    recorded = dict(samefact.load_model().meta or {}).get("claims_probe")
    assert recorded, "the shipped model records no claims probe; rebuild it"
    now = mining.claims_probe(mining.DEFAULT_CORPUS, recorded["incidents"])
    assert now == recorded, "extraction changed since the model was fitted: run checker.train"


def test_hand_labels_are_read_and_bad_lines_refused(tmp_path: Path) -> None:
    from checker.mining import read_labels

    f = tmp_path / "labels.tsv"
    ident = "inc\ta\t1\t3\tb\t5\t9"
    f.write_text(
        f"# hand labels\nincident\tsource_a\n{ident}\tS\n{ident.replace('inc', 'x')}\tD\tnote\n"
        f"{ident.replace('inc', 'y')}\tU\n",
        encoding="utf-8",
    )
    assert read_labels(f) == {ident: 1.0, ident.replace("inc", "x"): 0.0}
    assert read_labels(tmp_path / "absent.tsv") == {}
    f.write_text(f"{ident}\tmaybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match="labels.tsv:1"):
        read_labels(f)


def test_train_refuses_a_labels_path_that_is_not_a_file(tmp_path: Path, capsys) -> None:
    from checker import train

    out = tmp_path / "model.json"
    assert train.main(["--labels", str(tmp_path / "typo.tsv"), "--out", str(out)]) == 2
    assert "no labels file" in capsys.readouterr().err and not out.exists()


def test_a_hand_label_overrides_the_distant_one(tmp_path: Path, embedder) -> None:
    from checker import mining

    inc = tmp_path / "100"
    inc.mkdir()
    (inc / "a.txt").write_text("Three people were wounded in the shooting on Main Street.\n")
    (inc / "b.txt").write_text("Four people were wounded in the shooting on Main Street.\n")
    cands, _, _ = mining.candidates(inc, embedder.encode)
    (cd,) = [c for c in cands if c.a.claim.rule == "NUM"]
    X, y, kinds, hand = mining.mine(inc, embedder.encode)
    assert (y.tolist(), hand.tolist()) == ([0.0], [False])  # 3 vs 4: distant "different fact"
    X2, y2, _, hand2 = mining.mine(inc, embedder.encode, {mining.pair_id("100", cd): 1.0})
    assert (y2.tolist(), hand2.tolist()) == ([1.0], [True])  # read by hand: the same fact
    np.testing.assert_array_equal(X, X2)


def test_calibration_joins_the_isotonic_steps_through_their_middles() -> None:
    from sklearn.isotonic import IsotonicRegression

    from checker.train import centred

    rng = np.random.default_rng(4)
    raw = rng.uniform(size=2000)
    y = (rng.uniform(size=2000) < raw).astype(float)
    iso = IsotonicRegression(out_of_bounds="clip").fit(raw, y)
    x, p = centred(iso.X_thresholds_, iso.y_thresholds_)
    assert np.all(np.diff(x) > 0) and np.all(np.diff(p) > 0)  # no flat step left
    assert set(np.round(p, 12)) == set(np.round(iso.y_thresholds_, 12))  # the fit's values
    grid = np.linspace(0.05, 0.95, 50)
    smooth, steps = np.interp(grid, x, p), iso.predict(grid)
    assert np.abs(smooth - steps).max() < 0.15 and np.abs(smooth - steps).mean() < 0.03
