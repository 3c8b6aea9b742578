"""Bytes -> text, bounded: whole texts up to a limit, and lines one at a time."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from itertools import islice
from typing import IO

from geomap.errors import InputError
from geomap.ingest import limits
from geomap.ingest.common import IngestProblem


def decode_bytes(data: bytes, path: str) -> str:
    """Decode bytes as UTF-8 (BOM-aware) or UTF-16 with a BOM; reject binaries."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}", path=path) from None
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes), not text", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"invalid UTF-8 at byte {exc.start}", path=path, line=line) from None


def read_bounded(fh: IO[bytes], path: str, already: int = 0) -> bytes:
    """The rest of a stream, refusing (without reading further) one over
    :data:`~geomap.ingest.limits.MAX_FILE_BYTES` in all (``already`` bytes were read before).
    Streams cannot be sized beforehand: pipes and /proc files report st_size 0."""
    data = fh.read(limits.MAX_FILE_BYTES - already + 1)
    if already + len(data) > limits.MAX_FILE_BYTES:
        raise InputError(f"input is over {limits.MAX_FILE_BYTES:,} bytes, too large for one "
                         "article", path=path)
    return data


def _bounded_lines(raw: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """The lines of a binary stream; ``None`` for a line over ``max_bytes``, whose rest is
    skipped in small reads, never held whole."""
    while True:
        line = raw.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            del line
            while True:
                rest = raw.readline(limits.SKIP_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def _too_long(path: str, lineno: int) -> IngestProblem:
    return IngestProblem(path, lineno, f"record is over the {limits.MAX_RECORD_BYTES:,}-byte "
                         "limit for one line; skipped")


def iter_text_lines(raw: IO[bytes], path: str, on_error: Callable[[IngestProblem], None],
                    *, first_line: int = 1, max_lines: int | None = None
                    ) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` for each line of a binary stream, decoded one line at a time.

    UTF-8 (a BOM is dropped); UTF-16 when the stream starts with its BOM. A line that does not
    decode, or is over :data:`~geomap.ingest.limits.MAX_RECORD_BYTES`, is reported as
    ``FILE:LINE`` and skipped, so one bad line never costs the other lines (with UTF-16, where
    lines cannot be split before decoding, a decoding error costs the rest of the file). ``first_line``: the number of the
    stream's first line (when earlier lines were consumed already). ``max_lines``: stop after
    that many lines (a cluster worker reads its slice of a file this way).
    """
    head = raw.peek(2)[:2] if hasattr(raw, "peek") and first_line == 1 else b""
    if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        yield from _utf16_lines(raw, path, on_error)
        return
    lines = islice(_bounded_lines(raw, limits.MAX_RECORD_BYTES), max_lines)
    for lineno, bline in enumerate(lines, start=first_line):
        if bline is None:
            on_error(_too_long(path, lineno))
            continue
        if lineno == 1 and bline.startswith(codecs.BOM_UTF8):
            bline = bline[len(codecs.BOM_UTF8):]
        if b"\x00" in bline:  # never in UTF-8 text (JSON escapes it): one line, not thousands
            on_error(IngestProblem(path, lineno, "looks like a binary file (NUL bytes); "
                                   "rest of file skipped"))
            return
        try:
            yield lineno, bline.decode("utf-8")
        except UnicodeDecodeError as exc:
            on_error(IngestProblem(path, lineno, f"invalid UTF-8 at byte {exc.start} of the line"))


def _utf16_lines(raw: IO[bytes], path: str, on_error: Callable[[IngestProblem], None]
                 ) -> Iterator[tuple[int, str]]:
    """UTF-16 lines (each up to ``MAX_RECORD_BYTES`` as two-byte units)."""
    fh = io.TextIOWrapper(raw, encoding="utf-16", errors="strict", newline="")
    limit = limits.MAX_RECORD_BYTES // 2
    lineno = 0
    try:
        while True:
            line = fh.readline(limit + 1)
            if not line:
                return
            lineno += 1
            if len(line) > limit and line[-1] not in "\r\n":
                del line
                while (rest := fh.readline(limits.SKIP_CHUNK)) and rest[-1] not in "\r\n":
                    pass
                on_error(_too_long(path, lineno))
                continue
            yield lineno, line
    except UnicodeDecodeError as exc:
        on_error(IngestProblem(path, lineno + 1, f"invalid UTF-16 ({exc.reason}); "
                               "rest of file skipped"))
    finally:
        fh.detach()  # the caller owns (and closes) the binary stream
