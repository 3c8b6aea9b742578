"""GeoNames imports, analysts' places, downloads: real files, bad inputs, atomicity."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from geomap.errors import GazetteerError, InputError
from geomap.gazetteer import open_gazetteer
from geomap.gazetteer.importer import add_user_places, detect_format, download, import_files

# Two real cities500 lines (Soldeu, Sant Julià de Lòria) and a made-up one with a new id.
ROW_SOLDEU = ("3038999\tSoldeu\tSoldeu\t\t42.57688\t1.66769\tP\tPPL\tAD\t\t02\t\t\t\t602\t\t1832"
              "\tEurope/Andorra\t2017-11-06")
ROW_NEW = ("99000001\tZzyzx Testville\tZzyzx Testville\tZzyzx,Testville Zzyzx\t35.14\t-116.10\tP"
           "\tPPL\tUS\t\tCA\t071\t\t\t1200\t\t300\tAmerica/Los_Angeles\t2024-01-01")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def db(gazetteer_path, tmp_path) -> Path:
    """A private copy of the default gazetteer for a test to change."""
    copy = tmp_path / "gaz.sqlite"
    shutil.copyfile(gazetteer_path, copy)
    return copy


def test_detect_format(tmp_path, shared_data) -> None:
    g = shared_data / "geonames"
    assert detect_format(g / "cities500.txt") == "dump"
    assert detect_format(g / "cities15000.zip") == "dump"
    assert detect_format(g / "admin1CodesASCII.txt") == "admin1"
    assert detect_format(g / "admin2Codes.txt") == "admin2"
    assert detect_format(g / "countryInfo.txt") == "countryinfo"
    renamed = tmp_path / "mystery.tsv"
    shutil.copyfile(g / "admin1CodesASCII.txt", renamed)
    assert detect_format(renamed) == "admin1"


def test_import_small_dump(db, tmp_path) -> None:
    f = tmp_path / "XX.txt"
    f.write_text(ROW_SOLDEU + "\n" + ROW_NEW + "\n", encoding="utf-8")
    result = import_files(db, [f], progress=False)
    assert result["rows"] == 2
    with open_gazetteer(db, build_if_missing=False) as gaz:
        p = gaz.get("gn:99000001")
        assert p is not None and p.kind == "city" and p.admin1_code == "CA"
        assert p.admin1_name == "California"  # filled from the admin areas already known
        assert p.source == "geonames:XX.txt"
        assert gaz.search("zzyzx")[0].place.id == "gn:99000001"
        assert any(c.place.id == "gn:99000001" for c in gaz.lookup("Testville Zzyzx"))
        # an existing place is updated in place, its names kept
        assert gaz.get("gn:3038999").source == "geonames:XX.txt"
        assert gaz.search("Soldeu")[0].place.id == "gn:3038999"
        assert gaz.info()["imports"][-1]["file"] == "XX.txt"


def test_import_zipped_dump_and_admin_files(db, shared_data) -> None:
    g = shared_data / "geonames"
    before = _row_count(db)
    result = import_files(db, [g / "cities15000.zip", g / "admin1CodesASCII.txt",
                               g / "admin2Codes.txt", g / "countryInfo.txt"], progress=False)
    formats = {f["format"]: f["rows"] for f in result["files"]}
    assert formats["dump"] == 32_847
    assert formats["admin1"] == 3_880 and formats["admin2"] == 44_832
    assert _row_count(db) >= before
    with open_gazetteer(db, build_if_missing=False) as gaz:
        assert gaz.search("Dushanbe")[0].place.id == "gn:1221874"
        # admin names come from the GeoNames code files now
        chicago = gaz.get("gn:4887398")
        assert chicago.source == "geonames:cities15000.zip"
        assert (chicago.admin1_name, chicago.admin2_name) == ("Illinois", "Cook County")
        assert gaz.get("gn:1282601").admin1_name == "Republican Subordination"
        cook = gaz.get("gn:4888671")
        assert cook.kind == "admin2" and cook.admin1_name == "Illinois"


def _row_count(db: Path) -> int:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM places").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        (ROW_NEW + "\n" + "\t".join(ROW_NEW.split("\t")[:7]) + "\n", "columns", 2),
        ("<html><body>Not Found</body></html>\n", "not a GeoNames export", 1),
        (b"", "empty", None),
        (ROW_NEW.encode() + b"\n" + ROW_NEW.replace("Zzyzx", "Zz\xffyx").encode("latin-1")
         + b"\n", "UTF-8", 2),
        (ROW_NEW.replace("35.14", "north") + "\n", "bad number", 1),
        (ROW_NEW.replace("35.14", "135.14") + "\n", "out of range", 1),
    ],
)
def test_bad_input_leaves_gazetteer_untouched(db, tmp_path, content, message, line) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = _digest(db)
    with pytest.raises(InputError) as info:
        import_files(db, [f], progress=False)
    text = str(info.value)
    assert "bad.txt" in text and message in text
    assert "\n" not in text
    if line is not None:
        assert info.value.line == line
    assert _digest(db) == before
    assert not list(tmp_path.glob("*.tmp"))


def test_truncated_zip(db, tmp_path, shared_data) -> None:
    data = (shared_data / "geonames" / "cities15000.zip").read_bytes()
    f = tmp_path / "TJ.zip"
    f.write_bytes(data[: len(data) // 2])
    before = _digest(db)
    with pytest.raises(InputError, match="TJ.zip"):
        import_files(db, [f], progress=False)
    assert _digest(db) == before


def test_bad_admin_file(db, tmp_path) -> None:
    f = tmp_path / "admin1CodesASCII.txt"
    f.write_text("TJ.02\tKhatlon\tKhatlon\t1347488\nTJ.03\tSughd\n", encoding="utf-8")
    before = _digest(db)
    with pytest.raises(InputError) as info:
        import_files(db, [f], progress=False)
    assert info.value.line == 2
    assert _digest(db) == before


def test_second_file_failing_keeps_first_out(db, tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ROW_NEW + "\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("1\t2\t3\n", encoding="utf-8")
    before = _digest(db)
    with pytest.raises(InputError):
        import_files(db, [good, bad], progress=False)
    assert _digest(db) == before


def test_corrupt_database(tmp_path) -> None:
    db = tmp_path / "corrupt.sqlite"
    db.write_bytes(b"SQLite format 3\x00" + b"\x00garbage" * 500)
    f = tmp_path / "XX.txt"
    f.write_text(ROW_NEW + "\n", encoding="utf-8")
    before = _digest(db)
    with pytest.raises(GazetteerError, match="corrupt"):
        import_files(db, [f], progress=False)
    assert _digest(db) == before


def test_alternate_names(db, tmp_path) -> None:
    f = tmp_path / "alternateNamesV2.txt"
    f.write_text(
        "1\t1221874\ten\tDyushambe Testname\t\t\t\t\t\t\n"
        "2\t1221874\tlink\thttps://en.wikipedia.org/wiki/Dushanbe\t\t\t\t\t\t\n"
        "3\t99999998\ten\tNowhere Place\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    result = import_files(db, [f], progress=False)
    assert result["rows"] == 2
    with open_gazetteer(db, build_if_missing=False) as gaz:
        assert [c.place.id for c in gaz.lookup("Dyushambe Testname")] == ["gn:1221874"]
        assert gaz.lookup("Nowhere Place") == []


def test_add_user_places_csv_and_geojson(db, tmp_path) -> None:
    csv_file = tmp_path / "posts.csv"
    csv_file.write_text(
        "name,lat,lon,kind,country_code,alt_names\n"
        "Ishkobod border post,38.53,68.21,border post,TJ,Ishkobod|Ishkabod\n",
        encoding="utf-8",
    )
    geo = tmp_path / "camps.geojson"
    geo.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"geometry": {"type": "Point", "coordinates": [68.5, 38.1]}, '
        '"properties": {"name": "Camp Test"}}]}',
        encoding="utf-8",
    )
    assert add_user_places(db, csv_file) == 1
    assert add_user_places(db, geo) == 1
    with open_gazetteer(db, build_if_missing=False) as gaz:
        p = gaz.search("Ishkobod")[0].place
        assert p.kind == "user" and p.id.startswith("user:") and p.source == "user:posts.csv"
        assert (p.lat, p.lon, p.country_code) == (38.53, 68.21, "TJ")
        camp = gaz.search("Camp Test")[0].place
        assert (camp.lat, camp.lon) == (38.1, 68.5)  # GeoJSON (lon, lat) order respected
        assert gaz.info()["counts_by_kind"]["user"] == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,lat\nX,1\n", "missing column"),
        ("name,lat,lon\nX,north,2\n", "numbers"),
        ("name,lat,lon\nX,95,2\n", "out of range"),
        ("name,lat,lon\n,1,2\n", "empty name"),
        ("name,lat,lon\n", "no places"),
    ],
)
def test_add_bad_user_file(db, tmp_path, text, message) -> None:
    f = tmp_path / "mine.csv"
    f.write_text(text, encoding="utf-8")
    before = _digest(db)
    with pytest.raises(InputError, match=message):
        add_user_places(db, f)
    assert _digest(db) == before


def test_download_fetches_expected_files(geonames_server, tmp_path) -> None:
    dest = tmp_path / "dl"
    dest.mkdir()
    files = download(["tj"], dest, base_url=geonames_server)
    assert [f.name for f in files] == ["TJ.zip", "admin1CodesASCII.txt", "admin2Codes.txt",
                                       "countryInfo.txt"]
    with zipfile.ZipFile(files[0]) as zf:
        assert zf.namelist() == ["cities15000.txt"]
    with pytest.raises(GazetteerError, match="HTTP 404"):
        download(["AF"], dest, base_url=geonames_server)
    # Complete files only, renamed into place; no partial downloads are left behind.
    assert sorted(p.name for p in dest.iterdir()) == sorted(f.name for f in files)
