"""Administrative areas (admin1, admin2) of located events, from the gazetteer's admin codes.

An event located at a gazetteer place takes that place's own admin1/admin2 names (GeoNames'
``admin1CodesASCII.txt`` / ``admin2Codes.txt``, imported into the gazetteer when it was built).
An event located by estimate (a relative expression, a place the gazetteer lacks, a border
area) takes the admin areas of the nearest populated place of the same country, when one lies
within :data:`MAX_NEAREST_KM`: the gazetteer has no admin polygons, and a nearby town is the
best evidence of which province a point lies in. Country-level events get none, as in ACLED.

Names are written as ACLED writes them: the gazetteer's short English name of the area
(:meth:`geomap.gazetteer.base.Gazetteer.admin_label`: "Donetsk" for "Donetska oblast"),
falling back to the stored name where the store has none.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections.abc import Iterable, Mapping

from geomap.gazetteer.base import Gazetteer
from geomap.geo import distance_km
from geomap.types import Event, Location, Place

MAX_NEAREST_KM = 30.0
"""Beyond this, the nearest town is weak evidence of the point's province: none is given."""

NEAREST_SHORTLIST = 8
"""Towns ranked by a flat-earth distance before the geodesic check picks the nearest."""

_CONTAINERS = frozenset({"country", "region", "continent"})
"""Kinds too large to name one admin1."""

COUNTRY_PRECISION = 4
"""geomap's precision code for a country-level location (see :data:`geomap.types.Precision`)."""


_KM_PER_DEGREE_LAT_MIN = 110.5
"""The shortest a degree of latitude gets on WGS 84 (at the equator): a latitude band this
wide in km per degree surely holds every town within a distance."""


class AdminAreas:
    """Looks admin areas up in one gazetteer, caching each country's towns once."""

    def __init__(self, gazetteer: Gazetteer):
        self._gaz = gazetteer
        self._towns: dict[str, list[Place]] = {}  # by latitude
        self._town_lats: dict[str, list[float]] = {}
        self._labels: dict[tuple[str, str, str | None], str | None] = {}  # a few thousand areas

    def of_place(self, place: Place) -> tuple[str | None, str | None]:
        if place.kind in _CONTAINERS:
            return (None, None)
        if place.kind == "admin1":
            return (self._label(place, place.name, level=1), None)
        if place.kind == "admin2":
            return (self._label(place, place.admin1_name, level=1),
                    self._label(place, place.name, level=2))
        return (self._label(place, place.admin1_name, level=1),
                self._label(place, place.admin2_name, level=2))

    def _label(self, place: Place, stored: str | None, *, level: int) -> str | None:
        """The English short name of ``place``'s admin area at ``level``, else ``stored``."""
        if not stored or not place.country_code or not place.admin1_code:
            return stored
        if level == 2 and not place.admin2_code:
            return stored
        key = (place.country_code, place.admin1_code, place.admin2_code if level == 2 else None)
        if key not in self._labels:
            self._labels[key] = self._gaz.admin_label(*key)
        return self._labels[key] or stored

    def nearest(self, lat: float, lon: float, country: str | None) -> tuple[str | None, str | None]:
        """Admin areas of the nearest town of ``country`` within :data:`MAX_NEAREST_KM`."""
        if not country or not (math.isfinite(lat) and math.isfinite(lon)):
            return (None, None)
        towns = self._towns.get(country)
        if towns is None:
            towns = sorted((p for p in self._gaz.places_in(country, "city") if p.admin1_name),
                           key=lambda p: p.lat)
            self._towns[country] = towns
            self._town_lats[country] = [p.lat for p in towns]
        if not towns:
            return (None, None)
        # only towns in the band of latitudes MAX_NEAREST_KM can reach (a degree of latitude is
        # at least 110.5 km): a bisection instead of ranking every town of the country
        lats = self._town_lats[country]
        band = MAX_NEAREST_KM / _KM_PER_DEGREE_LAT_MIN
        near = towns[bisect.bisect_left(lats, lat - band):bisect.bisect_right(lats, lat + band)]
        if not near:
            return (None, None)
        coslat = math.cos(math.radians(lat))

        def flat(p: Place) -> float:  # ranking only; the distance kept is geodesic
            dlon = (p.lon - lon + 180.0) % 360.0 - 180.0
            return (p.lat - lat) ** 2 + (dlon * coslat) ** 2

        shortlist = sorted(near, key=flat)[:NEAREST_SHORTLIST]
        best = min(shortlist, key=lambda p: distance_km(lat, lon, p.lat, p.lon))
        if distance_km(lat, lon, best.lat, best.lon) > MAX_NEAREST_KM:
            return (None, None)
        return self.of_place(best)

    def of_location(self, loc: Location, known: Mapping[str, Place] | None = None
                    ) -> tuple[str | None, str | None]:
        """Admin areas of an event's location; ``known`` places (the article's resolved
        mentions, by id) spare a gazetteer query."""
        if loc.precision >= COUNTRY_PRECISION:
            return (None, None)
        if loc.place_id and loc.method != "relative":
            place = (known or {}).get(loc.place_id) or self._gaz.get(loc.place_id)
            if place is not None and place.kind != "user":
                found = self.of_place(place)
                if found != (None, None) or place.kind in _CONTAINERS:
                    return found
        return self.nearest(loc.lat, loc.lon, loc.country_code)


def with_admin_areas(events: Iterable[Event], gazetteer: Gazetteer,
                     areas: AdminAreas | None = None,
                     known: Mapping[str, Place] | None = None) -> list[Event]:
    """``events`` with ``location.admin1``/``admin2`` filled where the gazetteer knows them.

    Pass one ``areas`` for a whole run: building a country's town list costs a query of every
    town in it (0.25 s for the United States), which a new :class:`AdminAreas` would repeat."""
    areas = areas if areas is not None else AdminAreas(gazetteer)
    out = []
    for e in events:
        admin1, admin2 = areas.of_location(e.location, known)
        if admin1 or admin2:
            e = dataclasses.replace(
                e, location=dataclasses.replace(e.location, admin1=admin1, admin2=admin2))
        out.append(e)
    return out
