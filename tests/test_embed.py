"""The embedding model: the packaged default is verified before use; bad models fail cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from checker.embed import (
    EXPECTED_SHA256,
    SentenceTransformerEmbedder,
    packaged_model_dir,
    verify_packaged_model,
)
from checker.errors import ModelError


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(packaged_model_dir(), target)
    return target


def test_packaged_model_matches_official_sums(model_copy: Path, tmp_path: Path) -> None:
    verify_packaged_model(model_copy, cache=tmp_path / "cache")
    assert (tmp_path / "cache" / "verified-models.json").is_file()


@pytest.mark.parametrize("name", sorted(EXPECTED_SHA256))
def test_tampered_file_is_refused_naming_it(model_copy: Path, tmp_path: Path, name: str) -> None:
    with (model_copy / name).open("ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ModelError, match=name.replace(".", r"\.")):
        verify_packaged_model(model_copy, cache=tmp_path / "cache")


def test_verification_is_cached_until_a_file_changes(model_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    verify_packaged_model(model_copy, cache=cache)
    verify_packaged_model(model_copy, cache=cache)  # cached: no error, no re-hash needed
    (model_copy / "vocab.txt").write_text("tampered", "utf-8")
    with pytest.raises(ModelError, match="vocab.txt"):
        verify_packaged_model(model_copy, cache=cache)


def test_missing_model_file_is_refused(model_copy: Path, tmp_path: Path) -> None:
    (model_copy / "tokenizer.json").unlink()
    with pytest.raises(ModelError, match="tokenizer.json"):
        verify_packaged_model(model_copy, cache=tmp_path / "cache")


def test_real_model_puts_paraphrases_closer_than_unrelated_text(embedder) -> None:
    vecs = embedder.encode(
        [
            "The ministers signed eleven agreements on energy cooperation.",
            "Eleven energy cooperation deals were signed by the ministers.",
            "The football club sold its goalkeeper to a rival team.",
        ]
    )
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > 0.7 > vecs[0] @ vecs[2]


def test_unknown_model_path_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot load model"):
        SentenceTransformerEmbedder(str(tmp_path / "missing")).encode(["x"])
