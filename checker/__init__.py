"""checker: audit news articles about one event and report where the sources disagree."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.api import Settings, audit
    from checker.errors import CheckerError, InputError, ModelError, OptionError
    from checker.model import (
        Claim,
        ClaimKind,
        Conflict,
        ConflictType,
        Report,
        Sentence,
        Severity,
        Source,
    )

__version__ = "0.1.0"

# Names load on first use, so `python -m checker` starts (and installs its interrupt handling)
# before numpy and torch are imported; `from checker import audit` works as before.
_LAZY = {
    "audit": "checker.api",
    "Settings": "checker.api",
    "CheckerError": "checker.errors",
    "InputError": "checker.errors",
    "ModelError": "checker.errors",
    "OptionError": "checker.errors",
    **dict.fromkeys(
        ("Claim", "ClaimKind", "Conflict", "ConflictType", "Report", "Sentence", "Severity"),
        "checker.model",
    ),
    "Source": "checker.model",
}

__all__ = [
    "audit",
    "Settings",
    "CheckerError",
    "InputError",
    "ModelError",
    "OptionError",
    "Claim",
    "ClaimKind",
    "Conflict",
    "ConflictType",
    "Report",
    "Sentence",
    "Severity",
    "Source",
    "__version__",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
