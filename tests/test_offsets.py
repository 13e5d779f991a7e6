"""Property tests: every sentence and every claim points exactly into its source's text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from offsets import assert_offsets_true

SUBJECTS = [
    "Kenyan President Amani Wekesa", "Acme chief executive Dana Whitfield", "Mr. Okafor",
    "The U.S. Coast Guard", "Dr. Ines Alvarez", "Rescuers", "Officials in Nairobi",
    "South Africa's Foreign Minister Thandi Mokoena", "The president of Kenya, Amani Wekesa,",
    "Gen. Tomas Varga", "Former President Luc Girard", "Police", "Thandi Mokoena, CEO of Acme,",
]  # fmt: skip
VERBS = ["said", "reported", "counted", "found", "paid", "lost", "estimated", "confirmed"]
QUANTITIES = [
    "14 survivors", "eleven inspectors", "a dozen lorries", "two hundred and fifty samples",
    "hundreds of residents", "5,621 cases", "$4.2 billion", "€3.5 million", "£40m", "$2bn",
    "80%", "80 percent", "roughly 240 volunteers", "more than 100 boats", "up to 40 homes",
    "155 miles", "250km", "12 feet", "20 kg", "three days", "48 hours", "between 10 and 20 boats",
    "10-20 boats", "Flight 370", "No. 10", "the 21st meeting", "2.5 million trees",
    "a 10-year deal", "a 45-year-old man", "fewer than 30 memos", "some 12,000 people",
]  # fmt: skip
DATES = [
    "on June 19, 2024", "on 19 June 2024", "on 2024-06-19", "in June 2024", "in 2017",
    "on Tuesday", "on Sept. 3, 2021", "on March 3", "since 2019", "in mid-2021", "",
]  # fmt: skip
TAILS = [".", "!", "?", "…", ",” she said.", '," he said.', "", ".\u201d", " (officials said)."]
FURNITURE = [
    "Skip to main content", "Sponsor: Acme Boats", "SEE ALSO: Ten tips for a flood",
    "Read More", "Jana Novak can be reached at jnovak@example.com", "By Jana Novak",
    "- bridge closed", "• schools reopen Monday", "Flood Update",
]  # fmt: skip
GAPS = [" ", "  ", "\n", "\n\n", "\r\n", "\t", " \n ", "\u00a0", "\u2028", "\n\n\n"]


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    subject = draw(st.sampled_from(SUBJECTS))
    verb = draw(st.sampled_from(VERBS))
    quantity = draw(st.sampled_from(QUANTITIES))
    date = draw(st.sampled_from(DATES))
    tail = draw(st.sampled_from(TAILS))
    words = [w for w in (subject, verb, quantity, date) if w]
    return " ".join(words) + tail


@st.composite
def news_text(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                news_sentence(), news_sentence(), st.sampled_from(FURNITURE), st.text(max_size=20)
            ),
            min_size=1,
            max_size=8,
        )
    )
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(st.sampled_from(GAPS)))
    return "".join(out)


SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(st.text())
def test_offsets_arbitrary_text(text: str) -> None:
    assert_offsets_true(text)


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_offsets_arbitrary_unicode_text(text: str) -> None:
    assert_offsets_true(text)


@SETTINGS
@given(news_text())
def test_offsets_news_like_text(text: str) -> None:
    assert_offsets_true(text)


@SETTINGS
@given(st.lists(news_sentence(), min_size=1, max_size=6), st.sampled_from(GAPS))
def test_offsets_news_paragraph(sentences: list[str], gap: str) -> None:
    assert_offsets_true(gap.join(sentences))


def test_offsets_plain_example() -> None:
    assert_offsets_true(
        "Skip to main content\n"
        "Kenyan President Amani Wekesa said on Tuesday that roughly 240 volunteers joined the"
        " search on June 19, 2024.\n\nThe convoy travelled 250km, up from 155 miles in 2017."
    )
