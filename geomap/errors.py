"""One exception tree for geomap.

Every error subclasses :class:`GeomapError` and, where it fits, a builtin, so callers can catch
either (the geopy pattern). The CLI turns any ``GeomapError`` into one line on stderr and exit 1.

Errors cross process boundaries (worker processes, Dask workers) as themselves: every class
pickles with its message and attributes, and :attr:`GeomapError.fatal` says whether it stops
the run (an error of the set-up, which every other article would hit too) or costs only the
article it was raised for.
"""

from __future__ import annotations

from typing import Any, ClassVar


class GeomapError(Exception):
    """Base of every error geomap raises on purpose."""

    exit_code: ClassVar[int] = 1
    fatal: ClassVar[bool] = False
    """True for errors of the set-up (gazetteer, reference data, configuration, outputs, worker
    processes): the run stops with this error, in whatever process it was raised, instead of
    skipping one article."""

    def __reduce__(self) -> tuple[Any, ...]:
        # The default (``cls(*self.args)`` then the attributes) calls ``__init__`` with the
        # formatted message only, which fails for classes with other or keyword-only arguments.
        args = self.args
        if isinstance(self, OSError) and self.filename is not None:  # not part of OSError.args
            args = (self.errno, self.strerror, self.filename, None, self.filename2)
        return (_rebuild, (type(self), args, dict(self.__dict__)))


def _rebuild(cls: type[GeomapError], args: tuple[Any, ...], state: dict[str, Any]) -> GeomapError:
    """Unpickle a :class:`GeomapError` without calling its ``__init__``."""
    exc = cls.__new__(cls, *args)  # sets ``args`` (and OSError's errno, filename, ...)
    exc.__dict__.update(state)
    return exc


class InputError(GeomapError, ValueError):
    """An input file or record cannot be read (names the file and, when known, the line)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class ArticleFailed(GeomapError):
    """An article raised in a worker process; its error's type name and message come back.

    ``str()`` is ``"<Type>: <message>"``, as the worker saw it. Only errors that cost one
    article travel this way; set-up errors travel as themselves (``fatal``).
    """

    def __init__(self, article_id: str, error: str):
        self.article_id = article_id
        self.error = error
        super().__init__(error)


class GazetteerError(GeomapError):
    """The gazetteer is missing, corrupt, or cannot be built or imported."""

    fatal = True


class GazetteerNotFound(GazetteerError, FileNotFoundError):
    """No gazetteer database at the configured path."""


class BorderError(GeomapError, ValueError):
    """A border distance was asked for what has none: two countries that share no land
    border, or coordinates off the globe. Costs only the article (a ``ValueError`` too, so
    callers catching that keep working)."""


class DataError(GeomapError):
    """Bundled reference data (borders, registry data) is missing or unreadable."""

    fatal = True


class OutputError(GeomapError, OSError):
    """An output cannot be written (permissions, disk full, ...)."""

    fatal = True


class ConfigurationError(GeomapError, ValueError):
    """An option or setting has an invalid value."""

    fatal = True


class WorkerError(GeomapError):
    """Worker processes cannot run: they could not start the pipeline, or keep dying."""

    fatal = True
