"""Who a sentence says its claim comes from: "per reports", "according to police", "X said"."""

from __future__ import annotations

import re
from functools import lru_cache

_PATTERNS = [
    re.compile(r"\baccording to (?P<who>[^,.;:“”\"]{2,60})", re.I),
    re.compile(
        r"(?:^|,\s*|\s)(?P<per>[Pp]er (?:[\w’'-]+ ){0,3}(?:reports?|media|officials?|"
        r"sources?|data|figures|estimates?|police|statement)\b)"
    ),
    re.compile(
        r"(?P<who>(?:[A-Z][\w’'.-]*\s+){0,4}(?:[A-Z][\w’'.-]*|police|officials|"
        r"authorities|witnesses|experts|analysts|investigators|organi[sz]ers|"
        r"spokesman|spokeswoman|spokesperson|ministry|government|residents))"
        r"\s+(?:said|says|told|reported|estimated|claimed|confirmed|announced)\b"
    ),
    re.compile(r"\b(?:said|says|told reporters|reported)\s+(?P<who>(?:[A-Z][\w’'.-]*\s*){1,4})"),
]
# Each of the last two patterns needs one of these verbs; most sentences have none, and the
# first of them tries at every capital.
_VERB = re.compile(r"(?:said|says|told|reported|estimated|claimed|confirmed|announced)\b")
_VERBLESS = _PATTERNS[:2]


@lru_cache(maxsize=4096)  # every rule asks for each sentence; compute it once
def attribution(sentence: str) -> str:
    """The attribution phrase of a sentence, or "" when it states its claims unattributed."""
    for pat in _PATTERNS if _VERB.search(sentence) else _VERBLESS:
        m = pat.search(sentence)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("per"):
            return groups["per"].strip().lower()
        who = (groups.get("who") or "").strip(" ,")
        if not who or who.split()[0] in ("He", "She", "They", "It", "We", "I", "You"):
            if "according to" in m.group(0).lower() and who:
                return f"according to {who}"
            continue
        if "according to" in m.group(0).lower():
            return f"according to {who}"
        return f"{who} said"
    return ""
