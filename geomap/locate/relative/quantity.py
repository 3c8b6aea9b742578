"""Grammar pieces for a stated distance and a bearing: "some 50 kilometres (30 miles)",
"a few miles", "due west". Each takes (tokens, index) and returns a result and the next index,
or None."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from geomap.events.number_words import words_value
from geomap.locate.relative.tokens import Tok, low_at, seq_at
from geomap.locate.relative.words import (
    ABBREVIATIONS,
    COMPASS_WORDS,
    HEDGES,
    NUMBER_WORDS,
    SCALE_WORDS,
    UNIT_WORDS,
    VAGUE_AMOUNTS,
    parse_bearing,
)

_MAX_NUMBER_CHARS = 15


@dataclass(frozen=True, slots=True)
class _Quantity:
    value: float
    unit: str
    hedge: str | None
    start: int


def _number(tok: Tok) -> float | None:
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


def _number_words(toks: list[Tok], i: int) -> tuple[float, int] | None:
    """Number words ("ten", "twenty-five", "a hundred", "half a") -> (value, next index). This
    finds where the number ends (at most six tokens); its value is read by the one English
    number parser, :func:`geomap.events.number_words.words_value`."""
    if seq_at(toks, i, ("half", "a")) is not None or seq_at(toks, i, ("half", "an")) is not None:
        return 0.5, i + 2
    words: list[str] = []
    j = i
    seen = False
    while j < len(toks) and j - i < 6:
        low = toks[j].low
        parts = low.split("-")
        if all(p in NUMBER_WORDS for p in parts) and parts[0]:
            words.extend(parts)
            seen = True
        elif low in ("a", "an") and not seen and j + 1 < len(toks) and (
            toks[j + 1].low in SCALE_WORDS
        ):
            words.append(low)
        elif low in SCALE_WORDS and (seen or words):
            words.append(low)
            seen = True
        elif low == "and" and seen and j + 1 < len(toks) and toks[j + 1].low.split("-")[0] in (
            NUMBER_WORDS
        ):
            words.append(low)
        else:
            break
        j += 1
    if not seen:
        if low_at(toks, i) in ("a", "an"):
            return 1.0, i + 1
        return None
    value = words_value(words)
    return (float(value), j) if value is not None else None


def _unit(toks: list[Tok], i: int) -> tuple[str, int] | None:
    if i >= len(toks):
        return None
    tok = toks[i]
    if tok.low == "nautical" and low_at(toks, i + 1) in ("mile", "miles"):
        return "nmi", i + 2
    if tok.text == "M":  # "50M" is millions far more often than metres
        return None
    unit = UNIT_WORDS.get(tok.low)
    if unit is None:
        return None
    return unit, i + 1


def _by_first(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(phrases, key=len, reverse=True):
        table.setdefault(words[0], []).append(words)
    return table


_HEDGES_BY_FIRST = _by_first(HEDGES)

_VAGUE_BY_FIRST = _by_first(VAGUE_AMOUNTS)


def _hedge(toks: list[Tok], i: int) -> tuple[str, int] | None:
    for words in _HEDGES_BY_FIRST.get(low_at(toks, i), ()):
        j = seq_at(toks, i, words)
        if j is not None:
            if words == ("c",) and low_at(toks, j) == ".":
                j += 1
            return " ".join(words), j
    return None


def quantity_at(toks: list[Tok], i: int) -> tuple[_Quantity, int] | None:
    """[hedge] (figure | number words | vague amount) [-] unit."""
    start = i
    hedge: str | None = None
    found = _hedge(toks, i)
    if found is not None:
        hedge, i = found
    value: float | None = None
    for words in _VAGUE_BY_FIRST.get(low_at(toks, i), ()):
        j = seq_at(toks, i, words)
        if j is not None and _unit(toks, j) is not None:
            value, i = VAGUE_AMOUNTS[words], j
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
    if low_at(toks, i) in ("-", "–"):
        i += 1
    unit = _unit(toks, i)
    if unit is None:
        return None
    name, i = unit
    return _Quantity(value, name, hedge, toks[start].start), i


def skip_conversion(toks: list[Tok], i: int) -> int:
    """Skip "(30 miles)" right after a quantity; the first figure wins."""
    if low_at(toks, i) != "(":
        return i
    for j in range(i + 1, min(i + 10, len(toks))):
        if toks[j].text == ")":
            return j + 1
        if toks[j].text == "(":
            break
    return i


def bearing_at(
    text: str, toks: list[Tok], i: int
) -> tuple[float, int, str, int] | None:
    """[to the | due] compass phrase -> (bearing_deg, points, phrase, next index)."""
    j = seq_at(toks, i, ("to", "the"))
    if j is None:
        j = i
    due = low_at(toks, j) == "due"
    if due:
        j += 1
    best: tuple[float, int, str, int] | None = None
    for k in range(j, min(j + 3, len(toks))):
        tok = toks[k]
        if not tok.is_word or not (
            tok.text in ABBREVIATIONS or all(p in COMPASS_WORDS for p in tok.low.split("-"))
        ):
            break
        phrase = text[toks[j].start : tok.end]
        parsed = parse_bearing(phrase)
        if parsed is not None:
            angle, points = parsed
            shown = text[toks[j - 1].start : tok.end] if due else phrase
            best = (angle, 16 if due else points, shown, k + 1)
    return best
