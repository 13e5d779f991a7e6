"""Dates in a sentence, their normalised values, and whether two dates can be the same day."""

from __future__ import annotations

import pytest

from checker.dates import DateMention, dates_agree, find_dates
from checker.model import Sentence, Source
from checker.rules.base import Document
from checker.rules.dates import DateRule


def make_sentence(text: str, source_id: str = "a") -> Sentence:
    return Sentence(source_id=source_id, index=0, start=0, end=len(text), text=text)


def only_date(text: str) -> DateMention:
    found = find_dates(text)
    assert len(found) == 1, [(text[d.start : d.end], d.value) for d in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "quote", "value", "granularity"),
    [
        pytest.param("The dam failed on June 19, 2024, after heavy rain.", "June 19, 2024",
                     "2024-06-19", "day", id="month-day-year"),
        pytest.param("The dam failed on 19 June 2024 after heavy rain.", "19 June 2024",
                     "2024-06-19", "day", id="day-month-year"),
        pytest.param("The dam failed on 2024-06-19 after heavy rain.", "2024-06-19",
                     "2024-06-19", "day", id="iso"),
        pytest.param("The dam failed on Sept. 3, 2021.", "Sept. 3, 2021", "2021-09-03", "day",
                     id="abbreviated-month"),
        pytest.param("The dam failed on Jan 5, 2020.", "Jan 5, 2020", "2020-01-05", "day",
                     id="short-month"),
        pytest.param("Fifteen of the 19 Sept. 11 hijackers were Saudi.", "Sept. 11", "--09-11",
                     "monthday", id="count-before-month-day"),
        pytest.param("The dam failed on 19 Sept. in heavy rain.", "19 Sept", "--09-19",
                     "monthday", id="day-month"),
        pytest.param("The dam failed on 3rd March 2021.", "3rd March 2021", "2021-03-03", "day",
                     id="ordinal-day"),
        pytest.param("The dam failed on the 3rd of March 2021.", "3rd of March 2021",
                     "2021-03-03", "day", id="day-of-month"),
        pytest.param("The dam failed in June 2024.", "June 2024", "2024-06", "month",
                     id="month-year"),
        pytest.param("The levee broke in March 2021 after a week of rain.", "March 2021",
                     "2021-03", "month", id="month-year-mid-sentence"),
        pytest.param("The dam failed on March 3.", "March 3", "--03-03", "monthday",
                     id="month-day"),
        pytest.param("The dam was built in 2017.", "2017", "2017", "year", id="in-year"),
        pytest.param("Since 2019 the levee has been repaired twice.", "2019", "2019", "year",
                     id="since-year"),
        pytest.param("The levee broke in mid-2021.", "2021", "2021", "year", id="mid-year"),
        pytest.param("The dam failed on Wednesday.", "Wednesday", "wednesday", "weekday",
                     id="weekday"),
        pytest.param("The dam failed on Thursday.", "Thursday", "thursday", "weekday",
                     id="weekday-thursday"),
    ],
)  # fmt: skip
def test_find_dates_formats(text: str, quote: str, value: str, granularity: str) -> None:
    d = only_date(text)
    assert text[d.start : d.end] == quote
    assert d.value == value
    assert d.granularity == granularity
    assert not d.reporting


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The army sent 2000 troops to the border.", id="troops"),
        pytest.param("About 2024 people signed the petition.", id="people"),
        pytest.param("The crowd of 2000 people marched.", id="of-2000-people"),
        pytest.param("The plant produced 1990 tonnes of steel.", id="tonnes"),
        pytest.param("The river may rise again.", id="may-verb"),
        pytest.param("The dam, finished in the 1990s, failed.", id="decade"),
        pytest.param("The dam failed on January 32, 2020.", id="impossible-day"),
        pytest.param("It happened in 14600 block of E. 14th Street.", id="five-digit-block"),
        pytest.param("It happened in the 1500 block of Main Street.", id="block"),
        pytest.param("Police closed the 2000 blocks of Main Street.", id="blocks"),
    ],
)
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text) == []


def test_find_dates_two_years_in_a_range() -> None:
    found = find_dates("Between 2019 and 2021 the dam was rebuilt.")
    assert [d.value for d in found] == ["2019", "2021"]


@pytest.mark.parametrize(
    ("text", "reporting"),
    [
        pytest.param("The mayor said on Tuesday that the dam had failed.", {"tuesday": True},
                     id="said-on"),
        pytest.param("The dam failed on Monday, the mayor said on Tuesday.",
                     {"monday": False, "tuesday": True}, id="event-and-report"),
        pytest.param("Officials announced on Friday that the dam had failed on Wednesday.",
                     {"friday": True, "wednesday": False}, id="announced-on"),
        pytest.param("The agency reported on June 20, 2024 that the dam failed.",
                     {"2024-06-20": True}, id="reported-full-date"),
        pytest.param("The dam failed on Monday.", {"monday": False}, id="event-only"),
        pytest.param("Dam fails Posted: Sunday, August 2, 2015 11:49 AM EDT",
                     {"sunday": True, "2015-08-02": True}, id="page-stamp"),
        pytest.param("Dam fails Updated on May 3, 2016", {"2016-05-03": True}, id="updated-on"),
        pytest.param("The dam was inspected on Sunday, August 2, 2015.",
                     {"sunday": False, "2015-08-02": False}, id="weekday-and-date"),
        pytest.param("The chief spoke of chaos in a Monday afternoon press conference.",
                     {"monday": True}, id="press-conference"),
        pytest.param("The dam failed, a Tuesday morning email from the agency said.",
                     {"tuesday": True}, id="email"),
        pytest.param("In Friday's statement, the agency said the dam failed Wednesday.",
                     {"friday": True, "wednesday": False}, id="statement"),
        pytest.param("Monday night's flood closed the road.", {"monday": False},
                     id="event-of-the-night"),
        pytest.param("On Thursday, the county coroner's office said the man drowned.",
                     {"thursday": True}, id="opens-with-the-statement"),
        pytest.param("On Thursday, the man drowned in the river.", {"thursday": False},
                     id="opens-with-the-event"),
        pytest.param("On Wednesday, a gunman who police said had a grudge shot five people.",
                     {"wednesday": False}, id="said-in-a-relative-clause"),
        pytest.param("On Sunday, police said, the gunman returned to the house.",
                     {"sunday": False}, id="said-as-an-aside"),
        pytest.param("On Friday, the jury announced its verdict.", {"friday": False},
                     id="announced-is-the-event"),
        pytest.param("He sent a Monday email threatening to kill her.", {"monday": False},
                     id="an-email-as-the-event"),
    ],
)  # fmt: skip
def test_find_dates_flags_reporting_dates(text: str, reporting: dict[str, bool]) -> None:
    assert {d.value: d.reporting for d in find_dates(text)} == reporting


def test_find_dates_sorted_by_position() -> None:
    text = "Work began on 4 May 2023, paused in August 2023 and ended on Friday."
    found = find_dates(text)
    assert [d.value for d in found] == ["2023-05-04", "2023-08", "friday"]
    assert [d.start for d in found] == sorted(d.start for d in found)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("2024", "2024-06-19", True, id="year-vs-date-same"),
        pytest.param("2023", "2024-06-19", False, id="year-vs-date-other"),
        pytest.param("2024-06", "2024-06-19", True, id="month-vs-date-same"),
        pytest.param("2024-05", "2024-06-19", False, id="month-vs-date-other"),
        pytest.param("--06-19", "2024-06-19", True, id="monthday-vs-date-same"),
        pytest.param("--06-18", "2024-06-19", False, id="monthday-vs-date-other"),
        pytest.param("2024-06-19", "2024-06-19", True, id="same-date"),
        pytest.param("2024-06-19", "2024-06-20", False, id="next-day"),
        pytest.param("2024", "2024", True, id="same-year"),
        pytest.param("2024", "2025", False, id="other-year"),
        pytest.param("monday", "monday", True, id="same-weekday"),
        pytest.param("monday", "tuesday", False, id="other-weekday"),
        pytest.param("monday", "2024-06-17", None, id="weekday-vs-date"),
        pytest.param("friday", "2024", None, id="weekday-vs-year"),
        pytest.param("--06-19", "2024", None, id="monthday-vs-year"),
    ],
)
def test_dates_agree_table(a: str, b: str, expected: bool | None) -> None:
    assert dates_agree(a, b) is expected
    assert dates_agree(b, a) is expected


def test_date_rule_claims_point_into_source() -> None:
    text = "Crews finished the levee on 19 June 2024, the ministry said on Friday."
    sentence = make_sentence(text)
    doc = Document(Source(id="a", text=text), (sentence,))
    claims = DateRule().extract(sentence, doc)
    assert [(c.quote, c.value, c.get("reporting")) for c in claims] == [
        ("19 June 2024", "2024-06-19", False),
        ("Friday", "friday", True),
    ]
    for c in claims:
        assert text[c.start : c.end] == c.quote


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("He was shot at 11 p.m. Friday.", "incident"),  # the full stop of "p.m." ends nothing
        ("He was shot dead at 9 a.m. Sept. 5.", "incident"),
        ("A vigil will be held at 6 p.m. Thursday.", "memorial"),
        ("Friends will gather at a church on Friday to mourn the deaths of a family.", "memorial"),
    ],
)
def test_the_event_of_a_date_after_an_abbreviation(text: str, event: str) -> None:
    (claim,) = DateRule().extract(Sentence("a", 0, 0, len(text), text), None)
    assert claim.get("event") == event
