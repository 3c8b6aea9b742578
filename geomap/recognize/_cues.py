"""Cues in the text around a name that the recognizer weighs: the words before and after it,
a sentence start, a dateline, a container after it ("Monroe, La.", "Franklin County").

Every pattern is bounded (fixed windows or bounded repetition), so the work per name is
constant.
"""

from __future__ import annotations

import re

from geomap.gazetteer.normalize import name_key
from geomap.recognize.words import PLACE_CONTINUATIONS

_WORD_AFTER = re.compile(r"[ \t]{0,3}([^\W\d_][\w'’.-]{0,40})")
_SENTENCE_END = set(".!?\n\r:;•|\"“”([{")


_FRENCH_AREA = re.compile(r"([^\W\d_]{4,12})[ \t]+(?:de[ \t]+la[ \t]+|de[ \t]+|du[ \t]+|d['’])$")


def french_area_before(text: str, start: int) -> str | None:
    """The English feature word for a French area word before a name ("région de Mopti" ->
    "region"), else None (:data:`geomap.lang.fr.AREA_BEFORE`)."""
    from geomap.lang import fr

    m = _FRENCH_AREA.search(text, max(0, start - 24), start)
    return fr.AREA_BEFORE.get(name_key(m.group(1))) if m else None


def word_before(text: str, pos: int) -> str | None:
    """The word before ``pos`` across 1-3 blanks (and a dot) within 48 characters, scanned
    backwards in one pass (a regex search there tries every start in the window, once the
    recognizer's largest cost on long texts)."""
    lo = max(0, pos - 48)
    if pos > lo and text[pos - 1] == "\n":
        pos -= 1  # as ``$`` also matches before a final newline
    j = pos
    while j > lo and text[j - 1] in " \t":
        j -= 1
    if not 1 <= pos - j <= 3:
        return None
    if j > lo and text[j - 1] == ".":
        j -= 1
    k = j
    while k > lo and (text[k - 1].isalnum() or text[k - 1] in "_'’-"):
        k -= 1
    for s in range(max(k, j - 41), j):
        if text[s].isalnum() and not text[s].isdecimal():
            return text[s:j]
    return None


def word_after(text: str, pos: int) -> str | None:
    mm = _WORD_AFTER.match(text, pos, min(len(text), pos + 48))
    return mm.group(1) if mm else None


def followed_by_container(text: str, end: int) -> bool:
    """"Monroe, La.", "Franklin County": the name is followed by a comma and a capital or by
    a place word, a strong sign of a place."""
    after = text[end:end + 3]
    if after.startswith(", ") and after[2:3].isupper():
        return True
    nxt = word_after(text, end)
    return bool(nxt) and nxt.lower() in PLACE_CONTINUATIONS


def dateline(text: str, start: int, end: int) -> bool:
    """An all-capitals name opening a line or followed by a dateline mark ("CHARLESTON, W.Va.
    --", "PARIS (AFP)")."""
    before = text[max(0, start - 2):start]
    if start == 0 or "\n" in before:
        return True
    after = text[end:end + 2].lstrip(" ")
    return bool(after) and after[0] in ",(-\u2013\u2014:"


def sentence_initial(text: str, pos: int) -> bool:
    """True when only spaces, quotes or dashes separate ``pos`` from a sentence boundary."""
    i = pos - 1
    limit = max(-1, pos - 12)
    while i > limit:
        ch = text[i]
        if ch in " \t'‘’-–—*#>":
            i -= 1
            continue
        return ch in _SENTENCE_END or (ch == "." )
    return i <= 0
