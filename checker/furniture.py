"""Find page furniture (navigation, sponsor lines, bylines, teasers) as spans of a source's text."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Whole lines that are never article prose. Matched against the stripped line, case-insensitively.
_LINE_PATTERNS = [
    r"skip to (the )?(main )?content.*",
    r"(sponsor(ed)?( content| by)?|advertisement|promoted|paid content)\b.*",
    r"see also\b.*",
    r"(read|watch|listen)( (more|next|also|the full story|now)\b.*)?",
    r"(related|recommended|more from|most read|trending|popular)( (stories|articles|content|"
    r"coverage|videos?|posts?|news|now|on \w+))?\s*:?.*",
    r"by( [A-Z][\w.'’-]*){1,4}((,| and) ([A-Z][\w.'’-]*)( [A-Z][\w.'’-]*){0,3})*\s*(\|.*)?",
    r"(share|tweet|email|print|comments?|subscribe|sign (up|in)|log ?in|follow us|menu|search)"
    r"( (this|on|to|now|for|our))?( \w+){0,3}\s*",
    r"(posted|published|updated|last updated)\b.{0,60}",
    r"(copyright|©|\(c\)).*|.*all rights reserved\.?",
    r"(terms of (use|service)|privacy policy|cookie (policy|settings)|contact us|about us).*",
    r"(photo|image|video|graphic)( credit)?\s*:.*",
    r"view (full )?(caption|gallery|slideshow|photos?|images?)\b.*",
    # contributor lines: "With Ryan Sit, Erin Durkin and Graham Rayman" (names only)
    r"(?-i:[Ww]ith(?: [A-Z][\w'’-]*\.?){1,4}(?:(?:,| and|, and) [A-Z][\w'’-]*\.?"
    r"(?: [A-Z][\w'’-]*\.?){0,3})+)\s*",
    r"(this (transcript|article|story) has been .{0,60}(edited|updated|corrected).{0,40})",
]
_LINE_RE = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in _LINE_PATTERNS) + r")$", re.I)
# Contact lines: an e-mail address, "can be reached at", social handles.
# The address starts only where a run of address characters starts, so a long run without an
# "@" (a minified blob, a line of digits) is scanned once, not once per character.
_CONTACT_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+|can be reached at|follow (him|her|them|us) on"
    r"|@\w{2,}\s*$",
    re.I,
)
_MAX_FURNITURE_CHARS = 1_000  # furniture lines are short; longer ones are prose or blobs
_DATELINE_ONLY_RE = re.compile(
    r"^(\w{3,9}\.? \d{1,2},? \d{4}|\d{1,2} \w{3,9} \d{4}|\d{4}-\d{2}-\d{2})\b[\s\d:|apm.,]*$", re.I
)
_SENTENCE_END_RE = re.compile(r"[.!?…]['\"’”)\]]*\s*$")


def find_furniture(text: str) -> Iterator[tuple[int, int]]:
    """Yield half-open spans of lines that are page furniture rather than article text."""
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        stripped = line.strip().strip("•·|*-–—>#").strip()
        if not stripped:
            continue
        if is_furniture_line(stripped):
            lead = len(line) - len(line.lstrip())
            body = line.strip()
            yield start + lead, start + lead + len(body)


def is_furniture_line(line: str) -> bool:
    """True for a single stripped line that carries no article prose."""
    if len(line) > _MAX_FURNITURE_CHARS:
        return False
    if _LINE_RE.match(line) or _DATELINE_ONLY_RE.match(line):
        return True
    if _CONTACT_RE.search(line) and len(line.split()) <= 20:
        return True
    words = line.split()
    if _SENTENCE_END_RE.search(line):
        return False
    # Short lines without sentence punctuation: menu items, labels, names, all-caps mastheads.
    if len(words) <= 3:
        return True
    letters = [c for c in line if c.isalpha()]
    if len(words) <= 6 and letters and all(c.isupper() for c in letters):
        return True
    # Navigation bars: several short items separated by pipes or bullets.
    return line.count("|") >= 2 or line.count("•") >= 2
