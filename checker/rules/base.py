"""What a rule is: an extractor and a comparator side by side, with a stable code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence, Source
from checker.names import NameIndex


@dataclass(frozen=True)
class Document:
    """A source with its sentences, as the extractors see it."""

    source: Source
    sentences: tuple[Sentence, ...]


@dataclass
class CompareContext:
    """Everything a comparator may look at: sentences, alignments, canonical names."""

    sentences: Mapping[tuple[str, int], Sentence]
    similarity: Mapping[tuple[tuple[str, int], tuple[str, int]], float]
    names: NameIndex
    source_order: Sequence[str]
    claims_by_sentence: dict[tuple[str, int], list[Claim]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # Unit vectors of the claims' masked context windows (`checker.frames.Frame.window`),
    # embedded with the sentences; a window missing here falls back on sentence similarity.
    window_vectors: Mapping[str, Any] = field(default_factory=dict)

    def sim(self, a: tuple[str, int], b: tuple[str, int]) -> float:
        """Cosine similarity of two aligned sentences, 0.0 if they were not aligned."""
        return self.similarity.get((a, b)) or self.similarity.get((b, a)) or 0.0

    def aligned_pairs(self) -> list[tuple[tuple[str, int], tuple[str, int], float]]:
        """Aligned sentence pairs (each once), most similar first, ties by position.

        Computed once per context (every pairwise rule walks them); a copy is returned.
        """
        cached = self.__dict__.get("_aligned_pairs")
        if cached is not None and cached[0] is self.similarity:
            return list(cached[1])
        seen = set()
        out = []
        for (a, b), s in self.similarity.items():
            key = (a, b) if a <= b else (b, a)
            if key in seen:
                continue
            seen.add(key)
            out.append((key[0], key[1], s))
        out.sort(key=lambda t: (-t[2], t[0], t[1]))
        self.__dict__["_aligned_pairs"] = (self.similarity, out)
        return list(out)


def whole_sentence_claim(
    s: Sentence, rule: str, value: str, key: str, attribution: str = ""
) -> Claim:
    """A claim that quotes a whole sentence (a side of a polarity or NLI conflict)."""
    return Claim(
        rule=rule,
        kind=ClaimKind.POLARITY,
        source_id=s.source_id,
        sentence_index=s.index,
        start=s.start,
        end=s.end,
        quote=s.text,
        value=value,
        key=key,
        attribution=attribution,
    )


class Rule(Protocol):
    code: str
    conflict_type: ConflictType

    def extract(self, sentence: Sentence, doc: Document) -> list[Claim]:
        """Claims found in one sentence; offsets into the source text."""
        ...

    def compare(self, claims: Sequence[Claim], ctx: CompareContext) -> list[Conflict]:
        """Conflicts among this rule's claims from different sources."""
        ...
