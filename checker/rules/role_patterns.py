"""Patterns that find an office next to the name of its holder ("Kenyan President Amani Wekesa")."""

from __future__ import annotations

import re

from checker.gazetteer import TITLES


def trie(words: list[str]) -> str:
    """An alternation of `words` as a prefix tree: the same matches as the words longest
    first (two words matching at one place are prefixes of each other, and the longer one is
    tried first), but each position costs a few branches instead of one per word."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


_TITLE = trie(sorted(TITLES))
_T = rf"(?P<title>(?i:{_TITLE}))"
_ANY_TITLE = re.compile(rf"(?i:{_TITLE})")
_ANY_TITLE_LOWER = re.compile(trie(sorted({t.lower() for t in TITLES})))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def has_title(text: str) -> bool:
    """Does a title occur in `text`, in any case? Every office pattern needs one. Where no
    letter is outside ASCII, case-insensitive matching is matching the lower-cased text, and
    a case-sensitive search is twice as fast; a letter such as "İ", "ſ" or the Kelvin sign
    matches an ASCII one ignoring case, but lowers to something else, so text with any such
    letter takes the case-insensitive search."""
    if text.isascii() or not any(c.isalpha() for c in _NON_ASCII.findall(text)):
        return _ANY_TITLE_LOWER.search(text.lower()) is not None
    return _ANY_TITLE.search(text) is not None


_NAMEWORD = r"(?:[A-Z][\w’'-]*[\w]|[A-Z]\.)"
_PARTICLE = r"(?:(?:bin|bint|al|de|van|von|da|di|del|la|le)\s+)?"
_NAME = rf"(?P<name>{_NAMEWORD}(?:\s+{_PARTICLE}{_NAMEWORD}){{0,3}})"
_SCOPEWORDS = r"(?:[A-Z][\w.’'-]*\s+(?:(?:of|for|and|de|del|des|du)\s+)?){0,5}[A-Z][\w.’'-]*"
# Before a title the scope is lazy, so "South Africa's Foreign Minister" keeps the whole title.
_SCOPE_BEFORE = r"(?:[A-Z][\w.’'-]*\s+){0,3}?[A-Z][\w.’'-]*"
_MODS = (  # each a word of its own: not the "ex" of "Amex CEO Stephen Squeri"
    r"(?:\b(?i:new|newly[- ]elected|newly[- ]appointed|current|incumbent|acting|interim|sitting|"
    r"long-serving|then|former|late|ex|outgoing|previous|future|next|elected)[- ]+)*"
)
NEG_MODS = re.compile(
    r"\b(?:former|ex|late|then|onetime|one-time|erstwhile|previous|past|future|next|would-be|"
    r"prospective|candidate|deputy|vice|assistant|elect|hopeful|predecessor|successor)\b[\s-]*\S*\s*$",
    re.I,
)
PATTERNS = [
    # "Nguyen Phu Trong, the new president of Vietnam"
    (
        "after-of",
        re.compile(
            rf"{_NAME},\s+(?:(?:the|a|its|their)\s+)?(?P<mods>{_MODS}){_T}\s+(?P<prep>of|for)\s+"
            rf"(?:the\s+)?(?P<scope>{_SCOPEWORDS})"
        ),
    ),
    # "Jane Roe, Acme's chief executive"
    (
        "after-poss",
        re.compile(
            rf"{_NAME},\s+(?:the\s+)?(?P<scope>{_SCOPE_BEFORE})[’']s\s+"
            rf"(?P<mods>{_MODS}){_T}\b"
        ),
    ),
    # "the president of Kenya, William Ruto"
    (
        "of-name",
        re.compile(
            rf"(?P<mods>{_MODS})\b{_T}\s+(?P<prep>of|for)\s+(?:the\s+)?(?P<scope>{_SCOPEWORDS}),\s+"
            rf"{_NAME}"
        ),
    ),
    # "X is the president of Y"
    (
        "is-of",
        re.compile(
            rf"{_NAME}\s+(?:is|was|became|remains|has been|serves as)\s+(?:the\s+)?"
            rf"(?P<mods>{_MODS}){_T}\s+of\s+(?:the\s+)?(?P<scope>{_SCOPEWORDS})"
        ),
    ),
    # "President Xi of China"
    ("name-of", re.compile(rf"\b{_T}\s+{_NAME}\s+of\s+(?:the\s+)?(?P<scope>{_SCOPEWORDS})")),
    # "Vietnamese President To Lam", "South Korea's National Security Adviser Chang Ho-jin"
    (
        "before",
        re.compile(rf"(?P<scope>{_SCOPE_BEFORE})(?:[’']s)?\s+(?P<mods>{_MODS}){_T},?\s+{_NAME}"),
    ),
    # "President Lam": scope from the context, if any
    ("bare", re.compile(rf"(?P<mods>{_MODS})\b{_T}\s+{_NAME}")),
]

# What each form cannot match without, searched before it: most sentences with a title word
# lack these, and the patterns that begin at every capital or word cost more than the search.
_COMMA = re.compile(",")
_OF_FOR = re.compile(r"\s(?:of|for)\s")
_OF = re.compile(r"\sof\s")
_POSS = re.compile(r"[’']s\s")
_TITLE_OF = re.compile(rf"(?i:{_TITLE})\s+(?:of|for)\s")  # "president of"
_TITLE_NAME = re.compile(rf"(?i:{_TITLE}),?\s+[A-Z]")  # "President Xi", "Sheriff, John"
# Cheapest first: a form is skipped at the first guard that fails.
NEEDS: dict[str, tuple[re.Pattern[str], ...]] = {
    "after-of": (_COMMA, _OF_FOR, _TITLE_OF),
    "after-poss": (_COMMA, _POSS),
    "of-name": (_COMMA, _OF_FOR, _TITLE_OF),
    "is-of": (_OF, _TITLE_OF),
    "name-of": (_OF, _TITLE_NAME),
    "before": (_TITLE_NAME,),
    "bare": (_TITLE_NAME,),
}
