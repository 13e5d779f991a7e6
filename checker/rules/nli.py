"""NLI: an optional natural-language-inference cross-encoder scores aligned sentence pairs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checker.conflicts import build_conflict
from checker.errors import ModelError
from checker.model import Claim, Conflict, ConflictType, Sentence
from checker.rules.base import CompareContext, Document, whole_sentence_claim


class NliRule:
    """Flags aligned sentences that a cross-encoder judges contradictory.

    model: any sentence-transformers CrossEncoder (name or local path) whose labels include
    "contradiction"; min_sim: the least alignment similarity worth asking about; min_prob:
    the least contradiction probability (either direction) that makes a conflict.
    Not built in: it joins the rules when `--nli MODEL` is given.
    """

    code = "NLI"
    conflict_type = ConflictType.OTHER

    def __init__(self, model: str, min_sim: float = 0.5, min_prob: float = 0.7) -> None:
        self.model_name = model
        self.min_sim = min_sim
        self.min_prob = min_prob
        self._model: Any = None
        self._contradiction = -1

    def load(self) -> Any:
        if self._model is not None:
            return self._model
        try:
            from sentence_transformers import CrossEncoder

            model = CrossEncoder(self.model_name, device="cpu")
        except Exception as err:  # the user's model: say which and why
            raise ModelError(
                f"cannot load NLI model {self.model_name!r}: {type(err).__name__}: "
                f"{str(err).splitlines()[0] if str(err) else ''}; pass --nli with a local "
                "CrossEncoder directory"
            ) from err
        labels = getattr(model.model.config, "id2label", {}) or {}
        found = [int(i) for i, name in labels.items() if "contradict" in str(name).lower()]
        if not found:
            raise ModelError(
                f"NLI model {self.model_name!r} has no 'contradiction' label "
                f"(labels: {', '.join(str(v) for v in labels.values()) or 'none'})"
            )
        self._contradiction = found[0]
        self._model = model
        return model

    def extract(self, sentence: Sentence, doc: Document) -> list[Claim]:
        return []  # works on sentence pairs, in compare

    def compare(self, claims: Sequence[Claim], ctx: CompareContext) -> list[Conflict]:
        pairs = [
            (a, b, sim)
            for a, b, sim in ctx.aligned_pairs()
            if sim >= self.min_sim
            and a[0] != b[0]
            and not ctx.sentences[a].furniture
            and not ctx.sentences[b].furniture
        ]
        if not pairs:
            return []
        model = self.load()
        texts = [(ctx.sentences[a].text, ctx.sentences[b].text) for a, b, _ in pairs]
        texts += [(tb, ta) for ta, tb in texts]
        probs = model.predict(texts, apply_softmax=True, show_progress_bar=False)
        n = len(pairs)
        out = []
        for i, (a, b, sim) in enumerate(pairs):
            p = max(float(probs[i][self._contradiction]), float(probs[n + i][self._contradiction]))
            if p < self.min_prob:
                continue
            sa, sb = ctx.sentences[a], ctx.sentences[b]
            out.append(
                build_conflict(
                    ctype=self.conflict_type,
                    rule=self.code,
                    subject="contradiction (NLI)",
                    groups=[
                        (sa.text, [whole_sentence_claim(sa, self.code, sa.text, "nli")]),
                        (sb.text, [whole_sentence_claim(sb, self.code, sb.text, "nli")]),
                    ],
                    score=0.5 * p + 0.5 * sim,
                    sentences=ctx.sentences,
                    label=_short,
                    source_order=ctx.source_order,
                )
            )
        return out


def _short(c: Claim) -> str:
    text = c.quote if len(c.quote) <= 60 else c.quote[:57].rstrip() + "…"
    return f"“{text}”"
