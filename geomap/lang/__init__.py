"""Language knowledge shared by the stages: one module per language, all of one shape.

:mod:`geomap.lang.en`, :mod:`geomap.lang.fr` and :mod:`geomap.lang.ru` define the same names
(``STRONG_TRIGGER``, ``TYPE_RULES``, ``CASUALTY_WORDS``, ``DATELINE``...); French and Russian start
from the English module and replace what their news says differently, so a stage reads
``lang.STRONG_TRIGGER`` whatever the language and English output stays as it was.

The stages take the language of the article being processed from :func:`current`, which
:func:`using` sets for the duration of one article (a context variable: threads and
asynchronous callers each see their own). Event types, actors and notes are ACLED's English
vocabulary in every language.

The interface, declared below and checked by ``tests/lang/test_interface.py``:

- :data:`STAGE_NAMES`: every language module has them (its own, or English's by inheritance)
  and the stages read them only through :func:`current` (or :func:`get`), never from
  :mod:`geomap.lang.en` directly, so a language's own list always wins;
- :data:`OWN_NAMES`: what a language other than English must define itself, the tables its
  path of the stages reads (casualty, date and relative-location patterns, actors' words);
- :data:`ENGLISH_ONLY`: English word lists from which the English-only grammars are built
  once at import (the casualty patterns of :mod:`geomap.events.numbers`, the relative-location
  grammar, the holidays of :mod:`geomap.events.dates`, which reads other languages' dates once
  :func:`english_date` has said them the English way); those grammars run only when
  :func:`is_english` (other languages read :data:`OWN_NAMES` instead).

A new language: a module ``geomap/lang/<code>.py`` that starts with
``from geomap.lang.en import *``, sets ``CODE`` and replaces what its news says differently
(at least :data:`OWN_NAMES`), plus its code in :data:`SUPPORTED`.
"""

from __future__ import annotations

import contextvars
import importlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType

LanguageData = ModuleType
"""A language module (:mod:`geomap.lang.en` is the reference for its names)."""

DEFAULT = "en"
SUPPORTED: tuple[str, ...] = ("en", "fr", "ru")
"""Languages whose news geomap reads (ISO 639-1)."""

STAGE_NAMES: tuple[str, ...] = (
    "CODE", "STRONG_TRIGGER", "WEAK_TRIGGER", "CONTEXT", "GENERIC", "ACCIDENT", "SPORT",
    "HYPOTHETICAL", "VIOLENT_CORE", "VIOLENT", "TYPE_RULES", "ORGANISED_ARMED", "CRIME_STORY",
    "PROTEST_WORDS", "INTERVENTION_WORDS", "UNLESS_GUNS", "SEPARATE_INCIDENT", "SUMMARY",
    "ANAPHORIC", "LOCATIVE", "LOCATIVE_SPAN", "HOSPITAL", "CLAIMED", "NO_CLAIM", "LATER_STEP",
    "LATER_STEP_GAP", "STATUS_WORDS", "STEP_AFTER_DATE", "CASUALTY_WORDS",
    "INCIDENT_BEFORE_DATE", "INCIDENT_DATE_GAP", "HAPPENED", "INCIDENT_NOUN",
    "INCIDENT_POSSESSIVE", "REFERS_TO_INCIDENT", "DIED_OF_INJURIES", "PAGE_FURNITURE",
    "PAGE_FURNITURE_SPAN", "PAGE_DATE_CHAIN", "CHARGE_BEFORE_NOUN", "CHARGE_NOUN_SPAN",
    "CLOCK_AFTER_DATE", "CLOCK_BEFORE_DATE", "FOLLOW_UP_LEDE", "DATELINE", "BLOCK_OF_BEFORE",
    "FACILITY_AFTER", "OUTLET_AFTER", "OUTLET_BEFORE", "PERSON_AGE_AFTER", "PLACE_AGENCY_AFTER",
    "PLACE_AS_MODIFIER", "STREET_ANCHOR_AFTER", "PLACE_LINKS", "PLACE_CUES", "PLACE_FEATURES",
)
"""Names every language module has and the stages read through :func:`current`."""

OWN_NAMES: tuple[str, ...] = (
    "parse_number", "CASUALTY_PATTERNS", "CASUALTY_CUE", "TOTAL_NOUNS", "GROUPS", "DATE_PATTERNS",
    "english_date", "TIME_PATTERN", "RELATIVE_PATTERNS", "DIRECTIONS", "BORDER_ADJECTIVES",
    "COUNTRY_NAMES", "ARMED_GROUP_ALIASES", "MILITARY", "POLICE", "UNNAMED", "RIOTERS",
    "PROTESTERS", "CIVILIANS", "REPORTING", "REPORTED_BY", "COUNTRY_OWNERS", "ABBREVIATIONS",
)
"""Names a language other than English defines itself: the tables of its path of the stages."""

ENGLISH_ONLY: tuple[str, ...] = (
    "FATAL_VERBS", "INJURED_VERBS", "DETAINED_VERBS", "UNITS", "TENS", "SCALES",
    "VAGUE_LOWER_BOUNDS", "FATAL_ACTIVE", "SHOT_VERBS", "SHOT_ACTIVE", "WOUND_ACTIVE",
    "PERSON_NOUNS", "FORCE_NOUNS", "HOLIDAYS", "SEASON_NOUNS", "SEASONAL_HOLIDAYS",
)
"""English lists the English-only grammars are built from (imported from :mod:`geomap.lang.en`
by name; they run only when :func:`is_english`)."""

_CURRENT: contextvars.ContextVar[str | None] = contextvars.ContextVar("geomap_language",
                                                                      default=None)
"""The language set by :func:`using` (None outside any: English)."""


@cache
def get(code: str | None) -> LanguageData:
    """The language module for an ISO 639-1 ``code``; English for None or an unsupported one."""
    code = (code or DEFAULT).lower()
    if code not in SUPPORTED:
        code = DEFAULT
    return importlib.import_module(f"geomap.lang.{code}")


def current() -> LanguageData:
    """The language of the article the stages are reading now (English by default)."""
    return get(_CURRENT.get())


def is_english() -> bool:
    """Whether the stages read English now (the English path is kept exactly as it was)."""
    return _CURRENT.get() in (None, DEFAULT)


@contextmanager
def using(code: str | None) -> Iterator[LanguageData]:
    """Make ``code`` the current language inside the ``with`` block."""
    lang = get(code)
    token = _CURRENT.set(lang.CODE)
    try:
        yield lang
    finally:
        _CURRENT.reset(token)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_FRENCH_WORDS = re.compile(
    r"\b(?:le|la|les|des|du|une|est|sont|dans|avec|pour|par|sur|qui|été|ont|au|aux)\b",
    re.IGNORECASE,
)
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|of|was|were|is|are|in|with|for|by|on|that|has|have|said)\b", re.IGNORECASE
)
SCRIPT_SAMPLE = 4000
"""Characters of an article the script check reads (a lede tells its language)."""


def function_words(text: str) -> tuple[int, int]:
    """(French, English) function words in ``text`` ("le", "des", "sont"; "the", "was")."""
    return len(_FRENCH_WORDS.findall(text)), len(_ENGLISH_WORDS.findall(text))


FRENCH_MARGIN = 2
"""Latin text is French only with this many times more French than English function words
(an English report quoting "la", "le" or "des" in names stays English)."""


def guess_language(text: str) -> str:
    """A cheap guess of an article's language from its script and function words, used when
    no language identifier has recorded one: Cyrillic text is Russian; Latin text with
    :data:`FRENCH_MARGIN` times more French than English function words is French; anything
    else English."""
    sample = text[:SCRIPT_SAMPLE]
    cyr = len(_CYRILLIC.findall(sample))
    if cyr and cyr >= len(_LATIN.findall(sample)):
        return "ru"
    french, english = function_words(sample)
    if french > english * FRENCH_MARGIN:
        return "fr"
    return DEFAULT


def article_language(article: object) -> str:
    """The language recorded on an article (``language`` attribute), else the one a caller set
    with :func:`using` (the pipeline sets the identified one: :mod:`geomap.lang.identify`), else
    :func:`guess_language` of its title and text."""
    code = getattr(article, "language", None) or _CURRENT.get()
    if code:
        return str(code)
    title = getattr(article, "title", None) or ""
    return guess_language(f"{title}\n{getattr(article, 'text', '')}")
