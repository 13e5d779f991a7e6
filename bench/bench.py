"""Benchmark: audit N articles stage by stage; print time, sentences/s and peak memory per stage.

    python bench/bench.py --articles 1000
    python bench/bench.py --articles 1000 --backend onnx
    python bench/bench.py --articles 300 --device cuda
    python bench/bench.py --warm --articles 500     # then 505 with the cache: the warm re-run

The corpus (bench/corpus.py) is N seeded variants of the articles under fixtures/, seeds/ and,
when present, ../shared/eval/, dealt round-robin over about 190 events, so it is the same for
the same N on any machine (its fingerprint is printed). Each stage runs as `checker.api.audit`
runs it. Ends with one JSON line of totals; `seconds_total` includes loading the model.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=None, help="default 100 (--warm: 500)")
    ap.add_argument("--backend", choices=("torch", "onnx"), default="torch")
    ap.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    ap.add_argument(
        "--warm",
        action="store_true",
        help="audit --articles N (default 500) into a fresh cache, then N + 5 with it; time both",
    )
    args = ap.parse_args(argv)

    if args.warm:
        return warm(args.articles or 500, args.backend, args.device)
    args.articles = args.articles or 100

    from checker.collect import fewer_collections

    with fewer_collections():  # as `checker.api.audit` runs
        return staged(args)


def staged(args: argparse.Namespace) -> int:
    """Each stage of one audit of `args.articles` articles, timed."""
    import numpy as np
    from corpus import corpus, fingerprint

    from checker.align import align, candidate_sources, similarity_map
    from checker.backends import make_embedder
    from checker.ingest import ingest
    from checker.model import ClaimKind
    from checker.names import NameIndex
    from checker.rules import CompareContext, Document, make_rules
    from checker.segment import segment

    timings: dict[str, float] = {}
    peaks: dict[str, float] = {}

    def done(stage: str, t0: float) -> None:
        timings[stage] = time.perf_counter() - t0
        peaks[stage] = _peak_mb()

    t = time.perf_counter()
    emb = make_embedder(None, args.backend, args.device)
    emb.encode(["warm up"])
    done("model load", t)

    t = time.perf_counter()
    given = corpus(args.articles)
    sources = sorted(ingest(given).sources, key=lambda s: s.id)
    done("ingest", t)

    t = time.perf_counter()
    docs = [Document(s, segment(s)) for s in sources]
    done("segment", t)
    n_sent = sum(len(d.sentences) for d in docs)

    rules = make_rules()
    t = time.perf_counter()
    claims = [c for d in docs for s in d.sentences for r in rules for c in r.extract(s, d)]
    done("extract", t)

    live = [s for d in docs for s in d.sentences if not s.furniture]
    t = time.perf_counter()
    vectors = emb.encode([s.text for s in live])
    done("embed", t)

    t = time.perf_counter()
    alignments = align([(s.source_id, s.index) for s in live], vectors, threshold=0.4, top_k=3)
    done("align", t)

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
    done("compare", t)

    # Outside the timings: how much of the corpus alignment looked at (the scaling curve).
    codes = {d.source.id: n for n, d in enumerate(docs)}
    src_of = np.array([codes[s.source_id] for s in live])
    pairs = sum(len(p) for p in candidate_sources(vectors, src_of, len(docs))) // 2
    load = os.getloadavg()
    print(
        f"{len(sources)} articles, {n_sent:,} sentences, corpus {fingerprint(given)}; "
        f"{emb.name} via {args.backend} on {getattr(emb, 'device', args.device)}; "
        f"{platform.node()} {os.cpu_count()} CPUs, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(f"{'stage':<12}{'seconds':>10}{'sentences/s':>14}{'peak RSS MB':>14}")
    for stage, secs in timings.items():
        rate = "" if stage == "model load" else f"{n_sent / max(secs, 1e-9):,.0f}"
        print(f"{stage:<12}{secs:>10.2f}{rate:>14}{peaks[stage]:>14.0f}")
    total = sum(timings.values())
    other = total - timings["embed"] - timings["model load"]
    print(f"{'total':<12}{total:>10.2f}   other/embed {other / max(timings['embed'], 1e-9):.2f}")
    print(
        f"aligned {len(alignments):,} sentence pairs; compared {pairs:,} of "
        f"{len(docs) * (len(docs) - 1) // 2:,} source pairs"
    )
    print(
        json.dumps(
            {
                "articles": len(sources),
                "sentences": n_sent,
                "claims": len(claims),
                "conflicts": len(conflicts),
                "seconds_total": round(total, 2),
                "seconds_embed": round(timings["embed"], 2),
                "seconds_other": round(other, 2),
                "peak_rss_mb": round(_peak_mb()),
                "backend": args.backend,
                "device": getattr(emb, "device", args.device),
            }
        )
    )
    return 0


def warm(n: int, backend: str, device: str) -> int:
    """The warm re-run: n articles into a fresh cache, then the same n plus five with it.

    Timed twice: in this process with the model loaded (`audit(cache=...)`), and as a CI job
    runs it, `checker audit DIR --cache PATH` in a new process each time (start-up and the
    model load included, since the five new articles must be embedded).
    """
    import subprocess
    import tempfile

    from corpus import corpus

    from checker.api import audit, default_embedder

    emb = default_embedder(None, backend, device)
    emb.encode(["warm up"])
    articles = corpus(n + 5)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cache.sqlite"
        t = time.perf_counter()
        first = audit(articles[:n], embedder=emb, cache=path)
        cold = time.perf_counter() - t
        t = time.perf_counter()
        second = audit(articles, embedder=emb, cache=path)
        again = time.perf_counter() - t
        embedded = second.extra.get("cache", {}).get("embedded", -1)

        folder = Path(tmp) / "articles"
        folder.mkdir()
        cache = str(Path(tmp) / "cli.sqlite")
        report = str(Path(tmp) / "r.json")
        cmd = [sys.executable, "-m", "checker", "audit", str(folder), "--cache", cache,
               "--backend", backend, "--device", device, "--format", "json", "-o", report,
               "--fail-on", "never"]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}

        def cli_run(batch: list) -> float:
            for src in batch:
                (folder / f"{src.id}.txt").write_text(src.text, "utf-8")
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, check=True)
            return time.perf_counter() - t0

        cli_cold = cli_run(articles[:n])
        cli_warm = cli_run(articles[n:])
    print(
        f"in process: cold {n} articles {cold:.2f} s; warm {n + 5} (5 new, {embedded} sentences "
        f"embedded) {again:.2f} s\nnew processes (checker audit): cold {cli_cold:.2f} s; "
        f"warm {cli_warm:.2f} s"
    )
    print(
        json.dumps(
            {
                "articles": n + 5,
                "new_articles": 5,
                "sentences_embedded_warm": embedded,
                "seconds_cold": round(cold, 2),
                "seconds_warm": round(again, 2),
                "seconds_cold_cli": round(cli_cold, 2),
                "seconds_warm_cli": round(cli_warm, 2),
                "conflicts_cold": len(first.conflicts),
                "conflicts_warm": len(second.conflicts),
                "peak_rss_mb": round(_peak_mb()),
                "backend": backend,
                "device": getattr(emb, "device", device),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
