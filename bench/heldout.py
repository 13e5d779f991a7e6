"""Held-out accuracy: the audit and the naive comparator on events of one part of the split.

    python bench/heldout.py                      # eval cases of `test`, corpus incidents of `test`
    python bench/heldout.py --split dev --corpus-split calib -o /tmp/heldout-dev.json

With the model loaded once (vectors shared through a SQLite cache in a temporary folder), it
measures on the cases and incidents that `checker.splits` puts in the chosen parts:

(a) `checker eval` figures (precision, recall, localised recall, FPR, per gold type) on each
    of <shared>/eval/{gva,multinews,wikicontradict} and fixtures/eval; basil as the share of
    events flagged and conflicts per event;
(b) corpus incidents (<shared>/corpus/gva) with 3+ articles: share of clusters flagged and
    conflicts per cluster; with 2 articles: share of pairs flagged;
(c) edited-sentence checks: N articles drawn with the seed, each copied with one controlled
    edit (number, date, office holder; bench/edits.py) and audited with its original:
    localised = a reported conflict quotes the edited sentence; other = anything else reported;
(d) meaning-preserving rewrites of one sentence: share of pairs flagged;
(e) the naive comparator (checker.naive) on all of the above.

Prints a Markdown table and writes one JSON file (-o). Parts whose data are absent are
skipped and named. Article text is read at run time and never written out.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.edits import EDIT_KINDS, REWRITE_KINDS, Change, edit, office_names, rewrite  # noqa: E402
from checker.api import audit, default_embedder  # noqa: E402
from checker.cache import Cache, CachedEmbedder  # noqa: E402
from checker.errors import CheckerError, InputError  # noqa: E402
from checker.evaluate import evaluate  # noqa: E402
from checker.ingest import ingest  # noqa: E402
from checker.model import Report, Source  # noqa: E402
from checker.naive import naive_audit  # noqa: E402
from checker.samefact import load_model  # noqa: E402
from checker.segment import segment  # noqa: E402
from checker.splits import corpus_split, eval_split  # noqa: E402

EVAL_SETS = ("gva", "multinews", "wikicontradict")
Runner = Callable[[Sequence[Any]], Report]


def _runners(embedder: Any, cache: Cache) -> dict[str, Runner]:
    cached = CachedEmbedder(embedder, cache)
    return {
        "checker": lambda items: audit(list(items), embedder=embedder, cache=cache),
        "naive": lambda items: naive_audit(list(items), embedder=cached),
    }


def _safe(run: Runner, items: Sequence[Any]) -> Report | None:
    try:
        return run(items)
    except InputError:  # no usable source in this unit; a model that fails stops the run
        return None


# --- (a) labelled eval sets, basil ------------------------------------------------------


def eval_sets(shared: Path, split: str, embedder: Any, cache: Cache) -> dict[str, Any]:
    out: dict[str, Any] = {}
    folders = {name: shared / "eval" / name for name in EVAL_SETS}
    folders["fixtures/eval"] = ROOT / "fixtures" / "eval"
    cached = CachedEmbedder(embedder, cache)
    for name, folder in folders.items():
        if not folder.is_dir():
            out[name] = {"skipped": f"{folder} not found"}
            continue
        row: dict[str, Any] = {}
        for who in ("checker", "naive"):
            if who == "checker":
                ev = evaluate([folder], embedder=embedder, split=split, cache=cache)
            else:
                ev = evaluate([folder], embedder=cached, split=split, comparator="naive")
            row[who] = {
                "overall": ev.overall().to_dict(),
                "types": {t: s.to_dict() for t, s in ev.by_type().items()},
                "seconds": round(ev.seconds, 1),
            }
        out[name] = row
    return out


def _flag_stats(reports: Sequence[Report | None]) -> dict[str, Any]:
    done = [r for r in reports if r is not None]
    n = len(done)
    return {
        "units": n,
        "errors": len(reports) - n,
        "flagged": sum(bool(r.conflicts) for r in done),
        "share_flagged": round(sum(bool(r.conflicts) for r in done) / n, 4) if n else None,
        "conflicts_per_unit": round(sum(len(r.conflicts) for r in done) / n, 3) if n else None,
    }


def basil(shared: Path, split: str, runners: dict[str, Runner]) -> dict[str, Any]:
    root = shared / "eval" / "basil"
    if not root.is_dir():
        return {"skipped": f"{root} not found"}
    events = [d for d in sorted(root.iterdir()) if d.is_dir() and eval_split(d) == split]
    out = {}
    for who, run in runners.items():
        out[who] = _flag_stats([_safe(run, sorted(d.glob("*.txt"))) for d in events])
    return out


# --- (b) corpus clusters and pairs ------------------------------------------------------


def incidents(shared: Path, part: str) -> dict[str, list[Path]]:
    root = shared / "corpus" / "gva"
    found = {}
    for d in sorted(root.iterdir()) if root.is_dir() else ():
        if d.is_dir() and corpus_split(d) == part:
            files = sorted(p for p in d.iterdir() if p.suffix == ".txt")
            if len(files) >= 2:
                found[d.name] = files
    return found


def clusters(found: dict[str, list[Path]], runners: dict[str, Runner]) -> dict[str, Any]:
    big = [f for f in found.values() if len(f) >= 3]
    pairs = [f for f in found.values() if len(f) == 2]
    out: dict[str, Any] = {}
    for who, run in runners.items():
        out[who] = {
            "clusters_3plus": _flag_stats([_safe(run, f) for f in big]),
            "pairs": _flag_stats([_safe(run, f) for f in pairs]),
        }
    return out


# --- (c, d) edited and rewritten sentences ----------------------------------------------


def _article(path: Path) -> tuple[Source, list[tuple[int, int]]] | None:
    """The article as a Source (id `original`) and its sentences outside page furniture."""
    got = ingest([path]).sources
    if not got:
        return None
    src = ingest([Source("original", got[0].text)]).sources[0]
    spans = [(s.start, s.end) for s in segment(src) if not s.furniture]
    return src, spans


def _quotes(report: Report, change: Change) -> tuple[bool, bool]:
    """(a conflict quotes the changed sentence against the original, anything else reported)."""
    local = other = False
    for c in report.conflicts:
        hit = any(
            cc.source == "changed" and cc.start < change.end and change.start < cc.end
            for cc in c.claims
        ) and any(cc.source == "original" for cc in c.claims)
        local, other = local or hit, other or not hit
    return local, other


Task = tuple[str, str, Source, Change]  # (edit | rewrite, kind, original, change)


def plan_changes(
    found: dict[str, list[Path]], n: int, seed: int, least: int = 0
) -> tuple[int, list[Task]]:
    """Edits and rewrites of `n` articles drawn with `seed` (each change seeded by the seed,
    file and kind); then, for kinds with fewer than `least` changes (office holders, "%"),
    further articles in the same drawn order, for those kinds only. Returns the articles read
    and the changes."""
    articles = [(inc, p) for inc, files in found.items() for p in files]
    order = list(articles)
    random.Random(seed).shuffle(order)
    names_of = {inc: office_names(p.read_text("utf-8", "replace")) for inc, p in articles}
    tasks: list[Task] = []
    count: dict[str, int] = defaultdict(int)
    read = 0
    kinds = [("edit", k) for k in EDIT_KINDS] + [("rewrite", k) for k in REWRITE_KINDS]
    for k, (inc, path) in enumerate(order):
        wanted = kinds if k < n else [(f, kd) for f, kd in kinds if count[kd] < least]
        if not wanted:
            break
        got = _article(path)
        read += 1
        if got is None:
            continue
        src, spans = got
        pool = sorted({x for other, xs in names_of.items() if other != inc for x in xs})
        for family, kind in wanted:
            rng = random.Random(f"{seed}:{path.name}:{kind}")
            if family == "edit":
                change = edit(src.text, spans, kind, rng, pool)
            else:
                change = rewrite(src.text, spans, kind, rng)
            if change is not None:
                tasks.append((family, kind, src, change))
                count[kind] += 1
    return read, tasks


def repeated(change: Change) -> bool:
    """Does the edited value still appear elsewhere in the article (the fact stated twice, so
    the edited copy contradicts itself)?"""
    rest = change.text[: change.start] + "\n" + change.text[change.end :]
    return re.search(rf"(?<!\w){re.escape(change.old)}(?!\w)", rest, re.I) is not None


def changed_sentences(drawn: int, tasks: list[Task], runners: dict[str, Runner]) -> dict[str, Any]:
    share = lambda xs: round(sum(xs) / len(xs), 4) if xs else None  # noqa: E731
    out: dict[str, Any] = {"articles": drawn}
    for who, run in runners.items():
        edits: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
        rewrites: dict[str, list[bool]] = defaultdict(list)
        rewritten_here: dict[str, list[bool]] = defaultdict(list)
        for family, kind, src, change in tasks:
            report = _safe(run, [src, Source("changed", change.text)])
            local, other = _quotes(report, change) if report else (False, False)
            if family == "rewrite":
                rewrites[kind].append(local or other)
                rewritten_here[kind].append(local)
                continue
            edits[kind]["localised"].append(local)
            edits[kind]["other"].append(other)
            if not repeated(change):
                edits[kind]["localised_unrepeated"].append(local)
        every = [x for v in rewrites.values() for x in v]
        out[who] = {
            "edits": {
                k: {
                    "n": len(v["localised"]),
                    "n_unrepeated": len(v["localised_unrepeated"]),
                    **{m: share(x) for m, x in v.items()},
                }
                for k, v in edits.items()
            },
            "rewrites": {
                k: {"n": len(v), "flagged": share(v), "at_sentence": share(rewritten_here[k])}
                for k, v in rewrites.items()
            },
            "rewrites_all": {"n": len(every), "flagged": share(every)},
        }
    return out


def prefetch(cached: CachedEmbedder, items: Sequence[Path | Source], chunk: int = 4096) -> int:
    """Embed every sentence the audits of `items` will embed, in a few large batches (far
    quicker than one small batch per audit); the audits then find them in the cache."""
    texts: dict[str, None] = {}
    for lo in range(0, len(items), 256):
        for src in ingest(list(items[lo : lo + 256])).sources:
            texts.update((s.text, None) for s in segment(src) if not s.furniture)
    unique = list(texts)
    for lo in range(0, len(unique), chunk):
        cached.encode(unique[lo : lo + chunk])
    return len(unique)


def _case_files(shared: Path, split: str) -> list[Path]:
    """The files of every eval case and basil event of `split` (for `prefetch`)."""
    roots = [shared / "eval" / name for name in (*EVAL_SETS, "basil")] + [ROOT / "fixtures/eval"]
    files = []
    for root in roots:
        for case in sorted(root.iterdir()) if root.is_dir() else ():
            if case.is_dir() and eval_split(case) == split:
                files += [p for p in sorted(case.iterdir()) if p.suffix in (".txt", ".md")]
    return files


# --- output -----------------------------------------------------------------------------


def _f(x: Any) -> str:
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def markdown(doc: dict[str, Any]) -> str:
    lines = [
        f"Held-out run: eval split `{doc['split']}`, corpus split `{doc['corpus_split']}`, "
        f"seed {doc['seed']}, {doc['date']}, {doc['seconds']:.0f} s",
        "",
        "| set | cases | checker P | R | localised | FPR | naive P | R | localised | FPR |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    keys = ("precision", "recall", "localised_recall", "false_positive_rate")
    for name, row in doc["eval"].items():
        if "skipped" in row:
            lines.append(f"| {name} | skipped: {row['skipped']} |")
            continue
        c, v = row["checker"]["overall"], row["naive"]["overall"]
        lines.append(
            f"| {name} | {c['cases']} | "
            + " | ".join(_f(c[k]) for k in keys)
            + " | "
            + " | ".join(_f(v[k]) for k in keys)
            + " |"
        )
    lines += ["", "| set | gold type | cases | checker R | localised | naive R | localised |"]
    lines.append("|---|---|---|---|---|---|---|")
    for name, row in doc["eval"].items():
        for t, c in row.get("checker", {}).get("types", {}).items():
            if t == "none":
                continue
            v = row["naive"]["types"][t]
            lines.append(
                f"| {name} | {t} | {c['cases']} | {_f(c['recall'])} | "
                f"{_f(c['localised_recall'])} | {_f(v['recall'])} | {_f(v['localised_recall'])} |"
            )
    lines += ["", "| agreeing real text | units | checker flagged | per unit | naive | per unit |"]
    lines.append("|---|---|---|---|---|---|")
    flag_rows = [("basil events", doc["basil"])]
    if "skipped" in doc["corpus"]:
        flag_rows.append(("corpus clusters and pairs", doc["corpus"]))
    else:
        for part, label in (("clusters_3plus", "corpus clusters 3+"), ("pairs", "corpus pairs")):
            flag_rows.append((label, {w: doc["corpus"][w][part] for w in ("checker", "naive")}))
    for label, row in flag_rows:
        if "skipped" in row:
            lines.append(f"| {label} | skipped: {row['skipped']} |")
            continue
        c, v = row["checker"], row["naive"]
        lines.append(
            f"| {label} | {c['units']} | {_f(c['share_flagged'])} | {_f(c['conflicts_per_unit'])}"
            f" | {_f(v['share_flagged'])} | {_f(v['conflicts_per_unit'])} |"
        )
    ch = doc["changes"]
    if "checker" in ch:
        lines += [
            "",
            f"Edited sentence ({ch['articles']} articles read: {doc['n']} for every kind, the "
            f"rest for kinds with under {doc.get('least', 0)} changes): localised = a conflict "
            "quotes it",
            "",
            "(unrepeated: the old value appears nowhere else in the article)",
            "",
            "| edit | n | checker localised | other reported | unrepeated: n | localised "
            "| naive localised | other | unrepeated |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for k in EDIT_KINDS:
            c, v = ch["checker"]["edits"].get(k), ch["naive"]["edits"].get(k)
            if c:
                lines.append(
                    f"| {k} | {c['n']} | {_f(c['localised'])} | {_f(c['other'])} | "
                    f"{c['n_unrepeated']} | {_f(c.get('localised_unrepeated'))} | "
                    f"{_f(v['localised'])} | {_f(v['other'])} | "
                    f"{_f(v.get('localised_unrepeated'))} |"
                )
        lines += [
            "",
            "| rewrite (same meaning) | n | checker flagged | at the sentence | naive flagged |",
            "|---|---|---|---|---|",
        ]
        for k in REWRITE_KINDS:
            c, v = ch["checker"]["rewrites"].get(k), ch["naive"]["rewrites"].get(k)
            if c:
                lines.append(
                    f"| {k} | {c['n']} | {_f(c['flagged'])} | {_f(c['at_sentence'])} "
                    f"| {_f(v['flagged'])} |"
                )
        c, v = ch["checker"]["rewrites_all"], ch["naive"]["rewrites_all"]
        lines.append(f"| all | {c['n']} | {_f(c['flagged'])} | | {_f(v['flagged'])} |")
    elif "skipped" in ch:
        lines += ["", f"Edited and rewritten sentences: skipped: {ch['skipped']}"]
    return "\n".join(lines) + "\n"


def _log(t0: float, what: str) -> None:
    print(f"[{time.perf_counter() - t0:6.0f} s] {what}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test"), default="test", help="eval cases")
    ap.add_argument("--corpus-split", choices=("train", "calib", "test"), default="test")
    ap.add_argument("--n", type=int, default=150, help="articles for the edit/rewrite checks")
    ap.add_argument(
        "--least", type=int, default=50, help="read further articles for kinds with fewer changes"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("-o", "--output", type=Path, default=None)
    ap.add_argument("--device", default="cpu")
    ap.add_argument(
        "--cache", type=Path, default=None, help="keep vectors in this SQLite file between runs"
    )
    args = ap.parse_args(argv)
    out = args.output or Path(tempfile.gettempdir()) / (
        f"checker-heldout-{args.split}-{args.corpus_split}-seed{args.seed}.json"
    )
    t0 = time.perf_counter()
    try:  # before minutes of embedding: a model that does not load would fail every unit
        load_model()
        embedder = default_embedder(device=args.device)
    except CheckerError as err:
        print(f"heldout: error: {err}", file=sys.stderr)
        return 2
    with (
        tempfile.TemporaryDirectory(prefix="heldout-") as tmp,
        Cache(args.cache or Path(tmp) / "c.db") as cache,
    ):
        runners = _runners(embedder, cache)
        cached = CachedEmbedder(embedder, cache)
        found = incidents(args.shared, args.corpus_split)
        drawn, tasks = plan_changes(found, args.n, args.seed, args.least) if found else (0, [])
        corpus_files = [p for files in found.values() for p in files]
        changed = [Source("changed", t[3].text) for t in tasks]
        _log(t0, f"embedding {prefetch(cached, _case_files(args.shared, args.split))} eval")
        _log(t0, f"embedding {prefetch(cached, corpus_files + changed)} corpus and changed")
        doc: dict[str, Any] = {
            "split": args.split,
            "corpus_split": args.corpus_split,
            "seed": args.seed,
            "n": args.n,
            "least": args.least,
            "date": time.strftime("%Y-%m-%d", time.gmtime()),
            "eval": eval_sets(args.shared, args.split, embedder, cache),
            "basil": basil(args.shared, args.split, runners),
        }
        _log(t0, "eval sets done")
        if found:
            doc["corpus"] = clusters(found, runners)
            _log(t0, "corpus done")
            doc["changes"] = changed_sentences(drawn, tasks, runners)
        else:
            note = f"no incidents of split {args.corpus_split} in {args.shared}/corpus/gva"
            doc["corpus"] = doc["changes"] = {"skipped": note}
    doc["seconds"] = round(time.perf_counter() - t0, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=2) + "\n", "utf-8")
    print(markdown(doc), end="")
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
