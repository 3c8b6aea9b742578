"""The gazetteer's sources (geomap.gazetteer.sources): each alone on tiny real inputs, their
dependency order, and builds and imports through them (the tiny GeoNames files of
tests/conftest.py)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from geomap.errors import GazetteerError, InputError
from geomap.gazetteer import open_gazetteer
from geomap.gazetteer.build import build_from_sources
from geomap.gazetteer.importer import import_files
from geomap.gazetteer.sources import (
    AdminAreas,
    Cities,
    Continents,
    Countries,
    PackageInputs,
    Regions,
    Source,
    Store,
    WaterBodies,
    default_sources,
    run_order,
)
from geomap.gazetteer.sources.geonames import (
    FILE_FORMATS,
    AdminCodes,
    AdminNames,
    AlternateNames,
    CountryInfoFile,
    GeoNamesDump,
    file_sources,
    source_for,
)
from geomap.gazetteer.sqlite import open_writable
from geomap.geo import distance_km


class _Named:
    """A source that records the order it ran in (for the ordering tests)."""

    reads = "nothing"

    def __init__(self, name: str, depends_on: tuple[str, ...] = (), log: list | None = None):
        self.name = name
        self.depends_on = depends_on
        self.log = log if log is not None else []

    def write(self, store: Store) -> int:
        self.log.append(self.name)
        return 0


def _names(sources: list) -> list[str]:
    return [s.name for s in sources]


# --------------------------------------------------------------------------- order
def test_run_order_puts_dependencies_first_and_keeps_the_given_order_otherwise() -> None:
    a, b, c = _Named("a"), _Named("b", ("c",)), _Named("c", ("a",))
    assert _names(run_order([b, c, a])) == ["a", "c", "b"]
    assert _names(run_order([a, b, c])) == ["a", "c", "b"]
    free = [_Named("x"), _Named("y"), _Named("z")]
    assert _names(run_order(free)) == ["x", "y", "z"]
    # a dependency that is not present only orders, it is not required
    assert _names(run_order([_Named("alternates", ("admin1",))])) == ["alternates"]
    # several sources of one name (two dump files) keep their order
    d1, d2 = _Named("dump"), _Named("dump")
    assert run_order([d2, _Named("admin1", ("dump",)), d1])[:2] == [d2, d1]


def test_run_order_refuses_a_cycle() -> None:
    with pytest.raises(GazetteerError, match="cycle"):
        run_order([_Named("a", ("b",)), _Named("b", ("a",))])


def test_default_sources_are_listed_in_a_valid_order() -> None:
    sources = default_sources()
    names = _names(sources)
    assert len(set(names)) == len(names)
    assert all(isinstance(s, Source) for s in sources)
    for i, s in enumerate(sources):
        assert set(s.depends_on) <= set(names[:i]), s.name
    assert run_order(list(reversed(sources))) != sources  # the list order is the recipe
    assert _names(run_order(sources)) == names


def test_import_registry_order_honours_every_dependency() -> None:
    names = [f.name for f in FILE_FORMATS]
    ranks = {n: i for i, n in enumerate(names)}
    sources = file_sources([])
    assert sources == []
    for fmt in FILE_FORMATS:
        source = fmt.source(Path(f"x-{fmt.name}.txt"), AdminNames())
        assert source.name == fmt.name
        assert all(ranks[d] < ranks[fmt.name] for d in source.depends_on), fmt.name
    assert ranks["alternates"] == len(names) - 1  # names attach to places stored before


# --------------------------------------------------------------------------- file sources
@pytest.fixture()
def files(tiny_geonames, tmp_path) -> dict[str, Path]:
    return {p.name: p for p in tiny_geonames.write(tmp_path / "geonames")}


@pytest.fixture()
def store(tmp_path):
    con = open_writable(tmp_path / "store.sqlite")
    yield Store(con)
    con.close()


def _rows(con: sqlite3.Connection, sql: str, *args) -> list[tuple]:
    return con.execute(sql, args).fetchall()


def test_source_for_maps_each_file_to_its_source(files) -> None:
    kinds = {name: type(source_for(path)) for name, path in files.items()}
    assert kinds == {"TJ.txt": GeoNamesDump, "admin1CodesASCII.txt": AdminCodes,
                     "admin2Codes.txt": AdminCodes, "countryInfo.txt": CountryInfoFile,
                     "alternateNamesV2.txt": AlternateNames}
    assert source_for(files["admin2Codes.txt"]).name == "admin2"


def test_dump_alone(files, store, tiny_geonames) -> None:
    assert GeoNamesDump(files["TJ.txt"], AdminNames()).write(store) == len(tiny_geonames.dump)
    kinds = dict(_rows(store.con, "SELECT kind, count(*) FROM places GROUP BY kind"))
    assert kinds == {"city": 17, "country": 1, "feature": 2}
    assert _rows(store.con, "SELECT name_type FROM names WHERE key = 'stalinabad'") == [
        ("alternate",)]
    # no admin areas stored yet: no admin names
    assert _rows(store.con, "SELECT admin1_name FROM places WHERE id = 'gn:1221874'") == [
        (None,)]


def test_dump_rejects_a_short_line_with_its_number(tmp_path, store) -> None:
    bad = tmp_path / "XX.txt"
    bad.write_text("# comment\n1\tTrunc\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        GeoNamesDump(bad, AdminNames()).write(store)
    assert info.value.line == 2 and "19" in str(info.value)


def test_admin_codes_place_new_areas_at_their_members_mean(files, store, tmp_path) -> None:
    names = AdminNames()
    GeoNamesDump(files["TJ.txt"], names).write(store)
    extra = tmp_path / "admin1CodesASCII.txt"  # TJ.09 has no member places: not added
    extra.write_text(files["admin1CodesASCII.txt"].read_text(encoding="utf-8")
                     + "TJ.09\tEmptyland\tEmptyland\t9000900\n", encoding="utf-8")
    assert AdminCodes(extra, names, 1).write(store) == 6
    assert AdminCodes(files["admin2Codes.txt"], names, 2).write(store) == 4
    lat, lon, pop, a1 = _rows(store.con, "SELECT lat, lon, population, admin1_name FROM places "
                              "WHERE id = 'gn:9000201'")[0]
    # Kulob District: Kulob, Ishkobod (9000002) and Navobod (9000005)
    assert distance_km(lat, lon, 37.86, 69.7) < 10 and pop == 105_000 + 900 + 1_800
    assert a1 == "Khatlon"
    assert _rows(store.con, "SELECT count(*) FROM places WHERE id = 'gn:9000900'") == [(0,)]
    # places already stored get their areas' names
    assert _rows(store.con, "SELECT admin1_name, admin2_name FROM places WHERE id = "
                 "'gn:9000002'") == [("Khatlon", "Kulob District")]


def test_countryinfo_names_the_country_and_its_capital(files, store) -> None:
    GeoNamesDump(files["TJ.txt"], AdminNames()).write(store)
    store.con.execute("UPDATE places SET feature_code = 'PPL' WHERE id = 'gn:1221874'")
    assert CountryInfoFile(files["countryInfo.txt"]).write(store) == 1
    assert _rows(store.con, "SELECT name_type FROM names WHERE key = 'tjk'") == [("code",)]
    assert _rows(store.con, "SELECT feature_code FROM places WHERE id = 'gn:1221874'") == [
        ("PPLC",)]


def test_countryinfo_alone_skips_a_country_without_places(files, store) -> None:
    assert CountryInfoFile(files["countryInfo.txt"]).write(store) == 1  # a row, not "empty"
    assert _rows(store.con, "SELECT count(*) FROM places") == [(0,)]


def test_alternate_names_attach_only_to_stored_places(files, store) -> None:
    GeoNamesDump(files["TJ.txt"], AdminNames()).write(store)
    AlternateNames(files["alternateNamesV2.txt"]).write(store)
    got = dict(_rows(store.con, "SELECT name, name_type FROM names WHERE place_rowid = 1221874"))
    assert got["Душанбе"] == "alternate" and got["DYU"] == "abbreviation"
    assert not any(n.startswith("http") for n in got)  # 'link' rows are no names
    assert _rows(store.con, "SELECT count(*) FROM names WHERE place_rowid = 42") == [(0,)]
    # Khatlon's names wait for the admin file: alone, they have no place to go
    assert _rows(store.con, "SELECT count(*) FROM names WHERE place_rowid = 1221092") == [(0,)]


# --------------------------------------------------------------------------- the tiny build
def test_tiny_gazetteer_is_built_from_the_geonames_sources(tiny_gazetteer) -> None:
    top = tiny_gazetteer.search("Душанбе")[0].place
    assert top.id == "gn:1221874" and top.feature_code == "PPLC"
    assert top.admin1_name == "Dushanbe"
    assert {c.place.id for c in tiny_gazetteer.lookup("Ishkobod")} == {"gn:9000001",
                                                                      "gn:9000002"}
    khatlon = [c for c in tiny_gazetteer.lookup("Хатлонская область")]
    assert [c.place.id for c in khatlon] == ["gn:1221092"]  # admin area's alternate name kept
    assert tiny_gazetteer.get("gn:9000501").kind == "admin2"
    assert tiny_gazetteer.search("Таджикистан")[0].place.kind == "country"


def test_build_from_sources_is_atomic(tmp_path) -> None:
    target = tmp_path / "g.sqlite"
    target.write_bytes(b"old")
    bad = tmp_path / "XX.txt"
    bad.write_text("1\tshort\n", encoding="utf-8")
    with pytest.raises(InputError):
        build_from_sources(target, file_sources([bad]))
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["XX.txt", "g.sqlite"]


# --------------------------------------------------------------------------- the importer bug
NEW_AREA_DUMP = ("9100001\tRasht\tRasht\t\t39.01\t70.37\tP\tPPL\tTJ\t\t06\t\t\t\t12000\t\t1300"
                 "\tAsia/Dushanbe\t2024-01-01")
NEW_AREA_ADMIN1 = "TJ.06\tRasht Valley\tRasht Valley\t9100600\n"
NEW_AREA_ALTERNATES = "1\t9100600\tru\tРаштская долина\t\t\t\t\t\t\n2\t9100001\ttg\tРашт\t\t\t\t\t\t\n"


def _import_case(tmp_path: Path, base: Path, order: list[str]) -> Path:
    folder = tmp_path / "case"
    folder.mkdir(exist_ok=True)
    files = {"TJ.txt": NEW_AREA_DUMP + "\n", "admin1CodesASCII.txt": NEW_AREA_ADMIN1,
             "alternateNamesV2.txt": NEW_AREA_ALTERNATES}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / f"gaz-{'-'.join(n[:3] for n in order)}.sqlite"
    shutil.copyfile(base, db)
    import_files(db, [folder / n for n in order], progress=False)
    return db


def _table(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_import_keeps_a_new_admin_areas_alternate_name(tiny_gazetteer_path, tmp_path) -> None:
    """``gazetteer import TJ.txt admin1CodesASCII.txt alternateNamesV2.txt`` stored the new
    area after its alternate names, which were then dropped while reported stored."""
    db = _import_case(tmp_path, tiny_gazetteer_path,
                      ["TJ.txt", "admin1CodesASCII.txt", "alternateNamesV2.txt"])
    with open_gazetteer(db, build_if_missing=False) as gaz:
        assert [c.place.id for c in gaz.lookup("Раштская долина")] == ["gn:9100600"]
        assert [c.place.id for c in gaz.lookup("Рашт")] == ["gn:9100001"]
        assert gaz.get("gn:9100001").admin1_name == "Rasht Valley"
        formats = [f["format"] for f in gaz.info()["imports"]]
    assert formats == ["dump", "admin1", "alternates"]


def test_import_lets_a_dump_s_feature_codes_win(tiny_gazetteer_path, tmp_path) -> None:
    """countryInfo marks the most populous city of the capital's name as PPLC; GeoNames' own
    code in a dump of the same import wins (it runs after, whatever the order given)."""
    folder = tmp_path / "codes"
    folder.mkdir()
    dump = folder / "TJ.txt"  # Dushanbe demoted to PPLA in this dump
    dump.write_text("1221874\tDushanbe\tDushanbe\t\t38.53575\t68.77905\tP\tPPLA\tTJ\t\t04"
                    "\t\t\t\t543107\t\t800\tAsia/Dushanbe\t2024-01-01\n", encoding="utf-8")
    info = tiny_gazetteer_path.parent / "geonames" / "countryInfo.txt"
    db = tmp_path / "gaz.sqlite"
    shutil.copyfile(tiny_gazetteer_path, db)
    import_files(db, [dump, info], progress=False)
    assert _table(db, "SELECT feature_code FROM places WHERE id = 'gn:1221874'") == [("PPLA",)]


def test_import_result_does_not_depend_on_the_command_line_order(tiny_gazetteer_path,
                                                                  tmp_path) -> None:
    order = ["TJ.txt", "admin1CodesASCII.txt", "alternateNamesV2.txt"]
    one = _import_case(tmp_path, tiny_gazetteer_path, order)
    other = _import_case(tmp_path, tiny_gazetteer_path, list(reversed(order)))
    for sql in ("SELECT rowid, * FROM places ORDER BY rowid",
                "SELECT * FROM names ORDER BY key, place_rowid"):
        assert _table(one, sql) == _table(other, sql)


# --------------------------------------------------------------------------- default sources
TINY_DUMP: list[tuple] = []


@pytest.fixture(autouse=True)
def _tiny_dump(tiny_geonames) -> None:
    TINY_DUMP[:] = tiny_geonames.dump


def _tiny_inputs() -> PackageInputs:
    """The packages' tables cut down to Tajikistan (real row shapes, a few rows)."""
    inputs = PackageInputs()
    inputs.cities = {str(g): {"geonameid": g, "name": n, "latitude": la, "longitude": lo,
                              "countrycode": "TJ", "population": p, "admin1code": a1,
                              "alternatenames": alt.split(",") if alt else []}
                     for g, n, la, lo, fc, _fo, a1, _a2, p, alt in TINY_DUMP if fc == "P"}
    inputs.subdivisions = [
        ["Khatlon", "TJ-KT", "TJ.02", "1221092", "Region", "Khatlon Province|Вилояти Хатлон"],
        ["Republican Subordination", "TJ-RA", "TJ.05", "1221187", "", ""],
        ["Kulob District", "", "TJ.02.9000201", "9000201", "District", ""],
        ["Empty District", "", "TJ.02.9000299", "9000299", "", ""],  # no member places
    ]
    members = {"TJ.02": 0, "TJ.05": 1, "TJ.02.9000201": 2}
    inputs.city_subs = {g: [members[f"TJ.{a1}"]] + ([members[f"TJ.{a1}.{a2}"]]
                                                     if f"TJ.{a1}.{a2}" in members else [])
                        for g, _n, _la, _lo, fc, _fo, a1, a2, _p, _alt in TINY_DUMP
                        if fc == "P" and f"TJ.{a1}" in members}
    inputs.us_states = {}
    inputs.gc_countries = {"TJ": {"geonameid": 1220409, "name": "Tajikistan", "iso3": "TJK",
                                  "capital": "Dushanbe", "population": 9100837}}
    inputs.countryinfo = {"TJ": {"name": "Tajikistan", "altSpellings": ["TJ", "Toçikiston"],
                                 "latlng": [39, 71], "capital": "Dushanbe",
                                 "demonym": "Tadzhik"}}
    inputs.loc_countries = [["Tajikistan", "TJ", "TJK", "1220409", "Republic of Tajikistan",
                             "", "", "762", "", "", "", ""]]
    inputs.macroregions = []
    inputs.gc_continents = {"AS": {"geonameId": 6255147, "name": "Asia", "asciiName": "Asia",
                                   "lat": "29.84064", "lng": "89.29688", "population": 0,
                                   "alternateNames": [{"name": "Азия", "lang": "ru"},
                                                      {"name": "https://x", "lang": "link"}]}}
    return inputs


def _place_rows(con: sqlite3.Connection, kind: str) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in con.execute(
        "SELECT id, name, lat, lon, population, admin1_name, admin2_name, feature_code "
        "FROM places WHERE kind = ?", (kind,))}


def test_admin_areas_alone(store) -> None:
    inputs = _tiny_inputs()
    assert AdminAreas(inputs).write(store) == 3
    areas = _place_rows(store.con, "admin1") | _place_rows(store.con, "admin2")
    assert set(areas) == {"gn:1221092", "gn:1221187", "gn:9000201"}  # Empty District: none
    name, lat, lon, pop, *_ = areas["gn:9000201"]
    assert distance_km(lat, lon, 37.86, 69.7) < 10 and pop == 105_000 + 900 + 1_800
    keys = {k for (k,) in store.con.execute("SELECT key FROM names WHERE place_rowid = 1221092")}
    assert {"khatlon", "khatlon province", "вилояти хатлон"} <= keys
    assert dict(store.con.execute("SELECT * FROM admin_labels"))["TJ.02"] == "Khatlon"
    assert inputs.admin.admin1_names["TJ.02"] == "Khatlon"


def test_countries_alone_and_the_facts_they_hand_on(store) -> None:
    inputs = _tiny_inputs()
    assert Countries(inputs).write(store) == 1
    ((pid, row),) = _place_rows(store.con, "country").items()
    assert pid == "gn:1220409" and row[1:3] == (39.0, 71.0)
    assert inputs.countries.capital_keys == {"TJ": {"dushanbe"}}
    types = dict(store.con.execute("SELECT name, name_type FROM names"))
    assert types["TJK"] == "code" and types["Tadzhik"] == "demonym"


def test_continents_alone(store) -> None:
    assert Continents(_tiny_inputs()).write(store) == 1
    names = {n for (n,) in store.con.execute("SELECT name FROM names")}
    assert "Азия" in names and not any(n.startswith("http") for n in names)


def test_regions_and_water_bodies_use_only_countries_present(store) -> None:
    inputs = _tiny_inputs()
    Countries(inputs).write(store)
    Regions(inputs).write(store)
    WaterBodies(inputs).write(store)
    members = dict(store.con.execute("SELECT id, members FROM places WHERE kind = 'region'"))
    assert members and set(members.values()) == {"TJ"}
    assert "geomap:central-asia" in members
    # a sea none of whose littoral countries is present has no population
    pops = dict(store.con.execute("SELECT id, population FROM places WHERE kind = 'feature'"))
    assert pops and set(pops.values()) == {0}


def test_cities_need_the_countries_and_areas_before_them(store) -> None:
    inputs = _tiny_inputs()
    for source in run_order([Cities(inputs), Continents(inputs), Countries(inputs),
                             AdminAreas(inputs)]):
        source.write(store)
    cities = _place_rows(store.con, "city")
    assert cities["gn:1221874"][-1] == "PPLC"  # the capital, from the countries' facts
    assert cities["gn:9000002"][4:6] == ("Khatlon", "Kulob District")
    assert "gn:1221092" not in cities  # ids an area holds are not cities


def test_default_sources_build_a_gazetteer(tmp_path) -> None:
    path = build_from_sources(tmp_path / "mini.sqlite", default_sources(_tiny_inputs()))
    with open_gazetteer(path, build_if_missing=False) as gaz:
        assert gaz.search("Dushanbe")[0].place.id == "gn:1221874"
        assert gaz.search("Central Asia")[0].place.kind == "region"
        assert gaz.get("gn:9000201").admin1_name == "Khatlon"
        counts = gaz.info()["counts_by_kind"]
    assert counts["city"] == 17 and counts["country"] == 1 and counts["continent"] == 1
