"""What happened to the people a count counts, and counts of different predicates kept apart."""

from __future__ import annotations

import pytest

from checker.api import audit
from checker.model import Source
from checker.numbers import find_quantities
from checker.predicates import predicate
from checker.text import tokens


def _predicates(text: str) -> list[tuple[str, str]]:
    toks = tokens(text)
    out = []
    for q in find_quantities(text):
        before = [t for t in toks if t.end <= q.start][-6:]
        after = [t for t in toks if t.start >= q.end]
        inside = [t for t in toks if q.start <= t.start < q.end]
        out.append((text[q.start : q.end], predicate(inside, before, after)))
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
        # no comma closes the list: nothing is read past it
        (
            "Three others, including two boys and a woman were also hurt",
            [("Three others", ""), ("two boys", "")],
        ),
        # a comma that opens no list is no way past the clause's first words
        ("Six people, the police said on a busy Friday, were hurt", [("Six people", "")]),
    ],
)
def test_predicate_of_a_count(text: str, found: list[tuple[str, str]]) -> None:
    assert _predicates(text) == found


def test_counts_of_different_predicates_are_not_compared(embedder) -> None:
    a = "Four people were shot outside a night club in Houston early Saturday, police said."
    b = "One person was killed outside a night club in Houston early Saturday, police said."
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    assert not [c for c in report.conflicts if c.rule == "NUM"], report.conflicts


def test_counts_of_one_predicate_still_disagree(embedder) -> None:
    a = "Four people were shot outside a night club in Houston early Saturday, police said."
    b = "Five people were shot outside a night club in Houston early Saturday, police said."
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    assert [c for c in report.conflicts if c.rule == "NUM"], report.conflicts
