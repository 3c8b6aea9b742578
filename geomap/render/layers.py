"""Turn events and toponyms into the map's data payload (plain JSON-able dicts).

The browser builds every marker, circle and line from this one payload (``static/geomap.js``),
so a map of 10,000 events is one JSON document, not 10,000 Python objects. The payload holds
plain text, numbers and small lists only, never HTML: the JavaScript builds every element with
``document.createElement`` and puts text in with ``textContent``, so article text can never
become markup, whatever it contains. Links are URLs that passed :func:`safe_href` (and are
checked again in the browser).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from geomap.geo import distance_km, from_xy
from geomap.locate import borders
from geomap.render.geography import (
    CITIES_PER_COUNTRY,
    CITIES_PER_COUNTRY_MANY,
    BorderPairs,
    border_rows,
    countries_collection,
    largest_part,
    reference_cities,
)
from geomap.render.safe import safe_href
from geomap.render.style import marker_radius_px, type_colours
from geomap.types import BorderDistance, Event, Toponym

PRECISION_TEXT = {
    1: "exact town",
    2: "near a town / estimated from a relative expression",
    3: "region or border area",
    4: "country only",
}

_FEW_COUNTRIES = 3
"""Up to this many countries with events: the view takes in their whole mainland."""
_MAX_DETAIL_COUNTRIES = 12
"""Up to this many countries with events: they and their neighbours are drawn in detail."""
_VIEW_MIN_EVENTS = 50
"""From this many events the map opens on the bulk of them, not on every outlier."""
_VIEW_OUTLIER_SHARE = 0.02
"""The share of events at each edge (latitude and longitude apart) left out of that view."""


def km_label(km: float) -> str:
    """A short distance label: "50 km", "2.4 km"."""
    return f"{km:.1f} km" if km < 10 else f"{km:.0f} km"


def _country_code_of(event: Event) -> str | None:
    """The event's country: as located, else the country its point lies in."""
    if event.location.country_code:
        return event.location.country_code.upper()
    try:
        return borders.country_at(event.location.lat, event.location.lon)
    except Exception:  # noqa: BLE001 - a missing border dataset must not lose the map
        return None


def confidence_label(confidence: float) -> str:
    """The event confidence as the popup says it: a percentage and what it estimates."""
    return f"{round(confidence * 100)} % (estimated chance it is within 25 km and of this type)"


def _event_record(event: Event, country: str | None, type_index: int, article: int,
                  sources: Sequence[str] = ()) -> dict:
    """One event, compact: numbers and plain text for the popup (no HTML anywhere).

    The browser (``geomap.js``) puts the fixed rows (date, type, fatalities, location,
    precision) together from the fields; ``x`` holds the optional rows (:func:`_popup_rows`).
    """
    loc = event.location
    unc_km = loc.uncertainty_km if _finite(loc.uncertainty_km) and loc.uncertainty_km > 0 else 0.0
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
    optional = {
        "s": event.sub_event_type or None,
        "cc": loc.country_code or None,
        "nl": len(loc.name) if country else None,  # the location's own name is n[:nl]
        "ac": list(event.actors) if event.actors else None,
        "w": ", ".join(_when(event)) or None,
        "c": ", ".join(_counts(event)) or None,
        "x": _popup_rows(event, sources) or None,
    }
    record.update((key, value) for key, value in optional.items() if value is not None)
    return record


def _when(event: Event) -> list[str]:
    """What the popup adds to the date: its precision when not a day, the time, the words."""
    when = []
    if event.date_precision and event.date_precision != "day":
        when.append(f"to the {event.date_precision}")
    if event.time:
        when.append(event.time)
    if event.date_text:
        when.append(f"\u201c{event.date_text}\u201d")
    return when


def _counts(event: Event) -> list[str]:
    """The people counted besides the dead: "3 injured", "2 detained"."""
    return [f"{int(value)} {label}"
            for label, value in (("injured", event.injured), ("detained", event.detained))
            if value is not None]


def _popup_rows(event: Event, sources: Sequence[str]) -> list[list[Any]]:
    """The popup's optional rows as [label, text], or for borders and sources
    [label, [[text, named 0/1], ...]] (one line each, "named" adds a bold note)."""
    loc = event.location
    rows: list[list[Any]] = []
    if event.actors:
        rows.append(["Actors", "; ".join(event.actors)])
    if loc.relative is not None:
        rows.append(["Stated", f"\u201c{loc.relative.text}\u201d"])
    if loc.anchor is not None and _finite(loc.anchor.lat, loc.anchor.lon):
        rows.append(["Anchor", _anchor_text(event)])
    if event.borders:
        rows.append(["Borders", [
            [f"{bd.name} border: {km_label(bd.distance_km)}", 1 if bd.named_in_text else 0]
            for bd in event.borders if _finite(bd.distance_km)]])
    if event.incident_sources and event.incident_sources > 1:
        # one line per article reporting the incident (the list format of the border rows)
        rows.append([f"Sources ({event.incident_sources})", [[t, 0] for t in sources]])
    if event.confidence is not None:
        rows.append(["Confidence", confidence_label(event.confidence)])
    if event.notes:
        rows.append(["Notes", event.notes])
    return rows


def _anchor_text(event: Event) -> str:
    """The anchor row: distance and bearing from the place the text measured from."""
    loc = event.location
    anchor = loc.anchor
    assert anchor is not None
    km = distance_km(loc.lat, loc.lon, anchor.lat, anchor.lon)
    text = f"{km_label(km)} from {anchor.name} ({anchor.lat:.4f}, {anchor.lon:.4f})"
    if anchor.bearing_deg is not None:
        text += f", bearing {anchor.bearing_deg:.0f}\u00b0 from it"
    return text


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
    parts = _EventLayers({t: i for i, t in enumerate(sorted(colours))},
                         _incident_sources(events))
    for event in events:
        parts.add(event)

    mentions, unresolved = _mentions(toponyms)
    bounds = parts.bounds
    if not parts.events:
        for m in mentions:
            bounds = _extend(bounds, m["lat"], m["lon"])
    bounds = _with_mainlands(bounds, parts.countries)
    detail = _detail_codes(parts.border_info.codes)

    return {
        "title": title,
        "bounds": None if bounds is None else [[bounds[0], bounds[1]], [bounds[2], bounds[3]]],
        "view": _main_view(parts.events),
        "types": [
            {"n": t, "c": colours[t], "k": parts.type_counts[t]} for t in sorted(colours)
        ],
        "articles": parts.article_rows,
        "events": parts.events,
        "lines": parts.lines,
        "anchors": list(parts.anchors.values()),
        "mentions": mentions,
        "unresolved": unresolved,
        "countries": countries_collection(detail, parts.countries),
        "borders": border_rows(parts.border_info),
        # anchors are labelled only for the selected event now, so no city gives way to them
        "cities": reference_cities(
            detail | parts.countries,
            per_country=CITIES_PER_COUNTRY if detail else CITIES_PER_COUNTRY_MANY),
        "cnames": {c: borders.country_name(c) for c in sorted(parts.countries)},
        "precision": {str(k): v for k, v in PRECISION_TEXT.items()},
    }


def _incident_sources(events: Sequence[Event]) -> dict[str, dict[str, None]]:
    """Each incident's articles (their labels, in order of appearance, without repeats)."""
    out: dict[str, dict[str, None]] = {}
    for event in events:
        if event.incident_id is not None:
            out.setdefault(event.incident_id, {})[event.title or event.article_id] = None
    return out


class _EventLayers:
    """The payload's event parts, filled one event at a time in input order: records,
    articles, distance lines, anchors, border pairs, the countries and the bounds."""

    def __init__(self, type_index: dict[str, int],
                 incident_sources: dict[str, dict[str, None]]) -> None:
        self.type_index = type_index
        self.incident_sources = incident_sources
        self.type_counts: dict[str, int] = {}
        self.article_index: dict[str, int] = {}
        self.article_rows: list[dict[str, str]] = []
        self.border_info = BorderPairs()
        self.events: list[dict[str, Any]] = []
        self.lines: list[dict[str, Any]] = []
        self.anchors: dict[tuple[float, float], dict[str, Any]] = {}
        self.bounds: list[float] | None = None
        self.countries: set[str] = set()

    def add(self, event: Event) -> None:
        loc = event.location
        index = len(self.events)
        country = _country_code_of(event)
        if country:
            self.border_info.codes.add(country)
            self.countries.add(country)
        if event.article_id not in self.article_index:
            self.article_index[event.article_id] = len(self.article_rows)
            label = event.title or event.article_id
            self.article_rows.append(_article_row(label, event.source_url))
        self.type_counts[event.event_type] = self.type_counts.get(event.event_type, 0) + 1
        self.bounds = _extend(self.bounds, loc.lat, loc.lon)
        self.events.append(
            _event_record(event, country, self.type_index[event.event_type],
                          self.article_index[event.article_id],
                          list(self.incident_sources.get(event.incident_id or "", ())))
        )
        if loc.anchor is not None and _finite(loc.anchor.lat, loc.anchor.lon):
            self._add_anchor(event, index)
        for bd in event.borders:
            if _finite(bd.nearest_lat, bd.nearest_lon, bd.distance_km):
                self._add_border(bd, country, index)

    def _add_anchor(self, event: Event, index: int) -> None:
        """The dashed line from the event to its anchor, and the anchor's marker."""
        loc = event.location
        anchor = loc.anchor
        assert anchor is not None
        km = distance_km(loc.lat, loc.lon, anchor.lat, anchor.lon)
        self.lines.append(
            {
                "e": index,
                "k": "a",
                "to": [round(anchor.lat, 5), round(anchor.lon, 5)],
                "l": km_label(km),
                "w": anchor.name,
            }
        )
        key = (round(anchor.lat, 4), round(anchor.lon, 4))
        entry = self.anchors.setdefault(
            key,
            {"lat": key[0], "lon": key[1], "nm": anchor.name, "n": 0},
        )
        entry["n"] += 1
        self.bounds = _extend(self.bounds, anchor.lat, anchor.lon)

    def _add_border(self, bd: BorderDistance, country: str | None, index: int) -> None:
        """The dotted line from the event to the nearest point of a border, and the pair."""
        other = bd.country_code.upper()
        side = (bd.other_country_code or country or "").upper()
        self.border_info.codes.add(other)
        pair_name = bd.name
        if side and side != other:
            self.border_info.codes.add(side)
            self.border_info.add_pair(
                side, other, bd.named_in_text, (bd.nearest_lat, bd.nearest_lon)
            )
            pair_name = f"{borders.country_name(side)} \u2013 {borders.country_name(other)}"
        self.lines.append(
            {
                "e": index,
                "k": "n" if bd.named_in_text else "b",
                "to": [round(bd.nearest_lat, 5), round(bd.nearest_lon, 5)],
                "l": km_label(bd.distance_km),
                "w": pair_name,
            }
        )
        self.bounds = _extend(self.bounds, bd.nearest_lat, bd.nearest_lon)


def _with_mainlands(bounds: list[float] | None, countries: set[str]) -> list[float] | None:
    """``bounds`` taking in the whole mainland of a few event countries (context around)."""
    if 0 < len(countries) <= _FEW_COUNTRIES:
        for code in countries:
            found = borders.country(code)
            if found is not None:
                minx, miny, maxx, maxy = largest_part(found.geometry).bounds
                bounds = _extend(_extend(bounds, *from_xy(minx, miny)), *from_xy(maxx, maxy))
    return bounds


def _detail_codes(codes: set[str]) -> set[str]:
    """The countries drawn in detail: those of the events and borders with their neighbours,
    unless there are many (then none: the world view)."""
    if len(codes) > _MAX_DETAIL_COUNTRIES:
        return set()
    detail = set(codes)
    for code in codes:
        detail.update(borders.neighbours(code))
    return detail


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
