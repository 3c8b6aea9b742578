"""Name keys: the one normalisation every gazetteer name and every query goes through.

A key is case-, accent- and punctuation-insensitive so that "Gorno-Badakhshan",
"gorno badakhshan" and "GORNO BADAKHSHAN" meet, and "W.Va." meets "WVa". The rule:

1. NFKD, then drop combining marks (é -> e, Душанбе keeps its Cyrillic letters: й -> и);
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
from functools import lru_cache

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


def _key_char(ch: str) -> str:
    """The key text for one (already decomposed, casefolded) non-ASCII character."""
    if ch in _REMOVE:
        return ""
    cat = unicodedata.category(ch)
    if cat[0] in "LN":
        return _FOLD.get(ch, ch)
    if cat in ("Mn", "Me", "Cf"):
        return ""
    return " "


@lru_cache(maxsize=65536)
def _key_nonascii(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s).casefold()
    # casefold can recompose nothing but may emit new characters (ß -> ss); decompose again.
    out = "".join(_key_char(ch) if ord(ch) >= 128 else ch for ch in decomposed)
    return " ".join(out.translate(_ASCII_TABLE).split())


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
