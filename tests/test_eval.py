"""`checker eval`: scoring arithmetic, the CLI, and the accuracy floors on our own corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.evaluate import CaseResult, score

# Floors set just under the figures measured on fixtures/eval (see README, Accuracy), so that
# accuracy cannot silently regress. Raise them when the tool gets better.
FLOORS = {"--min-precision": "0.95", "--min-recall": "0.50", "--min-localised": "0.47",
          "--max-fpr": "0.05"}  # fmt: skip


def _case(conflict: bool, reported: tuple[str, ...], localised: bool = False) -> CaseResult:
    return CaseResult("f", "c", conflict, "numeric" if conflict else "", reported, localised)


def test_score_counts_cases_not_conflicts() -> None:
    s = score(
        [
            _case(True, ("numeric",), localised=True),
            _case(True, ("date",)),
            _case(True, ()),
            _case(False, ()),
            _case(False, ("role", "numeric")),
        ]
    )
    assert (s.true_positives, s.false_positives) == (2, 1)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 3)
    assert s.false_positive_rate == pytest.approx(1 / 2)
    assert s.localised_recall == pytest.approx(1 / 3)
    assert s.to_dict()["typed_recall"] == pytest.approx(1 / 3, abs=1e-4)


def test_eval_cli_json_lists_every_case(tmp_path: Path, embedder) -> None:
    out = tmp_path / "eval.json"
    cases = sorted(Path("fixtures/eval").iterdir())[:6]
    work = tmp_path / "cases"
    for case in cases:
        if case.is_dir():
            (work / case.name).mkdir(parents=True)
            for f in case.iterdir():
                (work / case.name / f.name).write_bytes(f.read_bytes())
    assert main(["eval", str(work), "--format", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_text("utf-8"))
    assert len(doc["cases"]) == len(list(work.iterdir()))
    assert set(doc["overall"]) >= {
        "precision",
        "recall",
        "f1",
        "false_positive_rate",
        "localised_recall",
    }


def test_eval_floor_missed_exits_1(tmp_path: Path, capsys, embedder) -> None:
    case = tmp_path / "one"
    case.mkdir()
    (case / "a.txt").write_text("The bridge is 400 metres long and opened in May.", "utf-8")
    (case / "b.txt").write_text("The bridge, 400 metres long, opened in May.", "utf-8")
    (case / "gold.json").write_text(
        json.dumps({"conflict": True, "type": "numeric", "a_span": "", "b_span": "",
                    "sources": ["a.txt", "b.txt"]}), "utf-8")  # fmt: skip
    assert main(["eval", str(tmp_path), "--min-recall", "0.5"]) == 1
    assert "below the floor" in capsys.readouterr().err


def _two_cases(root: Path) -> None:
    """One case whose sources are usable, and one whose only source is empty."""
    for name, texts in (("good", ("The bridge is 400 metres long.", "It is 400 metres long.")),
                        ("empty", ("",))):  # fmt: skip
        case = root / name
        case.mkdir()
        for n, text in enumerate(texts):
            (case / f"{n}.txt").write_text(text, "utf-8")
        (case / "gold.json").write_text(json.dumps({"conflict": False}), "utf-8")


def test_eval_names_a_case_without_usable_sources_and_scores_the_rest(
    tmp_path: Path, capsys, embedder
) -> None:
    _two_cases(tmp_path)
    assert main(["eval", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2 cases" in out
    (errors,) = [line for line in out.splitlines() if line.startswith("errors:")]
    assert errors.startswith("errors: empty: ") and "good" not in errors


def test_eval_stops_with_one_line_when_the_model_fails(
    tmp_path: Path, capsys, embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A model that does not load fails every case alike: not one error a case, and not exit 0.
    from checker.errors import ModelError

    def broken(*args: object, **kwargs: object) -> None:
        raise ModelError("samefact.json does not match its recorded SHA-256; reinstall checker")

    monkeypatch.setattr("checker.samefact.load_model", broken)
    _two_cases(tmp_path)
    assert main(["eval", str(tmp_path)]) == 2
    out = capsys.readouterr()
    assert (
        out.err == "checker: error: samefact.json does not match its recorded SHA-256; "
        "reinstall checker\n"
    )
    assert "errors:" not in out.out


def test_eval_without_cases_exits_2(tmp_path: Path) -> None:
    assert main(["eval", str(tmp_path)]) == 2


def test_accuracy_floors_hold_on_our_corpus(embedder, capsys) -> None:
    args = [a for kv in FLOORS.items() for a in kv]
    rc = main(["eval", "fixtures/eval", *args])
    out = capsys.readouterr()
    assert rc == 0, out.out + out.err


def test_accuracy_floors_hold_with_the_onnx_backend(capsys) -> None:
    """The optional int8 ONNX backend must keep the same floors as PyTorch."""
    pytest.importorskip("onnxruntime", reason="the onnx backend needs pip install 'checker[onnx]'")
    args = [a for kv in FLOORS.items() for a in kv]
    rc = main(["eval", "fixtures/eval", "--backend", "onnx", "--device", "cpu", *args])
    out = capsys.readouterr()
    assert rc == 0, out.out + out.err


def test_eval_on_a_missing_path_says_so_before_loading_the_model(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model must not load before the paths are checked")

    monkeypatch.setattr("checker.evaluate.default_embedder", no_model)
    missing = tmp_path / "no-such-cases"
    assert main(["eval", "fixtures/eval", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == f"checker: error: {missing} does not exist; give a folder of case folders\n"
