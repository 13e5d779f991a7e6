"""The cheap tests that let extraction and comparison skip work are exact: each skips a
pattern only where the pattern could not have matched, so the skipping changes nothing.

Each property builds sentences from words that the patterns look for (titles, "of", commas,
possessives, links, years, telephone numbers, gallery counters) and checks the fast path
against the full pattern run on every sentence.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker import ages, attribution, dates, furniture
from checker.addresses import _LABEL, has_link, label_spans
from checker.model import Claim, ClaimKind
from checker.names import find_names
from checker.rules import role_patterns, swaps

_GROUPS = {
    "offices": "President president Prime Minister Sheriff Chief Mayor Gov. new former",
    "joints": "of for the is was became serves as and in since aged age",
    "names": "Kenya Acme Nguyen Phu Trong John Smith Ruto O'Neal McDonald Acme's Kenya’s",
    "marks": ", 's ’s . ( ) - ://",
    "links": "http://x.io/a www.Example.com WWW.EX.ORG https://t.co/SJpyPU",
    "numbers": "1999 2017 1850s 20 25 555-1234 Image photo 12 33 3 year-old 25-year-old",
    "speech": "said says told reporters reported announced police officials per according to",
    # letters that match an ASCII one ignoring case but lower to something else, and others
    "letters": "PRESİDENT ſheriff \u212aing MAYOR café Mayör ı “ ” ’ —",
}
_WORDS = [w for group in _GROUPS.values() for w in group.split()] + ["(555) 555-1234"]
_GLUE = st.sampled_from([" ", " ", " ", "", ", "])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=16))
    out = words[0]
    for w in words[1:]:
        out += draw(_GLUE) + w
    return out


@given(text=sentences())
@settings(max_examples=400, deadline=None)
def test_labels_without_the_link_pattern_are_the_same_labels(text: str) -> None:
    # the full pattern, links included, gives the same spans as the guarded one
    assert label_spans(text) == tuple((m.start(), m.end()) for m in _LABEL.finditer(text))


@given(text=sentences())
@settings(max_examples=400, deadline=None)
def test_link_blanking_in_the_swaps_is_skipped_only_where_it_blanks_nothing(text: str) -> None:
    if not has_link(text):
        assert swaps._URL.search(text) is None


@given(text=sentences())
@example(text="Nguyen Phu Trong, the new president of Vietnam")
@example(text="Jane Roe, Acme's president, said")
@example(text="the president of Kenya, William Ruto")
@example(text="William Ruto is the president of Kenya")
@example(text="President Xi of China")
@example(text="Kenyan President, William Ruto, said")
@settings(max_examples=400, deadline=None)
def test_office_patterns_are_skipped_only_where_they_cannot_match(text: str) -> None:
    for form, pattern in role_patterns.PATTERNS:
        if pattern.search(text):
            assert all(need.search(text) for need in role_patterns.NEEDS.get(form, ()))


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Nguyen Phu Trong, the new president of Vietnam", "after-of"),
        ("Jane Roe, Acme's president, said", "after-poss"),
        ("the president of Kenya, William Ruto", "of-name"),
        ("William Ruto is the president of Kenya", "is-of"),
        ("President Xi of China", "name-of"),
        ("Kenyan President, William Ruto, said", "before"),
        ("Kenya's new President William Ruto", "before"),
        ("Meanwhile president Ruto said", "bare"),
    ],
)
def test_each_guarded_office_form_still_matches_its_own_example(text: str, form: str) -> None:
    assert dict(role_patterns.PATTERNS)[form].search(text)
    assert all(need.search(text) for need in role_patterns.NEEDS[form])


@given(text=sentences())
@settings(max_examples=400, deadline=None)
def test_year_cues_are_read_only_where_a_year_is(text: str) -> None:
    if dates._YEAR_CUE.search(text):
        assert dates._ANY_YEAR.search(text)


@given(text=sentences())
@settings(max_examples=200, deadline=None)
def test_ages_need_digits(text: str) -> None:
    if not re.search(r"\d", text):
        assert not ages._BEFORE.search(text) and not ages._AFTER.search(text)


def test_a_link_anywhere_in_a_sentence_is_still_a_label() -> None:
    text = "Read more at WWW.Example.com/story or call (555) 555-1234."
    spans = label_spans(text)
    assert [text[a:b] for a, b in spans] == ["WWW.Example.com/story", "(555) 555-1234"]


def test_person_ages_hands_out_a_fresh_list_each_time() -> None:
    text = "John Smith, 25, was shot."
    first = ages.person_ages(text)
    first.clear()
    assert [(p.name, p.age) for p in ages.person_ages(text)] == [("John Smith", 25)]


def test_every_guarded_office_form_exists() -> None:
    # a renamed form would leave its guard unused and the pattern unguarded
    assert set(role_patterns.NEEDS) <= {form for form, _ in role_patterns.PATTERNS}
    assert all(isinstance(n, re.Pattern) for ns in role_patterns.NEEDS.values() for n in ns)


@given(text=sentences())
@example(text="PRESİDENT Joe Biden")
@example(text="the ſheriff said")
@example(text="Prime Minister’s office")
@settings(max_examples=400, deadline=None)
def test_the_title_test_answers_as_the_case_insensitive_search(text: str) -> None:
    assert role_patterns.has_title(text) == bool(role_patterns._ANY_TITLE.search(text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("PRESİDENT Joe Biden spoke", True),  # lowers to "presi̇dent": the search must fold
        ("the ſheriff said", True),
        ("Vice President Kamala Harris", True),
        ("The café opened on Monday.", False),
        ("Prices rose in “the” city", False),
    ],
)
def test_titles_are_found_in_any_case_and_letters(text: str, found: bool) -> None:
    assert role_patterns.has_title(text) is found


@given(text=sentences())
@example(text="Police Chief John Smith said on Monday")
@example(text="the witnesses told reporters")
@settings(max_examples=400, deadline=None)
def test_the_speech_patterns_are_tried_only_where_a_verb_of_saying_is(text: str) -> None:
    if not attribution._VERB.search(text):
        assert not any(p.search(text) for p in attribution._PATTERNS[len(attribution._VERBLESS) :])


@pytest.mark.parametrize(
    "verb", ["said", "says", "told", "reported", "estimated", "claimed", "confirmed", "announced"]
)
def test_each_verb_of_saying_still_attributes(verb: str) -> None:
    attribution.attribution.cache_clear()
    assert attribution.attribution(f"Two died, police {verb} on Monday.") == "police said"


def test_attributions_with_and_without_a_verb_of_saying() -> None:
    attribution.attribution.cache_clear()
    assert attribution.attribution("Police Chief John Smith said the road was closed.") == (
        "Police Chief John Smith said"
    )
    assert attribution.attribution("Two died, according to police.") == "according to police"
    assert attribution.attribution("Two died, per police reports.") == "per police reports"
    assert attribution.attribution("Two died on Monday.") == ""


def test_a_claims_details_are_looked_up_first_name_first() -> None:
    def claim(extra: tuple[tuple[str, object], ...]) -> Claim:
        return Claim("NUM", ClaimKind.NUMBER, "a", 0, 0, 2, "11", 11.0, "memo", extra=extra)

    c = claim((("unit", "mile"), ("unit", "km"), ("when", ("2017",))))
    assert (c.get("unit"), c.get("when"), c.get("none"), c.get("none", 5)) == (
        "mile",
        ("2017",),
        None,
        5,
    )
    # the lookup is derived: not compared, hashed or shown
    same = claim((("unit", "mile"), ("unit", "km"), ("when", ("2017",))))
    assert c == same and hash(c) == hash(same) and "_details" not in repr(c)
    assert c != claim((("unit", "km"),))


def test_find_names_hands_out_a_fresh_list_each_time() -> None:
    text = "Police Chief Martha Montalvo met Jane Doe in Salem."
    first = find_names(text)
    keys = [n.key for n in first]
    first.clear()
    assert [n.key for n in find_names(text)] == keys and keys


_CREDIT_WORDS = [
    "Jana",
    "Novak",
    "Ed",
    "Timms",
    "NBC",
    "7's",
    "KING",
    "5’s",
    "Tribune-Review",
    "is",
    "a",
    "an",
    "the",
    "staff",
    "writer",
    "writers",
    "reporter",
    "Reporter",
    "correspondent",
    "editor",
    "Associated",
    "Press",
    "contributed",
    "to",
    "this",
    "report",
    "story",
    "reports",
    "reported",
    "from",
    "Detroit",
    "in",
    "Phoenix",
    "and",
    ",",
    ".",
    "Police",
    "said",
    "five",
    "shots",
    "were",
    "fired",
    "correſpondent",
    "KING",
    "WRİTER",
]


@st.composite
def credit_like(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_CREDIT_WORDS), min_size=1, max_size=14))
    return " ".join(words)


@given(text=credit_like())
@example(text="Jana Novak is a Tribune-Review staff writer.")
@example(text="NBC 7's Jana Novak reports.")
@example(text="Associated Press writer Ed Timms in Phoenix contributed to this report.")
@example(text="Jana Novak is a Tribune-Review staff correſpondent")
@settings(max_examples=400, deadline=None)
def test_the_credit_test_answers_as_its_full_pattern(text: str) -> None:
    # the cue words skip the pattern only where it could not have matched
    assert furniture.is_credit(text) == (furniture._CREDIT_RE.fullmatch(text.strip()) is not None)
