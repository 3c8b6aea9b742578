"""The Python API (geomap.parse, parse_many, Result, to_dataframe, to_geojson, map), run on
the real pipeline and gazetteer."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import folium
import pandas as pd
import pytest

import geomap
from geomap.acled import ACLED_COLUMNS
from geomap.errors import ConfigurationError, InputError
from geomap.export import TABLE_COLUMNS, event_feature

ROOT = Path(__file__).resolve().parents[1]
KUNDUZ = "Gunmen killed 3 people in Kunduz on Monday."


@pytest.fixture(scope="module")
def kunduz(gazetteer_path) -> geomap.Result:
    return geomap.parse(KUNDUZ, "2024-05-06", title="Kunduz attack", url="https://ex.org/a",
                        id="k-1")


def test_parse_finds_the_event_and_its_place(kunduz):
    assert kunduz.id == "k-1"
    main = kunduz.events[0]
    assert main.location.name == "Kunduz" and main.location.country_code == "AF"
    assert main.fatalities == 3 and str(main.date) == "2024-05-06"  # Monday before publication
    assert main.event_id == "k-1-1" and main.title == "Kunduz attack"
    assert [t.place.name for t in kunduz.places if t.place] == ["Kunduz"]


def test_parse_without_date_or_id():
    r = geomap.parse(KUNDUZ)
    assert re.fullmatch(r"doc-[0-9a-f]{16}", r.id)
    assert r.id == geomap.parse(KUNDUZ).id  # the same text, the same id
    assert r.events and r.events[0].date is None  # "Monday" with nothing to anchor it


def test_parse_rejects_bad_input():
    with pytest.raises(InputError):
        geomap.parse(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        geomap.parse(KUNDUZ, "next Tuesday-ish")


def test_result_to_dataframe_has_acled_columns_then_geomaps(kunduz):
    df = kunduz.to_dataframe()
    assert isinstance(df, pd.DataFrame) and len(df) == len(kunduz.events)
    assert list(df.columns) == list(TABLE_COLUMNS)
    assert list(df.columns[:31]) == list(ACLED_COLUMNS)
    row = df.iloc[0]
    assert row["iso"] == 4 and row["region"] == "South Asia" and row["admin1"] == "Kunduz"
    assert row["fatalities"] == 3 and row["geo_precision"] in (1, 2, 3)
    assert row["source"] == "ex.org" and row["source_url"] == "https://ex.org/a"
    assert str(df["iso"].dtype) == "Int64" and str(df["latitude"].dtype) == "Float64"


def test_result_to_geojson_is_the_cli_feature(kunduz):
    fc = kunduz.to_geojson()
    assert fc["type"] == "FeatureCollection"
    assert fc["features"] == [event_feature(e) for e in kunduz.events]
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert 36 < lat < 37.5 and 68 < lon < 69.5  # RFC 7946: lon first
    geojson = pytest.importorskip("geojson")
    assert geojson.loads(geojson.dumps(fc)).is_valid


def test_result_map_is_an_offline_folium_map(kunduz):
    m = kunduz.map()
    assert isinstance(m, folium.Map)
    html = m.get_root().render()
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=\"https?://", html)
    assert "Kunduz" in html
    assert "<iframe" in kunduz._repr_html_()  # Jupyter shows it inline


def test_parse_many_keeps_order_and_ids(gazetteer_path):
    records = [{"id": "z", "text": "Protesters rallied in Dushanbe on 5 May 2024."},
               "A bomb exploded in Kabul, killing 2.",
               {"id": 7, "text": KUNDUZ, "published": "2024-05-06"}]
    one = list(geomap.parse_many(records))
    assert [r.id for r in one][::2] == ["z", "7"] and one[1].id.startswith("doc-")
    assert [r.events[0].location.name for r in one] == ["Dushanbe", "Kabul", "Kunduz"]
    two = list(geomap.parse_many(iter(records), jobs=2))
    assert [r.events for r in two] == [r.events for r in one]


def test_parse_many_names_a_bad_record():
    with pytest.raises(InputError, match="record 2"):
        list(geomap.parse_many([{"text": "x"}, 42]))
    with pytest.raises(InputError, match="text"):
        list(geomap.parse_many([{"id": "no-text"}]))


def test_module_level_functions_on_many_results(kunduz):
    other = geomap.parse("Police arrested 4 protesters in Bishkek on 3 March 2024.", id="b")
    both = [kunduz, other]
    df = geomap.to_dataframe(both)
    assert len(df) == len(kunduz.events) + len(other.events)
    assert list(df["article_id"].unique()) == ["k-1", "b"]
    assert len(geomap.to_geojson(both)["features"]) == len(df)
    assert isinstance(geomap.map(both), folium.Map)
    assert list(geomap.to_dataframe([]).columns) == list(TABLE_COLUMNS)


def test_to_geodataframe(kunduz):
    if importlib.util.find_spec("geopandas") is None:
        with pytest.raises(ConfigurationError, match="geopandas"):
            geomap.to_geodataframe([kunduz])
        return
    gdf = geomap.to_geodataframe([kunduz])
    assert gdf.crs.to_epsg() == 4326 and len(gdf) == len(kunduz.events)
    assert abs(gdf.geometry.iloc[0].y - kunduz.events[0].location.lat) < 1e-9


def test_quickstart_example_runs(tmp_path, gazetteer_path):
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "quickstart.py"),
                           str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Battles | Ishkobod" in proc.stdout and "762" in proc.stdout
    page = (tmp_path / "quickstart_map.html").read_text()
    assert "Ishkobod" in page and "Bishkek" in page
