"""Country names in Russian (pycountry's ISO 3166 translations) in the default gazetteer."""

from __future__ import annotations

import pytest

from geomap.gazetteer.sources.names import iso_translations


@pytest.mark.parametrize(("iso", "name"), [
    ("AF", "Афганистан"), ("TJ", "Таджикистан"), ("KG", "Киргизия"), ("ML", "Мали"),
    ("IR", "Иран"), ("KR", "Республика Корея"),
])
def test_russian_country_names(iso: str, name: str) -> None:
    assert name in iso_translations(iso)


def test_no_names_for_unknown_codes() -> None:
    assert iso_translations("XX") == []


def test_default_gazetteer_finds_countries_by_russian_name(gazetteer) -> None:
    for name, iso in (("Афганистан", "AF"), ("Таджикистан", "TJ"), ("Узбекистан", "UZ")):
        kinds = {(c.place.kind, c.place.country_code) for c in gazetteer.lookup(name)}
        assert ("country", iso) in kinds, name


def test_cyrillic_and_accented_alternates_are_in_the_gazetteer(gazetteer) -> None:
    """The names French and Russian recognition match: all alternates, any population."""
    assert any(c.place.geonameid == 1514896 for c in gazetteer.lookup("Исфара"))
    assert any(c.place.geonameid == 2363174 for c in gazetteer.lookup("Arbinda"))
    assert any(c.place.geonameid == 2449067 for c in gazetteer.lookup("Tombouctou"))
