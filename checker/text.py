"""Word-level helpers shared by the rules: tokens with offsets, a small lemmatiser, stopwords."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from checker import tables

V = TypeVar("V")

_TOKEN_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w’'.-]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿ]|\d[\d,.]*\d|\d|[^\s\w]")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words, numbers and punctuation marks of `text`, offsets shifted by `offset`."""
    return list(_tokens(text, offset))


@lru_cache(maxsize=1 << 14)  # several rules tokenise each sentence, and compare meets it again
def _tokens(text: str, offset: int) -> tuple[Token, ...]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group(0)
        end = m.end()
        # A trailing period belongs to the sentence unless the word is an abbreviation like U.S.
        if len(word) > 1 and word.endswith(".") and word.count(".") == 1:
            word, end = word[:-1], end - 1
        out.append(Token(offset + m.start(), offset + end, word))
    return tuple(out)


def folded(table: Mapping[str, V], matched: str) -> V:
    """`table[matched.lower()]`, for text that a case-insensitive pattern matched against the
    table's lower-case keys. Where the pattern's case folding and `str.lower` part ("İ" folds
    to "i" but lowers to "i̇"; "ſ" and the Kelvin sign fold to "s" and "k"), the key the
    pattern would have matched; KeyError if none does."""
    return table[folded_key(table, matched)]


def folded_key(table: Mapping[str, object], matched: str) -> str:
    """The key of `table` that `folded` looks up for `matched`."""
    key = matched.lower()
    if key in table:
        return key
    for k in table:
        if re.fullmatch(re.escape(k), matched, re.I):
            return k
    raise KeyError(matched)


STOPWORDS = tables.words("stopwords.txt")

NEGATIONS = tables.words("negations.txt")
# The same words in running text; "No." before a number is a number's label ("No. 5").
NEGATION_RE = re.compile(
    r"\b(?:"
    + "|".join("no(?!\\.\\s*\\d)" if w == "no" else re.escape(w) for w in sorted(NEGATIONS))
    + r")\b|\b\w+n[’']t\b",
    re.I,
)


def negation(word: str) -> bool:
    """Does this word negate ("not", "none", "didn't")? NEGATION_RE's twin for tokens: both
    read their words from negations.txt."""
    low = word.lower().replace("’", "'")
    return low in NEGATIONS or low.endswith("n't")


# Auxiliaries and prepositions end a noun phrase after a number.
PHRASE_BREAKERS = STOPWORDS | tables.words("phrase_breakers.txt")

# Nouns whose singular the -s rules below get wrong, and words in -s that are no plurals.
_IRREGULAR = tables.pairs("irregular_plurals.tsv")
_KEEP_S = tables.words("keep_s.txt")


def lemma(word: str) -> str:
    """A noun's singular, lower-cased ("memoranda" and "memorandums" both give "memorandum")."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w in _KEEP_S or not w.endswith("s"):
        return w
    if w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "zes", "sses", "oes")):
        return w[:-2]
    return w[:-1]


def content_lemmas(words: list[Token]) -> set[str]:
    """Lemmas of the words that carry meaning (no stopwords, numbers or punctuation)."""
    out = set()
    for t in words:
        low = t.lower
        if not low[0].isalpha() or low in STOPWORDS or len(low) < 2:
            continue
        out.add(_word_concept(low))
    return out


@lru_cache(maxsize=1 << 16)  # a news vocabulary: tens of thousands of words at most
def _word_concept(low: str) -> str:
    return concept(stem(lemma(low)))


# News words that say the same thing ("killed"/"died"), by stem, so contexts meet.
_CONCEPT_GROUPS = tables.pairs("concept_groups.tsv")
_CONCEPTS = {w: c for c, words in _CONCEPT_GROUPS.items() for w in words.split()}


def concept(word_stem: str) -> str:
    """The shared concept of a word stem ("died" and "killed" both give "die")."""
    return _CONCEPTS.get(word_stem, word_stem)


# Counted nouns that name the same thing ("jobs"/"positions"), by lemma.
_HEAD_GROUPS = tables.pairs("head_groups.tsv")
_HEADS = {w: h for h, words in _HEAD_GROUPS.items() for w in words.split()}


def head_concept(noun_lemma: str) -> str:
    return _HEADS.get(noun_lemma, noun_lemma)


def stem(word: str) -> str:
    """A crude verb stem so that "signed"/"signing"/"signs" meet."""
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            # "cancelled"/"cancel", "planned"/"plan": undo the doubled final consonant
            if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                stem = stem[:-1]
            if stem.endswith("ll") and len(stem) >= 6:
                stem = stem[:-1]
            return stem
    # "prepare"/"prepared": drop a final silent e so both meet at "prepar"
    if word.endswith("e") and len(word) >= 5:
        return word[:-1]
    return word


def overlap(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """Share of the smaller set found in the larger one (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
