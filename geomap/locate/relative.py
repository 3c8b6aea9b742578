"""Relative location expressions: "some 50 kilometres (30 miles) west of Dushanbe".

The parser tokenises the text once with a single regex that has no nested quantifiers (words,
numbers, single punctuation marks) and then tries a small hand-written grammar at each token
with a bounded look-ahead (at most a few dozen tokens), so it runs in linear time on any input,
including pathological runs of digits, spaces or capitalised words.

Grammar (case-insensitive except place names and compass abbreviations)::

    [hedge] quantity [(conversion)] [to the | due] bearing (of|from) ANCHOR   -> offset
    [hedge] quantity [(conversion)] [away] from ANCHOR                        -> offset, no bearing
    [hedge] quantity [(conversion)] outside [of] ANCHOR                       -> outside
    [hedge] quantity [(conversion)] off [the coast of] ANCHOR                 -> offset, no bearing
    [hedge] quantity ... (from|bearing of) BORDER                             -> from_border
    [just] (near [to] | close to | not far from | nearby | in the vicinity of | around) ANCHOR
                                                                              -> near
    (just | immediately | directly) bearing of ANCHOR                         -> offset, no distance
    [on|in|at] the outskirts of ANCHOR                                        -> outskirts
    [just] outside [of] ANCHOR                                                -> outside
    (on|at|along|across|astride) BORDER                                       -> on_border
    (near|close to|...) BORDER                                                -> from_border

``quantity`` is a figure (``50``, ``1,200``, ``2.5``) or number words (``ten``, ``twenty-five``,
``a``, ``half a``) or a vague amount (``a few`` = 3, ``several`` = 5, ``a couple of`` = 2,
``tens of`` = 30, ``dozens of`` = 36), followed by a unit: km/kms/kilometre(s)/kilometer(s),
mile(s)/mi, metre(s)/meter(s)/m, nautical mile(s)/nm/nmi, feet/ft, yard(s). A parenthesised
conversion right after the unit ("(30 miles)") is skipped: the first figure wins.

``bearing`` is any of the 16 compass points as words ("north", "north-east", "northeast",
"north east", "north-northeast", "east-north-east") or upper-case abbreviations (N, NNE, NE,
ENE, ...), optionally "due"/"to the".

``ANCHOR`` is a run of capitalised words (up to six, joined by "of", "de", "al", "el", ...),
optionally after "the <descriptor> [of]" ("the Tajik capital Dushanbe", "the town of X");
``BORDER`` is "the border [with Y | between X and Y]" or "the Afghan border" / "the
Tajik-Afghan frontier". For "the border with Y" the anchor is "Y"; for "the Afghan border"
it is the whole phrase.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace

from geomap import geo
from geomap.lang import LanguageData, current, is_english
from geomap.lang.en import TENS, UNITS
from geomap.types import Anchor, Location, Place, RelativeExpression

# --------------------------------------------------------------------------------------------
# Tokens

_TOKEN = re.compile(r"\d[\d.,]*|[^\W\d_][\w'’-]*|\S")
"""Numbers, words (letters first, then word chars, apostrophes, hyphens), single symbols."""

_MAX_NUMBER_CHARS = 15


class _Tok:
    """One token; a plain slotted class because millions are made (dataclass init is slower)."""

    __slots__ = ("end", "is_number", "is_word", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.low = text.lower()
        self.start = start
        self.end = end
        self.is_word = text[:1].isalpha()
        self.is_number = text[:1].isdigit()


def _tokenize(text: str, start: int, end: int) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group()
        if word[0].isdigit():
            # Trailing sentence punctuation belongs to the sentence, not the number.
            stripped = word.rstrip(".,")
            e = s + len(stripped)
            word = stripped
        elif word[0].isalpha():
            stripped = word.rstrip("-'’")
            e = s + len(stripped)
            word = stripped
        toks.append(_Tok(word, s, e))
    return toks


# --------------------------------------------------------------------------------------------
# Vocabulary

UNITS_KM: dict[str, float] = {"km": 1.0, "mi": 1.609344, "m": 0.001, "nmi": 1.852,
                              "ft": 0.0003048, "yd": 0.0009144}
"""Kilometres per unit, keyed by the canonical unit name stored in ``RelativeExpression.unit``."""

_UNIT_WORDS = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "klick": "km", "klicks": "km",
    "mile": "mi", "miles": "mi", "mi": "mi",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m", "m": "m",
    "nm": "nmi", "nmi": "nmi",
    "ft": "ft", "feet": "ft", "foot": "ft", "yard": "yd", "yards": "yd", "yd": "yd", "yds": "yd",
}

_NUMBER_WORDS = {**UNITS, **TENS}
"""English number words up to ninety, shared with the casualty counts of the events stage."""
_SCALE_WORDS = {"hundred": 100, "thousand": 1000}

_VAGUE_AMOUNTS: dict[tuple[str, ...], float] = {
    ("a", "few"): 3.0, ("few",): 3.0, ("several",): 5.0, ("a", "couple", "of"): 2.0,
    ("a", "couple"): 2.0, ("couple", "of"): 2.0, ("tens", "of"): 30.0,
    ("dozens", "of"): 36.0, ("hundreds", "of"): 300.0, ("a", "dozen"): 12.0,
}
"""Nominal values for vague amounts; the phrase is kept as the hedge ("a few")."""

_HEDGES: tuple[tuple[str, ...], ...] = (
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
_COMPASS_WORDS = {
    "north": "n", "south": "s", "east": "e", "west": "w",
    "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
}
_ABBREVIATIONS = {
    "N", "S", "E", "W", "NE", "NW", "SE", "SW",
    "NNE", "ENE", "ESE", "SSE", "SSW", "WSW", "WNW", "NNW",
}

_DESCRIPTORS = {
    "capital", "city", "town", "village", "villages", "district", "province", "region",
    "country", "port", "settlement", "area", "state", "county", "municipality", "suburb",
    "hamlet", "outpost", "base", "camp", "enclave", "oblast", "governorate", "prefecture",
}
_CONNECTORS = {"of", "de", "del", "da", "do", "dos", "das", "al", "el", "la", "le", "du",
               "des", "van", "von", "bin", "ibn", "upon", "y"}
_NOT_PLACES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "the", "a", "an", "i", "he", "she", "it", "they", "we",
    "this", "that", "there", "police", "officials", "authorities",
}
_BORDER_WORDS = {"border", "frontier", "borders"}
"""International border words; "boundary" is left out (county and state boundaries)."""


# --------------------------------------------------------------------------------------------
# Bearings


def parse_bearing(words: str) -> tuple[float, int] | None:
    """Bearing in degrees and its compass resolution (4, 8 or 16 points) for a compass phrase.

    Accepts "west", "north-west", "northwest", "north west", "north-northwest", "NNW", ...
    Cardinal words count as 8-point (they are points of the 8-wind rose); "due west" is
    reported as 16-point by the caller. None when the phrase is not a compass point.
    """
    words = words.strip()
    if words in _ABBREVIATIONS:
        letters = [c.lower() for c in words]
    else:
        letters = []
        for part in re.split(r"[\s-]+", words.lower()):
            if not part:
                continue
            comp = _COMPASS_WORDS.get(part)
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


# --------------------------------------------------------------------------------------------
# Grammar pieces: each takes (toks, i) and returns a result and the next index, or None.


@dataclass(frozen=True, slots=True)
class _Quantity:
    value: float
    unit: str
    hedge: str | None
    start: int


@dataclass(frozen=True, slots=True)
class _AnchorSpan:
    text: str
    start: int
    end: int
    border: bool


def _low(toks: list[_Tok], i: int) -> str:
    return toks[i].low if i < len(toks) else ""


def _seq(toks: list[_Tok], i: int, words: tuple[str, ...]) -> int | None:
    """Index after ``words`` if they occur at ``i``, else None."""
    for k, word in enumerate(words):
        if _low(toks, i + k) != word:
            return None
    return i + len(words)


def _number(tok: _Tok) -> float | None:
    text = tok.text
    if len(text) > _MAX_NUMBER_CHARS:
        return None
    parts = text.split(",")
    if len(parts) > 1:
        if 1 <= len(parts[0]) <= 3 and all(len(p.split(".")[0]) == 3 for p in parts[1:]):
            text = "".join(parts)
        elif len(parts) == 2:
            text = parts[0] + "." + parts[1]
        else:
            return None
    try:
        return float(text)
    except ValueError:
        return None


def _number_words(toks: list[_Tok], i: int) -> tuple[float, int] | None:
    """Number words ("ten", "twenty-five", "a hundred", "half a") -> (value, next index)."""
    if _seq(toks, i, ("half", "a")) is not None or _seq(toks, i, ("half", "an")) is not None:
        return 0.5, i + 2
    total = 0.0
    current = 0.0
    j = i
    seen = False
    while j < len(toks) and j - i < 6:
        low = toks[j].low
        parts = low.split("-")
        if all(p in _NUMBER_WORDS for p in parts) and parts[0]:
            current += sum(_NUMBER_WORDS[p] for p in parts)
            seen = True
        elif low in ("a", "an") and not seen and j + 1 < len(toks) and (
            toks[j + 1].low in _SCALE_WORDS
        ):
            current = 1.0
        elif low in _SCALE_WORDS and (seen or current):
            current = max(current, 1.0) * _SCALE_WORDS[low]
            if low == "thousand":
                total += current
                current = 0.0
            seen = True
        elif low == "and" and seen and j + 1 < len(toks) and toks[j + 1].low.split("-")[0] in (
            _NUMBER_WORDS
        ):
            pass
        else:
            break
        j += 1
    if not seen:
        if _low(toks, i) in ("a", "an"):
            return 1.0, i + 1
        return None
    return total + current, j


def _unit(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    if i >= len(toks):
        return None
    tok = toks[i]
    if tok.low == "nautical" and _low(toks, i + 1) in ("mile", "miles"):
        return "nmi", i + 2
    if tok.text == "M":  # "50M" is millions far more often than metres
        return None
    unit = _UNIT_WORDS.get(tok.low)
    if unit is None:
        return None
    return unit, i + 1


def _by_first(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(phrases, key=len, reverse=True):
        table.setdefault(words[0], []).append(words)
    return table


_HEDGES_BY_FIRST = _by_first(_HEDGES)
_VAGUE_BY_FIRST = _by_first(_VAGUE_AMOUNTS)


def _hedge(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    for words in _HEDGES_BY_FIRST.get(_low(toks, i), ()):
        j = _seq(toks, i, words)
        if j is not None:
            if words == ("c",) and _low(toks, j) == ".":
                j += 1
            return " ".join(words), j
    return None


def _quantity(toks: list[_Tok], i: int) -> tuple[_Quantity, int] | None:
    """[hedge] (figure | number words | vague amount) [-] unit."""
    start = i
    hedge: str | None = None
    found = _hedge(toks, i)
    if found is not None:
        hedge, i = found
    value: float | None = None
    for words in _VAGUE_BY_FIRST.get(_low(toks, i), ()):
        j = _seq(toks, i, words)
        if j is not None and _unit(toks, j) is not None:
            value, i = _VAGUE_AMOUNTS[words], j
            hedge = " ".join(words) if hedge is None else hedge
            break
    if value is None and i < len(toks) and toks[i].is_number:
        value = _number(toks[i])
        i += 1
    elif value is None:
        words = _number_words(toks, i)
        if words is not None:
            value, i = words
    if value is None:
        return None
    if _low(toks, i) in ("-", "–"):
        i += 1
    unit = _unit(toks, i)
    if unit is None:
        return None
    name, i = unit
    return _Quantity(value, name, hedge, toks[start].start), i


def _skip_conversion(toks: list[_Tok], i: int) -> int:
    """Skip "(30 miles)" right after a quantity; the first figure wins."""
    if _low(toks, i) != "(":
        return i
    for j in range(i + 1, min(i + 10, len(toks))):
        if toks[j].text == ")":
            return j + 1
        if toks[j].text == "(":
            break
    return i


def _bearing(
    text: str, toks: list[_Tok], i: int
) -> tuple[float, int, str, int] | None:
    """[to the | due] compass phrase -> (bearing_deg, points, phrase, next index)."""
    j = _seq(toks, i, ("to", "the"))
    if j is None:
        j = i
    due = _low(toks, j) == "due"
    if due:
        j += 1
    best: tuple[float, int, str, int] | None = None
    for k in range(j, min(j + 3, len(toks))):
        tok = toks[k]
        if not tok.is_word or not (
            tok.text in _ABBREVIATIONS or all(p in _COMPASS_WORDS for p in tok.low.split("-"))
        ):
            break
        phrase = text[toks[j].start : tok.end]
        parsed = parse_bearing(phrase)
        if parsed is not None:
            angle, points = parsed
            shown = text[toks[j - 1].start : tok.end] if due else phrase
            best = (angle, 16 if due else points, shown, k + 1)
    return best


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    """True when only spaces (no line break) separate two tokens."""
    return text.count("\n", a.end, b.start) == 0


def _is_cap(tok: _Tok) -> bool:
    return tok.text[0].isalpha() and tok.text[0].isupper() and tok.low not in _NOT_PLACES


_FUNCTION_WORDS = {
    "and", "or", "but", "on", "in", "at", "with", "to", "from", "for", "of", "that", "which",
    "where", "when", "as", "by", "was", "were", "is", "are", "has", "had", "have", "after",
    "before", "during", "while", "since", "until", "late", "early", "last", "this", "earlier",
    "overnight", "today", "yesterday", "tonight", "into", "near", "who", "said", "says",
}
"""Words that may follow a place name ("near the Golden Gate Bridge on Sunday"); any other
lower-case word after "the X" makes X an adjective ("close to the Arab world")."""


def _cap_run(text: str, toks: list[_Tok], i: int, limit: int = 6) -> int | None:
    """Index after a run of capitalised words starting at ``i`` (bounded), or None.

    The run may not start with a single letter ("U" of "U.S.") and may not be only compass
    words ("Near East", "North").
    """
    if i >= len(toks) or not _is_cap(toks[i]) or len(toks[i].text) < 2:
        return None
    end = _cap_run_end(text, toks, i, limit)
    if all(toks[k].low in _COMPASS_WORDS for k in range(i, end)):
        return None
    return end


def _cap_run_end(text: str, toks: list[_Tok], i: int, limit: int) -> int:
    last, j, count = i, i + 1, 1
    while j < len(toks) and count < limit and _adjacent(text, toks[j - 1], toks[j]):
        if _is_cap(toks[j]):
            last, j, count = j, j + 1, count + 1
        elif (
            toks[j].low in _CONNECTORS
            and j + 1 < len(toks)
            and _is_cap(toks[j + 1])
            and _adjacent(text, toks[j], toks[j + 1])
        ):
            last, j, count = j + 1, j + 2, count + 2
        else:
            break
    return last + 1


def _span(text: str, toks: list[_Tok], i: int, j: int, border: bool) -> _AnchorSpan:
    start, end = toks[i].start, toks[j - 1].end
    phrase = text[start:end]
    for suffix in ("'s", "’s"):
        if phrase.endswith(suffix) and len(phrase) > len(suffix):
            phrase = phrase[: -len(suffix)]
            end -= len(suffix)
    return _AnchorSpan(phrase, start, end, border)


def _anchor(text: str, toks: list[_Tok], i: int) -> tuple[_AnchorSpan, int] | None:
    """A place phrase or a border phrase starting at ``i``."""
    if i >= len(toks):
        return None
    if toks[i].low == "the":
        border = _border_after_the(text, toks, i)
        if border is not None:
            return border
        # "the [Tajik] capital [of|,] Dushanbe", "the town of X": skip the descriptor.
        for d in range(i + 1, min(i + 5, len(toks))):
            if toks[d].low in _DESCRIPTORS:
                k = d + 1
                if _low(toks, k) in ("of", ","):
                    k += 1
                end = _cap_run(text, toks, k)
                if end is not None:
                    return _span(text, toks, k, end, False), end
                return None
            if not toks[d].is_word:
                break
        end = _cap_run(text, toks, i + 1)
        if end is None:
            return None
        following = toks[end] if end < len(toks) else None
        if following is not None and following.is_word and following.text[0].islower() and (
            following.low not in _FUNCTION_WORDS
        ):
            return None  # "close to the Arab world": an adjective, not a place
        return _span(text, toks, i + 1, end, False), end
    end = _cap_run(text, toks, i)
    if end is None:
        return None
    if toks[end - 1].low in _BORDER_WORDS or _low(toks, end) in _BORDER_WORDS:
        # "Afghan border" without "the"
        stop = end if toks[end - 1].low in _BORDER_WORDS else end + 1
        return _span(text, toks, i, stop, True), stop
    return _span(text, toks, i, end, False), end


def _border_after_the(text: str, toks: list[_Tok], i: int) -> tuple[_AnchorSpan, int] | None:
    """"the border [with Y | between X and Y]" or "the Afghan [-Tajik] border"."""
    j = i + 1
    if _low(toks, j) in _BORDER_WORDS:
        if _low(toks, j + 1) == "with":
            end = _cap_run(text, toks, j + 2)
            if end is not None:
                return _span(text, toks, j + 2, end, True), end
        if _low(toks, j + 1) == "between":
            first = _cap_run(text, toks, j + 2, limit=3)
            if first is not None and _low(toks, first) == "and":
                second = _cap_run(text, toks, first + 1, limit=3)
                if second is not None:
                    return _span(text, toks, j + 2, second, True), second
        return _span(text, toks, i, j + 1, True), j + 1
    k = j
    while k < len(toks) and k - j < 3 and _is_cap(toks[k]):
        k += 1
    if k > j and _low(toks, k) in _BORDER_WORDS:
        return _span(text, toks, i, k + 1, True), k + 1
    return None


# --------------------------------------------------------------------------------------------
# Expressions


_NEAR_PHRASES: tuple[tuple[str, ...], ...] = (
    ("not", "far", "from"), ("in", "the", "vicinity", "of"), ("close", "to"), ("near", "to"),
    ("near",), ("nearby",), ("around",), ("outside", "of"),
)
_PRE_HEDGES = ("just", "very", "right", "immediately", "directly", "quite")


def _start_words() -> frozenset[str]:
    words = {w[0] for w in _HEDGES} | {w[0] for w in _VAGUE_AMOUNTS} | set(_NUMBER_WORDS)
    words |= {w.split("-")[0] for w in _NUMBER_WORDS} | {"a", "an", "half"}
    words |= set(_PRE_HEDGES) | {w[0] for w in _NEAR_PHRASES}
    words |= {"on", "in", "at", "along", "across", "astride", "straddling", "outskirts",
              "outside", "the"}
    return frozenset(words)


_QUANTITY_SPAN = 12
"""A quantity's unit is at most this many tokens after its first (hedge 3, number words 6,
"-", unit): with no unit word that close, no quantity can start here."""


def _expression(text: str, toks: list[_Tok], i: int,
                quantity: bool = True) -> tuple[RelativeExpression, int] | None:
    tok = toks[i]
    if not tok.is_number and tok.low not in _START_WORDS and tok.low.split("-")[0] not in (
        _NUMBER_WORDS
    ):
        return None
    found = _quantity_expression(text, toks, i) if quantity else None
    if found is None and tok.low in _PHRASE_STARTS:
        found = _phrase_expression(text, toks, i)
    return found


def _make(
    text: str, start: int, anchor: _AnchorSpan, relation: str, **fields: object
) -> RelativeExpression:
    return RelativeExpression(
        start=start, end=anchor.end, text=text[start : anchor.end], relation=relation,  # type: ignore[arg-type]
        anchor_text=anchor.text, anchor_start=anchor.start, anchor_end=anchor.end,
        **fields,  # type: ignore[arg-type]
    )


def _quantity_expression(
    text: str, toks: list[_Tok], i: int
) -> tuple[RelativeExpression, int] | None:
    found = _quantity(toks, i)
    if found is None:
        return None
    qty, j = found
    j = _skip_conversion(toks, j)
    if _low(toks, j) in ("further", "farther"):
        j += 1
    dist = {
        "distance": qty.value, "unit": qty.unit, "distance_km": qty.value * UNITS_KM[qty.unit],
        "hedge": qty.hedge,
    }
    bearing = _bearing(text, toks, j)
    if bearing is not None:
        angle, _points, btext, k = bearing
        if _low(toks, k) in ("of", "from"):
            anchor = _anchor(text, toks, k + 1)
            if anchor is not None:
                span, end = anchor
                relation = "from_border" if span.border else "offset"
                expr = _make(text, qty.start, span, relation, bearing_deg=angle,
                             bearing_text=btext, **dist)
                return expr, end
        return None
    k = j
    if _low(toks, k) == "away":
        k += 1
    word = _low(toks, k)
    relation: str | None = None
    if word == "from":
        k += 1
        relation = "offset"
    elif word == "outside":
        k += 1
        if _low(toks, k) == "of":
            k += 1
        relation = "outside"
    elif word == "off":
        k += 1
        coast = _seq(toks, k, ("the", "coast", "of"))
        k = coast if coast is not None else k
        relation = "offset"
    if relation is None:
        return None
    anchor = _anchor(text, toks, k)
    if anchor is None:
        return None
    span, end = anchor
    if span.border:
        relation = "from_border"
    return _make(text, qty.start, span, relation, **dist), end


def _phrase_expression(
    text: str, toks: list[_Tok], i: int
) -> tuple[RelativeExpression, int] | None:
    start = i
    first = toks[i]
    if first.text[0].isupper() and i > 0 and toks[i - 1].text not in ".!?\"“”'" and (
        text.count("\n", toks[i - 1].end, first.start) == 0
    ):
        return None  # "Near North Side", "Outside Lands": part of a name, not a relation
    hedge: str | None = None
    if _low(toks, i) in _PRE_HEDGES:
        hedge = toks[i].low
        i += 1
    # outskirts
    j = i
    if _low(toks, j) in ("on", "in", "at"):
        j += 1
    k = _seq(toks, j, ("the", "outskirts", "of"))
    if k is None:
        k = _seq(toks, j, ("outskirts", "of"))
    if k is not None:
        anchor = _anchor(text, toks, k)
        if anchor is not None and not anchor[0].border:
            return _make(text, toks[start].start, anchor[0], "outskirts", hedge=hedge), anchor[1]
        return None
    # on the border
    if _low(toks, i) in ("on", "at", "along", "across", "astride", "straddling"):
        anchor = _anchor(text, toks, i + 1)
        if anchor is not None and anchor[0].border:
            return _make(text, toks[start].start, anchor[0], "on_border", hedge=hedge), anchor[1]
        return None
    # outside
    if _low(toks, i) == "outside" and _low(toks, i + 1) != "of":
        anchor = _anchor(text, toks, i + 1)
        if anchor is not None:
            relation = "from_border" if anchor[0].border else "outside"
            return _make(text, toks[start].start, anchor[0], relation, hedge=hedge), anchor[1]
        return None
    # "just north of X": a direction without a distance, only with a closeness hedge
    if hedge in ("just", "immediately", "directly"):
        bearing = _bearing(text, toks, i)
        if bearing is not None and _low(toks, bearing[3]) == "of":
            anchor = _anchor(text, toks, bearing[3] + 1)
            if anchor is not None and not anchor[0].border:
                return _make(text, toks[start].start, anchor[0], "offset", hedge=hedge,
                             bearing_deg=bearing[0], bearing_text=bearing[2]), anchor[1]
    # near and friends
    for words in _NEAR_PHRASES:
        k = _seq(toks, i, words)
        if k is None:
            continue
        anchor = _anchor(text, toks, k)
        if anchor is None:
            return None
        relation = "from_border" if anchor[0].border else (
            "outside" if words == ("outside", "of") else "near"
        )
        return _make(text, toks[start].start, anchor[0], relation, hedge=hedge), anchor[1]
    return None


_START_WORDS = _start_words()
"""Tokens an expression can start with; other tokens are skipped at once."""
_PHRASE_STARTS = frozenset(
    set(_PRE_HEDGES) | {w[0] for w in _NEAR_PHRASES}
    | {"on", "in", "at", "the", "outskirts", "along", "across", "astride", "straddling", "outside"}
)
"""The first words :func:`_phrase_expression` can match ("near", "on the outskirts of", ...):
for any other token (a number, say) it is not called."""


def parse_relative(text: str, start: int = 0, end: int | None = None, *,
                   limit: int | None = None) -> list[RelativeExpression]:
    """Every relative location expression in ``text[start:end]``, in text order (the first
    ``limit`` of them, when given).

    Offsets (``start``, ``end``, ``anchor_start``, ``anchor_end``) index into ``text``.
    Expressions do not overlap. Runs in time linear in the length of the slice; only the parts
    near a possible first word (a number, "near", "outside", ...) are tokenised.
    """
    start = max(0, start)
    end = len(text) if end is None else min(end, len(text))
    if not is_english():
        return _language_relatives(text, start, end, limit, current())
    out: list[RelativeExpression] = []
    chunk: _Chunk | None = None
    resume = start  # tokens starting before this are inside the last expression
    prev_start = start
    for m in _TOKEN.finditer(text, start, end):
        pos = m.start()
        lo, prev_start = prev_start, pos
        if pos < resume or not _could_start(m.group()):
            continue
        if chunk is None or lo < chunk.lo or (
            chunk.hi < end and chunk.hi < m.end() + _CHUNK_AHEAD
        ):
            chunk = _Chunk(text, lo, end, pos)
        i = chunk.index(pos)
        if i is None:
            continue
        toks = chunk.toks
        found = _expression(text, toks, i, quantity=chunk.next_unit[i] - i < _QUANTITY_SPAN)
        if found is None:
            continue
        expr, nxt = found
        out.append(expr)
        if limit is not None and len(out) >= limit:
            break
        k = max(nxt, i + 1)
        resume = toks[k].start if k < len(toks) else chunk.hi
    return out


_CHUNK_CHARS = 20_000
"""Characters tokenised at a time around expression starts (the rest of a text is skipped)."""
_CHUNK_AHEAD = 2_000
"""Room an expression needs after its first token (a few dozen tokens in practice)."""


def _could_start(word: str) -> bool:
    """Whether the token ``word`` (as :data:`_TOKEN` found it) passes :func:`_expression`'s
    first test, without making a token object for the many that do not."""
    if word[0].isdigit():
        return True
    low = word.rstrip("-'’").lower() if word[0].isalpha() else word.lower()
    return low in _START_WORDS or low.split("-")[0] in _NUMBER_WORDS


class _Chunk:
    """Tokens of ``text[lo:hi]`` (``lo`` a token start) with, for each, the index of the next
    unit word: a quantity is only tried near one (number words would otherwise be parsed as
    each six-word run, six times over)."""

    def __init__(self, text: str, lo: int, end: int, pos: int) -> None:
        hi = min(end, pos + _CHUNK_CHARS)
        space = text.find(" ", hi, min(end, hi + _CHUNK_AHEAD))  # do not cut a word
        self.lo = lo
        self.hi = hi if hi == end else (space if space >= 0 else hi)
        self.toks = _tokenize(text, lo, self.hi)
        self.starts = [t.start for t in self.toks]
        n = len(self.toks)
        self.next_unit = [n + _QUANTITY_SPAN] * (n + 1)
        for j in range(n - 1, -1, -1):
            low = self.toks[j].low
            self.next_unit[j] = (
                j if low in _UNIT_WORDS or low == "nautical" else self.next_unit[j + 1])

    def index(self, pos: int) -> int | None:
        i = bisect_left(self.starts, pos)
        return i if i < len(self.starts) and self.starts[i] == pos else None


# --------------------------------------------------------------------------------------------
# Uncertainty and location

NEAR_KM = 10.0
"""Radius for "near X", "close to X", "not far from X" (the point is the anchor itself)."""
OUTSKIRTS_KM = 5.0
"""Radius for "on the outskirts of X"."""
OUTSIDE_KM = 10.0
"""Radius for "outside X"; "just outside X" uses :data:`JUST_OUTSIDE_KM`."""
JUST_OUTSIDE_KM = 5.0
BORDER_KM = 25.0
"""Across-border uncertainty of a vague border phrase ("near the border", "on the border")."""
MAX_RELATIVE_DISTANCE_KM = 2000.0
"""A stated distance beyond this is not a location: reports measure from a place named because
it is near ("300 km off the coast of", "1,500 km from Moscow" at most); a bigger figure is a
typo, a joke or an attack ("1,000,000,000 km north of Kabul" wrapped around the globe)."""

_HALF_WIDTH_DEG = {16: 11.25, 8: 22.5}


def bearing_resolution(expr: RelativeExpression) -> int | None:
    """16 for 16-point bearings (and "due west"), 8 for 8-point ones, None without bearing."""
    if expr.bearing_text is None:
        return None
    text = expr.bearing_text
    due = text.lower().startswith("due ")
    parsed = parse_bearing(text[4:] if due else text)
    if parsed is None:
        return None
    return 16 if due else parsed[1]


def distance_error_km(expr: RelativeExpression) -> float:
    """Error of the stated distance: max(1 km, 10 % of it) times the hedge factor."""
    if expr.distance_km is None:
        return 0.0
    factor = HEDGE_FACTORS.get(expr.hedge or "", 1.0)
    return max(1.0, 0.1 * expr.distance_km) * factor


def uncertainty_km(expr: RelativeExpression) -> float:
    """Radius (km) around the computed point within which the place very likely lies.

    Model (documented, deliberately simple):

    - distance error ``e = max(1 km, 10 % of the distance)``, times 1.5 for approximate hedges
      ("some", "about", "around", "roughly", "approximately") and 2 for one-sided or vague
      ones ("nearly", "up to", "more than", "a few", "several", ...);
    - bearing error: the place may lie anywhere within the compass sector, half-width 11.25 deg
      for 16-point bearings and "due X", 22.5 deg for 8-point ones (including cardinal words);
      across-track error ``d * sin(half-width)``;
    - offset with bearing: ``sqrt(e**2 + (d sin hw)**2)`` (50 km west, "some": 20.6 km);
    - stated distance without bearing ("200 metres from X", "10 miles outside X"): the point is
      the anchor and the radius ``d + e``;
    - no distance: fixed radii ``near`` and "just north of X" 10 km (the point is the
      anchor), ``outskirts`` 5 km, ``outside`` 10 km ("just
      outside" 5 km), border phrases 25 km across the border line (the position along the
      border is a separate matter, handled by :func:`geomap.locate.locate`).
    Never below 1 km.
    """
    d = expr.distance_km
    e = distance_error_km(expr)
    if d is not None:
        points = bearing_resolution(expr)
        if points is not None:
            across = d * math.sin(math.radians(_HALF_WIDTH_DEG[points]))
            return max(1.0, math.hypot(e, across))
        if expr.relation == "from_border":
            return max(1.0, e)
        return max(1.0, d + e)
    if expr.relation in ("near", "offset"):  # "offset" here: "just north of X"
        return NEAR_KM
    if expr.relation == "outskirts":
        return OUTSKIRTS_KM
    if expr.relation == "outside":
        return JUST_OUTSIDE_KM if expr.hedge == "just" else OUTSIDE_KM
    return BORDER_KM


AREA_EXTENT_KM: dict[str, float] = {
    "admin2": 25.0, "admin1": 100.0, "region": 1000.0, "country": 300.0, "continent": 2000.0,
}
"""Rough extra uncertainty when the anchor is an area, not a town (its centre is a poor anchor)."""


def _precision_for(anchor: Place) -> int:
    if anchor.kind in ("country", "region", "continent"):
        return 4
    if anchor.kind in ("admin1", "admin2"):
        return 3
    return 2


def beyond_reach(expr: RelativeExpression) -> bool:
    """Whether the expression states a distance over :data:`MAX_RELATIVE_DISTANCE_KM`."""
    return expr.distance_km is not None and not expr.distance_km <= MAX_RELATIVE_DISTANCE_KM


def _at_anchor(expr: RelativeExpression, anchor: Place) -> Location:
    """An expression whose distance is beyond reach is not a location: the place it measures
    from is, as if only that place were named (its point, the radius of "near X"), with a
    note. ``relative`` keeps the text but no usable distance, so an event prefers any
    plausible relative location in the same sentence."""
    return Location(
        name=anchor.name,
        lat=anchor.lat,
        lon=anchor.lon,
        precision=_precision_for(anchor),  # type: ignore[arg-type]
        uncertainty_km=NEAR_KM + AREA_EXTENT_KM.get(anchor.kind, 0.0),
        country_code=anchor.country_code,
        method="toponym",
        place_id=anchor.id,
        relative=replace(expr, distance_km=None),
        notes=(f"{expr.text!r} not used: a distance over {MAX_RELATIVE_DISTANCE_KM:,.0f} km is "
               f"not a location; located at {anchor.name}, the place it is measured from"),
    )


def locate_relative(expr: RelativeExpression, anchor: Place) -> Location:
    """The point an expression describes relative to a resolved anchor place.

    A distance over :data:`MAX_RELATIVE_DISTANCE_KM` is not used: the anchor place itself,
    with a note (see :func:`_at_anchor`).
    With a distance and a bearing: the geodesic destination from the anchor. Otherwise (near,
    outskirts, outside, a distance without bearing) the anchor's own coordinates, with the
    radius of :func:`uncertainty_km`. Precision 2 (3 for admin-area anchors, 4 for countries,
    whose centre points are poor anchors; their extent is added to the uncertainty).
    ``Anchor.distance_km`` is the distance the text states (None if none). ``country_code``:
    for a point moved from the anchor, the Natural Earth polygon at the point (else the
    anchor's); for the anchor's own point, the anchor's country (a border town such as Goma,
    CD, falls in Rwanda's 1:10m polygon).
    """
    from geomap.locate.borders import country_at

    if beyond_reach(expr):
        return _at_anchor(expr, anchor)
    if expr.distance_km is not None and expr.bearing_deg is not None:
        lat, lon = geo.destination(anchor.lat, anchor.lon, expr.distance_km, expr.bearing_deg)
        how = f"{expr.distance_km:g} km at {expr.bearing_deg:g} deg from {anchor.name}"
        country_code = country_at(lat, lon) or anchor.country_code
    else:
        lat, lon = anchor.lat, anchor.lon
        missing = "distance" if expr.distance_km is None else "bearing"
        how = f"{expr.relation} {anchor.name}; no {missing} given, so the anchor's coordinates"
        country_code = anchor.country_code or country_at(lat, lon)
    radius = uncertainty_km(expr) + AREA_EXTENT_KM.get(anchor.kind, 0.0)
    return Location(
        name=expr.text,
        lat=lat,
        lon=lon,
        precision=_precision_for(anchor),  # type: ignore[arg-type]
        uncertainty_km=radius,
        country_code=country_code,
        method="relative",
        place_id=None,
        anchor=Anchor(
            name=anchor.name, lat=anchor.lat, lon=anchor.lon, distance_km=expr.distance_km,
            bearing_deg=expr.bearing_deg, place_id=anchor.id,
        ),
        relative=expr,
        notes=f"estimated from the text: {how}",
    )


def with_name(location: Location, name: str, notes: str) -> Location:
    """The same location under another name (a place the gazetteer lacks), with a note."""
    return replace(location, name=name, notes=notes)


_COMPASS_NAMES = {0.0: "north", 45.0: "north-east", 90.0: "east", 135.0: "south-east",
                  180.0: "south", 225.0: "south-west", 270.0: "west", 315.0: "north-west"}
"""English compass names stored as ``bearing_text`` (so that :func:`bearing_resolution` reads
them) for the directions of other languages."""
_LANGUAGE_HEDGES = {
    "environ": "about", "quelque": "about", "près de": "nearly", "pres de": "nearly",
    "une": "about", "un": "about", "примерно": "about", "около": "about",
    "приблизительно": "about", "почти": "nearly", "более чем": "more than", "tout": "just",
}
"""Hedges of other languages -> the English hedge whose factor (:data:`HEDGE_FACTORS`) applies
("à une cinquantaine de kilomètres": about fifty)."""


def _language_relatives(text: str, start: int, end: int, limit: int | None,
                        lang: LanguageData) -> list[RelativeExpression]:
    """Relative expressions by a language's ``RELATIVE_PATTERNS`` (French, Russian), as
    :func:`parse_relative` gives them for English: a distance in km or metres, a compass
    direction, a border ("à la frontière avec le Mali", "на таджикско-афганской границе"), the
    outskirts or nearness ("près de", "под Душанбе")."""
    found: list[RelativeExpression] = []
    for pattern, relation in lang.RELATIVE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            groups = m.groupdict()
            a0, a1 = m.span("anchor")
            fields: dict[str, object] = {}
            if groups.get("num"):
                value = lang.parse_number(groups["num"])
                word = groups["unit"].lower()
                unit = "km" if word.startswith(("km", "kilom", "км", "килом")) else "m"
                if value is None:
                    continue
                fields.update(distance=float(value), unit=unit,
                              distance_km=float(value) * UNITS_KM[unit])
            direction = (groups.get("dir") or "").lower()
            if direction:
                angle = next((a for w, a in lang.DIRECTIONS.items()
                              if direction == w or direction.startswith(w)), None)
                if angle is not None:
                    fields.update(bearing_deg=angle, bearing_text=_COMPASS_NAMES[angle])
            hedge = (groups.get("hedge") or "").strip().lower()
            if hedge:
                fields["hedge"] = _LANGUAGE_HEDGES.get(hedge)
            kind = {"on_border_adj": "on_border", "direction": "offset"}.get(relation, relation)
            if relation == "offset" and "distance_km" not in fields and "bearing_deg" not in fields:
                kind = "near"
            found.append(RelativeExpression(
                start=m.start(), end=a1, text=text[m.start():a1], relation=kind,  # type: ignore[arg-type]
                anchor_text=text[a0:a1], anchor_start=a0, anchor_end=a1,
                **fields,  # type: ignore[arg-type]
            ))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[RelativeExpression] = []
    for expr in found:
        if out and expr.start < out[-1].end:
            continue  # inside an expression already taken (patterns are tried most specific first)
        out.append(expr)
        if limit is not None and len(out) >= limit:
            break
    return out
