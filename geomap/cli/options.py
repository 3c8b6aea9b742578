"""Options and helpers shared by several subcommands (defined once, the fio pattern)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from geomap.registry import recognizers


class _OneLineBadParameter(click.BadParameter):
    """A bad option value: one ``geomap: error:`` line (no usage block), exit 2."""

    def show(self, file: object = None) -> None:
        from geomap.cli import error_line

        error_line(self.format_message())


def existing_gazetteer(ctx: click.Context, param: click.Parameter,
                       value: str | None) -> str | None:
    """A gazetteer given explicitly (option or GEOMAP_GAZETTEER) must be an existing file:
    only the default location is built on first use, so a typo never gets a new 140 MB
    gazetteer built at it and used."""
    if value is None:
        return None
    path = Path(value)
    if path.is_file():
        return value
    if path.exists():
        why = "it is not a regular file"
    else:
        why = (f"it does not exist; create it with 'geomap gazetteer build --gazetteer {path}', "
               "or omit it to use the default gazetteer")
    raise _OneLineBadParameter(f"no gazetteer at {path}: {why}", ctx=ctx, param=param)


def gazetteer_path_option(dest: str, help: str, **kwargs):
    """``--gazetteer`` (the one name every command uses) with ``--db`` as a hidden alias (its
    old name on the ``gazetteer`` subcommands); the value arrives as ``dest``."""
    from functools import wraps

    def decorate(f):
        @wraps(f)
        def wrapper(*args, db_alias=None, **kw):
            if kw.get(dest) is None:
                kw[dest] = db_alias
            return f(*args, **kw)

        alias = {k: v for k, v in kwargs.items() if k not in ("envvar", "show_envvar")}
        wrapper = click.option("--db", "db_alias", hidden=True, default=None, **alias)(wrapper)
        return click.option("--gazetteer", dest, default=None, help=help, **kwargs)(wrapper)

    return decorate


gazetteer_option = gazetteer_path_option(
    "gazetteer_path", type=click.Path(), envvar="GEOMAP_GAZETTEER", show_envvar=True,
    callback=existing_gazetteer,
    help="Existing SQLite gazetteer to use [default: gazetteer/geomap.sqlite, built on first "
         "use].",
)
def input_options(f):
    """The options for reading analysts' inputs (CSV/TSV tables, dates), shared by ``run``,
    ``export`` and ``geoparse``; they arrive as one ``read_options`` argument."""
    from functools import wraps

    @wraps(f)
    def wrapper(*args, text_col=None, id_col=None, date_col=None, title_col=None,
                url_col=None, dayfirst=None, **kwargs):
        from geomap.ingest import ReadOptions

        kwargs["read_options"] = ReadOptions(text_col, id_col, date_col, title_col, url_col,
                                             dayfirst)
        return f(*args, **kwargs)

    for name, what in reversed([
        ("text", "article text [default: text, body, content, article, ...]"),
        ("id", "article id [default: id, article_id, doc_id, guid, ...]"),
        ("date", "publication date [default: published, date, pub_date, ...]"),
        ("title", "title [default: title, headline]"),
        ("url", "URL [default: url, link, source_url]"),
    ]):
        wrapper = click.option(f"--{name}-col", f"{name}_col", metavar="NAME", default=None,
                               help=f"CSV/TSV input: the column of the {what}.")(wrapper)
    wrapper = click.option(
        "--dayfirst/--monthfirst", "dayfirst", default=None,
        help="Read numeric dates such as 05/03/2024 day first (5 March) or month first "
             "(3 May) [default: month first, with a warning for each ambiguous date].",
    )(wrapper)
    return wrapper


quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
recognizer_option = click.option(
    "--recognizer", type=click.Choice(recognizers.names()), default="gazetteer",
    show_default=True,
    help="Place-name recognizer (geomap.registry.recognizers): 'gazetteer' needs no model; "
         "'spacy' needs `pip install geomap[ner]`.",
)

stderr = Console(stderr=True, highlight=False)


def warn(message: str) -> None:
    """One line on stderr (never stdout, which may carry data), control characters shown."""
    from geomap.cli import message_line

    message_line(message)


def error(message: str) -> None:
    """One error line on stderr (the same format as the CLI's top-level errors)."""
    from geomap.cli import error_line

    error_line(message)


class _NullProgress:
    def advance(self, n: int = 1) -> None:
        pass


class _RichProgress:
    def __init__(self, progress: Progress, task: int):
        self._p, self._t = progress, task

    def advance(self, n: int = 1) -> None:
        self._p.advance(self._t, n)


@contextmanager
def progress_bar(description: str, total: int | None = None, *, quiet: bool = False,
                 unit: str = "docs") -> Iterator[_NullProgress | _RichProgress]:
    """A progress bar with count, rate and ETA on stderr; silent when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield _NullProgress()
        return
    columns = [
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(),
        TextColumn("[cyan]{task.fields[rate]}"),
        TimeElapsedColumn(), TimeRemainingColumn(),
    ]
    with Progress(*columns, console=stderr, transient=False, refresh_per_second=4) as p:
        task = p.add_task(description, total=total, rate="")
        handle = _RichProgress(p, task)
        orig = handle.advance

        def advance(n: int = 1) -> None:
            orig(n)
            speed = p.tasks[task].speed
            if speed:
                p.update(task, rate=f"{speed:.1f} {unit}/s")

        handle.advance = advance  # type: ignore[method-assign]
        yield handle


def check_gazetteer(path: str | None, *, quiet: bool = False) -> None:
    """Open the gazetteer once (building the default on first use) before any output is
    touched: a missing, empty or corrupt gazetteer is then one error line and exit 1, not a
    run that reports every article as failed and writes empty files."""
    from geomap.errors import GazetteerError
    from geomap.gazetteer import open_gazetteer
    from geomap.settings import default_gazetteer_path

    try:
        open_gazetteer(path, progress=not quiet).close()
    except GazetteerError:
        raise
    except OSError as exc:
        where = path or default_gazetteer_path()
        raise GazetteerError(f"cannot open or build the gazetteer at {where}: "
                             f"{exc.strerror or exc}") from None


def raise_if_environment(exc: BaseException) -> None:
    """Re-raise errors of the set-up, not of one article (``GeomapError.fatal``: gazetteer or
    reference data unreadable, disk full): every other article would fail the same way, and
    going on would replace good outputs with empty ones. Worker processes send these back as
    their own class, so they are recognised here too."""
    from geomap.errors import GeomapError

    if isinstance(exc, GeomapError) and exc.fatal:
        raise exc


class FailureReport:
    """Counts and reports what failed during a run, one stderr line each: unreadable records
    (from ingest) and articles a stage could not process. Errors of the set-up itself are
    re-raised (see :func:`raise_if_environment`)."""

    def __init__(self) -> None:
        self.count = 0

    def problem(self, problem: object) -> None:
        if getattr(problem, "warning", False):  # read after all (e.g. an id renamed)
            warn(f"warning: {problem}")
            return
        self.count += 1
        error(str(problem))

    def article_failed(self, article: object, exc: Exception) -> None:
        from geomap.batch import describe_error

        raise_if_environment(exc)  # e.g. borders data unreadable: exit 1, outputs kept
        self.count += 1
        error(f"{getattr(article, 'source_path', None) or '-'}: article "
              f"{getattr(article, 'id', '?')!r} failed: {describe_error(exc)}")

    @property
    def exit_code(self) -> int:
        """3 (some records failed, the rest were written) or 0."""
        return 3 if self.count else 0


def require_inputs(inputs: tuple[str, ...]) -> None:
    """A missing input path is a usage error (exit 2), found before anything is built or
    written: one ``geomap: error: PATH: no such file or directory`` line per path. ``-`` and
    URLs (``scheme://``, read by the workers of a cluster run) are not checked here."""
    import os

    from geomap.cli import EXIT_USAGE

    missing = [i for i in inputs
               if i != "-" and "://" not in i and not os.path.exists(i)]
    for item in missing:
        error(f"{item}: no such file or directory")
    if missing:
        raise click.exceptions.Exit(EXIT_USAGE)


def note_language(result: Any, unhandled: Counter[str], doc_id: str | None = None) -> None:
    """One warning line per article (named ``doc_id``, else its id) in a language geomap has
    no rules for (also with ``--quiet``, which silences progress and summaries, not
    warnings); counted."""
    from geomap.lang.identify import HANDLED, handled

    language = result.language
    if handled(language):
        return
    unhandled[language] += 1
    warn(f"warning: {doc_id or result.article.id}: written in language {language!r}, which geomap "
         f"does not read ({', '.join(HANDLED)}); read with the English rules, so places "
         "and events may be missing")


def unhandled_summary(unhandled: Counter[str]) -> str:
    """" (2 in languages geomap does not read: de 1, es 1)" for a summary line, or nothing."""
    if not unhandled:
        return ""
    parts = ", ".join(f"{lang} {n}" for lang, n in sorted(unhandled.items()))
    return f" ({sum(unhandled.values())} in languages geomap does not read: {parts})"
