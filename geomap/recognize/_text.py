"""Normalise article text the way gazetteer name keys are normalised, keeping an offset map.

The automaton runs on the normalised copy; every normalised character remembers the index of
the original character it came from, so matches map back to exact spans of the article.
Unlike :func:`geomap.gazetteer.normalize.name_key`, apostrophes become spaces here, so that
the possessive "Afghanistan's" still yields the whole word "Afghanistan".
"""

from __future__ import annotations

import re
import unicodedata
from array import array

_DOTS = set(".\u00b7\u2024\u3002\uff0e")
_APOSTROPHES = set("'\u2018\u2019\u02bc\u02bb\u02be\u02bf\u0060\u00b4\u2032\u055a\u05f3\uff07")
_FOLD = {
    "ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th",
    "ħ": "h", "ŧ": "t", "ŋ": "n", "ƒ": "f", "ß": "ss",
}


def _ascii_table() -> list[str]:
    table = []
    for code in range(128):
        ch = chr(code)
        if ch.isalnum():
            table.append(ch.lower())
        elif ch in _DOTS:
            table.append("")
        elif ch == "&":
            table.append(" and ")
        else:
            table.append(" ")
    return table


_ASCII = _ascii_table()


def _char_key(ch: str) -> str:
    if ch in _DOTS:
        return ""
    if ch in _APOSTROPHES:
        return " "
    out = []
    for c in unicodedata.normalize("NFKD", ch).casefold():
        if ord(c) < 128:
            out.append(_ASCII[ord(c)])
            continue
        cat = unicodedata.category(c)
        if cat[0] in "LN":
            out.append(_FOLD.get(c, c))
        elif cat in ("Mn", "Me", "Cf"):
            continue
        elif cat == "Mc":
            out.append(c)  # spacing vowel signs belong to the word, as in name_key
        else:
            out.append(" ")
    return "".join(out)


_ASCII_RUN = re.compile(r"[A-Za-z0-9.]+|&")
"""What survives ASCII normalisation: letters, digits and dots (dropped inside), and "&"."""


def normalize_with_offsets(text: str) -> tuple[str, array | list[int]]:
    """``(normalised, offsets)``: ``offsets[i]`` is the index in ``text`` of the character that
    produced ``normalised[i]``. Whitespace runs collapse to one space; a leading and a trailing
    space are added so every word is space-delimited."""
    if text.isascii():
        return _normalize_ascii(text)
    out: list[str] = [" "]
    offs: list[int] = [-1]
    prev_space = True
    ascii_table = _ASCII
    cache: dict[str, str] = {}
    for i, ch in enumerate(text):
        o = ord(ch)
        if o < 128:
            k = ascii_table[o]
            if len(k) == 1:
                if k == " ":
                    if prev_space:
                        continue
                    prev_space = True
                else:
                    prev_space = False
                out.append(k)
                offs.append(i)
                continue
        else:
            k = cache.get(ch)
            if k is None:
                k = cache[ch] = _char_key(ch)
        for c in k:
            if c == " ":
                if prev_space:
                    continue
                prev_space = True
            else:
                prev_space = False
            out.append(c)
            offs.append(i)
    if not prev_space:
        out.append(" ")
        offs.append(len(text))
    return "".join(out), offs


def _normalize_ascii(text: str) -> tuple[str, array]:
    """:func:`normalize_with_offsets` for ASCII text, a word at a time instead of a character
    at a time (several times faster on long texts), offsets in a compact array."""
    out: list[str] = [" "]
    offs = array("q", [-1])
    prev_space = True
    prev_end = 0
    for m in _ASCII_RUN.finditer(text):
        s, e = m.span()
        if s > prev_end and not prev_space:  # the separator before the run: one space
            out.append(" ")
            offs.append(prev_end)
            prev_space = True
        prev_end = e
        word = m.group()
        if word == "&":
            if not prev_space:
                out.append(" ")
                offs.append(s)
            out.append("and ")
            offs.extend((s, s, s, s))
            prev_space = True
            continue
        if "." in word:
            kept = [i for i in range(s, e) if text[i] != "."]
            if not kept:
                continue  # dots only: nothing, not even a space
            out.append(word.replace(".", "").lower())
            offs.extend(kept)
        else:
            out.append(word.lower())
            offs.extend(range(s, e))
        prev_space = False
    if len(text) > prev_end and not prev_space:
        out.append(" ")
        offs.append(prev_end)
        prev_space = True
    if not prev_space:
        out.append(" ")
        offs.append(len(text))
    return "".join(out), offs
