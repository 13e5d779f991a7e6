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
from checker.dates import MONTHS, WEEKDAYS
from checker.text import Token, negation


def _classes(table: str) -> dict[str, str]:
    return {w: cls for cls, words in tables.pairs(table).items() for w in words.split()}


_CLASS = _classes("count_predicates.tsv")
_EVENT = _classes("date_events.tsv")
REACH = 4  # words each side of the count searched
CLAUSE_REACH = 12  # ... and, with none that near, the words after it in its clause
EVENT_REACH = 12  # words each side of a date searched for what happened on it
LIST_REACH = 24  # words an appositive list after a count may run ("Six people, including ...,")
_LIST_OPENERS = frozenset({"including", "among"})  # ", including two children," / ", among them"
CLAUSE_BREAKS = frozenset({".", ";", "—", "–", ":", "?", "!"})  # tokens that end a clause
_ABBREVIATIONS = tables.words("clause_abbreviations.txt")
_CLAUSE_OPENERS = frozenset({"when", "after", "while", "before", "as", "because", "since"})
_CONJUNCTIONS = frozenset({"and", "but", "or", "while"})
_TITLES = _ABBREVIATIONS & tables.words("honorifics.txt")  # "Mr.", "Sgt.", "Gov."
# Days and months ("11 p.m. Friday", "11 p.m. Nov. 5").
_CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTHS)


def predicate(inside: Sequence[Token], before: Sequence[Token], after: Sequence[Token]) -> str:
    """The class of the predicate word in the quantity ("11 injured") or nearest it, the
    word after it first at equal distance ("one was wounded" before "killed and one"); ""
    if none within REACH words, or a full stop, semicolon or dash is in the way. "Fatally
    shot", "shot dead" and "shot and killed" are killed. A list that follows the count
    between commas ("Six people, including two officers, an aide and a lobbyist, were
    hurt") is passed over: the words after one of its commas say what happened to them all.
    With none of these, the first after it in its clause (`_later_in_clause`). `after` is
    every word after the quantity; the clause, LIST_REACH and CLAUSE_REACH bound the
    search."""
    for k, t in enumerate(inside):
        if found := _CLASS.get(t.text.lower(), ""):
            return _shot_dead(found, list(inside), k)
    tail = _until_break(list(after), edge=inside[-1] if inside else None)  # "Two U.S. soldiers"
    return _nearest(_CLASS, REACH, before, tail) or _past_list(tail) or _later_in_clause(tail)


def _later_in_clause(tail: list[Token]) -> str:
    """The first predicate within CLAUSE_REACH words after the count, in its clause ("Seven
    alleged members of the gang face multiple charges"); one negated ("have not released
    the names of the 3 victims") says nothing happened. Not before the count: what comes
    that far before it is about something else ("found a man dead along with 2 children").
    Nor past another number, a conjunction after a comma (", and four later died") or a
    word opening a clause of time ("when it crashed, injuring 12"): those start another
    statement."""
    for k, t in enumerate(tail[:CLAUSE_REACH]):
        low = t.text.lower()
        if any(ch.isdigit() for ch in low) or low in _CLAUSE_OPENERS:
            return ""
        if low in _CONJUNCTIONS and k > 0 and tail[k - 1].text == ",":
            return ""
        found = _CLASS.get(low, "")
        if found and not any(negation(w.text) for w in tail[max(0, k - 2) : k]):
            return _shot_dead(found, tail, k)
    return ""


def date_event(date: Sequence[Token], before: Sequence[Token], after: Sequence[Token]) -> str:
    """The class of event a date is given to, from the event word nearest it in its clause
    (`checker/data/date_events.tsv`), the word before it first at equal distance ("shot on
    Saturday and was arrested on Monday"): "died Wednesday night" is the incident, "made her
    first court appearance Thursday" court; "" if none within EVENT_REACH words. Event
    words joined to that one ("shot and later charged Friday") are events of the same
    date: their classes are all given, joined by "|" in sorted order ("arrested|incident")."""
    first, last = (date[0], date[-1]) if date else (None, None)
    left = _until_break(list(reversed(before)), edge=first)[:EVENT_REACH]  # "11 p.m. Friday"
    right = _until_break(list(after), edge=last)[:EVENT_REACH]
    for k in range(EVENT_REACH):
        for side in (left, right):
            if k < len(side) and (found := _EVENT.get(side[k].text.lower(), "")):
                return "|".join(sorted(_joined(found, side[k + 1 :])))
    return ""


# Words that may stand between two event words of one date ("arrested and later charged").
_JOINERS = frozenset({"and", "or", ",", "was", "were", "been", "being", "later", "then", "also"})


def _joined(found: str, rest: Sequence[Token]) -> set[str]:
    """`found` and the classes of the event words that follow it (away from the date) with
    only joining words between."""
    out = {found}
    for t in rest:
        low = t.text.lower()
        if low in _EVENT:
            out.add(_EVENT[low])
        elif low not in _JOINERS:
            break
    return out


def _nearest(
    classes: dict[str, str], reach: int, before: Sequence[Token], tail: list[Token]
) -> str:
    left = _until_break(list(reversed(before)))[:reach]
    right = tail[:reach]
    for k in range(reach):
        for side in (right, left):
            if k < len(side) and (found := classes.get(side[k].text.lower(), "")):
                return _shot_dead(found, side, k)
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
                return _shot_dead(found, span[n + 1 :], k)
    return ""


def _shot_dead(found: str, side: Sequence[Token], k: int) -> str:
    """ "shot" (side[k]) next to a word of killing ("fatally shot", "shot and killed", "men,
    shot and killed") is killed: the word before it and two after, within commas."""
    near = _until_break(list(side[k : k + 3]), frozenset({","}))
    if k > 0 and side[k - 1].text != ",":
        near = [side[k - 1], *near]
    if found == "shot" and any(_CLASS.get(t.text.lower()) == "killed" for t in near):
        return "killed"
    return found


def _until_break(
    toks: list[Token], breaks: frozenset[str] = CLAUSE_BREAKS, edge: Token | None = None
) -> list[Token]:
    """`toks` up to the first clause break; the full stop of an abbreviation ("11 p.m.
    Friday", "Mr. Smith") ends nothing, in either direction of reading. `edge` is the word
    on the other side of toks[0] (the last word of a count, the first of a date): a full
    stop between them that an abbreviation's is no word of the clause ("Two U.S. soldiers",
    "at 11 p.m. Friday") and is left out."""
    if edge is not None and toks and toks[0].text == "." and _after_abbreviation(toks, 0, edge):
        toks = toks[1:]
    for n, t in enumerate(toks):
        if t.text in breaks and not (t.text == "." and _after_abbreviation(toks, n)):
            return toks[:n]
    return toks


def _after_abbreviation(toks: list[Token], n: int, edge: Token | None = None) -> bool:
    """Does the full stop toks[n] end an abbreviation (the token just before it in the
    text, whichever neighbour in `toks` or `edge`, the word beyond toks[0], that is) inside
    a sentence?"""
    dot = toks[n]
    around = [*toks[max(0, n - 1) : n + 2], *([edge] if edge is not None and n == 0 else [])]
    before = [t for t in around if t.end == dot.start]
    after = [t for t in around if t.start >= dot.end]
    return bool(before) and _abbreviation_stop(before[0], after)


def _abbreviation_stop(abbreviation: Token, following: Sequence[Token]) -> bool:
    """Is the full stop after `abbreviation` one inside a sentence: a title's ("Mr. Smith"),
    or one followed by a lower-case word, a number or a day or month ("11 p.m. Friday", not
    "11 p.m. On Friday", where a sentence the segmenter kept whole begins)?"""
    low = abbreviation.text.lower()
    if low not in _ABBREVIATIONS:
        return False
    if low in _TITLES or not following:
        return low in _TITLES
    nxt = following[0].text
    return nxt[:1].islower() or nxt[:1].isdigit() or nxt.lower() in _CALENDAR
