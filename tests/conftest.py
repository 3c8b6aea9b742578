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
def pipe(gazetteer_path: Path):
    """The default pipeline on the default gazetteer, opened once for the session (its
    gazetteer and recognizer are the expensive part)."""
    from geomap.pipeline import Pipeline

    pipeline = Pipeline(gazetteer_path)
    try:
        yield pipeline
    finally:
        pipeline.close()


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

# --------------------------------------------------------------------------- tiny gazetteer
def _dump_row(gid: int, name: str, lat: float, lon: float, fclass: str, fcode: str,
              admin1: str = "", admin2: str = "", population: int = 0, alternates: str = "",
              cc: str = "TJ") -> str:
    """One line of a 19-column GeoNames dump."""
    ascii_name = name.encode("ascii", "ignore").decode() or name
    return "\t".join([str(gid), name, ascii_name, alternates, str(lat), str(lon), fclass, fcode,
                      cc, "", admin1, admin2, "", "", str(population), "", "800",
                      "Asia/Dushanbe", "2024-01-01"])


TINY_DUMP = [  # (geonameid, name, lat, lon, class, code, admin1, admin2, population, alternates)
    (1220409, "Tajikistan", 39.0, 71.0, "A", "PCLI", "00", "", 8_734_951, "Tadzhikistan"),
    (1221874, "Dushanbe", 38.53575, 68.77905, "P", "PPLC", "04", "", 543_107, "Stalinabad"),
    (1221844, "Dushanbe Airport", 38.5433, 68.825, "S", "AIRP", "04", "", 0, ""),
    (1221194, "Kulob", 37.91459, 69.78454, "P", "PPLA2", "02", "9000201", 105_000, "Kulyab"),
    (1220747, "Bokhtar", 37.83399, 68.78186, "P", "PPLA", "02", "9000202", 75_450,
     "Qurghonteppa,Kurgan-Tyube"),
    (1221315, "Khujand", 40.28256, 69.62216, "P", "PPLA", "03", "", 144_865, "Leninabad"),
    (1220896, "Vahdat", 38.55632, 69.01354, "P", "PPL", "05", "9000501", 42_000, "Kofarnihon"),
    (1220826, "Tursunzoda", 38.51271, 68.23163, "P", "PPL", "05", "9000502", 37_000,
     "Regar"),
    (1221259, "Khorugh", 37.48974, 71.55304, "P", "PPLA", "01", "", 30_000, "Khorog"),
    (1220855, "Istaravshan", 39.91015, 69.00641, "P", "PPL", "03", "", 60_200, "Ura-Tyube"),
    (1221134, "Panjakent", 39.49524, 67.60931, "P", "PPL", "03", "", 33_000, "Penjikent"),
    (9000001, "Ishkobod", 38.55, 69.29, "P", "PPL", "05", "9000501", 1_200, ""),
    (9000002, "Ishkobod", 37.71, 69.61, "P", "PPL", "02", "9000201", 900, "Ishkabad"),
    (9000003, "Ishkobodi Poyon", 38.52, 69.31, "P", "PPL", "05", "9000501", 600, ""),
    (9000004, "Navobod", 38.49, 68.26, "P", "PPL", "05", "9000502", 2_300, ""),
    (9000005, "Navobod", 37.95, 69.75, "P", "PPL", "02", "9000201", 1_800, ""),
    (9000006, "Gulistan", 37.87, 68.8, "P", "PPL", "02", "9000202", 3_100, ""),
    (9000007, "Somoniyon", 38.57, 68.7, "P", "PPL", "05", "9000502", 5_400, ""),
    (9000008, "Chorbogh", 40.25, 69.7, "P", "PPL", "03", "", 700, ""),
    (9000009, "Vakhsh", 37.7, 68.83, "H", "STM", "02", "", 0, "Vaxsh"),
]
"""The tiny gazetteer's places: Tajik cities with real ids and points, villages and admin-2
areas with made-up ids (9000001...), among them two villages called Ishkobod (one near Vahdat,
one near Kulob) and two called Navobod, for tests of ambiguity."""

TINY_ADMIN1 = [("TJ.01", "Gorno-Badakhshan", 1221692), ("TJ.02", "Khatlon", 1221092),
               ("TJ.03", "Sughd", 1221328), ("TJ.04", "Dushanbe", 1221871),
               ("TJ.05", "Republican Subordination", 1221187)]
TINY_ADMIN2 = [("TJ.02.9000201", "Kulob District", 9000201),
               ("TJ.02.9000202", "Bokhtar District", 9000202),
               ("TJ.05.9000501", "Vahdat District", 9000501),
               ("TJ.05.9000502", "Tursunzoda District", 9000502)]
TINY_ALTERNATES = [  # (geonameid, language, name)
    (1221874, "ru", "Душанбе"), (1221874, "tg", "Душанбе"), (1221874, "link",
                                                            "https://en.wikipedia.org/wiki/Dushanbe"),
    (1220409, "ru", "Таджикистан"), (1220409, "de", "Tadschikistan"),
    (1221315, "ru", "Худжанд"), (1221092, "ru", "Хатлонская область"),
    (1221092, "en", "Khatlon Province"), (9000001, "tg", "Ишкобод"),
    (1221874, "abbr", "DYU"), (42, "en", "Nowhere"),  # 42: no such place, skipped
]
TINY_COUNTRY_INFO = ("TJ\tTJK\t762\tTI\tTajikistan\tDushanbe\t143100\t8734951\tAS\t.tj\tTJS"
                     "\tSomoni\t992\t######\t^(\\d{6})$\ttg,ru\t1220409\tCN,AF,KG,UZ\t")


def write_tiny_geonames(folder: Path) -> list[Path]:
    """Write the tiny gazetteer's GeoNames files (dump ``TJ.txt``, ``admin1CodesASCII.txt``,
    ``admin2Codes.txt``, ``countryInfo.txt``, ``alternateNamesV2.txt``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "TJ.txt": [_dump_row(g, n, la, lo, fc, fo, a1, a2, p, alt)
                   for g, n, la, lo, fc, fo, a1, a2, p, alt in TINY_DUMP],
        "admin1CodesASCII.txt": [f"{c}\t{n}\t{n}\t{g}" for c, n, g in TINY_ADMIN1],
        "admin2Codes.txt": [f"{c}\t{n}\t{n}\t{g}" for c, n, g in TINY_ADMIN2],
        "countryInfo.txt": ["#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital", TINY_COUNTRY_INFO],
        "alternateNamesV2.txt": [f"{i}\t{g}\t{lang}\t{name}\t\t\t\t\t\t"
                                 for i, (g, lang, name) in enumerate(TINY_ALTERNATES, 1)],
    }
    paths = []
    for name, lines in files.items():
        path = folder / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


class TinyGeoNames:
    """The tiny gazetteer's GeoNames inputs: the rows (``dump``, ``admin1``, ``admin2``,
    ``alternates``) and :meth:`write`, which puts them in GeoNames files."""

    dump = TINY_DUMP
    admin1 = TINY_ADMIN1
    admin2 = TINY_ADMIN2
    alternates = TINY_ALTERNATES

    def write(self, folder: Path) -> list[Path]:
        """Write the five GeoNames files into ``folder`` (see :func:`write_tiny_geonames`)."""
        return write_tiny_geonames(folder)


@pytest.fixture(scope="session")
def tiny_geonames() -> TinyGeoNames:
    """The tiny gazetteer's GeoNames rows and a writer of its files (tests of the sources)."""
    return TinyGeoNames()


@pytest.fixture(scope="session")
def tiny_gazetteer_path(tmp_path_factory) -> Path:
    """A tiny real SQLite gazetteer (about 30 places of Tajikistan), built once per session.

    Use it instead of the 136 MB default gazetteer in unit tests that need a few real places:
    ``open_gazetteer(tiny_gazetteer_path, build_if_missing=False)``, or the ``tiny_gazetteer``
    fixture (opened read-only). Copy the file before changing it (``shutil.copyfile`` into
    ``tmp_path``). It is built by the gazetteer's own code
    (:func:`geomap.gazetteer.build.build_from_sources` over the GeoNames file sources) from the
    files :func:`write_tiny_geonames` writes: the country (``gn:1220409``, also "Таджикистан"),
    Dushanbe (``gn:1221874``, capital, "Душанбе", "Stalinabad"), Khujand, Kulob, Bokhtar ...,
    the admin-1 areas TJ.01-TJ.05 and four admin-2 districts, two villages called Ishkobod
    (``gn:9000001`` near Vahdat, ``gn:9000002`` near Kulob) and two called Navobod, and the
    river Vakhsh (kind ``feature``). The folder of those files is next to it
    (``tiny_gazetteer_path.parent / "geonames"``). No continents, regions or admin labels.
    The CLI takes it with ``--gazetteer PATH``.
    """
    from geomap.gazetteer import recipe_version
    from geomap.gazetteer.build import build_from_sources
    from geomap.gazetteer.sources.geonames import file_sources

    root = tmp_path_factory.mktemp("tiny_gazetteer")
    files = write_tiny_geonames(root / "geonames")
    # today's recipe version: commands that open it (the CLI) must not take it for a stale
    # default gazetteer and rebuild it
    return build_from_sources(root / "tiny.sqlite", file_sources(files), recipe=recipe_version())


@pytest.fixture(scope="session")
def tiny_gazetteer(tiny_gazetteer_path: Path):
    """The tiny gazetteer (see ``tiny_gazetteer_path``), opened read-only once per session."""
    from geomap.gazetteer import open_gazetteer

    gaz = open_gazetteer(tiny_gazetteer_path, build_if_missing=False, progress=False)
    yield gaz
    gaz.close()
