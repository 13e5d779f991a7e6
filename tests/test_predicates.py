"""What happened to the people a count counts, and on a date; counts and dates of different
events kept apart."""

from __future__ import annotations

import pytest

from checker.api import audit
from checker.dates import find_dates
from checker.model import Source
from checker.numbers import find_quantities
from checker.predicates import date_event, predicate
from checker.text import Token, tokens


def _around(toks: list[Token], start: int, end: int) -> tuple[list[Token], list[Token]]:
    """The tokens before a span and the tokens after it."""
    return [t for t in toks if t.end <= start], [t for t in toks if t.start >= end]


def _inside(toks: list[Token], start: int, end: int) -> list[Token]:
    return [t for t in toks if start <= t.start < end]


def _predicates(text: str) -> list[tuple[str, str]]:
    toks = tokens(text)
    out = []
    for q in find_quantities(text):
        before, after = _around(toks, q.start, q.end)
        inside = _inside(toks, q.start, q.end)
        out.append((text[q.start : q.end], predicate(inside, before[-6:], after)))
    return out


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Four people shot in Lowell", [("Four people", "shot")]),
        (
            "One person was killed and three people were injured at a club",
            [("One person", "killed"), ("three people", "injured")],
        ),
        (
            "A shooting killed 1 woman and injured 11 others Saturday",
            [("1 woman", "killed"), ("11 others", "injured")],
        ),
        ("He said 13 were injured and one killed.", [("13", "injured"), ("one", "killed")]),
        (
            "Three people were killed and one was wounded when a gunman fired",
            [("Three people", "killed"), ("one", "injured")],
        ),
        ("Two men were shot and killed on Friday", [("Two men", "killed")]),
        ("Five people were fatally shot", [("Five people", "killed")]),
        (
            "Four people were shot, one fatally",
            [("Four people", "shot"), ("one fatally", "killed")],
        ),
        ("Two suspects were arrested", [("Two suspects", "arrested")]),
        ("Police were looking for three suspects", [("three suspects", "sought")]),
        ("Fourteen people were hospitalized.", [("Fourteen people", "injured")]),
        ("A total of five officers were involved", [("five officers", "involved")]),
        ("Two officers opened fire on the man", [("Two officers", "fired")]),
        ("Charges filed against 13-year-old in shooting", [("13-year-old", "arrested")]),
        ("Toddler shoots 2-year-old sister", [("2-year-old", "shot")]),
        ("Six people attended. Later they were hurt", [("Six people", "")]),  # a full stop
        # a later state of a case, an assault, a survival, a release: each its own fact
        ("Six members pleaded guilty", [("Six members", "pleaded")]),
        ("An 18-year-old man accused of fatally shooting", [("18-year-old", "arrested")]),
        ("Two men were kicked and punched", [("Two men", "assaulted")]),
        ("Three people survived the crash", [("Three people", "survived")]),
        ("Two of them were discharged on Monday", [("Two", "released")]),
        # a list between commas after the count: the words after it say what happened
        (
            "Six people, including a senator, an aide and a lobbyist, were injured",
            [("Six people", "injured")],
        ),
        ("Five people, including Duhart, were shot dead", [("Five people", "killed")]),
        # ... and the list's own counts read their words as before
        (
            "Four others, including two women, were wounded",
            [("Four others", "injured"), ("two women", "injured")],
        ),
        # no comma closes the list: the rest of the clause says what happened to them all
        (
            "Three others, including two boys and a woman were also hurt",
            [("Three others", "injured"), ("two boys", "injured")],
        ),
        # with no predicate within four words, the nearest in the rest of its clause
        ("Six people, the police said on a busy Friday, were hurt", [("Six people", "injured")]),
        (
            "Seven alleged members of the gang face multiple charges after the shooting",
            [("Seven", "arrested")],
        ),
        # ... not one negated, nor one before the count
        (
            "Police have not released the names of the 3 victims, all of them from Ohio",
            [("3 victims", "")],
        ),
        (
            "The 3 victims of the crash on the highway were not hospitalized",
            [("3 victims", "")],
        ),
        ("The 5 suspects in the robbery cannot be charged yet", [("5 suspects", "")]),
        # ... nor past a clause of time, a conjunction after a comma or another number
        (
            "The bus was carrying 30 passengers when it crashed on the highway, injuring 12",
            [("30 passengers", ""), ("12", "injured")],
        ),
        (
            "Twelve people were taken to hospitals in the city, and four later died",
            [("Twelve people", ""), ("four", "killed")],
        ),
        (
            "About 40 people were inside the club and 12 were wounded",
            [("About 40 people", ""), ("12", "injured")],
        ),
        # the full stop of an abbreviation in the quantity ends nothing
        ("Two U.S. soldiers were killed in the attack", [("Two U.S", "killed")]),
        # a comma before "shot and killed" hides nothing
        ("Two men, shot and killed outside a bar", [("Two men", "killed")]),
        # ... and not past the end of it, nor further than twelve words
        ("Seven alleged members of the gang met on Friday; all were charged", [("Seven", "")]),
        (
            "Seven members of the old gang from the east side of the city met in the hall "
            "and were later charged",
            [("Seven members", "")],
        ),
    ],
)
def test_predicate_of_a_count(text: str, found: list[tuple[str, str]]) -> None:
    assert _predicates(text) == found


def _events(text: str) -> list[tuple[str, str]]:
    toks = tokens(text)
    return [
        (
            text[d.start : d.end],
            date_event(_inside(toks, d.start, d.end), *_around(toks, d.start, d.end)),
        )
        for d in find_dates(text)
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "The boy died Wednesday night after being shot, police said.",
            [("Wednesday", "incident")],
        ),
        ("His mother made her first court appearance Thursday.", [("Thursday", "court")]),
        (
            "He was shot on Saturday and was arrested on Monday.",
            [("Saturday", "incident"), ("Monday", "arrested")],
        ),
        ("Hoston was fatally shot Saturday.", [("Saturday", "incident")]),
        # the full stop of "p.m." ends no clause
        ("He was shot at 11 p.m. Friday.", [("Friday", "incident")]),
        ("He was shot at 11 p.m. Nov. 5 outside his home.", [("Nov. 5", "incident")]),
        ("Gov. Smith signed it on Nov. 5.", [("Nov. 5", "")]),
        # a plea at an arraignment is one court appearance
        ("Smith pleaded not guilty at his arraignment Monday.", [("Monday", "court")]),
        ("Wilson pleaded guilty Monday to two counts.", [("Monday", "court")]),
        ("He will be sentenced on March 3.", [("March 3", "court")]),
        ("The man was captured Thursday after a chase.", [("Thursday", "arrested")]),
        # one event in other words keeps one class
        ("He is due back in court on Friday for sentencing.", [("Friday", "court")]),
        ("He was charged with murder on Thursday after his arrest.", [("Thursday", "arrested")]),
        ("His body was discovered on Monday.", [("Monday", "incident")]),
        # event words joined to the nearest are events of the same date
        ("He was arrested and charged on Friday.", [("Friday", "arrested")]),
        ("He was shot and later charged on Saturday.", [("Saturday", "arrested|incident")]),
        ("He was charged Friday and released on bail.", [("Friday", "arrested")]),
        # a verdict in other words is no event of its own ("found", "jury", "guilty")
        ("He was found guilty by a jury on June 14.", [("June 14", "")]),
        ("A jury convicted him on June 12.", [("June 12", "court")]),
        # the clause ends at a full stop or semicolon
        ("The man died. On Friday the street reopened.", [("Friday", "")]),
    ],
)
def test_event_a_date_is_given_to(text: str, found: list[tuple[str, str]]) -> None:
    assert _events(text) == found


_CLUB = "outside a night club in Houston early Saturday, police said."
_PURSE = "night after finding a gun in his mother's purse."


@pytest.mark.parametrize(
    ("rule", "a", "b", "reported"),
    [
        # counts of different predicates are different facts; of one predicate, they disagree
        ("NUM", f"Four people were shot {_CLUB}", f"One person was killed {_CLUB}", False),
        ("NUM", f"Four people were shot {_CLUB}", f"Five people were shot {_CLUB}", True),
        # dates of different events are not compared; two days of one event disagree
        (
            "DATE",
            f"A 2-year-old boy died Wednesday {_PURSE}",
            "The mother of a 2-year-old boy who found a gun in her purse appeared in court "
            "Thursday.",
            False,
        ),
        (
            "DATE",
            f"A 2-year-old boy died Wednesday {_PURSE}",
            f"A 2-year-old boy died Thursday {_PURSE}",
            True,
        ),
        # one incident in other words: shot, killed, wounded are one class
        (
            "DATE",
            "The man was shot Saturday night outside a bar on Elm Street, police said.",
            "The man was killed Friday night outside a bar on Elm Street, police said.",
            True,
        ),
        # a date of two joined events meets a date of either
        (
            "DATE",
            "Police said the suspect was arrested and charged Friday in the Elm Street shooting.",
            "Police said the suspect was arrested Thursday in the Elm Street shooting.",
            True,
        ),
    ],
)
def test_what_happened_decides_what_is_compared(
    rule: str, a: str, b: str, reported: bool, embedder
) -> None:
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    assert bool([c for c in report.conflicts if c.rule == rule]) == reported, report.conflicts
