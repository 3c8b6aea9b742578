"""Language identification (lingua, shipped models) as the pipeline uses it."""

from __future__ import annotations

import pytest

from geomap.lang.identify import HANDLED, UNDETERMINED, handled, identify, reading_language


@pytest.mark.parametrize(("text", "code"), [
    ("Two soldiers were killed on Monday in an attack on a border post west of Dushanbe, "
     "officials said.", "en"),
    ("Au moins douze soldats ont été tués mardi dans une attaque jihadiste près de Djibo, "
     "dans le nord du Burkina Faso.", "fr"),
    ("Пять мирных жителей погибли в результате обстрела Донецка в пятницу, сообщили власти.",
     "ru"),
    ("Bei einem Angriff in der Nähe von Kunduz sind am Dienstag zwölf Polizisten getötet "
     "worden, teilten die Behörden mit. Die Taliban bekannten sich zu dem Anschlag.", "de"),
    ("Двоє військових отримали поранення поблизу Горлівки, повідомили у штабі. Обстріл "
     "тривав кілька годин, пошкоджено житлові будинки.", "uk"),
])
def test_identifies_the_language(text: str, code: str) -> None:
    assert identify(text) == code


def test_text_without_letters_is_undetermined_and_not_warned_about() -> None:
    assert identify("12345 -- 678 !!!") == UNDETERMINED
    assert identify("") == UNDETERMINED
    assert handled(UNDETERMINED) and handled(None)


def test_unhandled_languages_are_read_with_the_english_rules() -> None:
    assert set(HANDLED) == {"en", "fr", "ru"}
    assert reading_language("fr") == "fr" and reading_language("ru") == "ru"
    assert reading_language("de") == "en" and reading_language(UNDETERMINED) == "en"
    assert not handled("de") and handled("fr")


def test_a_short_text_is_never_warned_about_on_a_guess() -> None:
    """lingua's low-accuracy mode reads this LGL headline as Dutch: too short to say."""
    assert identify("Suit aims to stop move of Camden clinic.") == UNDETERMINED
    assert identify("Обстрел Донецка: погибли пять человек") == "ru"


def test_clearly_english_text_skips_lingua_and_others_do_not() -> None:
    from geomap.lang.identify import _clearly_english

    english = ("Two soldiers were killed on Monday when gunmen attacked a border post, and "
               "officials said that the attackers fled with their weapons into the hills.")
    assert _clearly_english(english) and identify(english) == "en"
    assert not _clearly_english("Au moins douze soldats ont été tués dans une attaque, selon "
                                "les autorités, avec des armes lourdes.")
    assert not _clearly_english("De politie zei dat de aanval in Kabul plaatsvond en dat er "
                                "twaalf doden vielen bij de aanslag op het bureau.")
    assert not _clearly_english("Пять мирных жителей погибли the and said that with from")
