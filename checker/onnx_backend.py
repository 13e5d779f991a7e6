"""Sentence embeddings with ONNX Runtime: the model exported once from its local files, cached.

The export runs `torch.onnx.export` on the model's transformer, then (by default) dynamic int8
quantisation of its weights; both files live under `cache_dir()/onnx/<key>/`, where the key
covers the model files, the exporter and the quantisation. Encoding tokenises with the model's
`tokenizer.json` (the same fast tokenizer sentence-transformers uses), then mean-pools over the
attention mask and L2-normalises, as the model's Pooling and Normalize modules do.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from checker.embed import (
    DEFAULT_MODEL,
    cache_dir,
    model_identity,
    package_version,
    packaged_model_dir,
    verify_packaged_model,
)
from checker.errors import ModelError, OptionError
from checker.files import read_text

log = logging.getLogger(__name__)

EXTRA_HINT = "the onnx backend needs onnxruntime and onnx; run: pip install 'checker[onnx]'"
OPSET = 17


def _import_ort() -> Any:
    try:
        import onnx  # noqa: F401  (the exporter and the quantiser need it)
        import onnxruntime
    except ImportError as err:
        raise ModelError(EXTRA_HINT) from err
    return onnxruntime


class OnnxEmbedder:
    """An `Embedder` on ONNX Runtime; `model=None` means the packaged all-MiniLM-L6-v2.

    `model` may also be a local sentence-transformers directory with the same three modules
    (Transformer, mean Pooling, Normalize). `quantize` stores int8 weights (dynamic
    quantisation); activations stay float32.
    """

    def __init__(
        self,
        model: str | None = None,
        device: str = "cpu",
        quantize: bool = True,
        batch_size: int = 64,
    ) -> None:
        self.model_arg = model
        self.name = model or DEFAULT_MODEL
        self.device = device
        self.quantize = quantize and device == "cpu"  # int8 kernels are a CPU speed-up
        self.batch_size = batch_size
        weights = "int8-per-channel" if self.quantize else "float32"
        self.identity = (
            f"onnx|{model_identity(model)}|{weights}|opset{OPSET}|"
            f"torch{package_version('torch')}|ort{package_version('onnxruntime')}|{device}"
        )
        self._session: Any = None
        self._tokenizer: Any = None
        self._max_len = 256

    # Loading -----------------------------------------------------------------------------

    def model_dir(self) -> Path:
        if self.model_arg is None:
            path = packaged_model_dir()
            verify_packaged_model(path)
            return path
        path = Path(self.model_arg).expanduser()
        if not path.is_dir():
            raise ModelError(
                f"the onnx backend exports from a local model directory; {self.model_arg!r} is "
                "not one; pass --backend torch"
            )
        return path

    def onnx_path(self) -> Path:
        """The cached ONNX file for this model and quantisation, exported on first use."""
        key = hashlib.sha256(self.identity.encode()).hexdigest()[:16]
        folder = cache_dir() / "onnx" / key
        target = folder / ("model.int8.onnx" if self.quantize else "model.onnx")
        if target.is_file():
            return target
        model_dir = self.model_dir()
        _check_layout(model_dir)
        folder.mkdir(parents=True, exist_ok=True)
        plain = folder / "model.onnx"
        if not plain.is_file():
            log.info("exporting %s to ONNX (once) in %s", model_dir, folder)
            _export(model_dir, plain)
        if self.quantize:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            tmp = folder / f"model.int8.{os.getpid()}.tmp.onnx"
            # Per-channel scales: per-tensor int8 moved some vectors to cosine 0.81 of float32.
            with _quiet_root_logger():
                quantize_dynamic(
                    str(plain), str(tmp), weight_type=QuantType.QInt8, per_channel=True
                )
            os.replace(tmp, target)
        return target

    def load(self) -> Any:
        if self._session is not None:
            return self._session
        ort = _import_ort()
        from tokenizers import Tokenizer

        path = self.onnx_path()
        model_dir = self.model_dir()
        self._max_len = _max_seq_length(model_dir)
        tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tok.enable_truncation(max_length=self._max_len)
        tok.no_padding()
        self._tokenizer = tok
        if self.device == "cuda":
            if "CUDAExecutionProvider" not in ort.get_available_providers():
                raise OptionError(
                    "onnxruntime here has no CUDA provider; pip install onnxruntime-gpu, "
                    "or use --backend torch"
                )
            providers = ["CUDAExecutionProvider", "CPUExecutionProvider"]
        else:
            providers = ["CPUExecutionProvider"]
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # Idle threads sleep instead of spinning: on a shared machine the next stage (and
        # other processes) get the cores back as soon as a batch is done.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(path), options, providers=providers)
        self._inputs = {i.name for i in self._session.get_inputs()}
        return self._session

    # Encoding ----------------------------------------------------------------------------

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 rows, one per text, in the order given."""
        session = self.load()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))  # Rust threads
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(lengths, kind="stable")
        out: np.ndarray | None = None
        for rows in _batches(lengths[order], order, self.batch_size):
            width = int(lengths[rows[-1]])
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            types = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                e = encodings[i]
                n = len(e.ids)
                ids[r, :n] = e.ids
                mask[r, :n] = 1
                types[r, :n] = e.type_ids
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            hidden = session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            pooled = pooled / np.clip(norms, 1e-12, None)
            if out is None:
                out = np.empty((len(texts), pooled.shape[1]), dtype=np.float32)
            out[rows] = pooled
        assert out is not None
        return out


def _batches(sorted_lengths: np.ndarray, order: np.ndarray, batch_size: int):
    """Rows in length order, `batch_size` at a time, fewer when they are long: at most
    `batch_size * 128` tokens a batch, so attention's memory stays bounded."""
    budget = batch_size * 128
    lo = 0
    while lo < len(order):
        hi = lo + 1
        while (
            hi < len(order)
            and hi - lo < batch_size
            and (hi - lo + 1) * sorted_lengths[hi] <= budget
        ):
            hi += 1
        yield order[lo:hi]
        lo = hi


def _check_layout(model_dir: Path) -> None:
    """Only Transformer + mean Pooling + Normalize is reproduced here."""
    try:
        modules = json.loads(read_text(model_dir / "modules.json"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        pooling = json.loads(read_text(model_dir / "1_Pooling" / "config.json"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise ModelError(
            f"{model_dir} is not a sentence-transformers directory the onnx backend can export; "
            "pass --backend torch"
        ) from err
    if kinds != ["Transformer", "Pooling", "Normalize"] or not pooling.get(
        "pooling_mode_mean_tokens"
    ):
        raise ModelError(
            f"{model_dir} has modules {kinds}; the onnx backend reproduces only Transformer, "
            "mean Pooling and Normalize; pass --backend torch"
        )


def _max_seq_length(model_dir: Path) -> int:
    try:
        cfg = json.loads(read_text(model_dir / "sentence_bert_config.json"))
        return int(cfg.get("max_seq_length") or 256)
    except (OSError, ValueError, TypeError, AttributeError):
        return 256


def _export(model_dir: Path, target: Path) -> None:
    """torch.onnx.export of the transformer with dynamic batch and sequence axes."""
    try:
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        bert = AutoModel.from_pretrained(str(model_dir))
        bert.eval()

        class Wrapped(torch.nn.Module):  # keyword arguments: forward()'s order varies by version
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                out = self.bert(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                )
                return out.last_hidden_state

        model = Wrapped().eval()
        ids = torch.ones((2, 8), dtype=torch.long)
        mask = torch.ones((2, 8), dtype=torch.long)
        types = torch.zeros((2, 8), dtype=torch.long)
        tmp = target.with_name(f"{target.stem}.{os.getpid()}.tmp.onnx")
        axes = {0: "batch", 1: "sequence"}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about shape-dependent branches
            torch.onnx.export(
                model,
                (ids, mask, types),
                str(tmp),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    "input_ids": axes,
                    "attention_mask": axes,
                    "token_type_ids": axes,
                    "last_hidden_state": axes,
                },
                opset_version=OPSET,
                dynamo=False,
            )
        os.replace(tmp, target)
    except ModelError:
        raise
    except Exception as err:
        raise ModelError(
            f"cannot export {model_dir} to ONNX: {type(err).__name__}: "
            f"{str(err).splitlines()[0] if str(err) else ''}; pass --backend torch"
        ) from err


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """onnxruntime's quantiser warns through the root logger ("consider pre-processing"),
    which would also give the root logger a stderr handler for good (logging.basicConfig): a
    library must not print. Its records go to this module's logger at debug level instead."""
    root = logging.getLogger()

    class _Divert(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            log.debug("onnxruntime: %s", record.getMessage())

    handler = _Divert()
    root.addHandler(handler)  # a handler present: basicConfig adds none
    try:
        yield
    finally:
        root.removeHandler(handler)
