"""English numbers in digits and words: one parser for the figures of every English stage.

``parse_number`` reads digits ("1,344", "32") and English number words ("Seventeen",
"two hundred and five", "twenty-one", "a dozen", "two dozen"). Vague quantities ("dozens",
"hundreds", "several", "tens of thousands") give ``None`` by default: a count we cannot state is
better left empty than invented. With ``lower_bound=True`` they give the smallest value the
phrase allows (see :data:`VAGUE_LOWER_BOUNDS`), for callers who want "at least" figures.
Other languages read their numbers with their own ``parse_number`` (:mod:`geomap.lang`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap.lang.en import SCALES, TENS, UNITS, VAGUE_LOWER_BOUNDS

__all__ = ["NUMBER_PATTERN", "NUMBER_RE", "NUMBER_WORDS", "SCALES", "TENS", "UNITS",
           "VAGUE_LOWER_BOUNDS", "parse_number", "words_value"]

NUMBER_WORDS = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen"], key=len, reverse=True))
NUMBER_PATTERN = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s(?:million|thousand))?"
    r"|(?:(?:a|an)\s)?(?:" + NUMBER_WORDS + r")(?:(?:\s(?:and\s)?|-)(?:" + NUMBER_WORDS
    + r")){0,5})"
)
"""Regex source matching one number in digits or words (case-insensitive use)."""

NUMBER_RE = re.compile(r"(?<![\w-])(?:" + NUMBER_PATTERN + r")(?![\w-])", re.IGNORECASE)
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")


def parse_number(text: str, *, lower_bound: bool = False) -> int | None:
    """The integer a number phrase states, or None when it is vague or not a number.

    >>> parse_number("Seventeen"), parse_number("1,344"), parse_number("two hundred and five")
    (17, 1344, 205)
    >>> parse_number("a dozen"), parse_number("dozens"), parse_number("dozens", lower_bound=True)
    (12, None, 24)
    """
    s = " ".join(text.strip().lower().replace("-", " ").split())
    if not s:
        return None
    if s in VAGUE_LOWER_BOUNDS:
        return VAGUE_LOWER_BOUNDS[s] if lower_bound else None
    m = _DIGITS.fullmatch(s.split(" ")[0])
    if m is not None:
        if len(m.group(0)) > 15:  # no count of people has 16 digits (and float() would overflow)
            return None
        value = float(m.group(0).replace(",", ""))
        rest = s[m.end() :].strip()
        if rest:
            if rest not in SCALES:
                return None
            value *= SCALES[rest]
        return int(value)
    return words_value(s.split(" "))


def words_value(words: Sequence[str]) -> int | None:
    """The value of lower-case English number words, one word a string (["two", "hundred",
    "and", "five"] -> 205; a leading "a" is one: "a dozen"); None when a word is not a number
    word. The one English number-word parser: :func:`parse_number` and the distances of
    :mod:`geomap.locate.relative` read their words with it."""
    total = 0
    current = 0
    seen = False
    for i, w in enumerate(words):
        if w in ("a", "an") and i == 0 and len(words) > 1:
            current = 1
            continue
        if w == "and" and seen:
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in ("thousand", "million"):
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None
