"""The public view of events and place mentions: GeoJSON features, their properties and the
JSON Lines records (see README, "Outputs").

The view is read from the one serialisation (:func:`geomap.serialize.to_data`), not from a
second walk over the dataclasses: it only renames, flattens (``anchor``, ``relative``,
``sources``), rounds coordinates and distances, and adds ACLED's flat fields.
"""

from __future__ import annotations

import math
from typing import Any

from geomap import serialize
from geomap.acled import LIST_SEPARATOR, acled_fields
from geomap.geo import to_xy
from geomap.types import Event, Toponym

COORD_DECIMALS = 6
"""~0.1 m; RFC 7946 recommends not over-stating precision."""

GEOJSON_ACLED_FIELDS: tuple[str, ...] = (
    "disorder_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "geo_precision", "source", "tags", "timestamp",
)
"""ACLED's flat fields also carried by each GeoJSON/JSON Lines event (the others are there
under geomap's names): flat strings, so every OGR driver (Shapefile too) keeps every feature."""

_EVENT_FIELDS = ("event_id", "article_id", "source_url", "title", "event_type",
                 "sub_event_type", "date", "date_precision", "date_text", "time", "fatalities",
                 "injured", "detained")
"""Event fields shown as they are, in this order, at the head of an event's properties."""


def json_round(x: float | None, nd: int = COORD_DECIMALS) -> float | None:
    """``x`` rounded to ``nd`` decimals for an output; None for None, NaN or an infinity
    (JSON has no number for them)."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return None
    return round(x, nd)


def _anchor(a: dict[str, Any] | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"name": a["name"], "lat": json_round(a["lat"]), "lon": json_round(a["lon"]),
            "distance_km": json_round(a["distance_km"], 2),
            "bearing_deg": json_round(a["bearing_deg"], 1), "place_id": a["place_id"]}


def _relative(r: dict[str, Any] | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {k: r[k] for k in ("text", "relation", "distance", "unit", "bearing_text", "hedge")}


def _border(b: dict[str, Any]) -> dict[str, Any]:
    return {"country_code": b["country_code"], "name": b["name"],
            "distance_km": json_round(b["distance_km"], 2),
            "nearest_lat": json_round(b["nearest_lat"]), "nearest_lon": json_round(b["nearest_lon"]),
            "other_country_code": b["other_country_code"], "named_in_text": b["named_in_text"]}


def _sources(sources: list[list[Any]]) -> dict[str, list[list[int]]]:
    """field -> [[start, end], ...] spans of the article text it came from."""
    out: dict[str, list[list[int]]] = {}
    for name, start, end in sources:
        out.setdefault(name, []).append([start, end])
    return out


def event_properties(event: Event) -> dict[str, Any]:
    """The public GeoJSON property schema of an event (see README, "Outputs")."""
    d = serialize.to_data(event)
    loc = d["location"]
    return {
        **{k: d[k] for k in _EVENT_FIELDS},
        "actors": list(d["actors"]),
        "location_name": loc["name"],
        "country_code": loc["country_code"],
        "precision": loc["precision"],
        "uncertainty_km": json_round(loc["uncertainty_km"], 2),
        "location_method": loc["method"],
        "place_id": loc["place_id"],
        **{k: d[k] for k in ("main", "confidence", "evidence", "evidence_start", "evidence_end")},
        "location_notes": loc["notes"],
        "anchor": _anchor(loc["anchor"]),
        "relative": _relative(loc["relative"]),
        "borders": [_border(b) for b in d["borders"]],
        "notes": d["notes"],
        "sources": _sources(d["sources"]),
        **{k: d[k] for k in ("language", "incident_id", "incident_sources")},
        **{k: v for k, v in acled_fields(event).items() if k in GEOJSON_ACLED_FIELDS},
    }


def point_geometry(lat: float, lon: float) -> dict[str, Any] | None:
    """A GeoJSON Point, or None (a null geometry, RFC 7946 3.2) for unusable coordinates:
    non-finite or a latitude beyond the poles. Longitudes are wrapped into [-180, 180]."""
    if not (math.isfinite(lat) and math.isfinite(lon)) or not -90.0 <= lat <= 90.0:
        return None
    if not -180.0 <= lon <= 180.0:
        lon = (lon + 180.0) % 360.0 - 180.0
    x, y = to_xy(lat, lon)
    return {"type": "Point", "coordinates": [json_round(x), json_round(y)]}


def event_feature(event: Event) -> dict[str, Any]:
    """An event as a GeoJSON feature. List-valued properties are ACLED's flat strings here
    (``"actors": "A; B"``): GDAL reads a list of strings as a StringList field, which the
    Shapefile driver (and others) cannot create, so ogr2ogr would drop every feature. JSON
    Lines (:func:`event_record`) keeps the list, for jq and scorers."""
    props = event_properties(event)
    props["actors"] = LIST_SEPARATOR.join(event.actors)
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": point_geometry(event.location.lat, event.location.lon),
        "properties": props,
    }


def event_record(event: Event) -> dict[str, Any]:
    """An event as a flat JSON object (JSON Lines export): properties plus lat/lon."""
    props = event_properties(event)
    props["lat"] = json_round(event.location.lat)
    props["lon"] = json_round(event.location.lon)
    return props


_PLACE_FIELDS = ("geonameid", "place_id", "kind", "feature_code", "country_code", "admin1_name",
                 "population", "source")
"""A mention's place fields after name/lat/lon, in this order (``place_id`` is ``Place.id``)."""


def _alternative(a: dict[str, Any]) -> dict[str, Any]:
    return {"name": a["name"], "place_id": a["id"], "geonameid": a["geonameid"],
            "lat": json_round(a["lat"]), "lon": json_round(a["lon"]),
            "country_code": a["country_code"], "kind": a["kind"]}


def toponym_properties(article_id: str, t: Toponym, language: str | None = None) -> dict[str, Any]:
    """A mention's properties: ``text`` as written, ``lookup_name`` the form looked up (the
    lemma of an inflected Russian name), ``name`` the gazetteer's canonical name."""
    d = serialize.to_data(t)
    m, p = d["mention"], d["place"]
    place = {**p, "place_id": p["id"]} if p else {}
    props: dict[str, Any] = {
        "article_id": article_id,
        "start": m["start"], "end": m["end"], "text": m["text"], "mention_kind": m["kind"],
        "feature": m["feature"],
        "name": place.get("name"),
        "lat": json_round(place.get("lat")), "lon": json_round(place.get("lon")),
        **{k: place.get(k) for k in _PLACE_FIELDS},
        "confidence": round(d["confidence"], 3),
        "reason": d["reason"],
        "alternatives": [_alternative(a) for a in d["alternatives"]],
    }
    if m["omitted"]:  # later mentions of this place, counted but not listed (only when any)
        props["omitted_mentions"] = m["omitted"]
    if m["name"] != m["text"]:  # an inflected or elided form ("в Исфаре" -> "Исфара")
        props["lookup_name"] = m["name"]
    props["language"] = language
    return props


def toponym_feature(article_id: str, t: Toponym, language: str | None = None) -> dict[str, Any]:
    """A mention as a GeoJSON feature; unresolved mentions have ``geometry: null`` (RFC 7946 3.2)."""
    p = t.place
    return {
        "type": "Feature",
        "geometry": point_geometry(p.lat, p.lon) if p else None,
        "properties": toponym_properties(article_id, t, language),
    }
