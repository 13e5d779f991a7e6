"""The sources of one run: the new ones and the references, read, named and in id order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from checker.errors import InputError
from checker.ingest import Ingested, ingest, unique_ids
from checker.model import Source

if TYPE_CHECKING:
    from checker.api import Settings


@dataclass(frozen=True)
class Batch:
    """The sources of one run: new ones and references, in id order."""

    ingested: Ingested
    refs: Ingested
    new_ids: frozenset[str]
    ordered: tuple[Source, ...]


def gather(
    sources: Sequence[str | os.PathLike[str] | Source],
    reference: Iterable[str | os.PathLike[str] | Source],
    settings: Settings,
) -> Batch:
    ingested = ingest(sources, max_bytes=settings.max_bytes)
    refs = references(reference, ingested, settings.max_bytes)
    if refs.sources:  # a new source never takes the id of an accepted one
        ingested = replace(
            ingested, sources=unique_ids(ingested.sources, [s.id for s in refs.sources])
        )
    if not ingested.sources:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in ingested.skipped[:3])
        given = ", ".join(str(s) for s in list(sources)[:3] if not isinstance(s, Source))
        where = f" in {given}" if given else ""
        detail = f" ({reasons})" if reasons else "; give .txt .md .html .json or .jsonl files"
        raise InputError(f"no usable source{where}{detail}")
    found = len(ingested.sources) + len(refs.sources)
    if found > settings.max_sources:
        raise InputError(
            f"found {found:,} usable sources, over the limit of {settings.max_sources:,}; "
            f"raise --max-sources to {found} or audit fewer at a time"
        )
    # Sources in id order, so the same files give the same report whatever order they came in.
    ordered = tuple(sorted((*refs.sources, *ingested.sources), key=lambda s: s.id))
    return Batch(ingested, refs, frozenset(s.id for s in ingested.sources), ordered)


def references(
    reference: Iterable[str | os.PathLike[str] | Source], new: Ingested, max_bytes: int
) -> Ingested:
    """The accepted sources, less any file also given as new (say, a changed article that a
    pre-commit hook passes while its folder is the reference)."""
    refs = ingest(list(reference), max_bytes=max_bytes)
    new_paths = {os.path.realpath(s.path) for s in new.sources if s.path}
    kept = tuple(s for s in refs.sources if not s.path or os.path.realpath(s.path) not in new_paths)
    new_paths |= {os.path.realpath(s.path) for s in new.skipped}  # named once, as new
    skipped = tuple(s for s in refs.skipped if os.path.realpath(s.path) not in new_paths)
    return Ingested(kept, skipped)
