"""Streaming writers (GeoJSON FeatureCollection, JSON Lines, CSV), each complete or absent
(:class:`~geomap.export.atomic.AtomicWriter`), :func:`write_events` for one format, and
:func:`encode_outputs`, one article's output text made where the result is made."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from geomap.errors import OutputError
from geomap.export.atomic import AtomicWriter
from geomap.export.table import CSV_COLUMNS, csv_rows, csv_safe, event_csv_row
from geomap.export.view import event_feature, event_record, toponym_feature
from geomap.types import ArticleResult, Event


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



def encode_outputs(result: ArticleResult) -> dict[str, Any]:
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
