"""Name keys: the one normalisation every gazetteer name and every query goes through.

A key is case-, accent- and punctuation-insensitive so that "Gorno-Badakhshan",
"gorno badakhshan" and "GORNO BADAKHSHAN" meet, and "W.Va." meets "WVa". The rule:

1. NFKD, then drop non-spacing marks (é -> e, Душанбе keeps its Cyrillic letters: й -> и);
2. casefold (ß -> ss), and fold the few Latin letters NFKD leaves alone (ø, ł, đ, æ, œ, ı, þ);
3. apostrophes and dots are *removed* ("W.Va." -> "wva", "U.S." -> "us", "Xi'an" -> "xian");
   "&" becomes " and "; every other punctuation or symbol (hyphens, commas, brackets, slashes)
   becomes a space;
4. whitespace runs collapse to one space, and the ends are stripped.

Both the stored names and the queries use this function, so the rule only needs to be
consistent, not linguistically perfect.
"""

from __future__ import annotations

import unicodedata

_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb\u02be\u02bf\u0060\u00b4\u2032\u055a\u05f3\uff07"
_DOTS = ".\u00b7\u2024\u3002\uff0e"

_FOLD = {
    "ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th",
    "ħ": "h", "ŧ": "t", "ŋ": "n", "ƒ": "f", "ß": "ss",
}


def _build_ascii_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(128):
        ch = chr(code)
        if ch.isalnum():
            table[code] = ch.lower()
        elif ch in _APOSTROPHES or ch in _DOTS:
            table[code] = None
        elif ch == "&":
            table[code] = " and "
        else:
            table[code] = " "
    return table


_ASCII_TABLE = _build_ascii_table()
_REMOVE = set(_APOSTROPHES + _DOTS)


class _KeyTable(dict):
    """``str.translate`` table for non-ASCII text, filled lazily one character at a time."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        if code < 128:
            value = _ASCII_TABLE[code]
        elif ch in _REMOVE:
            value = None
        else:
            cat = unicodedata.category(ch)
            if cat[0] in "LN":
                value = _FOLD.get(ch, ch)
            elif cat in ("Mn", "Me", "Cf"):
                value = None  # accents and other non-spacing marks, zero-width characters
            elif cat == "Mc":
                value = ch  # spacing vowel signs (Devanagari ...) belong to the word
            else:
                value = " "
        self[code] = value
        return value


_KEY_TABLE = _KeyTable()


def _key_nonascii(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s).casefold()
    return " ".join(decomposed.translate(_KEY_TABLE).split())


def name_key(s: str) -> str:
    """The lookup key of a place name (see the module docstring for the rule).

    >>> name_key("W.Va.")
    'wva'
    >>> name_key("Gorno-Badakhshan") == name_key("Gorno Badakhshan")
    True
    >>> name_key("São Tomé")
    'sao tome'
    """
    if s.isascii():
        return " ".join(s.translate(_ASCII_TABLE).split())
    return _key_nonascii(s)
