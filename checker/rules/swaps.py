"""Two versions of one sentence that name different people or places in the same place:
"Police Chief Martha Montalvo said ..." against "Police Chief Beth Bagley said ...".

Found as text, not through extracted claims: the sentences' words are aligned (difflib), and
a pair is a swap when the only real difference is one run of capitalised words for another,
the rest the same (rapidfuzz ratio >= NEAR_COPY with the runs masked), the two runs are not
one name's variants, and the sources do not both name both. Two cheap tests come first and
leave the result as it was: a pair whose names each source uses anyway, and one whose whole
sentences are too far apart for any masking of names to make them near copies, are skipped
before the word alignment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from checker.addresses import has_link
from checker.conflicts import build_conflict
from checker.dates import MONTHS, WEEKDAYS
from checker.gazetteer import HONORIFICS, TITLES
from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence
from checker.names import title_case
from checker.rules.base import CompareContext
from checker.rules.pairwise import NEAR_COPY
from checker.spelling import spelling_variants
from checker.text import STOPWORDS

_TOKEN = re.compile(r"[^\W\d_][\w’'.-]*[^\W_]|[^\W\d_]|\d[\d,.]*|[^\s\w]")
_NOT_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS) | STOPWORDS
_Tok = tuple[int, int, str]  # start, end (in the sentence), text
SentenceKey = tuple[str, int]
MAX_SHAPE = 12  # sentences of one shape beyond this are boilerplate ("Copyright ..."), skipped


_URL = re.compile(r"\S*(?:://|www\.)\S*")
# A word of a name: "Robles", "O'Neal", "McDonald", "Smith-Jones", an initial "J."; not
# "SALEM" (a dateline), "SJpyPU" (a link's code), "Probably".
_NAME_WORD = re.compile(r"(?:O['’]|Ma?c)?[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*\.?|[A-Z]\.")
_WORDCHAR = re.compile(r"\w")
MIN_SHARED_WORDS = 4  # two versions of one sentence share at least this many words


def _tokens(text: str) -> tuple[_Tok, ...]:
    if has_link(text):  # a link's letters are no names
        text = _URL.sub(lambda m: " " * len(m.group(0)), text)
    return tuple([(*m.span(), m.group(0)) for m in _TOKEN.finditer(text)])


@dataclass(frozen=True)
class _Words:
    """One sentence's words, read once per audit."""

    toks: tuple[_Tok, ...]
    alone: frozenset[str]  # words with no letter, digit or _ against them: `_named_in` finds them
    names: frozenset[str]  # name-like words: the last word of any name a swap can find here
    longest: int  # characters of the longest run of name-like words
    shape: str  # the words less the name-like ones, lowercased


def _words(text: str) -> _Words:
    toks = _tokens(text)
    ends = {b for _, b, _ in toks}
    names: set[str] = set()
    rest: list[str] = []
    longest, start = 0, None
    for a, b, t in toks:
        if not _name_like(t):
            rest.append(t.lower())
            start = None
            continue
        # The last word `_named_in` reads is the name's last whitespace-split word: the
        # token itself unless something no token holds is glued before it ("Jane _Smith");
        # such a word is kept apart ("\0"), so that no source is taken to name it.
        names.add(t if a == 0 or a in ends or text[a - 1].isspace() else "\0" + t)
        start = a if start is None else start
        longest = max(longest, b - start)
    return _Words(
        toks=toks,
        alone=frozenset(
            t
            for a, b, t in toks
            if not (a and _WORDCHAR.match(text, a - 1)) and not _WORDCHAR.match(text, b)
        ),
        names=frozenset(names),
        longest=longest,
        shape=" ".join(rest),
    )


@lru_cache(maxsize=65536)  # each word of each sentence, and words repeat
def _name_like(tok: str) -> bool:
    word = tok.rstrip(".").lower()
    return _NAME_WORD.fullmatch(tok) is not None and word not in _NOT_NAMES


def _title_at(toks: Sequence[_Tok], k: int) -> tuple[int, bool]:
    """The length in words of an office title ("Police Chief", "Sheriff") or an honorific
    ("Mr.") starting at word k (0 if none), and whether it is an office."""
    for n in (3, 2, 1):
        words = " ".join(t[2].rstrip(".").lower() for t in toks[k : k + n])
        if k + n <= len(toks) and words in TITLES:
            return n, True
    word = toks[k][2].rstrip(".").lower()
    return (1, False) if word in HONORIFICS else (0, False)


def _run(toks: Sequence[_Tok], i: int, j: int) -> tuple[int, int, bool]:
    """Widen tokens [i, j) to the whole run of name-like words around them, less any title
    or honorific before the changed words ("Essex County District Attorney Thomas Grimaldi"
    -> "Thomas Grimaldi"), and whether an office title was there (or just before the run)."""
    changed = i
    while i > 0 and _name_like(toks[i - 1][2]):
        i -= 1
    while j < len(toks) and _name_like(toks[j][2]):
        j += 1
    titled = False
    for k in range(max(0, i - 3), changed):
        n, office = _title_at(toks, k)
        if n and k + n <= changed:
            i, titled = max(i, k + n), titled or office
    return i, j, titled


def _variants(a: str, b: str) -> bool:
    return spelling_variants(a.lower(), b.lower())  # also one within the other: "Doe" / "Jane Doe"


def _named_in(name: str, text: str) -> bool:
    """Does `text` use the name's last word (a surname, the main word of a place)?"""
    last = name.split()[-1].rstrip(".")
    return re.search(rf"(?<!\w){re.escape(last)}(?!\w)", text) is not None


def _may_be_copies(a: str, b: str, wa: _Words, wb: _Words) -> bool:
    """False when no masking of one run of names in each can bring the two sentences to a
    ratio of NEAR_COPY: masking a run of n characters changes the edit distance by at most
    n + 1, so the distance of the whole sentences bounds that of the masked ones. Cheap
    (rapidfuzz), and it spares the word alignment most pairs."""
    if a == b:
        return False  # one sentence twice: nothing differs
    slack = wa.longest + wb.longest + 4
    a, b = a.lower(), b.lower()  # as the masked sentences are compared ("İ" lowers to two)
    limit = (1 - NEAR_COPY / 100) * (len(a) + len(b) + 2) + slack
    return Indel.distance(a, b, score_cutoff=int(limit) + 1) <= limit


def _swap(
    sa: Sentence, sb: Sentence, wa: _Words, wb: _Words
) -> tuple[tuple[int, int], tuple[int, int], bool, float] | None:
    """The one run of names that differs between two versions of one sentence, as spans of
    each (relative to the sentences), whether a title stands before it, and how alike the
    rest is (0..1); else None."""
    if not _may_be_copies(sa.text, sb.text, wa, wb):
        return None
    ta, tb = wa.toks, wb.toks
    matcher = SequenceMatcher(None, [t[2] for t in ta], [t[2] for t in tb], autojunk=False)
    ops = matcher.get_opcodes()
    names = [
        op
        for op in ops
        if op[0] == "replace"
        and all(_name_like(t[2]) for t in ta[op[1] : op[2]])
        and all(_name_like(t[2]) for t in tb[op[3] : op[4]])
    ]
    if len(names) != 1:
        return None
    _, i1, i2, j1, j2 = names[0]
    i1, i2, titled_a = _run(ta, i1, i2)
    j1, j2, titled_b = _run(tb, j1, j2)
    if (i1 == 0 and i2 == 1) or (j1 == 0 and j2 == 1):
        return None  # one capitalised word opening a sentence: "Investigators" / "Authorities"
    equal = [t for op, a1, a2, *_ in ops if op == "equal" for t in ta[a1:a2]]
    if sum(t[2][:1].isalpha() for t in equal) < MIN_SHARED_WORDS:
        return None  # "WOODBURN, Ore." / "SALEM, Ore.": too little said to be one sentence
    a = (ta[i1][0], ta[i2 - 1][1])
    b = (tb[j1][0], tb[j2 - 1][1])
    masked_a = (sa.text[: a[0]] + "#" + sa.text[a[1] :]).lower()
    masked_b = (sb.text[: b[0]] + "#" + sb.text[b[1] :]).lower()
    alike = fuzz.ratio(masked_a, masked_b)
    if alike < NEAR_COPY:
        return None
    return a, b, titled_a or titled_b, alike / 100


def _claim(s: Sentence, span: tuple[int, int], titled: bool) -> Claim:
    quote = s.text[span[0] : span[1]]
    return Claim(
        rule="ENT",
        kind=ClaimKind.ROLE if titled else ClaimKind.ENTITY,
        source_id=s.source_id,
        sentence_index=s.index,
        start=s.start + span[0],
        end=s.start + span[1],
        quote=quote,
        value=quote,
        key="swap",
    )


def _candidates(
    ctx: CompareContext, words: dict[SentenceKey, _Words], min_sim: float
) -> list[tuple[SentenceKey, SentenceKey]]:
    """Sentence pairs of different sources that may be one sentence: aligned ones, and those
    whose words other than names are the same (which embedding similarity can miss: a
    changed name moves a short sentence's vector a long way)."""
    pairs = {(a, b) for a, b, sim in ctx.aligned_pairs() if sim >= min_sim and a[0] != b[0]}
    shapes: dict[str, list[SentenceKey]] = {}
    for key, s in ctx.sentences.items():
        if not s.furniture:
            shapes.setdefault(words[key].shape, []).append(key)
    for keys in shapes.values():
        if len({k[0] for k in keys}) > 1 and len(keys) <= MAX_SHAPE:
            pairs.update((a, b) for a in keys for b in keys if a[0] < b[0])
    return sorted(pairs)


def name_swaps(ctx: CompareContext, min_sim: float) -> list[Conflict]:
    """Conflicts for every pair of sentences of different sources (aligned with similarity
    >= `min_sim`, or the same but for names) that are one sentence naming two different
    people or places. `score` is how alike the rest of the two sentences is."""
    texts: dict[str, list[str]] = {}
    alone: dict[str, set[str]] = {}  # each source's words that `_named_in` finds
    words: dict[SentenceKey, _Words] = {}
    for key, s in ctx.sentences.items():
        words[key] = _words(s.text)
        texts.setdefault(key[0], []).append(s.text)
        alone.setdefault(key[0], set()).update(words[key].alone)
    whole = {k: "\n".join(v) for k, v in texts.items()}
    out: list[Conflict] = []
    for ka, kb in _candidates(ctx, words, min_sim):
        sa, sb, wa, wb = ctx.sentences[ka], ctx.sentences[kb], words[ka], words[kb]
        if wa.names <= alone[kb[0]] and wb.names <= alone[ka[0]]:
            continue  # each source names all the other's names: whatever differs, both name both
        if title_case(sa.text) or title_case(sb.text):
            continue  # a headline capitalises every word: its capitals name nobody
        found = _swap(sa, sb, wa, wb)
        if found is None:
            continue
        a, b, titled, alike = found
        na, nb = sa.text[a[0] : a[1]], sb.text[b[0] : b[1]]
        if _variants(na, nb) or ctx.names.same(na, nb):
            continue
        if _named_in(na, whole[kb[0]]) and _named_in(nb, whole[ka[0]]):
            continue  # both sources name both: two people of the story, not a swap
        ca, cb = _claim(sa, a, titled), _claim(sb, b, titled)
        out.append(
            build_conflict(
                ctype=ConflictType.ROLE if titled else ConflictType.ENTITY,
                rule="ENT",
                subject=_subject(sa.text, a),
                groups=[(na, [ca]), (nb, [cb])],
                score=alike,
                sentences=ctx.sentences,
                source_order=ctx.source_order,
            )
        )
    return out


def _subject(text: str, span: tuple[int, int]) -> str:
    before = text[: span[0]].split()[-3:]
    after = text[span[1] :].split()[:3]
    return f"name in “{' '.join(before)} … {' '.join(after)}”"
