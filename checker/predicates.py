"""What a count of people says happened to them: killed, injured, shot, arrested, sought,
pleaded, assaulted, survived, released (and what they did: involved, fired).

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
LIST_REACH = 24  # words an appositive list after a count may run ("Six people, including ...,")
_LIST_OPENERS = frozenset({"including", "among"})  # ", including two children," / ", among them"
CLAUSE_BREAKS = frozenset({".", ";", "—", "–", ":", "?", "!"})  # tokens that end a clause


def predicate(inside: Sequence[Token], before: Sequence[Token], after: Sequence[Token]) -> str:
    """The class of the predicate word in the quantity ("11 injured") or nearest it, the
    word after it first at equal distance ("one was wounded" before "killed and one"); ""
    if none within REACH words, or a full stop, semicolon or dash is in the way. "Fatally
    shot", "shot dead" and "shot and killed" are killed. A list that follows the count
    between commas ("Six people, including two officers, an aide and a lobbyist, were
    hurt") is passed over: the words after one of its commas say what happened to them all.
    `after` is every word after the quantity; the clause and LIST_REACH bound the search."""
    left = _until_break(list(reversed(before)))[:REACH]
    tail = _until_break(list(after))
    right = tail[:REACH]
    for t in inside:
        if found := _CLASS.get(t.text.lower(), ""):
            return _shot_dead(found, list(inside))
    for k in range(REACH):
        for side in (right, left):
            if k < len(side) and (found := _CLASS.get(side[k].text.lower(), "")):
                return _shot_dead(found, side[max(0, k - 1) : k + 3])
    return _past_list(tail)


def _past_list(tail: list[Token]) -> str:
    """The predicate after a list that opens right after the count (", including ..."): the
    first found within REACH words of one of the list's commas; "" if none."""
    if len(tail) < 2 or tail[0].text != "," or tail[1].text.lower() not in _LIST_OPENERS:
        return ""
    span = tail[: LIST_REACH + 1]
    for n in (n for n in range(2, len(span)) if span[n].text == ","):
        for k, t in enumerate(span[n + 1 : n + 1 + REACH]):
            if found := _CLASS.get(t.text.lower(), ""):
                rest = span[n + 1 :]
                return _shot_dead(found, rest[max(0, k - 1) : k + 3])
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
