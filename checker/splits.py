"""Split data sets by event, the same way everywhere: a salted hash of the event's name.

Every labelled or unlabelled set is split before anyone looks at it, so a figure reported on
the `test` part comes from events that neither the training nor the tuning ever saw.

- Evaluation sets (`../shared/eval/<set>/<case>`, `fixtures/eval/<case>`): each case folder is
  one event; `dev` (tune and read) or `test` (report only), about half each.
- The unlabelled corpus (`../shared/corpus/gva/<incident>`): each folder is one incident;
  `train` (about 70%), `calib` (15%: calibration and the reliability plot) or `test` (15%:
  the edited-sentence and rewrite checks).
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

SALT = "checker-split-v1"
EVAL_PARTS = ("dev", "test")
CORPUS_PARTS = ("train", "calib", "test")


def _unit(name: str) -> float:
    """A number in [0, 1) fixed by the event's name alone."""
    digest = hashlib.sha256(f"{SALT}:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def event_name(path: str | PurePath) -> str:
    """The event a case or incident folder stands for: its folder name."""
    return PurePath(path).name


def eval_split(case: str | PurePath) -> str:
    """`dev` or `test` for one evaluation case folder."""
    return "dev" if _unit(event_name(case)) < 0.5 else "test"


def corpus_split(incident: str | PurePath) -> str:
    """`train`, `calib` or `test` for one incident folder of the unlabelled corpus."""
    u = _unit(event_name(incident))
    if u < 0.70:
        return "train"
    return "calib" if u < 0.85 else "test"
