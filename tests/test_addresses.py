"""Street addresses and clock times are not quantities or years."""

from __future__ import annotations

import pytest

from checker.addresses import address_spans, label_spans
from checker.model import Sentence, Source
from checker.numbers import find_quantities
from checker.rules.base import Document
from checker.rules.dates import DateRule
from checker.rules.numeric import NumericRule


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("He was found in the 1400 block of Elm Street.", ["1400 block"]),
        ("Police closed the 2000 blocks of Main Street.", ["2000 blocks"]),
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
    # the block number is a place's number (NUM compares it: "the 500 block" / "the 800
    # block" of one street disagree), never the year 1460; the clock time is nothing
    assert [(c.rule, c.quote) for c in claims] == [("NUM", "Two men"), ("NUM", "1460 block")]


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("in the 14600 block of E. 14th Street", "on the 14500 block of East 14th Street", False),
        ("in the 1400 block of Elm Street", "the 1400 block of Elm", True),
        ("in the 700 blocks of Elm Street", "in the 680 block of Elm Street", False),
        # a range of blocks holds the blocks inside it, and only those
        ("between the 400 and the 700 blocks of Elm", "the 500 block of Elm", True),
        ("between the 400 and the 700 blocks of Elm", "the 380 block of Elm", False),
        ("about 5,600 residents", "5,650 residents", True),  # a round count stays rounded
    ],
)
def test_block_numbers_are_exact(a: str, b: str, agree: bool) -> None:
    # A block number names a place, so two adjacent hundred-blocks are two places, while
    # "5,600" as a count may be a rounded 5,650.
    from checker.rules.numeric import _agree

    (ca,), (cb,) = _claims(a), _claims(b)
    assert _agree(ca, cb) is agree


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("in the 9200 block of South Hosmer Street", "at 9210 S. Hosmer Street", True),
        ("in the 1500 block of S. White Station Road", "at 1576 S. White Station Road", True),
        ("in the 400 block of 14th Street", "at 499 14th Street", True),
        ("in the 1500 block of S. Main Street", "at 1620 S. Main Street", False),
        ("in the 1500 block of S. Main Street", "at 1499 S. Main Street", False),
        ("the gunman ran 200 blocks", "250 of them", False),  # a count of blocks
        ("at 1576 S. White Station Road", "at 1567 S. White Station Road", False),
    ],
)
def test_a_block_holds_the_house_numbers_of_its_hundred(a: str, b: str, agree: bool) -> None:
    # "the 9200 block" is house numbers 9200-9299; a house number reads as a bare count
    from checker.rules.numeric import _agree

    (ca,), (cb,) = _claims(a), _claims(b)
    assert _agree(ca, cb) is agree
    assert _agree(cb, ca) is agree


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("contact the department at 618-457-3200.", ["618-457-3200"]),
        ("urged to call Crime Stoppers at 214-373-TIPS.", ["214-373-TIPS"]),
        ("9-1-1 calls released from the bar shooting", ["9-1-1"]),
        ("the shooting led to 50 911 calls", ["911 calls"]),
        ("call 911 or the police at (214) 671-4259.", ["call 911", "(214) 671-4259"]),
        ("since the 9/11 attacks, $911 in cash and 911.5 miles", []),
        ("on Sept. 9-11, for ages 9-11, after a 91-1 vote, 911 homes were hit", []),
        ("a 100-year-old house on a 200-mile road", []),
        ("call (555) 123-4567 now", ["(555) 123-4567"]),
        (
            "URL: http://x.com/a/article_5dd5-54c3-a868.html",
            ["http://x.com/a/article_5dd5-54c3-a868.html"],
        ),
        ("see www.example.com/2016/10/story", ["www.example.com/2016/10/story"]),
        ("Image 12 of 33 Law enforcement officers", ["Image 12 of 33"]),
        ("Houston Chronicle Image 1 of / 33 Caption Close", ["Image 1 of / 33"]),
        ("Four people were shot in 2014-2015 and a 12-3 vote followed", []),
        ("three of the four victims", []),
    ],
)
def test_labels_are_no_quantities(text: str, labels: list[str]) -> None:
    assert [text[a:b] for a, b in label_spans(text)] == labels
    found = {(q.start, q.end) for q in find_quantities(text, label_spans(text))}
    assert not any(a < e and s < b for s, e in found for a, b in label_spans(text))


def test_labels_are_not_compared(embedder) -> None:
    from checker.api import audit

    a = "Anyone with information is asked to call the county police department at 618-457-3200."
    b = "Anyone with information is asked to call the county police department at 618-457-3100."
    c = "Image 12 of 33 Law enforcement officers surround a shooting suspect in his car."
    d = "Image 7 of 32 Law enforcement officers surround a shooting suspect in his car."
    report = audit(
        [Source("a", a + " " + c), Source("b", b + " " + d)], embedder=embedder, cache=None
    )
    assert not report.conflicts, report.conflicts
