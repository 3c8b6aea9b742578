"""Ingest: turn files, folders and stdin into :class:`~geomap.types.Article` objects, streaming.

Formats (detected per file):

* the seed format (markdown-like): ``# Title``, ``Published at: **ISO date**``, ``Author: **X**``,
  ``Original: [site](url)``, then the body;
* JSON Lines: one object per line with ``text`` (required) and optional ``id``, ``title``,
  ``published``, ``url``, ``author``, ``spans``;
* anything else: plain UTF-8 text, one article per file.

Bad records raise :class:`~geomap.errors.InputError` naming the file and line; :func:`iter_articles`
reports them through ``on_error`` and goes on, so one bad record never costs the others.

Everything read is bounded before it is held: a whole-file article by :data:`MAX_FILE_BYTES`, a
JSON Lines record by :data:`MAX_RECORD_BYTES` (a longer line is skipped, never held), whether it
comes from a file, a pipe (``<(cat x)``, st_size 0), a /proc file or stdin. Text that UTF-8
cannot carry (a lone surrogate spelled ``"\\ud800"`` in JSON) is replaced by U+FFFD at ingest,
and file names that are not UTF-8 are shown with ``\\xNN`` escapes, so no later stage (journal,
outputs) meets a string it cannot write. Within one :func:`iter_articles` run article ids are
unique (a repeated id gets ``-2``, ``-3``, ... and a warning), deterministically.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import IO, Any

from geomap.errors import InputError
from geomap.types import Article

MAX_ARTICLE_CHARS = 5_000_000
"""Longer texts are rejected: far beyond any news article, and a sign of a wrong input file."""

MAX_FILE_BYTES = MAX_ARTICLE_CHARS * 4
"""A whole-file article (seed, plain text, non-JSON-Lines stdin) is read up to this many bytes:
the character limit at UTF-8's widest (4 bytes a character). Larger ones are rejected."""

MAX_RECORD_BYTES = MAX_ARTICLE_CHARS * 6 + 1_000_000
"""A JSON Lines line may be this long: the character limit with every character written as a
``\\uXXXX`` escape (6 bytes), plus 1 MB for the other fields. A longer line is skipped without
being held in memory, so one giant line costs that line only."""

_SKIP_CHUNK = 1 << 20
"""Bytes read at a time while skipping the rest of an over-long line (bounds memory)."""

_SAFE_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9-])?")
"""Ids that :func:`safe_id` returns unchanged (its fast path)."""
_SURROGATES = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

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

_SEED_TITLE = re.compile(r"^#[ \t]+(?P<title>[^\n]+)$", re.M)
_SEED_PUBLISHED = re.compile(r"^Published at:[ \t]*\*\*(?P<v>[^*\n]+)\*\*[ \t]*$", re.M)
_SEED_AUTHOR = re.compile(r"^Author:[ \t]*\*\*(?P<v>[^*\n]+)\*\*[ \t]*$", re.M)
_SEED_ORIGINAL = re.compile(r"^Original:[ \t]*\[(?P<site>[^\]\n]*)\]\((?P<url>[^)\s]*)\)[ \t]*$", re.M)


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


_ISO_LIKE = re.compile(r"\d{4}-\d{1,2}(?:-\d{1,2})?(?:[T ].*)?$")
"""A date that starts with a 4-digit year: ISO 8601, read strictly (2019-13-01 is an error)."""
_DAY_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
"""A numeric date that may be day/month or month/day (05/03/2024)."""
_DATE_DEFAULT = datetime(2000, 1, 1)
"""Fills what a date leaves out ("May 2024" -> 1 May 2024), never today's day."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read analysts' inputs: the columns of a CSV/TSV of articles (None: found by
    their common names, see :data:`TABLE_COLUMN_NAMES`) and the order of day and month in
    numeric dates (None: month first, with a warning for each ambiguous date)."""

    text_col: str | None = None
    id_col: str | None = None
    date_col: str | None = None
    title_col: str | None = None
    url_col: str | None = None
    dayfirst: bool | None = None


DEFAULT_READ_OPTIONS = ReadOptions()


def parse_published(value: object, *, path: str | None = None, line: int | None = None,
                    dayfirst: bool | None = None,
                    warn: Callable[[str], None] | None = None,
                    plausible: bool = True) -> datetime | None:
    """Parse a publication date; None when absent.

    ISO 8601 (``2019-11-06``, ``2019-11-06T10:42:15Z``) is read strictly; other common forms
    (``05/03/2024``, ``6 Nov 2019``, ``Wed, 06 Nov 2019 10:42:15 GMT``) with dateutil. A
    numeric date whose day and month could swap is read month first unless ``dayfirst``;
    when ``dayfirst`` is None ``warn`` is told so. Dates more than a day in the future or
    before 1800 are rejected (they would silently mis-date every relative date in the article)
    unless ``plausible`` is false.
    """
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"'published' must be a date string, got {type(value).__name__}",
                         path=path, line=line)
    text = value.strip()
    try:
        if _ISO_LIKE.match(text):
            dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            dt = _parse_loose(text, dayfirst, warn)
    except (ValueError, OverflowError):
        raise InputError(f"'published' is not an ISO 8601 date or a common date form: "
                         f"{text[:40]!r}", path=path, line=line) from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    if not plausible:
        return dt
    now = datetime.now(UTC)
    if dt.year < 1800:
        raise InputError(f"'published' is implausibly old: {text[:40]!r}", path=path, line=line)
    if (dt - now).days >= 1:
        raise InputError(f"'published' is in the future: {text[:40]!r}", path=path, line=line)
    return dt


def _parse_loose(text: str, dayfirst: bool | None, warn: Callable[[str], None] | None
                 ) -> datetime:
    import warnings

    from dateutil import parser

    if len(text) > 64 or not any(c.isdigit() for c in text):
        raise ValueError("not a date")  # "yesterday", a sentence: no date to read
    with warnings.catch_warnings():  # an unknown zone name ("EST") is read as UTC
        warnings.simplefilter("ignore")
        dt = parser.parse(text, dayfirst=bool(dayfirst), default=_DATE_DEFAULT)
    m = _DAY_MONTH.match(text)
    if dayfirst is None and warn is not None and m and m[1] != m[2] \
            and int(m[1]) <= 12 and int(m[2]) <= 12:
        warn(f"ambiguous date {text[:40]!r} read as {dt.date().isoformat()} (month first); "
             "give --dayfirst if days come first")
    return dt


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


def valid_text(text: str) -> str:
    """``text`` with each lone surrogate (JSON can spell one, ``"\\ud800"``; UTF-8 cannot
    encode it) replaced by U+FFFD: one character for one, so offsets into the text hold."""
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


def _valid_json(obj: Any) -> Any:
    """Every string (keys too) of a parsed JSON value through :func:`valid_text`, without
    recursion (the value may be nested as deeply as the parser allows)."""
    if isinstance(obj, str):
        return valid_text(obj)
    stack = [obj]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for i, v in enumerate(node):
                if isinstance(v, str):
                    node[i] = valid_text(v)
                elif isinstance(v, list | dict):
                    stack.append(v)
        elif isinstance(node, dict):
            items = list(node.items())
            node.clear()
            for k, v in items:
                if isinstance(v, str):
                    v = valid_text(v)
                elif isinstance(v, list | dict):
                    stack.append(v)
                node[valid_text(k)] = v
    return obj


def load_json_line(line: str, *, path: str | None = None, line_no: int | None = None) -> Any:
    """``json.loads`` for one record, where every failure is an :class:`InputError`: bad JSON,
    nesting too deep for the parser (RecursionError) or an integer over Python's digit limit
    (ValueError). Lone surrogates in its strings are replaced (:func:`valid_text`)."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON ({exc.msg})", path=path, line=line_no) from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read", path=path, line=line_no) from None
    except ValueError:  # int("9" * 5000): over sys.get_int_max_str_digits()
        raise InputError("invalid JSON (a number has too many digits)", path=path,
                         line=line_no) from None
    if _SURROGATE_ESCAPE.search(line) or (not line.isascii() and _SURROGATES.search(line)):
        obj = _valid_json(obj)
    return obj


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


def _claim(ids: UniqueIds | None, article: Article, line: int | None = None) -> Article:
    return article if ids is None else ids.claim(article, line)


def _check_text(text: str, *, path: str, line: int | None = None) -> None:
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"article is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit",
                         path=path, line=line)
    if "\x00" in text:
        raise InputError("looks like a binary file (NUL bytes)", path=path, line=line)


def parse_seed(text: str, *, path: str, article_id: str | None = None) -> Article:
    """Parse the seed (markdown-like) format. The body's offsets index into ``Article.text``."""
    _check_text(text, path=path)
    title_m = _SEED_TITLE.search(text)
    pub_m = _SEED_PUBLISHED.search(text)
    if title_m is None or pub_m is None:
        missing = "title line ('# ...')" if title_m is None else "'Published at: **date**' line"
        raise InputError(f"seed-format header is missing its {missing}", path=path)
    header_end = pub_m.end()
    author_m = _SEED_AUTHOR.search(text)
    orig_m = _SEED_ORIGINAL.search(text)
    for m in (author_m, orig_m):
        if m is not None and m.start() < 2000:
            header_end = max(header_end, m.end())
    body = text[header_end:].strip("\n")
    published = parse_published(pub_m.group("v"), path=path)
    return Article(
        id=article_id or safe_id(Path(path).stem),
        text=body,
        title=title_m.group("title").strip(),
        published=published,
        url=orig_m.group("url") if orig_m else None,
        author=author_m.group("v").strip() if author_m else None,
        source_path=path,
    )


def is_seed_format(text: str) -> bool:
    head = text[:3000]
    return bool(_SEED_TITLE.search(head)) and "Published at:" in head


def parse_json_record(obj: object, *, path: str, line: int, default_id: str,
                      dayfirst: bool | None = None,
                      warn: Callable[[str], None] | None = None,
                      plausible_dates: bool = True) -> Article:
    """One JSON Lines record -> Article: the one reader of input records (``run``, ``export``,
    ``geoparse``, the API, the scorers).

    An ``id`` that is absent, null, empty or blank gets ``default_id``; an integer id is kept
    as its digits; any other kind of id is an error (``str()`` of it would not be an id).
    ``plausible_dates=False`` accepts a ``published`` date in the future or before 1800
    (``geoparse`` uses the date only as context, never to date events).
    """
    if not isinstance(obj, dict):
        raise InputError("expected a JSON object", path=path, line=line)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("record has no 'text' string", path=path, line=line)
    text = valid_text(text)
    _check_text(text, path=path, line=line)
    raw_id = obj.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        article_id = default_id
    elif isinstance(raw_id, str):
        article_id = valid_text(raw_id)
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        article_id = str(raw_id)
    else:
        raise InputError(f"'id' must be a string or an integer, got {type(raw_id).__name__}",
                         path=path, line=line)
    spans = obj.get("spans")
    gold = None if spans is None else _parse_spans(spans, len(text), path=path, line=line)
    return Article(
        id=article_id,
        text=text,
        title=_opt_str(obj.get("title")),
        published=parse_published(obj.get("published"), path=path, line=line,
                                  dayfirst=dayfirst, warn=warn, plausible=plausible_dates),
        url=_opt_str(obj.get("url")),
        author=_opt_str(obj.get("author")),
        source_path=path,
        gold_spans=gold,
    )


def _opt_str(value: object) -> str | None:
    return valid_text(value) if isinstance(value, str) else None


def _parse_spans(spans: object, n_chars: int, *, path: str, line: int
                 ) -> tuple[tuple[int, int], ...]:
    """``[[start, end], ...]`` of whole numbers within the text (1e400, NaN, 3.5: errors)."""
    def whole(v: object) -> int | None:
        if isinstance(v, int) and not isinstance(v, bool):
            return v
        if isinstance(v, float) and v.is_integer():  # finite: inf and NaN are not
            return int(v)
        return None

    pairs = []
    for pair in spans if isinstance(spans, list) else [None]:
        ends = [whole(v) for v in pair] if isinstance(pair, list) and len(pair) == 2 else [None]
        if None in ends:
            raise InputError("'spans' must be a list of [start, end] pairs of whole numbers",
                             path=path, line=line)
        s, e = ends
        if not 0 <= s <= e <= n_chars:
            where = f"[{s}, {e}]" if max(abs(s), abs(e)) < 10**15 else "(huge number)"
            raise InputError(f"span {where} is outside the text", path=path, line=line)
        pairs.append((s, e))
    return tuple(pairs)


def iter_jsonl(stream: IO[str], *, path: str, on_error: Callable[[IngestProblem], None],
               ids: UniqueIds | None = None,
               options: ReadOptions = DEFAULT_READ_OPTIONS) -> Iterator[Article]:
    """Stream Articles from JSON Lines; bad lines go to ``on_error`` and are skipped."""
    yield from iter_records(enumerate(stream, start=1), path, on_error, ids=ids,
                            options=options)


def _decode(data: bytes, path: str) -> str:
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


def _looks_jsonl(text: str, path: str) -> bool:
    if Path(path).suffix.lower() in {".jsonl", ".ndjson"}:
        return True
    return text.lstrip()[:1] == "{"


def _read_bounded(fh: IO[bytes], path: str, already: int = 0) -> bytes:
    """The rest of a stream, refusing (without reading further) one over :data:`MAX_FILE_BYTES`
    in all (``already`` bytes were read before). Streams cannot be sized beforehand: pipes and
    /proc files report st_size 0."""
    data = fh.read(MAX_FILE_BYTES - already + 1)
    if already + len(data) > MAX_FILE_BYTES:
        raise InputError(f"input is over {MAX_FILE_BYTES:,} bytes, too large for one article",
                         path=path)
    return data


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
    if Path(path).suffix.lower() in TABLE_SUFFIXES:
        yield from read_table(path, on_error, ids=ids, options=options)
        return
    jsonl = Path(path).suffix.lower() in {".jsonl", ".ndjson"}
    if not jsonl and stat.S_ISREG(st.st_mode) and st.st_size > MAX_FILE_BYTES:
        raise InputError(f"file is {st.st_size:,} bytes, too large for one article", path=spath)
    try:
        with open(path, "rb") as raw:
            if not raw.peek(1):
                raise InputError("file is empty", path=spath)
            if jsonl:
                yield from iter_records(iter_text_lines(raw, spath, on_error), spath, on_error,
                                        ids=ids, options=options)
                return
            data = _read_bounded(raw, spath)
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read", path=spath) from None
    text = _decode(data, spath)
    if not text.strip():
        raise InputError("file has no text", path=spath)
    if _looks_jsonl(text, spath):
        yield from iter_jsonl(io.StringIO(text), path=spath, on_error=on_error, ids=ids,
                              options=options)
    elif is_seed_format(text):
        yield _claim(ids, parse_seed(text, path=spath))
    elif text.lstrip().startswith("#") and "Published" not in text[:3000]:
        raise InputError("seed-format header is missing its 'Published at: **date**' line",
                         path=spath)
    else:
        _check_text(text, path=spath)
        yield _claim(ids, Article(id=safe_id(Path(spath).stem), text=text, source_path=spath))


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
                rest = raw.readline(_SKIP_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def _too_long(path: str, lineno: int) -> IngestProblem:
    return IngestProblem(path, lineno, f"record is over the {MAX_RECORD_BYTES:,}-byte limit "
                         "for one line; skipped")


def iter_text_lines(raw: IO[bytes], path: str, on_error: Callable[[IngestProblem], None],
                    *, first_line: int = 1, max_lines: int | None = None
                    ) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` for each line of a binary stream, decoded one line at a time.

    UTF-8 (a BOM is dropped); UTF-16 when the stream starts with its BOM. A line that does not
    decode, or is over :data:`MAX_RECORD_BYTES`, is reported as ``FILE:LINE`` and skipped, so
    one bad line never costs the other lines (with UTF-16, where lines cannot be split before
    decoding, a decoding error costs the rest of the file). ``first_line``: the number of the
    stream's first line (when earlier lines were consumed already). ``max_lines``: stop after
    that many lines (a cluster worker reads its slice of a file this way).
    """
    head = raw.peek(2)[:2] if hasattr(raw, "peek") and first_line == 1 else b""
    if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        yield from _utf16_lines(raw, path, on_error)
        return
    lines = islice(_bounded_lines(raw, MAX_RECORD_BYTES), max_lines)
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
    """UTF-16 lines (each up to :data:`MAX_RECORD_BYTES` as two-byte units)."""
    fh = io.TextIOWrapper(raw, encoding="utf-16", errors="strict", newline="")
    limit = MAX_RECORD_BYTES // 2
    lineno = 0
    try:
        while True:
            line = fh.readline(limit + 1)
            if not line:
                return
            lineno += 1
            if len(line) > limit and line[-1] not in "\r\n":
                del line
                while (rest := fh.readline(_SKIP_CHUNK)) and rest[-1] not in "\r\n":
                    pass
                on_error(_too_long(path, lineno))
                continue
            yield lineno, line
    except UnicodeDecodeError as exc:
        on_error(IngestProblem(path, lineno + 1, f"invalid UTF-16 ({exc.reason}); "
                               "rest of file skipped"))
    finally:
        fh.detach()  # the caller owns (and closes) the binary stream


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
        yield _claim(ids, article, lineno)


_BLANK = b" \t\r\n"


def read_stdin(on_error: Callable[[IngestProblem], None], stream: IO[bytes] | None = None,
               *, ids: UniqueIds | None = None,
               options: ReadOptions = DEFAULT_READ_OPTIONS) -> Iterator[Article]:
    """Articles from stdin: JSON Lines (first non-blank byte ``{``) streamed line by line, each
    line bounded; else one seed/plain article, bounded by :data:`MAX_FILE_BYTES`."""
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
        yield from _stdin_text(_read_bounded(raw, "-"), on_error, ids)
        return
    lead = bytearray()  # leading white space: kept for a text article (up to the limit)
    n_lines = 0  # and counted for JSON Lines, whose line numbers must stay right
    while (buf := raw.peek(1)) and (n := len(buf) - len(buf.lstrip(_BLANK))):
        chunk = raw.read(n)
        n_lines += chunk.count(b"\n")
        if len(lead) <= MAX_FILE_BYTES:
            lead += chunk
    if raw.peek(1)[:1] == b"{":
        lines = iter_text_lines(raw, "-", on_error, first_line=n_lines + 1)
        yield from iter_records(lines, "-", on_error, ids=ids, options=options)
        return
    data = _read_bounded(raw, "-", already=len(lead))
    yield from _stdin_text(bytes(lead) + data, on_error, ids)


def _stdin_text(data: bytes, on_error: Callable[[IngestProblem], None],
                ids: UniqueIds | None) -> Iterator[Article]:
    if not data.strip():
        raise InputError("no input on stdin", path="-")
    text = _decode(data, "-")
    if text.lstrip().startswith("{"):
        yield from iter_jsonl(io.StringIO(text), path="-", on_error=on_error, ids=ids)
    elif is_seed_format(text):
        yield _claim(ids, parse_seed(text, path="-", article_id="stdin"))
    else:
        _check_text(text, path="-")
        yield _claim(ids, Article(id="stdin", text=text, source_path="-"))


def expand_inputs(inputs: Iterable[str],
                  on_error: Callable[[IngestProblem], None] | None = None, *,
                  exclude: Iterable[str | Path] = ()) -> Iterator[str]:
    """Input arguments -> file paths (folders walked in sorted order, hidden files skipped).

    Nothing is skipped silently: a missing input, a subfolder that cannot be listed, a broken
    symbolic link or a special file (FIFO, socket, device) inside a folder goes to
    ``on_error`` (or, without it, raises :class:`InputError`). Symbolic links to folders are
    not followed (no loops). ``exclude`` names this run's own outputs (its output folder or
    file): they, and everything below them, are never read as input.
    """
    skip = _identities(exclude)

    def report(path: str, message: str) -> None:
        if on_error is None:
            raise InputError(message, path=display_path(path))
        on_error(IngestProblem(display_path(path), None, message))

    for item in inputs:
        if item == "-":
            yield "-"
            continue
        p = Path(item)
        try:
            if skip and _identity(os.stat(p)) in skip:
                continue
        except OSError:
            pass
        if p.is_dir():
            yield from _walk(str(p), skip, report)
        elif p.exists():
            yield str(p)
        else:
            report(item, "no such file or directory")


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _identities(paths: Iterable[str | Path]) -> set[tuple[int, int]]:
    """The (device, inode) of each path that exists: the same file under any name."""
    out = set()
    for path in paths:
        try:
            out.add(_identity(os.stat(path)))
        except OSError:
            pass
    return out


def _walk(folder: str, skip: set[tuple[int, int]], report: Callable[[str, str], None]
          ) -> Iterator[str]:
    """The files below ``folder``, depth first in name order (as ``sorted(rglob("*"))``)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        report(folder, f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                if not (skip and _identity(entry.stat(follow_symlinks=False)) in skip):
                    yield from _walk(path, skip, report)
            elif entry.is_file():
                if not (skip and _identity(entry.stat()) in skip):
                    yield path
            elif entry.is_symlink():
                if not os.path.exists(path):
                    report(path, f"broken symbolic link (to {os.readlink(path)})")
                elif not os.path.isdir(path):  # links to folders are not followed
                    report(path, "not a regular file (FIFO, socket or device); skipped")
            else:
                report(path, "not a regular file (FIFO, socket or device); skipped")
        except OSError as exc:
            report(path, exc.strerror or str(exc))


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
    Rows without an id get ``STEM-ROW``. Every field is bounded by :data:`MAX_FILE_BYTES`.
    """
    import csv

    spath = display_path(path)
    delimiter = TABLE_SUFFIXES.get(Path(path).suffix.lower(), ",")
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)  # an article's text can be long
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
                    _check_text(text, path=spath, line=line)
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
                yield _claim(ids, article, line)
    except UnicodeDecodeError:
        raise InputError("invalid UTF-8 (save the table as UTF-8)", path=spath) from None
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read", path=spath) from None


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
