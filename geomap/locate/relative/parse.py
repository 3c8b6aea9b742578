"""The English grammar of relative locations (see :mod:`geomap.locate.relative`): the anchor
and relation around a quantity or a phrase ("near", "on the outskirts of", "on the border"),
tried at each possible first token with a bounded look-ahead."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from geomap.lang import current, is_english
from geomap.locate.relative.languages import language_relatives
from geomap.locate.relative.quantity import bearing_at, quantity_at, skip_conversion
from geomap.locate.relative.tokens import (
    TOKEN,
    Tok,
    capitalised_run,
    is_capitalised,
    low_at,
    seq_at,
    tokenize,
)
from geomap.locate.relative.words import (
    BORDER_WORDS,
    DESCRIPTORS,
    FUNCTION_WORDS,
    HEDGES,
    NEAR_PHRASES,
    NUMBER_WORDS,
    PRE_HEDGES,
    UNIT_WORDS,
    UNITS_KM,
    VAGUE_AMOUNTS,
)
from geomap.types import RelativeExpression


@dataclass(frozen=True, slots=True)
class _AnchorSpan:
    text: str
    start: int
    end: int
    border: bool


def _span(text: str, toks: list[Tok], i: int, j: int, border: bool) -> _AnchorSpan:
    start, end = toks[i].start, toks[j - 1].end
    phrase = text[start:end]
    for suffix in ("'s", "’s"):
        if phrase.endswith(suffix) and len(phrase) > len(suffix):
            phrase = phrase[: -len(suffix)]
            end -= len(suffix)
    return _AnchorSpan(phrase, start, end, border)


def _anchor(text: str, toks: list[Tok], i: int) -> tuple[_AnchorSpan, int] | None:
    """A place phrase or a border phrase starting at ``i``."""
    if i >= len(toks):
        return None
    if toks[i].low == "the":
        border = _border_after_the(text, toks, i)
        if border is not None:
            return border
        # "the [Tajik] capital [of|,] Dushanbe", "the town of X": skip the descriptor.
        for d in range(i + 1, min(i + 5, len(toks))):
            if toks[d].low in DESCRIPTORS:
                k = d + 1
                if low_at(toks, k) in ("of", ","):
                    k += 1
                end = capitalised_run(text, toks, k)
                if end is not None:
                    return _span(text, toks, k, end, False), end
                return None
            if not toks[d].is_word:
                break
        end = capitalised_run(text, toks, i + 1)
        if end is None:
            return None
        following = toks[end] if end < len(toks) else None
        if following is not None and following.is_word and following.text[0].islower() and (
            following.low not in FUNCTION_WORDS
        ):
            return None  # "close to the Arab world": an adjective, not a place
        return _span(text, toks, i + 1, end, False), end
    end = capitalised_run(text, toks, i)
    if end is None:
        return None
    if toks[end - 1].low in BORDER_WORDS or low_at(toks, end) in BORDER_WORDS:
        # "Afghan border" without "the"
        stop = end if toks[end - 1].low in BORDER_WORDS else end + 1
        return _span(text, toks, i, stop, True), stop
    return _span(text, toks, i, end, False), end


def _border_after_the(text: str, toks: list[Tok], i: int) -> tuple[_AnchorSpan, int] | None:
    """"the border [with Y | between X and Y]" or "the Afghan [-Tajik] border"."""
    j = i + 1
    if low_at(toks, j) in BORDER_WORDS:
        if low_at(toks, j + 1) == "with":
            end = capitalised_run(text, toks, j + 2)
            if end is not None:
                return _span(text, toks, j + 2, end, True), end
        if low_at(toks, j + 1) == "between":
            first = capitalised_run(text, toks, j + 2, limit=3)
            if first is not None and low_at(toks, first) == "and":
                second = capitalised_run(text, toks, first + 1, limit=3)
                if second is not None:
                    return _span(text, toks, j + 2, second, True), second
        return _span(text, toks, i, j + 1, True), j + 1
    k = j
    while k < len(toks) and k - j < 3 and is_capitalised(toks[k]):
        k += 1
    if k > j and low_at(toks, k) in BORDER_WORDS:
        return _span(text, toks, i, k + 1, True), k + 1
    return None


def _start_words() -> frozenset[str]:
    words = {w[0] for w in HEDGES} | {w[0] for w in VAGUE_AMOUNTS} | set(NUMBER_WORDS)
    words |= {w.split("-")[0] for w in NUMBER_WORDS} | {"a", "an", "half"}
    words |= set(PRE_HEDGES) | {w[0] for w in NEAR_PHRASES}
    words |= {"on", "in", "at", "along", "across", "astride", "straddling", "outskirts",
              "outside", "the"}
    return frozenset(words)


_QUANTITY_SPAN = 12
"""A quantity's unit is at most this many tokens after its first (hedge 3, number words 6,
"-", unit): with no unit word that close, no quantity can start here."""


def _expression(text: str, toks: list[Tok], i: int,
                quantity: bool = True) -> tuple[RelativeExpression, int] | None:
    tok = toks[i]
    if not tok.is_number and tok.low not in _START_WORDS and tok.low.split("-")[0] not in (
        NUMBER_WORDS
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
    text: str, toks: list[Tok], i: int
) -> tuple[RelativeExpression, int] | None:
    found = quantity_at(toks, i)
    if found is None:
        return None
    qty, j = found
    j = skip_conversion(toks, j)
    if low_at(toks, j) in ("further", "farther"):
        j += 1
    dist = {
        "distance": qty.value, "unit": qty.unit, "distance_km": qty.value * UNITS_KM[qty.unit],
        "hedge": qty.hedge,
    }
    bearing = bearing_at(text, toks, j)
    if bearing is not None:
        angle, _points, btext, k = bearing
        if low_at(toks, k) in ("of", "from"):
            anchor = _anchor(text, toks, k + 1)
            if anchor is not None:
                span, end = anchor
                relation = "from_border" if span.border else "offset"
                expr = _make(text, qty.start, span, relation, bearing_deg=angle,
                             bearing_text=btext, **dist)
                return expr, end
        return None
    k = j
    if low_at(toks, k) == "away":
        k += 1
    word = low_at(toks, k)
    relation: str | None = None
    if word == "from":
        k += 1
        relation = "offset"
    elif word == "outside":
        k += 1
        if low_at(toks, k) == "of":
            k += 1
        relation = "outside"
    elif word == "off":
        k += 1
        coast = seq_at(toks, k, ("the", "coast", "of"))
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
    text: str, toks: list[Tok], i: int
) -> tuple[RelativeExpression, int] | None:
    """A relation without a stated distance: outskirts, on the border, outside, "just north
    of", near (tried in that order)."""
    start = i
    first = toks[i]
    if first.text[0].isupper() and i > 0 and toks[i - 1].text not in ".!?\"“”'" and (
        text.count("\n", toks[i - 1].end, first.start) == 0
    ):
        return None  # "Near North Side", "Outside Lands": part of a name, not a relation
    hedge: str | None = None
    if low_at(toks, i) in PRE_HEDGES:
        hedge = toks[i].low
        i += 1
    at = toks[start].start
    outskirts = _outskirts(text, toks, i, at, hedge)
    if outskirts is not None:
        return outskirts or None
    word = low_at(toks, i)
    if word in ("on", "at", "along", "across", "astride", "straddling"):
        anchor = _anchor(text, toks, i + 1)
        if anchor is not None and anchor[0].border:
            return _make(text, at, anchor[0], "on_border", hedge=hedge), anchor[1]
        return None
    if word == "outside" and low_at(toks, i + 1) != "of":
        anchor = _anchor(text, toks, i + 1)
        if anchor is not None:
            relation = "from_border" if anchor[0].border else "outside"
            return _make(text, at, anchor[0], relation, hedge=hedge), anchor[1]
        return None
    if hedge in ("just", "immediately", "directly"):
        found = _just_bearing(text, toks, i, at, hedge)
        if found is not None:
            return found
    return _near(text, toks, i, at, hedge)


def _outskirts(
    text: str, toks: list[Tok], i: int, at: int, hedge: str | None
) -> tuple[RelativeExpression, int] | tuple[()] | None:
    """[on|in|at] [the] outskirts of ANCHOR; () when the words are there but no place anchor
    follows (no other relation can match), None when they are not there."""
    j = i
    if low_at(toks, j) in ("on", "in", "at"):
        j += 1
    k = seq_at(toks, j, ("the", "outskirts", "of"))
    if k is None:
        k = seq_at(toks, j, ("outskirts", "of"))
    if k is None:
        return None
    anchor = _anchor(text, toks, k)
    if anchor is not None and not anchor[0].border:
        return _make(text, at, anchor[0], "outskirts", hedge=hedge), anchor[1]
    return ()


def _just_bearing(
    text: str, toks: list[Tok], i: int, at: int, hedge: str
) -> tuple[RelativeExpression, int] | None:
    """"just north of X": a direction without a distance, only with a closeness hedge."""
    bearing = bearing_at(text, toks, i)
    if bearing is None or low_at(toks, bearing[3]) != "of":
        return None
    anchor = _anchor(text, toks, bearing[3] + 1)
    if anchor is None or anchor[0].border:
        return None
    return _make(text, at, anchor[0], "offset", hedge=hedge,
                 bearing_deg=bearing[0], bearing_text=bearing[2]), anchor[1]


def _near(
    text: str, toks: list[Tok], i: int, at: int, hedge: str | None
) -> tuple[RelativeExpression, int] | None:
    """near, close to, not far from, in the vicinity of, around, outside of ANCHOR."""
    for words in NEAR_PHRASES:
        k = seq_at(toks, i, words)
        if k is None:
            continue
        anchor = _anchor(text, toks, k)
        if anchor is None:
            return None
        relation = "from_border" if anchor[0].border else (
            "outside" if words == ("outside", "of") else "near"
        )
        return _make(text, at, anchor[0], relation, hedge=hedge), anchor[1]
    return None


_START_WORDS = _start_words()
"""Tokens an expression can start with; other tokens are skipped at once."""

_PHRASE_STARTS = frozenset(
    set(PRE_HEDGES) | {w[0] for w in NEAR_PHRASES}
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
        return language_relatives(text, start, end, limit, current())
    out: list[RelativeExpression] = []
    chunk: _Chunk | None = None
    resume = start  # tokens starting before this are inside the last expression
    prev_start = start
    for m in TOKEN.finditer(text, start, end):
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
    """Whether the token ``word`` (as :data:`TOKEN` found it) passes :func:`_expression`'s
    first test, without making a token object for the many that do not."""
    if word[0].isdigit():
        return True
    low = word.rstrip("-'’").lower() if word[0].isalpha() else word.lower()
    return low in _START_WORDS or low.split("-")[0] in NUMBER_WORDS


class _Chunk:
    """Tokens of ``text[lo:hi]`` (``lo`` a token start) with, for each, the index of the next
    unit word: a quantity is only tried near one (number words would otherwise be parsed as
    each six-word run, six times over)."""

    def __init__(self, text: str, lo: int, end: int, pos: int) -> None:
        hi = min(end, pos + _CHUNK_CHARS)
        space = text.find(" ", hi, min(end, hi + _CHUNK_AHEAD))  # do not cut a word
        self.lo = lo
        self.hi = hi if hi == end else (space if space >= 0 else hi)
        self.toks = tokenize(text, lo, self.hi)
        self.starts = [t.start for t in self.toks]
        n = len(self.toks)
        self.next_unit = [n + _QUANTITY_SPAN] * (n + 1)
        for j in range(n - 1, -1, -1):
            low = self.toks[j].low
            self.next_unit[j] = (
                j if low in UNIT_WORDS or low == "nautical" else self.next_unit[j + 1])

    def index(self, pos: int) -> int | None:
        i = bisect_left(self.starts, pos)
        return i if i < len(self.starts) and self.starts[i] == pos else None
