"""The one table every tabular output writes (CSV, DataFrame, GeoPackage, GeoParquet): ACLED's
columns in ACLED's order, then geomap's, with their types; and CSV's formula guard."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from geomap import serialize
from geomap.acled import ACLED_COLUMNS, LIST_SEPARATOR, acled_fields
from geomap.export.view import COORD_DECIMALS, json_round
from geomap.types import Event

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
    GeoPackage, GeoParquet); geomap's columns are read from the event's serialised form
    (:func:`geomap.serialize.to_data`)."""
    d = serialize.to_data(event)
    loc = d["location"]
    anchor = loc["anchor"] or {}
    nearest = d["borders"][0] if d["borders"] else {}
    row = acled_fields(event, published=event.published, coord_decimals=COORD_DECIMALS)
    row.update({
        "article_id": d["article_id"],
        "main": d["main"],
        "confidence": d["confidence"],
        "date_precision": d["date_precision"],
        "time": d["time"],
        "fatalities_reported": d["fatalities"],
        "injured": d["injured"],
        "detained": d["detained"],
        "actors": LIST_SEPARATOR.join(d["actors"]),
        "country_code": loc["country_code"],
        "precision": loc["precision"],
        "uncertainty_km": json_round(loc["uncertainty_km"], 2),
        "location_method": loc["method"],
        "anchor_name": anchor.get("name"),
        "anchor_distance_km": json_round(anchor.get("distance_km"), 2),
        "anchor_bearing_deg": json_round(anchor.get("bearing_deg"), 1),
        "nearest_border_country": nearest.get("country_code"),
        "nearest_border_km": json_round(nearest.get("distance_km"), 2),
        "borders": LIST_SEPARATOR.join(f"{b['country_code']}:{b['distance_km']:.1f}"
                                       for b in d["borders"]),
        **{k: d[k] for k in ("evidence", "source_url", "title", "incident_id",
                             "incident_sources", "language")},
    })
    return row


def event_csv_row(event: Event) -> dict[str, Any]:
    """:func:`event_table_row` with empty cells for unknown values."""
    return {k: "" if v is None else v for k, v in event_table_row(event).items()}


def csv_rows(events: Iterable[Event]) -> str:
    """Events as CSV rows (no header), exactly as :class:`CsvWriter` writes them."""
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    for e in events:
        w.writerow({k: csv_safe(v) for k, v in event_csv_row(e).items()})
    return buf.getvalue()
