"""Analysts' inputs: CSV/TSV tables of articles, dates in common forms, and the same readers
for run, export and geoparse (real files, real CLI subprocesses)."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.ingest import ReadOptions, iter_articles, parse_json_record, parse_published

TABLE = (
    "ID,Headline,Body,Publication Date,link\n"
    'a1,Clash,"Gunmen killed 3 people in Kunduz on Monday.",05/03/2024,https://ex.org/1\n'
    'a2,Protest,"Protesters rallied in Dushanbe, Tajikistan.",13/03/2024,\n'
    "a3,Empty,,2024-03-01,\n"
    'a4,"Bad, date","Shelling hit Donetsk.",yesterday,\n'
    '"a5",Multi,"Gunmen killed two police officers in Herat.\nClashes also hit Kabul.",6 Nov 2019,\n'
)


def _collect(inputs, options: ReadOptions | None = None):
    problems = []
    return list(iter_articles(inputs, problems.append,
                              options=options or ReadOptions())), problems


@pytest.fixture
def table(tmp_path: Path) -> Path:
    p = tmp_path / "articles.csv"
    p.write_text(TABLE, encoding="utf-8")
    return p


def test_csv_columns_found_by_common_names(table):
    arts, problems = _collect([str(table)])
    assert [a.id for a in arts] == ["a1", "a2", "a5"]
    a1 = arts[0]
    assert a1.title == "Clash" and a1.url == "https://ex.org/1"
    assert a1.published == datetime(2024, 5, 3, tzinfo=UTC)  # month first by default
    assert arts[1].published == datetime(2024, 3, 13, tzinfo=UTC)  # 13 cannot be a month
    assert arts[2].text == "Gunmen killed two police officers in Herat.\nClashes also hit Kabul."
    assert arts[2].published == datetime(2019, 11, 6, tzinfo=UTC)
    by_line = {(p.line, p.warning): p.message for p in problems}
    assert "ambiguous date '05/03/2024'" in by_line[(2, True)]
    assert "no text" in by_line[(4, False)] and "yesterday" in by_line[(5, False)]
    assert len(problems) == 3


def test_dayfirst_reads_day_first_without_warning(table):
    arts, problems = _collect([str(table)], ReadOptions(dayfirst=True))
    assert arts[0].published == datetime(2024, 3, 5, tzinfo=UTC)
    assert not any(p.warning for p in problems)


def test_tsv_with_named_columns(tmp_path):
    p = tmp_path / "news.tsv"
    p.write_text("story_text\tref\twhen\nClashes in Aleppo.\tx-9\t2021-03-03\n\tx-10\t\n",
                 encoding="utf-8")
    arts, problems = _collect([str(p)], ReadOptions(text_col="story_text", id_col="ref",
                                                    date_col="when"))
    assert [(a.id, a.text) for a in arts] == [("x-9", "Clashes in Aleppo.")]
    assert [pr.line for pr in problems] == [3]
    _, problems = _collect([str(p)])  # no column called text, body, ...
    assert "no text column" in problems[0].message and "--text-col" in problems[0].message
    _, problems = _collect([str(p)], ReadOptions(text_col="missing"))
    assert "no column 'missing'" in problems[0].message and "story_text" in problems[0].message


def test_row_ids_default_to_stem_and_row(tmp_path):
    p = tmp_path / "feed.csv"
    p.write_text("text\nKabul.\nHerat.\n", encoding="utf-8")
    arts, _ = _collect([str(p)])
    assert [a.id for a in arts] == ["feed-2", "feed-3"]


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-11-06", datetime(2019, 11, 6, tzinfo=UTC)),
    ("Wed, 06 Nov 2019 10:42:15 GMT", datetime(2019, 11, 6, 10, 42, 15, tzinfo=UTC)),
    ("November 6, 2019", datetime(2019, 11, 6, tzinfo=UTC)),
    ("6.11.2019", datetime(2019, 6, 11, tzinfo=UTC)),
])
def test_common_date_forms(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["2019-13-01", "yesterday", "3019-01-01", "99/99/2019"])
def test_bad_dates_are_errors(value):
    with pytest.raises(InputError):
        parse_published(value)


def test_json_record_with_ambiguous_date_is_kept_with_a_warning():
    said = []
    art = parse_json_record({"text": "Kabul.", "published": "05/03/2024"}, path="x", line=1,
                            default_id="x-1", warn=said.append)
    assert art.published == datetime(2024, 5, 3, tzinfo=UTC) and "ambiguous" in said[0]
    art = parse_json_record({"text": "Kabul.", "published": "05/03/2024"}, path="x", line=1,
                            default_id="x-1", dayfirst=True, warn=said.append)
    assert art.published == datetime(2024, 3, 5, tzinfo=UTC) and len(said) == 1


def _geomap(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], input=input,
                          capture_output=True, timeout=300)


def test_run_export_and_geoparse_read_the_same_table(table, tmp_path, gazetteer_path):
    out = tmp_path / "out"
    r = _geomap("run", str(table), "-o", str(out), "--no-map", "-q", "--dayfirst")
    assert r.returncode == 3, r.stderr  # two bad rows reported, the rest written
    run_ids = [row["article_id"] for row in csv.DictReader((out / "events.csv").open())]
    r = _geomap("export", str(table), "-f", "csv", "-q", "--dayfirst")
    assert r.returncode == 3
    export_ids = [row["article_id"] for row in csv.DictReader(io.StringIO(r.stdout.decode()))]
    assert run_ids == export_ids and set(run_ids) == {"a1", "a2", "a5"}
    r = _geomap("geoparse", str(table), "--dayfirst")
    assert r.returncode == 3
    docs = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [d["id"] for d in docs] == ["a1", "a2", "a5"]
    assert [p["text"] for p in docs[2]["places"]] == ["Herat", "Kabul"]
    err = r.stderr.decode()
    assert "articles.csv:4: row has no text" in err and "ambiguous" not in err


def test_geoparse_reads_plain_text_like_run(gazetteer_path):
    r = _geomap("geoparse", "-", input=b"Fighting in Kabul and Herat.\n")
    assert r.returncode == 0, r.stderr
    (doc,) = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert doc["id"] == "stdin" and [p["text"] for p in doc["places"]] == ["Kabul", "Herat"]
    r = _geomap("geoparse", "-", input=b'{"id": "j", "text": "Clashes in Aleppo."}\n')
    assert json.loads(r.stdout)["id"] == "j"  # JSON Lines as before


def test_gazetteer_option_name_everywhere_db_hidden(gazetteer_path):
    for cmd in (["run"], ["export"], ["geoparse"], ["gazetteer", "search"],
                ["gazetteer", "info"], ["gazetteer", "add"]):
        text = _geomap(*cmd, "--help").stdout.decode()
        assert "--gazetteer" in text and "--db" not in text, cmd
    r = _geomap("gazetteer", "search", "Dushanbe", "--json", "--gazetteer", str(gazetteer_path))
    assert r.returncode == 0 and json.loads(r.stdout.splitlines()[0])["name"] == "Dushanbe"
    r = _geomap("geoparse", "-", "--db", str(gazetteer_path), input=b"Kabul.")
    assert r.returncode == 0 and json.loads(r.stdout)["places"][0]["name"] == "Kabul"


def test_stdin_from_a_terminal_does_not_hang(seed_path, gazetteer_path):
    """The old --help example `geomap export seeds/ --format geojson -` read a terminal."""
    main, child = pty.openpty()
    try:
        start = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "geomap", "export", str(seed_path), "-",
                            "-q"], stdin=child, capture_output=True, timeout=120)
        assert time.monotonic() - start < 100
    finally:
        os.close(main)
        os.close(child)
    assert r.returncode == 3  # the seed's events written, stdin reported
    assert b"stdin is a terminal" in r.stderr
    assert json.loads(r.stdout)["features"]
    assert "geomap export seeds/ --format geojson -" not in _geomap("--help").stdout.decode()
