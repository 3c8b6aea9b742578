"""Output formats chosen from the extension (-f overrides), read back with the tools GIS
people use: pyarrow (GeoParquet), pyogrio/GDAL (GeoPackage, GeoJSON -> Shapefile), ogr2ogr."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import shapely

from geomap.acled import ACLED_COLUMNS
from geomap.errors import OutputError
from geomap.export import TABLE_COLUMNS
from geomap.formats import format_for

pyogrio = pytest.importorskip("pyogrio")
pytestmark = pytest.mark.filterwarnings("ignore:Normalized/laundered:RuntimeWarning")

FORMATS = {"geojson": "ev.geojson", "csv": "ev.csv", "jsonl": "ev.jsonl",
           "parquet": "ev.parquet", "gpkg": "ev.gpkg"}


def geomap_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, seed_path, gazetteer_path) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("formats")
    paths = {}
    for fmt, name in FORMATS.items():
        proc = geomap_cli("export", str(seed_path), "-o", str(out / name), "-q")
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
        paths[fmt] = out / name
    return paths


def test_format_for_extensions():
    assert format_for("a.GeoJSON") == format_for("a.json") == "geojson"
    assert format_for("x/a.csv") == "csv" and format_for("a.ndjson") == "jsonl"
    assert format_for("a.parquet") == "parquet" and format_for("a.gpkg") == "gpkg"
    assert format_for("-") == "geojson" and format_for("a.txt", "csv") == "csv"
    with pytest.raises(OutputError, match="cannot tell the format of a.shp"):
        format_for("a.shp")
    assert format_for("/dev/stdout") == format_for("pipe") == "geojson"  # no extension


def test_unknown_extension_is_one_line_and_writes_nothing(tmp_path, seed_path):
    proc = geomap_cli("export", str(seed_path), "-o", str(tmp_path / "ev.xyz"))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("geomap: error: cannot tell the format of")
    assert list(tmp_path.iterdir()) == []


def test_format_option_overrides_extension(tmp_path, seed_path):
    proc = geomap_cli("export", str(seed_path), "-o", str(tmp_path / "ev.txt"), "-f", "csv",
                      "-q")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "ev.txt").read_text().startswith("event_id_cnty,event_date,year,")


def test_text_formats_read_back(outputs):
    fc = json.loads(outputs["geojson"].read_text())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 3
    props = fc["features"][0]["properties"]
    assert isinstance(props["actors"], str) and props["iso"] == 762 and props["admin1"]
    rows = list(csv.DictReader(outputs["csv"].open()))
    assert list(rows[0]) == list(TABLE_COLUMNS) and len(rows) == 3
    lines = outputs["jsonl"].read_text().splitlines()
    assert [json.loads(x)["event_id"] for x in lines] == [f["id"] for f in fc["features"]]
    assert json.loads(lines[0])["actors"] == props["actors"].split("; ")  # a list in JSON Lines


def test_geoparquet_read_back_with_pyarrow(outputs):
    table = pq.read_table(outputs["parquet"])
    assert table.num_rows == 3
    assert table.column_names == [*TABLE_COLUMNS, "geometry"]
    assert table.schema.field("iso").type == "int64"
    geo = json.loads(pq.ParquetFile(outputs["parquet"]).metadata.metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    rows = table.to_pylist()
    point = shapely.from_wkb(rows[0]["geometry"])
    assert (point.x, point.y) == (rows[0]["longitude"], rows[0]["latitude"])  # lon, lat
    x0, y0, x1, y1 = geo["columns"]["geometry"]["bbox"]
    assert all(x0 <= r["longitude"] <= x1 and y0 <= r["latitude"] <= y1 for r in rows)
    assert rows[0]["iso"] == 762 and rows[0]["region"] == "Caucasus and Central Asia"


def test_geopackage_read_back_with_pyogrio(outputs):
    info = pyogrio.read_info(outputs["gpkg"])
    assert info["features"] == 3 and info["crs"] == "EPSG:4326"
    assert info["geometry_type"] == "Point"
    assert list(info["fields"][:31]) == list(ACLED_COLUMNS)
    meta, _, geometry, fields = pyogrio.raw.read(outputs["gpkg"])
    iso = fields[list(meta["fields"]).index("iso")]
    assert list(iso) == [762, 762, 762]
    assert shapely.from_wkb(geometry[0]).x == pytest.approx(68.205595, abs=1e-5)


@pytest.mark.parametrize("source", ["geojson", "gpkg"])
def test_shapefile_from_geojson_and_gpkg_keeps_every_feature(outputs, tmp_path, source):
    meta, _, geometry, fields = pyogrio.raw.read(outputs[source])
    assert "OFTStringList" not in pyogrio.read_info(outputs[source])["ogr_types"]
    shp = tmp_path / "events.shp"
    pyogrio.raw.write(shp, geometry, fields, fields=meta["fields"], crs=meta["crs"],
                      geometry_type=meta["geometry_type"], driver="ESRI Shapefile")
    assert pyogrio.read_info(shp)["features"] == 3


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="GDAL's ogr2ogr is not installed")
@pytest.mark.parametrize("source", ["geojson", "gpkg"])
def test_ogr2ogr_to_shapefile_keeps_every_feature(outputs, tmp_path, source):
    shp = tmp_path / "events.shp"
    proc = subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", str(shp), str(outputs[source])],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "StringList" not in proc.stderr
    assert pyogrio.read_info(shp)["features"] == 3


def test_binary_formats_keep_previous_output_when_nothing_is_read(tmp_path):
    empty = tmp_path / "in"
    empty.mkdir()
    for name in ("old.gpkg", "old.parquet"):
        (tmp_path / name).write_bytes(b"previous")
        proc = geomap_cli("export", str(empty), "-o", str(tmp_path / name))
        assert proc.returncode == 0 and "left as it was" in proc.stderr
        assert (tmp_path / name).read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "old.gpkg", "old.parquet"]


def test_geopackage_to_stdout_is_an_error(seed_path):
    proc = geomap_cli("export", str(seed_path), "-f", "gpkg")
    assert proc.returncode == 1 and "GeoPackage is a SQLite file" in proc.stderr
    assert proc.stdout == ""


def test_geoparquet_streams_to_stdout(seed_path, gazetteer_path):
    import io

    proc = subprocess.run([sys.executable, "-m", "geomap", "export", str(seed_path), "-f",
                           "parquet", "-q"], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    table = pq.read_table(io.BytesIO(proc.stdout))
    assert table.num_rows == 3 and table.column_names[:31] == list(ACLED_COLUMNS)
