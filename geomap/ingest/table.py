"""CSV and TSV tables of articles, one per row, with a header row."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from geomap.errors import InputError
from geomap.ingest import limits
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
from geomap.ingest.records import valid_text
from geomap.ingest.registry import ReadContext, Reader, add_reader
from geomap.types import Article

TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
"""Tables of articles, one per row, and their delimiters."""

TABLE_COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext",
             "story", "maintext", "main_text"),
    "id": ("id", "article_id", "doc_id", "document_id", "docid", "guid", "uid", "uuid", "key"),
    "date": ("published", "date", "published_at", "publication_date", "pub_date",
             "publish_date", "publishdate", "pubdate", "date_published", "datetime",
             "timestamp", "seendate"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "source_url", "href", "uri", "article_url"),
}
"""Column names recognised without an option, compared lower-cased with spaces and dashes
read as underscores (``Publication Date`` is ``publication_date``)."""

def _column_key(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def _pick_columns(header: list[str], options: ReadOptions, path: str) -> dict[str, int]:
    """field -> column index; the text column must be found, the others may be missing."""
    keys = [_column_key(h) for h in header]
    given = {"text": options.text_col, "id": options.id_col, "date": options.date_col,
             "title": options.title_col, "url": options.url_col}
    found: dict[str, int] = {}
    for field, name in given.items():
        if name is not None:
            if name in header:
                found[field] = header.index(name)
            elif _column_key(name) in keys:
                found[field] = keys.index(_column_key(name))
            else:
                raise InputError(f"no column {name!r} (--{field}-col); the columns are "
                                 f"{', '.join(map(repr, header[:20]))}", path=path, line=1)
            continue
        for candidate in TABLE_COLUMN_NAMES[field]:
            if candidate in keys:
                found[field] = keys.index(candidate)
                break
    if "text" not in found:
        raise InputError("no text column (looked for " + ", ".join(TABLE_COLUMN_NAMES["text"])
                         + "); name it with --text-col", path=path, line=1)
    return found


def read_table(path: Path, on_error: Callable[[IngestProblem], None], *,
               ids: UniqueIds | None = None,
               options: ReadOptions = DEFAULT_READ_OPTIONS) -> Iterator[Article]:
    """Articles from a CSV or TSV file with a header row, one article per row.

    Columns are found by :data:`TABLE_COLUMN_NAMES` or named by ``options``; a row without
    text or with an unreadable date is reported (file:line) and skipped, the others go on.
    Rows without an id get ``STEM-ROW``. Every field is bounded by
    :data:`~geomap.ingest.limits.MAX_FILE_BYTES`.
    """
    import csv

    spath = display_path(path)
    delimiter = TABLE_SUFFIXES.get(Path(path).suffix.lower(), ",")
    if csv.field_size_limit() < limits.MAX_FILE_BYTES:
        csv.field_size_limit(limits.MAX_FILE_BYTES)  # an article's text can be long
    stem = safe_id(Path(spath).stem)
    try:
        with open(path, encoding="utf-8-sig", errors="strict", newline="") as fh:
            reader = csv.reader(fh, delimiter=delimiter)
            header = next(reader, None)
            if not header:
                raise InputError("file is empty", path=spath)
            cols = _pick_columns(header, options, spath)
            row_no = 1
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    on_error(IngestProblem(spath, reader.line_num, f"bad CSV row: {exc}"))
                    continue
                row_no += 1
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue

                def cell(field: str, row: list[str] = row) -> str | None:
                    i = cols.get(field)
                    value = row[i].strip() if i is not None and i < len(row) else ""
                    return valid_text(value) if value else None

                try:
                    text = cell("text")
                    if not text:
                        raise InputError("row has no text", path=spath, line=line)
                    check_text(text, path=spath, line=line)
                    published = parse_published(
                        cell("date"), path=spath, line=line, dayfirst=options.dayfirst,
                        warn=lambda m, n=line: on_error(IngestProblem(spath, n, m,
                                                                      warning=True)))
                except InputError as exc:
                    on_error(IngestProblem(spath, line, exc.message))
                    continue
                article = Article(id=cell("id") or f"{stem}-{row_no}", text=text,
                                  title=cell("title"), published=published, url=cell("url"),
                                  source_path=spath)
                yield claim(ids, article, line)
    except UnicodeDecodeError:
        raise InputError("invalid UTF-8 (save the table as UTF-8)", path=spath) from None
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read", path=spath) from None


def _read_table_file(path: Path, spath: str, context: ReadContext) -> Iterator[Article]:
    yield from read_table(path, context.on_error, ids=context.ids, options=context.options)


TABLE = add_reader(Reader("table", suffixes=tuple(TABLE_SUFFIXES), read_file=_read_table_file))
