"""POL: plain contradictions between aligned sentences: negation, denial, opposite outcomes."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from checker.attribution import attribution
from checker.conflicts import build_conflict
from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence
from checker.names import find_names
from checker.predicates import CLAUSE_BREAKS
from checker.rules.base import CompareContext, Document, whole_sentence_claim
from checker.rules.relations import RELATIONS
from checker.text import NEGATION_RE, Token, content_lemmas, overlap, tokens

# Opposite outcomes; each word maps to its group and side.
_ANTONYMS = [
    ("won win wins winning", "lost lose loses losing"),
    ("rose rise rises risen increased increase increases grew grow climbed gained",
     "fell fall falls fallen decreased decrease decreases dropped declined shrank"),
    ("approved approve approves passed accepted accept endorsed", "rejected reject rejects "
     "vetoed refused blocked"),
    ("confirmed confirm confirms admitted acknowledged", "denied deny denies refuted dismissed"),
    ("convicted guilty", "acquitted innocent cleared"),
    ("survived alive rescued", "died dead killed"),
    ("allowed permitted legal lifted", "banned prohibited illegal imposed"),
    ("opened reopened", "closed shut"),
    ("true genuine authentic", "false fake hoax fabricated"),
    ("higher more larger", "lower less smaller"),
    ("resigned quit", "stayed remained"),
    ("upheld upholds", "quashed overturned overturns reversed"),
]  # fmt: skip
_SIDE: dict[str, tuple[int, int]] = {}
for _group, (_pos, _neg) in enumerate(_ANTONYMS):
    for _w in _pos.split():
        _SIDE[_w] = (_group, 0)
    for _w in _neg.split():
        _SIDE[_w] = (_group, 1)
# A negation inside a run of this many words or more that the other sentence lacks is part
# of a clause only one source has ("..., and if we don't get it, there should be no deal"),
# not a flip of what both say.
_EXTRA_CLAUSE = 6


class PolarityRule:
    """Flags closely aligned sentences that say the same thing with opposite polarity.

    min_sim: the least sentence similarity; min_shared: the least share of shared content
    words, so that only near-paraphrases that flip one thing are flagged.
    """

    code = "POL"
    conflict_type = ConflictType.OTHER

    def __init__(
        self,
        min_sim: float = 0.85,
        min_shared: float = 0.7,
        min_sim_opposites: float = 0.5,
        min_shared_opposites: float = 0.4,
    ) -> None:
        self.min_sim = min_sim
        self.min_shared = min_shared
        # Opposite outcome words ("approved"/"rejected") are a stronger signal than a bare
        # negation, so looser alignments are enough.
        self.min_sim_opposites = min_sim_opposites
        self.min_shared_opposites = min_shared_opposites

    def extract(self, sentence: Sentence, doc: Document) -> list[Claim]:
        if sentence.furniture:
            return []
        text = sentence.text
        toks = tokens(text)
        marks: list[tuple[int, int, str]] = []
        for t in toks:
            side = _SIDE.get(t.lower)
            if side is not None:
                marks.append((t.start, t.end, f"{side[0]}:{side[1]}"))
        neg = [(m.start(), m.end()) for m in NEGATION_RE.finditer(text)]
        if neg:
            marks.append((neg[0][0], neg[0][1], "negated"))
        who = attribution(text)
        return [
            Claim(
                rule=self.code,
                kind=ClaimKind.POLARITY,
                source_id=sentence.source_id,
                sentence_index=sentence.index,
                start=sentence.start + s,
                end=sentence.start + e,
                quote=text[s:e],
                value=label,
                key="negation" if label == "negated" else label.split(":")[0],
                attribution=who,
            )
            for s, e, label in marks
        ]

    def compare(self, claims: Sequence[Claim], ctx: CompareContext) -> list[Conflict]:
        by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
        for c in claims:
            by_sentence[(c.source_id, c.sentence_index)].append(c)
        out = []
        for sa, sb, sim in ctx.aligned_pairs():
            if sim < min(self.min_sim, self.min_sim_opposites) or sa[0] == sb[0]:
                continue
            ca, cb = by_sentence.get(sa, []), by_sentence.get(sb, [])
            if not ca and not cb:
                continue
            a_text, b_text = ctx.sentences[sa].text, ctx.sentences[sb].text
            shared = overlap(_content(a_text), _content(b_text))
            negation_ok = sim >= self.min_sim and shared >= self.min_shared
            opposites_ok = sim >= self.min_sim_opposites and shared >= self.min_shared_opposites
            found = self._opposed(ca, cb, ctx.sentences[sa], ctx.sentences[sb])
            for first, second in found:
                if not (negation_ok if first.key == "negation" else opposites_ok):
                    continue
                score = 0.4 * sim + 0.3 * shared + 0.2
                out.append(
                    build_conflict(
                        ctype=self.conflict_type,
                        rule=self.code,
                        subject=_subject(a_text, b_text),
                        groups=[(first.value, [first]), (second.value, [second])],
                        score=score,
                        sentences=ctx.sentences,
                        label=_label,
                        source_order=ctx.source_order,
                    )
                )
        return out

    def _opposed(
        self, ca: list[Claim], cb: list[Claim], sa: Sentence, sb: Sentence
    ) -> list[tuple[Claim, Claim]]:
        pairs: list[tuple[Claim, Claim]] = []
        neg_a = [c for c in ca if c.key == "negation"]
        neg_b = [c for c in cb if c.key == "negation"]
        if bool(neg_a) != bool(neg_b):
            negated = (neg_a or neg_b)[0]
            plain_sentence = sb if neg_a else sa
            negated_sentence = sa if neg_a else sb
            if not _negates_shared_verb(negated, negated_sentence, plain_sentence):
                return pairs
            if _in_extra_clause(negated, negated_sentence, plain_sentence):
                return pairs
            plain = whole_sentence_claim(
                plain_sentence, self.code, "affirmed", "negation", attribution(plain_sentence.text)
            )
            pairs.append((negated, plain) if neg_a else (plain, negated))
            return pairs
        sides_a = {c.key: c for c in ca if c.key != "negation"}
        sides_b = {c.key: c for c in cb if c.key != "negation"}
        for group in sorted(set(sides_a) & set(sides_b)):
            values_a = {c.value for c in ca if c.key == group}
            values_b = {c.value for c in cb if c.key == group}
            if len(values_a) == 1 and len(values_b) == 1 and values_a != values_b:
                a, b = sides_a[group], sides_b[group]
                if _agent(sa, a) != _agent(sb, b):  # "Ribeiro won" / "Duarte lost" agree
                    continue
                if _corresponds(a, sa, b, sb):
                    pairs.append((a, b))
        return pairs


def _negates_shared_verb(neg: Claim, negated: Sentence, plain: Sentence) -> bool:
    """Is the negation about something the other sentence affirms ("did not sign"/"signed")?

    The first content word within three words after the negation must occur in the other
    sentence; "couldn't reach her" does not contradict a sentence without "reach".
    """
    after = tokens(negated.text[neg.end - negated.start :])[:4]
    words = [t for t in after if content_lemmas([t])][:1]
    return bool(words) and bool(content_lemmas(words) & _content(plain.text))


def _corresponds(a: Claim, sa: Sentence, b: Claim, sb: Sentence) -> bool:
    """Do the two opposite words fill the same slot of the two sentences?

    Aligned word by word, each must sit in a stretch that the other sentence replaces with
    one holding the other word: "the council approved the plan" / "the council rejected the
    proposal". Where the two sentences are built differently, the nearest content word on
    each side of the two words must be the same instead, and the words must both be, or
    both not be, the verb of a relative clause: "a man who survived called 911" / "a man
    called 911 ... three had been killed" are opposite words about different people, not a
    flip; "Smith, who was convicted" / "Smith, who was acquitted" is one.
    """
    ta, tb = tokens(sa.text), tokens(sb.text)
    i = next((k for k, t in enumerate(ta) if t.start >= a.start - sa.start), len(ta))
    j = next((k for k, t in enumerate(tb) if t.start >= b.start - sb.start), len(tb))
    if _relative(ta, i) != _relative(tb, j):
        return False
    matcher = difflib.SequenceMatcher(None, [t.lower for t in ta], [t.lower for t in tb], False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i1 <= i < i2 and op == "replace" and j1 <= j < j2:
            return True
    # A sentence built the other way round ("after a debate, the council rejected the plan")
    # aligns word by word elsewhere: then the words next to each must be the same words.
    sides = [
        (_flank(ta[:i][::-1]), _flank(tb[:j][::-1])),
        (_flank(ta[i + 1 :]), _flank(tb[j + 1 :])),
    ]
    met = [bool(x & y) for x, y in sides if x and y]
    return bool(met) and all(met)


_FLANK = 1  # content words each side of an opposite word that say what it is about
_RELATIVE = frozenset({"who", "that", "which", "whom", "whose"})
_AUXILIARIES = frozenset({"had", "has", "have", "was", "were", "is", "are", "been", "also"})


def _relative(toks: Sequence[Token], i: int) -> bool:
    """Is toks[i] the verb of a relative clause ("a man who survived", "three who had been
    killed")? It then says who someone is, not what the sentence claims."""
    k = i - 1
    while k >= 0 and toks[k].lower in _AUXILIARIES:
        k -= 1
    return k >= 0 and toks[k].lower in _RELATIVE


def _flank(toks: Sequence[Token]) -> set[str]:
    """The first _FLANK content lemmas of `toks` (words running away from the opposite
    word), within its clause."""
    out: list[str] = []
    for t in toks:
        if t.text in CLAUSE_BREAKS:
            break
        out.extend(content_lemmas([t]) - set(_SIDE))
        if len(out) >= _FLANK:
            break
    return set(out[:_FLANK])


def _in_extra_clause(neg: Claim, negated: Sentence, plain: Sentence) -> bool:
    """Is the negation inside a long run of words that the other sentence does not have?"""
    toks = tokens(negated.text)
    words = [t.lower for t in toks]
    at = next((k for k, t in enumerate(toks) if t.end > neg.start - negated.start), len(toks))
    matcher = difflib.SequenceMatcher(None, [t.lower for t in tokens(plain.text)], words, False)
    for op, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if j1 <= at < j2:
            return op == "insert" and j2 - j1 >= _EXTRA_CLAUSE
    return False


# Between a name and the opposite word: a relative of that name's ("Shriver's wife",
# "Smith's 22-year-old son"), or someone else ("Tolliver's death came four days after
# another man was shot, but survived"; not "struck by another driver": an object).
_OWNED = re.compile(r"^(?:[’']s)?\s+(?:[\w-]+\s+){0,2}?([a-z]+)\b")
_SOMEONE_ELSE = re.compile(
    r"(?<!\bby )(?<!\bwith )(?<!\bfrom )(?<!\bto )(?<!\bof )"
    r"\b(?:another|(?:a|the)\s+(?:second|third|fourth|other))\s+"
    r"(?:man|woman|person|boy|girl|teen|teenager|victim|child|officer|driver|passenger)\b",
    re.I,
)


def _agent(s: Sentence, c: Claim) -> str:
    """Who the opposite word is said of: the last name before it (who won, who denied), or
    a relative that name's possessive names ("shriver's wife"); "" for no name, and a mark
    of its own where another person comes between ("another man ... survived")."""
    before = s.text[: c.start - s.start]
    names = find_names(before)
    if not names:
        return ""
    last = names[-1]
    between = before[last.end :]
    if _SOMEONE_ELSE.search(between):
        return f"someone else at {s.source_id}:{s.index}:{c.start}"
    surname = last.key.split()[-1]
    if last.text.endswith(("'s", "’s")) or between.startswith(("'s", "’s")):
        owned = _OWNED.match(between)
        if owned and owned.group(1) in RELATIONS:
            return f"{surname}'s {owned.group(1)}"
    return surname


@lru_cache(maxsize=1 << 16)  # each sentence meets several others in the aligned pairs
def _content(text: str) -> frozenset[str]:
    return frozenset(content_lemmas(tokens(text)) - set(_SIDE) - {"not", "never"})


def _subject(a: str, b: str) -> str:
    words = sorted(_content(a) & _content(b))[:5]
    return "polarity: " + ", ".join(words)


def _label(c: Claim) -> str:
    if c.value == "affirmed":
        return "no negation"
    return f"“{c.quote}”"
