"""A value stated again elsewhere excuses a disagreement, except between two versions of one
sentence: there the changed value is the news."""

from __future__ import annotations

from checker.api import audit
from checker.model import Source

ORIGINAL = (
    "Six people were injured in the crash on the coast road on Tuesday night. "
    "Firefighters freed two drivers from their cars. "
    "Police said six people were injured and two were in a critical condition."
)
EDITED = ORIGINAL.replace("Six people were injured", "Four people were injured")


def test_an_edited_sentence_is_reported_though_the_old_value_recurs(embedder) -> None:
    report = audit(
        [Source("original", ORIGINAL), Source("edited", EDITED)], embedder=embedder, cache=None
    )
    quotes = sorted(cc.quote for c in report.conflicts for cc in c.claims)
    assert quotes == ["Four people", "Six people"], report.conflicts


def test_the_same_value_elsewhere_still_excuses_a_loose_match(embedder) -> None:
    a = "Two suspects were arrested on Friday after the shooting, police said."
    b = (
        "Police said on Friday they were still looking for three suspects in the shooting. "
        "Two suspects were arrested on Friday."
    )
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    assert not [c for c in report.conflicts if c.rule == "NUM"], report.conflicts
