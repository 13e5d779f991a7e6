"""The SQLite cache: warm runs reuse everything, new articles alone are embedded, nothing stale
is served, and concurrent, killed or corrupted runs never break an audit."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import checker.cache as cache_mod
from checker import audit
from checker.cache import Cache, CachedEmbedder
from checker.cli import main

AIRLINE = Path("fixtures/airline_strike_conflicts")
TRADE = Path("fixtures/trade_pacts_md")
ROOT = Path(__file__).resolve().parent.parent


def _json(report) -> str:
    return json.dumps(report.without_timing().to_dict(), sort_keys=True)


class _Renamed:
    """The real embedder under another identity, as a changed model would have."""

    def __init__(self, inner, identity: str):
        self.inner, self.identity, self.name = inner, identity, inner.name
        self.calls = 0

    def encode(self, texts):
        self.calls += len(texts)
        return self.inner.encode(texts)


def test_warm_run_embeds_nothing_and_gives_the_same_report(tmp_path: Path, embedder) -> None:
    db = tmp_path / "c.sqlite"
    plain = audit([AIRLINE], embedder=embedder)
    cold = audit([AIRLINE], embedder=embedder, cache=db)
    warm = audit([AIRLINE], embedder=embedder, cache=db)
    assert _json(plain) == _json(cold) == _json(warm)
    assert cold.extra["cache"]["embedded"] > 0 and cold.extra["cache"]["reused"] == 0
    assert warm.extra["cache"] == {"embedded": 0, "reused": cold.extra["cache"]["embedded"]}
    with Cache(db) as c:
        assert c.counts()["analyses"] == 2


def test_adding_one_article_embeds_only_that_article(tmp_path: Path, embedder) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for f in AIRLINE.glob("*.txt"):
        shutil.copy(f, src / f.name)
    db = tmp_path / "c.sqlite"
    audit([src], embedder=embedder, cache=db)
    new = next(TRADE.glob("*.md"))
    shutil.copy(new, src / new.name)
    report = audit([src], embedder=embedder, cache=db)
    from checker.ingest import ingest
    from checker.segment import segment

    added = ingest([new]).sources[0]
    live = {s.text for s in segment(added) if not s.furniture}
    assert report.extra["cache"]["embedded"] == len(live)


def test_another_model_identity_never_gets_the_old_vectors(tmp_path: Path, embedder) -> None:
    db = tmp_path / "c.sqlite"
    first = _Renamed(embedder, "model-a")
    audit([AIRLINE], embedder=first, cache=db)
    again = _Renamed(embedder, "model-a")
    audit([AIRLINE], embedder=again, cache=db)
    assert again.calls == 0
    other = _Renamed(embedder, "model-b")
    audit([AIRLINE], embedder=other, cache=db)
    assert other.calls == first.calls > 0


def test_a_new_tool_version_misses_everything(tmp_path: Path, embedder, monkeypatch) -> None:
    db = tmp_path / "c.sqlite"
    audit([AIRLINE], embedder=embedder, cache=db)
    monkeypatch.setattr(cache_mod, "code_version", lambda: "99.0")
    report = audit([AIRLINE], embedder=embedder, cache=db)
    assert report.extra["cache"]["reused"] == 0
    with Cache(db) as c:
        assert c.counts()["analyses"] == 4  # two sources under each version


def test_vectors_round_trip_exactly(tmp_path: Path) -> None:
    vecs = np.random.default_rng(0).standard_normal((5, 384)).astype(np.float32)
    texts = [f"sentence {i}" for i in range(5)]
    with Cache(tmp_path / "c.sqlite") as c:
        c.put_vectors("m", texts, vecs)
        got = c.get_vectors("m", [*texts, "unseen", texts[0]])
        assert sorted(got) == [0, 1, 2, 3, 4, 6]
        assert np.array_equal(got[6], vecs[0]) and np.array_equal(got[3], vecs[3])
        assert c.get_vectors("other", texts) == {}


def test_cached_embedder_embeds_each_distinct_missing_text_once(tmp_path: Path, embedder) -> None:
    inner = _Renamed(embedder, "x")
    with Cache(tmp_path / "c.sqlite") as c:
        emb = CachedEmbedder(inner, c)
        out = emb.encode(["Alpha beta.", "Alpha beta.", "Gamma delta."])
        assert inner.calls == 2 and out.shape == (3, 384)
        assert np.allclose(out[0], out[1])
        assert emb.encode([]).shape[0] == 0


def test_a_corrupt_cache_file_is_named_and_the_audit_goes_on(tmp_path: Path, capsys) -> None:
    db = tmp_path / "c.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    out = tmp_path / "r.json"
    assert (
        main(["audit", str(AIRLINE), "--cache", str(db), "--format", "json", "-o", str(out)]) == 1
    )
    assert len(json.loads(out.read_text("utf-8"))["conflicts"]) == 3
    err = capsys.readouterr().err
    assert f"cache {db} not used" in err and "--no-cache" in err


def test_an_old_schema_is_dropped_not_misread(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("INSERT INTO meta VALUES ('schema', '0')")
        con.execute("CREATE TABLE vectors (model TEXT, digest BLOB, vec BLOB)")
        con.execute("INSERT INTO vectors VALUES ('m', x'00', x'00')")
    with Cache(db) as c:
        assert c.counts() == {"vectors": 0, "analyses": 0}


def _cli(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "checker", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as con:
        return con.execute("PRAGMA integrity_check").fetchone()[0]


def test_two_concurrent_runs_share_one_cache(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    args = ("audit", str(AIRLINE), str(TRADE), "--cache", str(db), "--format", "json")
    runs = [_cli(*args) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in runs]
    assert [p.returncode for p in runs] == [1, 1], [e for _, e in outs]
    docs = [json.loads(o) for o, _ in outs]
    for d in docs:
        d["stats"]["seconds"] = 0
    assert docs[0] == docs[1]
    assert _integrity(db) == "ok"
    with Cache(db) as c:
        assert c.counts()["analyses"] == 4


def test_a_killed_run_leaves_a_usable_cache(tmp_path: Path, embedder) -> None:
    db = tmp_path / "c.sqlite"
    corpus = [str(p) for p in sorted(Path("fixtures/eval").iterdir()) if p.is_dir()]
    proc = _cli("audit", *corpus, "--cache", str(db), "-o", str(tmp_path / "r.md"))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(db, timeout=30) as con:
                if con.execute("SELECT COUNT(*) FROM analyses").fetchone()[0] > 0:
                    break
        except sqlite3.OperationalError:  # not created yet
            pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert _integrity(db) == "ok"
    assert _json(audit([AIRLINE], embedder=embedder, cache=db)) == _json(
        audit([AIRLINE], embedder=embedder)
    )


@pytest.mark.parametrize("flag", ["--no-cache", "--cache"])
def test_no_cache_writes_nothing(tmp_path: Path, flag: str) -> None:
    db = tmp_path / "c.sqlite"
    args = ["audit", str(AIRLINE), "-o", str(tmp_path / "r.md")]
    args += ["--no-cache"] if flag == "--no-cache" else ["--cache", str(db)]
    env_dir = tmp_path / "home-cache"
    old = os.environ.get("CHECKER_CACHE_DIR")
    os.environ["CHECKER_CACHE_DIR"] = str(env_dir)
    try:
        assert main(args) == 1
    finally:
        if old is None:
            del os.environ["CHECKER_CACHE_DIR"]
        else:
            os.environ["CHECKER_CACHE_DIR"] = old
    assert not (env_dir / "cache.sqlite").exists()
    assert db.exists() == (flag == "--cache")


def test_checker_cache_dir_names_the_folder_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.cache import default_cache_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CHECKER_CACHE_DIR")
    assert default_cache_path() == tmp_path / "xdg" / "checker" / "cache.sqlite"
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_path() == tmp_path / "mine" / "cache.sqlite"
    assert main(["audit", str(AIRLINE), "-o", str(tmp_path / "r.md")]) == 1
    assert (tmp_path / "mine" / "cache.sqlite").is_file()
    assert not (tmp_path / "mine" / "checker").exists()


WRITER = """
import sys, numpy as np
from checker.cache import Cache
c = Cache(sys.argv[1])
vec = np.ones((2000, 384), dtype=np.float32)
n = 0
while True:
    c.put_vectors("m", [f"{n}-{i}" for i in range(2000)], vec)
    n += 1
    print(n, flush=True)
"""


def test_killing_a_writer_mid_transaction_keeps_every_committed_batch(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for _ in range(3):  # three batches committed, the fourth in flight
        proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert _integrity(db) == "ok"
    with Cache(db) as c:
        rows = c.counts()["vectors"]
        assert rows >= 3 * 2000 and rows % 2000 == 0  # whole batches only
        c.put_vectors("m", ["after"], np.ones((1, 384), dtype=np.float32))


class _Counting:
    """The session's model under its own identity, counting what it embeds."""

    def __init__(self, inner):
        self.inner, self.name = inner, inner.name
        self.identity = cache_mod.embedder_identity(inner)
        self.texts: list[str] = []

    def encode(self, texts):
        self.texts += list(texts)
        return self.inner.encode(texts)


def test_cli_rerun_after_adding_an_article_embeds_only_it(tmp_path: Path, embedder, monkeypatch):
    import checker.api

    spy = _Counting(embedder)
    monkeypatch.setattr(checker.api, "default_embedder", lambda *args, **kwargs: spy)
    src = tmp_path / "src"
    src.mkdir()
    for f in AIRLINE.glob("*.txt"):
        shutil.copy(f, src / f.name)
    db = tmp_path / "c.sqlite"
    out = tmp_path / "r.md"
    assert main(["audit", str(src), "--cache", str(db), "-o", str(out)]) == 1
    assert spy.texts
    spy.texts.clear()
    assert main(["audit", str(src), "--cache", str(db), "-o", str(out)]) == 1
    assert spy.texts == []  # warm: the model is not even asked
    new = next(TRADE.glob("*.md"))
    shutil.copy(new, src / new.name)
    assert main(["audit", str(src), "--cache", str(db), "-o", str(out)]) == 1
    from checker.ingest import ingest
    from checker.segment import segment

    added = {s.text for s in segment(ingest([new]).sources[0]) if not s.furniture}
    assert set(spy.texts) == added


@pytest.mark.parametrize("edited_file", ["numbers.py", "age_person_nouns.txt", "units.tsv"])
def test_the_tool_version_covers_the_code_not_just_the_number(monkeypatch, edited_file) -> None:
    """A git checkout edited in place keeps version 0.1.0; its cache entries must still miss,
    whether a module or a lookup table was edited."""
    cache_mod.code_version.cache_clear()
    before = cache_mod.code_version()
    real = Path.read_bytes

    def edited(self: Path) -> bytes:
        data = real(self)
        return data + b"\n# edited\n" if self.name == edited_file else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    cache_mod.code_version.cache_clear()
    try:
        after = cache_mod.code_version()
    finally:
        monkeypatch.undo()
        cache_mod.code_version.cache_clear()
    from checker import __version__

    assert before.startswith(__version__ + "+") and after.startswith(__version__ + "+")
    assert before != after


def test_rules_fingerprint_reads_slotted_plug_ins_and_their_settings() -> None:
    from checker.rules import rules_fingerprint

    class Slotted:
        __slots__ = ("min_sim",)
        code = "XYZ"

        def __init__(self, min_sim: float) -> None:
            self.min_sim = min_sim

    a, b = rules_fingerprint([Slotted(0.4)]), rules_fingerprint([Slotted(0.5)])
    assert a != b and "XYZ=" in a and "0.4" in a


def test_cache_counts_add_up_over_chunked_encodes(tmp_path: Path, embedder, monkeypatch) -> None:
    """On a terminal the audit embeds in chunks for its progress line; counts cover them all."""
    import checker.api

    db = tmp_path / "c.sqlite"
    whole = audit([AIRLINE], embedder=embedder, cache=db).extra["cache"]
    monkeypatch.setattr(checker.api, "EMBED_CHUNK", 7)
    warm = audit([AIRLINE], embedder=embedder, cache=db, progress=lambda *a: None).extra["cache"]
    assert warm == {"embedded": 0, "reused": whole["embedded"]}
