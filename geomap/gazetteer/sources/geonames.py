"""Sources for GeoNames export files (``gazetteer import``), and the registry that says which
file is which source.

Formats, detected by file name and, failing that, by the column count of the first data line
(:data:`FILE_FORMATS`, :func:`detect_format`):

- ``dump``: the 19-column GeoNames dumps (``allCountries``, ``XX``, ``cities500`` ...);
- ``admin1`` / ``admin2``: ``admin1CodesASCII.txt`` / ``admin2Codes.txt`` (4 columns, no
  coordinates: new areas take the plain mean of their member places, as in the default build);
- ``countryinfo``: ``countryInfo.txt`` (names, population, capital -> PPLC);
- ``alternates``: ``alternateNamesV2.txt`` / ``alternateNames.txt`` (names of known places).

Files are streamed line by line (zipped or not) and written in batches: memory stays bounded
whatever the file size (the 12-million-row ``allCountries.txt`` included).
"""

from __future__ import annotations

import contextlib
import sqlite3
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from geomap.errors import InputError
from geomap.gazetteer.normalize import name_key
from geomap.gazetteer.sources.base import Source, Store
from geomap.gazetteer.sqlite import best_names, place_row
from geomap.geo import unit_vector, vector_latlon
from geomap.types import Place

BATCH_ROWS = 5000
"""Rows written per batch (bounded memory, a progress step each)."""
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


def zlib_error() -> type[Exception]:
    """zlib's error class (a truncated zip member raises it)."""
    import zlib

    return zlib.error


class Lines:
    """Numbered, strictly decoded lines of a text file or of the data file inside a zip."""

    def __init__(self, path: Path):
        self.path = path
        self.label = path.name
        self.member: str | None = None

    @contextlib.contextmanager
    def _open_zip(self) -> Iterator[IO[bytes]]:
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

    @contextlib.contextmanager
    def _open(self) -> Iterator[IO[bytes]]:
        if self.path.suffix.lower() == ".zip":
            with self._open_zip() as fh:
                yield fh
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

    def data(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, tab-separated cells) of the data lines (no blanks, no comments)."""
        for lineno, line in self:
            if line and not line.startswith("#"):
                yield lineno, line.split("\t")

    def first_data_line(self) -> str | None:
        for _, line in self:
            if line and not line.startswith("#"):
                return line
        return None


class AdminNames:
    """Admin area names by code, read from the store on first use and updated by the admin
    code files, so a dump imported after them gets its places' admin names."""

    def __init__(self) -> None:
        self.admin1: dict[tuple[str, str], str] = {}
        self.admin2: dict[tuple[str, str, str], str] = {}
        self._loaded = False

    def load(self, con: sqlite3.Connection) -> AdminNames:
        if not self._loaded:
            self.admin1 = {(cc, a1): n for cc, a1, n in con.execute(
                "SELECT country_code, admin1_code, name FROM places WHERE kind = 'admin1'")}
            self.admin2 = {(cc, a1, a2): n for cc, a1, a2, n in con.execute(
                "SELECT country_code, admin1_code, admin2_code, name FROM places "
                "WHERE kind = 'admin2'")}
            self._loaded = True
        return self


def _empty(path: Path) -> InputError:
    return InputError("empty file (no data lines)", path=str(path))


class GeoNamesDump:
    """A 19-column GeoNames dump (``allCountries``, ``TJ``, ``cities500``): places upserted by
    geonameid, with their name, ASCII name and alternate names."""

    name = "dump"
    reads = "allCountries.txt, XX.txt, citiesNNN.txt (zipped or not): 19 columns"
    # after countryInfo: a dump's own feature codes win over its capital-by-name guess (which
    # would mark Delhi, not New Delhi, as India's capital)
    depends_on = ("countryinfo",)

    def __init__(self, path: Path, admin_names: AdminNames):
        self.path = path
        self.admin_names = admin_names

    def _place(self, cols: list[str], lineno: int) -> Place:
        path = self.path
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
        names = self.admin_names
        return Place(
            id=f"gn:{gid}", name=cols[1], lat=lat, lon=lon,
            kind=kind_of(fclass, fcode),  # type: ignore[arg-type]
            geonameid=gid, ascii_name=cols[2] or None, feature_class=fclass or None,
            feature_code=fcode or None, country_code=cc or None, admin1_code=a1,
            admin2_code=a2, admin1_name=names.admin1.get((cc, a1)) if a1 else None,
            admin2_name=names.admin2.get((cc, a1, a2)) if a2 else None,
            population=pop, source=f"geonames:{path.name}",
        )

    def write(self, store: Store) -> int:
        self.admin_names.load(store.con)
        places: list[tuple] = []
        names: list[tuple] = []
        count = 0
        lines = Lines(self.path)
        for lineno, cols in lines.data():
            place = self._place(cols, lineno)
            gid = place.geonameid
            places.append((gid, *place_row(place)))
            alts = [(n, "alternate") for n in cols[3].split(",") if n] if cols[3] else []
            for key, (n, t) in best_names([(cols[1], "name"), (cols[2], "ascii"), *alts]).items():
                names.append((key, gid, n, t))
            count += 1
            if len(places) >= BATCH_ROWS:
                store.writer.write(places, names)
                places, names = [], []
                store.progress(f"{lines.label}: {count:,} rows", BATCH_ROWS)
        if not count:
            raise _empty(self.path)
        store.writer.write(places, names)
        store.progress(f"{lines.label}: {count:,} rows", len(places))
        return count


class AdminCodes:
    """``admin1CodesASCII.txt`` (level 1) or ``admin2Codes.txt`` (level 2): names of known
    areas, new areas at the plain mean of their member places, and the area's name set on
    every place that lies in it."""

    reads = "admin1CodesASCII.txt / admin2Codes.txt: code, name, ASCII name, geonameid"

    def __init__(self, path: Path, admin_names: AdminNames, level: int):
        self.path = path
        self.admin_names = admin_names
        self.level = level
        self.name = f"admin{level}"
        # areas take the mean of their member places; admin-2 rows carry their admin-1 name
        self.depends_on: tuple[str, ...] = ("dump",) if level == 1 else ("dump", "admin1")

    def _rows(self) -> list[tuple[str, str, int, list[str]]]:
        """(name, ASCII name, geonameid, code parts) of each line."""
        rows = []
        level = self.level
        for lineno, cols in Lines(self.path).data():
            if len(cols) != 4 or not cols[3].isdigit() or cols[0].count(".") != level:
                raise InputError(
                    f"expected 'CC{'.ADM' * level} <tab> name <tab> asciiname <tab> geonameid' "
                    f"({len(cols)} columns found)", path=str(self.path), line=lineno)
            rows.append((cols[1], cols[2], int(cols[3]), cols[0].split(".")))
        if not rows:
            raise _empty(self.path)
        return rows

    def _member_sums(self, con: sqlite3.Connection) -> dict[tuple, list[float]]:
        """Area code parts -> (x, y, z, count, population) of its member places."""
        sums: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0, 0])
        group = ("country_code, admin1_code" if self.level == 1
                 else "country_code, admin1_code, admin2_code")
        for *key, lat, lon, pop in con.execute(
            f"SELECT {group}, lat, lon, population FROM places WHERE kind = 'city'"
        ):
            s = sums[tuple(key)]
            dx, dy, dz = unit_vector(lat, lon)
            s[0] += dx
            s[1] += dy
            s[2] += dz
            s[3] += 1
            s[4] += pop or 0
        return sums

    def _new_area(self, name: str, ascii_name: str, gid: int, parts: list[str],
                  s: list[float]) -> Place:
        cc, a1 = parts[0], parts[1]
        a2 = parts[2] if self.level == 2 else None
        lat, lon = (round(v, 5) for v in vector_latlon(s[0], s[1], s[2]))
        return Place(
            id=f"gn:{gid}", name=name, lat=lat, lon=lon, kind=self.name,  # type: ignore[arg-type]
            geonameid=gid, ascii_name=ascii_name, feature_class="A",
            feature_code=f"ADM{self.level}", country_code=cc, admin1_code=a1, admin2_code=a2,
            admin1_name=self.admin_names.admin1.get((cc, a1)),
            admin2_name=name if self.level == 2 else None,
            population=int(s[4]), source=f"geonames:{self.path.name}",
        )

    def _remember(self, name: str, parts: list[str]) -> tuple[str, ...]:
        """Record the area's name for later dumps; returns its UPDATE parameters."""
        cc, a1 = parts[0], parts[1]
        if self.level == 1:
            self.admin_names.admin1[(cc, a1)] = name
            return (name, cc, a1)
        self.admin_names.admin2[(cc, a1, parts[2])] = name
        return (name, cc, a1, parts[2])

    def write(self, store: Store) -> int:
        self.admin_names.load(store.con)
        rows = self._rows()
        sums = self._member_sums(store.con)
        existing = {r for (r,) in store.con.execute("SELECT rowid FROM places WHERE kind = ?",
                                                    (self.name,))}
        places, names, updates = [], [], []
        for name, ascii_name, gid, parts in rows:
            updates.append(self._remember(name, parts))
            if gid not in existing:
                s = sums.get(tuple(parts))
                if not s or not s[3]:
                    continue  # no member places: no honest point
                places.append((gid, *place_row(self._new_area(name, ascii_name, gid, parts, s))))
            for key, (n, t) in best_names([(name, "name"), (ascii_name, "ascii")]).items():
                names.append((key, gid, n, t))
        store.writer.write(places, names)
        if self.level == 1:
            store.con.executemany(
                "UPDATE places SET admin1_name = ? WHERE country_code = ? AND admin1_code = ?",
                updates)
        else:
            store.con.executemany(
                "UPDATE places SET admin2_name = ? WHERE country_code = ? AND admin1_code = ? "
                "AND admin2_code = ?", updates)
        store.progress(f"{self.path.name}: {len(rows):,} rows", len(rows))
        return len(rows)


class CountryInfoFile:
    """``countryInfo.txt``: country names and codes, population, and the capital as PPLC; a
    country the gazetteer lacks is added at the mean of its places (those already stored: it
    runs before the dumps of the same import)."""

    name = "countryinfo"
    reads = "countryInfo.txt: 19 columns, geonameid in column 17"
    depends_on: tuple[str, ...] = ()

    def __init__(self, path: Path):
        self.path = path

    def _country_rowid(self, store: Store, iso: str, name: str, gid: int, pop: int
                       ) -> int | None:
        """The country's rowid (population updated), added if missing; None without places."""
        con = store.con
        row = con.execute(
            "SELECT rowid FROM places WHERE kind = 'country' AND country_code = ?", (iso,)
        ).fetchone()
        if row is not None:
            con.execute("UPDATE places SET population = ? WHERE rowid = ?", (pop, row[0]))
            return row[0]
        pt = con.execute("SELECT avg(lat), avg(lon) FROM places WHERE country_code = ? "
                         "AND kind = 'city'", (iso,)).fetchone()
        if pt is None or pt[0] is None:
            return None
        place = Place(id=f"gn:{gid}", name=name, lat=pt[0], lon=pt[1], kind="country",
                      geonameid=gid, feature_class="A", feature_code="PCLI",
                      country_code=iso, population=pop, source=f"geonames:{self.path.name}")
        store.writer.write([(gid, *place_row(place))], [])
        return gid

    def write(self, store: Store) -> int:
        count = 0
        names: list[tuple] = []
        for lineno, cols in Lines(self.path).data():
            if len(cols) < 17 or len(cols[0]) != 2 or not cols[16].isdigit():
                raise InputError(
                    f"not a countryInfo.txt line ({len(cols)} columns; expected 19 with the "
                    "geonameid in column 17)", path=str(self.path), line=lineno)
            iso, iso3, name, capital, gid = cols[0], cols[1], cols[4], cols[5], int(cols[16])
            pop = int(cols[7]) if cols[7].isdigit() else 0
            count += 1
            rowid = self._country_rowid(store, iso, name, gid, pop)
            if rowid is None:
                continue
            for key, (n, t) in best_names([(name, "name"), (iso, "code"),
                                           (iso3, "code")]).items():
                names.append((key, rowid, n, t))
            if capital:
                store.con.execute(
                    "UPDATE places SET feature_code = 'PPLC' WHERE rowid = (SELECT p.rowid "
                    "FROM names n JOIN places p ON p.rowid = n.place_rowid WHERE n.key = ? "
                    "AND p.country_code = ? AND p.kind = 'city' ORDER BY p.population DESC "
                    "LIMIT 1)", (name_key(capital), iso))
        if count == 0:
            raise _empty(self.path)
        store.writer.write([], names)
        store.progress(f"{self.path.name}: {count:,} rows", count)
        return count


class AlternateNames:
    """``alternateNamesV2.txt`` / ``alternateNames.txt``: more names of places already stored
    (a name of a place the gazetteer lacks is skipped), so it runs after every file that adds
    places."""

    name = "alternates"
    reads = "alternateNamesV2.txt / alternateNames.txt: id, geonameid, language, name, ..."
    depends_on = ("dump", "admin1", "admin2", "countryinfo")

    _SQL = ("INSERT INTO names (key, place_rowid, name, name_type) SELECT ?, ?, ?, ? "
            "WHERE EXISTS (SELECT 1 FROM places WHERE rowid = ?) "
            "ON CONFLICT(key, place_rowid) DO NOTHING")

    def __init__(self, path: Path):
        self.path = path

    def _rows(self, lines: Lines) -> Iterator[tuple[str, int, str, str, int]]:
        """(key, geonameid, name, name type, geonameid) of each usable line."""
        seen_any = False
        for lineno, cols in lines.data():
            seen_any = True
            if len(cols) < 4 or not cols[1].isdigit():
                raise InputError(
                    f"not an alternateNames line ({len(cols)} columns; expected 10)",
                    path=str(self.path), line=lineno)
            lang, name = cols[2], cols[3]
            if lang in SKIP_ALT_LANGS or not name:
                continue
            key = name_key(name)
            if not key:
                continue
            gid = int(cols[1])
            yield key, gid, name, "abbreviation" if lang == "abbr" else "alternate", gid
        if not seen_any:
            raise _empty(self.path)

    def write(self, store: Store) -> int:
        count = 0
        batch: list[tuple] = []
        lines = Lines(self.path)
        for row in self._rows(lines):
            batch.append(row)
            count += 1
            if len(batch) >= BATCH_ROWS:
                store.con.executemany(self._SQL, batch)
                batch = []
                store.progress(f"{lines.label}: {count:,} names", BATCH_ROWS)
        store.con.executemany(self._SQL, batch)
        store.progress(f"{lines.label}: {count:,} names", len(batch))
        return count


class FileSource(Source, Protocol):
    """A source that reads one file (named in import reports)."""

    path: Path


@dataclass(frozen=True)
class FileFormat:
    """A GeoNames file format: the file name prefixes (lower case) that say it, and the
    source that reads it (given the file and the import's shared admin names)."""

    name: str
    prefixes: tuple[str, ...]
    source: Callable[[Path, AdminNames], FileSource]


FILE_FORMATS: tuple[FileFormat, ...] = (
    FileFormat("countryinfo", ("countryinfo",), lambda path, _names: CountryInfoFile(path)),
    FileFormat("dump", (), GeoNamesDump),
    FileFormat("admin1", ("admin1codes",), lambda path, names: AdminCodes(path, names, 1)),
    FileFormat("admin2", ("admin2codes",), lambda path, names: AdminCodes(path, names, 2)),
    FileFormat("alternates", ("alternatenames",), lambda path, _names: AlternateNames(path)),
)
"""The registry of import formats: which file is which source. A file whose name says none
is recognised by its first data line (:func:`detect_format`). Files of one import run in this
order (a valid dependency order), so the command line's order never changes the result."""
_BY_NAME = {f.name: f for f in FILE_FORMATS}


def detect_format(path: Path) -> str:
    """``dump``, ``admin1``, ``admin2``, ``countryinfo`` or ``alternates`` (see module doc)."""
    name = path.name.lower()
    for fmt in FILE_FORMATS:
        if any(name.startswith(prefix) for prefix in fmt.prefixes):
            return fmt.name
    first = Lines(path).first_data_line()
    if first is None:
        raise _empty(path)
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


def source_for(path: Path, admin_names: AdminNames | None = None) -> FileSource:
    """The source that reads the GeoNames file ``path`` (:data:`FILE_FORMATS`); the sources
    of one import share ``admin_names``."""
    return _BY_NAME[detect_format(path)].source(path, admin_names or AdminNames())


def file_sources(paths: Sequence[Path]) -> list[FileSource]:
    """One source per GeoNames file, in :data:`FILE_FORMATS` order (files of one format in
    the order given), which :func:`~.base.run_order` checks against their dependencies."""
    admin_names = AdminNames()
    rank = {f.name: i for i, f in enumerate(FILE_FORMATS)}
    sources = [source_for(p, admin_names) for p in paths]
    return sorted(sources, key=lambda s: rank[s.name])
