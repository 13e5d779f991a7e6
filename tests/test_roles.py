"""ROLE claims: who holds which single-holder office, and in which country or organisation."""

from __future__ import annotations

import pytest

from checker.model import Claim, ClaimKind, Sentence, Source
from checker.rules.base import Document
from checker.rules.roles import RoleRule
from checker.segment import segment


def make_sentence(text: str, source_id: str = "a") -> Sentence:
    return Sentence(source_id=source_id, index=0, start=0, end=len(text), text=text)


def make_claims(text: str, source_id: str = "a") -> list[Claim]:
    """RoleRule's claims for a source of this text."""
    source = Source(id=source_id, text=text)
    sentences = segment(source)
    doc = Document(source, sentences)
    return [c for s in sentences for c in RoleRule().extract(s, doc)]


def only_claim(text: str) -> Claim:
    claims = make_claims(text)
    assert len(claims) == 1, [c.quote for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "title", "scope", "holder"),
    [
        pytest.param("Kenyan President Amani Wekesa arrived in Geneva on Monday.",
                     "president", "Kenya", "Amani Wekesa", id="demonym-before"),
        pytest.param("Kenya's President Amani Wekesa arrived in Geneva.",
                     "president", "Kenya", "Amani Wekesa", id="possessive-before"),
        pytest.param("Amani Wekesa, the president of Kenya, arrived in Geneva on Monday.",
                     "president", "Kenya", "Amani Wekesa", id="appositive-of"),
        pytest.param("Amani Wekesa, Kenya's president, arrived in Geneva.",
                     "president", "Kenya", "Amani Wekesa", id="appositive-possessive"),
        pytest.param("President Wekesa of Kenya arrived in Geneva on Monday.",
                     "president", "Kenya", "Wekesa", id="title-name-of"),
        pytest.param("The president of Kenya, Amani Wekesa, arrived in Geneva on Monday.",
                     "president", "Kenya", "Amani Wekesa", id="title-of-then-name"),
        pytest.param("Amani Wekesa is the president of Kenya.",
                     "president", "Kenya", "Amani Wekesa", id="is-the"),
        pytest.param("In Kenya, President Amani Wekesa opened the bridge.",
                     "president", "Kenya", "Amani Wekesa", id="locative-scope"),
        pytest.param("U.S. President Harold Brenner spoke to reporters.",
                     "president", "United States", "Harold Brenner", id="u.s."),
        pytest.param("The foreign minister of South Africa, Thandi Mokoena, flew to Oslo.",
                     "foreign minister", "South Africa", "Thandi Mokoena",
                     id="foreign-minister-of"),
        pytest.param("Thandi Mokoena, the foreign minister of South Africa, flew to Oslo.",
                     "foreign minister", "South Africa", "Thandi Mokoena",
                     id="appositive-foreign-minister"),
        pytest.param("Prime Minister Rosa Ibarra of Chile spoke on Monday.",
                     "prime minister", "Chile", "Rosa Ibarra", id="prime-minister-of"),
        pytest.param("Acme chief executive Dana Whitfield resigned on Friday.",
                     "chief executive", "Acme", "Dana Whitfield", id="org-before"),
        pytest.param("The meeting was chaired by Acme Chief Executive Dana Whitfield.",
                     "chief executive", "Acme", "Dana Whitfield", id="org-before-capitals"),
        pytest.param("Acme CEO Dana Whitfield resigned.",
                     "chief executive", "Acme", "Dana Whitfield", id="ceo-before"),
        pytest.param("Dana Whitfield, CEO of Acme, resigned on Friday.",
                     "chief executive", "Acme", "Dana Whitfield", id="ceo-of"),
        pytest.param("Dana Whitfield, Acme's chief executive, resigned on Friday.",
                     "chief executive", "Acme", "Dana Whitfield", id="org-possessive"),
        pytest.param("Acme Corp chief executive Dana Whitfield resigned.",
                     "chief executive", "Acme Corp", "Dana Whitfield", id="org-with-suffix"),
        pytest.param("Brightwater Foods chairman Oliver Grant stepped down.",
                     "chair", "Brightwater Foods", "Oliver Grant", id="chairman"),
    ],
)  # fmt: skip
def test_role_extract_title_scope_holder(text: str, title: str, scope: str, holder: str) -> None:
    claim = only_claim(text)
    assert claim.kind == ClaimKind.ROLE
    assert claim.key == title
    assert claim.get("scope") == scope
    assert claim.value == holder
    assert claim.get("holder") == holder.lower()
    assert text[claim.start : claim.end] == claim.quote
    assert holder in claim.quote


def test_role_extract_unscoped_title_has_empty_scope() -> None:
    claim = only_claim("President Amani Wekesa spoke to the crowd.")
    assert (claim.key, claim.get("scope"), claim.value) == ("president", "", "Amani Wekesa")
    assert not claim.get("explicit")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Former Kenyan President Amani Wekesa arrived in Geneva.", id="former"),
        pytest.param("Kenyan former President Amani Wekesa arrived in Geneva.",
                     id="former-after-scope"),
        pytest.param("Amani Wekesa, the former president of Kenya, arrived in Geneva.",
                     id="appositive-former"),
        pytest.param("The former president of Kenya, Amani Wekesa, arrived in Geneva.",
                     id="former-of"),
        pytest.param("The late President Amani Wekesa was honoured in Nairobi.", id="late"),
        pytest.param("The late Kenyan president Amani Wekesa was honoured.", id="late-scoped"),
        pytest.param("Kenya's late President Amani Wekesa was honoured.", id="late-possessive"),
        pytest.param("Then-President Amani Wekesa signed the law.", id="then"),
        pytest.param("Acme's then chief executive Dana Whitfield signed the deal.",
                     id="then-org"),
        pytest.param("Ex-President Amani Wekesa arrived in Geneva.", id="ex"),
        pytest.param("The outgoing president of Kenya, Amani Wekesa, spoke.", id="outgoing"),
        pytest.param("Former Acme chief executive Dana Whitfield spoke.", id="former-org"),
        pytest.param("Dana Whitfield, Acme's former chief executive, spoke.",
                     id="appositive-possessive-former"),
        pytest.param("Deputy President Joseph Kamau spoke in Nairobi.", id="deputy"),
    ],
)  # fmt: skip
def test_role_extract_past_or_other_holders_make_no_claim(text: str) -> None:
    assert make_claims(text) == []


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # a title is a word: not the "king" of "ranking"
        pytest.param("The ranking of the Senate, Schatz, said no.", [], id="title-inside-a-word"),
        # a modifier is a word: not the "ex" of "annex", "complex", "index"
        pytest.param("At the annex mayor Jane Doe spoke.", [("mayor", "Jane Doe")], id="annex"),
        pytest.param("Visitors to the complex president of Kenya, William Ruto, said",
                     [("president", "William Ruto")], id="complex-of"),
        pytest.param("An index president Jane Doe said", [("president", "Jane Doe")],
                     id="index"),
    ],
)  # fmt: skip
def test_role_extract_reads_titles_and_modifiers_as_whole_words(
    text: str, claims: list[tuple[str, str]]
) -> None:
    assert [(c.key, c.value) for c in make_claims(text)] == claims


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Kenyan President-elect Amani Wekesa arrived in Geneva.", id="elect-scoped"),
        pytest.param("President-elect Amani Wekesa arrived in Geneva.", id="elect"),
    ],
)
def test_role_extract_elect_is_not_the_office_holder(text: str) -> None:
    assert not any(c.key == "president" for c in make_claims(text))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Kenyan Senator Amani Wekesa arrived in Geneva.", id="senator"),
        pytest.param("Senator Ruth Achieng voted against the bill.", id="senator-bare"),
        pytest.param("Acme spokesman Tom Reyes declined to comment.", id="spokesman"),
        pytest.param("Acme spokeswoman Mary Njeri declined to comment.", id="spokeswoman"),
        pytest.param("Kenyan Ambassador Ruth Achieng met the delegation.", id="ambassador"),
        pytest.param("Gen. Tomas Varga inspected the troops.", id="general"),
    ],
)
def test_role_extract_multi_holder_titles_make_no_claim(text: str) -> None:
    assert make_claims(text) == []


def test_role_extract_two_holders_in_one_sentence() -> None:
    text = "Kenyan President Amani Wekesa met Acme chief executive Dana Whitfield in Geneva."
    claims = make_claims(text)
    assert [(c.key, c.get("scope"), c.value) for c in claims] == [
        ("president", "Kenya", "Amani Wekesa"),
        ("chief executive", "Acme", "Dana Whitfield"),
    ]


def test_role_extract_offsets_in_later_sentence() -> None:
    text = "Talks resumed on Monday. Kenyan President Amani Wekesa arrived in Geneva."
    claim = only_claim(text)
    assert claim.sentence_index == 1
    assert text[claim.start : claim.end] == claim.quote == "President Amani Wekesa"


def test_role_extract_ignores_furniture_sentences() -> None:
    text = "Kenyan President Amani Wekesa"
    plain = make_sentence(text)
    furniture = Sentence(plain.source_id, 0, 0, len(text), text, furniture=True)
    doc = Document(Source(id="a", text=text), (furniture,))
    assert RoleRule().extract(plain, doc) != []
    assert RoleRule().extract(furniture, doc) == []
