"""Ingest: turn files, folders and stdin into :class:`~geomap.types.Article` objects, streaming.

Formats (detected per file):

* the seed format (markdown-like): ``# Title``, ``Published at: **ISO date**``, ``Author: **X**``,
  ``Original: [site](url)``, then the body;
* JSON Lines: one object per line with ``text`` (required) and optional ``id``, ``title``,
  ``published``, ``url``, ``author``, ``spans``;
* anything else: plain UTF-8 text, one article per file.

Bad records raise :class:`~geomap.errors.InputError` naming the file and line; :func:`iter_articles`
reports them through ``on_error`` and goes on, so one bad record never costs the others.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from geomap.errors import InputError
from geomap.types import Article

MAX_ARTICLE_CHARS = 5_000_000
"""Longer texts are rejected: far beyond any news article, and a sign of a wrong input file."""

TEXT_SUFFIXES = {".txt", ".md", ".text", ".jsonl", ".ndjson", ".json", ""}

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

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


def parse_published(value: object, *, path: str | None = None, line: int | None = None) -> datetime | None:
    """Parse an ISO 8601 publication date; None when absent.

    Dates more than a day in the future or before 1800 are rejected (they would silently
    mis-date every relative date in the article).
    """
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"'published' must be an ISO date string, got {type(value).__name__}",
                         path=path, line=line)
    text = value.strip()
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"'published' is not an ISO 8601 date: {text[:40]!r}", path=path,
                         line=line) from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    now = datetime.now(UTC)
    if dt.year < 1800:
        raise InputError(f"'published' is implausibly old: {text[:40]!r}", path=path, line=line)
    if (dt - now).days >= 1:
        raise InputError(f"'published' is in the future: {text[:40]!r}", path=path, line=line)
    return dt


def safe_id(raw: str) -> str:
    """An article id safe to use in file names and event ids (no separators, bounded length)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", raw).strip("._")
    if not cleaned or len(cleaned) > 80:
        digest = hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        cleaned = (cleaned[:60] + "_" + digest) if cleaned else digest
    return cleaned


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


def parse_json_record(obj: object, *, path: str, line: int, default_id: str) -> Article:
    """One JSON Lines record -> Article."""
    if not isinstance(obj, dict):
        raise InputError("expected a JSON object", path=path, line=line)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("record has no 'text' string", path=path, line=line)
    _check_text(text, path=path, line=line)
    raw_id = obj.get("id", default_id)
    spans = obj.get("spans")
    gold: tuple[tuple[int, int], ...] | None = None
    if spans is not None:
        try:
            gold = tuple((int(s), int(e)) for s, e in spans)
        except (TypeError, ValueError):
            raise InputError("'spans' must be a list of [start, end] pairs", path=path,
                             line=line) from None
        for s, e in gold:
            if not 0 <= s <= e <= len(text):
                raise InputError(f"span [{s}, {e}] is outside the text", path=path, line=line)
    title = obj.get("title")
    url = obj.get("url")
    return Article(
        id=str(raw_id),
        text=text,
        title=title if isinstance(title, str) else None,
        published=parse_published(obj.get("published"), path=path, line=line),
        url=url if isinstance(url, str) else None,
        author=obj.get("author") if isinstance(obj.get("author"), str) else None,
        source_path=path,
        gold_spans=gold,
    )


def iter_jsonl(stream: IO[str], *, path: str,
               on_error: Callable[[IngestProblem], None]) -> Iterator[Article]:
    """Stream Articles from JSON Lines; bad lines go to ``on_error`` and are skipped."""
    yield from iter_records(enumerate(stream, start=1), path, on_error)


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


def read_file(path: Path, on_error: Callable[[IngestProblem], None]) -> Iterator[Article]:
    """Articles from one file (any supported format)."""
    spath = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read", path=spath) from None
    if size == 0:
        raise InputError("file is empty", path=spath)
    if Path(path).suffix.lower() in {".jsonl", ".ndjson"}:
        yield from _iter_jsonl_file(path, on_error)
        return
    if size > MAX_ARTICLE_CHARS * 4:
        raise InputError(f"file is {size:,} bytes, too large for one article", path=spath)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read", path=spath) from None
    text = _decode(data, spath)
    if not text.strip():
        raise InputError("file has no text", path=spath)
    if _looks_jsonl(text, spath):
        import io

        yield from iter_jsonl(io.StringIO(text), path=spath, on_error=on_error)
    elif is_seed_format(text):
        yield parse_seed(text, path=spath)
    elif text.lstrip().startswith("#") and "Published" not in text[:3000]:
        raise InputError("seed-format header is missing its 'Published at: **date**' line",
                         path=spath)
    else:
        _check_text(text, path=spath)
        yield Article(id=safe_id(path.stem), text=text, source_path=spath)


def _iter_jsonl_file(path: Path, on_error: Callable[[IngestProblem], None]) -> Iterator[Article]:
    spath = str(path)
    with open(path, "rb") as raw:
        yield from iter_records(iter_text_lines(raw, spath, on_error), spath, on_error)


def iter_text_lines(raw: IO[bytes], path: str, on_error: Callable[[IngestProblem], None]
                    ) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` for each line of a binary stream, decoded one line at a time.

    UTF-8 (a BOM is dropped); UTF-16 when the stream starts with its BOM. A line that does not
    decode is reported as ``FILE:LINE`` and skipped, so one bad byte never costs the other
    lines (with UTF-16, where lines cannot be split before decoding, the rest of the file).
    """
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        import io

        fh = io.TextIOWrapper(raw, encoding="utf-16", errors="strict", newline="")
        lineno = 0
        while True:
            try:
                line = fh.readline()
            except UnicodeDecodeError as exc:
                on_error(IngestProblem(path, lineno + 1, f"invalid UTF-16 ({exc.reason}); "
                                       "rest of file skipped"))
                return
            if not line:
                return
            lineno += 1
            yield lineno, line
    for lineno, bline in enumerate(raw, start=1):
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


def iter_records(lines: Iterable[tuple[int, str]], path: str,
                  on_error: Callable[[IngestProblem], None]) -> Iterator[Article]:
    """JSON Lines records -> Articles; a bad record is reported and skipped."""
    stem = safe_id(Path(path).stem) if path != "-" else "stdin"
    for lineno, line in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            yield parse_json_record(obj, path=path, line=lineno, default_id=f"{stem}-{lineno}")
        except json.JSONDecodeError as exc:
            on_error(IngestProblem(path, lineno, f"invalid JSON ({exc.msg})"))
        except InputError as exc:
            on_error(IngestProblem(path, lineno, exc.message))


def read_stdin(on_error: Callable[[IngestProblem], None], stream: IO[bytes] | None = None
               ) -> Iterator[Article]:
    """Articles from stdin: JSON Lines streamed line by line, else one seed/plain article."""
    raw = stream if stream is not None else sys.stdin.buffer
    first = raw.peek(1)[:1] if hasattr(raw, "peek") else b""
    if first == b"{":
        yield from iter_records(iter_text_lines(raw, "-", on_error), "-", on_error)
        return
    data = raw.read()
    if not data.strip():
        raise InputError("no input on stdin", path="-")
    text = _decode(data, "-")
    if text.lstrip().startswith("{"):
        import io

        yield from iter_jsonl(io.StringIO(text), path="-", on_error=on_error)
    elif is_seed_format(text):
        yield parse_seed(text, path="-", article_id="stdin")
    else:
        _check_text(text, path="-")
        yield Article(id="stdin", text=text, source_path="-")


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
            raise InputError(message, path=path)
        on_error(IngestProblem(path, None, message))

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


def iter_articles(inputs: Iterable[str], on_error: Callable[[IngestProblem], None], *,
                  exclude: Iterable[str | Path] = ()) -> Iterator[Article]:
    """Stream every article from files, folders and ``-``; problems go to ``on_error``.

    A bad file (binary, empty, bad header, unreadable, a broken link) is reported and skipped;
    the others go on. ``exclude``: this run's own outputs, never read (see :func:`expand_inputs`).
    """
    for item in inputs:
        try:
            paths = list(expand_inputs([item], on_error, exclude=exclude))
        except InputError as exc:
            on_error(IngestProblem(exc.path or item, exc.line, exc.message))
            continue
        for spath in paths:
            try:
                if spath == "-":
                    yield from read_stdin(on_error)
                else:
                    yield from read_file(Path(spath), on_error)
            except InputError as exc:
                on_error(IngestProblem(exc.path or spath, exc.line, exc.message))
