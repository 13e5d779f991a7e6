"""The offset invariant, checked on any text: ingest, segment and every rule's extractor."""

from __future__ import annotations

from checker.ingest import ingest
from checker.model import Source
from checker.rules import make_rules
from checker.rules.base import Document
from checker.segment import segment

RULES = make_rules()


def assert_offsets_true(text: str, source_id: str = "a") -> None:
    """Every sentence, claim and furniture span points at exactly its text, in order."""
    source = ingest([Source(id=source_id, text=text)]).sources[0]
    sentences = segment(source)
    doc = Document(source, sentences)
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert s.text == source.text[s.start : s.end]
        assert s.text.strip()
        assert previous_end <= s.start < s.end <= len(source.text)
        previous_end = s.end
        for rule in RULES:
            for claim in rule.extract(s, doc):
                assert claim.source_id == source.id
                assert claim.sentence_index == s.index
                assert s.start <= claim.start <= claim.end <= s.end, (rule.code, claim.quote)
                assert source.text[claim.start : claim.end] == claim.quote, rule.code
    for a, b in source.furniture:
        assert 0 <= a < b <= len(source.text)
