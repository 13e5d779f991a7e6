"""Sentence splitting: abbreviations, numbers, quotations, line layout, offsets, furniture."""

from __future__ import annotations

import pytest

from checker.ingest import ingest
from checker.model import Sentence, Source
from checker.segment import segment


def make_source(text: str, source_id: str = "a") -> Source:
    """A source as ingestion hands it over (page furniture already marked)."""
    return ingest([Source(id=source_id, text=text)]).sources[0]


def split(text: str) -> list[str]:
    return [s.text for s in segment(make_source(text))]


def assert_offsets_true(source: Source, sentences: tuple[Sentence, ...]) -> None:
    for s in sentences:
        assert s.text == source.text[s.start : s.end]
        assert s.source_id == source.id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mr. Okafor met Dr. Lindqvist at the harbour. They spoke for an hour.",
            ["Mr. Okafor met Dr. Lindqvist at the harbour.", "They spoke for an hour."],
            id="mr-dr",
        ),
        pytest.param(
            "The U.S. Coast Guard sent two cutters. The search resumed at dawn.",
            ["The U.S. Coast Guard sent two cutters.", "The search resumed at dawn."],
            id="u.s.",
        ),
        pytest.param(
            "Samuel Adeyemi Jr. arrived late. The hearing had already begun.",
            ["Samuel Adeyemi Jr. arrived late.", "The hearing had already begun."],
            id="jr",
        ),
        pytest.param(
            "The crew moved to No. 5 Harbour Road. Neighbours helped them unpack.",
            ["The crew moved to No. 5 Harbour Road.", "Neighbours helped them unpack."],
            id="no-5",
        ),
        pytest.param(
            "Gen. Tomas Varga inspected the depot. Lt. Col. Ramos stayed behind.",
            ["Gen. Tomas Varga inspected the depot.", "Lt. Col. Ramos stayed behind."],
            id="gen-lt-col",
        ),
        pytest.param(
            "The U.N. mission in St. Kitts will end. Talks continue.",
            ["The U.N. mission in St. Kitts will end.", "Talks continue."],
            id="u.n.-st",
        ),
        pytest.param(
            "Acme Inc. said profits rose. Shares fell.",
            ["Acme Inc. said profits rose.", "Shares fell."],
            id="inc",
        ),
        pytest.param(
            "The novel by J. R. Hartley sold well. Critics were kind.",
            ["The novel by J. R. Hartley sold well.", "Critics were kind."],
            id="initials",
        ),
    ],
)
def test_segment_abbreviations_do_not_split(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The agency counted 5,621 cases. Most were mild.",
            ["The agency counted 5,621 cases.", "Most were mild."],
            id="thousands-separator",
        ),
        pytest.param(
            "The rate rose 2.5 points in June. Analysts were surprised.",
            ["The rate rose 2.5 points in June.", "Analysts were surprised."],
            id="decimal",
        ),
        pytest.param(
            "Crews fired 155mm shells at the ridge. Nobody was hurt.",
            ["Crews fired 155mm shells at the ridge.", "Nobody was hurt."],
            id="calibre",
        ),
        pytest.param(
            "The firm is worth $1.75bn. It employs 12,400 people.",
            ["The firm is worth $1.75bn.", "It employs 12,400 people."],
            id="money",
        ),
    ],
)
def test_segment_numbers_do_not_split(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"We will rebuild the bridge," he said. The work starts in spring.',
            ['"We will rebuild the bridge," he said.', "The work starts in spring."],
            id="comma-inside-quote",
        ),
        pytest.param(
            "“Who will pay for it?” she asked. Nobody answered.",
            ["“Who will pay for it?” she asked.", "Nobody answered."],
            id="question-inside-curly-quote",
        ),
        pytest.param(
            '"Is it safe?" asked the mayor. Engineers said it was.',
            ['"Is it safe?" asked the mayor.', "Engineers said it was."],
            id="question-then-verb",
        ),
        pytest.param(
            "“We are not done,” the mayor said. “Not yet.”",
            ["“We are not done,” the mayor said.", "“Not yet.”"],
            id="closing-quote-kept",
        ),
    ],
)
def test_segment_quotations_stay_with_attribution(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The fleet left at dawn. It returned at dusk!  Was anyone hurt? Nobody knows… Crews"
            " kept working.",
            [
                "The fleet left at dawn.",
                "It returned at dusk!",
                "Was anyone hurt?",
                "Nobody knows…",
                "Crews kept working.",
            ],
            id="terminal-marks",
        ),
        pytest.param(
            "Four were shot.Fourteen people were hospitalized.Investigators said so.",
            ["Four were shot.", "Fourteen people were hospitalized.", "Investigators said so."],
            id="glued-without-space",
        ),
        pytest.param(
            "Read more at www.wsbtv.com/News.Story today. Visit abc.Com for more. Mrs.Smith left.",
            [
                "Read more at www.wsbtv.com/News.Story today.",
                "Visit abc.Com for more.",
                "Mrs.Smith left.",
            ],
            id="glued-not-in-addresses",
        ),
        pytest.param(
            "Write to jane.Doe@example.org or see news.Google.com today. It ended.",
            ["Write to jane.Doe@example.org or see news.Google.com today.", "It ended."],
            id="glued-not-in-mail-or-domain",
        ),
        pytest.param(
            'She said "it is over."Then she went. He was in trouble."His mother left."',
            [
                'She said "it is over."',
                "Then she went.",
                "He was in trouble.",
                '"His mother left."',
            ],
            id="glued-straight-quote-opens-or-closes",
        ),
        pytest.param(
            "Police said.“The man fled.”Officers searched.",
            ["Police said.", "“The man fled.”", "Officers searched."],
            id="glued-curly-quotes",
        ),
    ],
)
def test_segment_splits_at_sentence_ends(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The storm flooded the lower town and forced hundreds of families\n"
            "to leave their homes before the river crested.\n"
            "Rescue teams worked through the weekend.",
            [
                "The storm flooded the lower town and forced hundreds of families\n"
                "to leave their homes before the river crested.",
                "Rescue teams worked through the weekend.",
            ],
            id="hard-wrapped-prose-joined",
        ),
        pytest.param(
            "Officials said the river fell below the warning level on\n"
            "Saturday morning. Crews then reopened the road.",
            [
                "Officials said the river fell below the warning level on\nSaturday morning.",
                "Crews then reopened the road.",
            ],
            id="wrap-before-capital",
        ),
        pytest.param(
            "Flood Update\nThe river crested on Friday night near the old mill.",
            ["Flood Update", "The river crested on Friday night near the old mill."],
            id="short-heading-separate",
        ),
        pytest.param(
            "The river crested on Friday.\n\nOfficials lifted the warning.",
            ["The river crested on Friday.", "Officials lifted the warning."],
            id="blank-line",
        ),
        pytest.param(
            "The river crested on Friday night near the old stone mill\n\n"
            "Officials lifted the warning after the water level fell sharply",
            [
                "The river crested on Friday night near the old stone mill",
                "Officials lifted the warning after the water level fell sharply",
            ],
            id="blank-line-without-punctuation",
        ),
    ],
)
def test_segment_line_layout(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    "marker",
    [pytest.param("-", id="dash"), pytest.param("•", id="bullet"), pytest.param("*", id="star")],
)
def test_segment_bullets_are_separate(marker: str) -> None:
    items = [
        "the bridge stays closed until the structural inspection is complete",
        "schools reopen on Monday after the long holiday break for families",
        "power has been restored to most homes on the eastern side of town",
    ]
    text = "Key points from the council meeting:\n" + "\n".join(f"{marker} {i}" for i in items)
    sentences = split(text)
    for item in items:
        holding = [s for s in sentences if item in s]
        assert len(holding) == 1, item
        assert sum(other in holding[0] for other in items) == 1


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("One sentence only.", id="single"),
        pytest.param("  Leading and trailing space.  \n\n", id="padded"),
        pytest.param("First line.\r\nSecond line.\r\n\r\nThird.", id="crlf"),
        pytest.param("Dr. Ünal said «ça va». Ärzte kamen. 東京で会った。 End.", id="unicode"),
        pytest.param("\n\n\t \n", id="blank"),
        pytest.param("no punctuation at all " * 200, id="run-on"),
    ],
)
def test_segment_offsets_point_into_source(text: str) -> None:
    source = make_source(text)
    sentences = segment(source)
    assert_offsets_true(source, sentences)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert s.text.strip() == s.text and s.text
    for a, b in zip(sentences, sentences[1:], strict=False):
        assert a.end <= b.start


def test_segment_blank_text_has_no_sentences() -> None:
    assert segment(Source(id="a", text="   \n\n ")) == ()


def test_segment_caps_run_on_text() -> None:
    source = make_source("word " * 2000)
    sentences = segment(source)
    assert len(sentences) > 1
    assert all(len(s.text) <= 1500 for s in sentences)
    assert_offsets_true(source, sentences)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Skip to main content", id="skip"),
        pytest.param("Sponsor: Acme Boats", id="sponsor"),
        pytest.param("Sponsored content from Acme Boats", id="sponsored"),
        pytest.param("SEE ALSO: Ten tips for a flood", id="see-also"),
        pytest.param("Read More", id="read-more"),
        pytest.param("Advertisement", id="advertisement"),
        pytest.param("By Jana Novak", id="byline"),
        pytest.param("Photo: Jana Novak", id="photo-credit"),
        pytest.param("Related: Ten tips for a flood", id="related"),
        pytest.param("With Ryan Sit, Erin Durkin and Graham Rayman", id="contributors"),
        pytest.param("View Full Caption DNAinfo/Jana Novak", id="caption"),
    ],
)
def test_segment_furniture_lines_flagged(line: str) -> None:
    prose = "The river fell below the warning level overnight, officials said."
    text = f"{prose}\n{line}\nCrews reopened the coastal road on Sunday afternoon."
    source = make_source(text)
    sentences = segment(source)
    assert_offsets_true(source, sentences)
    by_text = {s.text: s for s in sentences}
    assert by_text[line].furniture
    assert not by_text[prose].furniture
    assert not by_text["Crews reopened the coastal road on Sunday afternoon."].furniture


@pytest.mark.parametrize(
    "line",
    [
        "With the help of neighbours, Crews Reopened the road.",
        "With Obama in Hanoi, the talks went on.",
    ],
)
def test_segment_prose_opening_with_with_is_not_a_contributor_line(line: str) -> None:
    sentences = segment(make_source(f"{line}\nCrews reopened the coastal road on Sunday."))
    assert not any(s.furniture for s in sentences)


def test_segment_contact_line_at_end_flagged() -> None:
    prose = "Crews reopened the coastal road on Sunday afternoon."
    contact = "Jana Novak can be reached at jnovak@example.com"
    source = make_source(f"{prose}\n{contact}\n")
    sentences = segment(source)
    assert [(s.text, s.furniture) for s in sentences] == [(prose, False), (contact, True)]


@pytest.mark.parametrize(
    ("sentence", "credit"),
    [
        ("Associated Press writer Jana Novak in Phoenix contributed to this report.", True),
        ("The Associated Press contributed to this story.", True),
        ("Jana Novak is a Tribune-Review staff writer.", True),
        ("Jana Novak is a reporter for The Herald.", True),
        ("NBC 7's Jana Novak reports.", True),
        ("KING 5's Jana Novak and Ed Timms reported.", True),
        ("Novak reported from Detroit.", True),
        ("Novak is a writer who heard five shots from her porch.", False),
        ("Novak reported from the scene that five people died.", False),
        ("The sheriff's office reported five deaths.", False),
        ("Police Chief Ed Timms reported.", False),
        ("Two people died, the Sheriff's Office reported.", False),
        ("Staff who contributed to the report said the agency ignored warnings.", False),
        ("Three Deaths Reported From Flu Outbreak.", False),
        ("Slain Man Is A Former Tribune Editor.", False),
    ],
)
def test_segment_credit_sentences_are_furniture(sentence: str, credit: bool) -> None:
    # a credit names who wrote the story, often inside a paragraph: no claim is read from it
    prose = "Crews reopened the coastal road on Sunday afternoon."
    sentences = segment(Source(id="a", text=f"{prose} {sentence} {prose}"))
    assert [(s.text, s.furniture) for s in sentences] == [
        (prose, False),
        (sentence, credit),
        (prose, False),
    ]


def test_segment_without_furniture_spans_flags_nothing() -> None:
    sentences = segment(Source(id="a", text="Skip to main content\nThe river fell overnight."))
    assert not any(s.furniture for s in sentences)


def test_segment_keeps_source_id() -> None:
    sentences = segment(make_source("The ferry sank. Everyone survived.", source_id="wire-7"))
    assert {s.source_id for s in sentences} == {"wire-7"}
