"""Binary GIS outputs: GeoParquet (pyarrow) and GeoPackage (pyogrio/GDAL), and the choice of
an output format from a file name's extension (as ogr2ogr and fio choose it).

Both write the table every tabular output shares (:func:`geomap.export.event_table_row`:
ACLED's 31 columns, then geomap's) plus a point geometry in WGS 84 lon/lat; an unusable point
is a null geometry. Both are atomic (:class:`geomap.export.AtomicWriter`): a reader sees the
old file or the complete new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geomap.errors import OutputError
from geomap.types import Event

FORMATS: dict[str, str] = {
    ".geojson": "geojson", ".json": "geojson", ".csv": "csv", ".jsonl": "jsonl",
    ".ndjson": "jsonl", ".geojsonl": "jsonl", ".parquet": "parquet", ".geoparquet": "parquet",
    ".gpkg": "gpkg",
}
"""File extension -> output format."""

FORMAT_NAMES: tuple[str, ...] = ("geojson", "csv", "jsonl", "parquet", "gpkg")

BATCH_ROWS = 10_000
"""Events per Parquet row group: bounded memory however many events stream through."""

GEOPARQUET_VERSION = "1.1.0"
GEOMETRY_COLUMN = "geometry"

GPKG_VERSION = "1.2"
"""GeoPackage 1.2: read by every GDAL since 2.2 (older QGIS, apt's gdal-bin) without warnings."""


def format_for(path: str, fmt: str | None = None) -> str:
    """The output format: ``fmt`` when given, else from ``path``'s extension; a name without
    one (``-``, ``/dev/stdout``, a FIFO) is GeoJSON. An extension geomap cannot write is an
    :class:`OutputError`."""
    if fmt:
        if fmt not in FORMAT_NAMES:
            raise OutputError(f"unknown format {fmt!r} (choose {', '.join(FORMAT_NAMES)})")
        return fmt
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if not suffix:
        return "geojson"  # stdout, /dev/stdout, a FIFO: GeoJSON, as before formats had names
    if suffix in FORMATS:
        return FORMATS[suffix]
    raise OutputError(f"cannot tell the format of {path} (extension {suffix!r}); use one of "
                      f"{', '.join(sorted(FORMATS))} or give -f {'|'.join(FORMAT_NAMES)}")


def _arrow_schema() -> Any:
    import pyarrow as pa

    from geomap.export import TABLE_COLUMNS, column_type

    types = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
    return pa.schema([pa.field(c, types[column_type(c)]) for c in TABLE_COLUMNS]
                     + [pa.field(GEOMETRY_COLUMN, pa.binary())])


def _wkb(event: Event) -> bytes | None:
    import shapely

    from geomap.export import point_geometry

    geom = point_geometry(event.location.lat, event.location.lon)
    if geom is None:
        return None
    return shapely.to_wkb(shapely.geometry.shape(geom))


def _batch(events: list[Event], schema: Any) -> Any:
    import pyarrow as pa

    from geomap.export import event_table_row

    rows = [event_table_row(e) for e in events]
    columns = {c: [r[c] for r in rows] for c in schema.names if c != GEOMETRY_COLUMN}
    columns[GEOMETRY_COLUMN] = [_wkb(e) for e in events]
    return pa.RecordBatch.from_pydict(columns, schema=schema)


def _geo_metadata(bbox: list[float] | None) -> bytes:
    """GeoParquet's ``geo`` metadata: WKB points; no ``crs`` means OGC:CRS84 (lon/lat WGS 84)."""
    column: dict[str, Any] = {"encoding": "WKB", "geometry_types": ["Point"]}
    if bbox is not None:
        column["bbox"] = bbox
    return json.dumps({"version": GEOPARQUET_VERSION, "primary_column": GEOMETRY_COLUMN,
                       "columns": {GEOMETRY_COLUMN: column}}).encode()


def _chunks(events: Iterable[Event]) -> Iterable[list[Event]]:
    chunk: list[Event] = []
    for e in events:
        chunk.append(e)
        if len(chunk) >= BATCH_ROWS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _bbox(bbox: list[float] | None, events: list[Event]) -> list[float] | None:
    """``bbox`` grown to cover the events' written (rounded, wrapped) points."""
    from geomap.export import point_geometry

    for e in events:
        geom = point_geometry(e.location.lat, e.location.lon)
        if geom is None:
            continue
        x, y = geom["coordinates"]
        bbox = [x, y, x, y] if bbox is None else [
            min(bbox[0], x), min(bbox[1], y), max(bbox[2], x), max(bbox[3], y)]
    return bbox


def write_parquet(events: Iterable[Event], writer: Any) -> int:
    """GeoParquet into an open :class:`AtomicWriter` (binary); returns the event count.

    Row groups are written as events stream in; the ``geo`` metadata (with the bounding box)
    goes into the footer, which is written last.
    """
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    n = 0
    bbox: list[float] | None = None
    pw = pq.ParquetWriter(writer.fh, schema, compression="zstd", store_schema=False)
    try:
        for chunk in _chunks(events):
            pw.write_batch(_batch(chunk, schema))
            bbox = _bbox(bbox, chunk)
            n += len(chunk)
        pw.add_key_value_metadata({"geo": _geo_metadata(bbox).decode()})
    finally:
        pw.close()
    return n


def write_gpkg(events: Iterable[Event], path: str) -> int:
    """A GeoPackage (layer ``events``, EPSG:4326) written through GDAL (pyogrio), then renamed
    into place; returns the event count."""
    import pyarrow as pa
    from pyogrio.raw import write_arrow

    from geomap.export import AtomicWriter

    w = AtomicWriter(path, binary=True)
    tmp = w.temp_path
    if tmp is None:
        w.abort()
        raise OutputError(f"cannot write {path}: a GeoPackage is a SQLite file; give a file "
                          "name, not stdout or a pipe")
    schema = _arrow_schema()
    batches = [_batch(chunk, schema) for chunk in _chunks(events)]
    n = sum(b.num_rows for b in batches)
    table = pa.Table.from_batches(batches, schema=schema)
    try:
        w.fh.close()
        os.unlink(tmp)  # GDAL creates the file itself, under the name reserved for it
        with warnings.catch_warnings():  # the temporary name's ".tmp" is not ".gpkg"
            warnings.filterwarnings("ignore", "The filename extension", RuntimeWarning)
            write_arrow(table, tmp, layer="events", driver="GPKG",
                        geometry_name=GEOMETRY_COLUMN, geometry_type="Point", crs="EPSG:4326",
                        dataset_options={"VERSION": GPKG_VERSION})
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        w.abort()
        if isinstance(exc, Exception) and not isinstance(exc, OutputError):
            raise OutputError(f"cannot write {path}: {exc}") from None
        raise
    w.commit()
    return n
