"""`python -m checker` is the same program as the `checker` command."""

from __future__ import annotations

from checker.cli import entry

if __name__ == "__main__":
    entry()
