"""`audit()`: the one function that knows the order of the stages."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.align import align, similarity_map
from checker.conflicts import sort_conflicts
from checker.embed import Embedder
from checker.errors import InputError, OptionError
from checker.ingest import DEFAULT_MAX_BYTES, ingest
from checker.model import Claim, ClaimKind, Report, Sentence, Source, SourceSummary, Stats
from checker.names import NameIndex
from checker.rules import CompareContext, Document, make_rules
from checker.rules.nli import NliRule
from checker.segment import segment


@dataclass(frozen=True)
class Settings:
    """Audit settings. Similarities are cosine similarities in [-1, 1]."""

    threshold: float = 0.4  # least similarity for two sentences to be aligned
    top_k: int = 3  # neighbours kept per sentence in each other source
    disabled_rules: tuple[str, ...] = ()
    rule_settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    nli: str | None = None  # a CrossEncoder with a contradiction label; None: no NLI

    def check(self) -> None:
        if not -1.0 <= self.threshold <= 1.0:
            raise OptionError(f"threshold {self.threshold} is outside [-1, 1]; try 0.5")
        if self.top_k < 1:
            raise OptionError(f"top-k {self.top_k} must be at least 1; try 3")
        if self.max_bytes < 1:
            raise OptionError("the maximum source size must be positive")


_EMBEDDERS: dict[tuple[str, str, str], Embedder] = {}
_NLI: dict[str, NliRule] = {}


def nli_rule(model: str) -> NliRule:
    """A process-wide NLI rule per model, so its cross-encoder loads once."""
    if model not in _NLI:
        _NLI[model] = NliRule(model)
    return _NLI[model]


def default_embedder(
    model: str | None = None, backend: str = "torch", device: str | None = "auto"
) -> Embedder:
    """A process-wide embedder per model, backend and device, so the model loads once."""
    from checker.backends import make_embedder, resolve_device

    key = (model or "", backend, resolve_device(device, backend))
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = make_embedder(model, backend, key[2])
    return _EMBEDDERS[key]


def audit(
    sources: Iterable[str | os.PathLike[str] | Source] | str | os.PathLike[str],
    *,
    model: str | None = None,
    embedder: Embedder | None = None,
    settings: Settings | None = None,
    backend: str = "torch",
    device: str | None = "auto",
    **options: Any,
) -> Report:
    """Audit articles about one event and report the claims they disagree on.

    `sources`: paths of files or directories, or `Source` objects. `model`: a
    sentence-transformers model name or path (default: the packaged all-MiniLM-L6-v2).
    `backend` (`torch` or `onnx`) and `device` (`auto`, `cpu`, `cuda`) choose how it runs
    when no `embedder` is given.
    Keyword `options` override fields of `Settings` (threshold, top_k, disabled_rules, ...).
    Raises `InputError` when no usable source remains, `OptionError`, `ModelError`.
    """
    t0 = time.perf_counter()
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    sources = list(sources)
    settings = settings or Settings()
    if options:
        unknown = set(options) - set(Settings.__dataclass_fields__)
        if unknown:
            raise OptionError(f"unknown option {', '.join(sorted(unknown))}")
        settings = Settings(**{**settings.__dict__, **options})
    settings.check()
    rules = make_rules(settings.disabled_rules, settings.rule_settings)
    if settings.nli:
        rules.append(nli_rule(settings.nli))

    ingested = ingest(list(sources), max_bytes=settings.max_bytes)
    if not ingested.sources:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in ingested.skipped[:3])
        given = ", ".join(str(s) for s in list(sources)[:3] if not isinstance(s, Source))
        where = f" in {given}" if given else ""
        detail = f" ({reasons})" if reasons else "; give .txt .md .html .json or .jsonl files"
        raise InputError(f"no usable source{where}{detail}")
    # Sources in id order, so the same files give the same report whatever order they came in.
    ordered = sorted(ingested.sources, key=lambda s: s.id)
    docs = [Document(src, segment(src)) for src in ordered]
    claims: list[Claim] = [
        c for doc in docs for s in doc.sentences for rule in rules for c in rule.extract(s, doc)
    ]

    sentences = {(s.source_id, s.index): s for d in docs for s in d.sentences}
    live = [s for d in docs for s in d.sentences if not s.furniture]
    alignments: tuple = ()
    if len(docs) > 1 and live:
        embedder = embedder or default_embedder(model, backend, device)
        vectors = embedder.encode([s.text for s in live])
        keys = [(s.source_id, s.index) for s in live]
        alignments = align(keys, vectors, threshold=settings.threshold, top_k=settings.top_k)
    model_name = embedder.name if embedder is not None else (model or "")

    names = NameIndex(
        c.value if c.kind is ClaimKind.ROLE else c.quote
        for c in claims
        if c.kind in (ClaimKind.ENTITY, ClaimKind.ROLE)
    )
    ctx = CompareContext(
        sentences=sentences,
        similarity=similarity_map(alignments),
        names=names,
        source_order=[d.source.id for d in docs],
    )
    by_rule: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_rule[c.rule].append(c)
    conflicts = [cf for rule in rules for cf in rule.compare(by_rule[rule.code], ctx)]

    return Report(
        sources=tuple(_summary(d.source, d.sentences, claims) for d in docs),
        conflicts=sort_conflicts(conflicts),
        stats=Stats(
            sources=len(docs),
            sentences=len(sentences),
            claims=len(claims),
            aligned_pairs=len(alignments),
            seconds=round(time.perf_counter() - t0, 2),
        ),
        skipped=ingested.skipped,
        model=model_name,
    )


def _summary(src: Source, sentences: Sequence[Sentence], claims: Sequence[Claim]) -> SourceSummary:
    return SourceSummary(
        id=src.id,
        path=src.path,
        title=src.title,
        sentences=len(sentences),
        claims=sum(1 for c in claims if c.source_id == src.id),
        encoding=src.encoding,
        notes=src.notes,
    )
