"""One exception tree for geomap.

Every error subclasses :class:`GeomapError` and, where it fits, a builtin, so callers can catch
either (the geopy pattern). The CLI turns any ``GeomapError`` into one line on stderr and exit 1.
"""

from __future__ import annotations


class GeomapError(Exception):
    """Base of every error geomap raises on purpose."""

    exit_code = 1


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


class GazetteerError(GeomapError):
    """The gazetteer is missing, corrupt, or cannot be built or imported."""


class GazetteerNotFound(GazetteerError, FileNotFoundError):
    """No gazetteer database at the configured path."""


class DataError(GeomapError):
    """Bundled reference data (borders, registry data) is missing or unreadable."""


class OutputError(GeomapError, OSError):
    """An output cannot be written (permissions, disk full, ...)."""


class ConfigurationError(GeomapError, ValueError):
    """An option or setting has an invalid value."""
