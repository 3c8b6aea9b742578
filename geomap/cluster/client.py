"""The client side of a Dask run (:mod:`geomap.distributed`): plan, submit, gather in order.

This client starts no processes of its own: the scheduler and workers belong to the cluster,
which outlives the client (so nothing here is left running if the client is killed).
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.cluster.merge import merge_partition, unique_ids
from geomap.cluster.plan import PARTITION_SIZE, PartitionSpec, part_name, plan_partitions
from geomap.cluster.worker import GeomapWorkerPlugin, Settings, process_partition
from geomap.errors import ConfigurationError, GeomapError
from geomap.ingest import IngestProblem, UniqueIds

if TYPE_CHECKING:
    from geomap.export import RunOutputs

_PART_RE = re.compile(r"^part-(\d{6,})\.")
"""A partition file's name (its index in the group)."""


@dataclass
class ClusterRun:
    """What a cluster run did, for the CLI's summary and exit code."""

    n_partitions: int = 0
    n_articles: int = 0
    failed_partitions: list[str] = field(default_factory=list)
    merged: list[Path] = field(default_factory=list)


def run_on_cluster(inputs: Iterable[str], *, scheduler: str | Any, partitions_dir: str | Path,
                   outputs: RunOutputs | None = None, gazetteer_path: str | None = None,
                   recognizer: str = "gazetteer", with_events: bool = True,
                   partition_size: int = PARTITION_SIZE,
                   on_problem: Callable[[IngestProblem], None] = lambda p: None,
                   on_error: Callable[[str, str | None, str], None] = lambda *a: None,
                   on_partition: Callable[[dict[str, Any]], None] | None = None,
                   max_in_flight: int | None = None,
                   exclude: Iterable[str | Path] = ()) -> ClusterRun:
    """Run ``inputs`` on the Dask cluster at ``scheduler`` (address or ``distributed.Client``).

    Partition files go to ``partitions_dir`` (a folder the workers and this client share);
    when ``outputs`` is given, partitions are merged into it in input order as they finish.
    ``on_error(article_id, source_path, "Type: message")`` gets each failed article;
    ``on_partition(manifest)`` each finished partition (progress). A fatal error
    (``GeomapError.fatal``) raised by a task stops the run and is raised here as itself.

    As in a local run, article ids are made unique over the run (a repeated id gets ``-2``, a
    warning goes to ``on_problem``), in input order, so events get the ids a local run gives
    them; problems and failed articles are reported in input order too. The partitions folder
    and the folder of ``outputs`` (and ``exclude``) are never read as input.
    """
    from distributed import Client

    settings: Settings = (_shared_gazetteer(gazetteer_path), recognizer, with_events)
    parts_dir = Path(partitions_dir).resolve()
    parts_dir.mkdir(parents=True, exist_ok=True)
    own_client = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, timeout="15s") if own_client else scheduler
    except OSError as exc:
        raise ConfigurationError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        client.register_plugin(GeomapWorkerPlugin(settings))  # raises a worker's set-up error
        if max_in_flight is None:
            n_threads = sum(client.nthreads().values()) or 1
            max_in_flight = max(4, 3 * n_threads)
        own = [parts_dir, *exclude, *([outputs.dir] if outputs is not None else [])]
        specs = plan_partitions(inputs, on_problem=on_problem, partition_size=partition_size,
                                exclude=own)
        gathering = _Gathering(client, parts_dir, settings, max_in_flight, outputs=outputs,
                               on_problem=on_problem, on_error=on_error,
                               on_partition=on_partition)
        run = gathering.run_all(specs)
    finally:
        if own_client:
            client.close()
    if run.n_partitions:  # (with none, an earlier run's partitions stay as they were)
        _remove_parts(parts_dir, run.n_partitions)
    return run


def _shared_gazetteer(gazetteer_path: str | None) -> str:
    """The gazetteer's absolute path, built here first if missing (a shared path: built once,
    not in every worker at once)."""
    from geomap.settings import default_gazetteer_path

    gaz = str(Path(gazetteer_path).resolve()) if gazetteer_path else str(default_gazetteer_path())
    if not Path(gaz).exists():
        from geomap.gazetteer import open_gazetteer

        open_gazetteer(gaz, build_if_missing=True).close()
    return gaz


class _Gathering:
    """The submit-and-gather loop of one run: at most ``max_in_flight`` tasks on the cluster,
    finished partitions reported and merged in partition (input) order."""

    def __init__(self, client: Any, parts_dir: Path, settings: Settings, max_in_flight: int, *,
                 outputs: RunOutputs | None, on_problem: Callable[[IngestProblem], None],
                 on_error: Callable[[str, str | None, str], None],
                 on_partition: Callable[[dict[str, Any]], None] | None) -> None:
        from distributed import as_completed

        self.client, self.parts_dir, self.settings = client, parts_dir, settings
        self.max_in_flight = max_in_flight
        self.outputs, self.on_problem, self.on_error = outputs, on_problem, on_error
        self.on_partition = on_partition
        self.pending = as_completed()
        self.submitted: dict[str, tuple[int, str]] = {}
        """Task key -> (partition index, its description), for the tasks in flight."""
        self.done: dict[int, dict[str, Any] | None] = {}
        """Finished partitions waiting for the ones before them (None: the task failed)."""
        self.next_merge = 0
        self.ids = UniqueIds(on_problem)
        self.token = uuid.uuid4().hex[:8]
        self.run = ClusterRun()

    def run_all(self, specs: Iterator[PartitionSpec]) -> ClusterRun:
        """Submit every partition of ``specs``, keeping the window full, until all are merged."""
        exhausted = self.submit_more(specs)
        while self.pending.count() or not exhausted:
            if self.pending.count():
                self.collect(next(self.pending))
                self.merge_ready()
            exhausted = self.submit_more(specs)
        return self.run

    def submit_more(self, specs: Iterator[PartitionSpec]) -> bool:
        """Submit partitions until the window is full; returns whether ``specs`` ran out."""
        while self.pending.count() < self.max_in_flight:
            spec = next(specs, None)
            if spec is None:
                return True
            if spec.index == 0:  # an earlier run's partitions go once this one has work
                _remove_parts(self.parts_dir, 0)
            fut = self.client.submit(process_partition, spec, str(self.parts_dir), self.settings,
                                     key=f"geomap-{self.token}-{part_name(spec.index)}",
                                     retries=2, pure=False)
            self.submitted[fut.key] = (spec.index, spec.describe())
            self.pending.add(fut)
            self.run.n_partitions += 1
        return False

    def collect(self, fut: Any) -> None:
        """Take one finished task's manifest (or its error: a fatal one stops the run)."""
        from geomap.batch import is_fatal

        index, text = self.submitted.pop(fut.key)
        try:
            manifest = fut.result()
        except Exception as exc:
            if is_fatal(exc):
                raise
            self.run.failed_partitions.append(f"{text}: {type(exc).__name__}: {exc}")
            self.done[index] = None
        else:
            self.done[index] = manifest
            self.run.n_articles += manifest["n_articles"]
            if self.on_partition is not None:
                self.on_partition(manifest)
        fut.release()

    def merge_ready(self) -> None:
        """Report and merge the finished partitions next in input order: ids, reports, merge."""
        while self.next_merge in self.done:
            if (manifest := self.done.pop(self.next_merge)) is not None:
                for p in manifest["problems"]:
                    self.on_problem(_Problem(p))
                manifest = unique_ids(manifest, self.ids)
                for e in manifest["errors"]:
                    self.on_error(e["article_id"], e["source_path"], e["error"])
                if self.outputs is not None:
                    merge_partition(self.parts_dir, self.next_merge, self.outputs, manifest)
            self.next_merge += 1


@dataclass(frozen=True)
class _Problem:
    """A worker's problem text, reported as an :class:`~geomap.ingest.IngestProblem` is."""

    text: str

    def __str__(self) -> str:
        return self.text


def _remove_parts(parts_dir: Path, keep_below: int) -> None:
    """Drop temporary files and partitions of an earlier, longer run (index >= keep_below)."""
    for p in parts_dir.iterdir():
        if p.name.startswith(".part-") and p.name.endswith(".tmp"):
            p.unlink(missing_ok=True)
            continue
        m = _PART_RE.match(p.name)
        if m and int(m.group(1)) >= keep_below and p.is_file():
            p.unlink(missing_ok=True)


def check_partitions_dir(path: str | Path) -> None:
    """Fail early (:class:`GeomapError`) when the partitions folder cannot be made or written."""
    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GeomapError(f"cannot create partitions folder {path}: {exc.strerror or exc}") from None
    if not os.access(path, os.W_OK):
        raise GeomapError(f"partitions folder {path} is not writable")
