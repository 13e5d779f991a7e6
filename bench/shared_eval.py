"""Measure the audit on ../shared/eval (or any folders of cases with gold.json).

    python bench/shared_eval.py ../shared/eval/multinews ../shared/eval/wikicontradict
    python bench/shared_eval.py --backend onnx ../shared/eval/multinews

Prints per folder: cases, cases with any conflict reported, gold conflicts found (any
conflict reported) and localised (a reported conflict's quotes overlap both gold spans).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _overlaps(sentence: str, span: str) -> bool:
    if not span:
        return False
    s, p = sentence.strip().lower(), span.strip().lower()
    return s in p or p in s or (len(set(s.split()) & set(p.split())) >= 0.5 * len(set(p.split())))


def _localised(conflict, gold: dict) -> bool:
    """Do the conflict's quoted sentences overlap both gold spans?"""
    claims = conflict.claims
    return any(c.source == "a" and _overlaps(c.text, gold["a_span"]) for c in claims) and any(
        c.source == "b" and _overlaps(c.text, gold["b_span"]) for c in claims
    )


def main(folders: list[str]) -> int:
    from checker import audit
    from checker.api import default_embedder

    backend = "torch"
    if folders[:1] == ["--backend"]:
        backend, folders = folders[1], folders[2:]
    emb = default_embedder(None, backend)
    for folder in folders:
        cases = sorted(p for p in Path(folder).iterdir() if (p / "gold.json").is_file())
        flagged = found = localised = gold_pos = 0
        by_type: dict[str, list[int]] = {}
        for case in cases:
            gold = json.loads((case / "gold.json").read_text("utf-8"))
            files = [case / name for name in gold.get("sources", ["a.txt", "b.txt"])]
            report = audit(files, embedder=emb)
            hit = bool(report.conflicts)
            flagged += hit
            if gold["conflict"]:
                gold_pos += 1
                ok_local = any(
                    len({cc.source for cc in c.claims}) >= 2
                    and any(
                        cc.source == "a" and _overlaps(cc.text, gold["a_span"]) for cc in c.claims
                    )
                    and any(
                        cc.source == "b" and _overlaps(cc.text, gold["b_span"]) for cc in c.claims
                    )
                    for c in report.conflicts
                )
                found += hit
                localised += ok_local
                t = by_type.setdefault(gold.get("type") or "other", [0, 0, 0])
                t[0] += 1
                t[1] += hit
                t[2] += ok_local
            else:
                for c in report.conflicts:
                    print(f"  FP {case.name}: {c.type.value} {c.message}")
        print(f"{folder}: {len(cases)} cases, {flagged} with a reported conflict")
        if gold_pos:
            print(f"  gold conflicts {gold_pos}: found {found}, localised {localised}")
            for t, (n, h, loc) in sorted(by_type.items()):
                print(f"    {t}: {n} cases, found {h}, localised {loc}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
