"""Embedding backends: device choice, identities for caches, ONNX parity with the torch model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import checker.backends as backends
from checker.backends import make_embedder, resolve_device
from checker.embed import SentenceTransformerEmbedder
from checker.errors import OptionError

SENTENCES = [
    "At least 12 people were killed when the storm hit the port city on Monday.",
    "Twelve people died as the storm struck the harbour town.",
    "The council approved a budget of 4.2 million euros for new schools.",
    "Schools will reopen next week, the education minister said.",
    "President William Ruto of Kenya met the delegation in Nairobi.",
    "Shares of the airline fell 3% after the strike was announced.",
    "The bridge will be 3.7 kilometres long and cost €1.35 billion.",
    "Police said the suspect had been released without charge.",
    "The marathon was won in 2 hours, 5 minutes and 12 seconds.",
    "Rescuers pulled two survivors from the rubble overnight.",
    "The museum welcomed 1.2 million visitors last year, a record.",
    "Talks between the two fishing nations resumed on Thursday.",
]


def test_auto_device_is_cpu_without_a_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backends, "cuda_available", lambda backend="torch": False)
    assert resolve_device("auto") == "cpu"
    assert resolve_device(None) == "cpu"
    assert resolve_device("cpu") == "cpu"


def test_auto_device_chooses_cuda_when_present(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backends, "cuda_available", lambda backend="torch": True)
    assert resolve_device("auto") == "cuda"
    assert resolve_device("cuda") == "cuda"


def test_cuda_without_a_gpu_is_an_option_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backends, "cuda_available", lambda backend="torch": False)
    with pytest.raises(OptionError, match="--device cpu"):
        resolve_device("cuda")


def test_unknown_device_and_backend_list_the_choices() -> None:
    with pytest.raises(OptionError, match="auto, cpu, cuda"):
        resolve_device("tpu")
    with pytest.raises(OptionError, match="torch, onnx"):
        make_embedder(None, "tensorrt", "cpu")


def test_this_machine_auto_matches_torch() -> None:
    import torch

    assert resolve_device("auto") == ("cuda" if torch.cuda.is_available() else "cpu")


def test_cuda_embedder_uses_half_precision_and_bigger_batches() -> None:
    cpu = SentenceTransformerEmbedder(None, device="cpu")
    gpu = SentenceTransformerEmbedder(None, device="cuda")  # not loaded: no GPU needed
    assert not cpu.half and gpu.half
    assert gpu.batch_size > cpu.batch_size
    assert "float16" in gpu.identity and "float32" in cpu.identity
    assert cpu.identity != gpu.identity


def test_identity_names_backend_model_and_quantisation(tmp_path) -> None:
    from checker.onnx_backend import OnnxEmbedder

    torch_id = SentenceTransformerEmbedder(None, device="cpu").identity
    int8 = OnnxEmbedder(None, quantize=True).identity
    fp32 = OnnxEmbedder(None, quantize=False).identity
    assert len({torch_id, int8, fp32}) == 3
    assert torch_id.startswith("torch|") and int8.startswith("onnx|") and "int8" in int8
    assert torch_id == SentenceTransformerEmbedder(None, device="cpu").identity  # stable
    model = tmp_path / "m"
    model.mkdir()
    (model / "config.json").write_text("{}")
    before = SentenceTransformerEmbedder(str(model)).identity
    (model / "config.json").write_text('{"changed": true}')
    assert SentenceTransformerEmbedder(str(model)).identity != before


def test_make_embedder_torch_on_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backends, "cuda_available", lambda backend="torch": False)
    emb = make_embedder(None, "torch", "auto")
    assert isinstance(emb, SentenceTransformerEmbedder) and emb.device == "cpu"


@pytest.fixture(scope="module")
def onnx_vectors():
    pytest.importorskip("onnxruntime", reason="the onnx backend needs pip install 'checker[onnx]'")
    from checker.onnx_backend import OnnxEmbedder

    return {
        q: OnnxEmbedder(None, quantize=q).encode(SENTENCES + [s.upper() for s in SENTENCES])
        for q in (False, True)
    }


def _top1(v: np.ndarray) -> list[int]:
    sims = v @ v.T
    np.fill_diagonal(sims, -2)
    return sims.argmax(axis=1).tolist()


def test_onnx_float32_matches_torch(onnx_vectors, embedder) -> None:
    ref = embedder.encode(SENTENCES + [s.upper() for s in SENTENCES])
    got = onnx_vectors[False]
    assert got.dtype == np.float32 and got.shape == ref.shape
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert np.einsum("ij,ij->i", got, ref).min() >= 0.999


def test_onnx_int8_stays_close_to_torch(onnx_vectors, embedder) -> None:
    ref = embedder.encode(SENTENCES + [s.upper() for s in SENTENCES])
    cos = np.einsum("ij,ij->i", onnx_vectors[True], ref)
    assert cos.mean() >= 0.99 and cos.min() >= 0.95
    agree = np.mean(np.array(_top1(onnx_vectors[True])) == np.array(_top1(ref)))
    assert agree >= 0.9


def test_onnx_keeps_input_order_and_handles_empty_input(onnx_vectors) -> None:
    from checker.onnx_backend import OnnxEmbedder

    emb = OnnxEmbedder(None, quantize=False)
    assert emb.encode([]).shape == (0, 384)
    reversed_ = emb.encode(SENTENCES[::-1])
    assert np.allclose(reversed_[::-1], onnx_vectors[False][: len(SENTENCES)], atol=1e-4)


def test_onnx_missing_runtime_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from checker.errors import ModelError
    from checker.onnx_backend import OnnxEmbedder

    real_import = builtins.__import__

    def no_ort(name, *args, **kwargs):
        if name == "onnxruntime":
            raise ImportError("no onnxruntime")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ort)
    with pytest.raises(ModelError, match=r"checker\[onnx\]"):
        OnnxEmbedder(None).encode(["x"])


def test_gpu_path_length_sorted_batches_match_encode_on_cpu(embedder) -> None:
    """`encode_sorted` is what CUDA runs; on the CPU it must give the same vectors, in order."""
    emb = SentenceTransformerEmbedder(None, device="cpu", batch_size=5)
    emb._model = embedder.load()  # the session's model, not a second copy
    texts = SENTENCES + ["Short.", "A much longer sentence " * 8]
    got = emb.encode_sorted(texts)
    assert got.shape == (len(texts), 384)
    assert np.einsum("ij,ij->i", got, embedder.encode(texts)).min() >= 0.9999


def test_onnx_first_use_prints_nothing_and_leaves_logging_alone(tmp_path) -> None:
    """onnxruntime's quantiser warns through the root logger; a library must stay silent."""
    pytest.importorskip("onnxruntime", reason="the onnx backend needs pip install 'checker[onnx]'")
    import os
    import subprocess
    import sys

    code = (
        "import logging\n"
        "from checker.onnx_backend import OnnxEmbedder\n"
        "OnnxEmbedder(None, quantize=True).encode(['One sentence.'])\n"
        "assert logging.getLogger().handlers == [], logging.getLogger().handlers\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root), "CHECKER_CACHE_DIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True,
                         text=True)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stderr == "" and run.stdout == ""
    assert list(tmp_path.rglob("*.onnx"))  # it did export and quantise
