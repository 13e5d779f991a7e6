"""Candidate pairs of the training corpus, written out for labelling by hand.

    python bench/label_pairs.py --part train --limit 350 --out /tmp/train.jsonl
    python bench/label_pairs.py --part calib --limit 120 --out /tmp/calib.jsonl
    python bench/label_pairs.py --select /tmp/train.jsonl /tmp/calib.jsonl --out /tmp/batches
    (each batch read by hand into /tmp/batches/out_K.tsv, bench/labels/README.md)
    python bench/label_pairs.py --assemble /tmp/batches --out bench/labels/samefact.tsv

Each line is one candidate pair as `checker.train` mines it (the same seeded sample per
incident), with both sentences, both quotes, the distant label (do the values agree?) and the
shipped model's probability. The file holds article text: keep it outside the repository.
What comes back from labelling is the pair's identity and a label only
(`bench/labels/samefact.tsv`, read by `checker.train --labels`).

`--select` draws the pairs to read (seeded): every cross-article pair of `train` whose values
differ and that the model scores at least 0.3, 700 cross-article `train` pairs whose values
agree (score at least 0.3), and 600 cross-article `calib` pairs (score at least 0.3), shuffled
and dealt into seven numbered batches, each value marked ⟦so⟧ in its sentence.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.api import default_embedder  # noqa: E402
from checker.mining import DEFAULT_CORPUS, _agrees, candidates, incidents, pair_id  # noqa: E402
from checker.samefact import load_model  # noqa: E402
from checker.train import VectorStore  # noqa: E402


def _side(claim: Any, sentence: Any) -> dict[str, Any]:
    return {
        "quote": claim.quote,
        "sentence": sentence.text,
        "at": claim.start - sentence.start,  # where the quote starts in the sentence
    }


SELECT_SEED = 20261203
BATCHES = 7
MIN_P = 0.3


def select(train: Path, calib: Path, out: Path) -> int:
    """Draw the pairs to label and write them as batches (see the module's text)."""
    rng = random.Random(SELECT_SEED)
    tr = [json.loads(line) for line in train.open(encoding="utf-8")]
    ca = [json.loads(line) for line in calib.open(encoding="utf-8")]
    live = [r for r in tr if r["cross"] and r["p"] >= MIN_P]
    pick = [r for r in live if not r["agree"]]
    pick += rng.sample([r for r in live if r["agree"]], 700)
    pick += rng.sample([r for r in ca if r["cross"] and r["p"] >= MIN_P], 600)
    rng.shuffle(pick)
    out.mkdir(parents=True, exist_ok=True)
    for b in range(BATCHES):
        with (out / f"batch_{b}.txt").open("w", encoding="utf-8") as fh:
            for n, r in enumerate(pick[b::BATCHES], 1):
                kind = "number" if r["rule"] == "NUM" else "date"
                fh.write(f"### {n}\nid: {r['id']}\ntype: {kind}\n")
                fh.write(f"A: {_marked(r['a'])}\nB: {_marked(r['b'])}\n\n")
    (out / "picked.json").write_text(json.dumps([r["id"] for r in pick]), encoding="utf-8")
    return len(pick)


HEADER = """\
# Hand labels of candidate pairs mined by `python -m checker.train` from
# ../shared/corpus/gva (`train` and `calib` incidents only). One line a pair: the pair's
# identity (`checker.mining.pair_id`: incident folder, then each claim's article id and
# character span) and S (same fact), D (different fact) or U (can't tell). No article
# text. How they were chosen and read: bench/labels/README.md.
incident\tsource_a\tstart_a\tend_a\tsource_b\tstart_b\tend_b\tlabel
"""


def assemble(folder: Path, out: Path) -> int:
    """Join the labellers' `out_K.tsv` (`N<TAB>S|D|U`, one line per pair of `batch_K.txt`)
    with the pairs' identities into one TSV, sorted, without their notes."""
    picked = json.loads((folder / "picked.json").read_text(encoding="utf-8"))
    labels: dict[str, str] = {}
    for b in range(BATCHES):
        ids = picked[b::BATCHES]
        lines = (folder / f"out_{b}.tsv").read_text(encoding="utf-8").splitlines()
        rows = [line.split("\t") for line in lines if line.strip()]
        if [int(r[0]) for r in rows] != list(range(1, len(ids) + 1)):
            raise SystemExit(f"out_{b}.tsv does not label every pair of batch_{b}.txt once")
        labels.update((i, r[1]) for i, r in zip(ids, rows, strict=True))

    def order(ident: str) -> list[Any]:
        return [int(v) if v.isdigit() else v for v in ident.split("\t")]

    body = "".join(f"{i}\t{labels[i]}\n" for i in sorted(labels, key=order))
    out.write_text(HEADER + body, encoding="utf-8")
    return len(labels)


def _marked(side: dict[str, Any], room: int = 350) -> str:
    t, i, q = side["sentence"], side["at"], side["quote"]
    j = i + len(q)
    lo, hi = max(0, i - room), min(len(t), j + room)
    head, tail = ("…" if lo else ""), ("…" if hi < len(t) else "")
    return f"{head}{t[lo:i]}⟦{t[i:j]}⟧{t[j:hi]}{tail}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--part", default="train", choices=("train", "calib", "test"))
    ap.add_argument("--limit", type=int, default=350)
    ap.add_argument("--cache", type=Path, default=None, help="an .npz file of vectors")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--select", type=Path, nargs=2, metavar=("TRAIN", "CALIB"), default=None)
    ap.add_argument("--assemble", type=Path, default=None, help="a folder of labelled batches")
    args = ap.parse_args()
    if args.assemble:
        print(f"{assemble(args.assemble, args.out)} labels -> {args.out}", file=sys.stderr)
        return 0
    if args.select:
        print(f"{select(*args.select, args.out)} pairs -> {args.out}", file=sys.stderr)
        return 0
    store = VectorStore(default_embedder(None, "torch", "cpu"), args.cache)
    model = load_model()
    n = 0
    with args.out.open("w", encoding="utf-8") as fh:
        for folder in incidents(args.corpus, args.part, args.limit):
            cands, X, sentences = candidates(folder, store.encode)
            if not cands:
                continue
            probs = model.predict(X)
            for cd, p in zip(cands, probs, strict=True):
                a, b = cd.a.claim, cd.b.claim
                row = {
                    "id": pair_id(folder.name, cd),
                    "rule": a.rule,
                    "cross": a.source_id != b.source_id,
                    "agree": bool(_agrees(a, b)),
                    "p": round(float(p), 4),
                    "a": _side(a, sentences[cd.a.key]),
                    "b": _side(b, sentences[cd.b.key]),
                }
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    store.save()
    print(f"{n} pairs -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
