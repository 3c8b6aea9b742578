"""Event confidence: bounded, ordered by what the extractor knows, carried to every output."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date

from geomap.events.confidence import EventFeatures, confidence_from, event_features, with_confidence
from geomap.export import CSV_COLUMNS, csv_rows, event_record
from geomap.render.layers import build_payload
from geomap.types import Event, Location, Mention, Place, Toponym

KHARKIV = Place("gn:706483", "Kharkiv", 50.0, 36.25, "city", country_code="UA")
IZIUM = Place("gn:707292", "Izium", 49.21, 37.26, "city", country_code="UA")


def _toponym(place: Place, confidence: float) -> Toponym:
    m = Mention(0, len(place.name), place.name, place.name)
    return Toponym(m, place, confidence, "test")


def _event(location: Location, sub: str = "Shelling/artillery/missile attack") -> Event:
    return Event("a-1", "a", "Explosions/Remote violence", sub, date(2022, 5, 3), location,
                 "Shelling hit Kharkiv.", 0, 21, True)


def _town(place: Place) -> Location:
    return Location(place.name, place.lat, place.lon, 1, 8.0, "UA", "toponym", place.id)


def test_features_read_the_place_behind_the_location() -> None:
    f = event_features(_event(_town(KHARKIV)), [_toponym(KHARKIV, 0.97), _toponym(IZIUM, 0.6)])
    assert f == EventFeatures("town", 0.97, 2, False)
    country = Location("Ukraine", 49.0, 32.0, 4, 400.0, "UA", "focus_country")
    assert event_features(_event(country), [_toponym(KHARKIV, 0.97)]).group == "country"


def test_confidence_ordered_by_evidence() -> None:
    sure = confidence_from(EventFeatures("town", 0.97, 1, False))
    unsure_place = confidence_from(EventFeatures("town", 0.5, 1, False))
    crowded = confidence_from(EventFeatures("town", 0.97, 8, False))
    untyped = confidence_from(EventFeatures("town", 0.97, 1, True))
    area = confidence_from(EventFeatures("area", 0.97, 1, False))
    country = confidence_from(EventFeatures("country", 0.0, 1, False))
    assert 0.9 < sure < 1.0
    assert sure > unsure_place and sure > crowded and sure > untyped
    assert sure > area > country > 0.0


def test_confidence_in_every_output() -> None:
    (ev,) = with_confidence([_event(_town(KHARKIV))], [_toponym(KHARKIV, 0.97)])
    assert ev.confidence is not None and 0.0 <= ev.confidence <= 1.0
    assert event_record(ev)["confidence"] == ev.confidence
    def csv_row(e: Event) -> dict[str, str]:
        return next(csv.DictReader(io.StringIO(csv_rows([e])), fieldnames=CSV_COLUMNS))

    assert float(csv_row(ev)["confidence"]) == ev.confidence
    assert csv_row(replace(ev, confidence=None))["confidence"] == ""
    rows = dict(build_payload([ev])["events"][0]["x"])
    assert rows["Confidence"].startswith(f"{round(ev.confidence * 100)} %")
    json.dumps(event_record(ev))  # plain JSON
