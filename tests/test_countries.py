"""Countries' names (geomap/countries.py): the one source the CSV column, the actor labels,
border names and the map all read."""

from __future__ import annotations

import pytest

from geomap import acled, countries
from geomap.events.actors import find_actors
from geomap.locate import borders


@pytest.mark.parametrize(("code", "name"), [
    ("TJ", "Tajikistan"),
    ("cf", "Central African Republic"),  # Natural Earth: "Central African Rep."
    ("CI", "Ivory Coast"),  # Natural Earth: "Côte d'Ivoire"
    ("PS", "Palestine"),  # countryinfo: "Palestine, State of" (renamed)
    ("XK", "Kosovo"),  # not in countryinfo: GeoNames' name
])
def test_country_name(code, name) -> None:
    assert countries.country_name(code) == name


def test_unknown_codes_have_no_name() -> None:
    assert countries.country_name("QQ") is None and countries.country_name(None) is None
    assert countries.iso_numeric("TJ") == 762 and countries.iso_numeric("QQ") is None
    assert borders.country_name("QQ") == "QQ"  # the code, where nothing knows it


def test_every_output_spells_a_country_one_way() -> None:
    """Border and map names, the CSV's country column and the facts' name agree for every
    country Natural Earth draws (it abbreviates 40-odd of them: "Bosnia and Herz.")."""
    differ = []
    for code in sorted(borders.load_countries()):
        name = countries.country_name(code)
        if name is None:
            continue
        facts = countries.country_facts(code)
        if not (borders.country_name(code) == acled.country_name(code) == name
                and (facts is None or facts.name == name)):
            differ.append(code)
    assert differ == []
    assert any(borders.country(c).name != countries.country_name(c)
               for c in borders.load_countries() if countries.country_name(c))  # NE's own differ


def test_actor_label_and_csv_country_agree() -> None:
    actors = find_actors("Police fired on protesters in Bangui.", "CF")
    assert "Police Forces of Central African Republic" in actors
    assert acled.country_name("CF") == "Central African Republic"


def test_a_country_countryinfo_lacks_is_named_the_same_everywhere() -> None:
    """Kosovo: GeoNames' name in the CSV and the actor labels; no centre or area (a
    country-level location needs them, so none is made up)."""
    facts = countries.country_facts("XK")
    assert facts is not None and facts.name == "Kosovo" and facts.lat is None
    assert "Police Forces of Kosovo" in find_actors("Police fired on protesters.", "XK")
    assert acled.country_name("XK") == "Kosovo"
