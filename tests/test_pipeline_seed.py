"""End to end on the seed article: the facts DESIGN.md says it must produce."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geomap.geo import bearing_deg, distance_km
from geomap.ingest import iter_articles
from geomap.pipeline import Pipeline


@pytest.fixture(scope="module")
def seed_result(gazetteer_path: Path, seed_path: Path):
    (article,) = list(iter_articles([str(seed_path)], lambda p: pytest.fail(str(p))))
    pipe = Pipeline(gazetteer_path)
    try:
        yield pipe.process(article)
    finally:
        pipe.close()


def test_main_event(seed_result) -> None:
    mains = [e for e in seed_result.events if e.main]
    assert len(mains) == 1
    ev = mains[0]
    assert ev.date == date(2019, 11, 6)
    assert ev.fatalities == 17
    assert "Islamic State" in ev.actors
    assert ev.event_type in {"Battles", "Violence against civilians", "Explosions/Remote violence"}
    loc = ev.location
    assert distance_km(loc.lat, loc.lon, 38.534, 68.206) < 20
    assert loc.precision == 2
    assert loc.anchor is not None and loc.anchor.name == "Dushanbe"
    assert loc.anchor.distance_km == pytest.approx(50, abs=5)
    assert 225 <= loc.anchor.bearing_deg <= 315
    assert abs(bearing_deg(loc.anchor.lat, loc.anchor.lon, loc.lat, loc.lon) - 270) < 45
    assert ev.borders and ev.borders[0].country_code == "UZ"
    assert ev.borders[0].distance_km == pytest.approx(11, abs=5)
    afghan = [b for b in ev.borders if b.country_code == "AF"]
    assert afghan and afghan[0].distance_km == pytest.approx(145, abs=15)
    assert ev.evidence and seed_result.article.text[ev.evidence_start:ev.evidence_end] == ev.evidence


def test_background_events(seed_result) -> None:
    bg = [e for e in seed_result.events if not e.main]
    riot = [e for e in bg if e.fatalities == 32]
    cyclists = [e for e in bg if e.fatalities == 4]
    assert riot and riot[0].date and (riot[0].date.year, riot[0].date.month) == (2019, 5)
    assert cyclists and cyclists[0].date and (cyclists[0].date.year, cyclists[0].date.month) == (2018, 7)
    for e in riot[:1] + cyclists[:1]:
        assert e.location.precision == 4 and e.location.country_code == "TJ"


def test_places(seed_result) -> None:
    by_text = {}
    for t in seed_result.toponyms:
        by_text.setdefault(t.mention.text, t)
    assert by_text["Dushanbe"].place.geonameid == 1221874
    for name, cc in [("Tajikistan", "TJ"), ("Afghanistan", "AF"), ("China", "CN"),
                     ("Kyrgyzstan", "KG"), ("Syria", "SY"), ("Iraq", "IQ"), ("Switzerland", "CH")]:
        p = by_text[name].place
        assert p is not None and p.kind == "country" and p.country_code == cc, name
    assert by_text["Paris"].place.country_code == "FR"
    assert any("Ishkobod" in t.mention.text for t in seed_result.toponyms)
