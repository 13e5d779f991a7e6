"""Choosing an embedder: backend (torch or ONNX Runtime) and device (cpu or cuda)."""

from __future__ import annotations

import logging

from checker.embed import Embedder, SentenceTransformerEmbedder
from checker.errors import OptionError

log = logging.getLogger(__name__)

BACKENDS = ("torch", "onnx")
DEVICES = ("auto", "cpu", "cuda")


def cuda_available(backend: str = "torch") -> bool:
    """Is a CUDA device usable by `backend`? (ONNX Runtime: is its CUDA provider installed?)"""
    if backend == "onnx":
        try:
            import onnxruntime
        except ImportError:
            return False
        return "CUDAExecutionProvider" in onnxruntime.get_available_providers()
    try:
        import torch
    except ImportError:
        return False
    try:
        return bool(torch.cuda.is_available())
    except Exception:  # a broken driver is "no GPU", not a crash
        log.debug("torch.cuda.is_available() failed", exc_info=True)
        return False


def resolve_device(device: str | None, backend: str = "torch") -> str:
    """`auto` (or None) picks `cuda` when `backend` can use a CUDA device, else `cpu`."""
    device = (device or "auto").lower()
    if device not in DEVICES:
        raise OptionError(f"unknown device {device!r}; choose from {', '.join(DEVICES)}")
    if device == "auto":
        return "cuda" if cuda_available(backend) else "cpu"
    if device == "cuda" and not cuda_available(backend):
        raise OptionError(
            f"--device cuda was asked for but {backend} finds no usable CUDA device; "
            "use --device cpu"
        )
    return device


def make_embedder(
    model: str | None = None, backend: str = "torch", device: str | None = "auto"
) -> Embedder:
    """An embedder for `model` (None: the packaged all-MiniLM-L6-v2) on `backend` and `device`.

    Every embedder returned has `name`, `identity` (changes whenever its vectors could) and
    `encode(texts)`, giving unit-length float32 rows.
    """
    backend = (backend or "torch").lower()
    if backend not in BACKENDS:
        raise OptionError(f"unknown backend {backend!r}; choose from {', '.join(BACKENDS)}")
    resolved = resolve_device(device, backend)
    if backend == "onnx":
        from checker.onnx_backend import OnnxEmbedder

        return OnnxEmbedder(model, device=resolved)
    return SentenceTransformerEmbedder(model, device=resolved)
