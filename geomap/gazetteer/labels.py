"""The short English name of an admin area, as ACLED writes it in ``admin1``/``admin2``.

The default gazetteer's admin areas are named by their primary (often romanised local) name,
"Donetska oblast", "nohiyahoi tobei jumhurí", "Kābul", with alternates beside it ("Donetsk",
"Donetsk Oblast", "Донецкая область"). ACLED writes the English short form: "Donetsk",
"Kabul", "Western" (for "Western Province"). The rule, general and per area:

1. Candidates are the area's names in Latin script (the primary name and its alternates).
2. Each is cut to its *stem*: kind words (:data:`geomap.lang.en.ADMIN_TYPE_WORDS`,
   :data:`~geomap.lang.en.ADMIN_LOCAL_TYPE_WORDS`) are dropped at the end ("Kabul Province")
   or before "of" at the start ("Region of Republican Subordination"); "City" is kept.
3. A stem wins by, in order: plain ASCII ("Kabul" over "Kābul"); English evidence (some
   plain-ASCII name with this stem carries a *capitalised* English kind word, "Donetsk
   Oblast", where the romanised "Donetska oblast" writes it in lower case and "Kharkivs’ka
   Oblast’" with a transliteration's apostrophes); how many names share the stem; being the
   primary name's stem; then the order the names are listed in.
4. No Latin name: the primary name, unchanged.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from geomap.gazetteer.normalize import name_key
from geomap.lang import en

_OF = "of"


def is_latin(name: str) -> bool:
    """Every letter of ``name`` is a Latin letter (accents allowed); at least one letter."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)


def _kind(word: str) -> str | None:
    """'en' for an English kind word, 'local' for a romanised one, 'city', or None."""
    key = name_key(word)
    if key in en.ADMIN_TYPE_WORDS:
        return "en"
    if key in en.ADMIN_LOCAL_TYPE_WORDS:
        return "local"
    if key in en.ADMIN_CITY_WORDS:
        return "city"
    return None


def stem(name: str) -> tuple[str, bool]:
    """(``name`` without its kind words, whether it carries a capitalised English kind word).

    >>> stem("Donetsk Oblast")
    ('Donetsk', True)
    >>> stem("Donetska oblast")
    ('Donetska', False)
    >>> stem("Region of Republican Subordination")
    ('Republican Subordination', True)
    """
    words = name.split()
    english = False

    def marks_english(word: str, kind: str | None) -> bool:
        return kind in ("en", "city") and word[:1].isupper()

    for w in words:
        english = english or marks_english(w, _kind(w))
    # "Region of X", "Autonomous Republic of X": kind words, then "of"
    if _OF in words[1:-1]:
        i = words.index(_OF)
        if all(_kind(w) in ("en", "local") for w in words[:i]):
            words = words[i + 1:]
    # "Tibet Autonomous Region", "Kobul viloyati"; "nohiyahoi tobei ...": kind words at an end
    while len(words) > 1 and _kind(words[-1]) in ("en", "local"):
        words = words[:-1]
    while len(words) > 1 and _kind(words[0]) == "local":
        words = words[1:]
    short = " ".join(words).strip(" ,-")
    return (short or name.strip(), english)


def short_name(primary: str, alternates: Iterable[str] = ()) -> str:
    """The English short name of an admin area (see the module docstring for the rule)."""
    names = [n.strip() for n in (primary, *alternates) if n and n.strip()]
    best: dict[str, list] = {}  # stem key -> [ascii, english, support, primary, -order, stem]
    for order, name in enumerate(names):
        if not is_latin(name):
            continue
        short, english = stem(name)
        english = english and name.isascii()  # "Kharkivs’ka Oblast’" is a romanisation
        key = name_key(short)
        if not key:
            continue
        entry = best.get(key)
        if entry is None:
            best[key] = [short.isascii(), english, 1, order == 0, -order, short]
            continue
        entry[1] = entry[1] or english
        entry[2] += 1
        entry[3] = entry[3] or order == 0
        if short.isascii() and not entry[0]:  # keep the plain spelling of the stem
            entry[0], entry[5] = True, short
    if not best:
        return primary
    return max(best.values(), key=lambda e: tuple(e[:5]))[5]
