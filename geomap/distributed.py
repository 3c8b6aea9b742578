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
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from distributed.diagnostics.plugin import WorkerPlugin

from geomap import serialize
from geomap.errors import ConfigurationError, GeomapError, InputError
from geomap.export import (
    CsvWriter,
    JsonLinesWriter,
    event_feature,
    event_record,
    toponym_feature,
)
from geomap.ingest import (
    IngestProblem,
    UniqueIds,
    expand_inputs,
    iter_records,
    iter_text_lines,
    safe_id,
)
from geomap.merge.keys import MergeKey, key_of
from geomap.types import Article, ArticleResult, Event, RelativeExpression, Toponym

PARTITION_SIZE = 200
"""Articles (JSON Lines lines, or files) per partition: a few seconds of work per task, small
enough that a lost worker costs little, large enough that scheduling overhead is negligible."""

_PART_RE = re.compile(r"^part-(\d{6,})\.")

Settings = tuple[str | None, str, bool]
"""(gazetteer path, recognizer name, with events): the key of :func:`geomap.pipeline.get_pipeline`."""


# --- partitions ------------------------------------------------------------------------------

@dataclass(frozen=True)
class PartitionSpec:
    """What one task reads: lines of a JSON Lines file, whole files, or shipped articles."""

    index: int
    kind: Literal["jsonl", "files", "articles"]
    url: str | None = None
    start_byte: int = 0
    first_line: int = 1
    n_lines: int = 0
    files: tuple[str, ...] = ()
    articles: tuple[Article, ...] = ()
    lines: tuple[int | None, ...] = ()
    """The line of each of ``articles`` on standard input (for duplicate-id warnings)."""
    cwd: str | None = None
    """The client's working folder: relative paths are read from there, shown as given."""

    def describe(self) -> str:
        if self.kind == "jsonl":
            return f"{self.url}:{self.first_line}-{self.first_line + self.n_lines - 1}"
        if self.kind == "files":
            return self.files[0] + (f" (+{len(self.files) - 1} files)" if len(self.files) > 1 else "")
        return f"{len(self.articles)} articles from stdin"


def part_name(index: int) -> str:
    return f"part-{index:06d}"


def _is_url(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def _expand(item: str, on_problem: Callable[[IngestProblem], None] | None = None,
            exclude: Iterable[str | Path] = ()) -> list[str]:
    """One input argument -> its files, in the order a one-process run reads them (an
    unreadable subfolder or broken link goes to ``on_problem``, as in a one-process run;
    ``exclude``d folders, this run's outputs, are never read)."""
    if not _is_url(item):
        return list(expand_inputs([item.removeprefix("file://")], on_problem, exclude=exclude))
    import fsspec

    fs, root = fsspec.core.url_to_fs(item)
    if not fs.exists(root):
        raise InputError("no such file or directory", path=item)
    if not fs.isdir(root):
        return [item]
    out = []
    for p in sorted(fs.find(root)):
        rel = p[len(root):].lstrip("/")
        if not any(part.startswith(".") for part in rel.split("/")):
            out.append(fs.unstrip_protocol(p))
    return out


def _open_binary(url: str):
    import fsspec

    return fsspec.open(url, "rb").open()


def _jsonl_specs(url: str, size: int) -> Iterator[PartitionSpec]:
    """Split a JSON Lines file into ``size``-line partitions with one streaming byte scan."""
    with _open_binary(url) as fh:
        head = fh.read(4)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: read whole, by ingest
            yield PartitionSpec(-1, "files", files=(url,))
            return
        fh.seek(0)
        start, line, n, pos, last = 0, 1, 0, 0, b"\n"
        while block := fh.read(1 << 20):
            i = 0
            while (j := block.find(b"\n", i)) >= 0:
                n, i = n + 1, j + 1
                if n == size:
                    yield PartitionSpec(-1, "jsonl", url=url, start_byte=start, first_line=line,
                                        n_lines=n)
                    start, line, n = pos + i, line + n, 0
            pos += len(block)
            last = block[-1:]
        n += last != b"\n"  # a last line without its newline
        if n:
            yield PartitionSpec(-1, "jsonl", url=url, start_byte=start, first_line=line, n_lines=n)


def plan_partitions(inputs: Iterable[str], *, on_problem: Callable[[IngestProblem], None],
                    partition_size: int = PARTITION_SIZE,
                    exclude: Iterable[str | Path] = ()) -> Iterator[PartitionSpec]:
    """The partitions of ``inputs`` in input order (lazily; the client never holds the corpus).
    ``exclude``: this run's output and partitions folders, never read as input (as in a local
    run, :func:`geomap.ingest.expand_inputs`)."""
    specs = _plan(inputs, on_problem, max(1, partition_size), tuple(exclude))
    for index, spec in enumerate(specs):
        yield dataclasses.replace(spec, index=index, cwd=os.getcwd())


def _plan(inputs: Iterable[str], on_problem: Callable[[IngestProblem], None],
          size: int, exclude: tuple[str | Path, ...]) -> Iterator[PartitionSpec]:
    files: list[str] = []
    for item in inputs:
        if item == "-":
            if files:
                yield PartitionSpec(-1, "files", files=tuple(files))
                files = []
            yield from _stdin_specs(on_problem, size)
            continue
        try:
            paths = _expand(item, on_problem, exclude)
        except InputError as exc:
            on_problem(IngestProblem(exc.path or item, exc.line, exc.message))
            continue
        except OSError as exc:
            on_problem(IngestProblem(item, None, exc.strerror or str(exc)))
            continue
        for path in paths:
            if Path(path.split("?")[0]).suffix.lower() in {".jsonl", ".ndjson"}:
                if files:
                    yield PartitionSpec(-1, "files", files=tuple(files))
                    files = []
                try:
                    yield from _jsonl_specs(path, size)
                except OSError as exc:
                    on_problem(IngestProblem(path, None, exc.strerror or str(exc)))
            else:
                files.append(path)
                if len(files) >= size:
                    yield PartitionSpec(-1, "files", files=tuple(files))
                    files = []
    if files:
        yield PartitionSpec(-1, "files", files=tuple(files))


def _stdin_specs(on_problem: Callable[[IngestProblem], None], size: int
                 ) -> Iterator[PartitionSpec]:
    """Standard input cannot be read by workers: ship its articles in the specs."""
    from geomap.ingest import read_stdin

    batch: list[Article] = []
    lines: list[int | None] = []
    log = _LineLog()
    try:
        for article in read_stdin(on_problem, ids=log):
            batch.append(article)
            lines.append(log.line)
            if len(batch) >= size:
                yield PartitionSpec(-1, "articles", articles=tuple(batch), lines=tuple(lines))
                batch, lines = [], []
    except InputError as exc:
        on_problem(IngestProblem(exc.path or "-", exc.line, exc.message))
    if batch:
        yield PartitionSpec(-1, "articles", articles=tuple(batch), lines=tuple(lines))


class _LineLog(UniqueIds):
    """Notes the line of each article as ingest reads it, and renames nothing: ids are made
    unique by the client, over the whole run in input order (:func:`unique_ids`), since each
    worker sees only its own partition."""

    def __init__(self) -> None:
        super().__init__(lambda problem: None)
        self.line: int | None = None

    def claim_id(self, article_id: str, source_path: str | None, line: int | None) -> str:
        self.line = line
        return article_id


def read_partition(spec: PartitionSpec, on_problem: Callable[[IngestProblem], None],
                   ids: UniqueIds | None = None) -> Iterator[Article]:
    """The articles of one partition (runs on a worker); bad records go to ``on_problem``.
    ``ids`` claims each article's id as it is read (as in :func:`geomap.ingest.read_file`)."""
    if spec.kind == "articles":
        lines = spec.lines or (None,) * len(spec.articles)
        for article, line in zip(spec.articles, lines, strict=True):
            yield article if ids is None else ids.claim(article, line)
    elif spec.kind == "jsonl":
        yield from _read_jsonl_lines(spec, on_problem, ids)
    else:
        for url in spec.files:
            try:
                yield from _read_file(url, spec.cwd, on_problem, ids)
            except InputError as exc:
                on_problem(IngestProblem(exc.path or url, exc.line, exc.message))
            except OSError as exc:
                on_problem(IngestProblem(url, None, exc.strerror or str(exc)))


def _where(url: str, cwd: str | None) -> str:
    """Where a worker reads ``url``: relative local paths are taken from the client's folder."""
    if _is_url(url):
        return url
    path = url.removeprefix("file://")
    return os.path.join(cwd, path) if cwd and not os.path.isabs(path) else path


def _read_file(url: str, cwd: str | None, on_problem: Callable[[IngestProblem], None],
               ids: UniqueIds | None = None) -> Iterator[Article]:
    """One whole file, read by ingest exactly as a one-process run reads it (same ids)."""
    from geomap.ingest import read_file

    def fix(problem: IngestProblem) -> None:
        on_problem(dataclasses.replace(problem, path=url))

    with tempfile.TemporaryDirectory(prefix="geomap-") as tmp:
        if _is_url(url):  # remote: copy it here first
            local = Path(tmp) / Path(url.split("?")[0]).name
            with _open_binary(url) as src, open(local, "wb") as dst:
                shutil.copyfileobj(src, dst)
        else:
            local = Path(_where(url, cwd))
        try:
            for article in read_file(local, fix, ids=ids):
                yield dataclasses.replace(article, source_path=url)
        except InputError as exc:
            raise InputError(exc.message, path=url, line=exc.line) from None


def _read_jsonl_lines(spec: PartitionSpec, on_problem: Callable[[IngestProblem], None],
                      ids: UniqueIds | None = None) -> Iterator[Article]:
    """This partition's slice of a JSON Lines file, streamed, decoded and parsed exactly as a
    local run does it (:func:`geomap.ingest.iter_text_lines` + :func:`geomap.ingest.iter_records`,
    so a line over :data:`geomap.ingest.MAX_RECORD_BYTES` is skipped without being held), with
    line numbers of the whole file."""
    from fsspec.spec import AbstractBufferedFile

    url = spec.url or ""
    with _open_binary(_where(url, spec.cwd)) as fh:
        fh.seek(spec.start_byte)
        # fsspec's remote files have readline() without a size: buffer them as local files are
        raw = io.BufferedReader(fh) if isinstance(fh, AbstractBufferedFile) else fh
        lines = iter_text_lines(raw, url, on_problem, first_line=spec.first_line,
                                max_lines=spec.n_lines)
        yield from iter_records(lines, url, on_problem, ids=ids)


# --- lossless JSON for results (partition -> merge) -----------------------------------------

def to_jsonable(value: Any) -> Any:
    """Our frozen dataclasses as plain JSON: :func:`geomap.serialize.to_data`."""
    return serialize.to_data(value)


def from_jsonable(tp: Any, value: Any) -> Any:
    """Inverse of :func:`to_jsonable`: :func:`geomap.serialize.from_data`."""
    return serialize.from_data(value, tp)


def result_record(result: ArticleResult) -> dict[str, Any]:
    """One article's results without its text (the partition's ``results.jsonl`` line)."""
    a = result.article
    return {
        "article": to_jsonable(dataclasses.replace(a, text="")),
        "toponyms": to_jsonable(result.toponyms),
        "relatives": to_jsonable(result.relatives),
        "events": to_jsonable(result.events),
        "errors": list(result.errors),
        "language": result.language,
        # what cross-article merging needs of the text, which is not kept
        "merge_keys": [key_of(e, a.text).to_record() for e in result.events],
    }


def result_from_record(rec: dict[str, Any]) -> ArticleResult:
    return ArticleResult(
        article=from_jsonable(Article, rec["article"]),
        toponyms=from_jsonable(tuple[Toponym, ...], rec.get("toponyms", [])),
        relatives=from_jsonable(tuple[RelativeExpression, ...], rec.get("relatives", [])),
        events=from_jsonable(tuple[Event, ...], rec.get("events", [])),
        errors=tuple(rec.get("errors", ())),
        language=rec.get("language"),
    )


# --- worker side ----------------------------------------------------------------------------

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
    from geomap.pipeline import get_pipeline

    pipeline = get_pipeline(*settings)
    out = Path(partitions_dir)
    out.mkdir(parents=True, exist_ok=True)
    name = part_name(spec.index)
    problems: list[str] = []
    errors: list[dict[str, str | None]] = []
    ids: list[str] = []
    claims: list[list[Any]] = []  # [id, source_path, line, processed] of each article read
    log = _LineLog()
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


# --- client side ----------------------------------------------------------------------------

@dataclass
class ClusterRun:
    """What a cluster run did, for the CLI's summary and exit code."""

    n_partitions: int = 0
    n_articles: int = 0
    failed_partitions: list[str] = field(default_factory=list)
    merged: list[Path] = field(default_factory=list)


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


def merge_partition(partitions_dir: str | Path, index: int, outputs: Any,
                    manifest: dict[str, Any] | None = None) -> int:
    """Append partition ``index`` to ``outputs`` (a :class:`~geomap.export.RunOutputs`).

    The worker already wrote every output line exactly as :class:`RunOutputs` would (the same
    export functions), so they are copied as text; only what the map keeps is decoded. A
    one-process run and a merged cluster run give byte-identical files (tested). When
    ``manifest`` (from :func:`unique_ids`) renames an article, the partition's results are
    decoded, renamed and encoded again instead (rare: repeated ids).
    """
    base = Path(partitions_dir) / part_name(index)
    if getattr(outputs, "merger", None) is not None and not (manifest or {}).get("renamed"):
        # merging incidents: the events are merged after gathering, from the lossless results
        manifest = {"renamed": True,
                    "article_ids": json.loads(Path(f"{base}.json").read_text(
                        encoding="utf-8"))["article_ids"]}
        manifest["n_articles"] = len(manifest["article_ids"])
    if manifest is not None and manifest.get("renamed"):
        with open(f"{base}.results.jsonl", encoding="utf-8", newline="\n") as fh:
            for line, new_id in zip(fh, manifest["article_ids"], strict=True):
                rec = json.loads(line)
                result = result_from_record(rec)
                result = result if result.article.id == new_id else _renamed(result, new_id)
                if getattr(outputs, "merger", None) is not None and "merge_keys" in rec:
                    outputs.add(result, keys=[MergeKey.from_record(k)
                                              for k in rec["merge_keys"]])
                else:
                    outputs.add(result)
        return manifest["n_articles"]
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
    if not outputs.map_full:
        with open(f"{base}.results.jsonl", encoding="utf-8") as fh:
            for line in fh:
                r = result_from_record(json.loads(line))
                outputs.keep_for_map(r.events, r.toponyms)
    return manifest["n_articles"]


def _lines(path: str) -> list[str]:
    """The lines of a small JSON Lines file (split on newline only: JSON escapes it in strings)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [line for line in fh.read().split("\n") if line]



def run_on_cluster(inputs: Iterable[str], *, scheduler: str | Any, partitions_dir: str | Path,
                   outputs: Any | None = None, gazetteer_path: str | None = None,
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
    from distributed import Client, as_completed

    from geomap.batch import is_fatal
    from geomap.settings import default_gazetteer_path

    gaz = str(Path(gazetteer_path).resolve()) if gazetteer_path else str(default_gazetteer_path())
    if not Path(gaz).exists():  # build it here (shared path), not in every worker at once
        from geomap.gazetteer import open_gazetteer

        open_gazetteer(gaz, build_if_missing=True).close()
    settings: Settings = (gaz, recognizer, with_events)
    parts_dir = Path(partitions_dir).resolve()
    parts_dir.mkdir(parents=True, exist_ok=True)

    own_client = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, timeout="15s") if own_client else scheduler
    except OSError as exc:
        raise ConfigurationError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    run = ClusterRun()
    try:
        client.register_plugin(GeomapWorkerPlugin(settings))  # raises a worker's set-up error
        if max_in_flight is None:
            n_threads = sum(client.nthreads().values()) or 1
            max_in_flight = max(4, 3 * n_threads)
        token = uuid.uuid4().hex[:8]
        own = [parts_dir, *exclude, *([outputs.dir] if outputs is not None else [])]
        specs = plan_partitions(inputs, on_problem=on_problem, partition_size=partition_size,
                                exclude=own)
        ids = UniqueIds(on_problem)
        pending = as_completed()
        done: dict[int, dict[str, Any] | None] = {}
        next_merge = 0
        n_submitted = 0
        exhausted = False

        def submit_more() -> None:
            nonlocal n_submitted, exhausted
            while not exhausted and pending.count() < max_in_flight:
                spec = next(specs, None)
                if spec is None:
                    exhausted = True
                    return
                if spec.index == 0:  # an earlier run's partitions go once this one has work
                    _remove_parts(parts_dir, 0)
                fut = client.submit(process_partition, spec, str(parts_dir), settings,
                                    key=f"geomap-{token}-{part_name(spec.index)}", retries=2,
                                    pure=False)
                fut.spec_index = spec.index  # type: ignore[attr-defined]
                fut.spec_text = spec.describe()  # type: ignore[attr-defined]
                pending.add(fut)
                n_submitted += 1

        submit_more()
        while pending.count() or not exhausted:
            if not pending.count():
                submit_more()
                continue
            fut = next(pending)
            index = fut.spec_index
            try:
                manifest = fut.result()
            except Exception as exc:
                if is_fatal(exc):
                    raise
                run.failed_partitions.append(f"{fut.spec_text}: {type(exc).__name__}: {exc}")
                done[index] = None
            else:
                done[index] = manifest
                run.n_articles += manifest["n_articles"]
                if on_partition is not None:
                    on_partition(manifest)
            fut.release()
            while next_merge in done:  # in input order: ids, reports and merge
                if (manifest := done.pop(next_merge)) is not None:
                    for p in manifest["problems"]:
                        on_problem(_Problem(p))
                    manifest = unique_ids(manifest, ids)
                    for e in manifest["errors"]:
                        on_error(e["article_id"], e["source_path"], e["error"])
                    if outputs is not None:
                        merge_partition(parts_dir, next_merge, outputs, manifest)
                next_merge += 1
            submit_more()
        run.n_partitions = n_submitted
    finally:
        if own_client:
            client.close()
    if run.n_partitions:  # (with none, an earlier run's partitions stay as they were)
        _remove_parts(parts_dir, run.n_partitions)
    return run


@dataclass(frozen=True)
class _Problem:
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
    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GeomapError(f"cannot create partitions folder {path}: {exc.strerror or exc}") from None
    if not os.access(path, os.W_OK):
        raise GeomapError(f"partitions folder {path} is not writable")
