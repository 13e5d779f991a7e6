"""The controlled edits and meaning-preserving rewrites of bench/heldout.py (bench/edits.py):
where they cut, that an edit changes exactly one value, and that a rewrite keeps every value."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from bench.edits import EDIT_KINDS, REWRITE_KINDS, Change, edit, rewrite
from checker.numbers import find_quantities

ARTICLE = (
    "Sheriff Dana Whitlock said three men were shot on Tuesday, March 4, 2014, outside a bar. "
    "About 40 percent of the 1,250 residents of Route 9 heard the shots. "
    "Mr. Okafor, 52, was taken to the hospital and two others were treated at the scene. "
    "Officers searched the alley for hours, and a witness described a grey van."
)
NAMES = ("Priya Raman", "Tomasz Wolny")


def _spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^ ].*?(?<!\bMr)\.(?= |$)", text)]


def _values(sentence: str) -> list[float]:
    return sorted(q.value for q in find_quantities(sentence))


def _check_offsets(change: Change, original: str) -> tuple[str, str]:
    """The text outside the changed sentence is untouched; return (old, new) sentence."""
    assert change.text[: change.start] == original[: change.orig_start]
    assert change.text[change.end :] == original[change.orig_end :]
    assert change.start == change.orig_start
    before = original[change.orig_start : change.orig_end]
    after = change.text[change.start : change.end]
    assert before != after
    return before, after


def _one_swap(before: str, after: str, old: str, new: str) -> None:
    """`after` is `before` with one occurrence of `old` replaced by `new`."""
    assert old != new
    hits = [
        m.start() for m in re.finditer(re.escape(old), before) if before[: m.start()] + new
        == after[: m.start() + len(new)] and before[m.end() :] == after[m.start() + len(new) :]
    ]  # fmt: skip
    assert len(hits) == 1


@pytest.mark.parametrize("seed", range(6))
def test_number_edit_changes_exactly_one_quantity(seed: int) -> None:
    change = edit(ARTICLE, _spans(ARTICLE), "number", random.Random(seed))
    assert change is not None and change.kind == "number"
    before, after = _check_offsets(change, ARTICLE)
    _one_swap(before, after, change.old, change.new)
    old, new = _values(before), _values(after)
    assert len(old) == len(new)
    assert len(set(old) ^ set(new)) == 2  # one value left, another came
    assert change.old not in {"2014", "9"}  # not the year, not the route's number


@pytest.mark.parametrize("seed", range(6))
def test_date_edit_changes_a_month_weekday_year_or_day(seed: int) -> None:
    change = edit(ARTICLE, _spans(ARTICLE), "date", random.Random(seed))
    assert change is not None
    before, after = _check_offsets(change, ARTICLE)
    _one_swap(before, after, change.old, change.new)
    assert change.orig_start == 0  # the only sentence with a date
    assert change.old in {"Tuesday", "March", "2014", "4"}
    assert change.new in {"Thursday", "April", "2013", "6"}


@pytest.mark.parametrize(
    ("sentence", "olds"),
    [
        ("Shots rang out in the 2000 block of Elm Street on Monday.", ["Monday"]),
        ("Updated: Nov 2, 2015 - 9:51 AM", []),  # the page's time stamp
        ("(© Copyright 2015 The Associated Press.", []),
        ("He died in 2015 after a fall.", ["2015"]),
    ],
)
def test_a_date_edit_changes_only_dates_of_events(sentence: str, olds: list[str]) -> None:
    from bench.edits import date_spots

    assert [sentence[a:b] for a, b, _ in date_spots(sentence)] == olds


def test_office_edit_puts_another_incidents_name_in_the_title() -> None:
    change = edit(ARTICLE, _spans(ARTICLE), "office", random.Random(3), names=NAMES)
    assert change is not None
    before, after = _check_offsets(change, ARTICLE)
    assert (change.old, before.startswith("Sheriff Dana Whitlock")) == ("Dana Whitlock", True)
    assert change.new in NAMES and after.startswith(f"Sheriff {change.new} said")
    _one_swap(before, after, change.old, change.new)


def test_office_edit_never_uses_a_name_the_article_has() -> None:
    assert edit(ARTICLE, _spans(ARTICLE), "office", random.Random(0), ["Dana Okafor"]) is None
    assert edit(ARTICLE, _spans(ARTICLE), "office", random.Random(0), []) is None


def test_edits_are_seeded_and_respect_the_given_sentences() -> None:
    spans = _spans(ARTICLE)
    a = edit(ARTICLE, spans, "number", random.Random(11))
    assert a == edit(ARTICLE, spans, "number", random.Random(11))
    only_last = spans[-1:]
    assert edit(ARTICLE, only_last, "date", random.Random(0)) is None
    assert edit("No figures here at all.", [(0, 23)], "number", random.Random(0)) is None
    for text in ("Call (317) 262-8477 with tips.", "It happened at 9 p.m. near Route 6."):
        assert edit(text, [(0, len(text))], "number", random.Random(0)) is None, text
    with pytest.raises(ValueError):
        edit(ARTICLE, spans, "colour", random.Random(0))
    assert set(EDIT_KINDS) == {"number", "date", "office"}


REWRITTEN = {
    "digits_to_words": ("Police found 3 shell casings near the car.", "three shell casings"),
    "words_to_digits": ("Police found three shell casings near the car.", "3 shell casings"),
    "percent": ("Turnout rose to 41.6 percent in the county.", "41.6%"),
    "honorific": ("Mr. Okafor was taken to the hospital.", "Okafor was taken"),
    "clause_swap": (
        "The gunman fled on foot toward the river, and a deputy found 2 casings nearby.",
        "A deputy found 2 casings nearby, and the gunman fled on foot toward the river.",
    ),
    "police_said": ("Two men were shot outside the bar late on Friday.", ", police said."),
    "thousands": ("The fund raised 12500 dollars for the family.", "12,500 dollars"),
}


@pytest.mark.parametrize("kind", REWRITE_KINDS)
def test_rewrite_keeps_every_value(kind: str) -> None:
    sentence, expect = REWRITTEN[kind]
    text = f"A first sentence stays. {sentence} The last one stays too."
    change = rewrite(text, _spans(text), kind, random.Random(0))
    assert change is not None and change.kind == kind
    before, after = _check_offsets(change, text)
    assert (before, change.old, change.new) == (sentence, sentence, after)
    assert expect in after
    assert _values(before) == _values(after)


def test_rewrites_leave_what_would_change_meaning() -> None:
    spans = lambda t: [(0, len(t))]  # noqa: E731
    for kind, text in [
        ("words_to_digits", "One of the two hundred guests left."),
        ("digits_to_words", "The bus on Route 9 left at 5:30."),
        ("thousands", "It happened in 2015 at 1200 block of Elm Street."),
        ("clause_swap", "He ran, and he fell."),
        ("clause_swap", "The suspect ran from the house, and then police arrived at the scene."),
        ("police_said", "The sheriff said two men were shot outside the bar."),
    ]:
        assert rewrite(text, spans(text), kind, random.Random(0)) is None, (kind, text)
    with pytest.raises(ValueError):
        rewrite("x.", [(0, 2)], "paraphrase", random.Random(0))


def _person(incident: str) -> str:
    """A name made of the incident's digits: 100004 -> "Baaaae Eaaaab"."""
    word = "".join("abcdefghij"[int(d)] for d in incident)
    return f"{word.capitalize()} {word[::-1].capitalize()}"


def _corpus(tmp_path: Path, part: str, sizes: Sequence[int]) -> Path:
    """A shared/ folder whose corpus holds one incident per size, all of split `part`."""
    from checker.splits import corpus_split

    root = tmp_path / "shared" / "corpus" / "gva"
    names = (str(n) for n in itertools.count(100000))
    for size in sizes:
        name = next(n for n in names if corpus_split(n) == part)
        for k in range(size):
            (root / name).mkdir(parents=True, exist_ok=True)
            (root / name / f"{k}.txt").write_text(ARTICLE.replace("Dana Whitlock", _person(name)))
    return tmp_path / "shared"


def test_corpus_incidents_of_one_split_and_absent_data(tmp_path: Path) -> None:
    from bench.heldout import incidents

    shared = _corpus(tmp_path, "calib", [2, 3, 1])
    found = incidents(shared, "calib")
    assert sorted(len(f) for f in found.values()) == [2, 3]  # one article is no incident
    assert incidents(shared, "test") == {}
    assert incidents(tmp_path / "nowhere", "test") == {}


def test_planned_changes_are_seeded_and_take_names_from_other_incidents(tmp_path: Path) -> None:
    from bench.heldout import incidents, plan_changes

    found = incidents(_corpus(tmp_path, "train", [2, 2]), "train")
    drawn, tasks = plan_changes(found, 3, seed=7)
    assert drawn == 3 and (drawn, tasks) == plan_changes(found, 3, seed=7)
    kinds = {(family, kind) for family, kind, _, _ in tasks}
    assert {("edit", "number"), ("edit", "date"), ("edit", "office")} <= kinds
    # least=2: further articles, each kind up to two changes; no digit 1-10 to write out, so
    # every article is read looking for one
    read, more = plan_changes(found, 1, seed=7, least=2)
    assert all(sum(k == kind for _, k, _, _ in more) == 2 for kind in EDIT_KINDS)
    assert read == 4 and "digits_to_words" not in {k for _, k, _, _ in more}
    others = {_person(inc) for inc in found}
    for _, kind, src, change in tasks:
        if kind == "office":
            own = next(p for p in others if p in src.text)
            assert change.old == own and change.new in others - {own}


def test_an_edit_knows_when_the_old_value_is_stated_again() -> None:
    from bench.heldout import repeated

    text = "Four men were shot. Police said four men were hurt, and 2 cars were hit."
    spans = [(0, 19), (20, len(text))]
    once = edit(text, spans[1:], "number", random.Random(0))
    assert once is not None and once.orig_start == 20
    assert repeated(once) == (once.old.lower() == "four")  # "Four" opens the first sentence
    alone = edit(
        "Three men were shot. Nobody else was hurt.", [(0, 20)], "number", random.Random(0)
    )
    assert alone is not None and not repeated(alone)


def test_the_table_names_split_seed_and_every_skipped_part() -> None:
    from bench.heldout import markdown

    gone = {"skipped": "x not found"}
    doc = {
        "split": "dev",
        "corpus_split": "calib",
        "seed": 3,
        "date": "2026-12-02",
        "seconds": 1.0,
        "eval": {"gva": gone},
        "basil": gone,
        "corpus": gone,
        "changes": gone,
    }
    text = markdown(doc)
    assert text.startswith("Held-out run: eval split `dev`, corpus split `calib`, seed 3")
    assert text.count("skipped: x not found") == 4  # gva, basil, corpus, changes
