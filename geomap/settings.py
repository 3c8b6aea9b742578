"""Settings in one place, with documented defaults (overridable by environment variables)."""

from __future__ import annotations

import os
from pathlib import Path

GAZETTEER_ENV = "GEOMAP_GAZETTEER"
"""Path of the SQLite gazetteer; default ``gazetteer/geomap.sqlite`` under the project root
when run from a checkout, else ``~/.cache/geomap/geomap.sqlite``."""

SHARED_DATA_ENV = "GEOMAP_SHARED_DATA"
"""Folder of reference data for tests and benchmarks only (never needed at run time)."""


def default_gazetteer_path() -> Path:
    """The gazetteer to use: ``$GEOMAP_GAZETTEER``, else :func:`builtin_gazetteer_path`."""
    env = os.environ.get(GAZETTEER_ENV)
    if env:
        return Path(env)
    return builtin_gazetteer_path()


def builtin_gazetteer_path() -> Path:
    """Where the default gazetteer lives when no path is given: the only place geomap builds
    one on first use (a path given explicitly must exist, so a typo never builds one)."""
    here = Path(__file__).resolve().parent.parent
    if (here / "pyproject.toml").exists() and (here / "gazetteer").is_dir():
        return here / "gazetteer" / "geomap.sqlite"
    return Path.home() / ".cache" / "geomap" / "geomap.sqlite"
