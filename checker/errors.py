"""The exception hierarchy: one base, each subclass says what went wrong and what to do next."""

from __future__ import annotations


class CheckerError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(CheckerError):
    """No usable source, or a source path that does not exist."""


class OptionError(CheckerError):
    """An option value that cannot be used."""


class ModelError(CheckerError):
    """The embedding model cannot be loaded or failed verification."""
