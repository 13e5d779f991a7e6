"""The one reader for every file the tool reads: regular files only, never more than a limit.

Sources, baselines, configuration files, the cache's header, model files and the re-reads that
locate lines all come through `read_regular_file`, so a named pipe, a device (`/dev/zero`), a
directory or a file larger than the limit is refused with a reason instead of hanging, filling
memory or raising something unexpected.
"""

from __future__ import annotations

import os
import stat

CHUNK = 1 << 20  # bytes per read once past the size the file had when opened
# Baselines, configuration files and model metadata: far larger than any real one.
SMALL_FILE_BYTES = 64_000_000

_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words ("a named pipe", ...)."""
    return _KINDS.get(stat.S_IFMT(mode), "not a plain file")


def read_regular_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes` bytes.

    Opened without blocking and checked on the open descriptor, so a named pipe or a device
    (`a.txt -> /dev/zero`) is refused instead of hanging or filling memory, and a file that
    grows after the check is still cut off. Memory is sized to the file, never to the limit,
    so any positive limit works. Raises ValueError (the reason) or OSError.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb", closefd=True) as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(f"not a regular file ({kind_of(st.st_mode)}); give a file of text")
        if st.st_size > max_bytes:
            raise ValueError(too_big(st.st_size, max_bytes))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        parts = [fh.read(st.st_size + 1)]
        total = len(parts[0])
        while total > st.st_size and total <= max_bytes:  # it grew since fstat
            more = fh.read(min(CHUNK, max_bytes + 1 - total))
            if not more:
                break
            parts.append(more)
            total += len(more)
    if total > max_bytes:
        raise ValueError(too_big(total, max_bytes, grew=True))
    return b"".join(parts)


def read_head(path: str | os.PathLike[str], n: int) -> bytes:
    """The first `n` bytes (or fewer) of a regular file; ValueError for anything else."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb", closefd=True) as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(f"not a regular file ({kind_of(st.st_mode)})")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return fh.read(n)


def read_text(path: str | os.PathLike[str], max_bytes: int = SMALL_FILE_BYTES) -> str:
    """A small regular file as UTF-8 text (a BOM dropped). Raises ValueError with the reason
    (not a regular file, too big, not UTF-8) or OSError."""
    data = read_regular_file(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"not UTF-8 text (byte {err.start:,})") from None


def too_big(size: int, max_bytes: int, grew: bool = False) -> str:
    what = "more than " if grew else ""
    return (
        f"file is {what}{size:,} bytes, over the limit of {max_bytes:,}; "
        "raise --max-bytes to audit it"
    )


def is_regular(path: str | os.PathLike[str]) -> bool:
    """Whether `path` names a regular file (following symlinks), without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
