"""The worker side of a Dask run (:mod:`geomap.distributed`): one task per partition.

Each task writes its partition into ``partitions_dir`` under a name fixed by the partition
index, every file through a temporary file and a rename, so a task retried after a worker
died overwrites instead of duplicating (the file list is in :mod:`geomap.distributed`). Workers
encode with the same export functions as a one-process run, so merging is copying text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from geomap.cluster.plan import LineLog, PartitionSpec, part_name, read_partition
from geomap.export import CsvWriter, JsonLinesWriter, event_feature, event_record, toponym_feature

Settings = tuple[str | None, str, bool]
"""(gazetteer path, recognizer name, with events): the key of :func:`geomap.pipeline.get_pipeline`."""


class GeomapWorkerPlugin(WorkerPlugin):
    """Builds the pipeline once per worker process (gazetteer opened read-only, recognizer)."""

    name = "geomap-pipeline"

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker: Any) -> None:
        from geomap.pipeline import get_pipeline

        get_pipeline(*self.settings).recognizer  # noqa: B018 -- build it now, not per task


def process_partition(spec: PartitionSpec, partitions_dir: str, settings: Settings
                      ) -> dict[str, Any]:
    """The Dask task: run one partition and write its files; returns the manifest."""
    from geomap.batch import describe_error, is_fatal
    from geomap.distributed import result_record  # (not above: geomap.distributed imports us)
    from geomap.pipeline import get_pipeline

    pipeline = get_pipeline(*settings)
    out = Path(partitions_dir)
    out.mkdir(parents=True, exist_ok=True)
    name = part_name(spec.index)
    problems: list[str] = []
    errors: list[dict[str, str | None]] = []
    ids: list[str] = []
    claims: list[list[Any]] = []  # [id, source_path, line, processed] of each article read
    log = LineLog()
    n_events = n_places = 0
    writers = [JsonLinesWriter(out / f"{name}.events.geojsonl"),
               JsonLinesWriter(out / f"{name}.places.geojsonl"),
               JsonLinesWriter(out / f"{name}.results.jsonl"),
               JsonLinesWriter(out / f"{name}.events.jsonl"),
               CsvWriter(out / f"{name}.events.csv")]
    events_w, places_w, results_w, records_w, csv_w = writers
    try:
        for article in read_partition(spec, lambda p: problems.append(str(p)), log):
            claims.append([article.id, article.source_path, log.line, True])
            try:
                result = pipeline.process(article)
            except Exception as exc:  # one bad article never costs the others
                if is_fatal(exc):  # ... but the set-up failing costs them all: stop the run
                    raise
                claims[-1][3] = False
                errors.append({"article_id": article.id, "source_path": article.source_path,
                               "error": describe_error(exc)})
                continue
            ids.append(article.id)
            for e in result.events:
                events_w.add(event_feature(e))
                records_w.add(event_record(e))
                csv_w.add(e)
                n_events += 1
            for t in result.toponyms:
                places_w.add(toponym_feature(article.id, t, result.language))
                n_places += 1
            results_w.add(result_record(result))
        for w in writers:
            w.close()
    except BaseException:
        for w in writers:
            w.abort()
        raise
    manifest = {"index": spec.index, "input": spec.describe(), "n_articles": len(ids),
                "n_events": n_events, "n_places": n_places, "article_ids": ids,
                "claims": claims, "problems": problems, "errors": errors}
    mw = JsonLinesWriter(out / f"{name}.json")  # the manifest is written last: "done"
    mw.add(manifest)
    mw.close()
    return manifest
