"""The event stages in French and Russian: the words of the current language
(geomap.lang.using), ACLED's vocabulary in the output."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.events.actors import find_actors
from geomap.events.classify import classify
from geomap.events.dates import find_date_expressions, find_time, resolve_date
from geomap.events.extract import is_incident_sentence
from geomap.events.numbers import count_casualties
from geomap.events.sentences import split_sentences, strip_dateline
from geomap.lang import using

PUBLISHED = date(2024, 5, 10)  # a Friday


@pytest.mark.parametrize(("code", "text", "expected"), [
    ("fr", "Dix-sept soldats ont été tués et une dizaine blessés lors de l'attaque.",
     (17, 10, None)),
    ("fr", "L'attaque a fait 12 morts et 7 blessés.", (12, 7, None)),
    ("fr", "quatre-vingt-douze personnes ont péri", (92, None, None)),
    ("fr", "neutralisant une quinzaine d'assaillants", (15, None, None)),
    ("fr", "Trois suspects ont été interpellés.", (None, None, 3)),
    ("ru", "В результате нападения погибли пять военнослужащих, ещё семеро ранены.",
     (5, 7, None)),
    ("ru", "Погиб пограничник.", (1, None, None)),
    ("ru", "17 человек были ранены, двое задержаны.", (None, 17, 2)),
    ("ru", "Неизвестные застрелили местного предпринимателя.", (1, None, None)),
    ("ru", "Убиты двое нарушителей, еще один задержан.", (2, None, 1)),
    ("ru", "Число погибших возросло до 12 человек.", (12, None, None)),
    ("fr", "L'armée a annoncé avoir « neutralisé » une cinquantaine de terroristes.",
     (50, None, None)),
    ("fr", "Un casque bleu tchadien de la Minusma a été tué et deux autres blessés.", (1, 2, None)),
    ("fr", "Une attaque similaire avait fait vingt-deux morts.", (22, None, None)),
    ("fr", "Dix-sept militaires ont trouvé la mort dans l'attaque.", (17, None, None)),
])
def test_casualties(code: str, text: str, expected: tuple) -> None:
    with using(code):
        got = count_casualties(text)
    assert (got["fatalities"], got["injured"], got["detained"]) == expected


def test_english_counts_are_unchanged_outside_a_language() -> None:
    text = "Seventeen people were killed and two wounded."
    with using("en"):
        inside = count_casualties(text)
    assert inside == count_casualties(text) == {"fatalities": 17, "injured": 2, "detained": None}
    with using("fr"):  # French rules do not read English
        assert count_casualties(text)["fatalities"] is None


@pytest.mark.parametrize(("code", "text", "expected"), [
    ("fr", "mercredi soir", (date(2024, 5, 8), "day")),
    ("fr", "en juillet dernier", (date(2023, 7, 1), "month")),
    ("fr", "le 3 mai", (date(2024, 5, 3), "day")),
    ("fr", "hier", (date(2024, 5, 9), "day")),
    ("fr", "avant-hier", (date(2024, 5, 8), "day")),
    ("fr", "dans la nuit de mardi à mercredi", (date(2024, 5, 7), "day")),
    ("fr", "en mai 2023", (date(2023, 5, 1), "month")),
    ("ru", "в среду", (date(2024, 5, 8), "day")),
    ("ru", "3 мая", (date(2024, 5, 3), "day")),
    ("ru", "в мае прошлого года", (date(2023, 5, 1), "month")),
    ("ru", "вчера", (date(2024, 5, 9), "day")),
    ("ru", "два дня назад", (date(2024, 5, 8), "day")),
    ("ru", "в 2021 году", (date(2021, 1, 1), "year")),
])
def test_dates(code: str, text: str, expected: tuple) -> None:
    with using(code):
        found = find_date_expressions(text)
        assert len(found) == 1, found
        assert resolve_date(found[0], PUBLISHED) == expected
        assert found[0].text in text  # the expression as written, not its English wording


def test_times() -> None:
    with using("fr"):
        assert find_time("L'attaque a eu lieu vers 5 h 30.") == "05:30"
    with using("ru"):
        assert find_time("Нападение произошло около 03:30 по местному времени.") == "03:30"


@pytest.mark.parametrize(("code", "text", "expected"), [
    ("fr", "Une attaque jihadiste contre un détachement militaire près de Djibo a fait 12 morts.",
     ("Battles", "Armed clash")),
    ("fr", "Deux civils ont été tués par l'explosion d'un engin explosif improvisé.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("fr", "Une frappe de drone a tué huit personnes.",
     ("Explosions/Remote violence", "Air/drone strike")),
    ("fr", "Des centaines de manifestants ont marché jeudi.", ("Protests", "Peaceful protest")),
    ("fr", "Quatre humanitaires ont été enlevés.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("ru", "На границе произошла перестрелка между пограничниками.",
     ("Battles", "Armed clash")),
    ("ru", "Военные обстреляли из минометов село.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("ru", "Жители вышли на митинг.", ("Protests", "Peaceful protest")),
    ("ru", "Военные открыли огонь из гранатометов по заставе.", ("Battles", "Armed clash")),
    ("ru", "Толпа устроила массовую драку на рынке.", ("Riots", "Mob violence")),
    ("ru", "Сотрудники милиции задержали пятерых подозреваемых.",
     ("Strategic developments", "Arrests")),
])
def test_types_are_acleds(code: str, text: str, expected: tuple) -> None:
    with using(code):
        assert classify(text) == expected


@pytest.mark.parametrize(("code", "text", "country", "expected"), [
    ("fr", "Des combattants de l'EIGS ont attaqué un poste de l'armée malienne près de Ménaka.",
     "ML", ("Islamic State (Sahel)", "Military Forces of Mali")),
    ("fr", "Des combattants du GSIM ont attaqué le camp.", "ML", ("JNIM",)),
    ("ru", "Кыргызские пограничники открыли огонь по таджикским военнослужащим.", "TJ",
     ("Military Forces of Kyrgyzstan", "Military Forces of Tajikistan")),
    ("ru", "Боевики «Исламского государства» напали на пост полиции.", "AF",
     ("Islamic State", "Police Forces of Afghanistan")),
    ("ru", "Участники митинга разошлись.", "KG", ("Protesters (Kyrgyzstan)",)),
])
def test_actors(code: str, text: str, country: str, expected: tuple) -> None:
    with using(code):
        assert find_actors(text, country) == expected


@pytest.mark.parametrize(("code", "text", "incident"), [
    ("fr", "Dix-sept soldats ont été tués mercredi.", True),
    ("fr", "Une attaque similaire avait fait vingt-deux morts à Gorom-Gorom.", True),
    ("fr", "Le ministre a inauguré une école.", False),
    ("ru", "В среду у села Ворух произошла перестрелка.", True),
    ("ru", "Президент открыл новую школу в селе.", False),
    ("ru", "Трое человек погибли в ДТП на трассе.", False),
])
def test_incident_sentences(code: str, text: str, incident: bool) -> None:
    with using(code):
        assert is_incident_sentence(text) is incident


def test_russian_sentences_and_dateline() -> None:
    text = ("ДУШАНБЕ, 15 сентября — В среду у с. Ворух произошла перестрелка. Погиб один "
            "пограничник.")
    with using("ru"):
        sents = split_sentences(text)
        assert [s.text[:6] for s in sents] == ["ДУШАНБ", "Погиб "]  # "с." is no sentence end
        assert strip_dateline(sents[0]).text.startswith("В среду")
    assert len(split_sentences(text)) == 1  # English rules: a Cyrillic capital starts nothing


def test_french_dateline() -> None:
    text = "OUAGADOUGOU, 10 mai (AFP) - Au moins douze soldats ont été tués mardi."
    with using("fr"):
        assert strip_dateline(split_sentences(text)[0]).text.startswith("Au moins")


def test_a_reported_date_after_a_statement_is_the_incidents() -> None:
    """"сообщили, что в четверг ...": the date belongs to what was reported."""
    from datetime import datetime

    from geomap.events.extract import extract_events
    from geomap.types import Article

    text = ("Пограничники сообщили, что в четверг военные открыли огонь по заставе, ранен один "
            "пограничник.")
    article = Article(id="a", text=text, published=datetime(2023, 5, 12, 10))
    with using("ru"):
        events = extract_events(article, [], [])
    # no place, so no event can be mapped; the date rule is checked through incident_dates
    assert events == ()
    from geomap.events.extract import incident_dates
    with using("ru"):
        sent = split_sentences(text)[0]
        assert [e.text for e in incident_dates(sent)] == ["в четверг"]
