"""`checker eval --split` scores only the cases of one part of the split by event, and
`--baseline-naive` scores the naive comparator instead of the audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import OptionError
from checker.evaluate import evaluate, in_split
from checker.model import Source
from checker.naive import naive_conflicts, numbers_in
from checker.splits import eval_split


def _copy_cases(tmp_path: Path, per_part: int = 2) -> Path:
    """A folder with `per_part` fixtures/eval cases of each of dev and test."""
    work = tmp_path / "cases"
    taken = {"dev": 0, "test": 0}
    for case in sorted(Path("fixtures/eval").iterdir()):
        part = eval_split(case) if (case / "gold.json").is_file() else ""
        if part and taken[part] < per_part:
            taken[part] += 1
            (work / case.name).mkdir(parents=True)
            for f in case.iterdir():
                (work / case.name / f.name).write_bytes(f.read_bytes())
    assert taken == {"dev": per_part, "test": per_part}
    return work


def test_split_keeps_only_its_cases(tmp_path: Path, embedder) -> None:
    work = _copy_cases(tmp_path)
    dev = evaluate([work], embedder=embedder, split="dev")
    test = evaluate([work], embedder=embedder, split="test")
    every = evaluate([work], embedder=embedder, split="all")
    assert {r.case for r in dev.results} == {c.name for c in work.iterdir() if in_split(c, "dev")}
    assert all(eval_split(work / r.case) == "test" for r in test.results)
    assert {r.case for r in dev.results}.isdisjoint(r.case for r in test.results)
    assert sorted(r.case for r in every.results) == sorted(
        r.case for r in (*dev.results, *test.results)
    )
    assert (dev.split, dev.to_dict()["split"], dev.overall().cases) == ("dev", "dev", 2)


def test_split_by_event_name_not_by_parent(tmp_path: Path) -> None:
    case = next(c for c in sorted(Path("fixtures/eval").iterdir()) if c.is_dir())
    assert in_split(case, eval_split(case))
    assert in_split(tmp_path / "elsewhere" / case.name, eval_split(case))
    assert not in_split(case, "test" if eval_split(case) == "dev" else "dev")
    assert in_split(case, "all")


def test_cli_names_the_split_and_the_comparator(tmp_path: Path, embedder) -> None:
    work = _copy_cases(tmp_path, per_part=1)
    out = tmp_path / "eval.json"
    assert main(["eval", str(work), "--split", "test", "--format", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_text("utf-8"))
    assert (doc["split"], doc["comparator"], len(doc["cases"])) == ("test", "checker", 1)
    text = tmp_path / "eval.txt"
    assert main(["eval", str(work), "--split", "dev", "--baseline-naive", "-o", str(text)]) == 0
    assert text.read_text("utf-8").startswith("split: dev (the naive comparator)")


def test_unknown_split_is_an_option_error(tmp_path: Path, embedder, capsys) -> None:
    with pytest.raises(OptionError):
        evaluate([tmp_path], embedder=embedder, split="train")
    assert main(["eval", str(tmp_path), "--split", "train"]) == 2


def test_naive_reads_digits_words_and_separators() -> None:
    assert numbers_in("Three men and 1,200 people, 4.5 percent, in 2015.") == {
        3.0,
        1200.0,
        4.5,
        2015.0,
    }
    assert numbers_in("No figures here.") == frozenset()


def test_naive_flags_different_numbers_in_similar_sentences(embedder) -> None:
    a = Source("a", "Four people were killed in the fire on Main Street.\n")
    b = Source("b", "Five people were killed in the fire on Main Street.\n")
    same = Source("c", "4 people were killed in the fire on Main Street.\n")
    far = Source("d", "The council meets 3 times a year to discuss the budget.\n")
    (hit,) = naive_conflicts([a, b], embedder)
    assert {cc.source for cc in hit.claims} == {"a", "b"}
    assert naive_conflicts([a, same], embedder) == ()
    assert naive_conflicts([a, far], embedder) == ()
