"""French and Russian reports through the whole pipeline (real gazetteer): every incident at its
own place, date and count; the wire examples of the shared data when available."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from geomap.ingest import parse_seed
from geomap.pipeline import get_pipeline
from geomap.types import Article


@pytest.fixture(scope="module")
def pipeline(gazetteer_path: Path):
    return get_pipeline(str(gazetteer_path), with_events=True)


def _events(pipeline, text: str, published: str, title: str | None = None):
    article = Article(id="t", text=text, title=title, published=datetime.fromisoformat(published))
    result = pipeline.process(article)
    return result, sorted(result.events, key=lambda e: e.evidence_start or 0)


def test_russian_border_report(pipeline) -> None:
    result, events = _events(
        pipeline,
        "ДУШАНБЕ, 9 августа — В четверг в 15 км южнее Хорога таджикские пограничники вступили "
        "в перестрелку с группой вооруженных контрабандистов.\nУбиты двое нарушителей, еще один "
        "задержан, сообщили в пограничных войсках.",
        "2024-08-09T07:00:00+00:00")
    assert result.language == "ru"
    (event,) = events
    assert (event.main, event.event_type, event.date.isoformat(), event.fatalities) == (
        True, "Battles", "2024-08-08", 2)
    loc = event.location
    assert loc.anchor is not None and loc.anchor.place_id == "gn:1221328"  # Khorugh
    assert loc.anchor.distance_km == 15.0 and loc.precision == 2
    assert loc.name == "в 15 км южнее Хорога"  # the text as written
    assert event.borders[0].country_code == "AF"
    assert "Military Forces of Tajikistan" in event.actors


def test_french_report_with_background(pipeline) -> None:
    result, events = _events(
        pipeline,
        "Au moins douze civils ont été tués dimanche lors de l'attaque de leur village, près de "
        "Djibo, par des hommes armés.\nEn juillet dernier, une attaque similaire avait fait "
        "vingt-deux morts à Gorom-Gorom.",
        "2024-06-11T09:00:00+00:00")
    assert result.language == "fr"
    main = [e for e in events if e.main]
    assert len(main) == 1 and len(events) == 2
    assert (main[0].date.isoformat(), main[0].fatalities, main[0].location.place_id,
            main[0].location.anchor.place_id) == ("2024-06-09", 12, None, "gn:2361177")
    background = next(e for e in events if not e.main)
    assert (background.date.isoformat()[:7], background.date_precision, background.fatalities,
            background.location.place_id) == ("2023-07", "month", 22, "gn:2360372")


def _wire(shared_data: Path, name: str) -> Article:
    path = shared_data / "events" / "wire_examples" / name
    if not path.is_file():
        pytest.skip(f"{path} not available")
    return parse_seed(path.read_text(encoding="utf-8"), path=str(path))


def test_wire_example_french(pipeline, shared_data: Path) -> None:
    events = sorted(pipeline.process(_wire(shared_data, "04_french.txt")).events,
                    key=lambda e: e.evidence_start or 0)
    got = [(e.date.isoformat(), e.fatalities, e.location.country_code) for e in events]
    assert got == [("2023-05-09", 12, "BF"), ("2023-05-09", None, "BF"), ("2023-05-08", 2, "ML")]
    djibo, arbinda, timbuktu = events
    assert djibo.main and djibo.event_type == "Battles"
    assert djibo.location.anchor.place_id == "gn:2361177"
    assert arbinda.location.anchor.distance_km == 90.0
    assert timbuktu.location.place_id == "gn:2449067" and timbuktu.location.precision == 1


def test_wire_example_russian(pipeline, shared_data: Path) -> None:
    events = sorted(pipeline.process(_wire(shared_data, "05_russian.txt")).events,
                    key=lambda e: e.evidence_start or 0)
    got = [(e.date.isoformat(), e.fatalities, e.injured, e.location.country_code) for e in events]
    assert got == [("2023-01-20", 5, 8, "UA"), ("2023-01-20", None, 2, "UA"),
                   ("2023-01-19", 1, None, "RU")]
    donetsk, horlivka, belgorod = events
    assert donetsk.main and donetsk.location.precision == 1
    assert donetsk.sub_event_type == "Shelling/artillery/missile attack"
    assert horlivka.location.anchor.distance_km == 40.0
    assert belgorod.location.precision == 3
