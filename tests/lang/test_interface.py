"""The language registry (geomap.lang) and the shape every language module shares."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geomap import lang
from geomap.lang import en, fr, ru

STAGE_NAMES = lang.STAGE_NAMES
OTHER_LANGUAGE_NAMES = lang.OWN_NAMES


@pytest.mark.parametrize("module", [en, fr, ru])
def test_every_language_has_the_names_the_stages_read(module) -> None:
    missing = [name for name in STAGE_NAMES if not hasattr(module, name)]
    assert not missing


@pytest.mark.parametrize("module", [fr, ru])
def test_french_and_russian_define_their_own_words(module) -> None:
    missing = [name for name in OTHER_LANGUAGE_NAMES if not hasattr(module, name)]
    assert not missing
    # their incident words and types are their own, not English's
    assert module.STRONG_TRIGGER is not en.STRONG_TRIGGER
    assert module.TYPE_RULES is not en.TYPE_RULES


def test_event_types_are_acleds_in_every_language() -> None:
    english = {(t, s) for _, t, s in en.TYPE_RULES}
    for module in (fr, ru):
        assert {(t, s) for _, t, s in module.TYPE_RULES} <= english


def test_get_current_using() -> None:
    assert lang.get("fr") is fr and lang.get("ru") is ru
    assert lang.get(None) is en and lang.get("de") is en  # unsupported: English rules
    assert lang.current() is en and lang.is_english()
    with lang.using("ru") as module:
        assert module is ru and lang.current() is ru and not lang.is_english()
        with lang.using("fr"):
            assert lang.current() is fr
        assert lang.current() is ru
    assert lang.current() is en


@pytest.mark.parametrize(("text", "code"), [
    ("Исфара расположена на севере Таджикистана.", "ru"),
    ("Dix-sept soldats ont été tués dans une attaque près de la frontière.", "fr"),
    ("Seventeen soldiers were killed in an attack near the border.", "en"),
    ("", "en"),
])
def test_guess_language(text: str, code: str) -> None:
    assert lang.guess_language(text) == code


class _Recorded:
    language = "ru"
    text = "Soldiers were killed."
    title = None


def test_article_language_prefers_the_recorded_one() -> None:
    assert lang.article_language(_Recorded()) == "ru"
    with lang.using("fr"):
        assert lang.article_language(type("A", (), {"text": "killed"})()) == "fr"


@pytest.mark.parametrize(("text", "value"), [
    ("dix-sept", 17), ("17", 17), ("quatre-vingt-douze", 92), ("vingt et un", 21),
    ("une cinquantaine", 50), ("1 344", 1344), ("soldats", None),
])
def test_french_numbers(text: str, value: int | None) -> None:
    assert fr.parse_number(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("пятерых", 5), ("двух", 2), ("семнадцати", 17), ("двадцати пяти", 25), ("сорока", 40),
    ("трое", 3), ("40", 40), ("солдат", None),
])
def test_russian_numerals_in_every_case(text: str, value: int | None) -> None:
    assert ru.parse_number(text) == value


@pytest.mark.parametrize("module", [fr, ru])
def test_language_patterns_are_linear_on_long_runs(module) -> None:
    """No pattern backtracks badly on a long run of letters, digits or spaces."""
    import time

    hostile = ("а" * 20_000 + " " + "1" * 5_000 + " " * 5_000 + "Б" * 5_000 + "é" * 5_000)
    patterns = [p for p, _ in module.CASUALTY_PATTERNS] + [p for p, _ in module.RELATIVE_PATTERNS]
    patterns += [module.STRONG_TRIGGER, module.DATELINE, re.compile(
        "|".join(f"(?:{p})" for _, p in module.DATE_PATTERNS), re.IGNORECASE)]
    started = time.perf_counter()
    for pattern in patterns:
        list(pattern.finditer(hostile))
    assert time.perf_counter() - started < 5.0


_READ_THROUGH_CURRENT = re.compile(r"(?:current\(\)|_lang\(\)|\blang)\.([A-Z][A-Z_]+|parse_number)\b")


def test_every_name_the_stages_read_through_current_is_declared() -> None:
    """The stages read a language only through the declared interface (a name a stage reads
    that the interface does not list is a language module's hidden requirement)."""
    root = Path(lang.__file__).parent.parent
    read = {m.group(1) for path in root.rglob("*.py")
            for m in _READ_THROUGH_CURRENT.finditer(path.read_text(encoding="utf-8"))}
    assert read, "the scan found no reads: the pattern is stale"
    assert read <= set(lang.STAGE_NAMES) | set(lang.OWN_NAMES)


def test_english_only_names_are_english_lists() -> None:
    assert all(hasattr(en, name) for name in lang.ENGLISH_ONLY)
    assert not set(lang.ENGLISH_ONLY) & (set(lang.STAGE_NAMES) | set(lang.OWN_NAMES))
