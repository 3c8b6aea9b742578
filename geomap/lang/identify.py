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
import os
import re
from typing import Any

from geomap.lang import function_words

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


RAYON_THREADS = "1"
"""lingua's Rust core would start a thread pool of one thread per core in every process; geomap
already runs one process per core (``--jobs``), so its threads would only compete (measured on
GeoWebNews: 0.36-0.47 ms CPU per article with one thread, 0.47-0.59 ms with the pool). A
``RAYON_NUM_THREADS`` the user set is kept."""


@functools.cache
def _detector() -> Any:
    os.environ.setdefault("RAYON_NUM_THREADS", RAYON_THREADS)
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in _CANDIDATES]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


_ENGLISH_ONLY = re.compile(
    r"\b(?:the|and|said|that|with|from|were|which|would|their|been|after|into)\b",
    re.IGNORECASE,
)
"""English function words no other language lingua is asked about writes (German "was",
Dutch "of", French "on", Italian "is" are left out)."""
_FRENCH_ONLY = re.compile(
    r"\b(?:les|une|sont|dans|avec|pour|été|ont|aux|selon|cette|être|leur|depuis)\b",
    re.IGNORECASE,
)
"""French function words English prose does not use (unlike "la", "des", "est", "sur")."""
ENGLISH_FAST_WORDS = 4
"""An ASCII sample with this many of them (and under half as many French-only function words)
is English without asking lingua. Measured (benchmarks/bench_languages.py): the fast path
takes 92-95 % of LGL, GeoWebNews and GVA articles and a third of the terse ACLED notes, and
lingua calls every one of those 2,656 English too; identification then costs about 0.1 ms
per English article instead of 0.4-0.7."""


def _clearly_english(sample: str) -> bool:
    """A fast path for the commonest case (English news), which lingua's trigrams would also
    call English: unaccented Latin letters, many English-only function words, few French
    ones."""
    if not sample.isascii() and not all(c.isascii() for c in sample if c.isalpha()):
        return False  # (curly quotes and dashes are fine; an accented letter goes to lingua)
    english = len(_ENGLISH_ONLY.findall(sample))
    return english >= ENGLISH_FAST_WORDS and english > 2 * len(_FRENCH_ONLY.findall(sample))


def identify(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language (``"und"`` when lingua cannot tell, e.g. no
    letters)."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return UNDETERMINED
    if _clearly_english(sample):
        return DEFAULT_LANGUAGE
    lang = _detector().detect_language_of(sample)
    if lang is None:
        return UNDETERMINED
    code = lang.iso_code_639_1.name.lower()
    if len(sample.strip()) < SHORT_CHARS and code not in HANDLED:
        return UNDETERMINED
    french, english = function_words(sample)
    if code == "fr" and english > french:
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
