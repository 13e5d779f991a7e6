"""Proper names: normalised keys and one canonical form per person across sources."""

from __future__ import annotations

import pytest

from checker.names import NameIndex, find_names, normalise, title_case


@pytest.mark.parametrize(
    ("name", "key"),
    [
        pytest.param("Mr. Okafor", "okafor", id="mr-dot"),
        pytest.param("Mrs Lindqvist", "lindqvist", id="mrs"),
        pytest.param("Dr. Amara Okafor", "amara okafor", id="dr"),
        pytest.param("Prof. Ines Alvarez", "ines alvarez", id="prof"),
        pytest.param("Gen. Tomas Varga", "tomas varga", id="gen"),
        pytest.param("Sir Colin Hart", "colin hart", id="sir"),
        pytest.param("President Okafor", "okafor", id="title"),
        pytest.param("Okafor's", "okafor", id="possessive"),
        pytest.param("Okafor’s", "okafor", id="curly-possessive"),
        pytest.param("Mr. Okafor's", "okafor", id="honorific-and-possessive"),
        pytest.param("  Amara   Okafor ", "amara okafor", id="whitespace"),
        pytest.param("AMARA OKAFOR", "amara okafor", id="upper-case"),
    ],
)
def test_normalise_strips_honorifics_and_possessives(name: str, key: str) -> None:
    assert normalise(name) == key


@pytest.mark.parametrize(
    "forms",
    [
        pytest.param(["Mr. Okafor", "Okafor", "Amara Okafor"], id="short-forms"),
        pytest.param(["President Okafor", "Amara Okafor"], id="title"),
        pytest.param(["Dr. Okafor", "Okafor's", "Amara Okafor"], id="honorific-possessive"),
        pytest.param(["Volodymyr Zelenskyy", "Zelensky"], id="spelling-variant-surname"),
        pytest.param(["Oleksandr Tkachenko", "Oleksandr Tkachenka"], id="spelling-variant-full"),
    ],
)
def test_name_index_one_person(forms: list[str]) -> None:
    index = NameIndex(forms)
    assert len({index.canonical(f) for f in forms}) == 1
    for a in forms:
        for b in forms:
            assert index.same(a, b)


def test_name_index_short_form_maps_to_full_name() -> None:
    index = NameIndex(["Mr. Okafor", "Okafor", "Amara Okafor", "President Okafor"])
    assert index.canonical("Mr. Okafor") == "amara okafor"
    assert index.canonical("President Okafor") == "amara okafor"


def test_name_index_shared_surname_stays_ambiguous() -> None:
    index = NameIndex(["Amara Okafor", "Chidi Okafor", "Okafor"])
    assert index.canonical("Amara Okafor") != index.canonical("Chidi Okafor")
    assert not index.same("Amara Okafor", "Chidi Okafor")
    # The bare surname could be either: it joins neither full name.
    assert index.canonical("Okafor") not in ("amara okafor", "chidi okafor")


@pytest.mark.parametrize(
    ("names", "a", "b"),
    [
        pytest.param(["Tomas Varga", "Ilse Brandt"], "Tomas Varga", "Ilse Brandt", id="unrelated"),
        pytest.param(["Lena Marsh", "Lena Hart"], "Lena Marsh", "Lena Hart", id="shared-first"),
        pytest.param(["Amara Okafor", "Chidi Okafor"], "Amara Okafor", "Chidi Okafor",
                     id="shared-surname"),
    ],
)  # fmt: skip
def test_name_index_different_people_stay_distinct(names: list[str], a: str, b: str) -> None:
    index = NameIndex(names)
    assert index.canonical(a) != index.canonical(b)
    assert not index.same(a, b)


def test_name_index_unknown_name_is_its_own_key() -> None:
    index = NameIndex(["Amara Okafor"])
    assert index.canonical("Mr. Ilse Brandt") == "ilse brandt"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param("Mr. Okafor met Dr. Amara Okafor in Lagos.",
                     [("Okafor", "okafor"), ("Amara Okafor", "amara okafor"), ("Lagos", "lagos")],
                     id="honorifics-excluded"),
        pytest.param("In Nairobi, the talks resumed.", [("Nairobi", "nairobi")],
                     id="leading-function-word"),
        pytest.param("Okafor's plan was approved by the Acme Board.",
                     [("Okafor's", "okafor"), ("Acme Board", "acme board")], id="possessive"),
        pytest.param("the talks resumed quietly.", [], id="no-capitals"),
        pytest.param("Judge Daniel McGuire ruled.", [("Daniel McGuire", "daniel mcguire")],
                     id="inner-capital"),  # not "Daniel Mc" and a name "Guire"
        pytest.param("DeShawn O'Neil spoke.", [("DeShawn O'Neil", "deshawn o'neil")],
                     id="inner-capital-and-apostrophe"),
        pytest.param("Dennis Clark III, 27, was held.", [("Dennis Clark III", "dennis clark iii")],
                     id="generation"),  # not "Dennis Clark I"
        pytest.param("He served in World War II.", [("World War II", "world war ii")],
                     id="roman-numeral"),
        pytest.param("WSMV and the FBI said Smith left.", [("Smith", "smith")],
                     id="acronyms-are-no-names"),
        pytest.param("CNN's Jake Tapper asked.", [("Jake Tapper", "jake tapper")],
                     id="acronym-possessive"),  # not "N's Jake Tapper"
        pytest.param("DON'T shoot, a 25-YEAR-OLD man said.", [], id="shouted-words"),
        pytest.param("A GoFundMe page for Jane Doe",
                     [("GoFundMe", "gofundme"), ("Jane Doe", "jane doe")],
                     id="inner-capitals"),  # not "GoFund"
    ],
)  # fmt: skip
def test_find_names_keys_and_spans(text: str, names: list[tuple[str, str]]) -> None:
    found = find_names(text)
    assert [(n.text, n.key) for n in found] == names
    for n in found:
        assert text[n.start : n.end] == n.text


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Teen Charged After Shooting Near Elm Park School", True),
        ("Man Found Guilty in Shooting of Teen - WSB-TV", True),
        ("Xi Jinping and Joe Biden met Vladimir Putin in Lima.", False),  # running text
        ("A 17-year-old was charged on Tuesday after a shooting near a school", False),
        ("Man Shot Dead", False),  # too short to tell
    ],
)
def test_title_case_headlines(text: str, headline: bool) -> None:
    assert title_case(text) is headline
