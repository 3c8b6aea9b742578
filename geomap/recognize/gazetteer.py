"""The default recognizer: gazetteer names found with an Aho-Corasick automaton, filtered by
capitalisation and context cues, plus feature phrases ("Kunduz province", "the Ishkobod border
post") and borders ("the Afghan border", "the border with Kyrgyzstan").

No model download. Every regular expression here is bounded (fixed windows or bounded
repetition), so the work per document is linear in its length.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from geomap.gazetteer.base import Gazetteer
from geomap.gazetteer.normalize import name_key
from geomap.recognize._automaton import (
    NAME_TYPE_BITS,
    PLACE_NAME_BITS,
    automaton_for,
    cache_identity,
)
from geomap.recognize._cues import (
    dateline,
    followed_by_container,
    french_area_before,
    sentence_initial,
    word_after,
    word_before,
)
from geomap.recognize._local import (
    LocalNames,
    has_cyrillic,
    local_matches,
    local_names,
    russian_ok,
)
from geomap.recognize._spans import drop_club_names, longest_first
from geomap.recognize._text import normalize_with_offsets
from geomap.recognize.words import (
    BORDER_WORDS,
    CONNECTORS,
    FEATURE_WORDS,
    MULTI_STOP_NAMES,
    NEW_PLACE_FEATURES,
    PLACE_CONTINUATIONS,
    STOP_NAMES,
    STREET_WORDS,
    TITLES,
    common_words,
    first_names,
    last_names,
)
from geomap.types import Mention, Place

_DEMONYM = NAME_TYPE_BITS["demonym"]
_ABBREV = NAME_TYPE_BITS["abbreviation"]
_CODE = NAME_TYPE_BITS["code"]
_STRONG_KINDS = {"country", "continent", "region"}
_SMALL_ADMIN1 = 200_000
_STRONG_POPULATION = 1_000_000
MAX_MENTIONS_PER_NAME = 100
"""Mentions of one name kept per article; later ones are counted (``Mention.omitted``), not
examined, so a text repeating a name costs what is kept. News articles name a place far fewer
times (the most in a seed, GeoWebNews or LGL article is a few dozen)."""
MAX_MENTIONS_PER_ARTICLE = 10_000
"""Mentions examined per article: a long news article has a few hundred; past this (a list of
thousands of distinct places) recognition stops, so time and memory stay bounded."""
_OVER_CAP = "over-cap"

FEATURE_AFTER = re.compile(
    r"[ \t]{1,3}(" + "|".join(sorted({re.escape(w) for w in FEATURE_WORDS}, key=len, reverse=True))
    + r"|borders?|frontiers?)\b",
    re.IGNORECASE,
)
"""A feature word right after a name ("Kunduz province", "the Afghan border"): group 1 is the
word; matched from the name's end (``FEATURE_AFTER.match(text, end, end + 40)``)."""
_BORDER_BEFORE = re.compile(
    r"\b(?:borders?|frontiers?)[ \t]+(?:with|between)[ \t]+(?:neighbou?ring[ \t]+|the[ \t]+)?$",
    re.IGNORECASE,
)
_NEW_PLACE = re.compile(
    r"\b([A-Z][a-z\u00e0-\u024f'’-]{2,30}(?:[ \t][A-Z][a-z\u00e0-\u024f'’-]{2,30}){0,2})[ \t]("
    + "|".join(sorted((re.escape(w) for w in NEW_PLACE_FEATURES), key=len, reverse=True))
    + r")\b"
)
_SPEECH_AFTER = re.compile(
    r"(?:said|says|told|added|asked|wrote|explained|noted|argued|who|whose)\b"
)
_PLACE_AFTER = {
    "native", "natives", "resident", "residents", "area", "areas", "man", "woman", "men",
    "women", "couple", "family", "families", "police", "officials", "authorities", "firefighters",
    "homeowners", "motorists", "voters", "suburb", "suburbs", "outskirts", "neighborhood",
    "neighbourhood", "township", "county", "metro", "region", "based", "area's",
}
_LOCATIVES = {
    "in", "at", "near", "from", "to", "outside", "across", "into", "toward", "towards", "via",
    "around", "through", "throughout", "between", "within", "inside", "visit", "visited",
    "visiting", "leave", "left", "reach", "reached", "of", "downtown", "uptown", "suburban",
    "rural", "greater", "metro", "nearby", "neighboring", "neighbouring", "native",
}
_NAME_PARTICLES = {"de", "van", "von", "der", "el", "al", "da", "di", "le", "la", "bin", "ibn"}


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    key: str
    mask: int
    name: str | None = None
    """The name to look up when it is not the surface (a Russian lemma: "Исфаре" -> "Исфара")."""


@dataclass(frozen=True, slots=True)
class _Guard:
    """A language's own guard words (see :mod:`geomap.lang.fr`): name keys."""

    stop: frozenset[str]
    organisations: frozenset[str]
    titles: frozenset[str]
    not_before: frozenset[str]
    locatives: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Around:
    """The words around a match as the context rules read them (lower-cased, final dot
    dropped); ``prev_cap`` ignores a capital that only starts a sentence."""

    prev: str | None
    nxt: str | None
    prev_l: str
    nxt_l: str
    nxt_cap: bool
    prev_cap: bool
    locative: bool
    """After a locative word ("in", "near"; a language's own, or a French elision)."""


def _around(text: str, m: _Match, guard: _Guard | None) -> _Around:
    prev = word_before(text, m.start)
    nxt = word_after(text, m.end)
    prev_l = prev.lower().rstrip(".") if prev else ""
    locative = prev_l in _LOCATIVES or (guard is not None and (
        name_key(prev_l) in guard.locatives
        or _ELISION.search(text, max(0, m.start - 8), m.start) is not None))
    prev_cap = (bool(prev) and prev[0].isupper()
                and not sentence_initial(text, m.start - len(prev) - 1))
    return _Around(prev, nxt, prev_l, nxt.lower().rstrip(".") if nxt else "",
                   bool(nxt) and nxt[0].isupper(), prev_cap, locative)


@functools.cache
def _french() -> _Guard:
    """French guard words (imported on the first French article: English never pays)."""
    from geomap.lang import fr

    return _Guard(fr.STOP_NAMES, fr.ORGANISATIONS, fr.TITLES, fr.NOT_PLACE_BEFORE, fr.LOCATIVES)


LOCAL_LANGUAGES = ("fr", "ru")
"""Languages read with every Latin and Cyrillic name of the gazetteer (:mod:`._local`)."""
_ELISION = re.compile(r"(?:^|(?<=[\s(«\"]))([dlDL]|[Jj]usqu|[Qq]u)['’]$")


class GazetteerRecognizer:
    """Finds gazetteer names in text (see the module docstring).

    The automaton is built once per process and gazetteer (and cached on disk next to the
    gazetteer file), never per document.
    """

    name = "gazetteer"

    def __init__(self, gazetteer: Gazetteer, *, use_disk_cache: bool = True) -> None:
        self.gazetteer = gazetteer
        self._automaton = automaton_for(gazetteer, use_disk_cache=use_disk_cache)
        self._local_table: LocalNames | None = None  # built on the first fr/ru text
        self._common = common_words()
        self._first = first_names()
        self._last = last_names()
        self._strong = lru_cache(maxsize=65536)(self._strong_uncached)
        self._medium = lru_cache(maxsize=65536)(self._medium_uncached)

    # -- public ------------------------------------------------------------------------------
    def recognize(self, text: str, language: str = "en") -> list[Mention]:
        """Place mentions in ``text``, sorted by start offset, non-overlapping. French and
        Russian text (``language``, ISO 639-1) is also matched against every Latin and
        Cyrillic name of the gazetteer, Russian words in their lemma forms (:mod:`._local`)."""
        if not text:
            return []
        norm, offs = normalize_with_offsets(text)
        persons: set[str] = set()
        accepted: list[tuple[_Match, str]] = []
        seen: Counter[str] = Counter()
        examined = 0
        guard = _french() if language == "fr" else None
        matches: Iterator[_Match] = self._raw_matches(text, norm, offs)
        if language in LOCAL_LANGUAGES:
            matches = itertools.chain(matches, self._local_matches(text, language))
        for m in matches:
            if examined >= MAX_MENTIONS_PER_ARTICLE:
                break
            if seen[m.key] >= MAX_MENTIONS_PER_NAME:
                # still claims its span (so "York" in a later "New York" stays out), then counted
                accepted.append((m, _OVER_CAP))
                continue
            if m.name is not None and language == "ru":
                kind = self._accept_russian(text, m)
            else:
                kind = self._accept(text, m, persons, guard)
            if kind is not None:
                accepted.append((m, kind))
                seen[m.key] += 1
                examined += 1
        del norm, offs
        chosen = longest_first(accepted, len(text))
        del accepted
        omitted = Counter(m.key for m, k in chosen if k == _OVER_CAP)
        chosen = [(m, k) for m, k in chosen
                  if k != _OVER_CAP and not self._is_remembered_person(text, m, persons)]
        chosen = drop_club_names(text, chosen)
        mentions = [self._mention(text, m, kind, language) for m, kind in chosen]
        if omitted:
            last = {m.key: i for i, (m, _k) in enumerate(chosen)}
            for key, n in omitted.items():
                if key in last:  # (every kept mention of the name was dropped: nothing to count on)
                    i = last[key]
                    mentions[i] = replace(mentions[i], omitted=n)
        if language != "ru":  # English and French feature and border words
            mentions = self._mark_borders(text, mentions)
        mentions += self._new_places(text, mentions, persons)
        mentions.sort(key=lambda x: x.start)
        return mentions

    def names_major_place(self, key: str) -> bool:
        """A country, first-level area, continent or city of a million has this (main) name
        (``key`` is a name key); cached per recognizer."""
        return self._strong(key)

    # -- candidates ----------------------------------------------------------------------------
    def _local_matches(self, text: str, language: str) -> Iterator[_Match]:
        """Names English matching leaves out (:mod:`._local`); Russian ones lemmatised."""
        table = self._local_table
        if table is None:  # once per recognizer: the gazetteer's identity costs a count query
            ident, _path, _size = cache_identity(self.gazetteer)
            table = self._local_table = local_names(self.gazetteer, ident, self._automaton)
        russian = language == "ru"
        for lm in local_matches(text, table, lemmatise=russian):
            cyrillic = russian and has_cyrillic(text, lm.start, lm.end)
            yield _Match(lm.start, lm.end, lm.key, lm.mask,
                         _lookup_name(lm.key, text[lm.start:lm.end]) if cyrillic else None)

    def _accept_russian(self, text: str, m: _Match) -> str | None:
        """The mention kind for a Cyrillic match in Russian text, or None
        (:func:`._local.russian_ok`)."""
        ok = russian_ok(
            text, m.start, m.end, m.key, strong=self._strong_local(m.key),
            dateline=dateline(text, m.start, m.end),
            sentence_initial=sentence_initial(text, m.start),
        )
        return "name" if ok else None

    def _strong_local(self, key: str) -> bool:
        """A country, first-level area or city of a million has this name in some language."""
        for cand in self.gazetteer.lookup(key):
            if cand.name_type == "code":
                continue
            if _important_area(cand.place) or cand.place.population >= _STRONG_POPULATION:
                return True
        return False

    def _raw_matches(self, text: str, norm: str, offs: Sequence[int]) -> Iterator[_Match]:
        for end_idx, (klen, mask) in self._automaton.iter(norm):
            # the stored word is " key ": end_idx is its trailing space
            ks = end_idx - klen
            ke = end_idx - 1
            start = offs[ks]
            end = offs[ke] + 1
            if not text[start].isalnum():
                continue
            # abbreviations keep their final dot ("U.S.", "W.Va.")
            if mask & _ABBREV and end < len(text) and text[end] == "." and (
                "." in text[start:end] or len(text[start:end]) <= 5
            ):
                end += 1
            yield _Match(start, end, norm[ks:ke + 1], mask)

    def _medium_uncached(self, key: str) -> bool:
        """A place of 100,000 people or more (or a strong one) has this main name."""
        for cand in self.gazetteer.lookup(key):
            if cand.name_type not in ("name", "ascii"):
                continue
            if cand.place.population >= 100_000 or _important_area(cand.place):
                return True
        return False

    def _strong_uncached(self, key: str) -> bool:
        """A country, first-level area, continent or big city has this (main) name."""
        for cand in self.gazetteer.lookup(key):
            p = cand.place
            if cand.name_type in ("alternate", "abbreviation", "code") and p.kind not in (
                "country", "continent"
            ):
                continue
            if cand.name_type == "code":
                continue
            if _important_area(p) or p.population >= _STRONG_POPULATION:
                return True
        return False

    # -- filters ----------------------------------------------------------------------------------
    def _accept(self, text: str, m: _Match, persons: set[str],
                guard: _Guard | None = None) -> str | None:
        """The mention kind for an automaton match, or None to reject it; ``guard`` adds a
        language's own guard words (French)."""
        surface = text[m.start:m.end]
        words = surface.replace("-", " ").split()
        if not words or not words[0][0].isupper():
            return None
        if guard is not None and not self._guard_ok(text, m, words, guard):
            return None
        letters = [c for c in surface if c.isalpha()]
        all_upper = all(c.isupper() for c in letters)
        mask = m.mask
        looks_abbreviated = (all_upper and len(letters) >= 2) or "." in surface
        if mask & _ABBREV and looks_abbreviated:
            return "abbreviation"
        # Long "abbreviations" ("Britain", "Holy See") are really short names.
        if mask & (PLACE_NAME_BITS | _DEMONYM) or (mask & _ABBREV and len(letters) > 4):
            capitalised = all(
                w[0].isupper() or w[0].isdigit() or w.lower() in CONNECTORS for w in words
            )
            if not capitalised:
                return None
            # An all-capitals word that is not a known abbreviation is an acronym ("NATO",
            # "AMLO") unless a major place has that name (datelines: "PARIS (AFP)").
            if all_upper and len(words) == 1 and not self._strong(m.key) and not dateline(
                text, m.start, m.end
            ):
                return None
            kind = "demonym" if mask & _DEMONYM else "name"
            return kind if self._context_ok(text, m, words, persons, guard) else None
        if mask & _CODE and all_upper and len(letters) == 2:
            before = text[max(0, m.start - 3):m.start]
            if before.rstrip().endswith(","):
                return "abbreviation"
        return None

    def _guard_ok(self, text: str, m: _Match, words: list[str], guard: _Guard) -> bool:
        """A language's guard words: function words ("Une", "Les"), organisations ("FAMa"),
        a title before ("le colonel Goïta"), a river, street or group word before ("le fleuve
        Niger"); an elided article before ("d'Arbinda", "l'Azawad") makes it a place."""
        key = m.key
        single = len(words) == 1
        if single and (key in guard.stop or key in guard.organisations):
            return False
        if _ELISION.search(text, max(0, m.start - 8), m.start):
            return True
        prev = word_before(text, m.start)
        prev_k = name_key(prev) if prev else ""
        return not (prev_k in guard.titles or prev_k in guard.not_before)

    def _context_ok(self, text: str, m: _Match, words: list[str], persons: set[str],
                    guard: _Guard | None = None) -> bool:
        """Whether the words around a capitalised name make it a place, not a street, a
        person (remembered in ``persons``), an organisation or an ordinary word."""
        key = m.key
        single = len(words) == 1
        if key in STOP_NAMES and single:
            return False
        c = _around(text, m, guard)
        # Street and building names ("Dublin Road").
        if c.nxt_cap and c.nxt_l in STREET_WORDS:
            return False
        if m.mask & _DEMONYM:
            return True
        # Person names: after a title ("President Emomali Rakhmon", "Gen. Tonroe").
        if c.prev_l in TITLES and c.prev is not None and c.prev[0].isupper():
            persons.update(w.lower() for w in words)
            if c.nxt_cap:
                persons.add(c.nxt_l)
            return False
        low = words[0].lower()
        # "Augusta native", "Concord resident", "the Rochester area": a place, whatever else
        # the word may be (sentence-initial common words excepted: "Reading police said").
        if c.nxt and not c.nxt_cap and c.nxt_l in _PLACE_AFTER and not (
            low in self._common and sentence_initial(text, m.start)
        ):
            return True
        if not single:
            return self._several_words_ok(key, words)
        strong = self._strong(key)
        if self._person_name(text, m, c, low, strong, persons):
            return False
        return strong or low not in self._common or self._common_word_ok(text, m, c)

    def _several_words_ok(self, key: str, words: list[str]) -> bool:
        """A name of several words: not a known non-place, and not ordinary words after an
        article ("The City", "The Valley") unless a major place has that name."""
        if key in MULTI_STOP_NAMES:
            return False
        lows = [w.lower() for w in words]
        return not (
            lows[0] == "the" and all(w in self._common or w in CONNECTORS for w in lows)
        ) or self._strong(key)

    def _person_name(self, text: str, m: _Match, c: _Around, low: str, strong: bool,
                     persons: set[str]) -> bool:
        """The single word ``low`` is (part of) a person's name here; the names found are
        remembered in ``persons``."""
        # "Mike de Kock", "Omar El Abdi": a first name and a particle before the word.
        if c.prev_l in _NAME_PARTICLES and not c.locative and c.prev is not None:
            before = word_before(text, m.start - len(c.prev) - 1)
            if before and before[0].isupper() and before.lower() in self._first:
                persons.add(low)
                return True
        # "Mary Pitman", "Jordan Henderson": a place name that is also a first name, followed
        # by a surname, is a person even when the place is big.
        if (
            c.nxt_cap and low in self._first and c.nxt_l in self._last
            and c.nxt_l not in PLACE_CONTINUATIONS and c.nxt_l not in self._common
            and not self._strong(c.nxt_l) and not followed_by_container(text, m.end)
        ):
            persons.update((low, c.nxt_l))
            return True
        # "Nelson said", "Adams, who ...": a person.
        after = text[m.end:m.end + 12].lstrip(" ,")
        if _SPEECH_AFTER.match(after) and not strong and not c.locative:
            persons.add(low)
            return True
        return not strong and self._minor_name_of_person(text, m, c, low, persons)

    def _minor_name_of_person(self, text: str, m: _Match, c: _Around, low: str,
                              persons: set[str]) -> bool:
        """A word no major place is named is a person's or an organisation's name here."""
        # Part of a longer capitalised name that is not a place: first name + surname
        # ("Mohamed Salah", "Boris Johnson") or an organisation.
        if c.nxt_cap and c.nxt_l not in PLACE_CONTINUATIONS and self._name_like(c.nxt_l):
            if low in self._first:  # "Patrick Smith": remember both names
                persons.update((low, c.nxt_l))
            return True
        if c.prev_cap and c.prev_l not in CONNECTORS and self._name_like(c.prev_l):
            if c.prev_l in self._first:  # "Mohamed Salah"
                persons.update((low, c.prev_l))
            return True
        # A first name alone ("Patrick", "Mary") is a place only after a locative preposition,
        # unless a sizeable place has that name; likewise a surname alone ("Eberhart has been
        # held ...").
        if (low not in self._first and low not in self._last) or low in self._common or (
                c.locative or self._medium(m.key)):
            return False
        return low in self._first or not followed_by_container(text, m.end)

    def _common_word_ok(self, text: str, m: _Match, c: _Around) -> bool:
        """An ordinary word capitalised mid-sentence is a place only after a locative
        preposition ("in Mobile", "to Reading"), not in a title ("the Free Press") nor in an
        institution's name ("Chamber of Commerce", "Secretary of Defense")."""
        if sentence_initial(text, m.start):
            return False
        if (c.nxt_cap and c.nxt_l not in PLACE_CONTINUATIONS) or c.prev_cap:
            return False
        if not c.locative:
            return False
        if c.prev_l != "of" or c.prev is None:
            return True
        head = word_before(text, m.start - len(c.prev) - 1)
        hl = head.lower() if head else ""
        head_at = m.start - len(c.prev) - len(hl) - 2
        first = word_before(text, head_at) if head else None
        return not (
            head and head[0].isupper() and hl in self._common
            and hl not in PLACE_CONTINUATIONS  # "City of Commerce" stays a place
            and not (first and first.lower() in self._first)  # "Spencer Lewis of Bethel"
            and not sentence_initial(text, head_at)
        )

    def _name_like(self, word: str) -> bool:
        """A neighbouring capitalised word that makes a person or organisation name: a known
        first name or surname, or a word that is neither English nor a place name."""
        if word in self._common or word in STOP_NAMES:
            return False
        if word in self._first or word in self._last:
            return True
        return not self._automaton.exists(" " + word + " ")

    def _is_remembered_person(self, text: str, m: _Match, persons: set[str]) -> bool:
        """A single word already seen as part of a person's name in this document."""
        if not persons or " " in m.key or m.mask & (_DEMONYM | _ABBREV):
            return False
        return m.key in persons and not self._strong(m.key)

    # -- mentions ---------------------------------------------------------------------------------
    def _mention(self, text: str, m: _Match, kind: str, language: str = "en") -> Mention:
        surface = text[m.start:m.end]
        feature = None
        fm = FEATURE_AFTER.match(text, m.end, min(len(text), m.end + 40))
        if fm:
            feature = fm.group(1).lower()
        elif language == "fr":
            feature = french_area_before(text, m.start)
        return Mention(
            start=m.start,
            end=m.end,
            text=surface,
            name=m.name or surface,
            kind=kind,  # type: ignore[arg-type]
            feature=feature,
            recognizer=self.name,
            score=1.0,
        )

    def _mark_borders(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """'the Afghan border' and 'the border with Kyrgyzstan' become border mentions."""
        out: list[Mention] = []
        prev_border: Mention | None = None
        for men in mentions:
            border = men.feature is not None and men.feature in BORDER_WORDS
            if not border:
                window = text[max(0, men.start - 40):men.start]
                border = _BORDER_BEFORE.search(window) is not None
            if not border and prev_border is not None:
                # "the border between Tajikistan and Kyrgyzstan"
                between = " ".join(text[prev_border.end:men.start].lower().split())
                border = between in {"and", "&", "and neighbouring", "and neighboring", "and the"}
            if border:
                men = replace(men, kind="border", feature="border")
                prev_border = men
            else:
                prev_border = None
            out.append(men)
        return out

    def _new_places(self, text: str, mentions: list[Mention], persons: set[str]) -> list[Mention]:
        """Capitalised names the gazetteer lacks, made places by a feature word after them
        ("the Ishkobod border post", "Kunduz province")."""
        taken = bytearray(len(text))  # 1 where a mention is (a byte a character, not a set)
        for x in mentions:
            taken[x.start:x.end] = b"\1" * (x.end - x.start)
        out: list[Mention] = []
        for fm in _NEW_PLACE.finditer(text):
            if len(out) + len(mentions) >= MAX_MENTIONS_PER_ARTICLE:
                break
            start, end = fm.span(1)
            if 1 in taken[start:end]:
                continue
            name = fm.group(1)
            words = name.split()
            lows = [w.lower() for w in words]
            # Drop leading words that are not part of a name ("The", a sentence start).
            while words and (lows[0] in STOP_NAMES or lows[0] in self._common
                             and sentence_initial(text, start)):
                start += len(words[0]) + 1
                words, lows = words[1:], lows[1:]
            if not words or any(w in STOP_NAMES or w in persons for w in lows):
                continue
            if all(w in self._common for w in lows):
                continue
            name = text[start:end]
            out.append(Mention(start, end, name, name, "feature_phrase",
                               fm.group(2).lower(), self.name, 0.8))
        return out


def _lookup_name(key: str, surface: str) -> str:
    """A lemma key as a name, its words capitalised as written ("исфара" for "Исфаре" ->
    "Исфара", "белгородская область" -> "Белгородская область"): the resolver matches keys,
    people read it."""
    written = surface.replace("-", " ").split()
    words = key.split(" ")
    if len(written) != len(words):
        written = written[:1] * len(words)
    return " ".join(w[:1].upper() + w[1:] if s[:1].isupper() else w
                    for w, s in zip(words, written, strict=True))


def _important_area(place: Place) -> bool:
    """Countries, continents, regions, and first-level areas that are not tiny (a
    municipality-sized admin1 such as Cape Verde's "Paul" does not count)."""
    if place.kind == "admin1":
        return place.population >= _SMALL_ADMIN1
    return place.kind in _STRONG_KINDS
