"""Shared fixtures: the default gazetteer (built once per session) and the reference data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from geomap.settings import SHARED_DATA_ENV, default_gazetteer_path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The reference data folder (``$GEOMAP_SHARED_DATA``); skips the test when unset."""
    env = os.environ.get(SHARED_DATA_ENV)
    if not env:
        pytest.skip(f"{SHARED_DATA_ENV} is not set (reference data not available)")
    path = Path(env)
    if not path.is_dir():
        pytest.skip(f"{SHARED_DATA_ENV}={env} is not a directory")
    return path


@pytest.fixture(scope="session")
def gazetteer_path() -> Path:
    """Path of the default gazetteer, built on first use (shared with the CLI's default)."""
    from geomap.gazetteer import open_gazetteer

    path = default_gazetteer_path()
    gaz = open_gazetteer(path, build_if_missing=True, progress=False)
    gaz.close()
    return path


@pytest.fixture(scope="session")
def gazetteer(gazetteer_path: Path):
    """The default gazetteer, opened read-only once for the session."""
    from geomap.gazetteer import open_gazetteer

    gaz = open_gazetteer(gazetteer_path, build_if_missing=False, progress=False)
    yield gaz
    gaz.close()


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of a Chromium binary for browser tests; skips when none is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium installed (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article shipped in the repository."""
    return Path(__file__).resolve().parent.parent / "seeds" / "000_70ed376d072bdc9b.txt"
