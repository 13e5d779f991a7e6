"""checker: audit news articles about one event and report where the sources disagree."""

from __future__ import annotations

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
