"""The English vocabulary of relative locations: units, number words, hedges, compass points
and the words around place names; compass phrases read as bearings."""

from __future__ import annotations

import math
import re

from geomap.lang.en import TENS, UNITS

UNITS_KM: dict[str, float] = {"km": 1.0, "mi": 1.609344, "m": 0.001, "nmi": 1.852,
                              "ft": 0.0003048, "yd": 0.0009144}
"""Kilometres per unit, keyed by the canonical unit name stored in ``RelativeExpression.unit``."""

UNIT_WORDS = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "klick": "km", "klicks": "km",
    "mile": "mi", "miles": "mi", "mi": "mi",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m", "m": "m",
    "nm": "nmi", "nmi": "nmi",
    "ft": "ft", "feet": "ft", "foot": "ft", "yard": "yd", "yards": "yd", "yd": "yd", "yds": "yd",
}

NUMBER_WORDS = {**UNITS, **TENS}
"""English number words up to ninety, shared with the casualty counts of the events stage."""

SCALE_WORDS = frozenset({"hundred", "thousand"})
"""Scale words a distance may use (their values: :func:`geomap.events.number_words.words_value`)."""

VAGUE_AMOUNTS: dict[tuple[str, ...], float] = {
    ("a", "few"): 3.0, ("few",): 3.0, ("several",): 5.0, ("a", "couple", "of"): 2.0,
    ("a", "couple"): 2.0, ("couple", "of"): 2.0, ("tens", "of"): 30.0,
    ("dozens", "of"): 36.0, ("hundreds", "of"): 300.0, ("a", "dozen"): 12.0,
}
"""Nominal values for vague amounts; the phrase is kept as the hedge ("a few")."""

HEDGES: tuple[tuple[str, ...], ...] = (
    ("no", "more", "than"), ("more", "than"), ("less", "than"), ("fewer", "than"),
    ("up", "to"), ("at", "least"), ("an", "estimated"), ("some",), ("about",), ("around",),
    ("roughly",), ("approximately",), ("approx",), ("nearly",), ("almost",), ("over",),
    ("under",), ("circa",), ("just",), ("only",), ("barely",), ("~",), ("c",),
)

HEDGE_FACTORS: dict[str, float] = {
    "some": 1.5, "about": 1.5, "around": 1.5, "roughly": 1.5, "approximately": 1.5,
    "approx": 1.5, "circa": 1.5, "c": 1.5, "~": 1.5, "an estimated": 1.5,
    "nearly": 2.0, "almost": 2.0, "up to": 2.0, "more than": 2.0, "less than": 2.0,
    "fewer than": 2.0, "over": 2.0, "under": 2.0, "at least": 2.0, "no more than": 2.0,
    "a few": 2.0, "few": 2.0, "several": 2.0, "a couple of": 2.0, "a couple": 2.0,
    "couple of": 2.0, "tens of": 2.0, "dozens of": 2.0, "hundreds of": 2.0, "a dozen": 1.5,
    "just": 1.0, "only": 1.0, "barely": 1.0,
}
"""Multipliers of the distance error for each hedge (see :func:`uncertainty_km`)."""

_POINT_ANGLES = {"n": 0.0, "e": 90.0, "s": 180.0, "w": 270.0}

COMPASS_WORDS = {
    "north": "n", "south": "s", "east": "e", "west": "w",
    "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
}

ABBREVIATIONS = {
    "N", "S", "E", "W", "NE", "NW", "SE", "SW",
    "NNE", "ENE", "ESE", "SSE", "SSW", "WSW", "WNW", "NNW",
}

DESCRIPTORS = {
    "capital", "city", "town", "village", "villages", "district", "province", "region",
    "country", "port", "settlement", "area", "state", "county", "municipality", "suburb",
    "hamlet", "outpost", "base", "camp", "enclave", "oblast", "governorate", "prefecture",
}

CONNECTORS = {"of", "de", "del", "da", "do", "dos", "das", "al", "el", "la", "le", "du",
               "des", "van", "von", "bin", "ibn", "upon", "y"}

NOT_PLACES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "the", "a", "an", "i", "he", "she", "it", "they", "we",
    "this", "that", "there", "police", "officials", "authorities",
}

BORDER_WORDS = {"border", "frontier", "borders"}
"""International border words; "boundary" is left out (county and state boundaries)."""

FUNCTION_WORDS = {
    "and", "or", "but", "on", "in", "at", "with", "to", "from", "for", "of", "that", "which",
    "where", "when", "as", "by", "was", "were", "is", "are", "has", "had", "have", "after",
    "before", "during", "while", "since", "until", "late", "early", "last", "this", "earlier",
    "overnight", "today", "yesterday", "tonight", "into", "near", "who", "said", "says",
}
"""Words that may follow a place name ("near the Golden Gate Bridge on Sunday"); any other
lower-case word after "the X" makes X an adjective ("close to the Arab world")."""

NEAR_PHRASES: tuple[tuple[str, ...], ...] = (
    ("not", "far", "from"), ("in", "the", "vicinity", "of"), ("close", "to"), ("near", "to"),
    ("near",), ("nearby",), ("around",), ("outside", "of"),
)

PRE_HEDGES = ("just", "very", "right", "immediately", "directly", "quite")


def parse_bearing(words: str) -> tuple[float, int] | None:
    """Bearing in degrees and its compass resolution (4, 8 or 16 points) for a compass phrase.

    Accepts "west", "north-west", "northwest", "north west", "north-northwest", "NNW", ...
    Cardinal words count as 8-point (they are points of the 8-wind rose); "due west" is
    reported as 16-point by the caller. None when the phrase is not a compass point.
    """
    words = words.strip()
    if words in ABBREVIATIONS:
        letters = [c.lower() for c in words]
    else:
        letters = []
        for part in re.split(r"[\s-]+", words.lower()):
            if not part:
                continue
            comp = COMPASS_WORDS.get(part)
            if comp is None:
                return None
            letters.extend(comp)
    return _letters_to_bearing(letters)


def _circular_mean(a: float, b: float) -> float:
    x = math.cos(math.radians(a)) + math.cos(math.radians(b))
    y = math.sin(math.radians(a)) + math.sin(math.radians(b))
    return round(math.degrees(math.atan2(y, x)), 9) % 360.0


def _intercardinal(a: str, b: str) -> float | None:
    if a in "ns" and b in "ew":
        return _circular_mean(_POINT_ANGLES[a], _POINT_ANGLES[b])
    return None


def _letters_to_bearing(letters: list[str]) -> tuple[float, int] | None:
    if len(letters) == 1:
        return _POINT_ANGLES[letters[0]], 8
    if len(letters) == 2:
        angle = _intercardinal(letters[0], letters[1])
        return (angle, 8) if angle is not None else None
    if len(letters) == 3:
        inter = _intercardinal(letters[1], letters[2])
        if inter is None or letters[0] not in letters[1:]:
            return None
        return _circular_mean(_POINT_ANGLES[letters[0]], inter), 16
    return None
