"""What the CLI writes and how it stops: atomic files, a progress line, interrupts."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
import stat
import sys
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from checker.errors import OptionError
from checker.files import kind_of, read_head
from checker.ingest import SUFFIXES
from checker.locate import file_path
from checker.shown import shown


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


def output_path(raw: str | os.PathLike[str] | None) -> Path | None:
    """Where `-o` sends a report: None for standard output (no `-o`, or `-o -`).

    A path ending in a slash names a directory, which a report cannot be: refused with the
    fix, rather than writing a file called `newdir`."""
    if raw is None or os.fspath(raw) == "-":
        return None
    text = os.fspath(raw)
    if text.endswith(("/", os.sep)):
        raise OptionError(
            f"-o {shown(text)} ends with a slash, so it names a directory; give a file in it, "
            f"e.g. -o {shown(text)}report"
        )
    return Path(text)


def write_atomic(path: Path, text: str) -> None:
    """Write a report to `path` so that nothing but the report is harmed.

    - a regular file (or a new one) is replaced atomically: a temporary file in the same
      directory, renamed over it, with the old file's permissions, so readers never see half;
    - a symlink is followed: the file it points to is written (atomically), the link kept;
    - a character device or a named pipe (`/dev/null`, `/dev/stdout`) is written through,
      never replaced by a regular file;
    - anything else (a directory, a socket, a block device) is refused.
    Raises `OptionError` naming the path.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as err:
        raise _write_error(path, err) from err
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            _write_through(path, target, text)
            return
        raise OptionError(f"cannot write {shown(path)}: it is {kind_of(st.st_mode)}; give a file")
    _replace(path, target, text, None if st is None else stat.S_IMODE(st.st_mode))


def _write_error(path: Path, err: OSError) -> OptionError:
    return OptionError(f"cannot write {shown(path)}: {err.strerror or err}; check -o/--output")


def _write_through(path: Path, target: Path, text: str) -> None:
    """Write into a device or a named pipe as it is (opened without blocking, so a pipe
    nobody reads is an error instead of a hang)."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | os.O_NOCTTY)
    except OSError as err:
        if err.errno == errno.ENXIO:
            raise OptionError(
                f"cannot write {shown(path)}: a named pipe that nothing reads; start the reader "
                "first"
            ) from None
        raise _write_error(path, err) from err
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb", closefd=False) as fh:
            fh.write(text.encode("utf-8", "replace"))
    except OSError as err:
        raise _write_error(path, err) from err
    finally:
        os.close(fd)


def _replace(path: Path, target: Path, text: str, mode: int | None) -> None:
    """Write a temporary file beside `target` and rename it over; `mode`: the permissions to
    keep (None: a new file's, 0o666 less the umask)."""
    tmp = ""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="", errors="replace") as fh:
            fh.write(text)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as err:
        raise _write_error(path, err) from err
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


def refuse_overwriting_sources(targets: Iterable[Path], sources: Iterable[str]) -> None:
    """Raise `OptionError` when a report would overwrite a file being audited (`sources`:
    the paths read), or an existing article that is not a checker report: the typo
    `checker audit -o a.txt b.txt` must not destroy `a.txt`."""
    read = {os.path.realpath(file_path(s)) for s in sources if s}
    for target in targets:
        if os.path.realpath(target) in read:
            raise OptionError(
                f"-o {shown(target)} is one of the sources being audited; write the report "
                "elsewhere"
            )
        if target.suffix.lower() in SUFFIXES and not _replaceable(target):
            raise OptionError(
                f"-o {shown(target)} would overwrite an article, not a checker report; write the "
                "report elsewhere (or remove the file first)"
            )


def _replaceable(target: Path) -> bool:
    """Whether an existing file may be replaced by a report: absent, not a regular file
    (a device, written through), empty, or a report or baseline checker wrote."""
    try:
        head = read_head(target, 4096)
    except (OSError, ValueError):
        return True  # absent or not a regular file: the writer decides
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    return (
        not text.strip()
        or text.startswith(("# checker report\n", "::", "checker: "))
        or "<title>checker report</title>" in text
        or '"schema": "checker-' in text
    )


def say(message: str) -> None:
    """One line on standard error, whatever it quotes: a file name or record id holding a
    newline and `::error` cannot start a line of a CI log (a forged annotation), and escape
    sequences reach the terminal as visible text (see `checker.shown`)."""
    click.echo(shown(message), err=True)


EXIT_OK, EXIT_CONFLICTS, EXIT_ERROR = 0, 1, 2


def fail(err: Exception) -> int:
    """Say what went wrong in one line; the exit code of a bad input or option."""
    say(f"checker: error: {str(err) or type(err).__name__}")
    return EXIT_ERROR


class _Escaped(logging.Handler):
    """The library's log records (cache warnings and the like) as escaped `checker:` lines."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            say(f"checker: {record.levelname.lower()}: {record.getMessage()}")
        except Exception:  # a logging line must never end the run
            self.handleError(record)


@contextlib.contextmanager
def logging_to_stderr(quiet: bool) -> Iterator[None]:
    """Show the library's warnings through `say` while the CLI runs; `quiet`: nothing at
    all. Without a handler of our own, Python's last-resort handler prints records raw even
    under -q. Other libraries' loggers are left as they are."""
    root = logging.getLogger("checker")
    handler: logging.Handler = logging.NullHandler() if quiet else _Escaped(logging.WARNING)
    root.addHandler(handler)
    with warnings.catch_warnings():
        if quiet:
            warnings.simplefilter("ignore")
        try:
            yield
        finally:
            root.removeHandler(handler)


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
