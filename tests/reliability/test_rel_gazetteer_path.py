"""An explicit gazetteer path (``--gazetteer``, ``--db`` or ``GEOMAP_GAZETTEER``) must exist.

A mistyped path used to build a fresh 140 MB default gazetteer there, silently, and then run
with it. Only the default location is built on first use; commands that create a gazetteer
(``gazetteer build``, ``import``, ``download``) still accept a new path. Every test runs the
real CLI: a usage error is one ``geomap: error:`` line naming the path, exit 2, and nothing
is created (no file, no folder, no lock).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, error_lines, geomap

TEXT = "Two soldiers were killed in Kabul on Monday, officials said."
USAGE = 2
BUILD_TIMEOUT = 900
"""Seconds a default gazetteer build may take on a loaded 2-core machine (30 s when idle)."""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": "a", "text": TEXT, "published": "2021-03-03"}) + "\n",
                 encoding="utf-8")
    return p


def _commands(article: Path, out: Path) -> dict[str, list[str]]:
    """Every command that reads a gazetteer given by --gazetteer."""
    return {
        "run": ["run", str(article), "-o", str(out), "--no-map", "-q"],
        "export": ["export", str(article), "-o", str(out / "events.geojson"), "-q"],
        "geoparse": ["geoparse", str(article), "-o", str(out / "places.jsonl"), "-q"],
        "eval": ["eval", str(article), "--format", "lgl", "-q"],
    }


def _assert_usage_error(r, missing: Path) -> None:
    assert r.returncode == USAGE, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    (line,) = error_lines(r.stderr)
    assert str(missing) in line and "gazetteer" in line.replace(str(missing), ""), line


def _assert_nothing_created(folder: Path) -> None:
    assert not folder.exists() or list(folder.iterdir()) == [], list(folder.iterdir())


@pytest.mark.parametrize("how", ["option", "env"])
@pytest.mark.parametrize("command", ["run", "export", "geoparse", "eval"])
def test_mistyped_gazetteer_is_a_usage_error(command: str, how: str, article: Path,
                                             tmp_path: Path) -> None:
    missing = tmp_path / "gazeteer" / "geomap.sqlite"  # the folder does not exist either
    out = tmp_path / "out"
    args = _commands(article, out)[command]
    if how == "option":
        r = geomap(*args, "--gazetteer", str(missing), timeout=120)
    else:
        r = geomap(*args, env={"GEOMAP_GAZETTEER": str(missing)}, timeout=120)
    _assert_usage_error(r, missing)
    _assert_nothing_created(missing.parent)
    _assert_nothing_created(out)


def test_missing_file_in_an_existing_folder(article: Path, tmp_path: Path) -> None:
    missing = tmp_path / "geomap.sqllite"
    r = geomap("run", str(article), "-o", str(tmp_path / "out"), "--gazetteer", str(missing),
               timeout=120)
    _assert_usage_error(r, missing)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_gazetteer_that_is_a_folder(article: Path, tmp_path: Path) -> None:
    r = geomap("run", str(article), "-o", str(tmp_path / "out"), "--gazetteer", str(tmp_path),
               timeout=120)
    _assert_usage_error(r, tmp_path)


@pytest.mark.parametrize("how", ["option", "env"])
@pytest.mark.parametrize("sub", [["info"], ["search", "Kabul"], ["add", "PLACES"]])
def test_gazetteer_commands_need_an_existing_db(sub: list[str], how: str,
                                                tmp_path: Path) -> None:
    places = tmp_path / "places.csv"
    places.write_text("name,lat,lon\nZzyzx Testville,35.14,-116.10\n", encoding="utf-8")
    sub = [str(places) if a == "PLACES" else a for a in sub]
    missing = tmp_path / "gz" / "mine.sqlite"
    if how == "option":
        r = geomap("gazetteer", *sub, "--db", str(missing), timeout=120)
    else:
        r = geomap("gazetteer", *sub, env={"GEOMAP_GAZETTEER": str(missing)}, timeout=120)
    _assert_usage_error(r, missing)
    _assert_nothing_created(missing.parent)


def test_existing_explicit_gazetteer_still_works(article: Path, tmp_path: Path,
                                                 gazetteer_path: Path) -> None:
    r = geomap("run", str(article), "-o", str(tmp_path / "out"), "--no-map", "-q",
               "--gazetteer", str(gazetteer_path), timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    ev = (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(ev[0])["location_name"] == "Kabul"
    r = geomap("gazetteer", "info", "--json", env={"GEOMAP_GAZETTEER": str(gazetteer_path)})
    assert r.returncode == 0 and json.loads(r.stdout)["places"] > 100_000


def test_import_creates_a_new_gazetteer(tmp_path: Path) -> None:
    """``gazetteer import`` into a new path builds the default there first, then imports."""
    row = ("99000001\tZzyzx Testville\tZzyzx Testville\t\t35.14\t-116.10\tP\tPPL\tUS\t\tCA"
           "\t071\t\t\t1200\t\t300\tAmerica/Los_Angeles\t2024-01-01")
    dump = tmp_path / "XX.txt"
    dump.write_text(row + "\n", encoding="utf-8")
    new = tmp_path / "new" / "mine.sqlite"
    r = geomap("gazetteer", "import", str(dump), "--db", str(new), "-q",
               timeout=BUILD_TIMEOUT)
    assert r.returncode == 0, r.stderr.decode()
    con = sqlite3.connect(new)
    try:
        assert con.execute("SELECT name FROM places WHERE id = 'gn:99000001'").fetchone()
        assert con.execute("SELECT count(*) FROM places WHERE kind = 'country'").fetchone()[0]
    finally:
        con.close()
    # the new gazetteer is now an existing explicit one
    r = geomap("gazetteer", "search", "Zzyzx", "--json", "--db", str(new), timeout=120)
    assert r.returncode == 0 and json.loads(r.stdout.splitlines()[0])["id"] == "gn:99000001"
