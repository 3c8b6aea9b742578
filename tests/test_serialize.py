"""geomap.serialize: every core type round-trips exactly, through data and through JSON text,
on a real pipeline result (the seed) and on hand-built edge cases."""

from __future__ import annotations

import dataclasses
import json
import math
import typing
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap import serialize, types
from geomap.ingest import iter_articles
from geomap.pipeline import Pipeline
from geomap.types import (
    Anchor,
    Article,
    ArticleResult,
    BorderDistance,
    Candidate,
    Event,
    Location,
    Mention,
    Place,
    RelativeExpression,
    Toponym,
)

CORE_TYPES = [obj for obj in vars(types).values()
              if isinstance(obj, type) and dataclasses.is_dataclass(obj)
              and obj.__module__ == types.__name__]


@pytest.fixture(scope="module")
def seed_result(gazetteer_path: Path, seed_path: Path) -> ArticleResult:
    (article,) = list(iter_articles([str(seed_path)], lambda p: pytest.fail(str(p))))
    pipe = Pipeline(gazetteer_path)
    try:
        return pipe.process(article)
    finally:
        pipe.close()


def _both_ways(value, tp=None):
    tp = tp or type(value)
    via_data = serialize.from_data(serialize.to_data(value), tp)
    via_text = serialize.loads(serialize.dumps(value), tp)
    return via_data, via_text


def test_seed_result_round_trips_exactly(seed_result: ArticleResult) -> None:
    assert seed_result.toponyms and seed_result.events and seed_result.relatives
    for back in _both_ways(seed_result):
        assert back == seed_result
        assert back.events == seed_result.events  # every nested value, field by field
        assert type(back.events[0].location) is Location
        assert all(type(t.mention) is Mention for t in back.toponyms)
        assert back.article.published == seed_result.article.published
    for ev in seed_result.events:  # each type on its own too (the store keeps single events)
        assert _both_ways(ev) == (ev, ev)
    for t in seed_result.toponyms:
        assert _both_ways(t) == (t, t)
    rels = seed_result.relatives
    assert _both_ways(rels, tuple[RelativeExpression, ...]) == (rels, rels)


def test_edge_cases_round_trip() -> None:
    ist = timezone(timedelta(hours=5, minutes=30))
    article = Article(id="é-1", text="Душанбе\u2028 \U0001F600 \ufffd", title=None,
                      published=datetime(2019, 11, 6, 23, 59, 59, 123456, tzinfo=ist),
                      gold_spans=((0, 7), (8, 8)), language="ru")
    place = Place(id="user:Тест", name="Тест", lat=-0.0, lon=180.0, kind="user",
                  members=("TJ", "UZ"), population=0)
    naive = dataclasses.replace(article, published=datetime(2019, 11, 6, 10, 0))
    for value in (article, naive, place, dataclasses.replace(article, gold_spans=())):
        assert _both_ways(value) == (value, value)
    back = serialize.loads(serialize.dumps(article), Article)
    assert back.published.utcoffset() == timedelta(hours=5, minutes=30)  # offset kept
    assert serialize.loads(serialize.dumps(naive), Article).published.tzinfo is None
    assert serialize.to_data(article)["published"] == "2019-11-06T23:59:59.123456+05:30"


def test_non_finite_floats_survive() -> None:
    """Decision: NaN and infinities are kept (the journal must give back what the pipeline
    made); the JSON text spells them NaN/Infinity, which Python's json reads back."""
    loc = Location(name="x", lat=math.nan, lon=math.inf, precision=4, uncertainty_km=-math.inf)
    for back in _both_ways(loc):
        assert math.isnan(back.lat) and back.lon == math.inf and back.uncertainty_km == -math.inf
    assert "NaN" in serialize.dumps(loc)


def test_every_core_type_is_covered(seed_result: ArticleResult) -> None:
    """Each dataclass of geomap.types round-trips (a new type needs no code here)."""
    place = seed_result.toponyms[0].place
    mention = seed_result.toponyms[0].mention
    anchor = Anchor(name="Dushanbe", lat=38.5, lon=68.8, distance_km=None, bearing_deg=270.0)
    samples = {
        Article: seed_result.article, Place: place, Mention: mention,
        Candidate: Candidate(place=place, matched_name="Душанбе", name_type="alternate"),
        Toponym: Toponym(mention=mention, place=None, confidence=0.0, reason="unresolved"),
        RelativeExpression: seed_result.relatives[0], Anchor: anchor,
        BorderDistance: BorderDistance("UZ", "Uzbekistan", 11.0, 38.5, 68.0),
        Location: seed_result.events[0].location, Event: seed_result.events[0],
        ArticleResult: seed_result,
    }
    assert set(samples) == set(CORE_TYPES)
    for tp, value in samples.items():
        assert _both_ways(value, tp) == (value, value), tp.__name__


def test_generic_over_fields_and_old_records_read() -> None:
    """Fields are read from the dataclass: a record without a field (written before it
    existed) gets its default; unknown keys are ignored; a wrong type is a ValueError."""
    data = serialize.to_data(Anchor("X", 1.0, 2.0, None, None, place_id="gn:1"))
    assert list(data) == [f.name for f in dataclasses.fields(Anchor)]
    del data["place_id"]
    data["added_later"] = "ignored"
    assert serialize.from_data(data, Anchor) == Anchor("X", 1.0, 2.0, None, None)
    with pytest.raises(ValueError):
        serialize.from_data({"name": "X", "lat": "north", "lon": 2.0, "distance_km": None,
                             "bearing_deg": None}, Anchor)
    with pytest.raises(ValueError):
        serialize.from_data({"start": 0, "end": 1, "text": "a", "name": "a", "kind": "evil"},
                            Mention)  # a Literal is checked


def test_runtime_scratch_is_not_serialised(seed_result: ArticleResult) -> None:
    """``ArticleResult.extra`` (compare=False) holds per-process objects: left out."""
    with_extra = dataclasses.replace(seed_result, extra={"prepared": object()})
    data = serialize.to_data(with_extra)
    assert "extra" not in data and with_extra.extra  # the value itself is untouched
    assert serialize.from_data(data, ArticleResult).extra == {}


def test_dates_and_tuples_in_plain_json(seed_result: ArticleResult) -> None:
    ev = seed_result.events[0]
    data = json.loads(serialize.dumps(ev))
    assert data["date"] == ev.date.isoformat() and isinstance(ev.date, date)
    assert data["sources"] == [list(s) for s in ev.sources]
    back = serialize.from_data(data, Event)
    assert back.sources == ev.sources and isinstance(back.sources[0], tuple)
    hints = typing.get_type_hints(Event)
    assert hints["date"] == date | None  # the field named like its type is still a date
    assert serialize.from_data({**data, "published": "2019-11-07T08:00:00+00:00"},
                               Event).published == datetime(2019, 11, 7, 8, tzinfo=UTC)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_generated_value_round_trips(data) -> None:
    """Property: values hypothesis builds from the type hints (any text, any finite float,
    aware and naive datetimes, empty and long tuples) come back equal, for every core type."""
    tp = data.draw(st.sampled_from(CORE_TYPES))
    scratch = {f.name: st.just({}) for f in dataclasses.fields(tp) if not f.compare}
    value = data.draw(st.builds(tp, **scratch))
    text = serialize.dumps(value)
    for back in _both_ways(value):
        assert serialize.dumps(back) == text  # NaN != NaN: compared as written
        if "NaN" not in text:
            assert back == value
