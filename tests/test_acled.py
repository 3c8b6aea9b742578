"""ACLED's columns: the mapping tables, and the seed's main event in the CSV."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from geomap.acled import (
    ACLED_COLUMNS,
    REGION_COUNTRIES,
    disorder_type,
    geo_precision,
    inter_code,
    interaction,
    iso_numeric,
    region,
    split_actors,
)
from geomap.export import CSV_COLUMNS


def test_columns_are_acleds_31_in_order():
    assert len(ACLED_COLUMNS) == 31 and len(set(ACLED_COLUMNS)) == 31
    assert ACLED_COLUMNS[:4] == ("event_id_cnty", "event_date", "year", "time_precision")
    assert ACLED_COLUMNS[-3:] == ("fatalities", "tags", "timestamp")
    assert CSV_COLUMNS[:31] == list(ACLED_COLUMNS)


def test_regions_and_iso_codes():
    assert region("TJ") == "Caucasus and Central Asia" and region("af") == "South Asia"
    assert region("NG") == "Western Africa" and region("UA") == "Europe" and region(None) is None
    codes = [c for v in REGION_COUNTRIES.values() for c in v.split()]
    assert len(codes) == len(set(codes))  # each country in one region
    assert iso_numeric("TJ") == 762 and iso_numeric("AF") == 4 and iso_numeric("XX") is None


@pytest.mark.parametrize(("actor", "country", "code"), [
    ("Military Forces of Tajikistan", "Tajikistan", 1),
    ("Police Forces of Ukraine (2019-)", "Ukraine", 1),
    ("Military Forces of Russia", "Ukraine", 8),
    ("Islamic State", "Tajikistan", 2),
    ("Unidentified Armed Group", None, 3),
    ("Fulani Ethnic Militia (Nigeria)", "Nigeria", 4),
    ("Rioters (Tajikistan)", "Tajikistan", 5),
    ("Protesters (Sri Lanka)", "Sri Lanka", 6),
    ("Civilians (Ukraine)", "Ukraine", 7),
])
def test_inter_codes(actor, country, code):
    assert inter_code(actor, country) == code


def test_interaction_disorder_precision_and_associates():
    assert interaction(2, 1) == 12 and interaction(6, None) == 60 and interaction(None, None) is None
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Riots", "Mob violence") == "Political violence"
    assert disorder_type("Battles", "Armed clash") == "Political violence"
    assert [geo_precision(p) for p in (1, 2, 3, 4)] == [1, 2, 3, 3]
    a1, s1, a2, s2 = split_actors(["Islamic State", "Military Forces of Tajikistan",
                                   "Police Forces of Tajikistan"], "Tajikistan")
    assert (a1, s1, a2, s2) == ("Islamic State", [], "Military Forces of Tajikistan",
                                ["Police Forces of Tajikistan"])


def test_seed_main_event_csv(seed_path, gazetteer_path):
    proc = subprocess.run([sys.executable, "-m", "geomap", "export", str(seed_path), "-f", "csv",
                           "-q"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    main = next(r for r in rows if r["main"] == "True")
    assert main["admin1"]  # from the gazetteer's admin codes
    assert main["iso"] == "762" and main["region"] == "Caucasus and Central Asia"
    assert main["geo_precision"] in ("1", "2", "3") and main["precision"] == "2"
    assert main["inter1"] and main["interaction"] and main["disorder_type"] == "Political violence"
    assert main["fatalities"] == "17" and main["source"] == "news.yahoo.com"
    assert all(r["fatalities"] != "" for r in rows)  # 0 when unknown, as ACLED writes
