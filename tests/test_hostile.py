"""A hostile user or a careless CI job: planted caches, files written where they must not be,
forged annotations, terminal escapes and inputs meant to crash. Each test names the hole it
closes; none of them writes outside its temporary folder."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from checker import audit
from checker.cache import SCHEMA, Cache, CachedEmbedder
from checker.cache_codec import decode_analysis, encode_analysis
from checker.cli import main
from checker.model import Claim, ClaimKind, ConflictType, Sentence, Severity

AIRLINE = Path("fixtures/airline_strike_conflicts")


def _json(report) -> str:
    return json.dumps(report.without_timing().to_dict(), sort_keys=True)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _Payload:
    """A pickle that makes a directory when loaded: what a planted cache row would do."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


# -- the cache stores nothing that executes ------------------------------------------------


def test_a_planted_pickle_in_the_cache_never_runs(tmp_path: Path, embedder, caplog) -> None:
    db = tmp_path / "c.sqlite"
    plain = audit([AIRLINE], embedder=embedder)
    audit([AIRLINE], embedder=embedder, cache=db)
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker))
    with sqlite3.connect(db) as con:
        con.execute("UPDATE analyses SET payload = ?", (payload,))
        con.execute("UPDATE vectors SET vec = ?", (payload,))
    with caplog.at_level("WARNING", logger="checker.cache"):
        again = audit([AIRLINE], embedder=embedder, cache=db)
    assert not marker.exists()
    assert _json(again) == _json(plain)
    assert again.extra["cache"]["reused"] == 0  # every planted row was a miss
    warned = [r for r in caplog.records if "unreadable" in r.getMessage()]
    assert len(warned) == 1 and str(db) in warned[0].getMessage()  # named once, not per row


def test_a_schema_1_cache_of_pickles_is_dropped_unread(tmp_path: Path, embedder) -> None:
    db = tmp_path / "c.sqlite"
    marker = tmp_path / "pwned"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("INSERT INTO meta VALUES ('schema', '1')")
        con.execute("CREATE TABLE analyses (key TEXT PRIMARY KEY, payload BLOB NOT NULL)")
        con.execute("INSERT INTO analyses VALUES ('k', ?)", (pickle.dumps(_Payload(marker)),))
    assert SCHEMA >= 2
    with Cache(db) as c:
        assert c.counts() == {"vectors": 0, "analyses": 0}
        assert c.get_analyses(["k"]) == {}
    assert not marker.exists()


def _claim(**overrides) -> Claim:
    fields = dict(
        rule="NUM",
        kind=ClaimKind.NUMBER,
        source_id="a",
        sentence_index=0,
        start=4,
        end=6,
        quote="40",
        value=40.0,
        key="passenger",
        low=39.5,
        high=None,
        unit="",
        context=("ferry", "harbour"),
        attribution="officials",
        extra=(
            ("hedge", "about"),
            ("of", ("people", "on", "board")),
            ("list", [1, 2.5, "x", None]),
            ("enum", Severity.HIGH),
            ("type", ConflictType.DATE),
            ("nested", {"k": (1, (2, [3]))}),
            ("flag", True),
            ("count", 3),
            ("big", 2**70),
            ("inf", float("inf")),
            ("set", frozenset({"a", "b"})),
            ("empty", ()),
        ),
    )
    fields.update(overrides)
    return Claim(**fields)


@pytest.mark.parametrize(
    "value",
    [40.0, 40, "To Lam", ("2024", "05"), ClaimKind.DATE, True, None, -0.0, [("a", 1)]],
)
def test_claims_round_trip_exactly_through_the_cache_encoding(value) -> None:
    sentences = (Sentence("a", 0, 0, 20, "The 40 passengers.", furniture=True),)
    claim = _claim(value=value)
    got_sentences, (got,) = decode_analysis(encode_analysis(sentences, (claim,)))
    assert got_sentences == sentences and got == claim
    assert type(got.value) is type(value) and type(got.kind) is ClaimKind
    for (k, v), (k2, v2) in zip(claim.extra, got.extra, strict=True):
        assert k == k2 and v == v2 and type(v) is type(v2)
    assert repr(got.value) == repr(value)  # -0.0 stays -0.0; tuples stay tuples


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b'{"v": 1, "s": [], "c": [["NUM"]]}',
        b'{"v": 1, "s": [["a", true, 0, 1, "x", false]], "c": []}',
        b'{"v": 1, "s": [], "c": [], "x": 0}',
        b'{"v": 2, "s": [], "c": []}',
        b'{"v": 1, "s": [], "c": [["NUM","bogus","a",0,0,1,"q",1,"k",null,null,"",[],"",[]]]}',
        b'{"v": 1, "s": [], "c": [["NUM","number","a",0,0,1,"q",{"E":"os","v":"x"},"k",'
        b'null,null,"",[],"",[]]]}',
        b"[" * 100_000,
    ],
)
def test_a_row_that_does_not_decode_is_a_miss(tmp_path: Path, payload: bytes, caplog) -> None:
    with Cache(tmp_path / "c.sqlite") as c:
        c._db.execute("INSERT INTO analyses VALUES ('k', ?)", (payload,))
        with caplog.at_level("WARNING", logger="checker.cache"):
            assert c.get_analyses(["k"]) == {}
        assert c.bad_rows == 1 and "unreadable analysis" in caplog.text


# -- vectors: shape and finiteness ---------------------------------------------------------


@pytest.mark.parametrize(
    "blob",
    [
        np.zeros(383, dtype=np.float32).tobytes(),  # a vector one number short
        np.full(384, np.nan, dtype=np.float32).tobytes(),  # NaN: every similarity vanishes
        b"\x00\x01\x02",  # not whole float32s (np.frombuffer raised ValueError)
        b"",
    ],
    ids=["short", "nan", "ragged", "empty"],
)
def test_a_bad_cached_vector_is_a_miss_and_the_report_unchanged(
    tmp_path: Path, embedder, blob: bytes
) -> None:
    db = tmp_path / "c.sqlite"
    plain = audit([AIRLINE], embedder=embedder)
    audit([AIRLINE], embedder=embedder, cache=db)
    with sqlite3.connect(db) as con:
        first = con.execute("SELECT digest FROM vectors LIMIT 1").fetchone()[0]
        con.execute("UPDATE vectors SET vec = ? WHERE digest = ?", (blob, first))
    again = audit([AIRLINE], embedder=embedder, cache=db)
    assert _json(again) == _json(plain)
    assert again.extra["cache"]["embedded"] == 1


def test_cached_vectors_all_of_the_wrong_length_are_re_embedded(tmp_path: Path, embedder) -> None:
    texts = ["Alpha beta gamma.", "Delta epsilon zeta.", "Eta theta iota."]
    with Cache(tmp_path / "c.sqlite") as c:
        emb = CachedEmbedder(embedder, c)
        key = f"{emb.identity}\x1f" + __import__("checker.cache").cache.code_version()
        c.put_vectors(key, texts[:2], np.ones((2, 7), dtype=np.float32))
        out = emb.encode(texts)
        assert out.shape == (3, 384) and np.isfinite(out).all()
        assert np.allclose(out, embedder.encode(texts), atol=1e-5)


# -- a file that is not the cache is refused and left alone ---------------------------------


def _foreign_db(path: Path) -> None:
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO users (name) VALUES ('ada')")
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("INSERT INTO meta VALUES ('version', '7')")


@pytest.mark.parametrize("kind", ["app", "meta-only", "meta-other-columns", "text"])
def test_a_foreign_file_given_as_cache_is_refused_and_left_byte_identical(
    tmp_path: Path, capsys, kind: str
) -> None:
    db = tmp_path / "app.db"
    if kind == "app":
        _foreign_db(db)
    elif kind == "meta-only":  # a meta table, but not ours: no schema key
        with sqlite3.connect(db) as con:
            con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    elif kind == "meta-other-columns":
        with sqlite3.connect(db) as con:
            con.execute("CREATE TABLE meta (name TEXT, data BLOB)")
    else:
        db.write_text("SQLite format 2, honest\n" * 10, "utf-8")
    before = _sha(db)
    out = tmp_path / "r.json"
    code = main(["audit", str(AIRLINE), "--cache", str(db), "--format", "json", "-o", str(out)])
    assert code == 1 and len(json.loads(out.read_text("utf-8"))["conflicts"]) == 3
    assert _sha(db) == before
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-journal").exists()
    lines = [ln for ln in capsys.readouterr().err.splitlines() if "cache" in ln]
    assert len(lines) == 1 and "not a checker cache" in lines[0] and "left as it was" in lines[0]


def test_a_fifo_given_as_cache_is_refused_without_hanging(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "c.sqlite"
    os.mkfifo(fifo)
    out = tmp_path / "r.json"
    code = main(["audit", str(AIRLINE), "--cache", str(fifo), "--format", "json", "-o", str(out)])
    assert code == 1
    assert "named pipe" in capsys.readouterr().err


# -- writing reports destroys nothing ------------------------------------------------------


def _articles(tmp_path: Path) -> Path:
    src = tmp_path / "arts"
    src.mkdir()
    for f in sorted(AIRLINE.glob("*.txt")):
        (src / f.name).write_bytes(f.read_bytes())
    return src


def test_a_report_to_a_named_pipe_is_written_through_not_replaced(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    rd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    keep = os.open(fifo, os.O_WRONLY)  # holds the pipe open, so the reader sees no early end
    os.set_blocking(rd, True)
    got: list[bytes] = []

    def read() -> None:
        while chunk := os.read(rd, 65536):
            got.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert main(["audit", str(AIRLINE), "-o", str(fifo), "--fail-on", "never"]) == 0
    finally:
        os.close(keep)
        reader.join(30)
        os.close(rd)
    assert b"".join(got).startswith(b"# checker report")
    assert fifo.is_fifo()


def test_a_named_pipe_nobody_reads_is_an_error_not_a_hang(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["audit", str(AIRLINE), "-o", str(fifo)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("checker: error: cannot write") and "named pipe" in err[-1]
    assert fifo.is_fifo()


def test_a_report_to_a_character_device_is_written_through(tmp_path: Path) -> None:
    import stat

    master, slave = os.openpty()  # a terminal of our own: a character device, like /dev/null
    try:
        name = Path(os.ttyname(slave))
        assert stat.S_ISCHR(name.stat().st_mode)
        os.set_blocking(master, False)
        assert main(["audit", str(AIRLINE), "--format", "github", "-o", str(name)]) == 1
        assert stat.S_ISCHR(name.stat().st_mode)
        data = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            data += chunk
        assert b"::error" in data or b"::warning" in data
    finally:
        os.close(master)
        os.close(slave)


def test_a_symlink_is_followed_the_link_kept_and_permissions_kept(tmp_path: Path) -> None:
    real = tmp_path / "real" / "report.md"
    real.parent.mkdir()
    real.write_text("# checker report\nold\n", "utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert main(["audit", str(AIRLINE), "-o", str(link), "--fail-on", "never"]) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text("utf-8").startswith("# checker report\n\n")
    assert (real.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["report.md"]  # no temporary left


@pytest.mark.parametrize("how", ["inside-dir", "file-arg", "via-symlink"])
def test_o_naming_a_source_is_refused_with_exit_2(tmp_path: Path, capsys, how: str) -> None:
    src = _articles(tmp_path)
    first = sorted(src.glob("*.txt"))[0]
    before = _sha(first)
    if how == "inside-dir":
        args = [str(src), "-o", str(first)]
    elif how == "file-arg":
        args = [*map(str, sorted(src.glob("*.txt"))), "-o", str(first)]
    else:
        link = tmp_path / "alias.txt"
        link.symlink_to(first)
        args = [str(src), "-o", str(link)]
    assert main(["audit", *args]) == 2
    assert _sha(first) == before
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "one of the sources" in err[0]


def test_the_typo_o_before_the_first_article_is_refused(tmp_path: Path, capsys) -> None:
    src = _articles(tmp_path)
    a, b = sorted(src.glob("*.txt"))
    before = _sha(a)
    assert main(["audit", "-o", str(a), str(b), str(b)]) == 2  # `checker audit -o a.txt b.txt`
    assert _sha(a) == before
    assert "would overwrite an article" in capsys.readouterr().err


def test_rerunning_into_the_folder_replaces_the_own_report(tmp_path: Path) -> None:
    src = _articles(tmp_path)
    out = src / "report.md"
    assert main(["audit", str(src), "-o", str(out), "--fail-on", "never"]) == 0
    assert main(["audit", str(src), "-o", str(out), "--fail-on", "never"]) == 0


def test_o_dash_is_standard_output(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["audit", str(Path.cwd() / "x")]) == 2  # any relative path now resolves here
    capsys.readouterr()
    root = Path(__file__).resolve().parent.parent
    assert main(["audit", str(root / AIRLINE), "-o", "-", "--fail-on", "never"]) == 0
    assert capsys.readouterr().out.startswith("# checker report")
    assert not (tmp_path / "-").exists()


def test_o_with_a_trailing_slash_is_refused_not_a_file(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    root = Path(__file__).resolve().parent.parent
    assert main(["audit", str(root / AIRLINE), "-o", "newdir/"]) == 2
    assert list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "ends with a slash" in err[0]


# -- forged annotations and terminal escapes -------------------------------------------------

FORGED = "x\n::error file=ci.yml::forged\x1b]0;pwned\x07\x1b[2J\x1bc"


def _no_forgery(err: str) -> None:
    assert "\x1b" not in err and "\x07" not in err
    for line in err.splitlines():
        assert line.startswith(("checker: ", "Usage:", "Try ", "Error:", "")), line
        assert not line.startswith("::"), line


def test_a_file_name_cannot_forge_an_annotation_or_reach_the_terminal(
    tmp_path: Path, capsys
) -> None:
    src = _articles(tmp_path)
    (src / f"{FORGED}.txt").write_bytes(b"\x00\x01binary" * 50)  # skipped, so named
    assert main(["audit", str(src), "-o", str(tmp_path / "r.md")]) == 1
    err = capsys.readouterr().err
    _no_forgery(err)
    assert "x\\n::error file=ci.yml::forged\\x1b]0;pwned\\x07" in err  # shown, escaped


def test_an_error_naming_a_path_is_one_escaped_line(capsys) -> None:
    assert main(["audit", f"nope{FORGED}"]) == 2
    err = capsys.readouterr().err
    _no_forgery(err)
    assert len(err.strip().splitlines()) == 1


def test_stale_baseline_ids_and_its_path_cannot_forge_annotations(tmp_path: Path, capsys) -> None:
    base = tmp_path / "b\n::error::forged.json"
    doc = {"schema": "checker-baseline/1", "conflicts": [{"id": f"z{FORGED}", "sources": []}]}
    base.write_text(json.dumps(doc), "utf-8")
    assert main(["audit", str(AIRLINE), "--baseline", str(base), "-o", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    _no_forgery(err)
    assert "no longer occur" in err and "::error::forged" in err


def test_escape_sequences_in_an_article_never_reach_the_terminal(tmp_path: Path, capsys) -> None:
    src = _articles(tmp_path)
    first = sorted(src.glob("*.txt"))[0]
    text = first.read_text("utf-8")
    first.write_text(
        f"Breaking \x1b]0;owned\x07 news \x1b[31mred\x1b[0m today\x1bc\n{text}", "utf-8"
    )
    assert main(["audit", str(src)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b\\]0;owned\\x07" in out  # visible (and Markdown-escaped), not obeyed


def test_quiet_prints_nothing_at_all(tmp_path: Path, capsys) -> None:
    db = tmp_path / "c.sqlite"
    out = tmp_path / "r.md"
    assert main(["audit", str(AIRLINE), "--cache", str(db), "-o", str(out)]) == 1
    with sqlite3.connect(db) as con:
        con.execute("UPDATE analyses SET payload = x'00'")  # a warning, logged
    capsys.readouterr()
    assert main(["audit", str(AIRLINE), "--cache", str(db), "-o", str(out), "-q"]) == 1
    assert capsys.readouterr().err == ""
    with sqlite3.connect(db) as con:  # the quiet run wrote good rows back
        con.execute("UPDATE analyses SET payload = x'00'")
    assert main(["audit", str(AIRLINE), "--cache", str(db), "-o", str(out)]) == 1
    err = capsys.readouterr().err  # without -q, the same warning is one escaped line
    assert err.count("unreadable analysis") == 1 and err.startswith("checker: warning: ")


def test_a_corrupt_cache_under_quiet_prints_nothing(tmp_path: Path, capsys) -> None:
    db = tmp_path / "c.sqlite"
    db.write_bytes(b"SQLite format 3\x00" + b"garbage" * 100)
    out = tmp_path / "r.md"
    assert main(["audit", str(AIRLINE), "--cache", str(db), "-o", str(out), "-q"]) == 1
    assert capsys.readouterr().err == ""


def _report_with(text: str):
    from checker.model import Conflict, ConflictClaim, Report, Stats

    claim = ConflictClaim(
        source=text, text=text, start=0, end=len(text), quote=text, quote_start=0,
        quote_end=len(text), value=text, attribution=text,
    )  # fmt: skip
    conflict = Conflict(
        id="c1", type=ConflictType.NUMERIC, severity=Severity.HIGH, score=1.0, subject=text,
        message=text, claims=(claim, claim), majority=-3.5,
    )  # fmt: skip
    return Report(sources=(), conflicts=(conflict,), stats=Stats(1, 1, 1, 1, 0.0))


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_made_inert(cell: str) -> None:
    import csv
    import io

    from checker.report.csvfmt import CsvFormatter

    text = CsvFormatter().format(_report_with(cell))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 2
    for row in rows:
        for column in ("source", "quote", "value", "subject", "message", "text", "attribution"):
            assert row[column] == "'" + cell.replace("\r", "\n")
        assert row["majority"] == "-3.5"  # a number stays a number
        assert not any(v.startswith(("=", "+", "@")) for v in row.values())


# -- one-line errors (exit 2) where there were tracebacks ------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str, cwd: Path = ROOT, timeout: float = 120):
    """The CLI in a child process, so an input that hangs fails the test instead of the run."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def _one_error_line(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("checker: error: "), err
    assert "Traceback" not in err
    for f in fragments:
        assert f in lines[0], lines[0]


def test_a_baseline_that_is_dev_zero_is_one_line_exit_2(capsys) -> None:
    assert main(["audit", str(AIRLINE), "--baseline", "/dev/zero"]) == 2  # only read
    _one_error_line(capsys.readouterr().err, "/dev/zero", "character device")


@pytest.mark.parametrize("via", ["option", "config"])
def test_a_baseline_that_is_a_fifo_is_one_line_exit_2_not_a_hang(tmp_path: Path, via: str):
    os.mkfifo(tmp_path / "base.json")
    if via == "option":
        args = ["--baseline", str(tmp_path / "base.json")]
    else:
        (tmp_path / "checker.toml").write_text('baseline = "base.json"\n', "utf-8")
        args = ["--config", str(tmp_path / "checker.toml")]
    run = _cli("audit", str(AIRLINE), *args, "--no-cache")
    assert run.returncode == 2
    _one_error_line(run.stderr, "named pipe")


def test_a_config_file_that_is_a_fifo_is_one_line_exit_2_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "checker.toml")
    run = _cli("audit", str(AIRLINE), "--config", str(tmp_path / "checker.toml"), "--no-cache")
    assert run.returncode == 2
    _one_error_line(run.stderr, "named pipe")


@pytest.mark.parametrize("sources", [3, True, "a", [1, 2], {"a": 1}])
def test_baseline_sources_that_are_not_a_list_of_ids_are_one_line_exit_2(
    tmp_path: Path, capsys, sources
) -> None:
    base = tmp_path / "b.json"
    doc = {"schema": "checker-baseline/1", "conflicts": [{"id": "x", "sources": sources}]}
    base.write_text(json.dumps(doc), "utf-8")
    assert main(["audit", str(AIRLINE), "--baseline", str(base)]) == 2
    _one_error_line(capsys.readouterr().err, "'sources' must be a list")


@pytest.mark.parametrize("limit", [str(2**62), "50000000000"])
@pytest.mark.parametrize("via", ["option", "config"])
def test_a_huge_max_bytes_reads_files_sized_to_the_file(
    tmp_path: Path, capsys, limit: str, via: str
) -> None:
    out = tmp_path / "r.json"
    if via == "option":
        args = ["--max-bytes", limit]
    else:
        (tmp_path / "checker.toml").write_text(f"max-bytes = {limit}\n", "utf-8")
        args = ["--config", str(tmp_path / "checker.toml")]
    assert main(["audit", str(AIRLINE), *args, "--format", "json", "-o", str(out)]) == 1
    assert len(json.loads(out.read_text("utf-8"))["conflicts"]) == 3


@pytest.mark.parametrize("toml", ['tool = "x"\n', "tool = 3\n", "[tool]\nchecker = [1]\n"])
def test_tool_checker_that_is_not_a_table_is_one_line_exit_2(
    tmp_path: Path, capsys, toml: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(toml, "utf-8")
    assert main(["audit", str(AIRLINE), "--config", str(tmp_path / "pyproject.toml")]) == 2
    _one_error_line(capsys.readouterr().err, "must be a table")


def test_an_unexpected_exception_exits_2_never_1(monkeypatch, capsys) -> None:
    import checker.api

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody foresaw\nsecond line")

    monkeypatch.setattr(checker.api, "audit", broken)
    assert main(["audit", str(AIRLINE)]) == 2
    _one_error_line(capsys.readouterr().err, "RuntimeError", "something nobody foresaw")


def test_a_model_directory_holding_a_fifo_is_refused_not_a_hang(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "modules.json").write_text("[]", "utf-8")
    os.mkfifo(model / "config.json")
    run = _cli("audit", str(AIRLINE), "--model", str(model), "--no-cache")
    assert run.returncode == 2
    _one_error_line(run.stderr, "named pipe")


# -- inputs counted once, and never skipped by their first line -------------------------------


def test_the_same_file_through_a_symlink_counts_once_with_a_note(tmp_path: Path, capsys) -> None:
    src = _articles(tmp_path)
    first = sorted(src.glob("*.txt"))[0]
    (src / "zz_alias.txt").symlink_to(first)  # would be a third source holding first's claims
    out = tmp_path / "r.json"
    assert main(["audit", str(src), str(first), "--format", "json", "-o", str(out)]) == 1
    doc = json.loads(out.read_text("utf-8"))
    assert len(doc["sources"]) == 2
    skipped = {Path(s["path"]).name: s["reason"] for s in doc["skipped"]}
    assert set(skipped) == {"zz_alias.txt", first.name}
    assert all(r.startswith("the same file as") for r in skipped.values())
    err = capsys.readouterr().err
    assert f"skipped {src / 'zz_alias.txt'}: the same file as {first}; counted once" in err


def test_an_article_headed_checker_report_is_audited_not_skipped(tmp_path: Path) -> None:
    src = _articles(tmp_path)
    a = sorted(src.glob("*.txt"))[0]
    (src / "a.md").write_text("# checker report\n\n" + a.read_text("utf-8"), "utf-8")
    a.unlink()
    out = tmp_path / "r.json"
    assert main(["audit", str(src), "--format", "json", "-o", str(out)]) == 1
    doc = json.loads(out.read_text("utf-8"))
    assert "a" in {s["id"] for s in doc["sources"]} and doc["skipped"] == []


def test_the_tools_own_markdown_report_is_still_skipped(tmp_path: Path) -> None:
    src = _articles(tmp_path)
    report = src / "report.md"
    assert main(["audit", str(src), "-o", str(report)]) == 1
    out = tmp_path / "r.json"
    assert main(["audit", str(src), "--format", "json", "-o", str(out)]) == 1
    doc = json.loads(out.read_text("utf-8"))
    assert [s["reason"] for s in doc["skipped"]] == ["a checker Markdown report, not an article"]
    # the heading, summary and table copied above an article are not the whole structure
    text = report.read_text("utf-8")
    forged = text.split("## Conflicts")[0] + "The ferry carried 40 passengers on Monday.\n"
    report.write_text(forged, "utf-8")
    assert main(["audit", str(src), "--format", "json", "-o", str(out)]) == 1
    assert json.loads(out.read_text("utf-8"))["skipped"] == []


# -- one large article ---------------------------------------------------------------------


def test_the_default_size_limit_is_one_a_user_can_wait_for() -> None:
    from checker.ingest import DEFAULT_MAX_BYTES

    # claim extraction runs about 5 to 10 s per MB on one core: 2 MB is under half a minute
    assert DEFAULT_MAX_BYTES == 2_000_000


def test_furniture_lookup_by_bisection_matches_the_full_sum() -> None:
    import random

    from checker.segment import _Furniture, _in_furniture

    rng = random.Random(3)
    for _ in range(200):
        cuts = sorted(rng.sample(range(2000), 40))
        spans = [(cuts[i], cuts[i + 1]) for i in range(0, 40, 2) if rng.random() < 0.7]
        shuffled = rng.sample(spans, len(spans))  # also spans in no order: summed in full
        for _ in range(20):
            a = rng.randrange(1990)
            b = rng.randrange(a + 1, 2000)
            assert _Furniture(spans).holds(a, b) == _in_furniture(a, b, spans)
            assert _Furniture(shuffled).holds(a, b) == _in_furniture(a, b, shuffled)


def test_an_article_s_sentences_are_gathered_once_not_per_title(monkeypatch) -> None:
    import checker.rules.article_place as place
    import checker.rules.roles as roles
    from checker.model import Source
    from checker.rules.base import Document
    from checker.segment import segment

    built: set[int] = set()
    inner = place._country_counts.__wrapped__

    def counting(*args):
        built.add(id(args[2]))  # a new tuple of every sentence: O(n) to build and hash
        return inner(*args)

    monkeypatch.setattr(place, "_country_counts", counting)
    text = "Finance Minister Rui Costa said the budget would pass on Monday.\n\n" * 200
    src = Source(id="big", text=text)
    doc = Document(src, segment(src))
    claims = [c for s in doc.sentences for c in roles.RoleRule().extract(s, doc)]
    assert claims and len(built) == 1  # per title, a long article was quadratic


def test_a_bad_option_value_quoted_back_is_escaped(capsys) -> None:
    assert main(["audit", str(AIRLINE), "--format", f"md,{FORGED}"]) == 2
    _no_forgery(capsys.readouterr().err)
