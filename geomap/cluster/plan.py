"""Planning and reading partitions: what each Dask task reads (:mod:`geomap.distributed`).

The client only *plans*: it lists the input files and splits JSON Lines files into partitions
of ``partition_size`` lines (byte offset + first line number, found by one streaming scan), and
groups other files (seed format, plain text) ``partition_size`` to a partition. Workers read
their partition themselves through fsspec (:func:`read_partition`), so inputs are paths or URLs
the workers can reach. Standard input is the exception: the client reads it and ships the
articles in the partition.
"""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from geomap.errors import InputError
from geomap.ingest import IngestProblem, UniqueIds, expand_inputs, iter_records, iter_text_lines
from geomap.types import Article

PARTITION_SIZE = 200
"""Articles (JSON Lines lines, or files) per partition: a few seconds of work per task, small
enough that a lost worker costs little, large enough that scheduling overhead is negligible."""


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
    """The file-name stem of partition ``index`` (``part-000012``): fixed by the index, so a
    retried task overwrites its own files."""
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
    log = LineLog()
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


class LineLog(UniqueIds):
    """Notes the line of each article as ingest reads it, and renames nothing: ids are made
    unique by the client, over the whole run in input order (:func:`geomap.cluster.merge.unique_ids`), since each
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
