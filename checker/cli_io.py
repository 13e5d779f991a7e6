"""What the CLI writes and how it stops: atomic files, a progress line, interrupts."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from checker.errors import OptionError


def emit(text: str) -> None:
    """Write a report to standard output, or raise `OptionError` when it cannot be: a closed
    descriptor (`>&-`) or a reader that went away. Never lose a report without a word."""
    stream = sys.stdout
    if stream is None:  # started with descriptor 1 closed
        raise OptionError("standard output is closed; write the report with -o FILE")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        # Point the descriptor at /dev/null so the interpreter's own flush at exit is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
        raise OptionError("standard output closed before the report was written") from None
    except OSError as err:
        raise OptionError(
            f"cannot write the report to standard output: {err}; use -o FILE"
        ) from err


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory and rename, so readers never see half."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="", errors="replace") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as err:
        raise OptionError(f"cannot write {path}: {err.strerror or err}; check -o/--output") from err
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived. A BaseException, so no `except Exception` (torch, model
    loading, click) swallows it on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into `Interrupted` while the CLI runs; later ones are ignored so
    the unwinding (temporary files removed, the previous report left in place) finishes."""
    sigs = [signal.SIGINT, signal.SIGTERM]

    def handler(signum: int, frame: object) -> None:
        for sig in sigs:
            signal.signal(sig, signal.SIG_IGN)
        raise Interrupted(signum)

    try:
        previous = [(sig, signal.signal(sig, handler)) for sig in sigs]
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for sig, old in previous:
            signal.signal(sig, old)


class Progress:
    """One self-overwriting line on standard error, for terminals only."""

    LABELS = {"analyse": "reading sources", "embed": "embedding sentences"}

    def __init__(self) -> None:
        self.stream = sys.stderr

    def __call__(self, stage: str, done: int, total: int) -> None:
        step = max(1, total // 100)
        if done != total and done % step:
            return
        label = self.LABELS.get(stage, stage)
        end = "\n" if done == total else ""
        self.stream.write(f"\rchecker: {label} {done:,}/{total:,}{end}")
        self.stream.flush()
