"""What a count of people says happened to them: killed, injured, shot, arrested, sought.

"Four people shot" and "one person killed" count different people; "killed 1 woman and
injured 11 others" gives each count the verb nearest it. Read from the words of and around
a quantity, nearest first (`checker/data/count_predicates.tsv`).
"""

from __future__ import annotations

from collections.abc import Sequence

from checker import tables
from checker.text import Token

_CLASS = {
    w: cls for cls, words in tables.pairs("count_predicates.tsv").items() for w in words.split()
}
REACH = 4  # words each side of the count searched
CLAUSE_BREAKS = frozenset({".", ";", "—", "–", ":", "?", "!"})  # tokens that end a clause


def predicate(inside: Sequence[Token], before: Sequence[Token], after: Sequence[Token]) -> str:
    """The class of the predicate word in the quantity ("11 injured") or nearest it, the
    word after it first at equal distance ("one was wounded" before "killed and one"); ""
    if none within REACH words, or a full stop, semicolon or dash is in the way. "Fatally
    shot", "shot dead" and "shot and killed" are killed."""
    left = _until_break(list(reversed(before)))[:REACH]
    right = _until_break(list(after))[:REACH]
    for t in inside:
        if found := _CLASS.get(t.text.lower(), ""):
            return _shot_dead(found, list(inside))
    for k in range(REACH):
        for side in (right, left):
            if k < len(side) and (found := _CLASS.get(side[k].text.lower(), "")):
                return _shot_dead(found, side[max(0, k - 1) : k + 3])
    return ""


def _shot_dead(found: str, near: Sequence[Token]) -> str:
    """ "shot" next to a word of killing ("fatally shot", "shot and killed") is killed."""
    words = [t.text.lower() for t in _until_break(list(near), frozenset({","}))]
    if found == "shot" and any(_CLASS.get(w) == "killed" for w in words):
        return "killed"
    return found


def _until_break(toks: list[Token], breaks: frozenset[str] = CLAUSE_BREAKS) -> list[Token]:
    for n, t in enumerate(toks):
        if t.text in breaks:
            return toks[:n]
    return toks
