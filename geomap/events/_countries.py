"""Country names, centre points and areas from the registry package ``countryinfo`` (cached)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


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
    """Facts for an ISO 3166-1 alpha-2 code, or None when countryinfo does not know it."""
    if not code:
        return None
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


_RENAMES = {"Palestine, State of": "Palestine", "Holy See (Vatican City State)": "Vatican City",
            "Virgin Islands, British": "British Virgin Islands",
            "Virgin Islands, U.S.": "U.S. Virgin Islands"}


def _display_name(name: str) -> str:
    """The name as news and ACLED write it ("Palestine", not "Palestine, State of")."""
    name = _RENAMES.get(name, name)
    return name.title() if name.islower() else name
