"""JSON Lines: one object per line with ``text`` (required) and optional ``id``, ``title``,
``published``, ``url``, ``author``, ``spans`` (:func:`~geomap.ingest.records.parse_json_record`).
A ``.jsonl``/``.ndjson`` file is streamed line by line (each line bounded); another file whose
text starts with ``{`` is read as JSON Lines too."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from geomap.errors import InputError
from geomap.ingest.common import (
    DEFAULT_READ_OPTIONS,
    IngestProblem,
    ReadOptions,
    UniqueIds,
    claim,
    safe_id,
)
from geomap.ingest.records import load_json_line, parse_json_record
from geomap.ingest.registry import ReadContext, Reader, add_reader
from geomap.ingest.streams import iter_text_lines
from geomap.types import Article


def iter_records(lines: Iterable[tuple[int, str]], path: str,
                 on_error: Callable[[IngestProblem], None], *,
                 ids: UniqueIds | None = None,
                 options: ReadOptions = DEFAULT_READ_OPTIONS) -> Iterator[Article]:
    """JSON Lines records -> Articles; a bad record is reported and skipped. Records without
    an id get ``STEM-LINE`` (``stdin-LINE`` on stdin)."""
    stem = safe_id(Path(path).stem) if path != "-" else "stdin"
    for lineno, line in lines:
        if not line.strip():
            continue
        try:
            obj = load_json_line(line)
            article = parse_json_record(
                obj, path=path, line=lineno, default_id=f"{stem}-{lineno}",
                dayfirst=options.dayfirst,
                warn=lambda m, n=lineno: on_error(IngestProblem(path, n, m, warning=True)))
        except InputError as exc:
            on_error(IngestProblem(path, lineno, exc.message))
            continue
        yield claim(ids, article, lineno)


def iter_jsonl(stream: IO[str], *, path: str, on_error: Callable[[IngestProblem], None],
               ids: UniqueIds | None = None,
               options: ReadOptions = DEFAULT_READ_OPTIONS) -> Iterator[Article]:
    """Stream Articles from JSON Lines; bad lines go to ``on_error`` and are skipped."""
    yield from iter_records(enumerate(stream, start=1), path, on_error, ids=ids,
                            options=options)


def read_jsonl_file(path: Path, spath: str, context: ReadContext) -> Iterator[Article]:
    """A JSON Lines file, streamed: one line at a time, each bounded."""
    try:
        with open(path, "rb") as raw:
            if not raw.peek(1):
                raise InputError("file is empty", path=spath)
            yield from iter_records(iter_text_lines(raw, spath, context.on_error), spath,
                                    context.on_error, ids=context.ids, options=context.options)
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read", path=spath) from None


def looks_jsonl(text: str) -> bool:
    """A text whose first non-blank character is ``{``."""
    return text.lstrip()[:1] == "{"


def _read_jsonl_text(text: str, path: str, context: ReadContext) -> Iterator[Article]:
    yield from iter_jsonl(io.StringIO(text), path=path, on_error=context.on_error,
                          ids=context.ids, options=context.options)


JSON_LINES = add_reader(Reader("jsonl", suffixes=(".jsonl", ".ndjson"),
                               read_file=read_jsonl_file, sniff=looks_jsonl,
                               read_text=_read_jsonl_text))
