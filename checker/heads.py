"""The counted noun after a number: "1,840 children aged 5" counts children."""

from __future__ import annotations

import re

from checker import tables
from checker.text import PHRASE_BREAKERS, lemma

_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ][\w’'.-]*")
_NOT_NOUNS = tables.words("head_not_nouns.txt")
_NOUNS_IN_ED = tables.words("head_nouns_in_ed.txt")
_ADJECTIVES = tables.words("head_adjectives.txt")
_VERBS = tables.words("head_verbs.txt")
_ADJ_SUFFIXES = (
    "al",
    "ive",
    "ous",
    "ic",
    "ian",
    "ese",
    "ish",
    "ful",
    "less",
    "able",
    "ible",
    "ary",
    "ern",
    "ean",
)


def head_after(rest: str) -> tuple[str, tuple[str, ...], int]:
    """(lemma of the counted noun, words of an "of" phrase, chars consumed by the noun)."""
    head, end = "", 0
    words = list(_WORD_RE.finditer(rest[:80]))
    taken = 0
    for w in words:
        gap = rest[end : w.start()] if taken else rest[: w.start()]
        if taken and gap.strip() or (not taken and gap.strip() not in ("", "-")):
            break
        word = w.group(0).rstrip(".’'")
        if word.lower() in PHRASE_BREAKERS or word.lower() in _NOT_NOUNS or taken == 3:
            break
        if word.endswith(("’s", "'s")) or _looks_verb(word):
            break
        head, end, taken = lemma(word), w.start() + len(word), taken + 1
        if not _modifier_like(word):
            break  # the first noun is what is counted: "1,840 children aged 5..."
    of_words: tuple[str, ...] = ()
    om = re.match(r"\s*(?:\w+\s+)?of\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?", rest[end:])
    if om:
        after = rest[end + om.end() :]
        of_words = tuple(
            lemma(w.group(0).rstrip(".’'"))
            for w in list(_WORD_RE.finditer(after[:60]))[:4]
            if w.group(0).lower() not in PHRASE_BREAKERS
        )
    return head, of_words, end


def _modifier_like(word: str) -> bool:
    """Does this word (right after a number) probably modify a following noun?"""
    low = word.lower()
    if low.endswith("s") and not low.endswith(("ous", "less")):
        return False  # plural nouns end the phrase; adjectives take no -s
    return word[:1].isupper() or low in _ADJECTIVES or low.endswith(_ADJ_SUFFIXES)


def _looks_verb(word: str) -> bool:
    low = word.lower()
    if low in _NOUNS_IN_ED:
        return False
    return (low.endswith("ed") and len(low) > 4) or low in _VERBS
