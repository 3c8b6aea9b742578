"""Sentence splitting with character offsets into the article text.

Rule-based and linear-time: a line break always ends a sentence (news bodies put one paragraph
per line); inside a line a sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or
brackets) followed by white space and a capital letter, digit or opening quote, unless the word
before the full stop is a known abbreviation ("Dr.", "Gen.", "Nov.", "a.m."), a single initial
("John F. Kennedy") or a dotted acronym ("U.S.", "U.N.") that is not followed by a common
sentence opener ("The", "He", ...). Offsets are kept so evidence can point back into the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from geomap.lang import current, is_english


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == article_text[start:end]`` (stripped of surrounding white space)."""

    start: int
    end: int
    text: str


ABBREVIATIONS = _wordset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cpt maj cmdr adm gov sen rep pres
    rev hon insp supt det cpl pvt brig
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vs v etc approx est inc ltd co corp dept univ ave blvd rd hwy fig vol
    al e.g i.e a.m p.m u.s u.k u.n e.u
    """
)
"""Lower-cased words (without the final full stop) after which a full stop does not end a
sentence. Dotted acronyms are handled by shape as well, so this list needs only the common ones."""

SENTENCE_OPENERS = _wordset(
    """
    the a an he she it they we i in on at but and however meanwhile this that these those
    there his her its their our after before when while since if as police officials
    authorities according
    """
)
"""Words that, after a dotted acronym ("... in the U.S. The next day"), mark a new sentence."""

# Candidate boundary: terminal punctuation, optional closing quotes/brackets, white space, then
# the next sentence's first character. One pass, no nested quantifiers: linear time.
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]++["'\u201d\u2019)\]]*+(?=[ \t]+["'\u201c\u2018(\[]?[A-Z0-9])""")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_WORD = re.compile(r"""[ \t]+["'\u201c\u2018(\[]?([A-Za-z]+)""")
_BOUNDARY_ANY_SCRIPT = re.compile(
    r"""(?<![.!?])[.!?]++["'\u201d\u2019\u00bb)\]]*+(?=[ \t]+["'\u201c\u2018\u00ab(\[]?"""
    r"""[A-Z0-9\u00c0-\u00dd\u0400-\u042f])"""
)
"""The boundary of other languages: the next sentence may start with an accented Latin or a
Cyrillic capital ("Énième", "Пять"), or a guillemet."""
_LAST_ANY_WORD = re.compile(r"([^\W\d_][^\W\d_.]*(?:\.[^\W\d_]+)*)\.$")
_GALLERY_COUNTER = re.compile(r"\d+ ?/ ?\d+(?=[A-Z])")
"""A photo-gallery counter glued to a caption ("1 / 3Seventeen people ..."), an artefact of
scraped pages; skipped so the evidence starts at the caption's first word."""


def _is_abbreviation(text: str, dot: int, line_end: int) -> bool:
    """Whether the full stop at ``text[dot]`` belongs to an abbreviation, not a sentence end."""
    m = _LAST_WORD.search(text, max(0, dot - 20), dot + 1)
    if m is None:
        return False
    word = m.group(1)
    low = word.lower()
    nxt = _NEXT_WORD.match(text, dot + 1, line_end)
    next_word = nxt.group(1).lower() if nxt else ""
    dotted = "." in word  # "U.S", "a.m", "e.g"
    if dotted and next_word in SENTENCE_OPENERS:
        return False
    if low in ABBREVIATIONS or dotted:
        return True
    # A single capital initial: "John F. Kennedy".
    return len(word) == 1 and word.isupper()


def _is_language_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at ``text[dot]`` ends one of a language's abbreviations ("г.",
    "с.", "ул.", "M.") or a single capital initial."""
    m = _LAST_ANY_WORD.search(text, max(0, dot - 20), dot + 1)
    if m is None:
        return False
    word = m.group(1)
    return word.lower() in abbreviations or (len(word) == 1 and word.isupper())


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets; empty lines produce nothing (abbreviations
    and capitals of the current language: :func:`geomap.lang.current`)."""
    if is_english():
        return _split(text, _BOUNDARY, lambda dot, line_end: _is_abbreviation(text, dot, line_end))
    abbreviations = current().ABBREVIATIONS
    return _split(text, _BOUNDARY_ANY_SCRIPT,
                  lambda dot, _: _is_language_abbreviation(text, dot, abbreviations))


def _split(text: str, boundary: re.Pattern[str],
           is_abbreviation: Callable[[int, int], bool]) -> list[Sentence]:
    """Sentences of ``text``, line by line, at ``boundary`` matches; only a lone "." can be an
    abbreviation's (``is_abbreviation(dot, line_end)``), "?!" and "..." end sentences."""
    out: list[Sentence] = []
    pos = 0
    n = len(text)
    while pos < n:
        line_end = text.find("\n", pos)
        if line_end < 0:
            line_end = n
        start = pos
        for m in boundary.finditer(text, pos, line_end):
            if m.group(0)[0] == "." and text[m.start(): m.start() + 2] != ".." and (
                    is_abbreviation(m.start(), line_end)):
                continue
            _emit(text, start, m.end(), out)
            start = m.end()
        _emit(text, start, line_end, out)
        pos = line_end + 1
    return out


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    m = _GALLERY_COUNTER.match(text, start, end)
    if m is not None:
        start = m.end()
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def strip_dateline(sent: Sentence) -> Sentence:
    """The sentence without a leading news dateline ("KABUL (Reuters) - "): the dateline names
    where and when the report was filed, so the incident clause that follows must not take its
    place or date from it (the article's own place still counts the dateline's town)."""
    m = current().DATELINE.match(sent.text)
    if m is None or m.end() >= len(sent.text):
        return sent
    return Sentence(sent.start + m.end(), sent.end, sent.text[m.end():])
