"""Country names and demonyms -> border codes, for phrases like "the Afghan border".

Names come from the Natural Earth records (short, long and formal names), the registry package
``countryinfo`` (names, alternative spellings, demonyms), and the gazetteer's curated lists
(:mod:`geomap.gazetteer.curated`: adjectival forms such as "Tajik", which ``countryinfo`` spells
"Tadzhik", and short forms such as "U.S.").
"""

from __future__ import annotations

import functools
import re

from geomap.gazetteer.curated import COUNTRY_ABBREVIATIONS, DEMONYMS


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower().replace("’", "'"))


@functools.cache
def _table() -> dict[str, str]:
    from geomap.locate.borders import load_countries

    table: dict[str, str] = {}
    countries = load_countries()
    for code, country in countries.items():
        table.setdefault(_key(country.name), code)
    try:
        import countryinfo

        for info in countryinfo.all_countries():
            try:
                code = str(info.iso(2)).upper()
            except Exception:  # noqa: BLE001 - a broken record must not stop the others
                continue
            if code not in countries:
                continue
            names = [info.name(), info.demonym() or ""]
            try:
                names.extend(info.alt_spellings() or [])
            except Exception:  # noqa: BLE001
                pass
            for name in names:
                if name and len(name) > 2:
                    table.setdefault(_key(name), code)
    except ImportError:
        pass
    for code, names in COUNTRY_ABBREVIATIONS.items():
        for name in names:
            table.setdefault(_key(name), code)
    for code, names in DEMONYMS.items():
        for name in names:
            table[_key(name)] = code
    return table


def country_code_for(name: str) -> str | None:
    """ISO code (as used by :mod:`geomap.locate.borders`) for a country name or demonym."""
    key = _key(name)
    if key.startswith("the "):
        key = key[4:]
    return _table().get(key)


def border_country_codes(anchor_text: str) -> list[str]:
    """Country codes named in a border phrase: "the Tajik-Afghan border" -> ["TJ", "AF"].

    Also "Uzbekistan" (from "the border with Uzbekistan") and "Tajikistan and Kyrgyzstan".
    """
    from geomap.lang import current, is_english

    if not is_english():
        return _language_border_codes(anchor_text, current())
    words = re.sub(r"(?i)\b(the|border|borders|frontier|boundary)\b", " ", anchor_text)
    codes: list[str] = []
    whole = country_code_for(words)
    if whole is not None:
        return [whole]
    for part in re.split(r"\s+and\s+|-|/|–", words):
        code = country_code_for(part) if part.strip() else None
        if code is not None and code not in codes:
            codes.append(code)
    return codes


def _language_border_codes(anchor_text: str, lang) -> list[str]:  # noqa: ANN001 - a language module
    """Country codes of a French or Russian border phrase: its country names ("Mali",
    "Афганистаном": by lemma) and adjectives ("nigérienne", "таджикско-афганской")."""
    codes: list[str] = []
    low = anchor_text.lower()
    for name, code in lang.COUNTRY_NAMES.items():
        if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", low) and code not in codes:
            codes.append(code)
    lemma = getattr(lang, "lemma", None)
    for word in re.split(r"[\s/–-]+", low):
        code = lang.COUNTRY_NAMES.get(lemma(word)) if lemma is not None and word else None
        code = code or next((c for stem, c in lang.BORDER_ADJECTIVES.items()
                             if word.startswith(stem)), None)
        if code is not None and code not in codes:
            codes.append(code)
    return codes
