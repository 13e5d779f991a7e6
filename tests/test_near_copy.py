"""A value stated again elsewhere excuses a disagreement, except between two versions of one
sentence: there the changed value is the news."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.api import audit
from checker.model import Sentence, Source
from checker.rules import swaps

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


ROLE_ORIGINAL = (
    "SPRINGFIELD, Ill. - Sheriff Jane Doe said the suspect was arrested late Tuesday after a "
    "long standoff at a farmhouse outside town. "
    "The standoff lasted six hours, according to deputies at the scene. "
    "Sheriff Jane Doe thanked the neighbours who called in tips about the car."
)


def test_an_edited_office_holder_is_reported_though_the_old_holder_is_named_elsewhere(
    embedder,
) -> None:
    edited = ROLE_ORIGINAL.replace("Jane Doe thanked", "Mark Bolton thanked")
    report = audit(
        [Source("original", ROLE_ORIGINAL), Source("edited", edited)],
        embedder=embedder,
        cache=None,
    )
    roles = [c for c in report.conflicts if c.rule == "ROLE"]
    assert len(roles) == 1, report.conflicts
    # the two versions of the one sentence are quoted, not the first mention
    assert sorted(cc.quote for cc in roles[0].claims) == ["Sheriff Jane Doe", "Sheriff Mark Bolton"]
    assert {ROLE_ORIGINAL.index("Sheriff Jane Doe thanked")} == {
        cc.start for cc in roles[0].claims if cc.source == "original"
    }


def test_two_holders_in_differently_built_sentences_stay_ambiguous(embedder) -> None:
    # the second source names both; no sentence of it is a version of the first's
    a = "SPRINGFIELD, Ill. - Sheriff Jane Doe said the standoff ended peacefully on Tuesday."
    b = (
        "SPRINGFIELD, Ill. - Deputies ended a long standoff on Tuesday. "
        "Sheriff Mark Bolton, who retires next month, praised them. "
        "Sheriff Jane Doe will take over in March."
    )
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    assert not [c for c in report.conflicts if c.rule == "ROLE"], report.conflicts


SWAP = "The victim was identified as Maria Lopez by the county medical examiner on Friday."


def test_one_sentence_in_two_versions_naming_different_people(embedder) -> None:
    b = SWAP.replace("Maria Lopez", "Ana Torres")
    report = audit([Source("a", SWAP), Source("b", b)], embedder=embedder, cache=None)
    (c,) = report.conflicts
    assert (c.rule, c.type.value) == ("ENT", "entity")
    assert sorted(cc.quote for cc in c.claims) == ["Ana Torres", "Maria Lopez"]


def test_a_titled_name_swap_is_reported_once_as_a_role(embedder) -> None:
    a = "At a news conference, Police Chief Kim Jacobs displayed a photo of the gun."
    b = a.replace("Kim Jacobs", "Michael Fowler")
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    (c,) = report.conflicts  # ROLE and the swap find it; one is reported
    assert c.type.value == "role"
    assert {cc.quote for cc in c.claims} >= {"Police Chief Kim Jacobs"} or {
        cc.quote for cc in c.claims
    } == {"Kim Jacobs", "Michael Fowler"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # both sources name both people: two people of the story
        (
            SWAP + " Ana Torres, her cousin, was unhurt.",
            SWAP.replace("Maria Lopez", "Ana Torres") + " Maria Lopez's cousin was unhurt.",
        ),
        # two spellings of one name
        (
            "The talks were hosted by Muammar Gaddafi in his tent outside the city on Monday.",
            "The talks were hosted by Moammar Gadhafi in his tent outside the city on Monday.",
        ),
        # a link's code, a dateline, a word that opens a sentence
        (
            "Read or Share this story: http://detne.ws/1SJpyPU",
            "Read or Share this story: http://detne.ws/1WQbYbK",
        ),
        ("WOODBURN, Ore.", "SALEM, Ore."),
        (
            "Investigators issued an alert for the girl after her mother was found dead.",
            "Authorities issued an alert for the girl after her mother was found dead.",
        ),
    ],
)
def test_no_swap(embedder, a: str, b: str) -> None:
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    assert not [c for c in report.conflicts if c.rule == "ENT"], report.conflicts


def test_a_swap_of_a_short_name_for_a_long_one_is_still_found(embedder) -> None:
    # the whole sentences differ by far more than NEAR_COPY allows; with the names masked
    # they are one sentence, so the cheap bound before the word alignment must let it by
    b = SWAP.replace("Maria Lopez", "Alexandra Konstantinopoulou-Papadimitriou")
    report = audit([Source("a", SWAP), Source("b", b)], embedder=embedder, cache=None)
    (c,) = report.conflicts
    assert sorted(cc.quote for cc in c.claims) == [
        "Alexandra Konstantinopoulou-Papadimitriou",
        "Maria Lopez",
    ]


_WORDS = ["the", "victim", "was", "seen", "by", "police", "on", "Friday", "near", "a", "store"]
_NAMES = ["Maria Lopez", "Ana", "Jo Ann Smith-Jones", "Lee", "Konstantinos Papadopoulos", "O'Neal"]


@given(
    words=st.lists(st.sampled_from(_WORDS), min_size=3, max_size=14),
    at=st.integers(min_value=0, max_value=14),
    name_a=st.sampled_from(_NAMES),
    name_b=st.sampled_from(_NAMES),
    edit=st.lists(st.sampled_from(_WORDS), max_size=2),
)
@settings(max_examples=300, deadline=None)
def test_the_cheap_bound_never_hides_a_swap(words, at, name_a, name_b, edit) -> None:
    """`_swap` finds what it would find without `_may_be_copies` in front of it."""
    at = min(at, len(words))
    a = " ".join([*words[:at], name_a, *words[at:]]) + "."
    b = " ".join([*words[:at], name_b, *words[at:], *edit]) + "."
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(swaps, "_may_be_copies", lambda *_: True)
        unbounded = _swap_of(a, b)
    assert _swap_of(a, b) == unbounded


def _swap_of(a: str, b: str) -> tuple | None:
    """`swaps._swap` of two one-sentence sources."""
    sa, sb = Sentence("a", 0, 0, len(a), a), Sentence("b", 0, 0, len(b), b)
    return swaps._swap(sa, sb, swaps._words(a), swaps._words(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the other source's "Smith" is not the "_Smith" that the both-name-both check reads
        (
            "Police said Jane _Smith was hurt in the crash on the coast road. Doe was not there.",
            "Police said Jane Doe was hurt in the crash on the coast road. Smith was not there.",
        ),
    ],
)
def test_the_cheap_tests_before_the_word_alignment_keep_these_swaps(embedder, a, b) -> None:
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    assert [c for c in report.conflicts if c.rule == "ENT"], report.conflicts


def test_the_bound_measures_the_sentences_as_lowered() -> None:
    # "İ" lowers to two characters; the masked sentences are compared lowered
    base = "the officials of {i} said that {n} was hurt in the crash"
    base += " on the coast road on Tuesday night."
    a = base.format(i="İ" * 24, n="Al")
    b = base.format(i="İ" * 24, n="Bo").replace(" was hurt", " " * 31 + "was hurt")
    assert _swap_of(a, b) is not None
