"""Your own places: `gazetteer add` with common column names, bad rows skipped, `list --user`,
`remove`, and added places used by the next run (real CLI, real SQLite copies)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.gazetteer.importer import add_user_places, list_user_places, remove_user_places


def _geomap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def db(gazetteer_path, tmp_path_factory) -> Path:
    """A copy of the default gazetteer (for a whole run on the seed)."""
    copy = tmp_path_factory.mktemp("own") / "gaz.sqlite"
    shutil.copyfile(gazetteer_path, copy)
    return copy


@pytest.fixture(scope="module")
def tiny_db(tiny_gazetteer_path, tmp_path_factory) -> Path:
    """A copy of the tiny gazetteer (adding, listing and removing need no more)."""
    copy = tmp_path_factory.mktemp("own-tiny") / "gaz.sqlite"
    shutil.copyfile(tiny_gazetteer_path, copy)
    return copy


@pytest.mark.parametrize("header", ["name,lat,lon,country_code", "Place,Latitude,Longitude,Country",
                                    "name,lat,lng,cc", "location,y,x,iso"])
def test_common_column_names(tiny_db, tmp_path, header):
    f = tmp_path / "mine.csv"
    f.write_text(f"{header}\nQuxabad Post,38.01,68.02,TJ\n", encoding="utf-8")
    assert add_user_places(tiny_db, f) == 1
    (p,) = [p for p in list_user_places(tiny_db) if p.name == "Quxabad Post"]
    assert (p.lat, p.lon, p.country_code) == (38.01, 68.02, "TJ")
    assert remove_user_places(tiny_db, ["Quxabad Post"]) == ["user:quxabad-post"]
    assert not [p for p in list_user_places(tiny_db) if p.name == "Quxabad Post"]


def test_country_name_and_tsv(tiny_db, tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("name\tlatitude\tlongitude\tcountry\nZorkul Camp\t37.45\t73.7\tTajikistan\n",
                 encoding="utf-8")
    assert add_user_places(tiny_db, f) == 1
    assert [p.country_code for p in list_user_places(tiny_db) if p.name == "Zorkul Camp"] == ["TJ"]
    remove_user_places(tiny_db, ["user:zorkul-camp"])


def test_cli_add_skips_bad_rows_lists_and_removes(tiny_db, tmp_path):
    f = tmp_path / "posts.csv"
    f.write_text("name,latitude,longitude\nPost One,38.0,68.0\nPost Two,north,68.1\n"
                 ",38.2,68.2\nPost Three,95,1\nPost Four,38.3,68.3\n", encoding="utf-8")
    r = _geomap("gazetteer", "add", str(f), "--gazetteer", str(tiny_db))
    assert r.returncode == 3, r.stderr
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("geomap: error:")]
    assert [e.split(":")[3] for e in errors] == ["3", "4", "5"]  # posts.csv:LINE
    assert "added 2 places" in r.stderr and "3 rows skipped" in r.stderr
    r = _geomap("gazetteer", "list", "--user", "--json", "--gazetteer", str(tiny_db))
    names = [json.loads(x)["name"] for x in r.stdout.splitlines()]
    assert {"Post One", "Post Four"} <= set(names) and "Post Two" not in names
    r = _geomap("gazetteer", "remove", "Post One", "user:post-four", "--gazetteer", str(tiny_db))
    assert r.returncode == 0 and "user:post-four" in r.stderr
    r = _geomap("gazetteer", "remove", "Dushanbe", "--gazetteer", str(tiny_db))  # not yours
    assert r.returncode == 1 and r.stderr.startswith("geomap: error: no place of your own")
    assert _geomap("gazetteer", "search", "Dushanbe", "--json", "--gazetteer",
                   str(tiny_db)).stdout.strip()
    r = _geomap("gazetteer", "list", "--user", "--gazetteer", str(tiny_db))
    assert "Post One" not in r.stdout and "Post Four" not in r.stdout


def test_a_file_with_only_bad_rows_changes_nothing(tiny_db, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("name,lat,lon\nX,north,1\n", encoding="utf-8")
    before = tiny_db.read_bytes()
    with pytest.raises(InputError, match="no places"):
        add_user_places(tiny_db, f, on_problem=lambda exc: None)
    assert tiny_db.read_bytes() == before


def test_added_place_is_used_by_the_next_run(db, tmp_path, seed_path):
    """Ishkobod added -> the seed's main event is located there and says so."""
    def main_event() -> dict:
        r = _geomap("export", str(seed_path), "-f", "jsonl", "-q", "--gazetteer", str(db))
        assert r.returncode == 0, r.stderr
        return next(e for e in map(json.loads, r.stdout.splitlines()) if e["main"])

    before = main_event()
    assert "not in the gazetteer" in before["location_notes"]
    f = tmp_path / "mine.csv"
    f.write_text("name,latitude,longitude,country\nIshkobod,38.55,68.29,TJ\n", encoding="utf-8")
    assert _geomap("gazetteer", "add", str(f), "--gazetteer", str(db)).returncode == 0
    after = main_event()
    assert after["place_id"] == "user:ishkobod" and (after["lat"], after["lon"]) == (38.55, 68.29)
    assert "your own place" in after["location_notes"]
    assert "not in the gazetteer" not in after["location_notes"]
    assert after["geo_precision"] == 1 and after["admin1"]
    _geomap("gazetteer", "remove", "Ishkobod", "--gazetteer", str(db))
    assert main_event()["location_notes"] == before["location_notes"]  # names cache rebuilt
