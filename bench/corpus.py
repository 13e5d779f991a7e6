"""A reproducible benchmark corpus: N article variants across many events, from local files.

Events are the folders that hold articles about one story: each case under `fixtures/` and
`fixtures/eval/`, `seeds/`, and each case under `../shared/eval/` when present. Articles are
dealt round-robin over the events, so N articles give about N / events articles per event
(event size grows with N, as in a real mixed batch). Article `i` is a variant of one of its
event's sources, rewritten by a random generator seeded with `i`: some sentences dropped, some
adjacent ones swapped, a sentence borrowed from another source of the event, and now and then a
number changed, so alignment has real work and comparisons find real disagreements.
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

from checker.ingest import ingest
from checker.model import Source
from checker.segment import segment

ROOT = Path(__file__).resolve().parent.parent
_SKIP = {"gold.json", "expect.json", "README.md"}
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})*\b")


def event_dirs(root: Path = ROOT) -> list[Path]:
    """Folders holding the articles of one event, in a fixed order."""
    dirs = [d for d in sorted((root / "fixtures").iterdir()) if d.is_dir() and d.name != "eval"]
    dirs += [d for d in sorted((root / "fixtures" / "eval").iterdir()) if d.is_dir()]
    dirs.append(root / "seeds")
    shared = root.parent / "shared" / "eval"
    if shared.is_dir():
        for sub in sorted(shared.iterdir()):
            if sub.is_dir():
                dirs += [d for d in sorted(sub.iterdir()) if d.is_dir()]
    return dirs


def events(root: Path = ROOT) -> list[list[list[str]]]:
    """Per event, per source, the source's sentences (furniture left out)."""
    out = []
    for d in event_dirs(root):
        files = [
            p
            for p in sorted(d.iterdir())
            if p.is_file() and p.name not in _SKIP and not p.name.endswith(".golden")
        ]
        sources = ingest(files).sources if files else ()
        texts = [[s.text for s in segment(src) if not s.furniture] for src in sources]
        texts = [t for t in texts if t]
        if texts:
            out.append(texts)
    return out


def variant(event: list[list[str]], v: int, seed: int) -> str:
    """Variant `v` of an event: a rewrite of its source `v` (cyclically), seeded by `seed`."""
    rng = random.Random(seed)
    base = list(event[v % len(event)])
    kept = [s for s in base if rng.random() >= 0.1] or base[:1]
    for j in range(len(kept) - 1):
        if rng.random() < 0.1:
            kept[j], kept[j + 1] = kept[j + 1], kept[j]
    other = event[rng.randrange(len(event))]
    kept.insert(rng.randrange(len(kept) + 1), other[rng.randrange(len(other))])
    if rng.random() < 0.3:  # one outlet's figure differs from the others'
        j = rng.randrange(len(kept))
        kept[j] = _NUMBER.sub(lambda m: _bump(m.group(0), rng), kept[j], count=1)
    paragraphs = [" ".join(kept[k : k + 4]) for k in range(0, len(kept), 4)]
    return "\n\n".join(paragraphs) + "\n"


def _bump(number: str, rng: random.Random) -> str:
    value = int(number.replace(",", ""))
    return f"{value + rng.choice((1, 2, 10)):,}" if "," in number else str(value + 1)


def corpus(n: int, root: Path = ROOT) -> list[Source]:
    """`n` articles with ids `00000_e012` (article number, event number), in that order."""
    evs = events(root)
    out = []
    for i in range(n):
        e = i % len(evs)
        out.append(Source(id=f"{i:05d}_e{e:03d}", text=variant(evs[e], i // len(evs), i)))
    return out


def fingerprint(sources: list[Source]) -> str:
    """A short digest of the corpus, printed so two runs can be seen to audit the same text."""
    digest = hashlib.sha256()
    for s in sources:
        digest.update(s.id.encode() + b"\0" + s.text.encode() + b"\0")
    return digest.hexdigest()[:12]
