"""Text from input made safe to print: no line breaks, no terminal control sequences.

A file name, a record id or an article's sentence can hold a newline followed by `::error`
(a forged GitHub Actions annotation once it starts a line of the log) or an escape sequence
(ANSI colours, an OSC window-title change, `ESC c` that resets the terminal). Every such
character is shown as a visible escape instead, the way `repr` writes it: `\\n`, `\\x1b`,
`\\u202e`. Nothing else changes, so ordinary names and prose read as they are.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls (0x9b is an 8-bit CSI), Unicode line and paragraph separators,
# and the bidirectional overrides and isolates that reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def shown(text: object) -> str:
    """`text` as one printable line: control characters and line breaks as visible escapes."""
    return _UNSAFE.sub(_escape, str(text))


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None
