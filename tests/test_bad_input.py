"""Hostile input: a table of bad sources, each with its asserted outcome; nothing is ever lost.

Small hand-written cases live in `tests/bad_input/`; the big, binary, encoded, special and
many-file cases are generated in `tmp_path` at test time (no 50 MB file in the repository).
Every case is checked three ways: what `ingest` makes of it, that every file given comes back
as a source or a skipped entry with its reason, and (all cases in one directory beside good
articles) that the CLI audits the rest, lists each skip in the report and on standard error.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from checker.cli import main
from checker.ingest import SUFFIXES, ingest

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad_input"
ROOT = HERE.parent
ARTICLE = (
    "The ferry carried 40 passengers when it left the harbour on Monday, the port authority "
    "said. Coast guard boats searched the bay through the night, officials said on Tuesday.\n"
)
FRENCH = "Le ferry transportait 40 passagers à Genève, où les élèves ont été accueillis. "


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], None]  # writes the case's files into an empty directory
    sources: tuple[str, ...] = ()  # ids that must be read
    skipped: tuple[tuple[str, str], ...] = ()  # (path ends with, reason contains)
    text_has: tuple[str, ...] = ()  # fragments the read text must hold
    text_lacks: tuple[str, ...] = ()  # fragments it must not hold (scripts, frames)
    options: dict[str, int] = field(default_factory=dict)


def _write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def build(d: Path) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (d / name).write_bytes(raw)

    return build


def _copy(*names: str) -> Callable[[Path], None]:
    def build(d: Path) -> None:
        for n in names:
            shutil.copy(BAD / n, d / n)

    return build


def _big_text(d: Path) -> None:
    line = ARTICLE.encode("utf-8")
    with open(d / "big.txt", "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)


def _random_bytes(d: Path) -> None:
    rng = random.Random(7)
    (d / "noise.txt").write_bytes(bytes(rng.randrange(1, 256) for _ in range(20_000)))


def _symlink_loop(d: Path) -> None:
    (d / "a.txt").write_text(ARTICLE, "utf-8")
    (d / "loop").symlink_to(d, target_is_directory=True)
    (d / "sub").mkdir()
    (d / "sub" / "up").symlink_to(d, target_is_directory=True)


def _fifo(d: Path) -> None:
    os.mkfifo(d / "pipe.txt")


def _device(d: Path) -> None:
    (d / "zero.txt").symlink_to("/dev/zero")


def _dangling(d: Path) -> None:
    (d / "gone.txt").symlink_to(d / "nowhere.txt")


def _directory_named_txt(d: Path) -> None:
    (d / "folder.txt").mkdir()
    (d / "folder.txt" / "inside.txt").write_text(ARTICLE, "utf-8")


def _mixed_endings(d: Path) -> None:
    text = "Ferry back in port\r\n\r\nThe ferry carried 40 passengers.\rIt left on Monday.\n"
    (d / "endings.txt").write_bytes(text.encode("utf-8") + ARTICLE.encode("utf-8"))


def _undecodable_name(d: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # not UTF-8: a surrogate escape in the str name
    (d / name).write_text(ARTICLE, "utf-8")


CASES = [
    Case("empty", _write("empty.txt", b""), skipped=(("empty.txt", "empty"),)),
    Case(
        "whitespace_only",
        _write("blank.md", " \n\t\r\n\u00a0\u2028 \n"),
        skipped=(("blank.md", "empty"),),
    ),
    Case(
        "binary_with_nul",
        _write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        skipped=(("image.txt", "binary file"),),
    ),
    Case("binary_noise", _random_bytes, skipped=(("noise.txt", "binary file"),)),
    Case("text_50mb", _big_text, skipped=(("big.txt", "over the limit of 2,000,000"),)),
    Case(
        "text_over_max_bytes",
        _write("small.txt", ARTICLE),
        skipped=(("small.txt", "raise --max-bytes"),),
        options={"max_bytes": 100},
    ),
    Case(
        "latin_1",
        _write("latin.txt", (FRENCH * 3).encode("latin-1")),
        sources=("latin",),
        text_has=("Genève", "élèves"),
    ),
    Case(
        "windows_1252",
        _write("cp.txt", "“Quoted”, the €40 fare — 40 passengers’ tickets. ".encode("cp1252") * 3),
        sources=("cp",),
        text_has=("“Quoted”", "€40", "—", "passengers’"),
    ),
    Case(
        "utf16_bom",
        _write("wide.txt", ARTICLE.encode("utf-16")),
        sources=("wide",),
        text_has=("40 passengers",),
    ),
    Case(
        "utf16_le_without_bom",
        _write("wide_le.txt", ARTICLE.encode("utf-16-le")),
        sources=("wide_le",),
        text_has=("40 passengers",),
    ),
    Case(
        "utf16_be_without_bom_with_cjk",
        _write("wide_be.txt", ("一 " + ARTICLE).encode("utf-16-be")),
        sources=("wide_be",),
        text_has=("一 The ferry",),
    ),
    Case(
        "utf8_bom_jsonl_crlf",
        _write(
            "crlf.jsonl",
            "\ufeff" + json.dumps({"id": "c1", "text": ARTICLE}) + "\r\n"
            '{"id": "c2", "text": "Officials said 40 people were aboard."}\r\n',
        ),
        sources=("c1", "c2"),
    ),
    Case("mixed_line_endings", _mixed_endings, sources=("endings",), text_has=("\r\n", "\r")),
    Case(
        "malformed_json",
        _copy("malformed.json"),
        skipped=(("malformed.json", "invalid JSON at line 2"),),
    ),
    Case(
        "jsonl_one_bad_line",
        _copy("one_bad_line.jsonl"),
        sources=("wire-1", "wire-3"),
        skipped=(("one_bad_line.jsonl:2", "invalid JSON"),),
    ),
    Case(
        "deeply_nested_json",
        _write("deep.json", "[" * 100_000 + "]" * 100_000),
        skipped=(("deep.json", "JSON"),),
    ),
    Case("empty_json_list", _write("none.json", "[]"), skipped=(("none.json", "no records"),)),
    Case(
        "records_missing_text_or_id",
        _copy("missing_fields.jsonl"),
        sources=("ok",),
        skipped=(
            ("missing_fields.jsonl:1", "lacks 'text'"),
            ("missing_fields.jsonl:2", "lacks 'id'"),
            ("missing_fields.jsonl:3", "lacks 'id'"),
            ("missing_fields.jsonl:4", "'id' must be a string"),
            ("missing_fields.jsonl:6", "must be a JSON object"),
        ),
    ),
    Case(
        "lone_surrogate_in_json",
        _write("sur.json", '{"id": "sur\\ud800", "text": "Forty \\udfff passengers were aboard."}'),
        sources=("sur?",),
        text_has=("Forty ? passengers",),
    ),
    Case("duplicate_ids", _copy("duplicate_ids.jsonl"), sources=("ferry", "ferry~2")),
    Case(
        "html_scripts_and_iframes",
        _copy("scripts_iframes.html"),
        sources=("scripts_iframes",),
        text_has=("40 passengers", "minor injuries"),
        text_lacks=("INJECTED-BY-SCRIPT", "document.cookie", "FRAME-TEXT", "alert("),
    ),
    Case("html_no_body", _copy("no_body.html"), skipped=(("no_body.html", "no article text"),)),
    Case(
        "html_only_scripts",
        _copy("only_scripts.html"),
        skipped=(("only_scripts.html", "no article text"),),
    ),
    Case("symlink_loop", _symlink_loop, sources=("a",)),
    Case("named_pipe", _fifo, skipped=(("pipe.txt", "named pipe"),)),
    Case("device", _device, skipped=(("zero.txt", "character device"),)),
    Case("dangling_symlink", _dangling, skipped=(("gone.txt", "cannot read file"),)),
    Case("directory_named_like_a_file", _directory_named_txt, sources=("inside",)),
    Case("undecodable_file_name", _undecodable_name, sources=("caf?",)),
    Case(
        "unsupported_suffix_given_explicitly",
        _write("notes.pdf", b"%PDF-1.4"),
        skipped=(("notes.pdf", "unsupported file type .pdf"),),
    ),
]


def _given(d: Path) -> list[Path]:
    """The paths a case hands to ingest: its directory, plus files a walk would not pick."""
    extra = [p for p in d.iterdir() if p.suffix.lower() not in SUFFIXES and not p.is_dir()]
    return [d, *extra]


def _files(d: Path) -> list[str]:
    """Every file (not directory) under `d` that a user would count as a source given."""
    out = []
    for dirpath, dirnames, filenames in os.walk(d):  # no symlinked directories: no loops
        out += [os.path.join(dirpath, f) for f in filenames]
        dirnames[:] = [n for n in dirnames if not os.path.islink(os.path.join(dirpath, n))]
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_case_has_its_expected_outcome(case: Case, tmp_path: Path) -> None:
    if case.name in ("named_pipe", "device") and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes or devices here")
    case.build(tmp_path)
    got = ingest(_given(tmp_path), **case.options)
    assert sorted(s.id for s in got.sources) == sorted(case.sources)
    assert len(got.skipped) == len(case.skipped), got.skipped
    for suffix, reason in case.skipped:
        hits = [s for s in got.skipped if s.path.endswith(suffix)]
        assert hits, (suffix, got.skipped)
        assert reason in hits[0].reason, hits[0]
    text = "".join(s.text for s in got.sources)
    for frag in case.text_has:
        assert frag in text, frag
    for frag in case.text_lacks:
        assert frag not in text, frag
    for src in got.sources:  # usable in every later stage: encodable, offsets stay true
        src.text.encode("utf-8")
        src.path.encode("utf-8")
    # Nothing lost: every file comes back as a source or a skip, named by its path.
    named = {_real(s.path) for s in (*got.sources, *got.skipped)}
    for f in _files(tmp_path):
        assert _real(f) in named, f


def _real(path: str) -> str:
    """The real path of a file named in a report ("a.jsonl:3" and "a.json[2]" name a.jsonl)."""
    path = re.sub(r"(?::\d+|\[\d+\])$", "", path)
    return os.path.realpath(path).encode("utf-8", "replace").decode("utf-8")


def _bad_corpus(root: Path) -> Path:
    """Every case a directory walk can meet (not the 50 MB one) in one directory tree."""
    for case in CASES:
        if case.options or case.name in ("text_50mb", "unsupported_suffix_given_explicitly"):
            continue
        d = root / case.name
        d.mkdir(parents=True)
        case.build(d)
    return root


def test_corpus_of_bad_input_beside_good_articles_is_audited(
    tmp_path: Path, embedder, capsys
) -> None:
    corpus = _bad_corpus(tmp_path / "in")
    for p in (ROOT / "fixtures" / "trade_pacts_md").glob("*.md"):
        shutil.copy(p, corpus / p.name)
    out = tmp_path / "report.json"
    rc = main(["audit", str(corpus), "--format", "json", "-o", str(out), "--fail-on", "never"])
    assert rc == 0
    doc = json.loads(out.read_text("utf-8"))
    ids = {s["id"] for s in doc["sources"]}
    expected = {i for c in CASES if c.name in os.listdir(corpus) for i in c.sources}
    assert {"asia_wire", "capital_review"} <= ids
    assert expected <= ids, expected - ids
    skipped = {s["path"]: s["reason"] for s in doc["skipped"]}
    for case in CASES:
        if case.name not in os.listdir(corpus):
            continue
        for suffix, reason in case.skipped:
            hit = [r for p, r in skipped.items() if p.endswith(f"{case.name}/{suffix}")]
            assert hit and reason in hit[0], (case.name, suffix, skipped)
    assert doc["conflicts"], "the good articles' conflict is still found"
    err = capsys.readouterr().err
    assert err.count("checker: skipped ") == len(doc["skipped"])
    assert "Traceback" not in err


def test_nothing_usable_exits_2_naming_a_file_and_what_to_do(tmp_path: Path, capsys) -> None:
    for name in ("empty", "binary_with_nul", "html_no_body", "malformed_json"):
        next(c for c in CASES if c.name == name).build(tmp_path)
    assert main(["audit", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("checker: error: no usable source")
    assert str(tmp_path) in err
    assert any(n in err for n in ("empty.txt", "image.txt", "no_body.html", "malformed.json"))


def test_empty_directory_exits_2_saying_which_files_to_give(tmp_path: Path, capsys) -> None:
    assert main(["audit", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path) in err and ".txt .md .html" in err


def test_thousands_of_tiny_files_are_all_read(tmp_path: Path) -> None:
    for i in range(3000):
        (tmp_path / f"t{i:04d}.txt").write_text(f"Item {i} said {i % 97} boats came.", "utf-8")
    got = ingest([tmp_path])
    assert len(got.sources) == 3000 and not got.skipped
    assert len({s.id for s in got.sources}) == 3000


def test_more_sources_than_max_sources_exits_2_with_the_count(tmp_path: Path, capsys) -> None:
    for i in range(1200):
        (tmp_path / f"t{i:04d}.txt").write_text(f"Item {i} said {i % 97} boats came.", "utf-8")
    assert main(["audit", str(tmp_path), "--max-sources", "1000"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "found 1,200 usable sources, over the limit of 1,000" in err
    assert "--max-sources" in err
    assert main(["audit", str(tmp_path), "--max-sources", "1199"]) == 2
    assert "limit of 1,199" in capsys.readouterr().err
    (tmp_path / "checker.toml").write_text("max-sources = 1100\n", "utf-8")
    assert main(["audit", str(tmp_path), "--config", str(tmp_path / "checker.toml")]) == 2
    assert "limit of 1,100" in capsys.readouterr().err


def test_the_default_source_limit_is_the_size_measured_under_2_gb(capsys) -> None:
    assert main(["audit", "--help"]) == 0
    assert "--max-sources INTEGER" in (out := capsys.readouterr().out)
    assert "[default: 3000]" in " ".join(out.split())


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_bad_max_sources_exits_2(value: str, capsys) -> None:
    assert main(["audit", "seeds", "--max-sources", value]) == 2
    assert "max-sources" in capsys.readouterr().err


def _without_read_permission() -> list[str] | None:
    """A command prefix under which file permissions apply, even to root."""
    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    # root without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH obeys mode bits like anyone else
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def test_unreadable_file_is_named_in_the_report(tmp_path: Path) -> None:
    prefix = _without_read_permission()
    if prefix is None:
        if os.environ.get("CI"):
            pytest.fail("cannot make a file unreadable here: need a non-root user or setpriv")
        pytest.skip("cannot make a file unreadable here")
    (tmp_path / "in").mkdir()
    good, secret = tmp_path / "in" / "good.txt", tmp_path / "in" / "secret.txt"
    good.write_text(ARTICLE, "utf-8")
    secret.write_text(ARTICLE, "utf-8")
    secret.chmod(0)
    out = tmp_path / "report.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # One usable source needs no model: the run is quick.
    cmd = [sys.executable, "-m", "checker", "audit", str(tmp_path / "in"), "--format", "json"]
    proc = subprocess.run(
        [*prefix, *cmd, "-o", str(out)], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text("utf-8"))
    assert [s["id"] for s in doc["sources"]] == ["good"]
    assert doc["skipped"] == [
        {"path": str(secret), "reason": "cannot read file: Permission denied"}
    ]
    assert f"checker: skipped {secret}: cannot read file" in proc.stderr


def test_max_sources_is_a_setting_of_the_api(tmp_path: Path) -> None:
    from checker import InputError, OptionError, Settings, audit

    for i in range(3):
        (tmp_path / f"t{i}.txt").write_text(ARTICLE, "utf-8")
    with pytest.raises(InputError, match="found 3 usable sources, over the limit of 2"):
        audit([tmp_path], max_sources=2)  # raised before any model is loaded
    with pytest.raises(OptionError, match="max-sources"):
        audit([tmp_path], settings=Settings(max_sources=0))
    assert Settings().max_sources == 3_000
