"""POL: a flipped negation between two versions of one statement, and what is no flip."""

from __future__ import annotations

import pytest

from checker.api import audit
from checker.model import Source

QUOTE = (
    '"The president should listen to and work with his allies in Congress, who have expressed '
    "their concerns about the impact that a weak agreement would have on our workers, to make "
    'sure we get the best, strongest deal possible," Clinton said.'
)


def _pol(a: str, b: str, embedder) -> list:
    report = audit([Source("a", a), Source("b", b)], embedder=embedder, cache=None)
    return [c for c in report.conflicts if c.rule == "POL"]


def test_a_negation_flipped_in_one_version_is_reported(embedder) -> None:
    a = "Police said the two men were arrested at the scene and charged with assault on Friday."
    b = a.replace("were arrested", "were not arrested")
    [found] = _pol(a, b, embedder)
    assert sorted(cc.quote for cc in found.claims)[1] == "not"


@pytest.mark.parametrize(
    ("a", "b", "quotes"),
    [
        pytest.param(
            "The harbour council approved the dredging plan on Thursday after a long debate.",
            "After a long debate on Thursday, the harbour council rejected the dredging plan.",
            ["approved", "rejected"],
            id="built-differently-same-flanks",
        ),
        # the nearest words differ ("plan" / "proposal"), but the sentences align word by word
        pytest.param(
            "On Thursday evening the harbour council approved the dredging plan.",
            "On Thursday evening the harbour council rejected the dredging proposal.",
            ["approved", "rejected"],
            id="aligned-word-by-word",
        ),
        pytest.param(
            "Three judges overturned Ruiz's conviction, ruling that the evidence had been flawed.",
            "The court upheld the conviction of Maria Ruiz, rejecting claims the evidence was "
            "flawed.",
            ["overturned", "upheld"],
            id="long-replaced-stretch",
        ),
        pytest.param(
            "Smith, who was convicted of the murder in 2019, spoke to reporters outside the court.",
            "Smith, who was acquitted of the murder in 2019, spoke to reporters outside the court.",
            ["acquitted", "convicted"],
            id="two-relative-clauses",
        ),
        pytest.param(  # one possessive on both sides: the same person
            "Smith's son survived the crash on Route 9 on Friday, police said.",
            "Smith's son died in the crash on Route 9 on Friday, police said.",
            ["died", "survived"],
            id="one-person-by-a-possessive",
        ),
    ],
)
def test_opposite_words_in_one_slot_are_reported(a: str, b: str, quotes, embedder) -> None:
    [found] = _pol(a, b, embedder)
    assert sorted(cc.quote for cc in found.claims) == quotes


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "All the victims were intoxicated, and none could provide a motive for the "
            "shooting, police said.",
            "All of the victims were intoxicated, according to police, and could not provide a "
            "motive for the shooting.",
            id="none-and-not",
        ),
        pytest.param(
            QUOTE,
            QUOTE.replace(
                'deal possible," Clinton said.',
                "deal possible and if we don't get it, there should be no deal,\" Clinton said.",
            ),
            id="clause-only-one-has",
        ),
        pytest.param(
            "No suspects are in custody after the shooting on Elm Street, police said.",
            "No one is in custody after the shooting on Elm Street, police said.",
            id="no-and-no-one",
        ),
        # opposite words about different people, in clauses only one sentence has
        pytest.param(
            "Deputies said a man who survived called 911 from the farm on Sunday.",
            "Deputies said three people killed at the farm on Sunday were found after a 911 call.",
            id="survived-and-killed-in-a-long-replaced-stretch",
        ),
        pytest.param(
            "A fourth man who survived the shooting at the trailer called 911, deputies said.",
            "A man called 911 from the trailer, deputies said, and three people inside had "
            "been killed in the shooting.",
            id="survived-and-killed-in-other-clauses",
        ),
        # someone else between the name and the word, or that name's wife, not the name
        pytest.param(
            "On July 27, 2015, Kusaan Tolliver, 18, was shot and killed on the street.",
            "Tolliver's death came just four days after another man was shot, but survived, "
            "on that same block.",
            id="another-man-after-the-name",
        ),
        pytest.param(
            "The sheriff said Darrell Shriver, 68, his son Carey Shriver and Carey Shriver's "
            "wife, Valirea Shriver, died in the violence.",
            "The sheriff said Shriver's wife was shot but survived the violence.",
            id="the-name-and-the-name's-wife",
        ),
    ],
)
def test_no_flip_is_reported(a: str, b: str, embedder) -> None:
    assert _pol(a, b, embedder) == []


@pytest.mark.parametrize(
    ("text", "word", "agent"),
    [
        ("Kusaan Tolliver, 18, was shot and killed on the street.", "killed", "tolliver"),
        ("Shriver's wife was shot but survived.", "survived", "shriver's wife"),
        ("Smith's 22-year-old son survived the crash.", "survived", "smith's son"),
        ("Smith's injuries were severe, but he survived.", "survived", "smith"),  # no relative
        ("Johnson was struck by another driver and died.", "died", "johnson"),  # an object
        ("Tolliver's death came days after another man was shot, but survived.", "survived",
         "someone else at a:0:59"),
    ],
)  # fmt: skip
def test_who_an_opposite_word_is_said_of(text: str, word: str, agent: str) -> None:
    from checker.model import Claim, ClaimKind, Sentence
    from checker.rules.polarity import _agent

    i = text.index(word)
    claim = Claim("POL", ClaimKind.POLARITY, "a", 0, i, i + len(word), word, "x", "k")
    assert _agent(Sentence("a", 0, 0, len(text), text), claim) == agent
