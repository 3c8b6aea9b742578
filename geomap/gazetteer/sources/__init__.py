"""The gazetteer's inputs, one :class:`Source` each.

Default build (registry packages and curated tables, :func:`default_sources`): admin areas,
composite counties, countries, continents, regions, oceans and seas, cities. Imports of
GeoNames files (:mod:`geomap.gazetteer.sources.geonames`): dumps, admin-1/admin-2 code files,
countryInfo, alternate names; :func:`~geomap.gazetteer.sources.geonames.source_for` maps a file
to its source. To add an input: one class with ``name``, ``reads``, ``depends_on`` and
``write(store)`` in a module here, listed in :func:`default_sources` (or registered in
``geonames.FILE_FORMATS``), plus its test in ``tests/gazetteer/test_sources.py``.
"""

from __future__ import annotations

from geomap.gazetteer.sources.admin import AdminAreas, CompositeCounties
from geomap.gazetteer.sources.base import NamedPlace, Source, Store, run_order, run_sources
from geomap.gazetteer.sources.cities import Cities
from geomap.gazetteer.sources.packages import PackageInputs
from geomap.gazetteer.sources.world import Continents, Countries, Regions, WaterBodies

__all__ = ["AdminAreas", "Cities", "CompositeCounties", "Continents", "Countries", "NamedPlace",
           "PackageInputs", "Regions", "Source", "Store", "WaterBodies", "default_sources",
           "run_order", "run_sources"]


def default_sources(inputs: PackageInputs | None = None) -> list[Source]:
    """The default build's sources, sharing one read of the packages.

    Listed in dependency order, and the order matters beyond the dependencies: project places
    (``geomap:`` ids) are numbered in the order they are written, so this list is part of the
    recipe (:func:`run_order` keeps the given order wherever dependencies leave it free).
    """
    inputs = inputs or PackageInputs()
    return [AdminAreas(inputs), CompositeCounties(inputs), Countries(inputs), Continents(inputs),
            Regions(inputs), WaterBodies(inputs), Cities(inputs)]
