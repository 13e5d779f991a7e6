"""AGE: a named person's age, bound to the name written next to it, compared across sources."""

from __future__ import annotations

import pytest

from checker.ages import person_ages
from checker.api import audit
from checker.model import Source


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a service for 39-year-old Jose Luis Robles at the church", [(39, "Jose Luis Robles")]),
        ("Dennis Clark III, 27, fatally shot his girlfriend.", [(27, "Dennis Clark III")]),
        ("the suspect as 28-year-old Dennis Clark.", [(28, "Dennis Clark")]),
        ("her father, 47-yo Demetrius Williams, was hit", [(47, "Demetrius Williams")]),
        ("said Alcides Perez, 31, a nephew", [(31, "Alcides Perez")]),
        ("Police Chief John Smith, 54, said", [(54, "John Smith")]),  # the title is no name
        ("Det. Sgt. Ann Lee, 44, said", [(44, "Ann Lee")]),
        ("Sheriff Jane Doe (61) said", [(61, "Jane Doe")]),
        ("the victim, Tom O'Neal, age 19, was", [(19, "Tom O'Neal")]),
        ("a 19-year-old suspect, Tim Ray Cole, was held", [(19, "Tim Ray Cole")]),
        (
            "charged 18-year-old Michael Melton, 18-year-old Dontavious Byrd, and 20-year-old "
            "Tom Ray.",
            [(18, "Michael Melton"), (18, "Dontavious Byrd"), (20, "Tom Ray")],
        ),
        # a nickname in quotes inside the name, an alias between the name and the age
        (
            "Jonathan “Deago” Kinchen, 22, and Kirshean Nelson, 18, were charged",
            [(22, "Jonathan “Deago” Kinchen"), (18, "Kirshean Nelson")],
        ),
        ("Kojuan Lee, aka “Juan,” 20, of Detroit, pleaded guilty", [(20, "Kojuan Lee")]),
        ("Tyrone Price, aka Price, 26, of Detroit, is charged", [(26, "Tyrone Price")]),
        # no person: a place before a person noun, dates, institutions, one word
        ("A 25-year-old Kansas City man was shot.", []),
        ("On Jan. 5, 2017 at Kings County Hospital, 3 people were hurt", []),
        ("Columbus Day, 12, was", []),
        ("Mr. Lee, 61, said", []),
        ("a 40-year-old man who took a bullet", []),
        ("the 1460 block of Main Street, 3 were shot", []),
    ],
)
def test_person_ages(text: str, found: list[tuple[int, str]]) -> None:
    got = person_ages(text)
    assert [(p.age, p.name) for p in got] == found
    for p in got:  # offsets point at the age and the name
        assert text[p.start : p.end] == str(p.age)
        assert text[p.name_start : p.name_end] == p.name


def _ages(report):
    return [c for c in report.conflicts if c.rule == "AGE"]


def test_one_person_two_ages_is_a_conflict(embedder) -> None:
    a = "Police said 39-year-old Jose Luis Robles was buried on Monday. The funeral was calm."
    b = "Mourners gathered for the funeral of Jose Luis Robles, 38, on Monday afternoon."
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    (c,) = _ages(report)
    assert sorted(cc.value for cc in c.claims) == [38, 39]
    assert c.subject == "age of Jose Luis Robles"
    assert {cc.quote for cc in c.claims} == {"39-year-old Jose Luis Robles", "Jose Luis Robles, 38"}
    # NUM does not report the same ages a second time
    assert not [x for x in report.conflicts if x.rule == "NUM"], report.conflicts


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two people of one family
        (
            "Police said 44-year-old Francisco Suarez Sr. was at home.",
            "His son, 22-year-old Francisco Suarez Jr., was at home too.",
        ),
        # two people, one surname
        (
            "Officers found 22-year-old Chanice Reed inside.",
            "Officers found Annette Reed, 39, inside.",
        ),
        # the same age in other words
        ("Dennis Clark III, 27, was arrested.", "Police arrested 27-year-old Dennis Clark."),
    ],
)
def test_no_conflict_between_different_people_or_equal_ages(embedder, a: str, b: str) -> None:
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    assert not _ages(report), report.conflicts


def test_a_source_giving_one_person_two_ages_is_no_evidence(embedder) -> None:
    a = "Tom Ray Cole, 19, was held. Later, 20-year-old Tom Ray Cole was charged."
    b = "Tom Ray Cole, 21, was charged on Friday."
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    assert not _ages(report), report.conflicts
