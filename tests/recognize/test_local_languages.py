"""French and Russian place recognition (geomap/recognize/_local.py and the French guards)."""

from __future__ import annotations

import pytest

from geomap.recognize import GazetteerRecognizer
from geomap.recognize._local import LocalNames, local_matches, word_forms
from geomap.resolve import geoparse


@pytest.fixture(scope="module")
def recognizer(gazetteer) -> GazetteerRecognizer:
    return GazetteerRecognizer(gazetteer)


def _found(recognizer, text: str, language: str) -> dict[str, str]:
    """{surface: name looked up} of the mentions."""
    return {m.text: m.name for m in recognizer.recognize(text, language=language)}


# -- Russian ----------------------------------------------------------------------------------

RUSSIAN = ("Вчера в Исфаре, в 40 км к югу от Оша, южнее Хорога и под Душанбе прошли "
           "столкновения на границе с Афганистаном. Президент Эмомали Рахмон заявил, что "
           "ГКНБ и пограничники задержали членов ИГ. Снаряды попали в дома в Куйбышевском "
           "районе.")


def test_russian_case_endings_are_lemmatised(recognizer) -> None:
    found = _found(recognizer, RUSSIAN, "ru")
    assert found["Исфаре"] == "Исфара"
    assert found["Оша"] == "Ош"
    assert found["Хорога"] == "Хорог"
    assert found["Душанбе"] == "Душанбе"
    assert found["Афганистаном"] == "Афганистан"


def test_russian_guards(recognizer) -> None:
    found = _found(recognizer, RUSSIAN, "ru")
    for word in ("Эмомали", "Рахмон", "ГКНБ", "ИГ", "Снаряды", "Президент", "Вчера",
                 "Куйбышевском"):
        assert word not in found, word


def test_russian_places_resolve(gazetteer) -> None:
    got = {t.mention.text: t.place.geonameid for t in geoparse(RUSSIAN, gazetteer, language="ru")
           if t.place is not None}
    assert got["Исфаре"] == 1514896  # Isfara, TJ
    assert got["Оша"] == 1527534  # Osh, KG
    assert got["Хорога"] == 1221328  # Khorugh, TJ
    assert got["Душанбе"] == 1221874  # Dushanbe
    assert got["Афганистаном"] == 1149361  # Afghanistan


def test_multiword_russian_name_in_an_oblique_case(gazetteer, recognizer) -> None:
    text = "Ранее в четверг в Белгородской области России в результате обстрела погиб человек."
    found = _found(recognizer, text, "ru")
    assert found["Белгородской области"] == "Белгородская область"
    assert found["России"] == "Россия"
    assert "Ранее" not in found
    top = {t.mention.text: t.place.country_code for t in geoparse(text, gazetteer, language="ru")}
    assert top["Белгородской области"] == "RU"


def test_cyrillic_dateline_in_capitals_but_not_acronyms(recognizer) -> None:
    found = _found(recognizer, "ДОНЕЦК, 20 января. /ТАСС/. Обстрел ОДКБ.", "ru")
    assert found == {"ДОНЕЦК": "Донецк"}


def test_word_forms_small_table() -> None:
    """The lemma matcher on a table made here (no gazetteer): inflected words, a two-word
    name whose adjective is put back in the nominative, and the longest sequence."""
    table = LocalNames({"исфара": 4, "белгородская область": 4, "белгородская": 4},
                       frozenset({"белгородская"}))
    text = "в Исфаре и в Белгородской области"
    spans = {(text[m.start:m.end], m.key) for m in local_matches(text, table, lemmatise=True)}
    assert ("Исфаре", "исфара") in spans
    assert ("Белгородской области", "белгородская область") in spans
    assert "исфара" in word_forms("Исфаре")
    # without lemmas (French), only exact spellings match
    assert not list(local_matches(text, table, lemmatise=False))


# -- French -----------------------------------------------------------------------------------

FRENCH = ("Une attaque a visé un poste près d'Ayorou, dans la région de Tillabéri, et des "
          "hommes armés ont incendié le village d'Arbinda. Les FAMa ont riposté le long du "
          "fleuve Niger. Le colonel Assimi Goïta s'est rendu à Ségou puis à Tombouctou.")


def test_french_places_found(recognizer) -> None:
    found = _found(recognizer, FRENCH, "fr")
    for name in ("Ayorou", "Tillabéri", "Arbinda", "Ségou", "Tombouctou"):
        assert name in found, name


def test_french_guards(recognizer) -> None:
    found = _found(recognizer, FRENCH, "fr")
    for word in ("Une", "Les", "FAMa", "Niger", "Assimi"):
        assert word not in found, word


def test_small_place_alternates_only_outside_english(recognizer) -> None:
    """'Arbinda' is an alternate name of Aribinda (46,000 people): French reads it, English
    keeps the alternate names of places over 100,000 only (its results are unchanged)."""
    text = "Armed men burned homes in Arbinda on Tuesday."
    assert "Arbinda" not in _found(recognizer, text, "en")
    assert "Arbinda" in _found(recognizer, "Des hommes armés ont incendié Arbinda mardi.", "fr")


def test_tombouctou_is_the_town(gazetteer) -> None:
    text = "Deux civils ont été tués lundi à Tombouctou par l'explosion d'une mine."
    got = {t.mention.text: t.place for t in geoparse(text, gazetteer, language="fr")}
    assert got["Tombouctou"].geonameid == 2449067  # Timbuktu, the town
    assert got["Tombouctou"].kind == "city"


# -- the name-list cache ------------------------------------------------------------------------

def test_local_name_cache_round_trip_and_checks(tmp_path) -> None:
    """The Cyrillic key list is cached as checked JSON: read back whole; refused when its
    identity, format or body differ, or when only ASCII keys are allowed."""
    from geomap.recognize._automaton import read_cache, write_cache
    from geomap.recognize._local import LOCAL_CACHE_FORMAT

    keys = {"исфара": 4, "белгородская область": 4, "arbinda": 4}
    cache = tmp_path / "g.sqlite-local-names.json"
    write_cache(cache, "id1", keys, fmt=LOCAL_CACHE_FORMAT)
    read = dict(max_bytes=10_000, fmt=LOCAL_CACHE_FORMAT)
    assert read_cache(cache, "id1", ascii_only=False, **read) == keys
    assert read_cache(cache, "id2", ascii_only=False, **read) is None  # another gazetteer
    assert read_cache(cache, "id1", ascii_only=True, **read) is None  # the English rule
    assert read_cache(cache, "id1", max_bytes=10_000, ascii_only=False) is None  # format
    cache.write_bytes(cache.read_bytes().replace("исфара".encode("unicode_escape"), b"x"))
    assert read_cache(cache, "id1", ascii_only=False, **read) is None  # checksum


def test_french_area_word_before_a_name_makes_it_the_area(gazetteer) -> None:
    text = "Des combats ont eu lieu dans la région de Mopti. Deux civils ont été tués à Mopti."
    got = [(t.mention.text, t.mention.feature, t.place.kind)
           for t in geoparse(text, gazetteer, language="fr")]
    assert got[0] == ("Mopti", "region", "admin1")
    assert got[1] == ("Mopti", None, "city")
