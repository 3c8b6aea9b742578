"""The gazetteer: an embedded SQLite store of places and their names.

``open_gazetteer()`` is the one entry point: it opens the default gazetteer read-only, building
it from the registry packages on first use (with a progress bar on stderr).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from geomap.errors import GazetteerError, GazetteerNotFound
from geomap.gazetteer.base import Gazetteer
from geomap.gazetteer.normalize import name_key
from geomap.gazetteer.sqlite import SQLiteGazetteer
from geomap.settings import default_gazetteer_path

__all__ = ["Gazetteer", "SQLiteGazetteer", "build_default", "name_key", "open_gazetteer"]


def build_default(path: str | Path | None = None, progress: bool = True) -> Path:
    """Build the default gazetteer (registry packages only) at ``path``; returns the path."""
    from geomap.gazetteer.build import build_default as _build

    return _build(Path(path) if path is not None else default_gazetteer_path(), progress=progress)


def open_gazetteer(
    path: str | Path | None = None, *, build_if_missing: bool = True, progress: bool = True
) -> SQLiteGazetteer:
    """Open the gazetteer at ``path`` (default: :func:`geomap.settings.default_gazetteer_path`).

    A missing default gazetteer is built on first use unless ``build_if_missing`` is False,
    in which case :class:`~geomap.errors.GazetteerNotFound` is raised.
    """
    path = Path(path) if path is not None else default_gazetteer_path()
    if not path.is_file():
        if not build_if_missing:
            raise GazetteerNotFound(f"no gazetteer at {path} (run 'geomap gazetteer build')")
        try:
            with _build_lock(path):
                if not path.is_file():  # another process may have built it while we waited
                    build_default(path, progress=progress)
        except GazetteerError:
            raise
        except OSError as exc:  # e.g. its folder cannot be created: say which file, and why
            raise GazetteerError(f"no gazetteer at {path}, and one cannot be built there: "
                                 f"{exc.strerror or exc}") from None
    return SQLiteGazetteer(path)


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """One builder at a time per gazetteer file (workers starting together wait for it)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: builds stay atomic, merely duplicated
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + "-build.lock"), "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
