"""Compare embedding backends on real sentences: speed, cosine to torch, top-1 neighbour agreement.

    python bench/backends.py --articles 300

Encodes the distinct live sentences of the benchmark corpus (bench/corpus.py) with the torch backend
and the ONNX backend (float32 and int8) on the CPU, each after a warm-up, and prints one JSON
line per backend: sentences per second, speed ratio to torch, least and mean cosine with the
torch vector of the same sentence, and the share of sentences whose nearest other sentence
(in the whole set) is the same as with torch.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))


def top1(vectors: np.ndarray, block: int = 2048) -> np.ndarray:
    out = np.empty(len(vectors), dtype=np.int64)
    for lo in range(0, len(vectors), block):
        sims = vectors[lo : lo + block] @ vectors.T
        np.fill_diagonal(sims[:, lo : lo + block], -2.0)
        out[lo : lo + block] = sims.argmax(axis=1)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=300)
    args = ap.parse_args(argv)

    from corpus import corpus

    from checker.embed import SentenceTransformerEmbedder
    from checker.onnx_backend import OnnxEmbedder
    from checker.segment import segment

    # Distinct sentences: a copy's nearest neighbour would be its twin under any backend.
    texts = sorted(
        {s.text for src in corpus(args.articles) for s in segment(src) if not s.furniture}
    )
    embedders = {
        "torch": SentenceTransformerEmbedder(None, device="cpu"),
        "onnx-float32": OnnxEmbedder(None, quantize=False),
        "onnx-int8": OnnxEmbedder(None, quantize=True),
    }
    results = {}
    for name, emb in embedders.items():
        emb.encode(texts[:64])
        t = time.perf_counter()
        vectors = emb.encode(texts)
        results[name] = (time.perf_counter() - t, vectors)
    base_secs, base = results["torch"]
    base_top = top1(base)
    for name, (secs, vectors) in results.items():
        cos = np.einsum("ij,ij->i", vectors, base)
        print(
            json.dumps(
                {
                    "backend": name,
                    "sentences": len(texts),
                    "sentences_per_s": round(len(texts) / secs),
                    "speed_vs_torch": round(base_secs / secs, 2),
                    "cosine_min": round(float(cos.min()), 4),
                    "cosine_mean": round(float(cos.mean()), 4),
                    "top1_agreement": round(float((top1(vectors) == base_top).mean()), 4),
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
