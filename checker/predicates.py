"""What a count of people says happened to them: killed, injured, shot, arrested, sought,
pleaded, assaulted, survived, released (and what they did: involved, fired).

"Four people shot" and "one person killed" count different people; "killed 1 woman and
injured 11 others" gives each count the verb nearest it. Read from the words of and around
a quantity, nearest first (`checker/data/count_predicates.tsv`). And what happened on a date:
"died Wednesday" and "appeared in court Thursday" are dates of two events
(`checker/data/date_events.tsv`).
"""

from __future__ import annotations

from collections.abc import Sequence

from checker import tables
from checker.text import Token


def _classes(table: str) -> dict[str, str]:
    return {w: cls for cls, words in tables.pairs(table).items() for w in words.split()}


_CLASS = _classes("count_predicates.tsv")
_EVENT = _classes("date_events.tsv")
REACH = 4  # words each side of the count searched
CLAUSE_REACH = 12  # ... and, with none that near, the rest of its clause up to this many words
EVENT_REACH = 12  # words each side of a date searched for what happened on it
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
    With none of these, the nearest within CLAUSE_REACH words of the rest of its clause
    ("Seven alleged members of the gang face multiple charges"). `after` is every word after
    the quantity; the clause, LIST_REACH and CLAUSE_REACH bound the search."""
    for t in inside:
        if found := _CLASS.get(t.text.lower(), ""):
            return _shot_dead(found, list(inside))
    tail = _until_break(list(after))
    return (
        _nearest(_CLASS, REACH, before, tail)
        or _past_list(tail)
        or _nearest(_CLASS, CLAUSE_REACH, before, tail)
    )


def date_event(before: Sequence[Token], after: Sequence[Token]) -> str:
    """The class of event a date is given to, from the event word nearest it in its clause
    (`checker/data/date_events.tsv`), the word before it first at equal distance ("shot on
    Saturday and died on Monday"): "died Wednesday night" is killed, "made her first court
    appearance Thursday" court, "fatally shot Saturday" killed; "" if none within
    EVENT_REACH words."""
    return _nearest(_EVENT, EVENT_REACH, before, _until_break(list(after)), left_first=True)


def _nearest(
    classes: dict[str, str],
    reach: int,
    before: Sequence[Token],
    tail: list[Token],
    left_first: bool = False,
) -> str:
    left = _until_break(list(reversed(before)))[:reach]
    right = tail[:reach]
    for k in range(reach):
        for side in (left, right) if left_first else (right, left):
            if k < len(side) and (found := classes.get(side[k].text.lower(), "")):
                return _shot_dead(found, side[max(0, k - 1) : k + 3])
    return ""


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
