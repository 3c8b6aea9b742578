"""The Gazetteer protocol (geomap/gazetteer/base.py): its protocol-only defaults, and the
SQLite store answering its methods as a store without SQL does."""

from __future__ import annotations

import pytest

from geomap.gazetteer.base import Gazetteer, alternates_by_lookup, area_short_name
from geomap.gazetteer.sqlite import SCHEMA_VERSION, SQLiteGazetteer, SQLiteWriter, open_writable
from geomap.recognize._automaton import ALTERNATE_MIN_POPULATION, IMPORTANT_KINDS


@pytest.fixture()
def tiny_sqlite(tmp_path, tiny_rows):
    """The same places in a SQLite gazetteer file."""
    path = tmp_path / "tiny.sqlite"
    con = open_writable(path)
    con.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    con.execute("INSERT INTO admin_labels (code, name) VALUES ('TJ.04', 'Dushanbe City')")
    SQLiteWriter(con).add_places(tiny_rows)
    con.commit()
    con.close()
    gaz = SQLiteGazetteer(path)
    yield gaz
    gaz.close()


def test_both_stores_implement_the_protocol(dict_gazetteer, tiny_sqlite) -> None:
    assert isinstance(dict_gazetteer, Gazetteer)
    assert isinstance(tiny_sqlite, Gazetteer)


@pytest.mark.parametrize(("key", "name", "short"), [
    ("north waziristan", "North Wazīristān District", True),
    ("upper dir", "Upper Dir District", True),
    ("waziristan", "North Wazīristān District", False),  # not the name minus its area word
    ("north waziristan", "North Waziristan Agency Camp", False),  # "camp" is no area word
    ("dir", "Dir District", False),  # one word collides with English
])
def test_area_short_name(key, name, short) -> None:
    assert area_short_name(key, name) is short


def test_alternates_by_lookup_keeps_those_of_important_places(dict_gazetteer) -> None:
    keep = alternates_by_lookup(dict_gazetteer, ALTERNATE_MIN_POPULATION, IMPORTANT_KINDS)
    assert {"tadschikistan", "leninabad oblast", "stalinabad", "north waziristan"} <= keep
    # a small town's alternates, and an admin2's that is not its short name, are left out
    assert not {"xorugh", "khorog", "shimali waziristan"} & keep
    assert "tajik" not in keep  # a demonym, not an alternate


def test_sqlite_important_alternates_agree_with_the_lookups(tiny_sqlite) -> None:
    fast = tiny_sqlite.important_alternates(ALTERNATE_MIN_POPULATION, IMPORTANT_KINDS)
    assert fast == alternates_by_lookup(tiny_sqlite, ALTERNATE_MIN_POPULATION, IMPORTANT_KINDS)
    assert "stalinabad" in fast and "xorugh" not in fast
    # the threshold is the caller's: a lower one takes the small town's alternates too
    assert "xorugh" in tiny_sqlite.important_alternates(10_000, IMPORTANT_KINDS)


@pytest.mark.parametrize("store", ["dict_gazetteer", "tiny_sqlite"])
def test_places_in_country_and_labels(store, request) -> None:
    gaz = request.getfixturevalue(store)
    assert {p.name for p in gaz.places_in("tj", "city")} == {"Dushanbe", "Khorugh"}
    assert [p.name for p in gaz.places_in("TJ", "admin1")] == ["Sughd"]
    assert gaz.places_in("PK", "city") == []
    assert gaz.country("tj").name == "Tajikistan" and gaz.country("KG") is None
    assert gaz.admin_label("TJ", "04") == "Dushanbe City"
    assert gaz.admin_label("TJ", "02") is None
