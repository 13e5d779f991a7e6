"""Relations of people as ROLE claims: "his father, Paul" says who holds "father of <him>".

A relation is compared like a single-holder office: its scope is the person it is relative to
(named, "Omar Haddad's wife, Lina", or the person a pronoun refers to, "his wife, Lina"), and two
sources that give one person's father different names disagree. Only relations a person has one
of at a time (father, mother, wife, husband) give claims; brothers, sons and friends do not.
"""

from __future__ import annotations

import re

from checker import tables
from checker.attribution import attribution
from checker.gazetteer import TITLES, country_of, us_state_mention
from checker.model import Claim, ClaimKind, Sentence
from checker.names import find_names, normalise
from checker.rules.base import Document
from checker.rules.role_patterns import trie
from checker.text import folded

_ROWS = tables.rows("relations.tsv")
RELATIONS = {  # every word for a relation -> its canonical word (polarity reads it too)
    form: canonical
    for canonical, others, _single in _ROWS
    for form in (canonical, *filter(None, others.split("|")))
}
SINGLE_RELATIONS = frozenset(canonical for canonical, _, single in _ROWS if single == "1")

_REL = rf"(?P<rel>(?i:{trie(sorted(RELATIONS))}))(?![\w-])"
_WORD = r"(?:[A-Z][\w’'-]*[\w]|[A-Z]\.)"
_PART = r"(?:(?:bin|bint|al|de|van|von|da|di|del|la|le)\s+)?"


def _name(group: str) -> str:
    return rf"(?P<{group}>{_WORD}(?:\s+{_PART}{_WORD}){{0,3}})"


# After a relation that follows its holder's name, the apposition must close ("Paul Okafor,
# her father, said"), or a list ("his mother Lori, his father Steven") pairs the wrong name.
_CLOSE = r"(?=\s*[,.;:)]|\s+(?:said|says|told|added|wrote)\b)"
# "late", "former", "first", "ex-": not who holds the relation now, or not the only one.
_MODS = r"(?P<mods>(?:(?i:late|former|first|second|third|ex|estranged|new|only|then)[- ]+)*)"
_AGE = r"(?:(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)-year-old\s+)?"
_PRON = r"(?P<pron>\b(?i:his|her|their))"
_PATTERNS = [
    # "his father, Paul", "her husband, 41-year-old Omar Haddad"
    ("pron-rel", re.compile(rf"{_PRON}\s+{_MODS}{_REL},\s+{_AGE}{_name('name')}")),
    # "Omar Haddad's wife, Lina"
    ("poss-rel", re.compile(rf"{_name('anchor')}[’']s\s+{_MODS}{_REL},\s+{_AGE}{_name('name')}")),
    # "Lina Haddad, the wife of Omar Haddad"
    (
        "name-rel-of",
        re.compile(rf"{_name('name')},\s+(?:the\s+)?{_MODS}{_REL}\s+of\s+{_name('anchor')}"),
    ),
    # "Lina Haddad, Omar Haddad's wife"
    (
        "name-poss-rel",
        re.compile(rf"{_name('name')},\s+{_name('anchor')}[’']s\s+{_MODS}{_REL}{_CLOSE}"),
    ),
    # "Paul Okafor, his father, said"
    ("name-pron-rel", re.compile(rf"{_name('name')},\s+{_PRON}\s+{_MODS}{_REL}{_CLOSE}")),
    # "the father of Ana Okafor, Paul"
    (
        "rel-of-name",
        re.compile(
            rf"\b(?i:the)\s+{_MODS}{_REL}\s+of\s+{_name('anchor')},\s+{_AGE}{_name('name')}"
        ),
    ),
]
_ANY_RELATION = re.compile(_REL.replace("(?P<rel>", "(?:"))
_NOT_PEOPLE = frozenset(["police", "officers", "authorities", "the", "a", "an"])


def relation_claims(
    sentence: Sentence, doc: Document | None, taken: list[tuple[int, int]]
) -> list[Claim]:
    """Claims of the single relations the sentence states; `taken` holds the name spans
    already claimed (by offices), and gets the new ones."""
    text = sentence.text
    if not _ANY_RELATION.search(text):
        return []
    out = []
    for _form, pat in _PATTERNS:
        for m in pat.finditer(text):
            ns, ne = m.span("name")
            if any(ns < b and a < ne for a, b in taken):
                continue
            relation = folded(RELATIONS, m.group("rel"))
            if relation not in SINGLE_RELATIONS or m.group("mods").strip():
                continue
            name = re.sub(r"[’']s$", "", m.group("name"))
            holder = normalise(name)
            if not _person_like(name) or not holder:
                continue
            if "anchor" in m.groupdict() and m.group("anchor"):
                anchor, explicit = m.group("anchor"), True
            else:
                anchor, explicit = _antecedent(sentence, doc, m.start()), False
            if not anchor or not _person_like(anchor) or normalise(anchor) == holder:
                continue
            start = sentence.start + min(m.start("rel"), ns)
            end = sentence.start + max(m.end("rel"), ns + len(name))
            out.append(
                Claim(
                    rule="ROLE",
                    kind=ClaimKind.ROLE,
                    source_id=sentence.source_id,
                    sentence_index=sentence.index,
                    start=start,
                    end=end,
                    quote=text[start - sentence.start : end - sentence.start],
                    value=name,
                    key=relation,
                    attribution=attribution(text),
                    extra=(
                        ("scope", anchor),
                        ("explicit", explicit),
                        ("holder", holder),
                        ("doc_scope", ""),
                        ("relation", True),
                    ),
                )
            )
            taken.append((ns, ne))
    return out


def _person_like(name: str) -> bool:
    """Could this be a person's name (not a place, a title or "Police")?"""
    words = name.split()
    if not words or words[0].lower() in _NOT_PEOPLE or name.lower() in TITLES:
        return False
    return not (country_of(name) or us_state_mention(name))


def _antecedent(sentence: Sentence, doc: Document | None, before: int) -> str:
    """The person a possessive pronoun at `before` most likely refers to: the last full name
    (or the surname of one named earlier) before it, in its sentence or the two before."""
    chunks = [sentence.text[:before]]
    if doc is not None:
        earlier = [
            s.text
            for s in doc.sentences
            if s.index < sentence.index and s.index >= sentence.index - 2 and not s.furniture
        ]
        chunks = [*earlier, sentence.text[:before]]
    mentions = [m for chunk in chunks for m in find_names(chunk)]
    full = [m.text for m in mentions if len(m.key.split()) >= 2 and _person_like(m.text)]
    parts = {w for f in full for w in normalise(f).split()}
    for m in reversed(mentions):
        if not _person_like(m.text) or m.text in _RELATION_WORDS:
            continue
        if len(m.key.split()) >= 2 or m.key in parts:
            return m.text
    return ""


_RELATION_WORDS = frozenset(w.capitalize() for w in RELATIONS)
