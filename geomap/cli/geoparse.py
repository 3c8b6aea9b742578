"""``geomap geoparse``: places only, JSON Lines in and out (the stable machine interface)."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter, deque
from collections.abc import Iterator
from typing import IO, Any

import click

from geomap import serialize
from geomap.cli import EXIT_PARTIAL
from geomap.cli.options import (
    error,
    gazetteer_option,
    input_options,
    progress_bar,
    recognizer_option,
    warn,
)
from geomap.errors import InputError
from geomap.types import Article, Toponym


def place_dict(t: Toponym) -> dict[str, Any]:
    """One output place (see ``geomap geoparse --help``), read from the toponym's serialised
    form (:func:`geomap.serialize.to_data`). ``place_id`` (``gn:<geonameid>``, ``user:...``,
    a curated ``geomap:...`` id) joins every kind of place downstream."""
    d = serialize.to_data(t)
    m, p = d["mention"], d["place"] or {}
    return {
        "start": m["start"],
        "end": m["end"],
        "text": m["text"],
        "name": p.get("name", m["name"]),
        "lat": p.get("lat"),
        "lon": p.get("lon"),
        "place_id": p.get("id"),
        **{k: p.get(k) for k in ("geonameid", "country_code", "feature_code", "kind")},
        "mention_kind": m["kind"],
        "feature": m["feature"],
        "confidence": d["confidence"],
        "reason": d["reason"],
        "alternatives": [_alt(a) for a in d["alternatives"]],
    }


def _alt(p: dict[str, Any]) -> dict[str, Any]:
    return {"name": p["name"], "place_id": p["id"], "geonameid": p["geonameid"],
            "lat": p["lat"], "lon": p["lon"], "country_code": p["country_code"]}


def _read_record(line: str, *, path: str, line_no: int) -> tuple[Article, Any]:
    """One input line -> (its Article, with the line number as id so repeated ids stay
    apart; the record's own ``id``, echoed as given, whatever JSON value it is). Read by the
    one record reader, :func:`geomap.ingest.parse_json_record`; raises :class:`InputError`."""
    from geomap.ingest import load_json_line, parse_json_record

    rec = load_json_line(line, path=path, line_no=line_no)
    doc_id = rec.get("id") if isinstance(rec, dict) else None
    fields = {**rec, "id": None} if isinstance(rec, dict) else rec  # the id is only echoed
    article = parse_json_record(fields, path=path, line=line_no, default_id=str(line_no),
                                plausible_dates=False)
    return article, doc_id


@click.command()
@click.argument("input_file", default="-", metavar="[FILE|-]")
@click.option("-o", "--output", default="-", show_default=True,
              help="Output JSON Lines file ('-' for stdout); a file is written atomically.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes (0 = all cores; small inputs run in one process).")
@click.option("--progress", is_flag=True, help="Show progress on stderr even when not a TTY.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@gazetteer_option
@recognizer_option
@input_options
def geoparse(input_file: str, output: str, jobs: int, progress: bool, quiet: bool,
             gazetteer_path: str | None, recognizer: str, read_options=None) -> int:
    """Find and resolve the places in JSON Lines documents.

    \b
    In:  one JSON object per line: {"id": ..., "text": ..., "published": "2019-11-06"?,
         "spans": [[start, end], ...]?}. With "spans", exactly those spans are resolved
         (one place per span, same order); without, geomap finds the mentions itself.
    Out: one line per document, in input order: {"id": ..., "language": "fr" (ISO 639-1,
         identified; a language geomap does not read is warned about on stderr),
         "places": [{start, end, text,
         name, lat, lon, place_id, geonameid, country_code, feature_code, kind, mention_kind,
         feature, confidence, reason,
         alternatives: [{name, place_id, geonameid, lat, lon, country_code}]}]}.
         lat/lon/place_id are null when a mention is unresolved; it is still listed.
         place_id is gn:<geonameid>, user:<name> or a curated geomap:<slug>.
    A record is read as 'geomap run' reads it, except that any "published" date is taken.
    confidence estimates P(chosen place within 161 km of the truth).
    Other inputs are read as 'geomap run' reads them: a CSV/TSV of articles (one per row;
    --text-col, --id-col, ...), a seed-format article or plain text (one document, whose
    "id" is the file's name, or "stdin").
    A bad line is reported on stderr as 'geomap: error: FILE:LINE: reason' and skipped;
    the exit code is then 3. Example:  geomap geoparse docs.jsonl -o places.jsonl
    """
    from geomap.batch import iter_results
    from geomap.cli.options import (
        check_gazetteer,
        note_language,
        raise_if_environment,
        require_inputs,
    )
    from geomap.export import AtomicWriter
    from geomap.ingest import IngestProblem, iter_text_lines

    require_inputs((input_file,))  # a mistyped path: exit 2, before anything is written
    name = "<stdin>" if input_file == "-" else input_file
    failures = 0
    show = (progress or sys.stderr.isatty()) and not quiet
    check_gazetteer(gazetteer_path, quiet=quiet)  # builds the default once, before any worker

    def on_bad_line(problem: IngestProblem) -> None:  # undecodable line: FILE:LINE
        nonlocal failures
        failures += 1
        error(f"{name}:{problem.line}: {problem.message}")

    # (article, the record's own id) in input order; workers see only the Article
    pending: deque[tuple[Article, Any]] = deque()

    def articles(src: IO[bytes]) -> Iterator[Article]:
        nonlocal failures
        for lineno, line in iter_text_lines(src, name, on_bad_line):
            if not line.strip():
                continue
            try:
                art, doc_id = _read_record(line, path=name, line_no=lineno)
            except InputError as exc:
                failures += 1
                error(str(exc))
                continue
            pending.append((art, doc_id))
            yield art

    def on_article_error(article: Article, exc: Exception) -> None:
        raise_if_environment(exc)  # e.g. spaCy not installed: one error, not one per line
        nonlocal failures
        failures += 1
        error(f"{name}:{article.id}: {exc}")

    if not _is_json_lines(input_file):
        return _geoparse_documents(input_file, output, jobs, show, gazetteer_path, recognizer,
                                   read_options)
    src = (
        sys.stdin.buffer if input_file == "-"
        else open(input_file, "rb")  # noqa: SIM115 - closed below
    )
    if input_file != "-" and os.fstat(src.fileno()).st_size == 0:
        failures += 1
        error(f"{name}: file is empty")
    try:
        unhandled: Counter[str] = Counter()
        with AtomicWriter(output) as out, progress_bar("geoparse", quiet=not show) as bar:
            for result in iter_results(articles(src), gazetteer_path=gazetteer_path,
                                       recognizer=recognizer, with_events=False, jobs=jobs,
                                       on_error=on_article_error):
                while pending:
                    art, doc_id = pending.popleft()
                    if art.id == result.article.id:
                        note_language(result, unhandled, str(doc_id))
                        out.write(json.dumps(
                            {"id": doc_id, "language": result.language,
                             "places": [place_dict(t) for t in result.toponyms]},
                            ensure_ascii=False,
                        ))
                        out.write("\n")
                        bar.advance()
                        break
                    # else: that article failed and was reported by on_article_error
    finally:
        if input_file != "-":
            src.close()
    if failures:
        sys.exit(EXIT_PARTIAL)
    return 0


_JSONL_SNIFF_BYTES = 4096
"""Leading bytes looked at to tell JSON Lines from other inputs."""


def _is_json_lines(input_file: str) -> bool:
    """Whether the input is JSON Lines (its first non-blank character is ``{``) and not a
    CSV/TSV table; stdin is peeked at without being consumed."""
    import io
    from pathlib import Path

    from geomap.ingest import TABLE_SUFFIXES

    if input_file == "-":
        if sys.stdin is None or sys.stdin.isatty():
            return True  # the JSON Lines path reports a closed or terminal stdin
        raw = sys.stdin.buffer
        if not hasattr(raw, "peek"):
            sys.stdin = io.TextIOWrapper(io.BufferedReader(raw))  # type: ignore[arg-type]
            raw = sys.stdin.buffer
        head = raw.peek(_JSONL_SNIFF_BYTES)[:_JSONL_SNIFF_BYTES]
    else:
        if Path(input_file).suffix.lower() in TABLE_SUFFIXES:
            return False
        try:
            with open(input_file, "rb") as fh:
                head = fh.read(_JSONL_SNIFF_BYTES)
        except OSError:
            return True  # reported by the JSON Lines path, as before
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return not head or head[:1] == b"{" or head[:2] in (b"\xff\xfe", b"\xfe\xff")


def _geoparse_documents(input_file: str, output: str, jobs: int, show: bool,
                        gazetteer_path: str | None, recognizer: str, read_options) -> int:
    """geoparse over articles read as ``run`` reads them (tables, seed files, plain text)."""
    from geomap.batch import iter_results
    from geomap.cli.options import FailureReport
    from geomap.export import AtomicWriter
    from geomap.ingest import DEFAULT_READ_OPTIONS, iter_articles

    report = FailureReport()
    articles = iter_articles([input_file], report.problem,
                             options=read_options or DEFAULT_READ_OPTIONS)
    n = 0
    with AtomicWriter(output) as out, progress_bar("geoparse", quiet=not show) as bar:
        for result in iter_results(articles, gazetteer_path=gazetteer_path,
                                   recognizer=recognizer, with_events=False, jobs=jobs,
                                   on_error=report.article_failed):
            out.write(json.dumps({"id": result.article.id,
                                  "places": [place_dict(t) for t in result.toponyms]},
                                 ensure_ascii=False) + "\n")
            n += 1
            bar.advance()
    if not n and not report.count:
        warn("no documents were read")
    if report.count:
        sys.exit(EXIT_PARTIAL)
    return 0
