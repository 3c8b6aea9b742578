"""``geomap gazetteer ...`` through the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from geomap.cli import cli


@pytest.fixture()
def db(gazetteer_path, tmp_path):
    copy = tmp_path / "gaz.sqlite"
    shutil.copyfile(gazetteer_path, copy)
    return copy


def _run(*args: str):
    return CliRunner().invoke(cli, ["gazetteer", *args], catch_exceptions=False)


def test_search_json(gazetteer_path) -> None:
    res = _run("search", "Dushanbe", "--json", "--limit", "3", "--db", str(gazetteer_path))
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows[0]["id"] == "gn:1221874" and rows[0]["country_code"] == "TJ"
    assert {"id", "name", "kind", "country_code", "admin1_name", "lat", "lon", "population",
            "source"} <= set(rows[0])


def test_search_table_georgia(gazetteer_path) -> None:
    res = _run("search", "Georgia", "--limit", "5", "--db", str(gazetteer_path))
    assert res.exit_code == 0
    assert "gn:614540" in res.stdout and "gn:4197000" in res.stdout


def test_search_country_filter(gazetteer_path) -> None:
    res = _run("search", "Paris", "--country", "US", "--json", "--db", str(gazetteer_path))
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and all(r["country_code"] == "US" for r in rows)


def test_info(gazetteer_path) -> None:
    res = _run("info", "--json", "--db", str(gazetteer_path))
    info = json.loads(res.stdout)
    assert info["counts_by_kind"]["country"] > 200 and info["size_bytes"] > 0
    text = _run("info", "--db", str(gazetteer_path)).stdout
    assert "by kind" in text and "built" in text


def test_import_and_add(db, tmp_path) -> None:
    f = tmp_path / "XX.txt"
    f.write_text("99000002\tQuxbury\tQuxbury\t\t10.0\t20.0\tP\tPPL\tTD\t\t\t\t\t\t900\t\t\t"
                 "Africa/Ndjamena\t2024-01-01\n", encoding="utf-8")
    res = _run("import", str(f), "--db", str(db), "-q")
    assert res.exit_code == 0, res.output
    res = _run("search", "Quxbury", "--json", "--db", str(db))
    assert json.loads(res.stdout.splitlines()[0])["id"] == "gn:99000002"
    mine = tmp_path / "mine.csv"
    mine.write_text("name,lat,lon\nIshkobod,38.53,68.21\n", encoding="utf-8")
    assert _run("add", str(mine), "--db", str(db)).exit_code == 0
    row = json.loads(_run("search", "Ishkobod", "--json", "--db", str(db)).stdout.splitlines()[0])
    assert row["kind"] == "user" and row["source"] == "user:mine.csv"


def test_bad_import_is_one_line_exit_1(db, tmp_path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_text("just some text\nnot geonames\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "geomap", "gazetteer", "import", str(bad), "--db", str(db), "-q"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.txt" in lines[0] and "Traceback" not in proc.stderr


def test_download_command(geonames_server, db) -> None:
    res = _run("download", "TJ", "--base-url", geonames_server, "--db", str(db), "-q")
    assert res.exit_code == 0, res.output
    assert "cities15000.txt" in res.output or "TJ.zip" in res.output
    out = _run("info", "--json", "--db", str(db)).stdout
    files = {i["file"] for i in json.loads(out)["imports"]}
    assert {"TJ.zip", "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt"} <= files
