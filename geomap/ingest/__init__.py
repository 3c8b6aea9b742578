"""Ingest: turn files, folders and stdin into :class:`~geomap.types.Article` objects, streaming.

Formats, one module and one :class:`~geomap.ingest.registry.Reader` each, chosen per file by
:mod:`geomap.ingest.registry` (by suffix, else by recognising the text):

* JSON Lines (:mod:`~geomap.ingest.jsonl`): one object per line with ``text`` (required) and
  optional ``id``, ``title``, ``published``, ``url``, ``author``, ``spans``;
* the seed format (:mod:`~geomap.ingest.seed`, markdown-like): ``# Title``,
  ``Published at: **ISO date**``, ``Author: **X**``, ``Original: [site](url)``, then the body;
* anything else: plain UTF-8 text (:mod:`~geomap.ingest.plaintext`), one article per file;
* CSV/TSV tables (:mod:`~geomap.ingest.table`), one article per row.

Bad records raise :class:`~geomap.errors.InputError` naming the file and line; :func:`iter_articles`
reports them through ``on_error`` and goes on, so one bad record never costs the others.

Everything read is bounded before it is held (:mod:`geomap.ingest.limits`): a whole-file
article by ``MAX_FILE_BYTES``, a JSON Lines record by ``MAX_RECORD_BYTES`` (a longer line is
skipped, never held), whether it comes from a file, a pipe (``<(cat x)``, st_size 0), a /proc
file or stdin. Text that UTF-8 cannot carry (a lone surrogate spelled ``"\\ud800"`` in JSON) is replaced by U+FFFD at ingest,
and file names that are not UTF-8 are shown with ``\\xNN`` escapes, so no later stage (journal,
outputs) meets a string it cannot write. Within one :func:`iter_articles` run article ids are
unique (a repeated id gets ``-2``, ``-3``, ... and a warning), deterministically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from geomap.errors import InputError
from geomap.ingest.common import (
    DEFAULT_READ_OPTIONS,
    IngestProblem,
    ReadOptions,
    UniqueIds,
    check_text,
    claim,
    display_path,
    safe_id,
)
from geomap.ingest.dates import parse_published
from geomap.ingest.jsonl import iter_jsonl, iter_records
from geomap.ingest.limits import MAX_ARTICLE_CHARS, MAX_FILE_BYTES, MAX_RECORD_BYTES
from geomap.ingest.paths import expand_inputs
from geomap.ingest.plaintext import read_plain_text
from geomap.ingest.records import load_json_line, parse_json_record, valid_text
from geomap.ingest.registry import ReadContext, Reader, add_reader, read_file, readers
from geomap.ingest.seed import is_seed_format, parse_seed
from geomap.ingest.stdin import read_stdin
from geomap.ingest.streams import iter_text_lines
from geomap.ingest.table import TABLE_COLUMN_NAMES, TABLE_SUFFIXES, read_table
from geomap.types import Article

__all__ = [
    "DEFAULT_READ_OPTIONS", "MAX_ARTICLE_CHARS", "MAX_FILE_BYTES", "MAX_RECORD_BYTES",
    "TABLE_COLUMN_NAMES", "TABLE_SUFFIXES", "IngestProblem", "ReadContext", "ReadOptions",
    "Reader", "UniqueIds", "add_reader", "check_text", "claim", "display_path", "expand_inputs",
    "is_seed_format", "iter_articles", "iter_jsonl", "iter_records", "iter_text_lines",
    "load_json_line", "parse_json_record", "parse_published", "parse_seed", "read_file",
    "read_plain_text", "read_stdin", "read_table", "readers", "safe_id", "valid_text",
]


def iter_articles(inputs: Iterable[str], on_error: Callable[[IngestProblem], None], *,
                  exclude: Iterable[str | Path] = (),
                  options: ReadOptions = DEFAULT_READ_OPTIONS) -> Iterator[Article]:
    """Stream every article from files, folders and ``-``; problems go to ``on_error``.

    A bad file (binary, empty, bad header, unreadable, a broken link) is reported and skipped;
    the others go on. Article ids are unique across all inputs (:class:`UniqueIds`).
    ``exclude``: this run's own outputs, never read (see :func:`expand_inputs`).
    """
    ids = UniqueIds(on_error)
    for item in inputs:
        try:
            paths = list(expand_inputs([item], on_error, exclude=exclude))
        except InputError as exc:
            on_error(IngestProblem(display_path(exc.path or item), exc.line, exc.message))
            continue
        for spath in paths:
            try:
                if spath == "-":
                    yield from read_stdin(on_error, ids=ids, options=options)
                else:
                    yield from read_file(Path(spath), on_error, ids=ids, options=options)
            except InputError as exc:
                on_error(IngestProblem(exc.path or display_path(spath), exc.line, exc.message))
