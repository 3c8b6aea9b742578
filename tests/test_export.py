"""Export: RFC 7946 GeoJSON that GDAL and the geojson package accept, ACLED-style CSV, atomicity."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from geomap.errors import OutputError
from geomap.export import CSV_COLUMNS, AtomicWriter, FeatureCollectionWriter, write_events
from geomap.types import Anchor, BorderDistance, Event, Location


def _event(i: int = 0, lat: float = 38.534, lon: float = 68.206) -> Event:
    loc = Location(
        name="Ishkobod border post", lat=lat, lon=lon, precision=2, uncertainty_km=7.5,
        country_code="TJ", method="relative",
        anchor=Anchor("Dushanbe", 38.53575, 68.77905, 50.0, 270.0, "gn:1221874"),
    )
    return Event(
        event_id=f"seed-{i}", article_id="seed", event_type="Battles",
        sub_event_type="Armed clash", date=date(2019, 11, 6), location=loc,
        evidence='Fifteen "jihadists" were killed, <b>said</b> officials.', evidence_start=0,
        evidence_end=50, main=True, fatalities=17, detained=4, actors=("Islamic State",),
        date_precision="day", source_url="https://example.org/a", title="Attack",
        borders=(BorderDistance("UZ", "Uzbekistan", 11.2, 38.53, 68.08, "TJ"),),
    )


def test_geojson_is_rfc7946_and_reads_back_with_gdal(tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    n = write_events([_event(0), _event(1, lat=-33.9, lon=151.2)], out, "geojson")
    assert n == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    f = doc["features"][0]
    assert f["geometry"]["coordinates"] == [68.206, 38.534]  # lon, lat
    props = f["properties"]
    for key in ["event_id", "article_id", "source_url", "title", "event_type", "sub_event_type",
                "date", "fatalities", "actors", "location_name", "country_code", "precision",
                "uncertainty_km", "main", "evidence", "anchor", "borders"]:
        assert key in props
    assert props["anchor"]["name"] == "Dushanbe" and props["anchor"]["bearing_deg"] == 270.0
    assert props["borders"][0]["country_code"] == "UZ"

    geojson = pytest.importorskip("geojson")
    assert geojson.loads(out.read_text(encoding="utf-8")).is_valid
    pyogrio = pytest.importorskip("pyogrio")
    import shapely

    meta, _fids, geoms, fields = pyogrio.raw.read(out)  # GDAL's GeoJSON driver
    cols = dict(zip(meta["fields"], fields, strict=True))
    assert len(geoms) == 2 and list(cols["fatalities"]) == [17, 17]
    assert shapely.from_wkb(geoms[1]).y == pytest.approx(-33.9)


def test_csv_has_acled_columns(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    write_events([_event()], out, "csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == CSV_COLUMNS
    r = rows[0]
    assert r["event_date"] == "2019-11-06" and r["fatalities"] == "17"
    assert r["latitude"] == "38.534" and r["geo_precision"] == "2" and r["actor1"] == "Islamic State"


def test_jsonl_one_event_per_line(tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    write_events([_event(0), _event(1)], out, "jsonl")
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["event_id"] for r in recs] == ["seed-0", "seed-1"] and recs[0]["lat"] == 38.534


def test_failed_write_leaves_previous_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    out.write_text("OLD", encoding="utf-8")

    def boom():
        yield _event(0)
        raise RuntimeError("crash mid-run")

    with pytest.raises(RuntimeError):
        write_events(boom(), out, "geojson")
    assert out.read_text(encoding="utf-8") == "OLD"
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]


def test_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError):
        AtomicWriter(blocker / "sub" / "out.json")


def test_disk_full_during_write_aborts_cleanly(tmp_path: Path) -> None:
    dev_full = Path("/dev/full")
    if not dev_full.exists():
        pytest.skip("/dev/full not available")
    w = FeatureCollectionWriter(tmp_path / "x.geojson")
    w._w.fh = open(dev_full, "w", encoding="utf-8")  # noqa: SIM115 (always-full device)
    with pytest.raises(OutputError):
        for i in range(10_000):
            w.add({"type": "Feature", "geometry": None, "properties": {"i": i, "pad": "x" * 100}})
        w.close()
    assert not (tmp_path / "x.geojson").exists()


def test_csv_neutralises_formulas_in_article_text(tmp_path: Path) -> None:
    import dataclasses

    ev = dataclasses.replace(_event(), evidence='=HYPERLINK("http://evil.example","x")',
                             title="@SUM(1+1)")
    out = tmp_path / "events.csv"
    write_events([ev], out, "csv")
    row = next(csv.DictReader(out.open(encoding="utf-8")))
    assert row["evidence"].startswith("'=") and row["title"] == "'@SUM(1+1)"
    assert row["latitude"] == "38.534" and row["fatalities"] == "17"  # numbers untouched


def test_run_outputs_map_title_from_a_merge(tmp_path: Path) -> None:
    """A merge of ready-made partition files (no ``add``) names the map after the first
    article through :meth:`RunOutputs.set_first_title`; ``map_limit`` is what the map keeps."""
    from geomap.export import RunOutputs

    out = RunOutputs(tmp_path, keep_for_map=7)
    try:
        assert out.map_limit == 7
        out.set_first_title("Floods in Dushanbe")
        out.n_articles = 1
        assert out.map_title() == "geomap: Floods in Dushanbe"
        out.n_articles, out.n_events = 2, 9
        assert out.map_title() == "geomap: 2 articles, 9 events (the map shows the first 7)"
    finally:
        out.abort()


def test_json_round_drops_what_json_cannot_hold() -> None:
    from geomap.export import json_round

    assert json_round(38.12345678) == 38.123457 and json_round(7.456, 1) == 7.5
    assert json_round(None) is None and json_round(float("nan")) is None
    assert json_round(float("-inf"), 2) is None


def test_run_outputs_keep_for_map_stops_at_its_limit(tmp_path: Path) -> None:
    """The map keeps at most ``map_limit`` events and resolved mentions (what the Dask merge
    and RunOutputs.add both use), and says when it is full."""
    from geomap.export import RunOutputs
    from geomap.types import Mention, Place, Toponym

    place = Place(id="gn:1", name="Dushanbe", lat=38.5, lon=68.8, kind="city")
    resolved = Toponym(Mention(0, 8, "Dushanbe", "Dushanbe"), place, 0.9, "test")
    unresolved = Toponym(Mention(9, 12, "Foo", "Foo"), None, 0.0, "test")
    out = RunOutputs(tmp_path, keep_for_map=2)
    try:
        out.keep_for_map([_event(0)], [unresolved, resolved])
        assert not out.map_full and out.map_toponyms == [resolved]
        out.keep_for_map([_event(1), _event(2)], [resolved, resolved])
        assert [e.event_id for e in out.map_events] == ["seed-0", "seed-1"]
        assert out.map_toponyms == [resolved, resolved] and out.map_full
    finally:
        out.abort()
    no_map = RunOutputs(tmp_path / "x", with_map=False)
    assert no_map.map_full
    no_map.abort()
