"""Export: events and places as GeoJSON (RFC 7946), CSV (ACLED-style columns) and JSON Lines.

Writers stream: features are written as they come, so memory stays flat however many articles
run. File outputs go to a temporary file in the target folder and are renamed into place on
``close()`` (atomic: a reader sees the old file or the complete new one, never a partial one);
``abort()`` removes the temporary file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from geomap.acled import ACLED_COLUMNS, LIST_SEPARATOR, acled_fields
from geomap.errors import OutputError
from geomap.geo import to_xy
from geomap.types import Event, Toponym

COORD_DECIMALS = 6
"""~0.1 m; RFC 7946 recommends not over-stating precision."""

MAP_EVENTS_MAX = 100_000
"""Events (and place mentions) a run's map draws: the page is measured ready in about 4-7 s at
100,000 events on two shared cores (``benchmarks/bench_map.py``); past that the file and the
browser's memory grow with little to show. The exports keep every event."""

GEOMAP_COLUMNS: tuple[str, ...] = (
    "article_id", "main", "confidence", "date_precision", "time", "fatalities_reported",
    "injured", "detained", "actors", "country_code", "precision", "uncertainty_km",
    "location_method", "anchor_name", "anchor_distance_km", "anchor_bearing_deg",
    "nearest_border_country", "nearest_border_km", "borders", "evidence", "source_url", "title",
    "incident_id", "incident_sources", "language",
)
"""geomap's own columns, after ACLED's in every table (see :func:`event_table_row`)."""

TABLE_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + GEOMAP_COLUMNS
"""Every tabular output's columns: ACLED's 31 in ACLED's order, then geomap's."""

CSV_COLUMNS = list(TABLE_COLUMNS)

TABLE_INT_COLUMNS = frozenset({
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
    "fatalities", "timestamp", "fatalities_reported", "injured", "detained", "precision",
    "incident_sources",
})
TABLE_FLOAT_COLUMNS = frozenset({
    "latitude", "longitude", "confidence", "uncertainty_km", "anchor_distance_km",
    "anchor_bearing_deg", "nearest_border_km",
})
TABLE_BOOL_COLUMNS = frozenset({"main"})


def column_type(name: str) -> str:
    """``int``, ``float``, ``bool`` or ``str``: the type of a table column, whatever its
    values (a column of unknowns stays typed in a DataFrame, GeoPackage or Parquet file)."""
    if name in TABLE_INT_COLUMNS:
        return "int"
    if name in TABLE_FLOAT_COLUMNS:
        return "float"
    if name in TABLE_BOOL_COLUMNS:
        return "bool"
    return "str"

GEOJSON_ACLED_FIELDS: tuple[str, ...] = (
    "disorder_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "geo_precision", "source", "tags", "timestamp",
)
"""ACLED's flat fields also carried by each GeoJSON/JSON Lines event (the others are there
under geomap's names): flat strings, so every OGR driver (Shapefile too) keeps every feature."""


def _round(x: float | None, nd: int = COORD_DECIMALS) -> float | None:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return None  # NaN/Infinity are not JSON
    return round(x, nd)


def event_properties(event: Event) -> dict[str, Any]:
    """The public GeoJSON property schema of an event (see README, "Outputs")."""
    loc = event.location
    anchor = None
    if loc.anchor is not None:
        a = loc.anchor
        anchor = {
            "name": a.name, "lat": _round(a.lat), "lon": _round(a.lon),
            "distance_km": _round(a.distance_km, 2), "bearing_deg": _round(a.bearing_deg, 1),
            "place_id": a.place_id,
        }
    relative = None
    if loc.relative is not None:
        r = loc.relative
        relative = {"text": r.text, "relation": r.relation, "distance": r.distance, "unit": r.unit,
                    "bearing_text": r.bearing_text, "hedge": r.hedge}
    return {
        "event_id": event.event_id,
        "article_id": event.article_id,
        "source_url": event.source_url,
        "title": event.title,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "time": event.time,
        "fatalities": event.fatalities,
        "injured": event.injured,
        "detained": event.detained,
        "actors": list(event.actors),
        "location_name": loc.name,
        "country_code": loc.country_code,
        "precision": loc.precision,
        "uncertainty_km": _round(loc.uncertainty_km, 2),
        "location_method": loc.method,
        "place_id": loc.place_id,
        "main": event.main,
        "confidence": event.confidence,
        "evidence": event.evidence,
        "evidence_start": event.evidence_start,
        "evidence_end": event.evidence_end,
        "location_notes": loc.notes,
        "anchor": anchor,
        "relative": relative,
        "borders": [
            {"country_code": b.country_code, "name": b.name, "distance_km": _round(b.distance_km, 2),
             "nearest_lat": _round(b.nearest_lat), "nearest_lon": _round(b.nearest_lon),
             "other_country_code": b.other_country_code, "named_in_text": b.named_in_text}
            for b in event.borders
        ],
        "notes": event.notes,
        "sources": _sources(event),
        "language": event.language,
        "incident_id": event.incident_id,
        "incident_sources": event.incident_sources,
        **{k: v for k, v in acled_fields(event).items() if k in GEOJSON_ACLED_FIELDS},
    }


def _sources(event: Event) -> dict[str, list[list[int]]]:
    """field -> [[start, end], ...] spans of the article text it came from."""
    out: dict[str, list[list[int]]] = {}
    for name, start, end in event.sources:
        out.setdefault(name, []).append([start, end])
    return out


def point_geometry(lat: float, lon: float) -> dict[str, Any] | None:
    """A GeoJSON Point, or None (a null geometry, RFC 7946 3.2) for unusable coordinates:
    non-finite or a latitude beyond the poles. Longitudes are wrapped into [-180, 180]."""
    if not (math.isfinite(lat) and math.isfinite(lon)) or not -90.0 <= lat <= 90.0:
        return None
    if not -180.0 <= lon <= 180.0:
        lon = (lon + 180.0) % 360.0 - 180.0
    x, y = to_xy(lat, lon)
    return {"type": "Point", "coordinates": [_round(x), _round(y)]}


def event_feature(event: Event) -> dict[str, Any]:
    """An event as a GeoJSON feature. List-valued properties are ACLED's flat strings here
    (``"actors": "A; B"``): GDAL reads a list of strings as a StringList field, which the
    Shapefile driver (and others) cannot create, so ogr2ogr would drop every feature. JSON
    Lines (:func:`event_record`) keeps the list, for jq and scorers."""
    props = event_properties(event)
    props["actors"] = LIST_SEPARATOR.join(event.actors)
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": point_geometry(event.location.lat, event.location.lon),
        "properties": props,
    }


def toponym_properties(article_id: str, t: Toponym, language: str | None = None) -> dict[str, Any]:
    """A mention's properties: ``text`` as written, ``lookup_name`` the form looked up (the
    lemma of an inflected Russian name), ``name`` the gazetteer's canonical name."""
    m, p = t.mention, t.place
    props: dict[str, Any] = {
        "article_id": article_id,
        "start": m.start, "end": m.end, "text": m.text, "mention_kind": m.kind,
        "feature": m.feature,
        "name": p.name if p else None,
        "lat": _round(p.lat) if p else None, "lon": _round(p.lon) if p else None,
        "geonameid": p.geonameid if p else None,
        "place_id": p.id if p else None,
        "kind": p.kind if p else None,
        "feature_code": p.feature_code if p else None,
        "country_code": p.country_code if p else None,
        "admin1_name": p.admin1_name if p else None,
        "population": p.population if p else None,
        "source": p.source if p else None,
        "confidence": round(t.confidence, 3),
        "reason": t.reason,
        "alternatives": [
            {"name": a.name, "place_id": a.id, "geonameid": a.geonameid, "lat": _round(a.lat),
             "lon": _round(a.lon), "country_code": a.country_code, "kind": a.kind}
            for a in t.alternatives
        ],
    }
    if m.omitted:  # later mentions of this place, counted but not listed (only when any)
        props["omitted_mentions"] = m.omitted
    if m.name != m.text:  # an inflected or elided form ("в Исфаре" -> "Исфара")
        props["lookup_name"] = m.name
    props["language"] = language
    return props


def toponym_feature(article_id: str, t: Toponym, language: str | None = None) -> dict[str, Any]:
    """A mention as a GeoJSON feature; unresolved mentions have ``geometry: null`` (RFC 7946 3.2)."""
    p = t.place
    return {
        "type": "Feature",
        "geometry": point_geometry(p.lat, p.lon) if p else None,
        "properties": toponym_properties(article_id, t, language),
    }


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in untrusted text cells (OWASP CSV injection).

    A text cell that starts with ``= + - @`` (or a tab/CR) gets a leading apostrophe, so Excel or
    LibreOffice shows it as text instead of running it. Numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def event_table_row(event: Event) -> dict[str, Any]:
    """One event as a table row (:data:`TABLE_COLUMNS`): ACLED's columns, then geomap's; None
    where nothing is known. The one row every tabular output writes (CSV, DataFrame,
    GeoPackage, GeoParquet)."""
    loc = event.location
    nearest = event.borders[0] if event.borders else None
    row = acled_fields(event, published=event.published, coord_decimals=COORD_DECIMALS)
    row.update({
        "article_id": event.article_id,
        "main": event.main,
        "confidence": event.confidence,
        "date_precision": event.date_precision,
        "time": event.time,
        "fatalities_reported": event.fatalities,
        "injured": event.injured,
        "detained": event.detained,
        "actors": LIST_SEPARATOR.join(event.actors),
        "country_code": loc.country_code,
        "precision": loc.precision,
        "uncertainty_km": _round(loc.uncertainty_km, 2),
        "location_method": loc.method,
        "anchor_name": loc.anchor.name if loc.anchor else None,
        "anchor_distance_km": _round(loc.anchor.distance_km, 2) if loc.anchor else None,
        "anchor_bearing_deg": _round(loc.anchor.bearing_deg, 1) if loc.anchor else None,
        "nearest_border_country": nearest.country_code if nearest else None,
        "nearest_border_km": _round(nearest.distance_km, 2) if nearest else None,
        "borders": LIST_SEPARATOR.join(f"{b.country_code}:{b.distance_km:.1f}"
                                       for b in event.borders),
        "evidence": event.evidence,
        "source_url": event.source_url,
        "title": event.title,
        "incident_id": event.incident_id,
        "incident_sources": event.incident_sources,
        "language": event.language,
    })
    return row


def event_csv_row(event: Event) -> dict[str, Any]:
    """:func:`event_table_row` with empty cells for unknown values."""
    return {k: "" if v is None else v for k, v in event_table_row(event).items()}


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
"""Read once at import (single-threaded then); ``os.umask`` is process-wide, not thread-safe."""


def _umask() -> int:
    return _UMASK


_PROC = Path("/proc")
_MAX_LINKS = 40
"""As the kernel's limit on symbolic links followed in one path (ELOOP)."""


def _names_an_open_file(path: str) -> bool:
    """True for a name that reaches a file through ``/proc`` (``/dev/stdout``, ``/dev/fd/N``,
    ``/proc/self/fd/N``): an open file of this process, written in place and never replaced
    (replacing the file a shell redirection opened would drop ``>>``'s earlier content)."""
    p = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        parent = os.path.realpath(os.path.dirname(p))
        if Path(parent).is_relative_to(_PROC):
            return True
        p = os.path.join(parent, os.path.basename(p))
        if not os.path.islink(p):
            return False
        p = os.path.join(parent, os.readlink(p))  # an absolute link replaces the parent
    return False


class AtomicWriter:
    """A text (or, with ``binary=True``, bytes) output file, complete or absent.

    What ``path`` names decides how it is written:

    * a regular file, or nothing yet: a temporary sibling, renamed into place on ``close()``
      (a reader sees the old file or the complete new one, never a partial one);
    * a symbolic link: written through, as a shell redirection would: its final target is
      replaced atomically as above and the link is kept;
    * a FIFO or a character device (``/dev/null``, a pipe someone reads), or an open file named
      through ``/proc`` (``/dev/stdout``, ``/dev/fd/N``): streamed into in place, never
      replaced by a regular file (as root that would replace ``/dev/null`` for the whole
      system); ``abort()`` cannot take back what was written;
    * ``-``: stdout, in place;
    * a folder or anything else (block device, socket): :class:`OutputError`, nothing written.

    Missing parent folders are created unless ``make_parents`` is false.
    """

    def __init__(self, path: str | Path, *, newline: str | None = None, binary: bool = False,
                 make_parents: bool = True):
        self.path = str(path)
        self._tmp: str | None = None
        self._in_place = self.path == "-"
        self._target = ""
        if self._in_place:
            self.fh: IO[Any] = sys.stdout.buffer if binary else sys.stdout
            return
        try:
            # the final target of a chain of links (created if dangling, as `>` would)
            target = Path(os.path.realpath(self.path))
            try:
                mode: int | None = os.stat(self.path).st_mode
            except FileNotFoundError:
                mode = None
            if mode is not None and stat.S_ISDIR(mode):
                raise OutputError(f"cannot write {self.path}: it is a folder; give a file name")
            if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)
                                     or _names_an_open_file(self.path)):
                self.fh = self._open_in_place(newline=newline, binary=binary)
                self._in_place = True
                return
            if mode is not None and not stat.S_ISREG(mode):
                raise OutputError(f"cannot write {self.path}: not a regular file, FIFO or "
                                  "character device")
            if make_parents:
                target.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=target.parent)
            self._target = str(target)
            os.chmod(self._tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are shared files
            if binary:
                self.fh = open(fd, "wb")  # noqa: SIM115
            else:
                self.fh = open(fd, "w", encoding="utf-8", newline=newline)  # noqa: SIM115
        except OutputError:
            raise
        except OSError as exc:
            if self._tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self._tmp)
                self._tmp = None
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def _open_in_place(self, *, newline: str | None, binary: bool) -> IO[Any]:
        """Open a FIFO, a character device or a file named through ``/proc`` (``/dev/stdout``,
        ``/dev/fd/N``) for writing as it is: no O_CREAT, no O_TRUNC (a name swapped for a
        regular file meanwhile is neither created nor truncated); O_APPEND so a file behind
        ``/dev/stdout`` is added to where its shell redirection left it."""
        fd = os.open(self.path, os.O_WRONLY | os.O_NOCTTY | os.O_APPEND)  # a FIFO waits here
        mode = os.fstat(fd).st_mode                                       # for its reader
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or _names_an_open_file(self.path)):
            os.close(fd)
            raise OutputError(f"cannot write {self.path}: it changed while being opened")
        if binary:
            return open(fd, "wb")  # noqa: SIM115
        return open(fd, "w", encoding="utf-8", newline=newline)  # noqa: SIM115

    @property
    def in_place(self) -> bool:
        """True when writes go straight to the target (stdout, a FIFO, a device): nothing to
        commit, and nothing written can be taken back."""
        return self._in_place

    @property
    def temp_path(self) -> str | None:
        """The temporary file renamed into place on commit (None when written in place), for
        writers that must open the file themselves (GDAL writing a GeoPackage)."""
        return self._tmp

    def write(self, s: str | bytes) -> None:
        try:
            self.fh.write(s)
        except BrokenPipeError:
            if self.path == "-":
                raise  # the reader went away (`| head`): not an error, the CLI exits quietly
            self.abort()
            raise OutputError(f"cannot write {self.path}: broken pipe") from None
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def close(self) -> None:
        """Flush, fsync and rename into place."""
        self.finish()
        self.commit()

    def finish(self) -> None:
        """Flush and fsync the temporary file (a full disk shows here), without renaming."""
        if self.fh.closed:
            return
        try:
            self.fh.flush()
            if self._tmp is not None:
                os.fsync(self.fh.fileno())
                self.fh.close()
        except BrokenPipeError:
            if self.path == "-":
                raise
            self.abort()
            raise OutputError(f"cannot write {self.path}: broken pipe") from None
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def check(self) -> None:
        """Raise :class:`OutputError` (dropping the temporary file) if the finished file could
        no longer be renamed into place: its name became a folder, a FIFO, ... meanwhile.
        Lets a group of files be checked before any of them is committed."""
        if self._tmp is None:
            return
        try:
            mode = os.lstat(self._target).st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        if not stat.S_ISREG(mode):
            self.abort()
            what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise OutputError(f"cannot write {self.path}: it is now {what}")

    def commit(self) -> None:
        """Rename the finished temporary file into place (see :meth:`finish`); an in-place
        target (not stdout) is closed."""
        if self._tmp is None:
            if self._in_place and self.path != "-" and not self.fh.closed:
                try:
                    self.fh.close()
                except BrokenPipeError:
                    raise OutputError(f"cannot write {self.path}: broken pipe") from None
                except OSError as exc:
                    raise OutputError(f"cannot write {self.path}: "
                                      f"{exc.strerror or exc}") from None
            return
        try:
            os.replace(self._tmp, self._target)
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._tmp = None

    def abort(self) -> None:
        """Drop the temporary file; the target is left as it was. An in-place target is only
        closed (what was streamed into it is gone already)."""
        if self._tmp is None:
            if self._in_place and self.path != "-":
                try:
                    self.fh.close()
                except OSError:
                    pass
            return
        try:
            self.fh.close()
        except OSError:
            pass
        try:
            os.unlink(self._tmp)
        except OSError:
            pass
        self._tmp = None

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


class _StreamWriter:
    """Shared life cycle of the streaming writers: ``finish()`` writes and fsyncs the temporary
    file, ``check()`` makes sure it can still be renamed into place, ``commit()`` renames it,
    ``close()`` does all, ``abort()`` drops it."""

    _w: AtomicWriter
    _n: int

    def _finish(self) -> None:
        """Hook for a closing bracket before the flush."""

    def finish(self) -> None:
        self._finish()
        self._w.finish()

    def check(self) -> None:
        self._w.check()

    @property
    def in_place(self) -> bool:
        return self._w.in_place

    def commit(self) -> int:
        self._w.commit()
        return self._n

    def close(self) -> int:
        self.finish()
        return self.commit()

    def abort(self) -> None:
        self._w.abort()


class FeatureCollectionWriter(_StreamWriter):
    """Streams a GeoJSON FeatureCollection (RFC 7946: WGS 84 lon/lat, no ``crs``)."""

    def __init__(self, path: str | Path):
        self._w = AtomicWriter(path)
        self._w.write('{"type": "FeatureCollection", "features": [\n')
        self._n = 0
        self._finished = False

    def add(self, feature: dict[str, Any]) -> None:
        self._w.write((",\n" if self._n else "") + json.dumps(feature, ensure_ascii=False))
        self._n += 1

    def add_raw(self, features: list[str]) -> None:
        """Append features already encoded as JSON text (by a worker process)."""
        for f in features:  # one at a time: no second copy of a big article's features
            self._w.write((",\n" if self._n else "") + f)
            self._n += 1

    def _finish(self) -> None:
        """The closing brackets, once."""
        if not self._finished:
            self._w.write("\n]}\n")
            self._finished = True


class JsonLinesWriter(_StreamWriter):
    """One JSON object per line (GeoJSON text sequence style when given features)."""

    def __init__(self, path: str | Path):
        self._w = AtomicWriter(path)
        self._n = 0

    def add(self, obj: dict[str, Any]) -> None:
        self._w.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self._n += 1

    def add_raw(self, lines: list[str]) -> None:
        """Append objects already encoded as JSON text, one per item, without newlines."""
        if lines:
            self._w.write("".join(line + "\n" for line in lines))
            self._n += len(lines)



class CsvWriter(_StreamWriter):
    """Events as CSV with ACLED-style column names (see :data:`CSV_COLUMNS`)."""

    def __init__(self, path: str | Path):
        self._w = AtomicWriter(path, newline="")
        self._csv = csv.DictWriter(self._w.fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        self._csv.writeheader()
        self._n = 0

    def add(self, event: Event) -> None:
        try:
            self._csv.writerow({k: csv_safe(v) for k, v in event_csv_row(event).items()})
        except OSError as exc:
            self._w.abort()
            raise OutputError(f"cannot write {self._w.path}: {exc.strerror or exc}") from None
        self._n += 1

    def add_raw(self, rows: str, n: int) -> None:
        """Append ``n`` rows already encoded as CSV text (see :func:`csv_rows`)."""
        self._w.write(rows)
        self._n += n



def csv_rows(events: Iterable[Event]) -> str:
    """Events as CSV rows (no header), exactly as :class:`CsvWriter` writes them."""
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    for e in events:
        w.writerow({k: csv_safe(v) for k, v in event_csv_row(e).items()})
    return buf.getvalue()


def encode_outputs(result) -> dict[str, Any]:
    """One article's output text for :class:`RunOutputs`, made where the result is made.

    Module-level so worker processes can run it (``iter_results(prepare=...)``): the parent
    then only appends text, instead of spending its share of the cores on encoding.
    """
    return {
        "events_geojson": [json.dumps(event_feature(e), ensure_ascii=False) for e in result.events],
        "events_jsonl": [json.dumps(event_record(e), ensure_ascii=False) for e in result.events],
        "events_csv": csv_rows(result.events),
        "places": [json.dumps(toponym_feature(result.article.id, t, result.language),
                              ensure_ascii=False)
                   for t in result.toponyms],
    }


def event_record(event: Event) -> dict[str, Any]:
    """An event as a flat JSON object (JSON Lines export): properties plus lat/lon."""
    props = event_properties(event)
    props["lat"] = _round(event.location.lat)
    props["lon"] = _round(event.location.lon)
    return props


def write_events(events: Iterable[Event], path: str | Path, fmt: str | None = None, *,
                 only_if: Callable[[], bool] | None = None) -> int | None:
    """Write events in one format (``geojson``, ``csv``, ``jsonl``, ``parquet``, ``gpkg``;
    None: from ``path``'s extension, see :func:`geomap.formats.format_for`); returns the count.

    ``only_if`` is asked once the events have run out: when it says no (say, no article was
    read), a file is left as it was and None is returned; a stream (stdout, a FIFO) is
    finished as usual, since what went into it cannot be taken back.
    """
    from geomap.formats import format_for, write_gpkg, write_parquet

    fmt = format_for(str(path), fmt)
    if fmt == "gpkg":
        events = list(events)
        if only_if is not None and not only_if():
            return None
        return write_gpkg(events, str(path))
    if fmt == "parquet":
        w: Any = AtomicWriter(path, binary=True)
        try:
            n = write_parquet(events, w)
        except BaseException:
            w.abort()
            raise
        if only_if is not None and not w.in_place and not only_if():
            w.abort()
            return None
        w.close()
        return n
    if fmt == "geojson":
        w = FeatureCollectionWriter(path)
        add = lambda e: w.add(event_feature(e))  # noqa: E731
    elif fmt == "csv":
        w = CsvWriter(path)
        add = w.add
    else:
        w = JsonLinesWriter(path)
        add = lambda e: w.add(event_record(e))  # noqa: E731
    try:
        for e in events:
            add(e)
    except BaseException:
        w.abort()
        raise
    if only_if is not None and not w.in_place and not only_if():
        w.abort()
        return None
    return w.close()


__all__ = [
    "AtomicWriter", "CSV_COLUMNS", "CsvWriter", "TABLE_COLUMNS", "event_table_row", "FeatureCollectionWriter", "JsonLinesWriter",
    "event_csv_row", "event_feature", "event_properties", "event_record", "toponym_feature",
    "write_events",
]


class RunOutputs:
    """The files ``geomap run`` writes into one folder, all streamed and renamed into place together.

    ``events.geojson``, ``events.csv``, ``events.jsonl`` and ``places.geojson`` are written as
    results arrive; events are also kept (small) for the map, which is drawn on ``close()``.
    """

    EVENTS_GEOJSON = "events.geojson"
    EVENTS_CSV = "events.csv"
    EVENTS_JSONL = "events.jsonl"
    PLACES_GEOJSON = "places.geojson"
    MAP_HTML = "map.html"

    INCIDENTS_GEOJSON = "incidents.geojson"
    INCIDENTS_CSV = "incidents.csv"

    def __init__(self, out_dir: str | Path, *, with_map: bool = True,
                 keep_for_map: int = MAP_EVENTS_MAX,
                 incidents: bool = False, store: str | Path | None = None):
        self.dir = Path(out_dir)
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create output folder {self.dir}: "
                              f"{exc.strerror or exc}") from None
        if not os.access(self.dir, os.W_OK):
            raise OutputError(f"output folder {self.dir} is not writable")
        self.with_map = with_map
        self._keep = keep_for_map
        self._writers: list[Any] = []
        try:
            self.events_geojson = self._open(FeatureCollectionWriter, self.EVENTS_GEOJSON)
            self.events_csv = self._open(CsvWriter, self.EVENTS_CSV)
            self.events_jsonl = self._open(JsonLinesWriter, self.EVENTS_JSONL)
            self.places = self._open(FeatureCollectionWriter, self.PLACES_GEOJSON)
        except BaseException:
            self.abort()
            raise
        self.map_events: list[Event] = []
        self.map_toponyms: list[Toponym] = []
        self.n_articles = self.n_events = self.n_places = 0
        self.merger: Any = None
        self.n_incidents = 0
        self.store = store
        self.store_summary: Any = None
        self._articles: list[tuple[str, str, tuple[Event, ...]]] = []
        if incidents or store:  # events are merged on close(), so they are kept until then
            from geomap.merge.incidents import Merger

            self.merger = Merger()

    def _open(self, cls: type, name: str) -> Any:
        w = cls(self.dir / name)
        self._writers.append(w)
        return w

    def add(self, result, keys: Any = None) -> None:
        """Write one article's events and places (``keys``: their merge keys, when made
        elsewhere; see :meth:`geomap.merge.incidents.Merger.add`)."""
        self.n_articles += 1
        if self.n_articles == 1:
            self._first_title = result.article.title
        prepared = result.extra.get("prepared") if result.extra else None
        text = prepared.get("outputs") if isinstance(prepared, dict) else None
        if text is None:
            text = encode_outputs(result)
        if self.merger is not None:
            self.merger.add(result.events, result.article.text, keys)
            if self.store is not None:
                from geomap.merge.store import content_hash

                a = result.article
                self._articles.append((a.id, content_hash(a.text, a.title), result.events))
        else:
            self.events_geojson.add_raw(text["events_geojson"])
            self.events_csv.add_raw(text["events_csv"], len(result.events))
            self.events_jsonl.add_raw(text["events_jsonl"])
        self.places.add_raw(text["places"])
        self.n_events += len(result.events)
        self.n_places += len(result.toponyms)
        if self.with_map:  # merged events are kept for the map on close(); mentions now
            if self.merger is None:
                room = self._keep - len(self.map_events)
                self.map_events.extend(result.events[:max(0, room)])
            for t in result.toponyms:
                if t.place is not None and len(self.map_toponyms) < self._keep:
                    self.map_toponyms.append(t)

    def map_title(self) -> str:
        """The map's title: the article's own title for one article, else a count."""
        if self.n_articles == 1 and getattr(self, "_first_title", None):
            return f"geomap: {self._first_title}"
        title = f"geomap: {self.n_articles:,} articles, {self.n_events:,} events"
        if self.with_map and self.n_events > self._keep:  # say so on the map, never silently
            title += f" (the map shows the first {self._keep:,})"
        return title

    @property
    def map_limit(self) -> int:
        """How many events (and, apart, resolved places) the map keeps; the files have all."""
        return self._keep

    def set_first_title(self, title: str | None) -> None:
        """Note the first article's title for :meth:`map_title`: :meth:`add` does it; a merge of
        ready-made partition files (:mod:`geomap.cluster.merge`), which skips :meth:`add`, calls this."""
        self._first_title = title

    def close(self, *, title: str | None = None) -> list[Path]:
        """Finish every file and draw the map; returns the paths written.

        Three phases, so a full disk, a failing map or an output that can no longer be
        replaced leaves every previous output as it was: every temporary file is written out
        and fsynced (the map drawn into its own); then every target is checked; only then are
        they renamed into place in one tight loop, which needs no space, data files first and
        the map last (a crash within the loop leaves an old map beside new data, never a new
        map beside old data).
        """
        names = [self.EVENTS_GEOJSON, self.EVENTS_CSV, self.EVENTS_JSONL, self.PLACES_GEOJSON]
        files: list[Any] = list(self._writers)
        try:
            if self.merger is not None:
                self._write_merged(files, names)
            for w in self._writers:
                w.finish()
            if self.with_map:
                from geomap.render import render_map

                html = render_map(self.map_events, self.map_toponyms,
                                  title=title or self.map_title())
                page = AtomicWriter(self.dir / self.MAP_HTML)
                self._writers.append(page)
                page.write(html)
                page.finish()
                files.append(page)
                names.append(self.MAP_HTML)
            for w in files:
                w.check()
        except BaseException:
            self.abort()
            raise
        written = []
        try:
            for w, name in zip(files, names, strict=True):
                w.commit()
                written.append(self.dir / name)
        except BaseException:
            self.abort()
            raise
        self._writers = []
        return written

    def _write_merged(self, files: list[Any], names: list[str]) -> None:
        """Events with their incident ids, and the incidents (incidents.geojson, .csv)."""
        from geomap.merge.incidents import (
            build_incidents,
            incident_csv_header,
            incident_csv_rows,
            incident_feature,
        )

        if self.store is not None:  # the store's incidents: today's reports join yesterday's
            from geomap.merge.store import append

            self.store_summary, stored = append(self.store, self._articles,
                                                self.merger.index.keys)
            by_id = {e.event_id: e for e in stored}
            events = [by_id.get(e.event_id, e) for e in self.merger.merged()]
        else:
            events = self.merger.merged()
        for e in events:
            self.events_geojson.add(event_feature(e))
            self.events_csv.add(e)
            self.events_jsonl.add(event_record(e))
        if self.with_map:
            self.map_events = events[:self._keep]
        if self.store is not None:  # the run's incidents with every stored report of them
            from geomap.merge.store import incident_events

            incidents = build_incidents(incident_events(
                self.store, (e.incident_id for e in events if e.incident_id)))
        else:
            incidents = build_incidents(events)
        self.n_incidents = len(incidents)
        geo = self._open(FeatureCollectionWriter, self.INCIDENTS_GEOJSON)
        for inc in incidents:
            geo.add(incident_feature(inc))
        table = AtomicWriter(self.dir / self.INCIDENTS_CSV, newline="")
        self._writers.append(table)
        table.write(incident_csv_header() + incident_csv_rows(incidents))
        files += [geo, table]
        names += [self.INCIDENTS_GEOJSON, self.INCIDENTS_CSV]

    def abort(self) -> None:
        """Remove every temporary file; existing outputs stay as they were."""
        for w in self._writers:
            w.abort()
        self._writers = []
