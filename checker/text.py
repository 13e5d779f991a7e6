"""Word-level helpers shared by the rules: tokens with offsets, a small lemmatiser, stopwords."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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


@lru_cache(maxsize=64)  # several rules tokenise each sentence, one after the other
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


STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "for",
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "with",
        "without",
        "into",
        "onto",
        "upon",
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "among",
        "around",
        "as",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "besides",
        "between",
        "beyond",
        "during",
        "except",
        "inside",
        "near",
        "off",
        "out",
        "outside",
        "over",
        "past",
        "since",
        "through",
        "throughout",
        "till",
        "toward",
        "towards",
        "under",
        "underneath",
        "until",
        "up",
        "via",
        "within",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "me",
        "him",
        "her",
        "them",
        "us",
        "our",
        "your",
        "their",
        "his",
        "my",
        "mine",
        "ours",
        "theirs",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "than",
        "then",
        "also",
        "just",
        "only",
        "very",
        "more",
        "most",
        "less",
        "least",
        "not",
        "no",
        "some",
        "any",
        "each",
        "every",
        "all",
        "both",
        "either",
        "neither",
        "such",
        "own",
        "same",
        "other",
        "another",
        "too",
        "much",
        "many",
        "few",
        "said",
        "says",
        "say",
        "saying",
        "told",
        "according",
        "per",
        "reports",
        "reported",
        "report",
        "while",
        "if",
        "because",
        "although",
        "though",
        "whether",
        "again",
        "further",
        "once",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "roughly",
        "nearly",
        "almost",
        "approximately",
        "around",
        "least",
        "new",
        "s",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)

# Auxiliaries and prepositions end a noun phrase after a number.
PHRASE_BREAKERS = STOPWORDS | frozenset(
    [
        "were",
        "was",
        "are",
        "is",
        "be",
        "been",
        "had",
        "has",
        "have",
        "will",
        "would",
        "could",
        "should",
        "did",
        "do",
        "does",
    ]
)

_IRREGULAR = {
    "memoranda": "memorandum",
    "memorandums": "memorandum",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "data": "datum",
    "media": "medium",
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "leaves": "leaf",
    "thieves": "thief",
    "halves": "half",
    "wolves": "wolf",
    "shelves": "shelf",
    "analyses": "analysis",
    "crises": "crisis",
    "theses": "thesis",
    "bases": "base",
    "indices": "index",
    "matrices": "matrix",
    "vertices": "vertex",
    "appendices": "appendix",
    "cacti": "cactus",
    "fungi": "fungus",
    "nuclei": "nucleus",
    "stimuli": "stimulus",
    "alumni": "alumnus",
    "curricula": "curriculum",
    "strata": "stratum",
    "bacteria": "bacterium",
    "oxen": "ox",
    "dice": "die",
    "series": "series",
    "species": "species",
    "news": "news",
    "aircraft": "aircraft",
    "sheep": "sheep",
    "fish": "fish",
    "deer": "deer",
    "troops": "troop",
}
_KEEP_S = frozenset(
    [
        "bus",
        "gas",
        "lens",
        "news",
        "series",
        "species",
        "always",
        "perhaps",
        "across",
        "thus",
        "yes",
        "this",
    ]
)


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
_CONCEPT_GROUPS = {
    "die": "kill killed died die dy dead death fatality perish toll",
    "injure": "injur hurt wound injury",
    "cut": "cut eliminat slash shed axe",
    "arrest": "arrest detain",
    "evacuat": "evacuat flee fled displac",
    "sign": "sign seal",
    "win": "won win victory",
    "say": "said say told tell stat announc",
    "deal": "deal transaction takeover acquisition merger",
    "value": "valu worth",
    "sentence": "sentenc jail prison term",
    "visit": "visit attend",
    "build": "built build construct",
    "price": "fetch pric paid sold cost",
    "tall": "tall tallest height",
}
_CONCEPTS = {w: c for c, words in _CONCEPT_GROUPS.items() for w in words.split()}


def concept(word_stem: str) -> str:
    """The shared concept of a word stem ("died" and "killed" both give "die")."""
    return _CONCEPTS.get(word_stem, word_stem)


# Counted nouns that name the same thing ("jobs"/"positions"), by lemma.
_HEAD_GROUPS = {
    "job": "job position post role",
    "person": "person individual",
    "child": "child kid",
    "agreement": "agreement accord pact deal",
    "memorandum": "memorandum memo",
    "home": "home house dwelling",
    "vehicle": "vehicle car",
}
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
