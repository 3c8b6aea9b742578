"""Export: events and places as GeoJSON (RFC 7946), CSV (ACLED-style columns) and JSON Lines.

Writers stream: features are written as they come, so memory stays flat however many articles
run. File outputs go to a temporary file in the target folder and are renamed into place on
``close()`` (atomic: a reader sees the old file or the complete new one, never a partial one);
``abort()`` removes the temporary file.

One module per responsibility, every public name importable from here:

* :mod:`~geomap.export.view` -- what an event or a mention looks like in the outputs (GeoJSON
  features, properties, JSON Lines records), read from :mod:`geomap.serialize`'s form;
* :mod:`~geomap.export.table` -- the table every tabular output shares (ACLED's columns, then
  geomap's) and CSV rows;
* :mod:`~geomap.export.atomic` -- :class:`AtomicWriter`, complete-or-absent files;
* :mod:`~geomap.export.writers` -- the streaming writers and :func:`write_events`;
* :mod:`~geomap.export.run` -- :class:`RunOutputs`, the folder ``geomap run`` writes;
* GeoParquet and GeoPackage: :mod:`geomap.formats`.
"""

from __future__ import annotations

from geomap.export.atomic import AtomicWriter
from geomap.export.run import MAP_EVENTS_MAX, RunOutputs
from geomap.export.table import (
    CSV_COLUMNS,
    GEOMAP_COLUMNS,
    TABLE_BOOL_COLUMNS,
    TABLE_COLUMNS,
    TABLE_FLOAT_COLUMNS,
    TABLE_INT_COLUMNS,
    column_type,
    csv_rows,
    csv_safe,
    event_csv_row,
    event_table_row,
)
from geomap.export.view import (
    COORD_DECIMALS,
    GEOJSON_ACLED_FIELDS,
    event_feature,
    event_properties,
    event_record,
    json_round,
    point_geometry,
    toponym_feature,
    toponym_properties,
)
from geomap.export.writers import (
    CsvWriter,
    FeatureCollectionWriter,
    JsonLinesWriter,
    encode_outputs,
    write_events,
)

__all__ = [
    "COORD_DECIMALS", "CSV_COLUMNS", "GEOJSON_ACLED_FIELDS", "GEOMAP_COLUMNS", "MAP_EVENTS_MAX",
    "TABLE_BOOL_COLUMNS", "TABLE_COLUMNS", "TABLE_FLOAT_COLUMNS", "TABLE_INT_COLUMNS",
    "AtomicWriter", "CsvWriter", "FeatureCollectionWriter", "JsonLinesWriter", "RunOutputs",
    "column_type", "csv_rows", "csv_safe", "encode_outputs", "event_csv_row", "event_feature",
    "event_properties", "event_record", "event_table_row", "json_round", "point_geometry",
    "toponym_feature", "toponym_properties", "write_events",
]
