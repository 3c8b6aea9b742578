"""Merged records: one incident from the events of every article that reports it.

Rules, one per attribute (README, "Incidents and store"):

- location: the most precise member location (smallest uncertainty; ties: the higher
  precision class, then the place most members name, then the smallest event id);
- date: the best-supported date: the day-precise date most members give (ties: the earlier),
  else the most precise date given;
- event type and sub-type: the pair most members give (ties: the main events' pair, then the
  smallest event id's);
- fatalities and injured: ACLED's convention, the most conservative credible figure: the
  lowest figure any report gives (a report that gives none is not a report of zero); when the
  reports disagree, every figure is kept in ``fatalities_reported`` / ``injured_reported`` and
  a note says so;
- actors: the union, most-cited first;
- sources: every member event's article id, URL, title and evidence, and how many articles.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from geomap.merge.cluster import IncidentIndex
from geomap.merge.config import DEFAULT_CONFIG, MergeConfig
from geomap.merge.keys import MergeKey, key_of
from geomap.types import Event, Location

DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
"""Date precisions, most precise first."""


@dataclass(frozen=True, slots=True)
class Source:
    """One article's report of an incident."""

    article_id: str
    event_id: str
    url: str | None
    title: str | None
    evidence: str


@dataclass(frozen=True, slots=True)
class Incident:
    """One incident, merged from every event that reports it (rules in the module docstring)."""

    incident_id: str
    location: Location
    date: date | None
    date_precision: str | None
    event_type: str
    sub_event_type: str
    fatalities: int | None
    injured: int | None
    fatalities_reported: tuple[int, ...]
    injured_reported: tuple[int, ...]
    actors: tuple[str, ...]
    sources: tuple[Source, ...]
    n_sources: int
    notes: str | None = None


def _lowest(values: Iterable[int | None]) -> tuple[int | None, tuple[int, ...]]:
    given = sorted({v for v in values if v is not None})
    return (given[0] if given else None), tuple(given)


def merge_incident(incident_id: str, events: Sequence[Event]) -> Incident:
    """One incident record from its member events (at least one)."""
    evs = sorted(events, key=lambda e: e.event_id)
    names = Counter(e.location.name for e in evs)
    best_loc = min(evs, key=lambda e: (e.location.uncertainty_km, e.location.precision,
                                       -names[e.location.name], e.event_id)).location
    dated = [e for e in evs if e.date is not None]
    day_dates = Counter(e.date for e in dated if (e.date_precision or "day") == "day")
    if day_dates:
        best_date = min(day_dates, key=lambda d: (-day_dates[d], d))
        best_prec: str | None = "day"
    elif dated:
        e0 = min(dated, key=lambda e: (DATE_RANK.get(e.date_precision or "year", 3), e.date))
        best_date, best_prec = e0.date, e0.date_precision
    else:
        best_date, best_prec = None, None
    types = Counter((e.event_type, e.sub_event_type) for e in evs)
    top = max(types.values())
    mains = [e for e in evs if e.main and types[(e.event_type, e.sub_event_type)] == top]
    pick = (mains or [e for e in evs if types[(e.event_type, e.sub_event_type)] == top])[0]
    fat, fat_all = _lowest(e.fatalities for e in evs)
    inj, inj_all = _lowest(e.injured for e in evs)
    notes = []
    if len(fat_all) > 1:
        notes.append("reports disagree on fatalities (" + ", ".join(map(str, fat_all))
                     + "); the lowest is kept")
    if len(inj_all) > 1:
        notes.append("reports disagree on injured (" + ", ".join(map(str, inj_all))
                     + "); the lowest is kept")
    actors = Counter(a for e in evs for a in dict.fromkeys(e.actors))
    sources = tuple(Source(e.article_id, e.event_id, e.source_url, e.title, e.evidence)
                    for e in evs)
    return Incident(
        incident_id=incident_id, location=best_loc, date=best_date, date_precision=best_prec,
        event_type=pick.event_type, sub_event_type=pick.sub_event_type,
        fatalities=fat, injured=inj, fatalities_reported=fat_all, injured_reported=inj_all,
        actors=tuple(sorted(actors, key=lambda a: (-actors[a], a))), sources=sources,
        n_sources=len({e.article_id for e in evs}), notes="; ".join(notes) or None,
    )


def build_incidents(events: Iterable[Event]) -> list[Incident]:
    """Incident records of events that carry ``incident_id`` (others are their own incident),
    in the order of each incident's first event."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        groups[e.incident_id or f"event:{e.event_id}"].append(e)
    return [merge_incident(i, evs) for i, evs in groups.items()]


class Merger:
    """Collects a run's events with their merge keys; gives them back with incident ids."""

    def __init__(self, config: MergeConfig = DEFAULT_CONFIG) -> None:
        self.index = IncidentIndex(config)
        self.events: list[Event] = []

    def add(self, events: Sequence[Event], article_text: str | None = None,
            keys: Sequence[MergeKey] | None = None) -> None:
        """One article's events (``article_text`` adds its names to the keys), or their
        ``keys`` made where the article was read (a Dask worker's)."""
        for i, e in enumerate(events):
            self.events.append(e)
            if keys is not None and i < len(keys):
                k = keys[i]
                if (k.event_id, k.article_id) != (e.event_id, e.article_id):  # renamed since
                    k = replace(k, event_id=e.event_id, article_id=e.article_id)
                self.index.add(k)
            else:
                self.index.add(key_of(e, article_text))

    def add_keys(self, keys: Iterable[MergeKey]) -> None:
        """Keys of events merged before (a store's): they take part, and are not returned."""
        self.index.add_all(keys)

    def merged(self) -> list[Event]:
        """The events, in the order added, with ``incident_id`` and ``incident_sources``."""
        inc = self.index.incidents()
        counts = self.index.source_counts()
        return [replace(e, incident_id=inc[e.event_id], incident_sources=counts[e.event_id])
                if e.event_id in inc else e for e in self.events]


INCIDENT_CSV_COLUMNS = [
    "incident_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "iso", "region", "country", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "country_code", "precision", "uncertainty_km", "injured",
    "fatalities_reported", "injured_reported", "actors", "n_sources", "article_ids",
    "source_urls", "notes",
]
"""ACLED's names and codes where one exists, as in events.csv (``iso`` numeric, ``geo_precision``
1-3, unknown fatalities 0), then geomap's own (``country_code``, ``precision`` 1-4, ...)."""


def incident_properties(inc: Incident) -> dict[str, Any]:
    """The GeoJSON properties of an incident (the sources as a list of objects)."""
    loc = inc.location
    return {
        "incident_id": inc.incident_id,
        "date": inc.date.isoformat() if inc.date else None,
        "date_precision": inc.date_precision,
        "event_type": inc.event_type, "sub_event_type": inc.sub_event_type,
        "fatalities": inc.fatalities, "injured": inc.injured,
        "fatalities_reported": list(inc.fatalities_reported),
        "injured_reported": list(inc.injured_reported),
        "actors": list(inc.actors),
        "location_name": loc.name, "country_code": loc.country_code,
        "precision": loc.precision, "uncertainty_km": round(loc.uncertainty_km, 2),
        "n_sources": inc.n_sources,
        "sources": [{"article_id": s.article_id, "event_id": s.event_id, "url": s.url,
                     "title": s.title, "evidence": s.evidence} for s in inc.sources],
        "notes": inc.notes,
    }


def incident_feature(inc: Incident) -> dict[str, Any]:
    from geomap.export import point_geometry

    return {"type": "Feature", "id": inc.incident_id,
            "geometry": point_geometry(inc.location.lat, inc.location.lon),
            "properties": incident_properties(inc)}


def _blank(value: Any) -> Any:
    return "" if value is None else value


def incident_csv_rows(incidents: Iterable[Incident]) -> str:
    """Incidents as CSV rows (no header)."""
    from geomap import acled
    from geomap.export import csv_safe
    from geomap.export import json_round as _round

    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=INCIDENT_CSV_COLUMNS)
    for inc in incidents:
        loc = inc.location
        row = {
            "incident_id": inc.incident_id,
            "event_date": inc.date.isoformat() if inc.date else "",
            "time_precision": acled.TIME_PRECISION.get(inc.date_precision or "", ""),
            "event_type": inc.event_type, "sub_event_type": inc.sub_event_type,
            "actor1": inc.actors[0] if inc.actors else "",
            "actor2": inc.actors[1] if len(inc.actors) > 1 else "",
            "iso": _blank(acled.iso_numeric(loc.country_code)),
            "region": _blank(acled.region(loc.country_code)),
            "country": _blank(acled.country_name(loc.country_code)),
            "location": loc.name, "latitude": _round(loc.lat), "longitude": _round(loc.lon),
            "geo_precision": acled.geo_precision(loc.precision),
            "fatalities": inc.fatalities or 0,  # ACLED writes 0 when no figure is given
            "country_code": loc.country_code or "", "precision": loc.precision,
            "uncertainty_km": _round(loc.uncertainty_km, 2),
            "injured": "" if inc.injured is None else inc.injured,
            "fatalities_reported": "; ".join(map(str, inc.fatalities_reported)),
            "injured_reported": "; ".join(map(str, inc.injured_reported)),
            "actors": "; ".join(inc.actors), "n_sources": inc.n_sources,
            "article_ids": "; ".join(dict.fromkeys(s.article_id for s in inc.sources)),
            "source_urls": "; ".join(dict.fromkeys(s.url for s in inc.sources if s.url)),
            "notes": inc.notes or "",
        }
        w.writerow({k: csv_safe(v) for k, v in row.items()})
    return buf.getvalue()


def incident_csv_header() -> str:
    buf = io.StringIO(newline="")
    csv.DictWriter(buf, fieldnames=INCIDENT_CSV_COLUMNS).writeheader()
    return buf.getvalue()

