"""The map page's filter contract in Python: which events of ``events.geojson`` a
``window.geomap.filter(spec)`` call shows.

The page (``static/geomap.js``) filters its own compact copy of the events; this is the same
rule written against the public GeoJSON properties, so tests and ``benchmarks/check_map.py``
can check that the page shows exactly the events an analyst asked for.

Spec keys (absent, null or empty ones do not filter; ``{}`` shows everything):
``types`` (event types, exact), ``subtypes`` (exact), ``countries`` (ISO2, any case),
``actors`` (substrings, any case; an event matches when one of its actors contains one of
them), ``text`` (a substring, any case, of the location name or the evidence), ``from`` and
``to`` (ISO dates, inclusive; undated events drop out), ``main`` (true: main events only;
false: background only), ``precision`` (at most this precision code: 1 = exact town).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def _strings(values: Any) -> list[str]:
    if not isinstance(values, list):
        return []
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def matches(props: Mapping[str, Any], spec: Mapping[str, Any]) -> bool:
    """True when the event with these GeoJSON properties passes ``spec``."""
    types = spec.get("types") or []
    if types and props.get("event_type") not in types:
        return False
    subtypes = spec.get("subtypes") or []
    if subtypes and (props.get("sub_event_type") or "") not in subtypes:
        return False
    countries = {c.upper() for c in _strings(spec.get("countries"))}
    if countries and (props.get("country_code") or "").upper() not in countries:
        return False
    if spec.get("main") is not None and bool(props.get("main")) != spec["main"]:
        return False
    if spec.get("precision") is not None and not props.get("precision", 99) <= spec["precision"]:
        return False
    low, high = spec.get("from"), spec.get("to")
    if low or high:
        day = props.get("date")
        if not day or (low and day < low) or (high and day > high):
            return False
    actors = [a.lower() for a in _strings(spec.get("actors"))]
    if actors and not any(s in a.lower() for a in props.get("actors") or [] for s in actors):
        return False
    text = spec.get("text")
    if isinstance(text, str) and text.strip():
        haystack = f"{props.get('location_name') or ''}\n{props.get('evidence') or ''}".lower()
        if text.strip().lower() not in haystack:
            return False
    return True


def selected_ids(features: Iterable[Mapping[str, Any]], spec: Mapping[str, Any]) -> list[str]:
    """The event ids of the GeoJSON ``features`` (with a geometry) that ``spec`` shows."""
    return [f["properties"]["event_id"] for f in features
            if f.get("geometry") and matches(f["properties"], spec)]
