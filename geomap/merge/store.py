"""A persistent event store: a GeoPackage (SQLite that QGIS and GDAL open) growing run by run.

Tables (OGC GeoPackage 1.3, written with ``sqlite3``; EPSG:4326 points):

    events      one row per event: point, the event's export record (``record``, JSON), its
                merge key (``merge_key``, JSON), ``incident_id`` and ``incident_sources``
    incidents   one row per incident: the merged record (see :mod:`geomap.merge.incidents`)
    articles    (attributes) each article's id and the hash of its content

An append is one SQLite transaction (rollback journal, ``synchronous=FULL``): a crash, a kill or
a full disk leaves the store as it was before the append. Articles already stored with the same
content are skipped (idempotent); an article stored with other content has its events replaced.
The incidents are recomputed from every stored merge key on each append (the links are pairwise
and taken in an order fixed by the set: two appends of two halves give the incidents of one
append of the whole).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geomap.errors import InputError, OutputError
from geomap.merge.incidents import Merger, build_incidents, incident_properties
from geomap.merge.keys import MergeKey
from geomap.types import Event

GPKG_APPLICATION_ID = 0x47504B47
"""'GPKG' (GeoPackage 1.2+ requirement 2)."""
GPKG_USER_VERSION = 10300
"""GeoPackage 1.3.0."""
SRS_ID = 4326
BUSY_TIMEOUT_S = 30.0
"""How long an append waits for another process's append to finish."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE IF NOT EXISTS gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT
  (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE,
  max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES
  gpkg_spatial_ref_sys(srs_id));
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE IF NOT EXISTS events (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, event_id TEXT NOT NULL UNIQUE,
  article_id TEXT NOT NULL, incident_id TEXT, incident_sources INTEGER, event_date TEXT,
  event_type TEXT, sub_event_type TEXT, location_name TEXT, country_code TEXT,
  uncertainty_km REAL, fatalities INTEGER, injured INTEGER, title TEXT, source_url TEXT,
  evidence TEXT, record TEXT NOT NULL, merge_key TEXT NOT NULL, lossless TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_incident ON events(incident_id);
CREATE TABLE IF NOT EXISTS incidents (
  fid INTEGER PRIMARY KEY, geom POINT, incident_id TEXT NOT NULL UNIQUE,
  event_date TEXT, event_type TEXT, sub_event_type TEXT, location_name TEXT,
  country_code TEXT, uncertainty_km REAL, fatalities INTEGER, injured INTEGER,
  n_sources INTEGER, actors TEXT, sources TEXT, notes TEXT);
CREATE TABLE IF NOT EXISTS articles (
  article_id TEXT NOT NULL PRIMARY KEY, content_hash TEXT NOT NULL, added_at TEXT NOT NULL);
"""

_SRS_ROWS = [
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
    ("WGS 84 geodetic", 4326, "EPSG", 4326,
     'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
     'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
     'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
     'AUTHORITY["EPSG","4326"]]', "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
]


def gpkg_point(lat: float, lon: float) -> bytes:
    """A GeoPackage geometry blob (header 'GP', version 0, little-endian, no envelope) holding
    a WKB point (x = lon, y = lat)."""
    from geomap.geo import to_xy

    x, y = to_xy(lat, lon)
    return b"GP" + struct.pack("<BBi", 0, 0b00000001, SRS_ID) + struct.pack("<BIdd", 1, 1, x, y)


def content_hash(text: str, title: str | None) -> str:
    """What makes a re-run of one article the same article."""
    return hashlib.sha256(f"{title or ''}\x00{text}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class AppendSummary:
    """What an append did."""

    articles_added: int
    articles_replaced: int
    articles_skipped: int
    events_added: int
    events_total: int
    incidents_total: int


def _connect(path: str | Path) -> sqlite3.Connection:
    try:
        con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise OutputError(f"cannot open store {path}: {exc}") from None
    con.execute("PRAGMA synchronous=FULL")
    return con


def _check_store(con: sqlite3.Connection, path: str | Path) -> None:
    try:
        app = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        raise InputError(f"{path} is not a GeoPackage (not an SQLite database)") from None
    if tables and (app != GPKG_APPLICATION_ID or "events" not in tables):
        raise InputError(f"{path} is not a geomap event store (a GeoPackage with an events "
                         "table); refusing to write into it")


def _init(con: sqlite3.Connection) -> None:
    con.execute(f"PRAGMA application_id={GPKG_APPLICATION_ID}")
    con.execute(f"PRAGMA user_version={GPKG_USER_VERSION}")
    for statement in _SCHEMA.split(";"):  # not executescript: it would commit
        if statement.strip():
            con.execute(statement)
    con.executemany("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", _SRS_ROWS)
    for table, ident in (("events", "geomap events"), ("incidents", "geomap incidents")):
        con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, "
                    "srs_id) VALUES (?, 'features', ?, ?)", (table, ident, SRS_ID))
        con.execute("INSERT OR IGNORE INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, "
                    "0, 0)", (table, SRS_ID))
    con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier) "
                "VALUES ('articles', 'attributes', 'geomap articles')")


def _lossless(event: Event) -> str:
    from geomap.serialize import dumps

    return dumps(event)


def append(path: str | Path, articles: Sequence[tuple[str, str, Sequence[Event]]],
           keys: dict[str, MergeKey], *, merger_factory: Any = Merger
           ) -> tuple[AppendSummary, list[Event]]:
    """Append articles' events (``(article id, content hash, events)`` per article, with the
    events' merge ``keys``) and merge them with the stored incidents, in one transaction.

    Returns the summary and the given events with the incident ids they have in the store.
    """
    from geomap.export import event_record

    con = _connect(path)
    try:
        _check_store(con, path)
        con.execute("BEGIN IMMEDIATE")  # one writer at a time; readers see the old store
        try:
            _init(con)
            stored = dict(con.execute("SELECT article_id, content_hash FROM articles"))
            added = replaced = skipped = 0
            new_events: list[Event] = []
            new_keys: dict[str, MergeKey] = {}
            now = datetime.now(UTC).isoformat(timespec="seconds")
            given: list[Event] = []
            for aid, h, events in articles:
                given.extend(events)
                if stored.get(aid) == h:
                    skipped += 1
                    continue
                if aid in stored:
                    con.execute("DELETE FROM events WHERE article_id = ?", (aid,))
                    replaced += 1
                else:
                    added += 1
                con.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", (aid, h, now))
                stored[aid] = h
                for e in events:
                    new_events.append(e)
                    new_keys[e.event_id] = keys[e.event_id]
            if not new_keys and not replaced:  # nothing new: the store stays byte for byte
                con.execute("ROLLBACK")
                inc = {eid: i for eid, i in con.execute(
                    "SELECT event_id, incident_id FROM events")}
                counts = {eid: n for eid, n in con.execute(
                    "SELECT event_id, incident_sources FROM events")}
                n_events = len(inc)
                n_inc = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
                out = [replace(e, incident_id=inc[e.event_id], incident_sources=counts[e.event_id])
                       for e in given if e.event_id in inc]
                return AppendSummary(added, replaced, skipped, 0, n_events, n_inc), out
            merger = merger_factory()
            old = {}
            for eid, mk in con.execute("SELECT event_id, merge_key FROM events"):
                if eid not in new_keys:
                    old[eid] = MergeKey.from_record(json.loads(mk))
            merger.add_keys(old.values())
            merger.add_keys(new_keys.values())
            inc = merger.index.incidents()
            counts = merger.index.source_counts()
            for e in new_events:
                e2 = replace(e, incident_id=inc[e.event_id], incident_sources=counts[e.event_id])
                rec = event_record(e2)
                loc = e2.location
                con.execute(
                    "INSERT OR REPLACE INTO events (geom, event_id, article_id, incident_id, "
                    "incident_sources, event_date, event_type, sub_event_type, location_name, "
                    "country_code, uncertainty_km, fatalities, injured, title, source_url, "
                    "evidence, record, merge_key, lossless) VALUES "
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (gpkg_point(loc.lat, loc.lon), e2.event_id, e2.article_id, e2.incident_id,
                     e2.incident_sources, rec["date"], e2.event_type, e2.sub_event_type,
                     loc.name, loc.country_code, loc.uncertainty_km, e2.fatalities, e2.injured,
                     e2.title, e2.source_url, e2.evidence,
                     json.dumps(rec, ensure_ascii=False),
                     json.dumps(new_keys[e.event_id].to_record(), ensure_ascii=False),
                     _lossless(e2)))
            con.executemany(
                "UPDATE events SET incident_id = ?1, incident_sources = ?2, "
                "record = json_set(record, '$.incident_id', ?1, '$.incident_sources', ?2), "
                "lossless = json_set(lossless, '$.incident_id', ?1, '$.incident_sources', ?2) "
                "WHERE event_id = ?3 AND (incident_id IS NOT ?1 OR incident_sources IS NOT ?2)",
                ((inc[e], counts[e], e) for e in old))
            _rewrite_incidents(con)
            n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
            n_inc = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise OutputError(f"cannot write store {path}: {exc}") from None
    finally:
        con.close()
    out = [replace(e, incident_id=inc[e.event_id], incident_sources=counts[e.event_id])
           for e in given if e.event_id in inc]
    return AppendSummary(added, replaced, skipped, len(new_events), n_events, n_inc), out


def _rewrite_incidents(con: sqlite3.Connection) -> None:
    """The incidents table from the events table (rebuilt whole: cheap next to the merge)."""
    con.execute("DELETE FROM incidents")
    events = list(iter_store_events(con))
    xs: list[float] = []
    ys: list[float] = []
    for inc in build_incidents(events):
        p = incident_properties(inc)
        loc = inc.location
        xs.append(loc.lon)
        ys.append(loc.lat)
        con.execute(
            "INSERT INTO incidents (geom, incident_id, event_date, event_type, sub_event_type, "
            "location_name, country_code, uncertainty_km, fatalities, injured, n_sources, "
            "actors, sources, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (gpkg_point(loc.lat, loc.lon), inc.incident_id, p["date"], inc.event_type,
             inc.sub_event_type, loc.name, loc.country_code, loc.uncertainty_km,
             inc.fatalities, inc.injured, inc.n_sources,
             json.dumps(p["actors"], ensure_ascii=False),
             json.dumps(p["sources"], ensure_ascii=False), inc.notes))
    if xs:
        for table in ("events", "incidents"):
            con.execute("UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
                        "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
                        (min(xs), min(ys), max(xs), max(ys), table))


def iter_store_events(con: sqlite3.Connection) -> Iterator[Event]:
    """The stored events (decoded from their lossless JSON, never evaluated), in insertion order."""
    from geomap.serialize import loads

    for (js,) in con.execute("SELECT lossless FROM events ORDER BY fid"):
        yield loads(js, Event)


def incident_events(path: str | Path, incident_ids: Iterable[str]) -> list[Event]:
    """The stored events of these incidents (every article's, not only one run's)."""
    wanted = sorted(set(incident_ids))
    con = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        from geomap.serialize import loads

        out: list[Event] = []
        for i in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
            chunk = wanted[i:i + 500]
            marks = ",".join("?" * len(chunk))
            out.extend(loads(js, Event) for (js,) in con.execute(
                f"SELECT lossless FROM events WHERE incident_id IN ({marks}) ORDER BY fid",  # noqa: S608
                chunk))
        return out
    finally:
        con.close()


def read_store(path: str | Path) -> list[Event]:
    """Every event of a store (for the map)."""
    if not Path(path).is_file():
        raise InputError(f"{path}: no such store")
    con = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        _check_store(con, path)
        return list(iter_store_events(con))
    except sqlite3.Error as exc:
        raise InputError(f"cannot read store {path}: {exc}") from None
    finally:
        con.close()


def store_incidents(path: str | Path) -> dict[str, list[str]]:
    """incident id -> sorted article ids, as stored (for tests and checks)."""
    con = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        out: dict[str, list[str]] = {}
        for inc, aid in con.execute("SELECT incident_id, article_id FROM events"):
            out.setdefault(inc, []).append(aid)
        return {k: sorted(set(v)) for k, v in out.items()}
    finally:
        con.close()
