"""Street addresses and clock times are not quantities or years."""

from __future__ import annotations

import pytest

from checker.addresses import address_spans
from checker.model import Sentence, Source
from checker.rules.base import Document
from checker.rules.dates import DateRule
from checker.rules.numeric import NumericRule


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("He was found in the 1400 block of Elm Street.", ["1400 block"]),
        ("Officers went to 3320 W. Oak Ave. after the call.", ["3320 W. Oak Ave."]),
        ("A truck overturned on Route 9 near the bridge.", ["Route 9"]),
        ("The alarm rang around 10 p.m. on Friday.", ["10 p.m."]),
        ("The hearing starts at 9:30 a.m. tomorrow.", ["9:30 a.m."]),
        ("Twelve people were hurt and 3 were taken to hospital.", []),
        ("The 1,460 residents of the village left.", []),
    ],
)
def test_address_spans(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in address_spans(text)] == spans


def _claims(text: str):
    s = Sentence("a", 0, 0, len(text), text)
    doc = Document(Source("a", text), (s,))
    return NumericRule().extract(s, doc) + DateRule().extract(s, doc)


def test_times_give_no_claims_and_addresses_no_dates() -> None:
    claims = _claims("Two men were shot in the 1460 block of Pine Street around 11 p.m.")
    assert [(c.rule, c.quote) for c in claims] == [("NUM", "Two men")]
