"""Choosing among overlapping matches: the longest first, and none that is part of a sports
club's name or names a thing ("Real Madrid", "Molotov cocktails")."""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from geomap.lang.en import THING_NAMED_AFTER_PLACE
from geomap.recognize._cues import word_before
from geomap.recognize.words import CLUB_HEADS, CLUB_TAILS


class Span(Protocol):
    """A match: ``text[start:end]``."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Span)
_CLUB_TAIL = re.compile(
    r"[ \t](?:" + "|".join(re.escape(w) for w in sorted(CLUB_TAILS, key=len, reverse=True))
    + r")(?![\w-])"
)


def longest_first(accepted: list[tuple[S, str]], n: int) -> list[tuple[S, str]]:
    """Non-overlapping matches, longest first (ties: earlier first); ``n`` is the text length."""
    order = sorted(accepted, key=lambda mk: (-(mk[0].end - mk[0].start), mk[0].start))
    taken = bytearray(n)  # 1 where a chosen match is (linear overall, a byte a character)
    chosen: list[tuple[S, str]] = []
    for m, kind in order:
        if 1 in taken[m.start:m.end]:
            continue
        taken[m.start:m.end] = b"\1" * (m.end - m.start)
        chosen.append((m, kind))
    chosen.sort(key=lambda mk: mk[0].start)
    return chosen


def drop_club_names(
    text: str, chosen: list[tuple[S, str]]
) -> list[tuple[S, str]]:
    """Drop places that are part of a sports club's name ("Manchester United", "Real Madrid",
    and both halves of "Paris Saint-Germain"): see ``CLUB_TAILS`` / ``CLUB_HEADS``; and those
    that name a thing ("Molotov cocktails", ``THING_NAMED_AFTER_PLACE``)."""
    out: list[tuple[S, str]] = []
    club_until = -1  # end of the last club name's tail word
    for m, kind in chosen:
        if m.start < club_until:  # "Saint-Germain" in "Paris Saint-Germain"
            continue
        if THING_NAMED_AFTER_PLACE.match(text, m.end) is not None:
            continue  # "Molotov cocktails"
        tail = _CLUB_TAIL.match(text, m.end, min(len(text), m.end + 16))
        if tail and kind != "abbreviation":
            club_until = tail.end()
            continue
        prev = word_before(text, m.start)
        if prev and prev[0].isupper() and prev.lower() in CLUB_HEADS:
            head_start = m.start - len(prev) - 1
            if out and out[-1][0].start >= head_start - 1:  # "Bayern" in "Bayern Munich"
                out.pop()
            continue
        out.append((m, kind))
    return out
