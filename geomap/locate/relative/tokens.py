"""Tokens of the relative-location grammar, and runs of capitalised words (place names).

One regex with no nested quantifiers (words, numbers, single punctuation marks): linear time on
any input. The place-phrase search of :mod:`geomap.locate` reads the same tokens.
"""

from __future__ import annotations

import re

from geomap.locate.relative.words import COMPASS_WORDS, CONNECTORS, NOT_PLACES

TOKEN = re.compile(r"\d[\d.,]*|[^\W\d_][\w'’-]*|\S")
"""Numbers, words (letters first, then word chars, apostrophes, hyphens), single symbols."""


class Tok:
    """One token; a plain slotted class because millions are made (dataclass init is slower)."""

    __slots__ = ("end", "is_number", "is_word", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.low = text.lower()
        self.start = start
        self.end = end
        self.is_word = text[:1].isalpha()
        self.is_number = text[:1].isdigit()


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """The tokens of ``text[start:end]`` (offsets into ``text``); a number or a word loses its
    trailing punctuation ("50." -> "50", "Dushanbe's-" -> "Dushanbe's")."""
    toks: list[Tok] = []
    for m in TOKEN.finditer(text, start, end):
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
        toks.append(Tok(word, s, e))
    return toks


def low_at(toks: list[Tok], i: int) -> str:
    """The lower-cased token at ``i``, "" past the end (the grammar looks ahead freely)."""
    return toks[i].low if i < len(toks) else ""


def seq_at(toks: list[Tok], i: int, words: tuple[str, ...]) -> int | None:
    """Index after ``words`` if they occur at ``i``, else None."""
    for k, word in enumerate(words):
        if low_at(toks, i + k) != word:
            return None
    return i + len(words)


def _adjacent(text: str, a: Tok, b: Tok) -> bool:
    """True when only spaces (no line break) separate two tokens."""
    return text.count("\n", a.end, b.start) == 0


def is_capitalised(tok: Tok) -> bool:
    """Whether a token can be part of a place name: capitalised, not a weekday, month,
    pronoun or "Police"."""
    return tok.text[0].isalpha() and tok.text[0].isupper() and tok.low not in NOT_PLACES


def capitalised_run(text: str, toks: list[Tok], i: int, limit: int = 6) -> int | None:
    """Index after a run of capitalised words starting at ``i`` (bounded), or None.

    The run may not start with a single letter ("U" of "U.S.") and may not be only compass
    words ("Near East", "North").
    """
    if i >= len(toks) or not is_capitalised(toks[i]) or len(toks[i].text) < 2:
        return None
    end = _cap_run_end(text, toks, i, limit)
    if all(toks[k].low in COMPASS_WORDS for k in range(i, end)):
        return None
    return end


def _cap_run_end(text: str, toks: list[Tok], i: int, limit: int) -> int:
    last, j, count = i, i + 1, 1
    while j < len(toks) and count < limit and _adjacent(text, toks[j - 1], toks[j]):
        if is_capitalised(toks[j]):
            last, j, count = j, j + 1, count + 1
        elif (
            toks[j].low in CONNECTORS
            and j + 1 < len(toks)
            and is_capitalised(toks[j + 1])
            and _adjacent(text, toks[j], toks[j + 1])
        ):
            last, j, count = j + 1, j + 2, count + 2
        else:
            break
    return last + 1
