"""A local SQLite cache of each source's sentences and claims, and of sentence embeddings.

Entries are keyed by content hash, so a re-run after adding one article only analyses and
embeds that article. Vectors are keyed by the embedder's identity (model files, backend,
precision) and the tool version; analyses by the tool version, the rules and their settings,
and the source's id, text and furniture. Nothing stale can be served: a changed model, rule
or version simply misses. The database runs in WAL mode with a busy timeout, so two runs can
share it; every write is one transaction, so a killed run leaves it consistent. A cache that
cannot be opened or read is never fatal: the audit goes on without it and says so.

Nothing in it executes when read (see `cache_codec`): analyses are JSON, vectors raw float32
bytes, and a row that does not decode is a miss, named once. A file at the cache path that is
not this tool's cache (another application's database, a device, a named pipe) is refused
before anything is written to it, and left as it was.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from checker.cache_codec import decode_analysis, decode_vector, encode_analysis, encode_vector
from checker.embed import cache_dir
from checker.files import read_head
from checker.model import Claim, Sentence, Source

log = logging.getLogger(__name__)

SCHEMA = 2  # 1: pickled analyses (never read: dropped on open)
APPLICATION = "checker-cache"
_TABLES = frozenset({"meta", "vectors", "analyses"})
_SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK = 500  # digests per SELECT, under SQLite's limit on bound parameters


def default_cache_path() -> Path:
    """The per-user cache: $CHECKER_CACHE_DIR/cache.sqlite, else under $XDG_CACHE_HOME/checker,
    else ~/.cache/checker."""
    return cache_dir() / "cache.sqlite"


@functools.cache
def code_version() -> str:
    """The package version and a digest of its own source files and data tables, so that an
    edited or reinstalled checker with the same version number never reads what an older one
    wrote."""
    from checker import __version__

    package = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=8)
    # its lookup tables too: an edited word list changes what is extracted
    files = [*package.rglob("*.py"), *(package / "data").glob("*.t[sx][vt]")]
    for path in sorted(files):
        h.update(path.relative_to(package).as_posix().encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"?")
    return f"{__version__}+{h.hexdigest()}"


def text_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def source_key(src: Source, rules_fingerprint: str) -> str:
    """What a source's sentences and claims depend on: its content, the rules and the tool."""
    h = hashlib.blake2b(digest_size=20)
    for part in (code_version(), rules_fingerprint, src.id, repr(src.furniture), src.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Analysis:
    """A source's sentences and the claims the rules extracted from them."""

    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]


class Cache:
    """Open (creating if needed) the cache database at `path`.

    Raises `sqlite3.Error` or `OSError` when it cannot be opened, and `NotACache` when the file
    is something else (it is then left untouched); use `open_cache` for the forgiving form the
    audit uses.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        check_is_cache(self.path)
        self.bad_rows = 0  # rows that did not decode, served as misses
        self._db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        try:
            self._db.execute("PRAGMA busy_timeout = 30000")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._setup()
        except BaseException:
            self._db.close()
            raise
        self.failed = False

    def _setup(self) -> None:
        with self._transaction():
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is not None and row[0] != str(SCHEMA):
                # A database from another layout: start again rather than guess.
                self._db.execute("DROP TABLE IF EXISTS vectors")
                self._db.execute("DROP TABLE IF EXISTS analyses")
            self._db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA),)
            )
            self._db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('application', ?)",
                (APPLICATION,),
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, digest BLOB NOT NULL,"
                " vec BLOB NOT NULL, PRIMARY KEY (model, digest)) WITHOUT ROWID"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, payload BLOB NOT NULL)"
            )

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- vectors -------------------------------------------------------------------------

    def get_vectors(self, model: str, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """Cached vectors by position in `texts`, for the texts this model has embedded."""
        digests = [text_digest(t) for t in texts]
        where: dict[bytes, list[int]] = {}
        for i, d in enumerate(digests):
            where.setdefault(d, []).append(i)
        found: dict[int, np.ndarray] = {}
        dim = self._dimension(model)
        if dim is None:  # no vector this tool wrote for the model: nothing to trust
            return found
        keys = list(where)
        for lo in range(0, len(keys), _CHUNK):
            chunk = keys[lo : lo + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT digest, vec FROM vectors WHERE model = ? AND digest IN ({marks})",
                (model, *chunk),
            ).fetchall()
            for digest, blob in rows:
                try:
                    vec = decode_vector(blob, dim)
                    indices = where[bytes(digest)]
                except (ValueError, TypeError, KeyError) as err:
                    self.note_bad_row("vector", err)
                    continue
                for i in indices:
                    found[i] = vec
        return found

    def note_bad_row(self, what: str, err: Exception) -> None:
        """Count a row that does not decode; the first one is named on standard error."""
        if not self.bad_rows:
            log.warning(
                "cache %s: an unreadable %s entry (%s); recomputed, not used",
                self.path,
                what,
                err,
            )
        self.bad_rows += 1

    def _dimension(self, model: str) -> int | None:
        """How many numbers each of `model`'s vectors holds, as recorded when they were put."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (f"dim\x1f{model}",))
        value = (row.fetchone() or [None])[0]
        if isinstance(value, str) and value.isdigit() and 0 < int(value) < 1 << 20:
            return int(value)
        return None

    def put_vectors(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or not len(vectors) or not np.isfinite(vectors).all():
            return  # nothing, or nothing worth keeping
        rows = [
            (model, text_digest(t), encode_vector(v)) for t, v in zip(texts, vectors, strict=True)
        ]
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (f"dim\x1f{model}", str(vectors.shape[1])),
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (model, digest, vec) VALUES (?, ?, ?)", rows
            )

    # -- analyses ------------------------------------------------------------------------

    def get_analyses(self, keys: Iterable[str]) -> dict[str, Analysis]:
        keys = list(dict.fromkeys(keys))
        out: dict[str, Analysis] = {}
        for lo in range(0, len(keys), _CHUNK):
            chunk = keys[lo : lo + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, payload FROM analyses WHERE key IN ({marks})", chunk
            ).fetchall()
            for key, payload in rows:
                try:
                    out[key] = Analysis(*decode_analysis(payload))
                except ValueError as err:  # tampered with, or another build's: a miss
                    self.note_bad_row("analysis", err)
        return out

    def put_analyses(self, items: Iterable[tuple[str, Analysis]]) -> None:
        rows = []
        for k, a in items:
            try:
                rows.append((k, encode_analysis(a.sentences, a.claims)))
            except (TypeError, ValueError) as err:  # a plug-in's value JSON cannot hold
                log.debug("not caching analysis %s: %s", k, err)
        if not rows:
            return
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO analyses (key, payload) VALUES (?, ?)", rows
            )

    def counts(self) -> dict[str, int]:
        """Rows per table, for diagnostics and tests."""
        return {
            t: int(self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
            for t in ("vectors", "analyses")
        }


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (the connection is autocommit)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: Any, *exc: object) -> None:
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")


class NotACache(Exception):
    """The file at the cache path is not this tool's cache; it was not touched."""


def check_is_cache(path: Path) -> None:
    """Raise `NotACache` unless `path` is absent, empty, or a SQLite database that holds
    only this tool's tables with its `meta` (any schema). Read only: nothing is written."""
    try:
        head = read_head(path, len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except ValueError as err:
        raise NotACache(f"{err}, not a checker cache") from None
    if not head:
        return
    if head != _SQLITE_MAGIC:
        raise NotACache("not a SQLite database, so not a checker cache")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    con = sqlite3.connect(uri, uri=True, timeout=30.0)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return
        schema = None
        if "meta" in tables:
            try:
                row = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            except sqlite3.OperationalError:  # a `meta` of other columns: someone else's
                row = None
            schema = row[0] if row else None
    finally:
        con.close()
    if not tables <= _TABLES or schema is None:
        shown = ", ".join(sorted(tables - _TABLES)[:3]) or "no checker meta table"
        raise NotACache(f"a SQLite database of something else ({shown}), not a checker cache")


def open_cache(path: str | os.PathLike[str] | None) -> tuple[Cache | None, str]:
    """The cache at `path` (None: no cache), or (None, why) when it cannot be used."""
    if path is None:
        return None, ""
    try:
        return Cache(path), ""
    except NotACache as err:
        return None, (
            f"cache {path} not used: {err}; left as it was; pass --no-cache or another --cache path"
        )
    except (sqlite3.Error, OSError) as err:
        log.debug("cache %s unusable: %s", path, err)
        return None, f"cache {path} not used: {err}; pass --no-cache or another --cache path"


class CachedEmbedder:
    """Wraps an embedder: vectors come from the cache, and only missing texts are embedded.

    The inner embedder (and so the model) is only touched when something is missing.
    `embedded` (distinct texts sent to the model) and `reused` (texts found in the cache)
    add up over every `encode` call, since an audit may embed in chunks for its progress line.
    """

    def __init__(self, inner: Any, cache: Cache):
        self.inner = inner
        self.cache = cache
        self.name: str = str(inner.name)
        self.identity = embedder_identity(inner)
        self.embedded = 0
        self.reused = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.asarray(self.inner.encode([]), dtype=np.float32)
        key = f"{self.identity}\x1f{code_version()}"
        try:
            found = self.cache.get_vectors(key, texts)
        except sqlite3.Error as err:
            log.warning("cache read failed: %s", err)
            self.cache.failed = True
            found = {}
        missing = [i for i in range(len(texts)) if i not in found]
        self.reused += len(texts) - len(missing)
        fresh = self._embed(key, texts, missing, found)
        if fresh is not None and found:
            # Cached vectors of another length than the model's own: a tampered or foreign
            # cache. They are misses too, so embed those texts as well.
            dim = fresh.shape[1] if fresh.ndim == 2 else None
            wrong = [i for i, v in found.items() if v.shape[0] != dim]
            if wrong:
                self.cache.note_bad_row("vector", ValueError(f"vectors not of {dim} numbers"))
                for i in wrong:
                    del found[i]
                self.reused -= len(wrong)
                self._embed(key, texts, wrong, found)
        return np.stack([found[i] for i in range(len(texts))]).astype(np.float32, copy=False)

    def _embed(
        self, key: str, texts: Sequence[str], missing: list[int], found: dict[int, np.ndarray]
    ) -> np.ndarray | None:
        """Embed the texts at `missing` (each distinct text once) into `found`, and store them."""
        unique = list(dict.fromkeys(texts[i] for i in missing))
        self.embedded += len(unique)
        if not unique:
            return None
        fresh = np.asarray(self.inner.encode(unique), dtype=np.float32)
        if not self.cache.failed:
            try:
                self.cache.put_vectors(key, unique, fresh)
            except sqlite3.Error as err:
                log.warning("cache write failed: %s", err)
                self.cache.failed = True
        row = {t: i for i, t in enumerate(unique)}
        for i in missing:
            found[i] = fresh[row[texts[i]]]
        return fresh


def embedder_identity(embedder: Any) -> str:
    """What an embedder's vectors depend on; embedders say so through `identity`."""
    identity = getattr(embedder, "identity", None)
    return str(identity) if identity else f"{type(embedder).__qualname__}:{embedder.name}"
