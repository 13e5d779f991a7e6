"""Choose the same-fact threshold on the dev split: `python bench/tune.py [--part dev]`.

For each threshold of a grid, audits every case of the chosen split of `fixtures/eval` and
`../shared/eval/{gva,multinews,wikicontradict}` (with gold) and `../shared/eval/basil` (no
gold: share of events flagged), with the model loaded once and each sentence embedded once,
and prints one row per threshold. The threshold shipped in the model (`checker.train
--threshold`) is the one picked from the `dev` rows; `--part test` is for the final report
only, never for choosing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.api import audit, default_embedder  # noqa: E402
from checker.evaluate import _run_case, find_cases, score  # noqa: E402
from checker.splits import eval_split  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"


class Memo:
    """Each distinct text embedded once for the whole sweep."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.memo = inner, inner.name, {}
        self.identity = getattr(inner, "identity", inner.name)

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if missing:
            self.memo.update(zip(missing, self.inner.encode(missing), strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.memo[t] for t in texts])


def sets(part: str) -> dict[str, list[Path]]:
    out = {"fixtures": [c for c in find_cases(ROOT / "fixtures" / "eval")]}
    for name in ("gva", "multinews", "wikicontradict"):
        if (SHARED / name).is_dir():
            out[name] = find_cases(SHARED / name)
    out = {k: [c for c in v if eval_split(c) == part] for k, v in out.items()}
    if (SHARED / "basil").is_dir():
        out["basil"] = sorted(
            p for p in (SHARED / "basil").iterdir() if p.is_dir() and eval_split(p) == part
        )
    return out


def row(cases: dict[str, list[Path]], emb: Memo, cut: float | None) -> dict[str, Any]:
    opts: dict[str, Any] = {"cache": None}
    if cut is not None:
        opts["rule_settings"] = {"NUM": {"min_same": cut}, "DATE": {"min_same": cut}}
    out: dict[str, Any] = {"threshold": cut}
    for name, folder in cases.items():
        if name == "basil":
            flagged = 0
            for ev in folder:
                rep = audit(sorted(ev.glob("*.txt")), embedder=emb, **opts)
                flagged += bool(rep.conflicts)
            out["basil_flagged"] = round(flagged / max(1, len(folder)), 3)
            continue
        res = [_run_case(name, c, emb, "checker", opts) for c in folder]
        s = score(res)
        out[name] = {
            "recall": round(s.recall, 3),
            "localised": round(s.localised_recall, 3),
            "fpr": round(s.false_positive_rate, 3),
            "precision": round(s.precision, 3),
            "cases": s.cases,
        }
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", default="dev", choices=("dev", "test"))
    ap.add_argument("--grid", default="0.5,0.6,0.7,0.8,0.85,0.9")
    ap.add_argument("-o", "--output", type=Path, default=None)
    ap.add_argument("--model", type=Path, default=None, help="a same-fact model file to try")
    ap.add_argument("--sets", default="", help="comma-separated subset of the sets")
    args = ap.parse_args()
    if args.model is not None:
        import checker.samefact as samefact

        other = samefact.load_model(str(args.model))
        samefact.load_model = lambda path=None: other  # type: ignore[assignment]
    cases = sets(args.part)
    if args.sets:
        cases = {k: v for k, v in cases.items() if k in args.sets.split(",")}
    emb = Memo(default_embedder(None, "torch", "cpu"))
    rows = []
    for cut in [float(x) for x in args.grid.split(",")] if args.grid else [None]:
        r = row(cases, emb, cut)
        rows.append(r)
        print(json.dumps(r), flush=True)
    if args.output:
        args.output.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
