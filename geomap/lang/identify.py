"""Which language an article is written in (ISO 639-1), with lingua's shipped n-gram models.

geomap reads English, French and Russian (``HANDLED``); an article in another language gets
its code (so the run can warn and count it) and is processed with the English rules, which
find little. lingua is restricted to the handled languages and the ones news in this
domain most often comes in (so an unhandled article is named, not forced into a handled
one), in low-accuracy mode (trigrams only) on a sample of the text: measured on GeoWebNews,
0.4 ms per article on a 300-character sample, 1.2 ms on 1,000, all 200 articles English.
"""

from __future__ import annotations

import functools
from typing import Any

from geomap.lang import guess_language

HANDLED: tuple[str, ...] = ("en", "fr", "ru")
"""Languages geomap has recognition and event rules for."""
DEFAULT_LANGUAGE = "en"
"""What an article too short or too ambiguous to identify is read as."""
UNDETERMINED = "und"
"""ISO 639-2 code for a text with no identifiable language (lingua declines)."""
SAMPLE_CHARS = 400
"""Characters of the text lingua reads: the start of a news report (headline, dateline, lead)
is in its language; more text costs linearly (1.2 ms per 1,000) and changes no answer on the
English development sets."""
SHORT_CHARS = 120
"""Below this many characters lingua's low-accuracy mode is unreliable (its documentation;
measured: the 40-character LGL headline "Suit aims to stop move of Camden clinic." reads
as Dutch, 0.64). A short text is given a handled language lingua finds, else "und" (read as
English, without a warning): the high-accuracy models that would tell take 340 MB and 4 s
to load per process, and a sentence has little to miss."""
_CANDIDATES = (
    "ENGLISH", "FRENCH", "RUSSIAN", "UKRAINIAN", "SPANISH", "PORTUGUESE", "GERMAN", "ITALIAN",
    "DUTCH", "TURKISH", "ARABIC", "PERSIAN", "CHINESE",
)
"""lingua languages told apart: the handled ones and the commonest others in conflict news
(Ukrainian beside Russian, Spanish and Portuguese beside French)."""


@functools.cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in _CANDIDATES]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def identify(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language (``"und"`` when lingua cannot tell, e.g. no
    letters)."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return UNDETERMINED
    lang = _detector().detect_language_of(sample)
    if lang is None:
        return UNDETERMINED
    code = lang.iso_code_639_1.name.lower()
    if len(sample.strip()) < SHORT_CHARS and code not in HANDLED:
        return UNDETERMINED
    if code == "fr" and guess_language(sample) == DEFAULT_LANGUAGE:
        # low-accuracy trigrams take a short English line full of foreign names for French
        # ("Russian forces looted civilian houses in Nova Basan, Chernihiv."): its English
        # function words decide (2 of the 450 ACLED dev records)
        return DEFAULT_LANGUAGE
    return code


def reading_language(language: str | None) -> str:
    """The rules an article in ``language`` is read with: its own if handled, else English."""
    return language if language in HANDLED else DEFAULT_LANGUAGE


def handled(language: str | None) -> bool:
    """True for languages geomap has rules for (an undetermined text counts as handled: there
    is nothing to warn about in a text without words)."""
    return language in HANDLED or language in (None, UNDETERMINED)
