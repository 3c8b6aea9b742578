"""The files ``geomap run`` writes into one folder (:class:`RunOutputs`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from geomap.errors import OutputError
from geomap.export.atomic import AtomicWriter
from geomap.export.view import event_feature, event_record
from geomap.export.writers import (
    CsvWriter,
    FeatureCollectionWriter,
    JsonLinesWriter,
    encode_outputs,
)
from geomap.types import ArticleResult, Event, Toponym

MAP_EVENTS_MAX = 100_000
"""Events (and place mentions) a run's map draws: the page is measured ready in about 4-7 s at
100,000 events on two shared cores (``benchmarks/bench_map.py``); past that the file and the
browser's memory grow with little to show. The exports keep every event."""


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
        self.map_limit = keep_for_map
        """Events (and resolved mentions) kept for the map, at most."""
        self.first_title: str | None = None
        """The first article's title (the map's title when it is the only article)."""
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

    def add(self, result: ArticleResult, keys: Any = None) -> None:
        """Write one article's events and places (``keys``: their merge keys, when made
        elsewhere; see :meth:`geomap.merge.incidents.Merger.add`)."""
        self.n_articles += 1
        if self.n_articles == 1:
            self.set_first_title(result.article.title)
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
        self.keep_for_map(result.events, result.toponyms)

    @property
    def map_full(self) -> bool:
        """Nothing more would be drawn: no map, or as many events and mentions as it takes."""
        return not self.with_map or (len(self.map_events) >= self.map_limit
                                     and len(self.map_toponyms) >= self.map_limit)

    def keep_for_map(self, events: Sequence[Event], toponyms: Iterable[Toponym]) -> None:
        """Keep an article's events and resolved mentions for the map, up to
        :attr:`map_limit` each (merged events are kept on ``close()`` instead)."""
        if not self.with_map:
            return
        if self.merger is None:
            room = self.map_limit - len(self.map_events)
            self.map_events.extend(events[:max(0, room)])
        room = self.map_limit - len(self.map_toponyms)
        if room > 0:
            self.map_toponyms.extend(islice((t for t in toponyms if t.place is not None), room))

    def set_first_title(self, title: str | None) -> None:
        """Note the first article's title for :meth:`map_title`: :meth:`add` does it; a merge
        of ready-made partition files, which skips :meth:`add`, calls this."""
        self.first_title = title

    def map_title(self) -> str:
        """The map's title: the article's own title for one article, else a count."""
        if self.n_articles == 1 and self.first_title:
            return f"geomap: {self.first_title}"
        title = f"geomap: {self.n_articles:,} articles, {self.n_events:,} events"
        if self.with_map and self.n_events > self.map_limit:  # say so on the map, never silently
            title += f" (the map shows the first {self.map_limit:,})"
        return title

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
            self.map_events = events[:self.map_limit]
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
