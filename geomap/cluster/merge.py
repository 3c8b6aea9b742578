"""The client's merge of finished partitions into the run's outputs (:mod:`geomap.distributed`).

Partitions are merged in partition order into the normal ``geomap run`` outputs
(:class:`geomap.export.RunOutputs`). The worker wrote every output line as a one-process run
writes it, so merging is copying text and the merged files are byte-identical to a one-process
run's. Article ids are made unique here, in input order, exactly as a local run makes them
while reading (a repeated id becomes ``X-2``, with the same warning), so event ids match a
local run's too; the partition files keep the ids as read.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.cluster.plan import part_name
from geomap.ingest import UniqueIds, safe_id
from geomap.merge.keys import MergeKey
from geomap.types import ArticleResult

if TYPE_CHECKING:
    from geomap.export import RunOutputs

def unique_ids(manifest: dict[str, Any], ids: UniqueIds) -> dict[str, Any]:
    """The partition's manifest with its article ids made unique over the run: ``ids`` has
    claimed every earlier partition's, so (partitions taken in input order) each article gets
    the id a local run gives it (:class:`geomap.ingest.UniqueIds`, warning included), also a
    failed one (its error names that id). ``article_ids`` are the new ids of the processed
    articles; ``renamed`` says whether any differs from what the worker wrote."""
    if "claims" not in manifest:  # (not written by this version: nothing to rename)
        return manifest
    new_ids, errors = [], iter(manifest["errors"])
    fixed_errors = []
    for article_id, source_path, line, processed in manifest.get("claims", ()):
        new = ids.claim_id(article_id, source_path, line)
        if processed:
            new_ids.append(new)
        else:
            fixed_errors.append({**next(errors), "article_id": new})
    fixed_errors.extend(errors)  # (none: every failed article was claimed)
    return {**manifest, "article_ids": new_ids, "errors": fixed_errors,
            "renamed": new_ids != manifest["article_ids"]}


def _renamed(result: ArticleResult, new_id: str) -> ArticleResult:
    """``result`` as if its article had had ``new_id``: event ids are ``SAFE-ID-N``
    (:func:`geomap.events.extract.extract_events`)."""
    prefix = safe_id(new_id)
    events = tuple(dataclasses.replace(e, article_id=new_id,
                                       event_id=f"{prefix}-{e.event_id.rsplit('-', 1)[1]}")
                   for e in result.events)
    return dataclasses.replace(result, article=dataclasses.replace(result.article, id=new_id),
                               events=events)


def merge_partition(partitions_dir: str | Path, index: int, outputs: RunOutputs,
                    manifest: dict[str, Any] | None = None) -> int:
    """Append partition ``index`` to ``outputs``; returns its number of articles.

    The worker already wrote every output line exactly as :class:`RunOutputs` would (the same
    export functions), so they are copied as text; only what the map keeps is decoded. A
    one-process run and a merged cluster run give byte-identical files (tested). When
    ``manifest`` (from :func:`unique_ids`) renames an article, the partition's results are
    decoded, renamed and encoded again instead (rare: repeated ids); so they are when
    ``outputs`` merges incidents, which happens after gathering, from the lossless results.
    """
    base = Path(partitions_dir) / part_name(index)
    if manifest is not None and manifest.get("renamed"):
        return _merge_decoded(base, manifest["article_ids"], outputs)
    if outputs.merger is not None:
        ids = json.loads(Path(f"{base}.json").read_text(encoding="utf-8"))["article_ids"]
        return _merge_decoded(base, ids, outputs)
    return _merge_copied(base, outputs)


def _merge_decoded(base: Path, article_ids: list[str], outputs: RunOutputs) -> int:
    """Add each result of the partition at ``base`` to ``outputs``, under ``article_ids``."""
    from geomap.distributed import result_from_record  # (not above: it imports this module)

    with open(f"{base}.results.jsonl", encoding="utf-8", newline="\n") as fh:
        for line, new_id in zip(fh, article_ids, strict=True):
            rec = json.loads(line)
            result = result_from_record(rec)
            result = result if result.article.id == new_id else _renamed(result, new_id)
            if outputs.merger is not None and "merge_keys" in rec:
                outputs.add(result, keys=[MergeKey.from_record(k) for k in rec["merge_keys"]])
            else:
                outputs.add(result)
    return len(article_ids)


def _merge_copied(base: Path, outputs: RunOutputs) -> int:
    """Copy the partition's output lines at ``base`` into ``outputs`` as text."""
    manifest = json.loads(Path(f"{base}.json").read_text(encoding="utf-8"))
    if outputs.n_articles == 0 and manifest["n_articles"]:  # as RunOutputs.add does (map title)
        with open(f"{base}.results.jsonl", encoding="utf-8") as fh:
            outputs.set_first_title(json.loads(fh.readline())["article"].get("title"))
    outputs.events_geojson.add_raw(_lines(f"{base}.events.geojsonl"))
    outputs.places.add_raw(_lines(f"{base}.places.geojsonl"))
    outputs.events_jsonl.add_raw(_lines(f"{base}.events.jsonl"))
    with open(f"{base}.events.csv", encoding="utf-8", newline="") as fh:
        fh.readline()  # the header, already written once by the merged CsvWriter
        outputs.events_csv.add_raw(fh.read(), manifest["n_events"])
    outputs.n_articles += manifest["n_articles"]
    outputs.n_events += manifest["n_events"]
    outputs.n_places += manifest["n_places"]
    _keep_for_map(base, outputs)
    return manifest["n_articles"]


def _keep_for_map(base: Path, outputs: RunOutputs) -> None:
    """Decode the partition's results for the map, while it has room (as RunOutputs.add)."""
    if outputs.map_full:
        return
    from geomap.distributed import result_from_record  # (not above: it imports this module)

    with open(f"{base}.results.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = result_from_record(json.loads(line))
            outputs.keep_for_map(r.events, r.toponyms)


def _lines(path: str) -> list[str]:
    """The lines of a small JSON Lines file (split on newline only: JSON escapes it in strings)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [line for line in fh.read().split("\n") if line]
