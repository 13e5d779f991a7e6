"""ROLE for relations and unscoped titles: "his father, Paul", "Gov. Ferris" under a dateline."""

from __future__ import annotations

import pytest

from checker.gazetteer import dateline_place, us_state_of
from checker.model import Claim, ClaimKind, Conflict, Source
from checker.names import NameIndex
from checker.rules.article_place import dateline
from checker.rules.base import CompareContext, Document
from checker.rules.role_scope import scope_of
from checker.rules.roles import RoleRule
from checker.segment import segment


def make_doc(text: str, source_id: str = "a") -> Document:
    source = Source(id=source_id, text=text)
    return Document(source, tuple(segment(source)))


def extract(text: str, source_id: str = "a") -> list[Claim]:
    doc = make_doc(text, source_id)
    return [c for s in doc.sentences for c in RoleRule().extract(s, doc)]


def conflicts(*texts: str) -> list[Conflict]:
    """ROLE conflicts between sources a, b, ... of these texts (no alignment is needed)."""
    ids = [chr(ord("a") + i) for i in range(len(texts))]
    docs = [make_doc(t, i) for t, i in zip(texts, ids, strict=True)]
    claims = [c for d in docs for s in d.sentences for c in RoleRule().extract(s, d)]
    ctx = CompareContext(
        sentences={(s.source_id, s.index): s for d in docs for s in d.sentences},
        similarity={},
        names=NameIndex(c.value for c in claims if c.kind is ClaimKind.ROLE),
        source_order=ids,
    )
    return RoleRule().compare(claims, ctx)


# ---- extraction -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "relation", "holder", "relative"),
    [
        pytest.param("Ana Okafor, 19, died on Friday. Her father, Paul, said she loved music.",
                     "father", "Paul", "Ana Okafor", id="pronoun-previous-sentence"),
        pytest.param("Omar Haddad's wife, Lina, spoke to reporters on Sunday.",
                     "wife", "Lina", "Omar Haddad", id="possessive"),
        pytest.param("Lina Haddad, the wife of Omar Haddad, spoke to reporters.",
                     "wife", "Lina Haddad", "Omar Haddad", id="appositive-of"),
        pytest.param("Lina Haddad, Omar Haddad's wife, spoke to reporters.",
                     "wife", "Lina Haddad", "Omar Haddad", id="appositive-possessive"),
        pytest.param("Ana Okafor was a nurse. Paul Okafor, her father, thanked the staff.",
                     "father", "Paul Okafor", "Ana Okafor", id="name-then-pronoun"),
        pytest.param("Mourners gathered for Dev Raman. His mom, Priya, read a poem.",
                     "mother", "Priya", "Dev Raman", id="other-word-for-it"),
        pytest.param("The driver was Ken Ito. His husband, 41-year-old Sam Ito, was hurt.",
                     "husband", "Sam Ito", "Ken Ito", id="age-before-name"),
    ],
)  # fmt: skip
def test_relation_extract_holder_and_relative(
    text: str, relation: str, holder: str, relative: str
) -> None:
    [claim] = [c for c in extract(text) if c.get("relation")]
    assert (claim.key, claim.value, claim.get("scope")) == (relation, holder, relative)
    assert claim.quote == text[claim.start : claim.end]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ana Okafor died. Her son, 12-year-old Tim, was unhurt.", id="son"),
        pytest.param("Ana Okafor died. Her brother, Femi, flew home.", id="brother"),
        pytest.param("Ana Okafor died. Her friend, Grace, found her.", id="friend"),
        pytest.param("Omar Haddad spoke. His late wife, Mona, had founded the shop.", id="late"),
        pytest.param("Omar Haddad spoke. His former wife, Mona, was not there.", id="former"),
        pytest.param("Omar Haddad spoke. His first wife, Mona, lives abroad.", id="first"),
        pytest.param("Her father, Paul, said she loved music.", id="no-one-to-be-relative-to"),
        pytest.param("Ana Okafor's killer shot his mother Rita, his father Sam and a dog.",
                     id="a-list-is-no-apposition"),
    ],
)  # fmt: skip
def test_relation_extract_no_claim(text: str) -> None:
    assert [c for c in extract(text) if c.get("relation")] == []


# ---- datelines and article scopes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("PUYALLUP, Wash. — Crews worked overnight.", ("Puyallup", "Washington", "United States")),
        ("HANOI (Reuters) - Crews worked overnight.", ("Hanoi", "", "Vietnam")),
        ("Boise, Idaho (AP) — Crews worked overnight.", ("Boise", "Idaho", "United States")),
        ("CHICAGO (AP) — Crews worked overnight.", ("Chicago", "Illinois", "United States")),
        ("KYIV, Ukraine — Crews worked overnight.", ("Kyiv", "", "Ukraine")),
        ("BREAKING - Crews worked overnight.", ("", "", "")),
        ("Crews worked overnight - again.", ("", "", "")),
    ],
)
def test_dateline_place(text: str, place: tuple[str, str, str]) -> None:
    found = dateline(make_doc(text))
    assert (found.city, found.state, found.country) == place


@pytest.mark.parametrize(
    ("form", "state"),
    [("Wash.", "Washington"), ("Calif", "California"), ("Ga.", "Georgia"), ("N.Y.", "New York"),
     ("TX", "Texas"), ("Washington", "Washington"), ("in", None), ("Paris", None)],
)  # fmt: skip
def test_us_state_of_reads_ap_and_postal_forms(form: str, state: str | None) -> None:
    assert us_state_of(form) == state


def test_dateline_region_that_is_a_country_and_a_state() -> None:
    assert dateline_place("TBILISI", "Georgia") == ("Tbilisi", "", "Georgia")
    assert dateline_place("MACON", "Georgia") == ("Macon", "Georgia", "United States")
    assert dateline_place("WINSTON-SALEM", "N.C.") == (
        "Winston-Salem",
        "North Carolina",
        "United States",
    )


@pytest.mark.parametrize(
    ("text", "title", "scope"),
    [
        pytest.param("PUYALLUP, Wash. — Gov. Jay Ferris toured the damage.", "governor",
                     "Washington", id="governor-from-dateline-state"),
        pytest.param("PUYALLUP, Wash. — Mayor Lena Ortiz toured the damage.", "mayor",
                     "Puyallup", id="mayor-from-dateline-city"),
        pytest.param("PUYALLUP, Wash. — Police Chief Scott Engel spoke.", "police chief",
                     "Puyallup", id="police-chief-from-dateline-city"),
        pytest.param("HANOI (Reuters) - President To Lam met envoys on Monday.", "president",
                     "Vietnam", id="president-from-dateline-country"),
        pytest.param("Floods hit Oregon again. Oregon crews and Ore. officials worked as "
                     "Gov. Jay Ferris toured.", "governor", "Oregon", id="governor-state-named"),
    ],
)  # fmt: skip
def test_unscoped_title_takes_scope_from_article(text: str, title: str, scope: str) -> None:
    [claim] = extract(text)
    assert (claim.key, claim.get("scope"), claim.get("doc_scope")) == (title, "", scope)


def test_travelling_title_ignores_dateline_when_other_countries_are_named() -> None:
    text = "KYIV, Ukraine — President Pierre Vallon, on his first visit, met French troops."
    [claim] = extract(text)
    assert claim.get("doc_scope") == ""


@pytest.mark.parametrize("raw", ["Wash.", "Washington", "Washington State", "WA"])
def test_explicit_state_scope_is_the_canonical_state(raw: str) -> None:
    assert scope_of(raw, "governor") == "Washington"
    assert scope_of(raw, "lieutenant governor") == "Washington"


# ---- comparison: pairs that must and must not conflict --------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "subject"),
    [
        pytest.param("Ana Okafor died on Friday. Her father, Paul, said she loved music.",
                     "Ana Okafor was 19. Her father, Peter, asked for privacy.",
                     "father of Ana Okafor", id="father-two-names"),
        pytest.param("Omar Haddad's wife, Lina, spoke to reporters.",
                     "Omar Haddad was treated for burns. His wife, Maya, was at his side.",
                     "wife of Omar Haddad", id="wife-named-and-pronoun"),
        pytest.param("Lina Haddad, the wife of Omar Haddad, spoke.",
                     "Maya Haddad, Omar Haddad's wife, spoke.",
                     "wife of Omar Haddad", id="wife-appositives"),
        pytest.param("PUYALLUP, Wash. — Gov. Jay Ferris toured the damage.",
                     "Washington Gov. Rita Moss toured the damage.",
                     "governor of Washington", id="governor-dateline-vs-named-state"),
        pytest.param("PUYALLUP, Wash. — Mayor Lena Ortiz toured the damage.",
                     "Puyallup Mayor Dana Cole toured the damage.",
                     "mayor of Puyallup", id="mayor-dateline-vs-named-city"),
        pytest.param("PUYALLUP, Wash. — Police Chief Scott Engel spoke.",
                     "TACOMA, Wash. — The police chief of Puyallup, Mark Dunn, spoke.",
                     "police chief of Puyallup", id="police-chief-dateline-vs-of"),
        pytest.param("Puyallup Police Chief Mark Dunn spoke first. Mayor Lena Ortiz spoke next.",
                     "Puyallup Mayor Dana Cole spoke.",
                     "mayor of Puyallup", id="mayor-from-first-scoped-city-office"),
    ],
)  # fmt: skip
def test_role_pairs_that_conflict(a: str, b: str, subject: str) -> None:
    found = conflicts(a, b)
    assert [c.subject for c in found] == [subject]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Ana Okafor died. Her father, Paul, said she loved music.",
                     "Ana Okafor died. Her father, Paul Okafor, asked for privacy.",
                     id="same-father-short-and-full"),
        pytest.param("Ana Okafor died. Her father, Paul, spoke.",
                     "Bea Lund died. Her father, Peter, spoke.", id="fathers-of-two-people"),
        pytest.param("Ana Okafor died. Her son, Tim, was unhurt.",
                     "Ana Okafor died. Her son, Sam, was unhurt.", id="two-sons"),
        pytest.param("Ana Okafor died. Her brother, Femi, flew home.",
                     "Ana Okafor died. Her brother, Tunde, flew home.", id="two-brothers"),
        pytest.param("Omar Haddad spoke. His late wife, Mona, founded the shop.",
                     "Omar Haddad's wife, Lina, spoke to reporters.", id="late-wife-vs-wife"),
        pytest.param("PUYALLUP, Wash. — Mayor Lena Ortiz toured the damage.",
                     "TACOMA, Wash. — Mayor Dana Cole toured the damage.", id="two-cities"),
        pytest.param("PUYALLUP, Wash. — Gov. Jay Ferris toured the damage.",
                     "BOISE, Idaho — Gov. Rita Moss toured the damage.", id="two-states"),
        pytest.param("PUYALLUP, Wash. — Gov. Jay Ferris toured the damage.",
                     "Washington Gov. Jay Ferris toured the damage.", id="same-governor"),
        pytest.param("Mayor Lena Ortiz toured the damage.",
                     "Mayor Dana Cole toured the damage.", id="no-dateline-no-scope"),
        pytest.param("Tacoma Police Chief Mark Dunn and Puyallup Fire Chief Al Roy spoke. "
                     "Mayor Lena Ortiz spoke next.",
                     "Puyallup Mayor Dana Cole spoke.", id="two-cities-named-no-scope"),
        pytest.param("Bea Lund died. Her mother, Cindy Lund, called 911.",
                     "Bea Lund died. Her mother, Cynthia Lund, called 911.", id="short-given-name"),
        pytest.param("PUYALLUP, Wash. — Police Chief Tim Engel spoke.",
                     "Puyallup Police Chief Timothy J. Engel spoke.", id="nickname-and-initial"),
        pytest.param("Sheriff Department of Preble County officers arrived.",
                     "Sheriff Sid Marrow of Preble County spoke.", id="the-office-is-no-holder"),
        pytest.param("PUYALLUP, Wash. — Police Chief C. spoke briefly.",
                     "PUYALLUP, Wash. — Police Chief Carl Lyle spoke.", id="an-initial-is-no-name"),
        pytest.param("Sheriff Sid Marrow III of Preble County spoke.",
                     "Sheriff Sid Marrow of Preble County spoke.", id="generational-suffix"),
    ],
)  # fmt: skip
def test_role_pairs_that_do_not_conflict(a: str, b: str) -> None:
    assert conflicts(a, b) == []
