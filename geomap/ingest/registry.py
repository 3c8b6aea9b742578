"""The input formats, one :class:`Reader` each, and the choice of reader for a file or text.

A file whose suffix a reader claims (``.csv``, ``.jsonl``, ...) is streamed by that reader;
any other file (and stdin that is not JSON Lines) is read whole, bounded, decoded, and given to
the first reader whose ``sniff`` recognises the text (JSON Lines: starts with ``{``; the seed
format: its header), else to plain text.

Adding an input format: one module in :mod:`geomap.ingest` that defines its reader and calls
:func:`add_reader`, one import line in ``geomap/ingest/__init__.py`` (which registers it),
and its test.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import InputError
from geomap.ingest import limits
from geomap.ingest.common import (
    DEFAULT_READ_OPTIONS,
    IngestProblem,
    ReadOptions,
    UniqueIds,
    display_path,
    safe_id,
)
from geomap.ingest.streams import decode_bytes, read_bounded
from geomap.registry import Registry
from geomap.types import Article


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a reader needs besides its input: where problems go, the run's ids and options,
    and the id of a one-article text (the file's stem, or ``stdin``)."""

    on_error: Callable[[IngestProblem], None]
    ids: UniqueIds | None = None
    options: ReadOptions = DEFAULT_READ_OPTIONS
    default_id: str = "stdin"
    from_file: bool = False
    """Read from a named file (not stdin): a text that starts like a seed header but has no
    date is then refused rather than read as plain text."""


FileReader = Callable[[Path, str, ReadContext], Iterator[Article]]
"""Streams the articles of a file: (path, the path as shown, context)."""

TextReader = Callable[[str, str, ReadContext], Iterator[Article]]
"""The articles of a whole decoded text: (text, the path as shown, context)."""


@dataclass(frozen=True, slots=True)
class Reader:
    """One input format: the file suffixes it claims (read by ``read_file``) and/or how it
    recognises a whole text (``sniff``, read by ``read_text``). A reader with ``read_text``
    and no ``sniff`` is the fallback for a text no other reader recognises (plain text)."""

    name: str
    suffixes: tuple[str, ...] = ()
    read_file: FileReader | None = None
    sniff: Callable[[str], bool] | None = None
    read_text: TextReader | None = None


readers: Registry[Reader] = Registry("input format")
"""The input formats by name, in sniffing order."""


def add_reader(reader: Reader) -> Reader:
    """Register ``reader`` under its name (after those registered before it)."""
    return readers.register(reader.name)(reader)


def reader_for_suffix(suffix: str) -> Reader | None:
    """The reader that claims files ending in ``suffix`` (lower case, with its dot), if any."""
    for name in readers:
        reader = readers.get(name)
        if suffix in reader.suffixes and reader.read_file is not None:
            return reader
    return None


def read_text(text: str, path: str, context: ReadContext) -> Iterator[Article]:
    """The articles of a whole text, read by the first reader (in registration order) that
    recognises it, else by the fallback reader (plain text)."""
    fallback = None
    for name in readers:
        reader = readers.get(name)
        if reader.read_text is None:
            continue
        if reader.sniff is None:
            fallback = reader
        elif reader.sniff(text):
            yield from reader.read_text(text, path, context)
            return
    if fallback is None or fallback.read_text is None:
        raise InputError("no reader recognises this input", path=path)
    yield from fallback.read_text(text, path, context)


def read_file(path: Path, on_error: Callable[[IngestProblem], None], *,
              ids: UniqueIds | None = None,
              options: ReadOptions = DEFAULT_READ_OPTIONS) -> Iterator[Article]:
    """Articles from one file (any supported format). Regular files are sized first; pipes,
    devices and /proc files (which claim to be empty) are read up to the same limit."""
    spath = display_path(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read", path=spath) from None
    context = ReadContext(on_error, ids, options, default_id=safe_id(Path(spath).stem),
                          from_file=True)
    reader = reader_for_suffix(Path(path).suffix.lower())
    if reader is not None and reader.read_file is not None:
        yield from reader.read_file(path, spath, context)
        return
    if stat.S_ISREG(st.st_mode) and st.st_size > limits.MAX_FILE_BYTES:
        raise InputError(f"file is {st.st_size:,} bytes, too large for one article", path=spath)
    try:
        with open(path, "rb") as raw:
            if not raw.peek(1):
                raise InputError("file is empty", path=spath)
            data = read_bounded(raw, spath)
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read", path=spath) from None
    text = decode_bytes(data, spath)
    if not text.strip():
        raise InputError("file has no text", path=spath)
    yield from read_text(text, spath, context)
