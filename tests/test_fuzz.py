"""Fuzzing with hypothesis: arbitrary Unicode (combining marks, right-to-left text, emoji and
ZWJ sequences, zero-width characters, very long lines) through ingestion, segmentation, every
rule's extractor and comparator. Nothing raises, and offsets always give the text back.

CI runs the default profile; `pytest tests/test_fuzz.py --hypothesis-profile fuzz` (see
`tests/fuzz/README.md`) runs many more examples, and records what it found there.
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from offsets import assert_offsets_true

from checker import audit
from checker.ingest import decode, ingest
from checker.model import Source

FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

COMBINING = st.characters(categories=["Mn", "Me", "Mc"])
RTL = st.characters(min_codepoint=0x0590, max_codepoint=0x08FF)
BIDI = st.sampled_from(["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                        "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"])  # fmt: skip
ZERO_WIDTH = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
                              "\u180e", "\u034f"])  # fmt: skip
EMOJI = st.sampled_from([
    "\U0001f600", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f44d\U0001f3fd",
    "\U0001f1fb\U0001f1f3", "1\ufe0f\u20e3", "\u2764\ufe0f", "\U0001f3f3\ufe0f\u200d\U0001f308",
    "\U0001f9d1\U0001f3ff\u200d\U0001f680",
])  # fmt: skip
NEWS = st.sampled_from([
    "President To Lam", "Mr. Putin", "signed 11 memoranda", "12 memorandums", "on June 19, 2024",
    "in 2017", "80%", "$4.2 billion", "roughly 240 volunteers", "250km", "did not sign",
    "according to police", "Hanoi", "the U.S.", "No. 10", "5,621 cases", "three days",
    "between 10 and 20 boats", "CEO of Acme", "former president", "said.", "“", "”", "(", ")",
])  # fmt: skip
GAPS = st.sampled_from([" ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\u2029",
                        "\x85", "\x0b", "\x0c", ". ", "! ", "? ", "… "])  # fmt: skip


@st.composite
def decorated_word(draw: st.DrawFn) -> str:
    """A word with combining marks, zero-width or bidi characters inside it."""
    base = draw(st.one_of(NEWS, st.text(st.characters(categories=["L", "N"]), min_size=1)))
    out = []
    for ch in base:
        out.append(ch)
        out += draw(st.lists(st.one_of(COMBINING, ZERO_WIDTH, BIDI), max_size=2))
    return "".join(out)


PIECE = st.one_of(
    NEWS,
    decorated_word(),
    st.text(RTL, min_size=1, max_size=12),
    EMOJI,
    ZERO_WIDTH,
    BIDI,
    st.text(max_size=8),
    st.from_regex(r"[0-9][0-9,.]{0,12}", fullmatch=True),
)


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(PIECE, GAPS), min_size=1, max_size=40))
    return "".join(p + g for p, g in parts)


@st.composite
def long_line(draw: st.DrawFn) -> str:
    """One very long line: a piece repeated, with no or few sentence ends."""
    unit = draw(st.one_of(PIECE, st.text(min_size=1, max_size=4)))
    times = draw(st.integers(200, 3000)) // max(1, len(unit))
    sep = draw(st.sampled_from(["", " ", ", ", "\u200b", "-"]))
    return sep.join([unit] * max(1, times))


@FUZZ
@given(hostile_text())
@example("Mr. Putin\u200d signed 1\u0301\u0301 memoranda \u202eon June 19, 2024.\u2069")
@example("\U0001f468\u200d\U0001f469 said 80%\u200b of 5,621 cases\u2028were closed.")
def test_fuzz_hostile_unicode_text(text: str) -> None:
    assert_offsets_true(text)


@FUZZ
@given(long_line())
@example("a" * 5000)
@example("1" * 5000)
@example("x@" * 3000)
def test_fuzz_very_long_lines(text: str) -> None:
    assert_offsets_true(text)


@FUZZ
@given(
    st.lists(
        st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr), NEWS, GAPS), max_size=80
    ).map("".join)
)
def test_fuzz_any_code_point_including_surrogates(text: str) -> None:
    assert_offsets_true(text)  # lone surrogates are replaced one for one by ingestion


@FUZZ
@given(st.binary(max_size=600), st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl"]))
def test_fuzz_any_bytes_as_a_file_are_read_or_named(tmp_path_factory, data: bytes, suffix: str):
    d = tmp_path_factory.mktemp("bytes")
    path = d / f"blob{suffix}"
    path.write_bytes(data)
    got = ingest([path])
    assert got.sources or got.skipped
    for src in got.sources:
        src.text.encode("utf-8")
        assert_offsets_true(src.text)


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_decode_returns_text_or_a_reason(data: bytes) -> None:
    try:
        text, enc = decode(data)
    except ValueError as err:
        assert str(err)
    else:
        assert isinstance(text, str) and enc


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {"id": st.one_of(st.text(max_size=8), st.integers(), JSON), "text": st.one_of(st.text(), JSON)},
    optional={"title": JSON, "url": JSON, "published": JSON},
)


@FUZZ
@given(st.one_of(JSON, RECORD, st.lists(RECORD, max_size=4)))
def test_fuzz_any_json_record_is_read_or_named(tmp_path_factory, doc: object) -> None:
    path = tmp_path_factory.mktemp("json") / "r.json"
    path.write_text(json.dumps(doc), "utf-8")
    got = ingest([path])
    assert got.sources or got.skipped


@settings(FUZZ, max_examples=max(15, settings().max_examples // 6))
@given(hostile_text(), hostile_text())
def test_fuzz_whole_audit_of_hostile_pairs(embedder, a: str, b: str) -> None:
    shared = "Officials said 11 memoranda were signed in Hanoi on Monday. "
    other = shared.replace("11", "12")
    report = audit(
        [Source(id="a", text=shared + a), Source(id="b", text=other + b)], embedder=embedder
    )
    texts = {"a": shared + a, "b": other + b}
    for c in report.conflicts:
        for cc in c.claims:
            src = ingest([Source(id=cc.source, text=texts[cc.source])]).sources[0].text
            assert src[cc.start : cc.end] == cc.text
            assert src[cc.quote_start : cc.quote_end] == cc.quote
    for fmt in ("md", "html", "json", "csv"):
        from checker.report import FORMATTERS

        assert FORMATTERS[fmt]().format(report)


@pytest.mark.parametrize(
    "text",
    ["a" * 200_000, "1" * 100_000, "x@" * 50_000, "é" * 100_000],
    ids=["letters", "digits", "at-signs", "accents"],
)
def test_long_runs_without_spaces_take_linear_time(text: str) -> None:
    t0 = time.perf_counter()
    assert_offsets_true(
        text
    )  # furniture detection took 110 s on the first before it was made linear
    assert time.perf_counter() - t0 < 20
