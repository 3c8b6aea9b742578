"""Standard input: JSON Lines streamed line by line, else one whole (bounded) text."""

from __future__ import annotations

import codecs
import io
import sys
from collections.abc import Callable, Iterator
from typing import IO

from geomap.errors import InputError
from geomap.ingest import limits
from geomap.ingest.common import DEFAULT_READ_OPTIONS, IngestProblem, ReadOptions, UniqueIds
from geomap.ingest.jsonl import iter_records
from geomap.ingest.registry import ReadContext, read_text
from geomap.ingest.streams import decode_bytes, iter_text_lines, read_bounded
from geomap.types import Article

_BLANK = b" \t\r\n"


def read_stdin(on_error: Callable[[IngestProblem], None], stream: IO[bytes] | None = None,
               *, ids: UniqueIds | None = None,
               options: ReadOptions = DEFAULT_READ_OPTIONS) -> Iterator[Article]:
    """Articles from stdin: JSON Lines (first non-blank byte ``{``) streamed line by line, each
    line bounded; else one seed/plain article (any format :func:`~geomap.ingest.registry.read_text`
    recognises), bounded by :data:`~geomap.ingest.limits.MAX_FILE_BYTES`."""
    if stream is None and sys.stdin is None:  # started with stdin closed (<&-)
        raise InputError("stdin is closed", path="-")
    if stream is None and sys.stdin.isatty():  # nothing piped: reading would wait forever
        raise InputError("stdin is a terminal; pipe articles in (cat a.txt | geomap run -) "
                         "or give files", path="-")
    raw = stream if stream is not None else sys.stdin.buffer
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)  # type: ignore[arg-type]
    if raw.peek(3)[:3] == codecs.BOM_UTF8:
        raw.read(3)
    if raw.peek(2)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        head = raw.peek(4)[2:4]
        if head in ("{".encode("utf-16-le"), "{".encode("utf-16-be")):
            yield from iter_records(iter_text_lines(raw, "-", on_error), "-", on_error, ids=ids)
            return
        yield from _stdin_text(read_bounded(raw, "-"), on_error, ids, options)
        return
    lead = bytearray()  # leading white space: kept for a text article (up to the limit)
    n_lines = 0  # and counted for JSON Lines, whose line numbers must stay right
    while (buf := raw.peek(1)) and (n := len(buf) - len(buf.lstrip(_BLANK))):
        chunk = raw.read(n)
        n_lines += chunk.count(b"\n")
        if len(lead) <= limits.MAX_FILE_BYTES:
            lead += chunk
    if raw.peek(1)[:1] == b"{":
        lines = iter_text_lines(raw, "-", on_error, first_line=n_lines + 1)
        yield from iter_records(lines, "-", on_error, ids=ids, options=options)
        return
    data = read_bounded(raw, "-", already=len(lead))
    yield from _stdin_text(bytes(lead) + data, on_error, ids, options)


def _stdin_text(data: bytes, on_error: Callable[[IngestProblem], None],
                ids: UniqueIds | None, options: ReadOptions) -> Iterator[Article]:
    if not data.strip():
        raise InputError("no input on stdin", path="-")
    text = decode_bytes(data, "-")
    yield from read_text(text, "-", ReadContext(on_error, ids, options, default_id="stdin"))
