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


class DictGazetteer:
    """A gazetteer held in dicts, with no file: a second implementation of
    :class:`geomap.gazetteer.base.Gazetteer`, so a caller that works on it uses the protocol
    alone. ``rows`` are (place, [(name, name_type), ...]) as a writer takes them."""

    path = None

    def __init__(self, rows, labels=None):
        from geomap.gazetteer.normalize import name_key
        from geomap.types import Candidate

        self._places = {p.id: p for p, _names in rows}
        self._names: dict = {}
        for p, names in rows:
            for name, name_type in [(p.name, "name"), *names]:
                self._names.setdefault(name_key(name), []).append(Candidate(p, name, name_type))
        self._labels = dict(labels or {})

    def lookup(self, name, *, country=None):
        from geomap.gazetteer.normalize import name_key

        return [c for c in self._names.get(name_key(name), [])
                if country is None or c.place.country_code == country.upper()]

    def search(self, name, *, country=None, limit=10):
        found = self.lookup(name, country=country)
        return sorted(found, key=lambda c: -c.place.population)[:limit]

    def get(self, place_id):
        return self._places.get(place_id)

    def country(self, code):
        return next((p for p in self._places.values()
                     if p.kind == "country" and p.country_code == code.upper()), None)

    def places_in(self, country, kind):
        return [p for p in self._places.values()
                if p.country_code == country.upper() and p.kind == kind]

    def admin_label(self, country, admin1, admin2=None):
        return self._labels.get(".".join((country.upper(), admin1, *((admin2,) if admin2 else ()))))

    def iter_names(self):
        for key, cands in self._names.items():
            for name_type in dict.fromkeys(c.name_type for c in cands):
                yield key, name_type

    def important_alternates(self, min_population, kinds):
        from geomap.gazetteer.base import alternates_by_lookup

        return alternates_by_lookup(self, min_population, kinds)

    def info(self):
        return {"build_date": "dict", "updated": None, "names": len(self._names),
                "places": len(self._places)}

    def close(self):
        pass


@pytest.fixture(scope="session")
def tiny_rows():
    """A few places of Tajikistan and Pakistan with alternate names of every importance."""
    from geomap.types import Place

    tj = Place("gn:1220409", "Tajikistan", 38.5, 71.0, "country", country_code="TJ",
               population=9_000_000)
    sughd = Place("gn:1221092", "Sughd", 40.2, 69.6, "admin1", country_code="TJ",
                  admin1_code="02", admin1_name="Sughd", population=2_500_000)
    dushanbe = Place("gn:1221874", "Dushanbe", 38.5358, 68.7791, "city", country_code="TJ",
                     admin1_code="04", admin1_name="Dushanbe", population=863_400)
    khorog = Place("gn:1221328", "Khorugh", 37.4897, 71.5530, "city", country_code="TJ",
                   admin1_code="01", admin1_name="Gorno-Badakhshan", population=30_000)
    waziristan = Place("gn:1168878", "North Wazīristān District", 32.9, 70.0, "admin2",
                       country_code="PK", admin1_code="03", admin2_code="1168878",
                       admin1_name="Khyber Pakhtunkhwa", population=60_000)
    return [
        (tj, [("Tadschikistan", "alternate"), ("Tajik", "demonym")]),
        (sughd, [("Leninabad Oblast", "alternate")]),
        (dushanbe, [("Stalinabad", "alternate"), ("Dushanbe", "ascii")]),
        (khorog, [("Xorugh", "alternate"), ("Khorog", "alternate")]),
        (waziristan, [("North Waziristan", "alternate"), ("Shimali Waziristan", "alternate")]),
    ]


@pytest.fixture()
def dict_gazetteer(tiny_rows) -> DictGazetteer:
    """:class:`DictGazetteer` over :func:`tiny_rows`, with ACLED's label of Dushanbe's area."""
    return DictGazetteer(tiny_rows, labels={"TJ.04": "Dushanbe City"})
