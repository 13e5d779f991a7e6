"""ENT: what is a name worth comparing, and when two names are one."""

from __future__ import annotations

import pytest

from checker.api import audit
from checker.model import Sentence, Source
from checker.names import NameIndex
from checker.rules.base import Document
from checker.rules.entities import EntityRule
from checker.spelling import spelling_variants


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        ("n. 7th ave", "n. 7th avenue", True),
        ("chapman dr", "chapman drive", True),
        ("fort riley kan", "fort riley kansas", True),
        ("ft. riley", "fort riley", True),
        ("st. louis", "saint louis", True),
        ("nh", "new hampshire", True),
        ("street", "st. dispatch", True),  # a sentence break lost after "St."
        ("muammar gadhafi", "moammar gadhafi", True),
        ("robb avenue", "robb street", False),  # two streets: a real difference
        ("klamath county", "clackamas county", False),
        ("john smith", "john jones", False),
        # a possessive is its name; the kind of institution ending a name may change
        ("barnes county sheriff", "barnes county sheriff's office", True),
        ("stanford medical center", "stanford hospital", True),
        ("university hospital", "university medical center", True),
        ("mercy hospital", "st. joseph hospital", False),
        ("hospital", "medical center", False),
        ("cook county hospital", "cook county jail", False),
        ("methodist hospital", "united methodist church", False),
        ("university hospital", "vanderbilt university medical center", False),
        ("lincoln hospital", "lincoln park", False),
    ],
)
def test_spelling_variants_with_abbreviations(a: str, b: str, one: bool) -> None:
    assert spelling_variants(a, b) is one
    assert spelling_variants(b, a) is one


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        ("Filogonio Rivera-Camacho", "Filogonio Rivera", True),
        ("Ana Lopez-Garcia", "Ana Garcia", True),
        ("Ana Lopez-Garcia", "Maria Lopez-Garcia", False),
    ],
)
def test_a_hyphenated_surname_and_its_part_are_one_person(a: str, b: str, one: bool) -> None:
    index = NameIndex([a, b])
    assert index.same(a, b) is one


def _names(text: str) -> list[str]:
    sentence = Sentence("s", 0, 0, len(text), text)
    return [c.quote for c in EntityRule().extract(sentence, Document(Source("s", text), ()))]


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("“You've got two innocent children caught up in this,” said Taylor.", "You've"),
        ("It's not clear who fired first, Chief Armstrong said.", "It's"),
        ("Rep. Jay Inslee, D-Wash., asked who would decide.", "D-Wash"),
        ("Photo: Cody Duty / Houston Chronicle Elvia Palacios, left, waits outside.", "Cody Duty"),
        ("Courtesy of Jane Miller, the family released the picture.", "Jane Miller"),
    ],
)
def test_words_that_are_no_names_are_not_extracted(text: str, left_out: str) -> None:
    found = _names(text)
    assert left_out not in found, found
    assert found, "the sentence's real names are still found"


def _ent(a: str, b: str, embedder) -> list:
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    return [c for c in report.conflicts if c.rule == "ENT"]


def test_headline_words_are_not_names_when_the_sources_write_them_in_lower_case(embedder):
    a = (
        "Police: Toddler Wounded in Dubuque Shooting\n\n"
        "A toddler was wounded in a shooting in Dubuque on Sunday night, police said. "
        "The toddler was taken to a hospital."
    )
    b = (
        "Police: Young Child Wounded in Dubuque Shooting\n\n"
        "A young child was wounded in a shooting in Dubuque on Sunday night, police said. "
        "The child was taken to a hospital."
    )
    assert _ent(a, b, embedder) == []


def test_names_inside_links_are_not_compared(embedder) -> None:
    a = "Two men were shot on Main Street. Read or Share this story: http://detne.ws/1SqclIO"
    b = "Two men were shot on Main Street. Read or Share this story: http://detne.ws/1Nj1pNZ"
    assert _ent(a, b, embedder) == []


def test_a_different_place_in_the_same_slot_is_still_reported(embedder) -> None:
    a = (
        "The spring festival was held in the village of Ashford on Sunday, organisers said. "
        "About 2,000 visitors came."
    )
    b = a.replace("Ashford", "Brampton")
    found = _ent(a, b, embedder)
    assert [sorted(cc.quote for cc in c.claims) for c in found] == [["Ashford", "Brampton"]]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (  # one word where a clause begins: "Victim" and "Man" are capitalised as any word
            "Winona police: Victim of Friday night shooting died Monday evening\n\n"
            "A 24-year-old was shot in Winona on Friday night and died on Monday.",
            "Winona police: Man critical following Friday night shooting\n\n"
            "A 24-year-old was shot in Winona on Friday night, police said.",
        ),
        (  # a headline in title case: every word is capitalised
            "Teen Charged After Shooting Near Elm Park School\n\n"
            "A 17-year-old was charged on Tuesday after a shooting near a school.",
            "Teen Held After Shooting Near Elm Park School\n\n"
            "A 17-year-old was charged on Tuesday after a shooting near a school.",
        ),
    ],
)
def test_capitals_that_say_nothing_make_no_names(a: str, b: str, embedder) -> None:
    assert _ent(a, b, embedder) == []


def test_a_name_at_a_clause_start_counts_where_the_batch_also_writes_it_in_running_text(
    embedder,
) -> None:
    a = (
        "Festival news: Ashford drew 2,000 visitors on Sunday, organisers said. "
        "The spring festival was held in the village of Ashford."
    )
    b = a.replace("Ashford", "Brampton")
    found = _ent(a, b, embedder)
    pairs = [sorted(cc.quote for cc in c.claims) for c in found]
    assert pairs and all(p == ["Ashford", "Brampton"] for p in pairs), pairs
