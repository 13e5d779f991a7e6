"""Quantities in a sentence, and whether two numeric claims can both be true."""

from __future__ import annotations

import math

import pytest

from checker.dates import find_dates
from checker.model import Claim, Sentence, Source
from checker.numbers import Quantity, find_quantities, parse_words
from checker.rules.base import Document
from checker.rules.numeric import NumericRule, _agree
from checker.segment import segment

INF = math.inf


def make_sentence(text: str, source_id: str = "a") -> Sentence:
    return Sentence(source_id=source_id, index=0, start=0, end=len(text), text=text)


def make_claims(text: str, source_id: str = "a") -> list[Claim]:
    """NumericRule's claims for a one-sentence source."""
    source = Source(id=source_id, text=text)
    sentences = segment(source)
    doc = Document(source, sentences)
    return [c for s in sentences for c in NumericRule().extract(s, doc)]


def only_claim(text: str, source_id: str = "a") -> Claim:
    claims = make_claims(text, source_id)
    assert len(claims) == 1, [c.quote for c in claims]
    return claims[0]


def only_quantity(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, [text[q.start : q.end] for q in found]
    return found[0]


def unit_name(q: Quantity) -> str | None:
    return q.unit.name if q.unit else None


# (text, value or None when only the bounds matter, (low, high), hedge, unit name, head lemma)
QUANTITIES = [
    pytest.param("Rescuers found 14 survivors in the rubble.", 14, (14, 14), "", None,
                 "survivor", id="digits"),
    pytest.param("The council hired eleven inspectors.", 11, (11, 11), "", None, "inspector",
                 id="word-eleven"),
    pytest.param("Twenty-five schools were closed.", 25, (25, 25), "", None, "school",
                 id="word-twenty-five-capital"),
    pytest.param("The club signed twenty-five players.", 25, (25, 25), "", None, "player",
                 id="word-twenty-five"),
    pytest.param("A dozen lorries were stuck on the pass.", 12, (12, 12), "", None, "lorry",
                 id="a-dozen"),
    pytest.param("The lab received two hundred and fifty samples.", 250, (250, 250), "", None,
                 "sample", id="two-hundred-and-fifty"),
    pytest.param("A hundred sheep were lost in the storm.", 100, (100, 100), "", None, "sheep",
                 id="a-hundred"),
    pytest.param("Hundreds of residents were evacuated.", None, (200, 999), "", None,
                 "resident", id="hundreds-of"),
    pytest.param("Thousands of fans gathered outside.", None, (2_000, 9_999), "", None, "fan",
                 id="thousands-of"),
    pytest.param("Dozens of homes were damaged.", None, (24, 99), "", None, "home",
                 id="dozens-of"),
    pytest.param("Tens of thousands of people marched.", None, (20_000, 99_999), "", None,
                 "person", id="tens-of-thousands-of"),
    pytest.param("The region recorded 5,621 cases.", 5_621, (5_621, 5_621), "", None, "case",
                 id="thousands-separator"),
    pytest.param("The airline carried 1,204,330 passengers.", 1_204_330,
                 (1_204_330, 1_204_330), "", None, "passenger", id="two-separators"),
    pytest.param("Volunteers planted 2.5 million trees.", 2_500_000, (2_450_000, 2_550_000),
                 "", None, "tree", id="decimal-million"),
    pytest.param("The storm left 1.2 million homes without power.", 1_200_000,
                 (1_150_000, 1_250_000), "", None, "home", id="decimal-million-homes"),
    pytest.param("The company lost $4.2 billion.", 4.2e9, (4.15e9, 4.25e9), "", "dollar", "",
                 id="dollar-billion"),
    pytest.param("The city raised €3.5 million for the park.", 3.5e6, (3.45e6, 3.55e6), "",
                 "euro", "", id="euro-million"),
    pytest.param("The club paid £40m for the striker.", 40e6, (39.5e6, 40.5e6), "",
                 "pound sterling", "", id="pound-m"),
    pytest.param("The deal was worth $2bn in total.", 2e9, (1.9e9, 2.1e9), "", "dollar", "",
                 id="dollar-bn"),
    pytest.param("The bank set aside €1.2bn for losses.", 1.2e9, (1.15e9, 1.25e9), "", "euro",
                 "", id="euro-bn"),
    pytest.param("The fund holds 1.5 billion dollars.", 1.5e9, (1.45e9, 1.55e9), "", "dollar",
                 "", id="billion-dollars"),
    pytest.param("Turnout reached 80% in the north.", 80, (80, 80), "", "percent", "",
                 id="percent-sign"),
    pytest.param("Turnout reached 80 percent in the north.", 80, (80, 80), "", "percent", "",
                 id="percent-word"),
    pytest.param("Turnout reached 80 per cent in the north.", 80, (80, 80), "", "percent", "",
                 id="per-cent"),
    pytest.param("Turnout reached eighty percent in the north.", 80, (80, 80), "", "percent",
                 "", id="word-percent"),
    pytest.param("The convoy travelled 155 miles.", 155, (155, 155), "", "mile", "",
                 id="miles"),
    pytest.param("The convoy travelled 250 kilometres.", 250, (250, 250), "", "kilometre", "",
                 id="kilometres"),
    pytest.param("The convoy travelled 250km before dusk.", 250, (250, 250), "", "kilometre",
                 "", id="km-attached"),
    pytest.param("The wall is 12 feet high.", 12, (12, 12), "", "foot", "", id="feet"),
    pytest.param("The parcel weighed 20 kg.", 20, (20, 20), "", "kilogram", "", id="kg"),
    pytest.param("The search lasted three days.", 3, (3, 3), "", "day", "", id="three-days"),
    pytest.param("The strike lasted 48 hours.", 48, (48, 48), "", "hour", "", id="hours"),
    pytest.param("The jury deliberated for two weeks.", 2, (2, 2), "", "week", "",
                 id="two-weeks"),
    pytest.param("Officials said between 10 and 20 boats capsized.", 10, (10, 20), "", None,
                 "boat", id="between-and"),
    pytest.param("Officials said 10 to 20 boats capsized.", 10, (10, 20), "", None, "boat",
                 id="to-range"),
    pytest.param("Officials said between the 10 and the 20 boats capsized.", 10, (10, 20), "",
                 None, "boat", id="between-the-and-the"),
    pytest.param("Officials said 10-20 boats capsized.", 10, (10, 20), "", None, "boat",
                 id="dash-range"),
    pytest.param("Roughly 240 volunteers joined the search.", 240, (234, 246), "roughly", None,
                 "volunteer", id="roughly"),
    pytest.param("Some 240 volunteers joined the search.", 240, (234, 246), "some", None,
                 "volunteer", id="some"),
    pytest.param("About 240 volunteers joined the search.", 240, (234, 246), "about", None,
                 "volunteer", id="about"),
    pytest.param("Approximately 240 volunteers joined.", 240, (234, 246), "approximately",
                 None, "volunteer", id="approximately"),
    pytest.param("Nearly 240 volunteers joined the search.", 240, (228, 240), "nearly", None,
                 "volunteer", id="nearly"),
    pytest.param("Almost 240 volunteers joined the search.", 240, (228, 240), "almost", None,
                 "volunteer", id="almost"),
    pytest.param("More than 240 volunteers joined the search.", 240, (240, INF), "more than",
                 None, "volunteer", id="more-than"),
    pytest.param("At least 240 volunteers joined the search.", 240, (240, INF), "at least",
                 None, "volunteer", id="at-least"),
    pytest.param("Up to 240 volunteers joined the search.", 240, (0, 240), "up to", None,
                 "volunteer", id="up-to"),
    pytest.param("As many as 240 volunteers joined.", 240, (0, 240), "as many as", None,
                 "volunteer", id="as-many-as"),
    pytest.param("Fewer than 240 volunteers joined the search.", 240, (0, 240), "fewer than",
                 None, "volunteer", id="fewer-than"),
    # an approximation is as loose as the number's precision, within 2.5-10%
    pytest.param("Around 7,500 people marched.", 7_500, (7_312.5, 7_687.5), "around", None,
                 "person", id="around-thousands"),
    pytest.param("Nearly 80% of the weapons were seized.", 80, (70, 80), "nearly", "percent",
                 "", id="nearly-percent"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value", "bounds", "hedge", "unit", "head"), QUANTITIES)
def test_find_quantities_reads_value_bounds_unit_and_head(
    text: str,
    value: float | None,
    bounds: tuple[float, float],
    hedge: str,
    unit: str | None,
    head: str,
) -> None:
    q = only_quantity(text)
    if value is not None:
        assert q.value == pytest.approx(value)
    assert q.low <= q.value <= q.high
    assert (q.low, q.high) == pytest.approx(bounds)
    assert q.hedge == hedge
    assert unit_name(q) == unit
    assert q.head == head
    assert not q.superseded


def test_find_quantities_article_joins_a_range_only_after_between() -> None:
    # "between the 400 and the 700 blocks" is one range; "from 10 to the 30 cases" two figures
    one = find_quantities("Shots rang out between the 400 and the 700 blocks of Elm.")
    assert [(q.low, q.high) for q in one] == [(400, 700)]
    two = find_quantities("The count went from 10 to the 30 cases.")
    assert [q.value for q in two] == [10, 30]


def test_find_quantities_percent_spellings_share_a_unit() -> None:
    units = {
        only_quantity(f"Turnout reached {form} in the north.").unit
        for form in ("80%", "80 percent", "80 per cent")
    }
    assert len(units) == 1
    assert next(iter(units)).dimension == "percent"


def test_find_quantities_percent_keeps_what_it_is_of() -> None:
    q = only_quantity("Nearly 80% of the weapons were seized.")
    assert "weapon" in q.of_words


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        pytest.param("Rescuers found 14 survivors in the rubble.", "14 survivors", id="count"),
        pytest.param("Roughly 240 volunteers joined the search.", "Roughly 240 volunteers",
                     id="hedge-included"),
        pytest.param("Turnout reached 80% in the north.", "80%", id="percent"),
        pytest.param("The convoy travelled 250 kilometres.", "250 kilometres", id="unit"),
        pytest.param("The company lost $4.2 billion.", "$4.2 billion", id="money"),
        pytest.param("Officials said 10 to 20 boats capsized.", "10 to 20 boats", id="range"),
    ],
)  # fmt: skip
def test_find_quantities_span_covers_the_quantity(text: str, quote: str) -> None:
    q = only_quantity(text)
    assert text[q.start : q.end] == quote


@pytest.mark.parametrize(
    ("text", "current", "previous"),
    [
        pytest.param("The toll rose to 31, up from 24 on Monday.", 31, 24, id="up-from"),
        pytest.param("Unemployment fell to 5.1%, compared with 5.6% a year ago.", 5.1, 5.6,
                     id="compared-with"),
        pytest.param("The price rose 4%, up from 3% in March.", 4, 3, id="percent-up-from"),
    ],
)  # fmt: skip
def test_find_quantities_marks_superseded_values(
    text: str, current: float, previous: float
) -> None:
    found = {q.value: q for q in find_quantities(text)}
    assert not found[current].superseded
    assert found[previous].superseded


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The airline said Flight 370 was delayed.", id="flight"),
        pytest.param("The ship fired a P-700 missile.", id="model-number"),
        pytest.param("The meeting took place at No. 10 on Friday.", id="no-10"),
        pytest.param("Route 66 was closed.", id="route"),
        pytest.param("The bus number 42 was late.", id="number-42"),
        pytest.param("She finished 3rd in the race.", id="ordinal-3rd"),
        pytest.param("It was the 21st meeting of the panel.", id="ordinal-21st"),
        pytest.param("The team scored in the 2nd half.", id="ordinal-2nd"),
        pytest.param("One of the ferries sank.", id="one-of"),
        pytest.param("No one was hurt.", id="no-one"),
    ],
)
def test_find_quantities_skips_identifiers_and_ordinals(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The factory opened in 2017 with 412 workers.", [412], id="in-year"),
        pytest.param("Rescuers said 14 people were missing on 12 March 2023.", [14],
                     id="full-date"),
        pytest.param("The project cost $12.5 million in 2020.", [12.5e6], id="money-and-year"),
    ],
)  # fmt: skip
def test_find_quantities_leaves_out_skipped_date_spans(text: str, expected: list[float]) -> None:
    skip = [(d.start, d.end) for d in find_dates(text)]
    assert [q.value for q in find_quantities(text, skip)] == expected


def test_find_quantities_returns_years_when_not_skipped() -> None:
    assert 2017 in [q.value for q in find_quantities("The factory opened in 2017.")]


def test_find_quantities_sorted_and_inside_text() -> None:
    text = "The unit lost 12 soldiers, 3 tanks and roughly 40% of its fuel over two days."
    found = find_quantities(text)
    assert [q.value for q in found] == [12, 3, 40, 2]
    starts = [q.start for q in found]
    assert starts == sorted(starts)
    assert all(0 <= q.start < q.end <= len(text) for q in found)


def test_find_quantities_modifier_and_age() -> None:
    deal = only_quantity("A 10-year deal was signed.")
    assert deal.modifier and deal.unit is not None and deal.unit.name == "year"
    assert deal.head == "deal"
    age = only_quantity("The 45-year-old man was arrested.")
    assert age.value == 45 and age.dimension == "age" and not age.modifier


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("Boy, 9, shot on Detroit's west side", "age"),
        ("Police said the woman, 34, was taken to a hospital.", "age"),
        ("The victims, 19 and 20, were treated at the scene.", "count"),  # not set off alone
        ("In the end, 40 people were hurt.", "count"),  # no word for a person before it
        ("The man, 3.5 miles away, heard the shots.", "length"),
    ],
)
def test_a_number_set_off_after_a_word_for_a_person_is_an_age(text: str, dimension: str) -> None:
    assert find_quantities(text, [])[0].dimension == dimension


@pytest.mark.parametrize(
    ("words", "value"),
    [
        pytest.param("eleven", 11, id="eleven"),
        pytest.param("twenty-five", 25, id="twenty-five"),
        pytest.param("a dozen", 12, id="a-dozen"),
        pytest.param("two hundred and fifty", 250, id="two-hundred-and-fifty"),
        pytest.param("three thousand four hundred", 3_400, id="thousands"),
        pytest.param("one million", 1_000_000, id="million"),
        pytest.param("a hundred", 100, id="a-hundred"),
        pytest.param("Seventy Two", 72, id="capitals"),
        pytest.param("banana", None, id="not-a-number"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_words_values(words: str, value: float | None) -> None:
    assert parse_words(words) == value


# Pairs of one-sentence sources whose single numeric claims are about the same thing.
AGREE = [
    pytest.param("Turnout reached roughly 80% in the north.",
                 "Turnout reached some 80 percent in the north.", id="hedged-percent"),
    pytest.param("Turnout reached 80 per cent in the north.",
                 "Turnout reached 80% in the north.", id="per-cent-vs-sign"),
    pytest.param("More than 100 volunteers joined the search.",
                 "120 volunteers joined the search.", id="more-than-vs-higher"),
    pytest.param("The convoy travelled 250 kilometres.", "The convoy travelled 155 miles.",
                 id="km-vs-miles"),
    pytest.param("The search lasted three days.", "The search lasted 72 hours.",
                 id="days-vs-hours"),
    pytest.param("A dozen lorries were stuck.", "Twelve lorries were stuck.",
                 id="dozen-vs-twelve"),
    pytest.param("Hundreds of residents were evacuated.", "450 residents were evacuated.",
                 id="hundreds-of-vs-450"),
    pytest.param("Officials said 10 to 20 boats capsized.", "Officials said 15 boats capsized.",
                 id="range-contains"),
    pytest.param("Nearly 60 boats were damaged.", "57 boats were damaged.",
                 id="nearly-vs-below"),
    pytest.param("Up to 40 boats were damaged.", "35 boats were damaged.", id="up-to-vs-below"),
    pytest.param("About 300 volunteers joined.", "325 volunteers joined.", id="about-within"),
    pytest.param("The deal was worth $2bn in total.", "The deal was worth $2 billion in total.",
                 id="bn-vs-billion"),
    pytest.param("The company lost $4.2 billion.", "The company lost $4.24 billion.",
                 id="rounded-billion"),
    pytest.param("The parcel weighed 20 kg.", "The parcel weighed 44 pounds.",
                 id="kg-vs-pounds"),
    pytest.param("The march drew 5,600 people.", "The march drew 5,640 people.",
                 id="round-number"),
]  # fmt: skip

CONFLICT = [
    pytest.param("Investigators found 11 memos.", "Investigators found 12 memos.",
                 id="11-vs-12"),
    pytest.param("More than 200 volunteers joined the search.",
                 "150 volunteers joined the search.", id="more-than-vs-lower"),
    pytest.param("The company lost $4.2 billion.", "The company lost $4.5 billion.",
                 id="billions"),
    pytest.param("The club paid £40m for the striker.", "The club paid £45m for the striker.",
                 id="pounds-m"),
    pytest.param("Nearly 60 boats were damaged.", "62 boats were damaged.",
                 id="nearly-vs-above"),
    pytest.param("Up to 40 boats were damaged.", "45 boats were damaged.",
                 id="up-to-vs-above"),
    pytest.param("Fewer than 30 boats were damaged.", "31 boats were damaged.",
                 id="fewer-than-vs-above"),
    pytest.param("At least 31 boats were damaged.", "29 boats were damaged.",
                 id="at-least-vs-below"),
    pytest.param("Hundreds of residents were evacuated.", "90 residents were evacuated.",
                 id="hundreds-of-vs-90"),
    pytest.param("Dozens of residents were evacuated.", "2,000 residents were evacuated.",
                 id="dozens-of-vs-2000"),
    pytest.param("Officials said 10 to 20 boats capsized.", "Officials said 25 boats capsized.",
                 id="range-excludes"),
    pytest.param("The search lasted three days.", "The search lasted two days.",
                 id="days"),
    pytest.param("The parcel weighed 20 kg.", "The parcel weighed 50 pounds.",
                 id="kg-vs-pounds"),
    pytest.param("The wall is 12 feet high.", "The wall is 3 metres high.", id="feet-vs-metres"),
    pytest.param("About 300 volunteers joined.", "340 volunteers joined.", id="about-outside"),
    pytest.param("Turnout reached 80% in the north.", "Turnout reached 68% in the north.",
                 id="percent"),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), AGREE)
def test_numeric_agree_pairs(a: str, b: str) -> None:
    ca, cb = only_claim(a, "a"), only_claim(b, "b")
    assert ca.key == cb.key
    assert _agree(ca, cb)
    assert _agree(cb, ca)


@pytest.mark.parametrize(("a", "b"), CONFLICT)
def test_numeric_conflict_pairs(a: str, b: str) -> None:
    ca, cb = only_claim(a, "a"), only_claim(b, "b")
    assert ca.key == cb.key
    assert not _agree(ca, cb)
    assert not _agree(cb, ca)


def test_numeric_claim_offsets_and_details() -> None:
    text = "Officials said roughly 240 volunteers joined the search, up from 180 on Monday."
    claims = make_claims(text)
    assert [c.value for c in claims] == [240, 180]
    first, second = claims
    assert text[first.start : first.end] == first.quote == "roughly 240 volunteers"
    assert first.key == "count:volunteer"
    assert first.get("hedge") == "roughly"
    assert not first.get("superseded")
    assert second.get("superseded")


def test_numeric_claims_different_things_have_different_keys() -> None:
    memos = only_claim("Investigators found 11 memos.")
    miles = only_claim("The convoy travelled 155 miles.")
    money = only_claim("The company lost $4.2 billion.")
    assert len({memos.key, miles.key, money.key}) == 3


def test_numeric_extract_ignores_furniture_sentences() -> None:
    text = "Sponsor: 40% off boats"
    plain = make_sentence(text)
    furniture = Sentence(plain.source_id, 0, 0, len(text), text, furniture=True)
    doc = Document(Source(id="a", text=text), (furniture,))
    assert NumericRule().extract(plain, doc) != []
    assert NumericRule().extract(furniture, doc) == []


@pytest.mark.parametrize(
    ("text", "quote", "low", "high"),
    [
        ("He is 6' 8\" tall.", "6' 8\"", 80, 80),
        ("He is described as 5 foot, 11 inches tall.", "5 foot, 11 inches", 71, 71),
        ("The man was 5 feet 3 to 5 feet 5, police said.", "5 feet 3 to 5 feet 5", 63, 65),
        ("A man 5-foot-9 to 6-foot tall ran off.", "5-foot-9 to 6-foot", 69, 72),
    ],
)
def test_a_height_is_one_quantity_in_inches(text: str, quote: str, low: int, high: int) -> None:
    [q] = find_quantities(text, [])
    assert text[q.start : q.end] == quote
    assert q.unit is not None and q.unit.name == "inch"
    assert round(q.low + 0.45) == low and round(q.high - 0.45) == high
