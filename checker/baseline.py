"""Baselines: conflicts acknowledged once, by fingerprint, so that only new ones fail a run.

A baseline file is JSON (`checker-baseline/1`): the conflicts of a run, each by its `id` (the
fingerprint of type, subject, values and source ids; see `conflicts.fingerprint`) with enough
detail for a person to read it. Applying it marks matching conflicts `known` and lists the
recorded ones that no longer occur as stale, so the file can be pruned.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from checker.conflicts import dispute_key
from checker.errors import InputError
from checker.files import read_text
from checker.model import BaselineEntry, BaselineInfo, Conflict, Report
from checker.serialize import entry_to_dict

SCHEMA = "checker-baseline/1"


@dataclass(frozen=True, slots=True)
class Baseline:
    """The recorded conflicts of a baseline file, by id."""

    path: str
    entries: tuple[BaselineEntry, ...]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entries)


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; raises `InputError` naming the file and what to do."""
    where = str(path)
    hint = f"; create it with: checker baseline SOURCE... -o {where}"
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise InputError(f"baseline {where} does not exist{hint}") from None
    except OSError as err:
        raise InputError(f"cannot read baseline {where}: {err.strerror or err}") from None
    except ValueError as err:  # a pipe, a device, too big, not UTF-8
        raise InputError(f"cannot read baseline {where}: {err}") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise InputError(f"baseline {where} is not valid JSON ({err}){hint}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(f"baseline {where} is not a {SCHEMA} document{hint}")
    rows = data.get("conflicts")
    if not isinstance(rows, list):
        raise InputError(f"baseline {where} has no 'conflicts' list{hint}")
    entries = []
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not row["id"]:
            raise InputError(f"baseline {where}: conflict {n} has no string 'id'{hint}")
        sources = row.get("sources") or []
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise InputError(
                f"baseline {where}: conflict {n}: 'sources' must be a list of source ids{hint}"
            )
        entries.append(
            BaselineEntry(
                id=row["id"],
                type=str(row.get("type", "")),
                rule=str(row.get("rule", "")),
                severity=str(row.get("severity", "")),
                subject=str(row.get("subject", "")),
                message=str(row.get("message", "")),
                sources=tuple(sources),
                key=str(row.get("key", "")),
                decision=str(row.get("decision", "") or ""),
                note=str(row.get("note", "") or ""),
            )
        )
    return Baseline(path=where, entries=tuple(entries))


def _matches(entry: BaselineEntry, conflict: Conflict) -> bool:
    """The same conflict, or the same dispute now also held by further sources."""
    if entry.id == conflict.id:
        return True
    sources = {cc.source for cc in conflict.claims}
    return bool(entry.key) and entry.key == dispute_key(conflict) and set(entry.sources) <= sources


def in_scope(entry: BaselineEntry, scope: frozenset[str] | None) -> bool:
    """Whether a run over `scope` (the new sources; None: every source) can judge an entry:
    with --against, a conflict among references only is never reported, so never stale."""
    return scope is None or not entry.sources or any(s in scope for s in entry.sources)


def apply_baseline(
    conflicts: Sequence[Conflict], baseline: Baseline, scope: frozenset[str] | None = None
) -> tuple[tuple[Conflict, ...], BaselineInfo]:
    """Mark the conflicts recorded in `baseline` as known; list recorded ones now absent.

    A conflict is known when an entry has its id, or records the same dispute (type, subject,
    values) between sources it still involves. Entries outside `scope` are never stale.
    """
    marked = tuple(
        replace(c, known=any(_matches(e, c) for e in baseline.entries)) for c in conflicts
    )
    stale = tuple(
        sorted(
            (
                e
                for e in baseline.entries
                if in_scope(e, scope) and not any(_matches(e, c) for c in conflicts)
            ),
            key=lambda e: e.id,
        )
    )
    known = sum(1 for c in marked if c.known)
    judged = [e for e in baseline.entries if e.decision or e.note]
    reviewed = []
    for c in marked:
        e = next((e for e in judged if _matches(e, c)), None) if c.known else None
        if e is not None:
            reviewed.append((c.id, e.decision, e.note))
    return marked, BaselineInfo(
        path=baseline.path,
        known=known,
        new=len(marked) - known,
        stale=stale,
        reviewed=tuple(reviewed),
    )


def entry_for(conflict: Conflict) -> BaselineEntry:
    return BaselineEntry(
        id=conflict.id,
        type=conflict.type.value,
        rule=conflict.rule,
        severity=conflict.severity.value,
        subject=conflict.subject,
        message=conflict.message,
        sources=tuple(sorted({cc.source for cc in conflict.claims})),
        key=dispute_key(conflict),
    )


def baseline_document(
    report: Report,
    keep: Baseline | None = None,
    carry: Sequence[BaselineEntry] = (),
    previous: Baseline | None = None,
) -> dict[str, Any]:
    """The baseline file for a report's conflicts (sorted by id, no timestamps).

    With `keep`, only the conflicts already recorded there are written: stale entries are
    pruned and nothing new is accepted. `carry` entries (those a run with references could
    not judge) are written unchanged. A reviewer's decision and note recorded in `keep` (or
    in `previous`, the file being rewritten) stay with the dispute they judged.
    """
    conflicts = [
        c for c in report.conflicts if keep is None or any(_matches(e, c) for e in keep.entries)
    ]
    judged = [e for e in (keep or previous or Baseline("", ())).entries if e.decision or e.note]
    entries = {e.id: e for e in carry}
    for c in conflicts:
        old = next((e for e in judged if _matches(e, c)), None)
        new = entry_for(c)
        entries[c.id] = replace(new, decision=old.decision, note=old.note) if old else new
    return {
        "schema": SCHEMA,
        "conflicts": [entry_to_dict(e) for e in sorted(entries.values(), key=lambda e: e.id)],
    }


def merge_review(existing: Baseline | None, review: Baseline) -> dict[str, Any]:
    """A baseline with a review's entries (as the HTML report downloads them) added to
    `existing`: a reviewed id replaces the recorded one, keeping the decision and note the
    review lacks (a known conflict the reviewer left alone)."""
    entries = {e.id: e for e in existing.entries} if existing else {}
    for e in review.entries:
        old = entries.get(e.id)
        if old is not None:
            e = replace(e, decision=e.decision or old.decision, note=e.note or old.note)
        entries[e.id] = e
    return {
        "schema": SCHEMA,
        "conflicts": [entry_to_dict(e) for e in sorted(entries.values(), key=lambda e: e.id)],
    }


def format_baseline(
    report: Report,
    keep: Baseline | None = None,
    carry: Sequence[BaselineEntry] = (),
    previous: Baseline | None = None,
) -> str:
    doc = baseline_document(report, keep, carry, previous)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
