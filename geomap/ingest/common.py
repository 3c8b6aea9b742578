"""What every reader shares: the problem record, read options, ids, and the text check."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from geomap.errors import InputError
from geomap.ingest import limits
from geomap.types import Article

_SAFE_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9-])?")
"""Ids that :func:`safe_id` returns unchanged (its fast path)."""


@dataclass(frozen=True, slots=True)
class IngestProblem:
    """A record that could not be read; the run goes on without it."""

    path: str
    line: int | None
    message: str
    warning: bool = False
    """Not a failure: the record was read (e.g. its repeated id was renamed)."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read analysts' inputs: the columns of a CSV/TSV of articles (None: found by
    their common names, see :data:`~geomap.ingest.table.TABLE_COLUMN_NAMES`) and the order of
    day and month in numeric dates (None: month first, with a warning for each ambiguous date)."""

    text_col: str | None = None
    id_col: str | None = None
    date_col: str | None = None
    title_col: str | None = None
    url_col: str | None = None
    dayfirst: bool | None = None


DEFAULT_READ_OPTIONS = ReadOptions()


def safe_id(raw: str) -> str:
    """An article id safe to use in file names and event ids (no separators, bounded length)."""
    if _SAFE_ID.fullmatch(raw):
        return raw
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", raw).strip("._")
    if not cleaned or len(cleaned) > 80:
        digest = hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        cleaned = (cleaned[:60] + "_" + digest) if cleaned else digest
    return cleaned


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as valid text: bytes of a file name that are not UTF-8 (POSIX names are bytes;
    Python carries them as lone surrogates, which no output can encode) become ``\\xNN``."""
    s = os.fspath(path)
    if s.isascii():
        return s
    try:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no file name byte made
        return s.encode("utf-8", "backslashreplace").decode("ascii")


class UniqueIds:
    """Makes article ids unique within a run, the same way every run: the second article
    with id X becomes ``X-2`` (the third ``X-3``, ...), with a warning. Ids count as the same
    when their :func:`safe_id` forms are, since event ids are made from those."""

    def __init__(self, on_error: Callable[[IngestProblem], None]):
        self._on_error = on_error
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def claim(self, article: Article, line: int | None = None) -> Article:
        """``article``, renamed when its id is taken."""
        new = self.claim_id(article.id, article.source_path, line)
        return article if new == article.id else dataclasses.replace(article, id=new)

    def claim_id(self, article_id: str, source_path: str | None, line: int | None) -> str:
        """The id an article with ``article_id`` gets (for a cluster run, whose client renames
        ids read by its workers, in input order, as a local run does while reading)."""
        key = safe_id(article_id)
        if key not in self._taken:
            self._taken.add(key)
            return article_id
        n = self._next.get(key, 2)
        while safe_id(new := f"{article_id}-{n}") in self._taken:
            n += 1
        self._next[key] = n + 1
        self._taken.add(safe_id(new))
        self._on_error(IngestProblem(source_path or "-", line,
                                     f"duplicate id {article_id!r} renamed {new!r}",
                                     warning=True))
        return new


def claim(ids: UniqueIds | None, article: Article, line: int | None = None) -> Article:
    """``article`` with its id made unique by ``ids`` (unchanged without ``ids``)."""
    return article if ids is None else ids.claim(article, line)


def check_text(text: str, *, path: str, line: int | None = None) -> None:
    """Refuse an article's text over :data:`~geomap.ingest.limits.MAX_ARTICLE_CHARS` or with
    NUL bytes (a binary file read as text)."""
    if len(text) > limits.MAX_ARTICLE_CHARS:
        raise InputError(f"article is {len(text):,} characters, over the "
                         f"{limits.MAX_ARTICLE_CHARS:,} limit", path=path, line=line)
    if "\x00" in text:
        raise InputError("looks like a binary file (NUL bytes)", path=path, line=line)
