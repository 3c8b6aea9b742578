"""The GeoPackage store through the real CLI and real SQLite: halves = whole, idempotent
appends, an interrupted append leaves the store as it was, GDAL (pyogrio) opens it."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap.merge.store import store_incidents

REPO = Path(__file__).resolve().parents[2]

# Two incidents, each reported by two outlets, and one incident reported once.
ARTICLES = [
    {"id": "n1", "published": "2016-03-05", "title": "Teen shot dead outside Lawndale market",
     "text": "Darnell Kinsey, 19, was shot and killed outside the Lawndale Market on Pulaski "
             "Road in Chicago on Friday night, police said. His cousin Marquita Okafor said "
             "he was walking home."},
    {"id": "n2", "published": "2016-03-05", "title": "Kinsey, 19, killed near Pulaski Road",
     "text": "A 19-year-old man, Darnell Kinsey, died after he was shot near the Lawndale "
             "Market on Pulaski Road in Chicago on Friday, police said. Marquita Okafor, his "
             "cousin, said he had no enemies."},
    {"id": "n3", "published": "2016-03-09", "title": "Two wounded in Tulsa shooting",
     "text": "Two men were wounded in a shooting at the Brookside Tavern in Tulsa on Tuesday "
             "night, police said. Officers arrested Desmond Whitcombe at the scene."},
    {"id": "n4", "published": "2016-03-09", "title": "Whitcombe arrested after Brookside "
                                                    "Tavern shooting",
     "text": "Tulsa police arrested Desmond Whitcombe after two men were shot and wounded at "
             "the Brookside Tavern in Tulsa on Tuesday night."},
    {"id": "n5", "published": "2016-04-02", "title": "Woman killed in Omaha",
     "text": "A woman was shot and killed in Omaha on Thursday, police said. Her name was not "
             "released."},
]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _geomap(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True,
                          text=True, timeout=300, cwd=REPO, env=env)


def _partition(store: Path) -> set[frozenset[str]]:
    return {frozenset(v) for v in store_incidents(store).values()}


def _digest(store: Path) -> str:
    """The store's logical content (every row of every table)."""
    con = sqlite3.connect(store)
    h = hashlib.sha256()
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        for row in con.execute(f'SELECT * FROM "{name}" ORDER BY 1'):  # noqa: S608 (own tables)
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


@pytest.fixture(scope="module")
def env(gazetteer_path: Path) -> dict:
    return {**os.environ, "GEOMAP_GAZETTEER": str(gazetteer_path), "PYTHONPATH": str(REPO)}


def test_two_halves_give_the_incidents_of_the_whole(tmp_path: Path, env: dict) -> None:
    whole = _write(tmp_path / "whole.jsonl", ARTICLES)
    first = _write(tmp_path / "first.jsonl", [ARTICLES[i] for i in (0, 2, 4)])
    second = _write(tmp_path / "second.jsonl", [ARTICLES[i] for i in (1, 3)])
    one, two = tmp_path / "one.gpkg", tmp_path / "two.gpkg"
    r = _geomap("run", str(whole), "-o", str(tmp_path / "o1"), "--store", str(one), "-q",
                "--no-map", "-j", "1", env=env)
    assert r.returncode == 0, r.stderr
    for half, out in ((first, "o2"), (second, "o3")):
        r = _geomap("run", str(half), "-o", str(tmp_path / out), "--store", str(two), "-q",
                    "--no-map", "-j", "1", env=env)
        assert r.returncode == 0, r.stderr
    assert _partition(one) == _partition(two)
    by_article = {a for v in store_incidents(one).values() for a in [tuple(v)]}
    assert ("n1", "n2") in by_article and ("n3", "n4") in by_article and ("n5",) in by_article
    # today's follow-up joined yesterday's incident: the run's own outputs say so too
    second_events = [json.loads(x) for x in (tmp_path / "o3" / "events.jsonl").open()]
    assert {e["incident_sources"] for e in second_events if e["main"]} == {2}
    rows = (tmp_path / "o3" / "incidents.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3 and all(",2,n" in r for r in rows[1:])  # n_sources, article ids


def test_rerunning_the_same_articles_adds_nothing(tmp_path: Path, env: dict) -> None:
    src = _write(tmp_path / "a.jsonl", ARTICLES)
    store = tmp_path / "s.gpkg"
    for _ in range(2):
        r = _geomap("run", str(src), "-o", str(tmp_path / "o"), "--store", str(store), "-q",
                    "--no-map", "-j", "1", env=env)
        assert r.returncode == 0, r.stderr
        digest = _digest(store.with_suffix(".gpkg"))
        n = sqlite3.connect(store).execute("SELECT count(*) FROM events").fetchone()[0]
        if _ == 0:
            first_digest, first_n = digest, n
    assert n == first_n and n > 0
    con = sqlite3.connect(store)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)
    con.close()
    # the incidents are unchanged (added_at of the articles is kept as first written)
    assert digest == first_digest


def test_the_store_opens_with_gdal(tmp_path: Path, env: dict) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    src = _write(tmp_path / "a.jsonl", ARTICLES)
    store = tmp_path / "s.gpkg"
    r = _geomap("run", str(src), "-o", str(tmp_path / "o"), "--store", str(store), "-q",
                "--no-map", "-j", "1", env=env)
    assert r.returncode == 0, r.stderr
    layers = {name: geom for name, geom in pyogrio.list_layers(store)}
    assert layers["events"] == "Point" and layers["incidents"] == "Point"
    info = pyogrio.read_info(store, layer="incidents")
    assert info["crs"] == "EPSG:4326" and info["features"] == 3
    meta, table = pyogrio.read_arrow(store, layer="incidents")
    assert sorted(table.column("n_sources").to_pylist()) == [1, 2, 2]


def test_a_store_that_is_not_geomaps_is_refused(tmp_path: Path, env: dict) -> None:
    other = tmp_path / "other.gpkg"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE precious (x)")
    con.commit()
    con.close()
    src = _write(tmp_path / "a.jsonl", ARTICLES[:1])
    r = _geomap("run", str(src), "-o", str(tmp_path / "o"), "--store", str(other), "-q",
                "--no-map", "-j", "1", env=env)
    assert r.returncode == 1
    assert r.stderr.startswith("geomap: error:") and "Traceback" not in r.stderr
    assert sqlite3.connect(other).execute("SELECT count(*) FROM precious").fetchone() == (0,)


APPENDER = """
import sys
sys.path.insert(0, {repo!r})
from tests.merge.synthetic import make_events
from geomap.merge import key_of
from geomap.merge.store import append
pairs = make_events({n}, seed=5)
keys = {{e.event_id: key_of(e, t) for e, t in pairs}}
arts = [(e.article_id, "h" + e.article_id, [e]) for e, _ in pairs]
print("start", flush=True)
append({store!r}, arts, keys)
print("done", flush=True)
"""


def test_a_killed_append_leaves_the_store_as_it_was(tmp_path: Path, env: dict) -> None:
    src = _write(tmp_path / "a.jsonl", ARTICLES)
    store = tmp_path / "s.gpkg"
    r = _geomap("run", str(src), "-o", str(tmp_path / "o"), "--store", str(store), "-q",
                "--no-map", "-j", "1", env=env)
    assert r.returncode == 0, r.stderr
    before = _digest(store)
    journal = Path(f"{store}-journal")
    p = subprocess.Popen([sys.executable, "-c",
                          APPENDER.format(repo=str(REPO), n=6000, store=str(store))],
                         stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert p.stdout is not None and p.stdout.readline().strip() == "start"
        deadline = time.monotonic() + 120
        while not journal.exists() and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)  # the transaction has written its first page: it is under way
        assert journal.exists() and p.poll() is None, "the append never started writing"
        time.sleep(0.5)
        assert p.poll() is None, "the append finished before the kill; make it bigger"
    finally:
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
    assert journal.exists()  # killed inside the transaction: a hot journal is left behind
    assert _digest(store) == before  # the hot journal is rolled back on the next open
    r = _geomap("run", str(src), "-o", str(tmp_path / "o"), "--store", str(store), "-q",
                "--no-map", "-j", "1", env=env)
    assert r.returncode == 0, r.stderr


def test_the_map_is_drawn_from_the_store_with_each_incidents_sources(tmp_path: Path,
                                                                     env: dict) -> None:
    src = _write(tmp_path / "a.jsonl", ARTICLES)
    store = tmp_path / "s.gpkg"
    r = _geomap("run", str(src), "-o", str(tmp_path / "o"), "--store", str(store), "-q",
                "--no-map", "-j", "1", env=env)
    assert r.returncode == 0, r.stderr
    page = tmp_path / "map.html"
    r = _geomap("map", str(store), "-o", str(page), env=env)
    assert r.returncode == 0, r.stderr
    html = page.read_text(encoding="utf-8")
    assert "Sources (2)" in html  # the popup's rows, as data
    assert "Whitcombe arrested after Brookside Tavern shooting" in html
    r = _geomap("map", str(tmp_path / "missing.gpkg"), "-o", str(page), env=env)
    assert r.returncode == 1 and r.stderr.startswith("geomap: error:")
    assert page.read_text(encoding="utf-8") == html  # a failed map leaves the old one
