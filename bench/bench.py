"""Benchmark: audit N articles stage by stage; print time, sentences/s and peak memory per stage.

    python bench/bench.py --articles 100

Articles are drawn from fixtures/, seeds/ and (when present) ../shared/eval/, cycled with
distinct ids so alignment has real work. Ends with one JSON line of totals.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(n: int) -> list:
    from checker.ingest import ingest
    from checker.model import Source

    paths = [ROOT / "fixtures", ROOT / "seeds"]
    shared = ROOT.parent / "shared" / "eval"
    if shared.is_dir():
        paths.append(shared)
    base = list(ingest(paths).sources)
    out = []
    for i in range(n):
        src = base[i % len(base)]
        out.append(Source(id=f"{i:05d}_{src.id}", text=src.text, path=src.path))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=100)
    args = ap.parse_args()

    from checker.align import align, similarity_map
    from checker.api import default_embedder
    from checker.ingest import ingest
    from checker.model import ClaimKind
    from checker.names import NameIndex
    from checker.rules import CompareContext, Document, make_rules
    from checker.segment import segment

    timings: dict[str, float] = {}
    t = time.perf_counter()
    emb = default_embedder()
    emb.encode(["warm up"])
    timings["model load"] = time.perf_counter() - t

    t = time.perf_counter()
    sources = ingest(corpus(args.articles)).sources
    timings["ingest"] = time.perf_counter() - t

    t = time.perf_counter()
    docs = [Document(s, segment(s)) for s in sources]
    timings["segment"] = time.perf_counter() - t
    n_sent = sum(len(d.sentences) for d in docs)

    rules = make_rules()
    t = time.perf_counter()
    claims = [c for d in docs for s in d.sentences for r in rules for c in r.extract(s, d)]
    timings["extract"] = time.perf_counter() - t

    live = [s for d in docs for s in d.sentences if not s.furniture]
    t = time.perf_counter()
    vectors = emb.encode([s.text for s in live])
    timings["embed"] = time.perf_counter() - t

    t = time.perf_counter()
    alignments = align([(s.source_id, s.index) for s in live], vectors)
    timings["align"] = time.perf_counter() - t

    t = time.perf_counter()
    names = NameIndex(
        c.value if c.kind is ClaimKind.ROLE else c.quote
        for c in claims
        if c.kind in (ClaimKind.ENTITY, ClaimKind.ROLE)
    )
    ctx = CompareContext(
        sentences={(s.source_id, s.index): s for d in docs for s in d.sentences},
        similarity=similarity_map(alignments),
        names=names,
        source_order=[d.source.id for d in docs],
    )
    by_rule = defaultdict(list)
    for c in claims:
        by_rule[c.rule].append(c)
    conflicts = [cf for r in rules for cf in r.compare(by_rule[r.code], ctx)]
    timings["compare"] = time.perf_counter() - t

    print(f"{'stage':<12}{'seconds':>10}{'sentences/s':>14}")
    for stage, secs in timings.items():
        rate = "" if stage == "model load" else f"{n_sent / max(secs, 1e-9):,.0f}"
        print(f"{stage:<12}{secs:>10.2f}{rate:>14}")
    print(f"peak RSS {_peak_mb():.0f} MB")
    total = sum(timings.values())
    print(
        json.dumps(
            {
                "articles": len(sources),
                "sentences": n_sent,
                "claims": len(claims),
                "conflicts": len(conflicts),
                "seconds_total": round(total, 2),
                "seconds_embed": round(timings["embed"], 2),
                "seconds_other": round(total - timings["embed"] - timings["model load"], 2),
                "peak_rss_mb": round(_peak_mb()),
                "backend": "torch",
                "device": "cpu",
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
