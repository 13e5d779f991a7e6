"""Bugs found by the rule tables, each pinned by the input that showed it."""

from __future__ import annotations

import pytest

from checker.model import Sentence, Source
from checker.numbers import find_quantities
from checker.rules.base import Document
from checker.rules.roles import RoleRule
from checker.segment import segment


def _only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [text[q.start : q.end] for q in found]
    return found[0]


def test_capitalised_between_makes_a_range() -> None:
    q = _only("Between 10 and 20 boats capsized.")
    assert (q.low, q.high, q.head) == (10, 20, "boat")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Turnout was 80 per cent in the north.", "80 per cent"),
        ("The car reached 120 miles per hour on the test.", "120 miles per hour"),
        ("Fire burned 40 square kilometres of land.", "40 square kilometres"),
    ],
)
def test_multi_word_unit_span_ends_at_the_unit(text: str, quote: str) -> None:
    q = _only(text)
    assert text[q.start : q.end] == quote


def test_percentage_in_words_keeps_what_it_is_of() -> None:
    assert "vote" in _only("She won 40 per cent of the vote.").of_words


def test_last_year_is_not_the_counted_noun() -> None:
    q = _only("The region recorded 5,621 cases last year.")
    assert q.head == "case"


@pytest.mark.parametrize(
    ("text", "value"),
    [("The club paid £40m.", 40e6), ("It cost €3.5m, officials said.", 3.5e6)],
)
def test_scale_letter_before_punctuation(text: str, value: float) -> None:
    assert _only(text).value == pytest.approx(value)


def test_numbered_list_marker_stays_with_its_item() -> None:
    src = Source(id="a", text="1. The bridge stays closed until May.\n2. Schools reopen on Monday.")
    assert [s.text for s in segment(src)] == [
        "1. The bridge stays closed until May.",
        "2. Schools reopen on Monday.",
    ]


def test_long_contact_line_between_prose_is_its_own_furniture_sentence() -> None:
    from checker.ingest import ingest

    text = (
        "Crews worked through the night to clear the landslide from the road.\n"
        "Jana Novak can be reached at jnovak@example.com\n"
        "Crews reopened the coastal road on Sunday afternoon."
    )
    src = ingest([Source(id="a", text=text)]).sources[0]
    sentences = segment(src)
    assert [s.furniture for s in sentences] == [False, True, False]


@pytest.mark.parametrize(
    ("text", "title", "scope"),
    [
        ("South Africa's Foreign Minister Thandi Mokoena flew to Oslo.", "foreign minister",
         "South Africa"),
        ("Chilean Prime Minister Rosa Ibarra flew to Lima.", "prime minister", "Chile"),
        ("South Korea's National Security Adviser Chang Ho-jin spoke.",
         "national security adviser", "South Korea"),
    ],
)  # fmt: skip
def test_multi_word_title_keeps_its_scope(text: str, title: str, scope: str) -> None:
    src = Source(id="a", text=text)
    sentence = Sentence("a", 0, 0, len(text), text)
    claims = RoleRule().extract(sentence, Document(src, (sentence,)))
    assert [(c.key, c.get("scope")) for c in claims] == [(title, scope)]


def test_elect_title_is_not_a_holder() -> None:
    text = "Kenyan President-elect Amani Wekesa arrived in Geneva."
    src = Source(id="a", text=text)
    sentence = Sentence("a", 0, 0, len(text), text)
    assert RoleRule().extract(sentence, Document(src, (sentence,))) == []
