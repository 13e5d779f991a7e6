"""Update or contradiction: publication times make a later, larger toll an update."""

from __future__ import annotations

import pytest

from checker.model import (
    Conflict,
    ConflictClaim,
    ConflictKind,
    ConflictType,
    Severity,
    Source,
)
from checker.updates import iso_day, published_line, with_kinds


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("A headline\n\nPublished: 2014-05-16\nURL: x\n\nBody.", "2014-05-16"),
        ("Published: 2014-05-16T08:30:00Z\nBody.", "2014-05-16"),
        ("posted : 2020-01-02\nBody.", "2020-01-02"),
        ("Body first.\n\n\n\n\n\n\nPublished: 2014-05-16\n", ""),  # too far down
        ("The report was published: 2014-05-16 in full.", ""),  # not a line of its own
        ("Published: May 16\nBody.", ""),
    ],
)
def test_published_line(text: str, day: str) -> None:
    assert published_line(text) == day


def test_iso_day() -> None:
    assert iso_day("2024-06-19T10:00:00+07:00") == "2024-06-19"
    assert iso_day("June 19") == ""


def _conflict(
    values: dict[str, float], ctype: ConflictType = ConflictType.NUMERIC, rule: str = "NUM"
) -> Conflict:
    claims = tuple(
        ConflictClaim(source=s, text="t", start=0, end=1, quote=str(v), quote_start=0,
                      quote_end=1, value=v)
        for s, v in values.items()
    )  # fmt: skip
    return Conflict(
        id="x", type=ctype, severity=Severity.HIGH, score=0.9, subject="s", message="m",
        claims=claims, rule=rule,
    )  # fmt: skip


def _sources(days: dict[str, str]) -> list[Source]:
    return [Source(id=s, text="x", published=d) for s, d in days.items()]


_BODY = (
    "<p>Two people were shot on Monday night outside a bar on Elm Street, police said. Both "
    "were taken to a hospital, where one of them later died of his wounds.</p><p>Police said "
    "the shooting followed an argument inside the bar on March 3, 2015, and no arrest has "
    "been made so far; the investigation is continuing.</p>"
)


@pytest.mark.parametrize(
    ("head", "day"),
    [
        ('<meta property="article:published_time" content="2016-05-03T10:00:00Z">', "2016-05-03"),
        ('<meta name="date" content="2016-05-04">', "2016-05-04"),
        (  # the original publication, not the later modification
            '<meta property="article:published_time" content="2016-05-03T10:00:00Z">'
            '<meta property="article:modified_time" content="2016-06-01T10:00:00Z">',
            "2016-05-03",
        ),
        ("", ""),  # a date in the text is no publication date
    ],
)
def test_html_sources_read_their_published_meta(tmp_path, head: str, day: str) -> None:
    from checker.ingest import ingest

    page = f"<html><head><title>Shooting</title>{head}</head><body><article>{_BODY}</article>"
    (tmp_path / "a.html").write_text(page + "</body></html>", "utf-8")
    (src,) = ingest([str(tmp_path / "a.html")]).sources
    assert src.published == day


@pytest.mark.parametrize(
    ("values", "days", "kind"),
    [
        ({"a": 1, "b": 2}, {"a": "2015-03-01", "b": "2015-03-02"}, ConflictKind.UPDATE),
        ({"a": 2, "b": 1}, {"a": "2015-03-01", "b": "2015-03-02"}, ConflictKind.CONTRADICTION),
        ({"a": 1, "b": 2}, {"a": "2015-03-01", "b": "2015-03-01"}, ConflictKind.CONTRADICTION),
        ({"a": 1, "b": 2}, {"a": "2015-03-01", "b": ""}, ConflictKind.CONTRADICTION),
        (
            {"a": 1, "b": 2, "c": 3},
            {"a": "2015-03-01", "b": "2015-03-02", "c": "2015-03-04"},
            ConflictKind.UPDATE,
        ),
        (
            {"a": 1, "b": 3, "c": 2},
            {"a": "2015-03-01", "b": "2015-03-02", "c": "2015-03-04"},
            ConflictKind.CONTRADICTION,
        ),
    ],
)
def test_kind_follows_publication_order(values, days, kind) -> None:
    (out,) = with_kinds([_conflict(values)], _sources(days))
    assert out.kind is kind
    assert out.severity is (Severity.LOW if kind is ConflictKind.UPDATE else Severity.HIGH)


def test_dates_are_never_updates() -> None:
    c = _conflict({"a": 1, "b": 2}, ConflictType.DATE)
    (out,) = with_kinds([c], _sources({"a": "2015-03-01", "b": "2016-03-02"}))
    assert out.kind is ConflictKind.CONTRADICTION


@pytest.mark.parametrize("ctype", [ConflictType.ROLE, ConflictType.ENTITY])
@pytest.mark.parametrize(
    ("names", "days", "kind"),
    [
        # an office that changed hands between stories months apart
        ({"a": "Abbott", "b": "Gale"}, {"a": "2015-06-01", "b": "2016-01-27"}, ConflictKind.UPDATE),
        (
            {"a": "Abbott", "b": "Abbott", "c": "Gale"},
            {"a": "2015-06-01", "b": "2015-06-03", "c": "2016-01-27"},
            ConflictKind.UPDATE,
        ),
        # days apart: one of them has the name wrong
        (
            {"a": "Abbott", "b": "Gale"},
            {"a": "2015-06-01", "b": "2015-06-20"},
            ConflictKind.CONTRADICTION,
        ),
        # one name both before and after the other: no succession
        (
            {"a": "Abbott", "b": "Gale", "c": "Abbott"},
            {"a": "2015-06-01", "b": "2016-01-27", "c": "2016-09-01"},
            ConflictKind.CONTRADICTION,
        ),
        ({"a": "Abbott", "b": "Gale"}, {"a": "2015-06-01", "b": ""}, ConflictKind.CONTRADICTION),
    ],
)
def test_a_new_holder_months_later_is_an_update(names, days, kind, ctype) -> None:
    (out,) = with_kinds([_conflict(names, ctype, rule="ROLE")], _sources(days))
    assert out.kind is kind


def test_text_sources_read_their_published_line(tmp_path) -> None:
    from checker.ingest import ingest

    (tmp_path / "a.txt").write_text("Title here now\nPublished: 2016-07-04\n\nThe body text.\n")
    (src,) = ingest([str(tmp_path / "a.txt")]).sources
    assert src.published == "2016-07-04"


@pytest.mark.parametrize(
    ("values", "days", "kind"),
    [
        # days apart: a person is not a year older between an arrest and its follow-up
        ({"a": 17, "b": 18}, {"a": "2015-03-01", "b": "2015-03-05"}, ConflictKind.CONTRADICTION),
        # an arraignment and a trial a year later
        ({"a": 17, "b": 18}, {"a": "2015-03-01", "b": "2016-04-01"}, ConflictKind.UPDATE),
        # older in the earlier story
        ({"a": 18, "b": 17}, {"a": "2015-03-01", "b": "2016-04-01"}, ConflictKind.CONTRADICTION),
        # more years older than the years between
        ({"a": 17, "b": 20}, {"a": "2015-03-01", "b": "2016-04-01"}, ConflictKind.CONTRADICTION),
        ({"a": 17, "b": 18}, {"a": "2015-03-01", "b": ""}, ConflictKind.CONTRADICTION),
        ({"a": 17, "b": 18}, {"a": "2015-02-30", "b": "2016-04-01"}, ConflictKind.CONTRADICTION),
    ],
)
def test_an_age_is_an_update_only_across_the_years_between_stories(values, days, kind) -> None:
    (out,) = with_kinds([_conflict(values, rule="AGE")], _sources(days))
    assert out.kind is kind
