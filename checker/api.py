"""`audit()`: the one function that knows the order of the stages."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from checker.align import align, similarity_map
from checker.baseline import Baseline, apply_baseline, load_baseline
from checker.batch import Batch, gather
from checker.cache import Analysis, Cache, CachedEmbedder, open_cache, source_key
from checker.collect import fewer_collections
from checker.conflicts import sort_conflicts, without_repeats
from checker.embed import Embedder
from checker.errors import OptionError
from checker.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_SOURCES
from checker.locate import locate
from checker.model import (
    Claim,
    ClaimKind,
    Conflict,
    Report,
    Severity,
    Source,
    SourceSummary,
    Stats,
)
from checker.names import NameIndex
from checker.rules import (
    CompareContext,
    Document,
    Rule,
    make_rules,
    registry,
    rules_fingerprint,
)
from checker.rules.nli import NliRule
from checker.samefact import windows_for
from checker.segment import segment
from checker.updates import with_kinds

log = logging.getLogger(__name__)

ONE_SOURCE = (
    "only one source ({}): nothing to compare it with; give two or more articles about the "
    "same event"
)


@dataclass(frozen=True)
class Settings:
    """Audit settings. Similarities are cosine similarities in [-1, 1]."""

    threshold: float = 0.4  # least similarity for two sentences to be aligned
    top_k: int = 3  # neighbours kept per sentence in each other source
    disabled_rules: tuple[str, ...] = ()
    rule_settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    max_sources: int = DEFAULT_MAX_SOURCES  # more usable sources than this: InputError
    nli: str | None = None  # a CrossEncoder with a contradiction label; None: no NLI
    severity: Mapping[str, str] = field(default_factory=dict)  # rule code -> fixed severity

    def check(self) -> None:
        if not -1.0 <= self.threshold <= 1.0:
            raise OptionError(f"threshold {self.threshold} is outside [-1, 1]; try 0.5")
        if self.top_k < 1:
            raise OptionError(f"top-k {self.top_k} must be at least 1; try 3")
        if self.max_bytes < 1:
            raise OptionError("the maximum source size must be positive")
        for code, sev in self.severity.items():
            try:
                Severity(sev)
            except ValueError as err:
                raise OptionError(f"severity for {code}: {err}") from None
        if self.max_sources < 1:
            raise OptionError(f"max-sources {self.max_sources} must be at least 1; try 3000")


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


ProgressFn = Callable[[str, int, int], None]  # (stage, done, total)
EMBED_CHUNK = 1024  # sentences per encode call, so progress can be reported


@fewer_collections()
def audit(
    sources: Iterable[str | os.PathLike[str] | Source] | str | os.PathLike[str],
    *,
    model: str | None = None,
    embedder: Embedder | None = None,
    settings: Settings | None = None,
    reference: Iterable[str | os.PathLike[str] | Source] = (),
    baseline: str | os.PathLike[str] | Baseline | None = None,
    cache: str | os.PathLike[str] | Cache | None = None,
    progress: ProgressFn | None = None,
    backend: str = "torch",
    device: str | None = "auto",
    **options: Any,
) -> Report:
    """Audit articles about one event and report the claims they disagree on.

    `sources`: paths of files or directories, or `Source` objects. `model`: a
    sentence-transformers model name or path (default: the packaged all-MiniLM-L6-v2).
    `reference`: sources already accepted; they are compared with `sources` but only
    conflicts that involve at least one of `sources` are reported. `baseline`: a baseline
    file (or `Baseline`) whose conflicts are reported as known and never fail the run.
    `cache`: a SQLite cache path (or `Cache`) for sentences, claims and embeddings; None
    means no cache. `progress(stage, done, total)` is called as long stages advance.
    `backend` (`torch` or `onnx`) and `device` (`auto`, `cpu`, `cuda`) choose how it runs
    when no `embedder` is given.
    Keyword `options` override fields of `Settings` (threshold, top_k, disabled_rules, ...).
    Raises `InputError` when no usable source remains, `OptionError`, `ModelError`.
    """
    t0 = time.perf_counter()
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    sources = list(sources)
    settings = _settings(settings, options)
    rules = _rules(settings)
    extracting = rules_fingerprint([r for r in rules if r.code != NliRule.code])
    known = load_baseline(baseline) if isinstance(baseline, str | os.PathLike) else baseline

    batch = gather(sources, reference, settings)  # ingest
    store, cache_note = (cache, "") if isinstance(cache, Cache) else open_cache(cache)
    try:
        # segment, extract claims
        analyses = _analyse(batch.ordered, rules, extracting, store, progress)
        docs = [Document(s, a.sentences) for s, a in zip(batch.ordered, analyses, strict=True)]
        claims: list[Claim] = [c for a in analyses for c in a.claims]
        sentences = {(s.source_id, s.index): s for d in docs for s in d.sentences}
        # embed, align, embed the claims' masked contexts
        embedding = _embed_and_align(
            docs, claims, sentences, batch, settings, store, progress,
            embedder or (lambda: default_embedder(model, backend, device)),
        )  # fmt: skip
    finally:
        if store is not None and not isinstance(cache, Cache):
            store.close()
    # pair and compare, update or contradiction, severity, file positions, baseline
    conflicts = _compare(rules, claims, sentences, docs, embedding, batch, settings)
    ranked = locate(sort_conflicts(conflicts), batch.ordered)
    info = None
    if known is not None:
        ranked, info = apply_baseline(ranked, known, batch.new_ids if batch.refs.sources else None)

    extra: dict[str, Any] = {}
    if embedding.cached is not None:
        extra["cache"] = {"embedded": embedding.cached.embedded, "reused": embedding.cached.reused}
    notes = []
    if cache_note or (store is not None and store.failed):
        notes.append(cache_note or f"cache {store.path if store else cache} failed; ignored")
    if len(docs) == 1:
        notes.append(ONE_SOURCE.format(docs[0].source.id))
    if notes:
        extra["notes"] = notes
    return Report(
        sources=tuple(
            _summary(d.source, a, reference=d.source.id not in batch.new_ids)
            for d, a in zip(docs, analyses, strict=True)
        ),
        conflicts=ranked,
        stats=Stats(
            sources=len(docs),
            sentences=len(sentences),
            claims=len(claims),
            aligned_pairs=len(embedding.alignments),
            seconds=round(time.perf_counter() - t0, 2),
        ),
        skipped=(*batch.refs.skipped, *batch.ingested.skipped),
        model=embedding.model_name or (embedder.name if embedder else model or ""),
        baseline=info,
        extra=extra,
    )


def _settings(settings: Settings | None, options: Mapping[str, Any]) -> Settings:
    settings = settings or Settings()
    if options:
        unknown = set(options) - set(Settings.__dataclass_fields__)
        if unknown:
            raise OptionError(f"unknown option {', '.join(sorted(unknown))}")
        settings = Settings(**{**settings.__dict__, **options})
    settings.check()
    return settings


def _rules(settings: Settings) -> list[Rule]:
    """The enabled rules with their settings, NLI last when a model is given."""
    rules = make_rules(settings.disabled_rules, settings.rule_settings)
    if settings.severity:  # the registry reads entry points: only when there is something to check
        codes = {*registry(), NliRule.code}
        if unknown_codes := sorted(set(settings.severity) - codes):
            raise OptionError(
                f"severity for unknown rule {', '.join(unknown_codes)}; "
                f"choose from {', '.join(codes)}"
            )
    if settings.nli:
        rules.append(nli_rule(settings.nli))
    return rules


@dataclass(frozen=True)
class _Embedding:
    alignments: tuple[Any, ...] = ()
    windows: Mapping[str, np.ndarray] = field(default_factory=dict)
    cached: CachedEmbedder | None = None
    model_name: str = ""


def _embed_and_align(
    docs: Sequence[Document],
    claims: Sequence[Claim],
    sentences: Mapping[tuple[str, int], Any],
    batch: Batch,
    settings: Settings,
    store: Cache | None,
    progress: ProgressFn | None,
    embedder: Embedder | Callable[[], Embedder],
) -> _Embedding:
    """Sentence vectors, the aligned pairs, and the vectors of the claims' masked contexts.

    Nothing is embedded (and no model loaded) for a single source."""
    live = [s for d in docs for s in d.sentences if not s.furniture]
    if len(docs) < 2 or not live:
        return _Embedding()
    emb: Any = embedder if hasattr(embedder, "encode") else embedder()  # type: ignore[operator]
    cached = None
    if store is not None:
        emb = cached = CachedEmbedder(emb, store)
    vectors = _encode(emb, [s.text for s in live], progress)
    keys = [(s.source_id, s.index) for s in live]
    alignments = align(keys, vectors, threshold=settings.threshold, top_k=settings.top_k)
    if batch.refs.sources:  # pairs of reference sentences cannot give a reported conflict
        new = batch.new_ids
        alignments = tuple(a for a in alignments if a.a[0] in new or a.b[0] in new)
    windows = _window_vectors(emb, claims, sentences, alignments)
    return _Embedding(tuple(alignments), windows, cached, str(emb.name))


def _compare(
    rules: Sequence[Rule],
    claims: Sequence[Claim],
    sentences: Mapping[tuple[str, int], Any],
    docs: Sequence[Document],
    embedding: _Embedding,
    batch: Batch,
    settings: Settings,
) -> list[Conflict]:
    names = NameIndex(
        c.value if c.kind is ClaimKind.ROLE else c.quote
        for c in claims
        if c.kind in (ClaimKind.ENTITY, ClaimKind.ROLE)
    )
    ctx = CompareContext(
        sentences=sentences,
        similarity=similarity_map(embedding.alignments),
        names=names,
        source_order=[d.source.id for d in docs],
        window_vectors=embedding.windows,
    )
    by_rule: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_rule[c.rule].append(c)
    conflicts = without_repeats([cf for r in rules for cf in r.compare(by_rule[r.code], ctx)])
    if batch.refs.sources:
        conflicts = [c for c in conflicts if any(cc.source in batch.new_ids for cc in c.claims)]
    return [_with_severity(c, settings.severity) for c in with_kinds(conflicts, batch.ordered)]


def _analyse(
    sources: Sequence[Source],
    rules: Sequence[Rule],
    fp: str,
    store: Cache | None,
    progress: ProgressFn | None,
) -> list[Analysis]:
    """Each source's sentences and claims: from the cache when its content was seen before.

    `fp` is the fingerprint of the rules that extract claims (see `rules_fingerprint`)."""
    keys = [source_key(src, fp) for src in sources]
    found: dict[str, Analysis] = {}
    if store is not None:
        try:
            found = store.get_analyses(keys)
        except sqlite3.Error as err:
            log.warning("cache read failed: %s", err)
            store.failed = True
    out: list[Analysis] = []
    fresh: list[tuple[str, Analysis]] = []
    for n, (src, key) in enumerate(zip(sources, keys, strict=True), 1):
        got = found.get(key)
        if got is None:
            doc = Document(src, segment(src))
            got = Analysis(
                doc.sentences,
                tuple(c for s in doc.sentences for rule in rules for c in rule.extract(s, doc)),
            )
            fresh.append((key, got))
        out.append(got)
        if progress is not None:
            progress("analyse", n, len(sources))
    if store is not None and fresh and not store.failed:
        try:
            store.put_analyses(fresh)
        except sqlite3.Error as err:
            log.warning("cache write failed: %s", err)
            store.failed = True
    return out


def _encode(embedder: Embedder, texts: Sequence[str], progress: ProgressFn | None) -> np.ndarray:
    if progress is None or len(texts) <= EMBED_CHUNK:
        vectors = embedder.encode(texts)
        if progress is not None:
            progress("embed", len(texts), len(texts))
        return vectors
    parts = []
    for lo in range(0, len(texts), EMBED_CHUNK):
        parts.append(embedder.encode(texts[lo : lo + EMBED_CHUNK]))
        progress("embed", min(lo + EMBED_CHUNK, len(texts)), len(texts))
    return np.concatenate(parts)


def _window_vectors(
    embedder: Embedder,
    claims: Sequence[Claim],
    sentences: Mapping[tuple[str, int], Any],
    alignments: Sequence[Any],
) -> dict[str, np.ndarray]:
    """The masked context windows of the claims in aligned sentences, embedded (the same-fact
    model compares them)."""
    aligned = {k for a in alignments for k in (a.a, a.b)}
    texts = windows_for(claims, sentences, aligned)
    if not texts:
        return {}
    return dict(zip(texts, embedder.encode(texts), strict=True))


def _with_severity(conflict: Conflict, overrides: Mapping[str, str]) -> Conflict:
    """Apply a per-rule severity set in the settings (e.g. ENT at low)."""
    sev = overrides.get(conflict.rule)
    return replace(conflict, severity=Severity(sev)) if sev else conflict


def _summary(src: Source, analysis: Analysis, *, reference: bool) -> SourceSummary:
    return SourceSummary(
        id=src.id,
        path=src.path,
        title=src.title,
        sentences=len(analysis.sentences),
        claims=len(analysis.claims),
        encoding=src.encoding,
        notes=src.notes,
        reference=reference,
        url=src.url,
        published=src.published,
    )
