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


# Credits: sentences that say who wrote or reported a story, never what happened in it, often
# inside a paragraph: "Associated Press writer Jeff Karoub in Detroit contributed to this
# report.", "Liz Hayes is a Tribune-Review staff writer.", "NBC 7's Omari Fleming reports.",
# "White reported from Detroit." Matched against a whole sentence.
# Written case-sensitively: a headline in title case ("Three Deaths Reported From Flu
# Outbreak") is no credit. A name's word is capitalised and is not "And" (which would let
# "A And B And C" be read in exponentially many ways).
_NAME = r"(?!And\b|AND\b)[A-Z][\w.'’-]*"
_OUTLET = r"(?!And\b|AND\b)[A-Z0-9][\w.&-]*"  # "NBC 7's", "KING 5's", "WTOP’s"
_ROLE = r"(?:writer|reporter|correspondent|columnist|photographer|editor|producer)"
_CREDIT_RE = re.compile(
    # "... contributed to this report." closes the sentence ("from Sioux Falls" at most)
    r".{0,300}\bcontributed to (?:this|the) (?:report|story|article)s?"
    rf"(?:\s+from(?:\s+{_NAME},?){{1,4}})?\W*"
    rf"|(?:{_NAME}\s+){{1,4}}is an?\s+(?:{_NAME}\s+){{0,4}}"
    rf"(?:staff\s+|freelance\s+|contributing\s+|senior\s+)?{_ROLE}"
    rf"(?:\s+(?:for|at|with)\s+(?:the\s+)?{_NAME}(?:\s+{_NAME}){{0,4}})?\W*"
    rf"|(?:{_OUTLET}\s+){{0,3}}{_OUTLET}[’']s(?:\s+{_NAME}){{1,4}}"
    rf"(?:(?:,|,?\s+and)(?:\s+{_NAME}){{1,4}})*\s+report(?:s|ed)\W*"
    rf"|(?:{_NAME}\s+){{1,3}}reported from(?:\s+{_NAME},?){{1,4}}\W*"
)
_MAX_CREDIT_CHARS = 500
# Each form of `_CREDIT_RE` needs one of these words: a sentence without them is no credit,
# and every sentence is asked.
_CREDIT_CUES = ("contributed", "report", "writer", "correspondent", "columnist", "photographer",
                "editor", "producer")  # fmt: skip


def is_credit(sentence: str) -> bool:
    """True for a sentence that only credits who wrote or reported the story."""
    if len(sentence) > _MAX_CREDIT_CHARS:
        return False
    if not any(cue in sentence for cue in _CREDIT_CUES):
        return False
    return _CREDIT_RE.fullmatch(sentence.strip()) is not None


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
