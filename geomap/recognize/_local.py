"""Place names in French and Russian text: the gazetteer's names in every Latin and Cyrillic
spelling (all alternate names, whatever the place's size), matched word by word, with Russian
case endings lemmatised by pymorphy3 ("в Исфаре" -> Исфара, "к югу от Оша" -> Ош,
"Белгородской области" -> Белгородская область).

English text never comes here (its automaton keeps only the alternate names of big places,
see :data:`geomap.recognize._automaton.ALTERNATE_MIN_POPULATION`), so English results and
speed are unchanged. The name table is built once per process, on the first French or Russian
article (about 2 s and 60 MB for the default gazetteer), and pymorphy3's dictionary (0.1 s)
only on the first Russian one.
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from geomap.gazetteer.base import Gazetteer
from geomap.gazetteer.normalize import name_key
from geomap.recognize._automaton import NAME_TYPE_BITS, read_cache, write_cache

MAX_WORDS = 4
"""Longest name matched, in words ("Горно-Бадахшанская автономная область" is three)."""
MAX_FORMS = 6
"""Lemma candidates kept per Russian word (pymorphy3's parses, best first)."""
MAX_COMBINATIONS = 64
"""Candidate spellings tried per word sequence (the product of its words' forms)."""
_MAX_GAP = 3
"""Blanks allowed between the words of one name."""
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CYRILLIC_KEY = re.compile(r"[\u0400-\u04ff0-9 ]*[\u0400-\u04ff][\u0400-\u04ff0-9 ]*")
_PERSON_TAGS = ("Name", "Surn", "Patr")
_ADJ_FORMS = ({"nomn", "sing", "femn"}, {"nomn", "sing", "masc"}, {"nomn", "sing", "neut"},
              {"nomn", "plur"})
"""Nominative forms an adjective of a name may take ("Белгородской" -> "Белгородская")."""


@dataclass(frozen=True, slots=True)
class LocalNames:
    """Name keys of one gazetteer that English matching leaves out: ``keys`` maps each to its
    name-type bits; ``prefixes`` holds the word prefixes of multi-word keys (a sequence is
    extended only while it can still become a name)."""

    keys: dict[str, int]
    prefixes: frozenset[str]


_lock = threading.Lock()
_tables: dict[str, LocalNames] = {}


LOCAL_CACHE_SUFFIX = "-local-names.json"
LOCAL_CACHE_FORMAT = "geomap-local-names"
LOCAL_VERSION = 1
"""Bump when what :func:`local_names` keeps changes (a cache of another version is stale)."""


def local_names(gazetteer: Gazetteer, ident: str | None,
                english: ahocorasick.Automaton) -> LocalNames:
    """The :class:`LocalNames` of ``gazetteer`` (memoised under ``ident``): every Cyrillic
    key, and every Latin key the English automaton ``english`` lacks. The key list is cached
    beside the gazetteer file as checked JSON, like the English one (see
    :mod:`geomap.recognize._automaton`): measured on a loaded 2-core machine, 15 s to build,
    about 2 s from the cache."""
    with _lock:
        table = _tables.get(ident) if ident is not None else None
        if table is not None:
            return table
        cache = None
        path = gazetteer.path
        if ident is not None and path is not None:
            path = Path(path)
            cache = path.with_name(path.name + LOCAL_CACHE_SUFFIX)
            tag = f"{ident}-local{LOCAL_VERSION}"
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
            keys = read_cache(cache, tag, max_bytes=size, fmt=LOCAL_CACHE_FORMAT,
                               ascii_only=False)
            if keys is None:
                keys = _local_keys(gazetteer, english)
                write_cache(cache, tag, keys, fmt=LOCAL_CACHE_FORMAT)
        else:
            keys = _local_keys(gazetteer, english)
        prefixes = set()
        for key in keys:
            if " " in key:
                words = key.split(" ")
                prefixes.update(" ".join(words[:j]) for j in range(1, len(words)))
        table = LocalNames(keys, frozenset(prefixes))
        if ident is not None:
            _tables.clear()  # one gazetteer per process is the norm
            _tables[ident] = table
        return table


def _local_keys(gazetteer: Gazetteer, english: ahocorasick.Automaton) -> dict[str, int]:
    """``{key: name-type bits}`` of the Cyrillic keys and the Latin ones ``english`` lacks."""
    keys: dict[str, int] = {}
    for key, name_type in gazetteer.iter_names():
        if not key or len(key) < 2:
            continue
        if key.isascii():
            if english.exists(" " + key + " ") or not any(c.isalpha() for c in key):
                continue
        elif _CYRILLIC_KEY.fullmatch(key) is None:
            continue
        keys[key] = keys.get(key, 0) | NAME_TYPE_BITS.get(name_type, 4)
    return keys


@functools.cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=65536)
def parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's parses of a Russian word, best first."""
    return tuple(_morph().parse(word))


@functools.lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[str, ...]:
    """Keys a word may stand for: itself and, for Cyrillic words, its lemmas (toponym parses
    first) and the nominative forms of an adjective (names are looked up in the nominative)."""
    forms = [name_key(word)]
    if not _CYRILLIC.search(word):
        return tuple(forms)
    ps = parses(word)
    ordered = sorted(ps, key=lambda p: "Geox" not in p.tag)
    for p in ordered:
        forms.append(name_key(p.normal_form))
        if "ADJF" in p.tag:
            for grammemes in _ADJ_FORMS:
                inflected = p.inflect(grammemes)
                if inflected is not None:
                    forms.append(name_key(inflected.word))
        if len(dict.fromkeys(forms)) >= MAX_FORMS:
            break
    return tuple(dict.fromkeys(f for f in forms if f))[:MAX_FORMS]


def has_cyrillic(text: str, start: int = 0, end: int | None = None) -> bool:
    """Some letter of ``text[start:end]`` is Cyrillic."""
    return _CYRILLIC.search(text, start, len(text) if end is None else end) is not None


def is_toponym(word: str) -> bool:
    """pymorphy3 knows the word as a place name (a ``Geox`` parse)."""
    return any("Geox" in p.tag for p in parses(word))


def is_person(word: str) -> bool:
    """The word's best parse is a first name, surname or patronymic, and no parse a place."""
    ps = parses(word)
    return bool(ps) and any(t in ps[0].tag for t in _PERSON_TAGS) and not is_toponym(word)


def is_adjective(word: str) -> bool:
    """The word's best parse is a full adjective ("Куйбышевском", "афганской")."""
    ps = parses(word)
    return bool(ps) and "ADJF" in ps[0].tag


def is_common(word: str) -> bool:
    """A dictionary word that is not a place name ("Ранее", "Снаряды", "Мир")."""
    return _morph().word_is_known(word.lower()) and not is_toponym(word)


def lemma(word: str) -> str:
    """The word's best lemma key (for the guard lists of :mod:`geomap.lang.ru`)."""
    if not _CYRILLIC.search(word):
        return name_key(word)
    ps = parses(word)
    return name_key(ps[0].normal_form) if ps else name_key(word)


@dataclass(frozen=True, slots=True)
class LocalMatch:
    """A word sequence ``text[start:end]`` whose (lemmatised) key is ``key``."""

    start: int
    end: int
    key: str
    mask: int


def local_matches(text: str, table: LocalNames, *, lemmatise: bool) -> Iterator[LocalMatch]:
    """Matches of ``table``'s names in ``text``, starting at capitalised words; with
    ``lemmatise`` Russian words are also tried in their lemma and nominative forms. Every
    match is yielded (overlaps are settled by the recognizer, longest first)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    keys, prefixes = table.keys, table.prefixes
    forms_of = word_forms if lemmatise else (lambda w: (name_key(w),))
    n = len(words)
    for i in range(n):
        start, end, word = words[i]
        if not word[0].isupper():
            continue
        seqs = list(forms_of(word))
        j = i
        while seqs:
            for key in seqs:
                if key in keys:
                    yield LocalMatch(start, words[j][1], key, keys[key])
            if j + 1 >= n or j + 1 - i >= MAX_WORDS:
                break
            gap = text[words[j][1]:words[j + 1][0]]
            if not gap or len(gap) > _MAX_GAP or gap.strip():
                break
            seqs = [s for s in seqs if s in prefixes]
            if not seqs:
                break
            j += 1
            seqs = [" ".join(p) for p in itertools.islice(
                itertools.product(seqs, forms_of(words[j][2])), MAX_COMBINATIONS)]


def russian_ok(text: str, start: int, end: int, key: str, *, strong: bool,
               dateline: bool, sentence_initial: bool) -> bool:
    """Whether a Cyrillic match is a place: not a guard word (:mod:`geomap.lang.ru`), not an
    acronym (unless a dateline or a major place), not a person's name (after a title, before a
    surname, or a name pymorphy3 knows as a person's), not a common word at a sentence start
    or away from a locative word ("Мир" is a place only in "в Мире")."""
    from geomap.lang import ru  # on the first Russian article: English never pays
    surface = text[start:end]
    first = surface.split()[0].split("-")[0]
    single = " " not in surface
    lem = lemma(first)
    if single and (key in ru.STOP_NAMES or lem in ru.STOP_NAMES or key in ru.ORGANISATIONS
                   or name_key(first) in ru.ORGANISATIONS):
        return False
    prev = _previous_word(text, start)
    prev_lem = lemma(prev) if prev else ""
    if prev_lem in ru.TITLES or prev_lem in ru.NOT_PLACE_BEFORE:
        return False
    letters = [c for c in surface if c.isalpha()]
    if single and len(letters) >= 2 and all(c.isupper() for c in letters):
        return dateline or strong  # "ДОНЕЦК, 20 января" yes; "ИГ", "ГКНБ" no
    if not single or strong:
        return True
    locative = prev_lem in ru.LOCATIVES
    nxt = _next_word(text, end)
    if nxt and nxt[0].islower() and is_adjective(first) and not is_toponym(first):
        return False  # "в Куйбышевском районе": the name is the whole phrase, not found
    if nxt and nxt[0].isupper() and is_person(nxt) and not is_toponym(first):
        return False  # "Эмомали Рахмон"
    if is_person(first):
        return locative
    if is_common(first):
        return locative and not sentence_initial
    return True


def _previous_word(text: str, pos: int) -> str | None:
    m = re.search(r"([^\W\d_]+)[ \t]{1,3}$", text[max(0, pos - 40):pos])
    return m.group(1) if m else None


def _next_word(text: str, pos: int) -> str | None:
    m = re.match(r"[ \t]{1,3}([^\W\d_]+)", text[pos:pos + 40])
    return m.group(1) if m else None
