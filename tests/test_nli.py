"""The optional --nli path, with a tiny cross-encoder built and saved by the test itself
(no NLI model can be downloaded here). Its classifier bias decides every pair, so the test
knows what the rule must report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import audit
from checker.cli import main
from checker.embed import packaged_model_dir
from checker.errors import ModelError
from checker.model import Source

A = Source(id="a", text="The ministry said the dam was completed in time for the rainy season.")
B = Source(id="b", text="The ministry said the dam was not completed before the rainy season.")


def _tiny_cross_encoder(path: Path, winner: str) -> Path:
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    labels = ["contradiction", "entailment", "neutral"]
    config = BertConfig(
        vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=64, num_labels=3,
        id2label=dict(enumerate(labels)), label2id={n: i for i, n in enumerate(labels)},
    )  # fmt: skip
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([10.0 if n == winner else 0.0 for n in labels]))
    model.save_pretrained(path)
    BertTokenizerFast(vocab_file=str(packaged_model_dir() / "vocab.txt")).save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def contradicting(tmp_path_factory) -> Path:
    return _tiny_cross_encoder(tmp_path_factory.mktemp("nli-c"), "contradiction")


@pytest.fixture(scope="module")
def entailing(tmp_path_factory) -> Path:
    return _tiny_cross_encoder(tmp_path_factory.mktemp("nli-e"), "entailment")


def test_nli_contradiction_adds_an_other_conflict(embedder, contradicting: Path) -> None:
    report = audit([A, B], embedder=embedder, nli=str(contradicting))
    nli = [c for c in report.conflicts if c.rule == "NLI"]
    assert len(nli) == 1
    assert nli[0].type.value == "other"
    assert [cc.source for cc in nli[0].claims] == ["a", "b"]
    assert nli[0].claims[0].text == A.text


def test_nli_entailment_adds_nothing(embedder, entailing: Path) -> None:
    report = audit([A, B], embedder=embedder, nli=str(entailing))
    assert not [c for c in report.conflicts if c.rule == "NLI"]


def test_nli_through_the_cli(tmp_path: Path, embedder, contradicting: Path) -> None:
    (tmp_path / "a.txt").write_text(A.text, "utf-8")
    (tmp_path / "b.txt").write_text(B.text, "utf-8")
    out = tmp_path / "r.json"
    args = ["audit", str(tmp_path), "--nli", str(contradicting), "--format", "json", "-o", str(out)]
    assert main(args) == 1
    assert any(c["rule"] == "NLI" for c in json.loads(out.read_text("utf-8"))["conflicts"])


def test_nli_model_without_contradiction_label_is_refused(embedder, tmp_path: Path) -> None:
    path = _tiny_cross_encoder(tmp_path / "m", "entailment")
    config = json.loads((path / "config.json").read_text("utf-8"))
    config["id2label"] = {"0": "yes", "1": "no", "2": "maybe"}
    config["label2id"] = {"yes": 0, "no": 1, "maybe": 2}
    (path / "config.json").write_text(json.dumps(config), "utf-8")
    with pytest.raises(ModelError, match="no 'contradiction' label"):
        audit([A, B], embedder=embedder, nli=str(path))
