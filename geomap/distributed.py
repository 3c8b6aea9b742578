"""Run the pipeline on a Dask distributed cluster, one task per partition of the input.

The client only *plans*: it lists the input files and splits JSON Lines files into partitions
of ``partition_size`` lines (byte offset + first line number, found by one streaming scan), and
groups other files (seed format, plain text) ``partition_size`` to a partition. Workers read
their partition themselves through fsspec, so inputs are paths or URLs the workers can reach (a
shared folder, ``s3://...`` with s3fs installed, ...). Standard input is the exception: the
client reads it and ships the articles.

Each task writes its partition into ``partitions_dir`` under a name fixed by the partition
index, every file through a temporary file and a rename, so a task retried after a worker
died overwrites instead of duplicating::

    part-000012.events.geojsonl   located events, GeoJSON Lines (one Feature per line)
    part-000012.places.geojsonl   every place mention, GeoJSON Lines
    part-000012.events.jsonl      the same events as JSON Lines records
    part-000012.events.csv        the same events as CSV (ACLED-style columns)
    part-000012.results.jsonl     each article's toponyms and events, lossless (for the map)
    part-000012.json              manifest, written last: article ids, counts, problems, errors

The client then merges the partitions, in partition order, into the normal ``geomap run``
outputs (:class:`geomap.export.RunOutputs`). Workers encode with the same export functions as
a one-process run, so merging is copying text, and the merged files are byte-identical to a
one-process run's. Merging starts as soon as the first partitions are done. Article ids are
made unique by the client while merging, in input order, exactly as a local run makes them
while reading (a repeated id becomes ``X-2``, with the same warning), so event ids match a
local run's too; the partition files keep the ids as read. The output and partitions folders
are never read as input, and a run that reads no article leaves the previous outputs alone.

Workers build the pipeline once (gazetteer, recognizer) in a :class:`GeomapWorkerPlugin`,
also on workers that join or restart later.

An article that fails costs only itself (listed in the manifest); an error of the set-up
(``GeomapError.fatal``: gazetteer unreadable on a worker, reference data missing, ...) is
raised by the task as its own class and stops the run, as in a local run.

This client starts no processes of its own: the scheduler and workers belong to the cluster,
which outlives the client (so nothing here is left running if the client is killed).

The parts live in :mod:`geomap.cluster`: ``plan`` (partitions: planning and reading),
``worker`` (the task and the worker plugin), ``merge`` (partitions into the outputs, ids made
unique) and ``client`` (:func:`run_on_cluster`: submit and gather in order). This module keeps
the lossless JSON of results that partitions carry, and every public name importable from here.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from geomap import serialize
from geomap.cluster.client import ClusterRun, check_partitions_dir, run_on_cluster
from geomap.cluster.merge import merge_partition, unique_ids
from geomap.cluster.plan import (
    PARTITION_SIZE,
    LineLog,
    PartitionSpec,
    part_name,
    plan_partitions,
    read_partition,
)
from geomap.cluster.worker import GeomapWorkerPlugin, Settings, process_partition
from geomap.merge.keys import key_of
from geomap.types import Article, ArticleResult, Event, RelativeExpression, Toponym

__all__ = [
    "PARTITION_SIZE", "ClusterRun", "GeomapWorkerPlugin", "LineLog", "PartitionSpec", "Settings",
    "check_partitions_dir", "merge_partition", "part_name", "plan_partitions",
    "process_partition", "read_partition", "result_from_record", "result_record",
    "run_on_cluster", "unique_ids",
]


# --- lossless JSON for results (partition -> merge) -----------------------------------------

def result_record(result: ArticleResult) -> dict[str, Any]:
    """One article's results without its text (the partition's ``results.jsonl`` line)."""
    a = result.article
    return {
        "article": serialize.to_data(dataclasses.replace(a, text="")),
        "toponyms": serialize.to_data(result.toponyms),
        "relatives": serialize.to_data(result.relatives),
        "events": serialize.to_data(result.events),
        "errors": list(result.errors),
        "language": result.language,
        # what cross-article merging needs of the text, which is not kept
        "merge_keys": [key_of(e, a.text).to_record() for e in result.events],
    }


def result_from_record(rec: dict[str, Any]) -> ArticleResult:
    return ArticleResult(
        article=serialize.from_data(rec["article"], Article),
        toponyms=serialize.from_data(rec.get("toponyms", []), tuple[Toponym, ...]),
        relatives=serialize.from_data(rec.get("relatives", []), tuple[RelativeExpression, ...]),
        events=serialize.from_data(rec.get("events", []), tuple[Event, ...]),
        errors=tuple(rec.get("errors", ())),
        language=rec.get("language"),
    )

