"""Property-based tests (hypothesis) for the parsers and the exported geometry.

Complements the per-stage hypothesis tests (relative expressions, recognizer spans, event
invariants, distance symmetry): seed-format round trip, number and date parsers, GeoNames
dump rows, destination points, and RFC 7946 validity of every exported geometry.
"""

from __future__ import annotations

import json
import math
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import geojson
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from geomap.errors import InputError
from geomap.types import Anchor, BorderDistance, Event, Location

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# --- seed format ------------------------------------------------------------------------------

_LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\n\r\x85"
                              "\u2028\u2029\x0b\x0c\x1c\x1d\x1e"), min_size=1, max_size=80)
_TITLE = _LINE.filter(lambda s: s.strip() != "")
_AUTHOR = _LINE.map(lambda s: s.replace("*", "")).filter(lambda s: s.strip() != "")
_URL = st.from_regex(r"https?://[a-z0-9.-]{1,30}/[A-Za-z0-9_./?=&%-]{0,60}", fullmatch=True)
_WHEN = st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2025, 12, 31),
                     timezones=st.just(UTC))
_BODY_LINE = st.one_of(_LINE, st.just(""), st.sampled_from([
    "# A heading inside the body", "Published at: **2019-01-01**", "Author: **Someone else**",
    "Original: [x](http://other.example/)", "50 km west of Dushanbe", "**bold**",
])).filter(lambda s: s.strip() == s or s == "")
_BODY = st.lists(_BODY_LINE, min_size=1, max_size=12).map("\n".join).filter(
    lambda b: b.strip("\n") != "")


@FUZZ
@given(_TITLE, _WHEN, _AUTHOR, _URL, _BODY)
def test_seed_format_round_trip(title: str, when: datetime, author: str, url: str,
                                body: str) -> None:
    from geomap.ingest import parse_seed

    doc = (f"# {title}\n\nPublished at: **{when.isoformat()}**\n\nAuthor: **{author}**\n\n"
           f"Original: [{url.split('/')[2]}]({url})\n\n{body}\n")
    art = parse_seed(doc, path="gen.txt")
    assert art.title == title.strip()
    assert art.published == when
    assert art.author == author.strip()
    assert art.url == url
    assert art.text == body.strip("\n")


@FUZZ
@given(st.text(max_size=400))
def test_seed_parser_never_crashes(text: str) -> None:
    from geomap.ingest import parse_seed

    try:
        art = parse_seed(text, path="x.txt")
    except InputError:
        return
    assert art.text in text and art.title


@FUZZ
@given(st.one_of(st.text(max_size=40), _WHEN.map(lambda d: d.isoformat()),
                 st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat()),
                 st.integers(), st.floats(), st.none()))
def test_published_is_none_a_plausible_date_or_an_input_error(value) -> None:
    from geomap.ingest import parse_published

    try:
        dt = parse_published(value, path="x", line=1)
    except InputError as exc:
        assert str(exc).startswith("x:1: ")
        return
    if dt is not None:
        assert dt.tzinfo is not None
        assert datetime(1800, 1, 1, tzinfo=UTC) <= dt <= datetime.now(UTC) + timedelta(days=1)


# --- numbers and dates ------------------------------------------------------------------------

_NUMBER_WORDS = st.sampled_from([
    "a", "an", "one", "two", "seventeen", "twenty", "twenty-five", "hundred", "thousand",
    "million", "dozen", "dozens", "scores", "and", "at", "least", "some", "1", "17", "1,344",
    "2.5", "1,000,000", "99999999999999999999", "-", "0", "00", "nine-hundred", "half",
])
_NUMBER_TEXT = st.one_of(st.lists(_NUMBER_WORDS, max_size=6).map(" ".join), st.text(max_size=30))


@FUZZ
@given(_NUMBER_TEXT, st.booleans())
def test_parse_number_is_none_or_a_sane_count(text: str, lower_bound: bool) -> None:
    from geomap.events.numbers import parse_number

    n = parse_number(text, lower_bound=lower_bound)
    assert n is None or (isinstance(n, int) and 0 <= n < 10**15)


@FUZZ
@given(st.lists(_NUMBER_WORDS | st.sampled_from([
    "people", "soldiers", "civilians", "were", "was", "killed", "injured", "wounded",
    "arrested", "died", "dead", "left", "death", "toll", "rose", "to", ",", "."]),
    max_size=25).map(" ".join))
def test_casualty_counts_are_non_negative(text: str) -> None:
    from geomap.events.numbers import count_casualties

    for kind, n in count_casualties(text).items():
        assert kind in ("fatalities", "injured", "detained")
        assert n is None or (isinstance(n, int) and n >= 0)


_DATE_WORDS = st.sampled_from([
    "on", "Monday", "Tuesday", "last", "next", "week", "month", "year", "yesterday", "today",
    "tonight", "ago", "two", "days", "12", "31", "29", "February", "March", "Dec.", "2019",
    "1999", "0001", "9999", "the", "1990s", "early", "late", "of", "in", "since", ",", "-",
    "12/03/2019", "2019-02-30", "2019-11-06", "morning", "at", "10:42", "25:99",
])


@FUZZ
@given(st.lists(_DATE_WORDS, max_size=12).map(" ".join),
       st.one_of(st.none(), st.dates(min_value=date(1800, 1, 1), max_value=date(2030, 1, 1))))
def test_dates_resolve_to_real_dates_or_none(text: str, published: date | None) -> None:
    from geomap.events.dates import best_date, find_date_expressions, find_time

    exprs = find_date_expressions(text)
    for e in exprs:
        assert 0 <= e.start <= e.end <= len(text)
    found = best_date(exprs, published)
    if found is not None:
        _, d, precision = found
        assert isinstance(d, date) and precision in ("day", "week", "month", "year", "decade")
    t = find_time(text)
    if t is not None:
        hh, mm = t.split(":")[:2]
        assert 0 <= int(hh) <= 23 and 0 <= int(mm[:2]) <= 59


# --- GeoNames rows ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_gazetteer(tmp_path_factory) -> Path:
    from geomap.gazetteer.sqlite import SCHEMA_VERSION, open_writable

    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    con = open_writable(path)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    con.commit()
    con.close()
    return path


_FIELD = st.text(st.characters(blacklist_characters="\t\n\r", blacklist_categories=("Cs",)),
                 max_size=12)
_COORD = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr),
                   st.floats(-90, 90).map(str), _FIELD)


@st.composite
def _geonames_row(draw) -> list[str]:
    lat, lon = draw(_COORD), draw(_COORD)
    return [
        str(draw(st.integers(1, 10**9))), draw(_FIELD), draw(_FIELD),
        ",".join(draw(st.lists(_FIELD, max_size=3))), lat, lon,
        draw(st.sampled_from(["P", "A", "H", "T", "", "Z"])),
        draw(st.sampled_from(["PPL", "PPLC", "ADM1", "PCLI", "MT", "", "XXXX"])),
        draw(st.sampled_from(["TJ", "AF", "", "zz", "??"])), "", draw(_FIELD), draw(_FIELD),
        "", "", draw(st.one_of(st.integers(0, 10**8).map(str), st.just(""), _FIELD)),
        "", "", "Asia/Dushanbe", "2019-01-01",
    ]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_geonames_row(), min_size=1, max_size=5), st.data())
def test_geonames_rows_import_or_name_the_bad_line(tiny_gazetteer: Path, tmp_path_factory,
                                                   rows: list[list[str]], data) -> None:
    """Any dump either imports (every place in range) or fails with FILE:LINE, atomically."""
    import shutil

    from geomap.gazetteer.importer import import_files

    work = tmp_path_factory.mktemp("imp")
    db = work / "g.sqlite"
    shutil.copyfile(tiny_gazetteer, db)
    dump = work / "TJ.txt"
    dump.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    try:
        import_files(db, [dump], progress=False)
    except InputError as exc:
        event("rejected")
        assert str(exc).startswith(f"{dump}:")
        con = sqlite3.connect(db)
        assert con.execute("SELECT count(*) FROM places").fetchone()[0] == 0  # all or nothing
        con.close()
        return
    event("imported")
    con = sqlite3.connect(db)
    for lat, lon in con.execute("SELECT lat, lon FROM places"):
        assert -90 <= lat <= 90 and -180 <= lon <= 180
    assert con.execute("SELECT count(DISTINCT id) FROM places").fetchone()[0] == \
        len({r[0] for r in rows})
    con.close()


# --- geometry -----------------------------------------------------------------------------

_LAT = st.floats(-90, 90)
_LON = st.floats(-180, 180)


@FUZZ
@given(st.floats(-89.9, 89.9), _LON, st.floats(0, 5000), st.floats(0, 360, exclude_max=True))
def test_destination_is_at_the_requested_geodesic_distance(lat: float, lon: float,
                                                           distance_km: float,
                                                           bearing_deg: float) -> None:
    from geomap.geo import destination
    from geomap.geo import distance_km as dist

    lat2, lon2 = destination(lat, lon, distance_km, bearing_deg)
    assert -90 <= lat2 <= 90 and -180 <= lon2 <= 180
    assert math.isclose(dist(lat, lon, lat2, lon2), distance_km, rel_tol=1e-6, abs_tol=1e-6)


_HOSTILE = st.one_of(st.text(max_size=30), st.sampled_from([
    "</script><script>alert(1)</script>", "javascript:alert(1)", '"},{"type":"x', "\u2028",
    "\x00", "NaN", "Infinity"]))


_ANY = st.floats(allow_nan=True, allow_infinity=True)


@st.composite
def _event(draw) -> Event:
    # mostly real coordinates; sometimes NaN, infinite or out of range (a bug upstream must
    # still never produce invalid GeoJSON)
    lat = draw(st.one_of(_LAT, _LAT, _LAT, _ANY))
    lon = draw(st.one_of(_LON, _LON, _LON, _ANY))
    anchor = None
    if draw(st.booleans()):
        anchor = Anchor(draw(_HOSTILE), draw(_LAT), draw(_LON),
                        draw(st.one_of(st.none(), st.floats(0, 20000))),
                        draw(st.one_of(st.none(), st.floats(0, 360))))
    loc = Location(name=draw(_HOSTILE), lat=lat, lon=lon,
                   precision=draw(st.sampled_from([1, 2, 3, 4])),
                   uncertainty_km=draw(st.floats(0, 5000)), anchor=anchor)
    return Event(
        event_id=draw(_HOSTILE), article_id=draw(_HOSTILE), event_type="Battles",
        sub_event_type="Armed clash", date=draw(st.one_of(st.none(), st.dates())),
        location=loc, evidence=draw(_HOSTILE), evidence_start=0, evidence_end=1,
        main=draw(st.booleans()), fatalities=draw(st.one_of(st.none(), st.integers(0, 10**6))),
        actors=tuple(draw(st.lists(_HOSTILE, max_size=2))), title=draw(_HOSTILE),
        source_url=draw(_HOSTILE),
        borders=tuple(BorderDistance("TJ", draw(_HOSTILE), draw(st.floats(0, 20000)),
                                     draw(_LAT), draw(_LON)) for _ in range(draw(st.integers(0, 2)))),
    )


@FUZZ
@given(st.lists(_event(), max_size=5))
def test_every_exported_geometry_is_rfc7946(tmp_path_factory, events: list[Event]) -> None:
    from geomap.export import write_events

    out = tmp_path_factory.mktemp("gj") / "events.geojson"
    write_events(events, out, "geojson")
    text = out.read_text(encoding="utf-8")
    data = json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    fc = geojson.loads(text)
    assert fc.is_valid, fc.errors()
    assert "crs" not in data and len(data["features"]) == len(events)
    for f, e in zip(data["features"], events, strict=True):
        elat, elon = e.location.lat, e.location.lon
        if not (math.isfinite(elat) and math.isfinite(elon) and -90 <= elat <= 90):
            assert f["geometry"] is None  # null geometry, never NaN or a pole overshoot
            continue
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert math.isclose(lat, elat, abs_tol=1e-6)  # (lon, lat) order
        if abs(elon) < 1e4:  # the same meridian, wrapped (beyond that, floats lose degrees)
            assert abs(math.remainder(lon - elon, 360.0)) < 1e-5
