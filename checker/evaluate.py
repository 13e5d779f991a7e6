"""`evaluate()`: run the audit on labelled cases and score it (precision, recall, localisation)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.api import audit, default_embedder
from checker.embed import Embedder
from checker.errors import InputError, OptionError
from checker.files import read_text
from checker.ingest import SUFFIXES
from checker.model import Conflict, Report
from checker.splits import EVAL_PARTS, eval_split

SPLITS = (*EVAL_PARTS, "all")
COMPARATORS = ("checker", "naive")


@dataclass(frozen=True, slots=True)
class CaseResult:
    """One case: what the gold says and what the audit reported."""

    folder: str
    case: str
    gold_conflict: bool
    gold_type: str
    reported: tuple[str, ...]  # types of the reported conflicts
    localised: bool  # a reported conflict quotes sentences overlapping both gold spans
    error: str = ""
    # (severity, correct) per reported conflict; correct: it quotes both gold spans
    verdicts: tuple[tuple[str, bool], ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.reported)


@dataclass(frozen=True, slots=True)
class Score:
    """Case-level figures: a case is flagged when the audit reports any conflict in it."""

    cases: int
    conflict_cases: int
    clean_cases: int
    true_positives: int
    false_positives: int
    localised: int
    typed: int  # conflict cases where a conflict of the gold type was reported

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.conflict_cases if self.conflict_cases else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def false_positive_rate(self) -> float:
        return self.false_positives / self.clean_cases if self.clean_cases else 0.0

    @property
    def localised_recall(self) -> float:
        return self.localised / self.conflict_cases if self.conflict_cases else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "conflict_cases": self.conflict_cases,
            "clean_cases": self.clean_cases,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "false_positive_rate": round(self.false_positive_rate, 4),
            "localised_recall": round(self.localised_recall, 4),
            "typed_recall": round(self.typed / self.conflict_cases, 4)
            if self.conflict_cases
            else 1.0,
        }


def score(results: Sequence[CaseResult]) -> Score:
    pos = [r for r in results if r.gold_conflict]
    neg = [r for r in results if not r.gold_conflict]
    return Score(
        cases=len(results),
        conflict_cases=len(pos),
        clean_cases=len(neg),
        true_positives=sum(r.flagged for r in pos),
        false_positives=sum(r.flagged for r in neg),
        localised=sum(r.localised for r in pos),
        typed=sum(r.gold_type in r.reported for r in pos),
    )


@dataclass(frozen=True)
class Evaluation:
    results: tuple[CaseResult, ...]
    seconds: float
    folders: tuple[str, ...] = field(default=())
    split: str = "all"  # which cases were scored: `dev`, `test` (checker.splits) or `all`
    comparator: str = "checker"  # `checker` (the audit) or `naive` (checker.naive)

    def overall(self) -> Score:
        return score(self.results)

    def by_folder(self) -> dict[str, Score]:
        return {f: score([r for r in self.results if r.folder == f]) for f in self.folders}

    def by_type(self) -> dict[str, Score]:
        """Per gold conflict type (clean cases count under "none")."""
        types = sorted({r.gold_type or "none" for r in self.results})
        return {t: score([r for r in self.results if (r.gold_type or "none") == t]) for t in types}

    def by_severity(self) -> dict[str, dict[str, float]]:
        """Per severity: reported conflicts, how many quote the gold spans, that precision."""
        out: dict[str, dict[str, float]] = {}
        for sev in ("high", "medium", "low"):
            marks = [ok for r in self.results for s, ok in r.verdicts if s == sev]
            out[sev] = {
                "reported": len(marks),
                "correct": sum(marks),
                "precision": round(sum(marks) / len(marks), 4) if marks else 1.0,
            }
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "comparator": self.comparator,
            "overall": self.overall().to_dict(),
            "severity": self.by_severity(),
            "folders": {f: s.to_dict() for f, s in self.by_folder().items()},
            "types": {t: s.to_dict() for t, s in self.by_type().items()},
            "cases": [
                {
                    "folder": r.folder,
                    "case": r.case,
                    "gold_conflict": r.gold_conflict,
                    "gold_type": r.gold_type,
                    "reported": list(r.reported),
                    "localised": r.localised,
                    **({"error": r.error} if r.error else {}),
                }
                for r in self.results
            ],
            "seconds": round(self.seconds, 1),
        }


def find_cases(folder: Path) -> list[Path]:
    """Case directories under `folder` (each holds a gold.json); `folder` itself if it is one."""
    if (folder / "gold.json").is_file():
        return [folder]
    return sorted(p for p in folder.iterdir() if (p / "gold.json").is_file())


def in_split(case: Path, split: str) -> bool:
    """Is `case` part of `split` (`dev`, `test` by `checker.splits.eval_split`, or `all`)?"""
    return split == "all" or eval_split(case) == split


def evaluate(
    folders: Iterable[str | Path],
    *,
    model: str | None = None,
    embedder: Embedder | None = None,
    backend: str = "torch",
    device: str | None = "auto",
    split: str = "all",
    comparator: str = "checker",
    **options: Any,
) -> Evaluation:
    """Audit every case of every folder (the model is loaded once) and collect the results.

    `split`: score only the cases of that part of the event split (`dev` or `test`, see
    `checker.splits`), or `all`. A folder may hold no case of the split; it then scores none.
    `comparator`: `checker` (the audit, with `options`) or `naive` (`checker.naive`: any two
    different numbers in similar sentences), so the audit's figures can be read next to it.
    """
    if split not in SPLITS:
        raise OptionError(f"split {split!r} is not one of {', '.join(SPLITS)}")
    if comparator not in COMPARATORS:
        raise OptionError(f"comparator {comparator!r} is not one of {', '.join(COMPARATORS)}")
    t0 = time.perf_counter()
    found: list[tuple[Path, list[Path]]] = []
    for folder in folders:  # every path checked before the model loads (seconds)
        path = Path(folder)
        if not path.exists():
            raise InputError(f"{path} does not exist; give a folder of case folders")
        if not path.is_dir():
            raise InputError(f"{path}: not a directory of cases; each case needs a gold.json")
        cases = find_cases(path)
        if not cases:
            raise InputError(f"{path}: no case folders with a gold.json found")
        found.append((path, cases))
    embedder = embedder or default_embedder(model, backend, device)
    results: list[CaseResult] = []
    names: list[str] = []
    for path, cases in found:
        names.append(str(path))
        for case in cases:
            if in_split(case, split):
                results.append(_run_case(str(path), case, embedder, comparator, options))
    return Evaluation(tuple(results), time.perf_counter() - t0, tuple(names), split, comparator)


def run_comparator(
    files: Sequence[Path], embedder: Embedder, comparator: str, options: dict[str, Any]
) -> Report:
    """The report of `comparator` (`checker` or `naive`) on one case's files."""
    if comparator == "naive":
        from checker.naive import naive_audit

        return naive_audit(files, embedder=embedder)
    return audit(files, embedder=embedder, **options)


def _run_case(
    folder: str, case: Path, embedder: Embedder, comparator: str, options: dict[str, Any]
) -> CaseResult:
    try:
        gold = json.loads(read_text(case / "gold.json"))
        if not isinstance(gold, dict):
            raise ValueError("gold.json must hold a JSON object")
    except (OSError, ValueError) as err:
        return CaseResult(folder, case.name, False, "", (), False, f"bad gold.json: {err}")
    files = [case / n for n in gold.get("sources") or []] or sorted(
        p for p in case.iterdir() if p.suffix in SUFFIXES and p.name != "gold.json"
    )
    conflict, gold_type = bool(gold.get("conflict")), str(gold.get("type") or "")
    try:
        report = run_comparator(files, embedder, comparator, options)
    except InputError as err:  # this case's sources; a model or an option fails them all
        return CaseResult(folder, case.name, conflict, gold_type, (), False, str(err))
    reported = tuple(sorted({c.type.value for c in report.conflicts}))
    spans = _gold_spans(files, gold)
    verdicts = tuple((c.severity.value, _quotes_gold(c, spans)) for c in report.conflicts)
    localised = any(ok for _, ok in verdicts)
    return CaseResult(folder, case.name, conflict, gold_type, reported, localised, "", verdicts)


def _gold_spans(files: Sequence[Path], gold: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Character spans of a_span / b_span in the first two sources, by source id."""
    spans: dict[str, tuple[int, int]] = {}
    for path, key in zip(files, ("a_span", "b_span"), strict=False):
        span = str(gold.get(key) or "").strip()
        if not span:
            continue
        try:
            text = read_text(path)
        except (OSError, ValueError):
            continue
        at = text.find(span)
        if at >= 0:
            spans[path.stem] = (at, at + len(span))
    return spans


def _quotes_gold(conflict: Conflict, spans: dict[str, tuple[int, int]]) -> bool:
    """Does the conflict quote sentences overlapping both gold spans?"""
    if len(spans) < 2:
        return False
    hit = set()
    for cc in conflict.claims:
        span = spans.get(cc.source)
        if span and cc.start < span[1] and span[0] < cc.end:
            hit.add(cc.source)
    return hit >= set(spans)
