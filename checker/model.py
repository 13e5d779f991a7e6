"""Frozen values that flow through an audit: sources, sentences, claims, conflicts, the report."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from checker.serialize import report_to_dict, report_to_frame


class _StrEnum(enum.StrEnum):
    """A string enum whose bad values raise with the list of valid ones."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        valid = ", ".join(m.value for m in cls)
        raise ValueError(f"{value!r} is not a valid {cls.__name__}; choose one of: {valid}")

    def __str__(self) -> str:
        return str(self.value)


class Severity(_StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for high, 2 for low: sorts the most severe first."""
        return {"high": 0, "medium": 1, "low": 2}[self.value]


class ClaimKind(_StrEnum):
    NUMBER = "number"
    DATE = "date"
    ENTITY = "entity"
    ROLE = "role"
    POLARITY = "polarity"


class ConflictKind(_StrEnum):
    """A contradiction (both cannot be right) or an update (a later source, a later state)."""

    CONTRADICTION = "contradiction"
    UPDATE = "update"


class ConflictType(_StrEnum):
    NUMERIC = "numeric"
    DATE = "date"
    ENTITY = "entity"
    ROLE = "role"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Source:
    """One article as read. `text` is what every offset points into."""

    id: str
    text: str
    path: str = ""
    title: str = ""
    url: str = ""
    published: str = ""
    encoding: str = "utf-8"
    # Half-open character spans of page furniture (navigation, sponsor lines, bylines...):
    # kept in `text` so offsets stay true, but left out of claim extraction.
    furniture: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A source that could not be used, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a source: `text == source.text[start:end]`."""

    source_id: str
    index: int
    start: int
    end: int
    text: str
    furniture: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """A typed statement found in a sentence.

    `start`/`end` are character offsets of `quote` in the source text (half-open).
    `value` is the normalised value (a number, an ISO-like date string, a canonical name);
    `low`/`high` bound numbers (hedges make intervals); `key` says what the claim is about
    (the counted thing's lemma, the unit's dimension, the office and its scope).
    """

    rule: str
    kind: ClaimKind
    source_id: str
    sentence_index: int
    start: int
    end: int
    quote: str
    value: Any
    key: str
    low: float | None = None
    high: float | None = None
    unit: str = ""
    context: tuple[str, ...] = ()
    attribution: str = ""
    extra: tuple[tuple[str, Any], ...] = ()
    # `extra` as a dict (the first of two equal names wins): `get` is asked about a million
    # times in an audit of 1,000 articles. Derived, so not compared, hashed or shown.
    _details: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_details", dict(reversed(self.extra)))

    def get(self, name: str, default: Any = None) -> Any:
        """Look up a rule-specific detail stored in `extra`."""
        return self._details.get(name, default)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two sentences of different sources that say similar things (cosine similarity)."""

    a: tuple[str, int]
    b: tuple[str, int]
    similarity: float


@dataclass(frozen=True, slots=True)
class ConflictClaim:
    """One source's side of a conflict, with the whole sentence for context."""

    source: str
    text: str
    start: int
    end: int
    quote: str
    quote_start: int
    quote_end: int
    value: Any
    attribution: str = ""
    # 1-based line and column of the sentence's start and end in the file as written, for
    # annotations (SARIF, GitHub); 0 when the file position is unknown.
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    # The sentences just before and after `text` in the same source ("" at either end, or when
    # that neighbour is page furniture): context for a reader, never compared.
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    type: ConflictType
    severity: Severity
    score: float
    subject: str
    message: str
    claims: tuple[ConflictClaim, ...]
    rule: str = ""
    majority: Any = None
    outliers: tuple[str, ...] = ()
    known: bool = False  # recorded in the baseline: reported, but never fails the run
    kind: ConflictKind = ConflictKind.CONTRADICTION


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """A conflict recorded in a baseline file, by its fingerprint `id`."""

    id: str
    type: str = ""
    rule: str = ""
    severity: str = ""
    subject: str = ""
    message: str = ""
    sources: tuple[str, ...] = ()
    key: str = ""  # the dispute without its sources (conflicts.dispute_key); "" if not recorded
    # A reviewer's verdict from the HTML report: "real" or "not a conflict" ("" if none), and
    # their note. Both only describe the entry: any recorded entry is known, whatever it says.
    decision: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class BaselineInfo:
    """How a run compared with a baseline: which recorded conflicts no longer occur."""

    path: str
    known: int
    new: int
    stale: tuple[BaselineEntry, ...] = ()
    # (conflict id, decision, note) for each known conflict whose entry a reviewer judged, so
    # the review page opens with their verdicts.
    reviewed: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Stats:
    sources: int
    sentences: int
    claims: int
    aligned_pairs: int
    seconds: float


@dataclass(frozen=True, slots=True)
class SourceSummary:
    id: str
    path: str
    title: str
    sentences: int
    claims: int
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()
    reference: bool = False  # given with --against: already accepted, compared but not audited
    url: str = ""
    published: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    sources: tuple[SourceSummary, ...]
    conflicts: tuple[Conflict, ...]
    stats: Stats
    skipped: tuple[Skipped, ...] = ()
    model: str = ""
    baseline: BaselineInfo | None = None
    schema: str = "checker-report/1"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of docs/SPEC.md (plus its compatible extensions)."""
        return report_to_dict(self)

    def to_frame(self) -> Any:
        """A pandas DataFrame with one row per claim of a conflict."""
        return report_to_frame(self)

    def without_timing(self) -> Report:
        """The same report with `stats.seconds` zeroed, for byte-for-byte comparisons."""
        from dataclasses import replace

        return replace(self, stats=replace(self.stats, seconds=0.0))

    def count_at_or_above(self, severity: Severity) -> int:
        """Conflicts at or above `severity` that are not known from a baseline."""
        return sum(1 for c in self.conflicts if not c.known and c.severity.rank <= severity.rank)
