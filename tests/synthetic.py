"""A synthetic report of many conflicts, for the review page's size and speed tests."""

from __future__ import annotations

from checker.model import (
    Conflict,
    ConflictClaim,
    ConflictType,
    Report,
    Severity,
    SourceSummary,
    Stats,
)


def synthetic_report(n: int = 1000, sources: int = 20) -> Report:
    """`n` conflicts between `sources` sources, each with two quotes and their context."""
    summaries = tuple(
        SourceSummary(id=f"s{i:02d}", path=f"s{i:02d}.txt", title=f"Article {i}", sentences=50,
                      claims=80, url=f"https://example.org/{i}", published="2024-06-20")
        for i in range(sources)
    )  # fmt: skip
    types = list(ConflictType)
    sevs = list(Severity)
    conflicts = []
    for k in range(n):
        a, b = k % sources, (k * 7 + 1) % sources
        b = b if b != a else (a + 1) % sources
        claims = tuple(
            ConflictClaim(
                source=f"s{s:02d}", text=f"Officials said {v} people were evacuated on day {k}.",
                start=100, end=150, quote=f"{v} people", quote_start=115,
                quote_end=115 + len(f"{v} people"), value=v, line=3, column=1,
                before="The river rose overnight.", after="Shelters opened in schools.",
            )
            for s, v in ((a, 100 + k), (b, 200 + k))
        )  # fmt: skip
        conflicts.append(
            Conflict(id=f"{k:012x}", type=types[k % len(types)], severity=sevs[k % 3],
                     score=0.5 + (k % 50) / 100, subject=f"people (evacuated, day {k})",
                     message=f"{100 + k} people vs {200 + k} people", claims=claims, rule="NUM")
        )  # fmt: skip
    return Report(
        sources=summaries,
        conflicts=tuple(conflicts),
        stats=Stats(sources=sources, sentences=1000, claims=1600, aligned_pairs=5000, seconds=0),
    )
