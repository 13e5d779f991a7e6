"""A local SQLite cache of each source's sentences and claims, and of sentence embeddings.

Entries are keyed by content hash, so a re-run after adding one article only analyses and
embeds that article. Vectors are keyed by the embedder's identity (model files, backend,
precision) and the tool version; analyses by the tool version, the rules and their settings,
and the source's id, text and furniture. Nothing stale can be served: a changed model, rule
or version simply misses. The database runs in WAL mode with a busy timeout, so two runs can
share it; every write is one transaction, so a killed run leaves it consistent. A cache that
cannot be opened or read is never fatal: the audit goes on without it and says so.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from checker.embed import cache_dir
from checker.model import Claim, Sentence, Source

log = logging.getLogger(__name__)

SCHEMA = 1
_CHUNK = 500  # digests per SELECT, under SQLite's limit on bound parameters


def default_cache_path() -> Path:
    """The per-user cache: $CHECKER_CACHE_DIR/cache.sqlite, else under $XDG_CACHE_HOME/checker,
    else ~/.cache/checker."""
    return cache_dir() / "cache.sqlite"


@functools.cache
def code_version() -> str:
    """The package version and a digest of its own source files, so that an edited or
    reinstalled checker with the same version number never reads what an older one wrote."""
    from checker import __version__

    package = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*.py")):
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

    Raises `sqlite3.Error` or `OSError` when it cannot be opened; use `open_cache` for the
    forgiving form the audit uses.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
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
        keys = list(where)
        for lo in range(0, len(keys), _CHUNK):
            chunk = keys[lo : lo + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT digest, vec FROM vectors WHERE model = ? AND digest IN ({marks})",
                (model, *chunk),
            ).fetchall()
            for digest, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                for i in where[bytes(digest)]:
                    found[i] = vec
        return found

    def put_vectors(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows = [
            (model, text_digest(t), np.ascontiguousarray(v, dtype=np.float32).tobytes())
            for t, v in zip(texts, vectors, strict=True)
        ]
        with self._transaction():
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
                    value = pickle.loads(payload)
                except Exception:  # written by an incompatible build: treat as a miss
                    log.debug("unreadable cache entry %s", key, exc_info=True)
                    continue
                if isinstance(value, Analysis):
                    out[key] = value
        return out

    def put_analyses(self, items: Iterable[tuple[str, Analysis]]) -> None:
        rows = [(k, pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL)) for k, a in items]
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


def open_cache(path: str | os.PathLike[str] | None) -> tuple[Cache | None, str]:
    """The cache at `path` (None: no cache), or (None, why) when it cannot be used."""
    if path is None:
        return None, ""
    try:
        return Cache(path), ""
    except (sqlite3.Error, OSError) as err:
        log.warning("cache %s unusable: %s", path, err)
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
        # Each distinct missing text is embedded once.
        unique = list(dict.fromkeys(texts[i] for i in missing))
        self.embedded += len(unique)
        self.reused += len(texts) - len(missing)
        fresh = self.inner.encode(unique) if unique else None
        if fresh is not None and not self.cache.failed:
            try:
                self.cache.put_vectors(key, unique, fresh)
            except sqlite3.Error as err:
                log.warning("cache write failed: %s", err)
                self.cache.failed = True
        if fresh is not None:
            row = {t: i for i, t in enumerate(unique)}
            for i in missing:
                found[i] = fresh[row[texts[i]]]
        return np.stack([found[i] for i in range(len(texts))]).astype(np.float32, copy=False)


def embedder_identity(embedder: Any) -> str:
    """What an embedder's vectors depend on; embedders say so through `identity`."""
    identity = getattr(embedder, "identity", None)
    return str(identity) if identity else f"{type(embedder).__qualname__}:{embedder.name}"
