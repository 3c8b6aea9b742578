"""The SQLite gazetteer: one file, read-only connections, safe to open once per process.

Schema (``SCHEMA``):

- ``places``: one row per place. ``rowid`` is the GeoNames id for ``gn:`` places (so an import
  can upsert a place and its names without a round trip), and a number from a reserved range
  (>= ``GEOMAP_ROWID_BASE``) for project places (``geomap:``) and analysts' places (``user:``).
- ``names``: ``(key, place_rowid)`` is the primary key of a WITHOUT ROWID table, so the rows of
  one key are stored together and an exact lookup is one B-tree range scan. ``key`` is
  :func:`~geomap.gazetteer.normalize.name_key` of ``name``; ``name_type`` is one of name,
  ascii, alternate, demonym, abbreviation, code (one row per key and place: the best type wins).
- ``meta``: key/value pairs (build date, sources, schema version).
- ``admin_labels``: the short English name of an admin area by its code (``UA.05``,
  ``UA.05.1404``), as ACLED writes it (:mod:`geomap.gazetteer.labels`); a gazetteer without
  the table (built before it) answers with the stored names.
"""

from __future__ import annotations

import functools
import json
import math
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from geomap.errors import GazetteerError, GazetteerNotFound
from geomap.gazetteer.base import area_short_name
from geomap.gazetteer.normalize import name_key
from geomap.types import Candidate, Place

SCHEMA_VERSION = "1"
T = TypeVar("T")
GEOMAP_ROWID_BASE = 1 << 40
"""Rowids of ``geomap:`` places start here (GeoNames ids are far below)."""
USER_ROWID_BASE = 1 << 41
"""Rowids of ``user:`` places start here."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    geonameid INTEGER,
    name TEXT NOT NULL,
    ascii_name TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    kind TEXT NOT NULL,
    feature_class TEXT,
    feature_code TEXT,
    country_code TEXT,
    admin1_code TEXT,
    admin2_code TEXT,
    admin1_name TEXT,
    admin2_name TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    members TEXT
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    place_rowid INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_type TEXT NOT NULL,
    PRIMARY KEY (key, place_rowid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS admin_labels (code TEXT PRIMARY KEY, name TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS places_country_kind ON places(country_code, kind);
CREATE INDEX IF NOT EXISTS places_admin ON places(country_code, admin1_code, admin2_code);
CREATE INDEX IF NOT EXISTS names_place ON names(place_rowid);
"""

NAME_TYPE_RANK = {"name": 0, "ascii": 1, "abbreviation": 2, "demonym": 3, "alternate": 4, "code": 5}
"""Which name type wins when one place has the same key twice (lower is better)."""

PLACE_COLUMNS = (
    "id", "geonameid", "name", "ascii_name", "lat", "lon", "kind", "feature_class",
    "feature_code", "country_code", "admin1_code", "admin2_code", "admin1_name", "admin2_name",
    "population", "source", "members",
)
_SELECT = "p." + ", p.".join(PLACE_COLUMNS)

KIND_WEIGHT = {
    "continent": 10.0, "region": 10.0, "country": 10.0, "admin1": 3.0, "city": 1.0,
    "admin2": 0.5, "feature": 0.3, "user": 1.0,
}
"""Search ranking: population is multiplied by this, so countries and states beat cities of
their own name unless the city is far bigger ("Georgia" the country and the state, "Paris")."""

NAME_TYPE_WEIGHT = {
    "name": 1.0, "ascii": 1.0, "abbreviation": 1.0, "demonym": 1.0, "alternate": 0.3,
    "code": 0.2,
}


def _db_errors(method: Callable[..., T]) -> Callable[..., T]:
    """Turn SQLite failures (a corrupt or truncated file) into one-line GazetteerErrors."""

    @functools.wraps(method)
    def wrapper(self: SQLiteGazetteer, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{self.path}: corrupt gazetteer ({exc})") from exc

    return wrapper


def _row_to_place(row: tuple[Any, ...]) -> Place:
    members = row[16]
    return Place(
        id=row[0], geonameid=row[1], name=row[2], ascii_name=row[3], lat=row[4], lon=row[5],
        kind=row[6], feature_class=row[7], feature_code=row[8], country_code=row[9],
        admin1_code=row[10], admin2_code=row[11], admin1_name=row[12], admin2_name=row[13],
        population=row[14] or 0, source=row[15],
        members=tuple(members.split(",")) if members else (),
    )


def place_row(place: Place) -> tuple[Any, ...]:
    """The ``places`` column values of a Place, in ``PLACE_COLUMNS`` order."""
    return (
        place.id, place.geonameid, place.name, place.ascii_name, place.lat, place.lon,
        place.kind, place.feature_class, place.feature_code, place.country_code,
        place.admin1_code, place.admin2_code, place.admin1_name, place.admin2_name,
        int(place.population or 0), place.source, ",".join(place.members) or None,
    )


def rank_score(place: Place, name_type: str) -> float:
    """Search score of an exact match: kind-weighted population, scaled by name type."""
    weight = KIND_WEIGHT.get(place.kind, 1.0) * NAME_TYPE_WEIGHT.get(name_type, 0.5)
    return math.log10(1.0 + max(place.population, 0) * weight) + math.log10(weight + 1e-9)


def rank_exact(cands: list[Candidate]) -> list[Candidate]:
    """Sort exact matches best first (see ``rank_score``).

    An admin area that is mostly one city of the same name (Dushanbe the region vs Dushanbe
    the city: the city holds >= half the area's population) ranks just below that city, since
    the name then usually means the city.
    """
    scores = {id(c): rank_score(c.place, c.name_type) for c in cands}
    cities = [c for c in cands if c.place.kind == "city"]
    for c in cands:
        p = c.place
        if p.kind not in ("admin1", "admin2") or not p.population:
            continue
        for city in cities:
            q = city.place
            if (q.country_code == p.country_code and q.admin1_code == p.admin1_code
                    and q.population >= 0.5 * p.population):
                scores[id(c)] = min(scores[id(c)], scores[id(city)] - 1e-6)
    return sorted(cands, key=lambda c: scores[id(c)], reverse=True)


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``); several processes may hold one each."""
    uri = f"file:{path.resolve().as_posix()}?mode=ro"
    con = sqlite3.connect(uri, uri=True, check_same_thread=False)
    con.execute("PRAGMA query_only = ON")
    con.execute("PRAGMA cache_size = -65536")
    con.execute("PRAGMA mmap_size = 268435456")
    return con


class SQLiteGazetteer:
    """Read side of the SQLite gazetteer (implements :class:`geomap.gazetteer.base.Gazetteer`)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise GazetteerNotFound(f"no gazetteer at {self.path} (run 'geomap gazetteer build')")
        try:
            self._con = connect_readonly(self.path)
            version = self._con.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{self.path}: not a geomap gazetteer ({exc})") from exc
        if version is None:
            raise GazetteerError(f"{self.path}: not a geomap gazetteer (no schema version)")
        self._lookup_sql = (
            f"SELECT {_SELECT}, n.name, n.name_type FROM names n "
            "JOIN places p ON p.rowid = n.place_rowid WHERE n.key = ?"
        )
        self._lookup_cc_sql = self._lookup_sql + " AND p.country_code = ?"
        self._has_labels = self._con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'admin_labels'"
        ).fetchone() is not None

    # -- Protocol ------------------------------------------------------------------------
    @_db_errors
    def lookup(self, name: str, *, country: str | None = None) -> list[Candidate]:
        """All places with exactly this (normalised) name, any name type; unranked."""
        key = name_key(name)
        if not key:
            return []
        rows = self._rows(key, country)
        if not rows and key.startswith("the ") and len(key) > 4:
            rows = self._rows(key[4:], country)  # "the Balkans", "the U.S." ("The Hague" is kept)
        return [Candidate(_row_to_place(r), r[17], r[18]) for r in rows]

    def _rows(self, key: str, country: str | None) -> list[tuple]:
        if country:
            return self._con.execute(self._lookup_cc_sql, (key, country.upper())).fetchall()
        return self._con.execute(self._lookup_sql, (key,)).fetchall()

    @_db_errors
    def search(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Candidate]:
        """Ranked candidates: exact key matches first (by kind-weighted population, see
        ``KIND_WEIGHT``), then prefix matches, then close spellings (difflib) for typos."""
        key = name_key(name)
        if not key or limit <= 0:
            return []
        exact = rank_exact(self.lookup(name, country=country))
        out = exact[:limit]
        if len(out) >= limit:
            return out
        seen = {c.place.id for c in out}
        more = self._prefix(key, country, limit * 5)
        if len(out) + len(more) < limit:
            more += self._fuzzy(key, country, limit * 5)
        more = [c for c in more if c.place.id not in seen]
        more.sort(key=lambda c: rank_score(c.place, c.name_type), reverse=True)
        for cand in more:
            if cand.place.id in seen:
                continue
            seen.add(cand.place.id)
            out.append(cand)
            if len(out) >= limit:
                break
        return out

    @_db_errors
    def get(self, place_id: str) -> Place | None:
        row = self._con.execute(
            f"SELECT {_SELECT} FROM places p WHERE p.id = ?", (place_id,)
        ).fetchone()
        return _row_to_place(row) if row else None

    @_db_errors
    def country(self, code: str) -> Place | None:
        rows = self._con.execute(
            f"SELECT {_SELECT} FROM places p WHERE p.country_code = ? AND p.kind = 'country' "
            "ORDER BY p.population DESC LIMIT 1",
            (code.upper(),),
        ).fetchall()
        return _row_to_place(rows[0]) if rows else None

    @_db_errors
    def admin_label(self, country: str, admin1: str, admin2: str | None = None) -> str | None:
        """The short English name of an admin area (admin2 when given), or None."""
        if not self._has_labels or not country or not admin1:
            return None
        code = ".".join((country.upper(), admin1, *((admin2,) if admin2 else ())))
        row = self._con.execute("SELECT name FROM admin_labels WHERE code = ?", (code,)).fetchone()
        return row[0] if row else None

    @_db_errors
    def places_in(self, country: str, kind: str) -> list[Place]:
        """Every place of one kind in one country (e.g. all admin1 areas of TJ)."""
        rows = self._con.execute(
            f"SELECT {_SELECT} FROM places p WHERE p.country_code = ? AND p.kind = ?",
            (country.upper(), kind),
        ).fetchall()
        return [_row_to_place(r) for r in rows]

    @_db_errors
    def important_alternates(self, min_population: int, kinds: Collection[str]) -> set[str]:
        """What :func:`~geomap.gazetteer.base.alternates_by_lookup` finds, in two queries
        instead of a lookup per alternate name."""
        kinds = tuple(kinds)
        rows = self._con.execute(
            "SELECT DISTINCT n.key FROM names n JOIN places p ON p.rowid = n.place_rowid "
            "WHERE n.name_type = 'alternate' AND (p.population >= ? OR p.kind IN "
            f"({','.join('?' * len(kinds))}))",
            (min_population, *kinds),
        )
        keep = {r[0] for r in rows}
        rows = self._con.execute(
            "SELECT n.key, p.name FROM names n JOIN places p ON p.rowid = n.place_rowid "
            "WHERE n.name_type = 'alternate' AND p.kind = 'admin2' AND n.key LIKE '% %'"
        )
        keep.update(key for key, name in rows if area_short_name(key, name))
        return keep

    def iter_names(self) -> Iterator[tuple[str, str]]:
        try:
            yield from self._con.execute("SELECT DISTINCT key, name_type FROM names")
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{self.path}: corrupt gazetteer ({exc})") from exc

    @_db_errors
    def info(self) -> dict:
        meta = dict(self._con.execute("SELECT key, value FROM meta"))
        kinds = dict(self._con.execute("SELECT kind, count(*) FROM places GROUP BY kind"))
        sources = dict(self._con.execute("SELECT source, count(*) FROM places GROUP BY source"))
        n_names = self._con.execute("SELECT count(*) FROM names").fetchone()[0]
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "build_date": meta.get("build_date"),
            "updated": meta.get("updated"),
            "schema_version": meta.get("schema_version"),
            "sources": sources,
            "source_notes": json.loads(meta.get("sources", "[]")),
            "imports": json.loads(meta.get("imports", "[]")),
            "counts_by_kind": kinds,
            "places": sum(kinds.values()),
            "names": n_names,
        }

    def close(self) -> None:
        con, self._con = getattr(self, "_con", None), None
        if con is not None:
            con.close()

    # -- extras ----------------------------------------------------------------------------
    def __enter__(self) -> SQLiteGazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getstate__(self) -> dict:
        """Pickle as a path (for Dask/multiprocessing workers); reopened on unpickle."""
        return {"path": str(self.path)}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    # -- helpers -------------------------------------------------------------------------
    def _rows_for_keys(self, where: str, params: tuple, country: str | None) -> list[Candidate]:
        sql = (
            f"SELECT {_SELECT}, n.name, n.name_type FROM names n "
            f"JOIN places p ON p.rowid = n.place_rowid WHERE {where}"
        )
        if country:
            sql += " AND p.country_code = ?"
            params = (*params, country.upper())
        return [Candidate(_row_to_place(r), r[17], r[18]) for r in self._con.execute(sql, params)]

    def _prefix(self, key: str, country: str | None, limit: int) -> list[Candidate]:
        if len(key) < 3:
            return []
        keys = [
            k for (k,) in self._con.execute(
                "SELECT DISTINCT key FROM names WHERE key > ? AND key < ? LIMIT ?",
                (key, key + "\U0010ffff", limit),
            )
        ]
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        return self._rows_for_keys(f"n.key IN ({marks})", tuple(keys), country)

    def _fuzzy(self, key: str, country: str | None, limit: int) -> list[Candidate]:
        """Close spellings: keys sharing the first two characters, ranked by difflib."""
        import difflib

        if len(key) < 4:
            return []
        stem = key[:2]
        pool = [
            k for (k,) in self._con.execute(
                "SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? "
                "AND length(key) BETWEEN ? AND ?",
                (stem, stem + "\U0010ffff", len(key) - 2, len(key) + 2),
            )
        ]
        close = difflib.get_close_matches(key, pool, n=max(3, limit // 5), cutoff=0.8)
        if not close:
            return []
        marks = ",".join("?" * len(close))
        return self._rows_for_keys(f"n.key IN ({marks})", tuple(close), country)


def open_writable(path: Path) -> sqlite3.Connection:
    """A connection for building or importing (callers write into a temporary copy)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -131072")
    con.execute("PRAGMA temp_store = MEMORY")
    con.executescript(SCHEMA)
    return con


def best_names(names: Iterable[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """key -> (name, name_type), one per key, the best name type winning."""
    out: dict[str, tuple[str, str]] = {}
    for name, name_type in names:
        if not name:
            continue
        key = name_key(name)
        if not key:
            continue
        old = out.get(key)
        if old is None or NAME_TYPE_RANK[name_type] < NAME_TYPE_RANK[old[1]]:
            out[key] = (name, name_type)
    return out


class SQLiteWriter:
    """Write side (implements :class:`geomap.gazetteer.base.GazetteerWriter`).

    Places are upserted by id, keeping their rowid; names are added, never duplicated.
    """

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self._next = {
            "geomap": self._max_rowid(GEOMAP_ROWID_BASE, USER_ROWID_BASE) + 1,
            "user": self._max_rowid(USER_ROWID_BASE, 1 << 62) + 1,
        }

    def _max_rowid(self, lo: int, hi: int) -> int:
        row = self.con.execute(
            "SELECT max(rowid) FROM places WHERE rowid >= ? AND rowid < ?", (lo, hi)
        ).fetchone()
        return row[0] if row and row[0] is not None else lo - 1

    def rowid_for(self, place: Place) -> int:
        """GeoNames id for ``gn:`` places; the existing or next reserved rowid otherwise."""
        if place.id.startswith("gn:") and place.geonameid is not None:
            return int(place.geonameid)
        row = self.con.execute("SELECT rowid FROM places WHERE id = ?", (place.id,)).fetchone()
        if row:
            return row[0]
        space = "user" if place.id.startswith("user:") else "geomap"
        rowid = self._next[space]
        self._next[space] += 1
        return rowid

    def add_places(self, rows: Iterable[tuple[Place, Iterable[tuple[str, str]]]]) -> int:
        place_rows: list[tuple] = []
        name_rows: list[tuple] = []
        for place, names in rows:
            rowid = self.rowid_for(place)
            place_rows.append((rowid, *place_row(place)))
            for key, (name, name_type) in best_names([(place.name, "name"), *names]).items():
                name_rows.append((key, rowid, name, name_type))
        self.write(place_rows, name_rows)
        return len(place_rows)

    def write(self, place_rows: list[tuple], name_rows: list[tuple]) -> None:
        """Upsert raw rows: ``(rowid, *PLACE_COLUMNS)`` and ``(key, rowid, name, type)``."""
        cols = ", ".join(PLACE_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in PLACE_COLUMNS if c != "id")
        self.con.executemany(
            f"INSERT INTO places (rowid, {cols}) VALUES ({', '.join('?' * (len(PLACE_COLUMNS) + 1))}) "
            f"ON CONFLICT(rowid) DO UPDATE SET {updates}",
            place_rows,
        )
        self.con.executemany(
            "INSERT INTO names (key, place_rowid, name, name_type) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(key, place_rowid) DO NOTHING",
            name_rows,
        )


def places_of_kind(con: sqlite3.Connection, kind: str) -> list[Place]:
    """Every place of one kind on an open connection, by id (the analysts' ``user`` places)."""
    rows = con.execute(f"SELECT {_SELECT} FROM places p WHERE p.kind = ? ORDER BY p.id",
                       (kind,)).fetchall()
    return [_row_to_place(r) for r in rows]
