"""Numbers in news text and casualty counts.

Numbers themselves (``parse_number``, ``NUMBER_PATTERN``) are read by
:mod:`geomap.events.number_words`.

``count_casualties`` finds killed / injured / detained counts in one sentence;
``combine_casualties`` merges the claims of all sentences of one event without double counting:
identical figures repeated in several sentences count once, figures about parts ("15 jihadists",
"a soldier and policeman") are summed, and the result is the larger of that sum and any stated
total ("Seventeen people were killed"). Single victims count one ("shot dead a civilian
man", "A 2-year-old boy ... died", named victims "killed Jane Doe, 34"), "including a child"
names part of a figure already counted, and people "shot" with no fate stated are wounded
unless they died ("four people were shot, one fatally": 1 dead, 3 wounded). The verbs and
nouns live in :mod:`geomap.lang.en`. All regexes are linear-time (bounded repetitions only).

Conventions, as ACLED and the Gun Violence Archive count:
- Attackers who die are counted with the dead (both coders do: GVA's killed includes a
  suspect killed; ACLED counts every fatality of the event). A stated total ("three people
  were killed") is taken to include them, as news totals usually do ("three dead, including
  the gunman"; adding the attacker to a total lowered GVA dev killed exact, 0.723 -> 0.721);
  an attacker who killed himself is added to victims counted one by one ("killed his wife,
  then himself": 2).
- Ages describe, they do not count ("his 54-year-old grandfather": one); a person the text
  named before ("the boy", "he", "killing him") counts only when no figure is stated.
- Vague amounts ("dozens", "several", "many", "scores", "hundreds") give no count (None): ACLED
  codes such reports with a placeholder (10 for unspecified fatalities, a tag that no report
  contains), which is a coding convention rather than what the text says; such records are
  not scorable in the dev sets. ``parse_number(..., lower_bound=True)`` gives the smallest
  value the phrase allows for callers who want an "at least" figure.
- Separate incidents are not summed: :mod:`geomap.events.extract` fills an event's missing
  figures from the rest of its article only from sentences of the same day, never from
  "In a separate incident" or another dated incident.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from geomap.events.number_words import (  # noqa: F401  (parse_number, UNITS: re-exported)
    NUMBER_PATTERN,
    NUMBER_RE,
    NUMBER_WORDS,
    UNITS,
    VAGUE_LOWER_BOUNDS,
    parse_number,
)
from geomap.lang import LanguageData, current, is_english
from geomap.lang.en import DETAINED_VERBS as _DETAINED
from geomap.lang.en import FATAL_ACTIVE as _FATAL_ACTIVE
from geomap.lang.en import FATAL_VERBS as _FATAL
from geomap.lang.en import INJURED_VERBS as _INJURED
from geomap.lang.en import PERSON_NOUNS as _PERSON
from geomap.lang.en import SHOT_ACTIVE as _SHOT_ACTIVE
from geomap.lang.en import SHOT_VERBS as _SHOT
from geomap.lang.en import WOUND_ACTIVE as _WOUND_ACTIVE


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())



Kind = Literal["fatalities", "injured", "detained", "shot"]
"""``shot``: people shot whose fate the phrase leaves open (wounded unless they died)."""


@dataclass(frozen=True, slots=True)
class CasualtyClaim:
    """One figure the text states: ``count`` people ``kind`` (killed, injured or detained).

    ``total`` is True when the figure covers everyone ("17 people", "death toll", no noun);
    False for a group ("15 jihadists", "a soldier and policeman"), which may be summed with others.
    ``group`` says who the group is: "armed" (militants, gunmen, jihadists...), "forces"
    (soldiers, police, guards...), "civilians", "mixed" (a list of several) or "other".
    """

    kind: Kind
    count: int
    total: bool
    start: int
    end: int
    group: str = "other"
    agent: bool = False
    """True when the text says someone did it to them ("killed his wife", "shot dead 3 men")."""
    anaphoric: bool = False
    """True for a person the text has named before ("the boy died", "killing him", "he died"):
    counted only when no other figure of the kind is stated."""


_AUX = (
    r"(?:(?:were|was|have|has|had|been|are|is|being|got|reportedly|allegedly|left|also|both|all"
    r"|later|critically|seriously|badly|severely|slightly|non-fatally|each|accident[a]?lly"
    r"|unintentionally|inadvertently|apparently|mistakenly)\s){0,3}"
)
_HEDGE = r"(?:(?:at\sleast|about|around|some|nearly|almost|more\sthan|over|up\sto|roughly|an\sestimated|another|a\sfurther)\s)?"
_NP = (
    r"((?:\s(?!(?:were|was|have|has|had|are|is|and|or|who|which|that|in|on|at|by|among|with"
    r"|from|after|before|including|besides|during|for|to)\b)(?![\d,.]+(?![\w'-]))[\w'-]{1,40}+)"
    r"{0,6}?)"
    r"(?:,\s(?:including|among\sthem|among\swhom)\s[^,;.]{1,60},)?"
)
"""Up to six words between a number and its verb ("jihadists", "more attackers", "members of
an armed criminal group"), stopping before auxiliaries, clause words and another number ("Image
7 of 14 A teen died" is no count of 7); then an optional
", including a child," that names some of the same people (not counted again)."""

_VERBS = (r"(?:(" + _FATAL + r")|(" + _INJURED + r")|(" + _DETAINED + r")|(" + _SHOT + r"))\b")
"""Four groups: died, wounded, detained, shot (fate open)."""
_NOT_A_COUNT = r"(?![\w%:/-]|\.\d|\s?[ap]\.?m\b|\so'clock|\sper\s?cent|\s(?:a|an)\s)"
"""After a number: not a time ("5 p.m."), a percentage, a fraction, or a number whose next
word starts a new noun phrase ("Image 7 of 14 A teen died": one teen)."""
_NUM_THEN_VERB = re.compile(
    r"(?<![\w$\u00a3\u20ac:./-])" + _HEDGE + r"(" + NUMBER_PATTERN + r")" + _NOT_A_COUNT + _NP
    + r"\s" + _AUX + _VERBS,
    re.IGNORECASE,
)
_VERB_THEN_NUM = re.compile(
    r"\b(?:(kill(?:ed|ing|s)?|shot\sdead|shot\sand\skilled|fatally\sshot|gunned\sdown"
    r"|claim(?:ed|ing)\sthe\slives\sof|death\stoll\s(?:\w+\s){0,3}?(?:of|to|at))"
    r"|(injur(?:ed|ing)|wound(?:ed|ing))|(arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?"
    r"|captur(?:ed|ing))|(" + _SHOT_ACTIVE + r"))\s"
    + _HEDGE + r"(" + NUMBER_PATTERN + r")" + _NOT_A_COUNT + r"(\s(?:[\w'-]+\s?){0,1})?",
    re.IGNORECASE,
)
_LEFT_LIST = re.compile(
    r"\bleft\s((?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s)?(?:\w+\s){0,2}?"
    + _PERSON + r"(?:(?:,\s|\sand\s|,\sand\s)(?:(?:a|an|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|\d+)\s)?(?:\w+\s){0,2}?" + _PERSON + r"){0,4})\s(dead|injured|wounded)\b",
    re.IGNORECASE,
)
_ITEM = (
    r"(?:(?:about|around|some|nearly|at\sleast)\s)?(?:(?:a|an|" + NUMBER_PATTERN + r")\s)?"
    r"(?:[\w-]{1,40}+\s){0,2}?" + _PERSON
)
_LIST_THEN_VERB = re.compile(
    r"\b(" + _ITEM + r"(?:(?:,\s|\sand\s|,\sand\s)" + _ITEM + r"){1,4})\s" + _AUX + _VERBS,
    re.IGNORECASE,
)
"""A list of people then a verb: "two soldiers and a policeman were killed" (3)."""
_ONE_PERSON = re.compile(
    r"\b(a|an|one|the)\s(?:[\w-]{1,40}+\s){0,3}?" + _PERSON
    + r"(?:\s(?:in|from|of|at)\s(?:the\s)?[A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*){0,2}|,\s[^,;.]{1,40},"
    r"|\swho\s(?:was|had\sbeen)\s(?:shot|wounded|injured|stabbed)(?:\s[\w'-]+){0,10}?)?"
    + r"(?:,|\swho)?\s" + _AUX + _VERBS + r"(?!\s(?:himself|herself))",
    re.IGNORECASE,
)
"""One person, then a verb: "a man was killed", "A 2-year-old boy in Tarpon Springs died",
"a boy who was shot in the face at a home has died", "The 2-year-old ... has died" (with "the",
only a singular noun: "the victims died" says not how many)."""
_PLURAL_PERSON = re.compile(
    r"(?:s|men|children|people|police|troops|personnel)$|^(?:both|all)\s", re.IGNORECASE
)
_PERSON_RE = re.compile(_PERSON, re.IGNORECASE)
_OWNER = r"(?:a|an|one|his|her|their|its|the\s(?:couple's|family's)|" + NUMBER_PATTERN + r")"
_VERB_THEN_PEOPLE = re.compile(
    r"\b(?:(" + _FATAL_ACTIVE + r")|(" + _WOUND_ACTIVE + r")|(" + _SHOT_ACTIVE + r"))\s"
    r"(" + _OWNER + r"\s(?:[\w-]{1,40}+\s){0,3}?" + _PERSON
    + r"(?:(?:,\s|\sand\s|,\sand\s)" + _OWNER + r"\s(?:[\w-]{1,40}+\s){0,2}?" + _PERSON
    + r"){0,4})\b",
    re.IGNORECASE,
)
"""A verb, then the people it struck: "shot dead a civilian man" (1), "killing his wife and
their four children" (5), "shot a 17-year-old boy" (1, fate open)."""
_NAME = r"(?:\d{1,2}-year-old\s)?[A-Z][a-z]+(?:\s[A-Z]\.)?\s[A-Z][a-z'-]+(?:,\s\d{1,3},?)?"
_VERB_THEN_NAMES = re.compile(
    r"\b(?i:(" + _FATAL_ACTIVE + r")|(" + _WOUND_ACTIVE + r")|(" + _SHOT_ACTIVE + r"))\s("
    + _NAME + r"(?:(?:,\s|\sand\s|,\sand\s)" + _NAME + r"){0,3})"
)
"""A verb, then the named people it struck: "shot and killed Jamie Salazar, 34, and 2-year-old
Jordan Reeves" (2); a name is two capitalised words."""
_NAME_RE = re.compile(_NAME)
_FOUND_DEAD = re.compile(
    r"\bfound\s((?i:(?:the|" + _OWNER[3:-1] + r")\s(?:[\w-]{1,40}+\s){0,3}?" + _PERSON + r")|"
    + _NAME + r"(?:\s[A-Z][a-z'-]+)?)\s(?:dead|shot\sto\sdeath|fatally\s(?:shot|wounded))\b",
)
""""found 16-year-old Rolando Gonzalez dead", "found the teen dead", "found two men dead"."""
_VERB_THEN_PRONOUN = re.compile(
    r"\b(?i:(" + _FATAL_ACTIVE + r")|(" + _WOUND_ACTIVE + r")|(" + _SHOT_ACTIVE + r"))\s"
    r"(?i:him|her)(?=[,.;]|\s(?:in|on|at|with|while|as|after|before|once|twice|multiple|several"
    r"|during|from|inside|outside|near|and|when|\d)\b)"
)
""""fired at Milner, killing him", "shot her in the leg": one person (told of elsewhere too, so
it adds no one to a same-sized figure; see combine_casualties)."""
_DEATH_OF = re.compile(
    r"\b(?i:(?:(?:shooting\s|stabbing\s)?deaths?|fatal\s(?:shooting|stabbing))\sof)\s(?:(" + _OWNER
    + r"\s(?:[\w-]{1,40}+\s){0,3}?"
    + _PERSON + r"(?:(?:,\s|\sand\s|,\sand\s)" + _OWNER + r"\s(?:[\w-]{1,40}+\s){0,2}?" + _PERSON
    + r"){0,4})|(" + _NAME + r"(?:(?:,\s|\sand\s|,\sand\s)" + _NAME + r"){0,3}))",
)
""""the shooting death of a teenager" (1), "the deaths of his wife and two children" (3),
"the death of 15-year-old Jimmy Smith" (1)."""
_NAMED_DIED = re.compile(
    r"\b(?!(?:He|She|It|They|One|The|This|That|Police|Officers?)\b)[A-Z][a-z]+(?:\s[A-Z][a-z'-]+)?"
    r"(?:,\s\d{1,3},)?\s(?:later\s|also\s)?(?:died|(?:was|has\sbeen)\s(?:shot\sand\s)?killed"
    r"|was\spronounced\sdead|succumbed)\b"
)
""""Savannah Walker died", "Mackey died in his brother's arms": one death (a named victim; the
same person as an earlier "a woman was shot" counts once, see combine_casualties)."""
_SELF_SHOT = re.compile(
    r"\b(?:(accidentally|inadvertently|unintentionally)\s)?(?:shot|shooting)\s(?:himself|herself)\b"
    r"(?!\sto\sdeath)",
    re.IGNORECASE,
)
""""accidentally shot himself in the leg": one person shot (wounded unless he died); without
"accidentally", "then shot himself" after a killing is the attacker's suicide (one death)."""
_SAME_PERSON = re.compile(r"\b(?:after|when|as)\s(?:he|she)\s(?:[\w-]+\s)?$", re.IGNORECASE)
""""A 3-year-old boy has died after he apparently shot himself": the dead is the one who shot."""
_TAKEN_TO_HOSPITAL = re.compile(
    r"(?<![\w$:./-])(" + NUMBER_PATTERN + r")\s(?:[\w-]{1,40}+\s){0,2}?" + _PERSON
    + r"\s(?:were|have\sbeen)\s(?:taken|transported|rushed|hospitali[sz]ed)\b",
    re.IGNORECASE,
)
""""Two 16-year-olds were taken to hospital after being shot": that many shot."""
_ANY_CASUALTY_CUE = re.compile(
    r"kill|dead|die|shot|shoot|wound|injur|hurt|arrest|detain|captur|custody|held|apprehend|slain"
    r"|murder|execut|behead|massacr|lives|life|death|toll|hospital|fatal|succumb|gunned|himself"
    r"|herself|own\slife",
    re.IGNORECASE,
)
"""A word stem that every casualty pattern below needs; sentences without one have no count."""
_SHOT_WORDS = re.compile(r"\b(?:shot|shooting|gunshot|gunfire|wounded|injured)\b", re.IGNORECASE)
_NUM_WHO = re.compile(
    r"(?<![\w$:./-])(" + NUMBER_PATTERN + r")\s(?:[\w-]{1,40}+\s){0,2}?" + _PERSON
    + r"\s(?:who|that)\s(?:were|had\sbeen|have\sbeen)\s(?:(shot)|(wounded|injured|hurt))\b",
    re.IGNORECASE,
)
""""Seven men who were shot ... are expected to survive": seven shot."""
_ONE_FATALLY = re.compile(
    r"(?:,\s|\s[-\u2013\u2014]\s|\sand\s|\swith\s)(" + NUMBER_PATTERN + r")(?:\sof\s(?:them|whom))?"
    r"\sfatally\b",
    re.IGNORECASE,
)
"""", one fatally": of the people just counted as shot, that many died."""
_PRONOUN_DIED = re.compile(
    r"\b(?:he|she)\s(?:later\s|then\s)?(?:died|succumbed|was\spronounced\sdead)\b", re.IGNORECASE
)
"""A victim named before, who died: one death (same person as an earlier "a man was shot")."""
_SELF_KILLED = re.compile(
    r"\b(?:(?:shot\sand\s)?killed|fatally\sshot)\s(?:himself|herself)\b|\bshot\s(?:himself|herself)"
    r"\sto\sdeath\b|\bturned\sthe\sgun\son\s(?:himself"
    r"|herself)\b|\btook\s(?:his|her)\sown\slife\b",
    re.IGNORECASE,
)
"""The attacker's own death, which ACLED and the GVA count among the dead."""
_TOTAL_NOUNS = frozenset({"", "people", "persons", "person", "others", "victims", "individuals"})
_NOT_PEOPLE = _wordset(
    """years year months month weeks week days day hours hour minutes minute seconds km
    kilometres kilometers miles mile metres meters percent per cent times dollars euros pounds
    tons tonnes acres houses homes buildings vehicles cars rounds shots bullets rockets"""
)


_GROUPS = (
    ("armed", re.compile(
        r"\b(?:militants?|insurgents?|jihadists?|rebels?|gunm[ae]n|attackers?|assailants?"
        r"|fighters?|militiam[ae]n|terrorists?|extremists?|combatants?)\b", re.IGNORECASE)),
    ("forces", re.compile(
        r"\b(?:soldiers?|troops|police\w*|officers?|guards?|servicem[ae]n|agents?|personnel"
        r"|security\sforces)\b", re.IGNORECASE)),
    ("civilians", re.compile(
        r"\b(?:civilians?|villagers?|residents?|tourists?|child(?:ren)?|wom[ae]n|students?"
        r"|worshippers?|pilgrims?|passengers?|journalists?)\b", re.IGNORECASE)),
)


def _group_of(phrase: str) -> str:
    found = {name for name, rx in _GROUPS if rx.search(phrase)}
    return found.pop() if len(found) == 1 else "mixed" if found else "other"


def _kind(m: re.Match[str], first: int) -> Kind:
    """The kind of the verb groups ``first`` .. ``first + 3`` (died, wounded, detained, shot)."""
    kinds: tuple[Kind, ...] = ("fatalities", "injured", "detained", "shot")
    return next((k for i, k in enumerate(kinds) if m.group(first + i)), "shot")


def find_casualty_claims(sentence: str, offset: int = 0) -> list[CasualtyClaim]:
    """Every casualty figure stated in one sentence, with offsets (plus ``offset``), in the
    current language (:func:`geomap.lang.current`)."""
    if not is_english():
        return _language_claims(sentence, offset, current())
    if _ANY_CASUALTY_CUE.search(sentence) is None:
        return []  # most sentences: one cheap scan instead of a dozen patterns
    found = _Claims(sentence, offset)
    for read in _ENGLISH_READERS:
        read(sentence, found)
    found.claims.sort(key=lambda c: c.start)
    return found.claims


class _Claims:
    """The claims of one sentence read so far. Readers run from the most specific pattern to
    the least; a figure overlapping one already read is dropped."""

    def __init__(self, sentence: str, offset: int) -> None:
        self.sentence = sentence
        self.offset = offset
        self.claims: list[CasualtyClaim] = []
        self.taken: list[tuple[int, int]] = []  # sorted, disjoint spans already claimed

    def add(self, kind: Kind, count: int | None, total: bool, start: int, end: int,
            agent: bool = False, anaphoric: bool = False) -> None:
        group = "other" if total else _group_of(self.sentence[start:end])
        if count is None or count <= 0:
            return
        taken = self.taken
        i = bisect_left(taken, (start, end))
        if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
            return  # overlaps a figure an earlier (more specific) pattern already read
        taken.insert(i, (start, end))
        self.claims.append(CasualtyClaim(kind, count, total, start + self.offset,
                                         end + self.offset, group, agent, anaphoric))

    def add_self(self, kind: Kind, m: re.Match[str]) -> None:
        """The attacker's own shot or death (never overlapping: read after the others)."""
        self.claims.append(CasualtyClaim(kind, 1, False, m.start() + self.offset,
                                         m.end() + self.offset, "self"))


def _read_lists(sentence: str, out: _Claims) -> None:
    """"left two soldiers and a policeman dead", "a soldier and two civilians were killed"."""
    for m in _LEFT_LIST.finditer(sentence):
        kind: Kind = "fatalities" if m.group(2).lower() == "dead" else "injured"
        people = m.group(1).strip().lower()
        total = people.split(" ")[-1] in _TOTAL_NOUNS and re.search(r",|\sand\s", people) is None
        out.add(kind, _count_list(m.group(1)), total, m.start(), m.end())
    for m in _LIST_THEN_VERB.finditer(sentence):
        out.add(_kind(m, 2), _count_list(m.group(1)), False, m.start(), m.end())


def _read_numbers(sentence: str, out: _Claims) -> None:
    """"12 people were killed", "killed 12 soldiers" (not years, ages or distances)."""
    for m in _NUM_THEN_VERB.finditer(sentence):
        noun = m.group(2).strip().lower()
        first = noun.split(" ")[0] if noun else ""
        if first in _NOT_PEOPLE or (_looks_like_year(m.group(1)) and first not in _TOTAL_NOUNS):
            continue
        if _looks_like_year(m.group(1)) and not noun:
            continue
        total = noun in _TOTAL_NOUNS
        out.add(_kind(m, 3), parse_number(m.group(1)), total, m.start(), m.end())
    for m in _VERB_THEN_NUM.finditer(sentence):
        noun = (m.group(6) or "").strip().lower()
        if noun in _NOT_PEOPLE or _looks_like_year(m.group(5)):
            continue
        kind = _kind(m, 1)
        total = noun in _TOTAL_NOUNS or (m.group(1) or "").lower().startswith("death")
        out.add(kind, parse_number(m.group(5)), total, m.start(), m.end(), agent=True)


def _read_people(sentence: str, out: _Claims) -> None:
    """Counted people: "shot a man and a woman", "killed Smith and Jones", "two who were
    shot", "the deaths of two soldiers"."""
    for m in _VERB_THEN_PEOPLE.finditer(sentence):
        kind = "fatalities" if m.group(1) else "injured" if m.group(2) else "shot"
        out.add(kind, _count_list(m.group(4)), False, m.start(4), m.end(), agent=True)
    for m in _VERB_THEN_NAMES.finditer(sentence):
        kind = "fatalities" if m.group(1) else "injured" if m.group(2) else "shot"
        out.add(kind, len(re.findall(_NAME, m.group(4))), False, m.start(4), m.end(), agent=True)
    for m in _NUM_WHO.finditer(sentence):
        out.add("shot" if m.group(2) else "injured", parse_number(m.group(1)), False, m.start(),
                m.end())
    for m in _DEATH_OF.finditer(sentence):
        people = m.group(1) or ""
        count = _count_list(people) if people else len(re.findall(_NAME, m.group(2) or ""))
        out.add("fatalities", count, False, m.start(), m.end())


def _read_one_person(sentence: str, out: _Claims) -> None:
    """Mostly one person: "a man was shot", "found two men dead", "shot him", ", one
    fatally", "Savannah Walker died", "he later died"."""
    for m in _ONE_PERSON.finditer(sentence):
        the = m.group(1).lower() == "the"
        if the:
            noun = _PERSON_RE.findall(m.group(0))
            if not noun or _PLURAL_PERSON.search(noun[-1]):
                continue
        out.add(_kind(m, 2), 1, False, m.start(), m.end(), anaphoric=the)
    for m in _FOUND_DEAD.finditer(sentence):
        people = m.group(1)
        count = (1 if _NAME_RE.match(people) and people[:1].isupper()
                 else _count_list(re.sub(r"^the\s", "a ", people, flags=re.IGNORECASE)))
        out.add("fatalities", count, False, m.start(), m.end(), agent=False)
    for m in _VERB_THEN_PRONOUN.finditer(sentence):
        kind = "fatalities" if m.group(1) else "injured" if m.group(2) else "shot"
        out.add(kind, 1, False, m.start(), m.end(), agent=True, anaphoric=True)
    for m in _ONE_FATALLY.finditer(sentence):
        out.add("fatalities", parse_number(m.group(1)), False, m.start(1), m.end())
    for m in _NAMED_DIED.finditer(sentence):
        out.add("fatalities", 1, False, m.start(), m.end())
    for m in _PRONOUN_DIED.finditer(sentence):
        out.add("fatalities", 1, False, m.start(), m.end(), anaphoric=True)


def _read_self_and_hospital(sentence: str, out: _Claims) -> None:
    """The attacker's own shot or death ("then shot himself"), and people shot who were taken
    to hospital."""
    fatal_here = any(c.kind == "fatalities" for c in out.claims)
    for m in _SELF_SHOT.finditer(sentence):
        if m.group(1) or not fatal_here or _SAME_PERSON.search(sentence, 0, m.start()):
            out.add_self("shot", m)
        else:  # "killed his wife, then shot himself": the attacker's suicide
            out.add_self("fatalities", m)
    for m in _TAKEN_TO_HOSPITAL.finditer(sentence):
        if _SHOT_WORDS.search(sentence):
            out.add("shot", parse_number(m.group(1)), False, m.start(), m.end())
    for m in _SELF_KILLED.finditer(sentence):
        out.add_self("fatalities", m)


_ENGLISH_READERS = (_read_lists, _read_numbers, _read_people, _read_one_person,
                    _read_self_and_hospital)
"""The English pattern families in the order they claim figures (most specific first)."""


def _looks_like_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2100


_AGE = re.compile(
    r"(?<![\w-])(?:\d{1,3}|" + NUMBER_WORDS + r")[\s-](?:years?|months?|weeks?|days?)[\s-]olds?\b",
    re.IGNORECASE,
)
"""An age ("9 year old", "nine-month-old"): part of a description, never a count."""


def _count_list(phrase: str) -> int | None:
    """People in "a soldier and policeman" (2) or "two soldiers and a policeman" (3); None when
    an item is a bare plural ("soldiers and a policeman"), whose size the text does not say.
    Ages describe, they do not count: "his 54-year-old" is one person, "a 9 year old boy" one."""
    items = re.split(r",\s(?:and\s)?|\sand\s", phrase.strip(), flags=re.IGNORECASE)
    total = 0
    for item in items:
        words = item.lower().split()
        if not words:
            continue
        m = NUMBER_RE.search(_AGE.sub(" ", item))
        value = parse_number(m.group(0)) if m else None
        if value is None:
            if words[-1].endswith(("s", "men", "children", "people")) and not (
                {"a", "an", "one"} & set(words)
            ):
                return None
            value = 1
        total += value
    return total


def combine_casualties(claims: Iterable[CasualtyClaim]) -> dict[str, int | None]:
    """Merge the claims of one event: {fatalities, injured, detained}, None when not stated.

    Per kind: figures about the same kind of group are one group told twice ("12 militants",
    later "14 insurgents": the larger, 14); figures about different groups are summed
    ("Fifteen jihadists" + "a soldier and policeman" = 17); among other figures (no known
    group), repeated identical ones count once and distinct ones are summed. The answer is
    max(largest stated total, sum of groups), so a headline total and its parts
    ("Seventeen people" = 15 + a soldier + a policeman) are not added together. An attacker
    who killed himself ("self") is added to the victims. People "shot" with no fate stated
    are wounded unless the event's dead cover them: injured = shot - dead, when no wounded
    figure is stated.
    """
    claims = list(claims)
    out: dict[str, int | None] = {"fatalities": None, "injured": None, "detained": None}
    shot = _combine_kind([c for c in claims if c.kind == "shot"])
    for kind in out:
        out[kind] = _combine_kind([c for c in claims if c.kind == kind])
    if shot and out["injured"] is None and shot > (out["fatalities"] or 0):
        # "four people were shot, one fatally": the shot who did not die were wounded
        out["injured"] = shot - (out["fatalities"] or 0)
    return out


def _combine_kind(mine: list[CasualtyClaim]) -> int | None:
    if not mine:
        return None
    stated = [c for c in mine if not c.anaphoric]
    if not stated:
        return max(c.count for c in mine)  # "A man was shot." + "He died.": one
    mine = stated
    if mine[0].kind == "fatalities" and not any(
        c.agent or c.total for c in mine if c.group != "self"
    ):
        # nobody is said to have killed anyone else: the one who shot himself is the dead
        # person the other sentences tell of ("A boy fatally shot himself", "The boy died")
        mine = [replace(c, group="other") if c.group == "self" else c for c in mine]
    total = max((c.count for c in mine if c.total), default=0)
    by_group: dict[str, int] = {}
    others: set[int] = set()
    for c in mine:
        if c.total:
            continue
        if c.group in ("armed", "forces", "civilians", "self"):
            by_group[c.group] = max(by_group.get(c.group, 0), c.count)
        else:
            others.add(c.count)
    # the same figure told with and without a group noun ("a 17-year-old student was killed",
    # later "a 17-year-old boy was killed") is one figure
    # (but an attacker who killed himself is one more death: "killed his wife, then himself")
    others -= {n for g, n in by_group.items() if g != "self" or mine[0].kind != "fatalities"}
    parts = sum(by_group.values()) + sum(others)
    return max(total, parts) or None


_KIND_GROUPS: tuple[tuple[str, Kind], ...] = (("k", "fatalities"), ("i", "injured"),
                                              ("d", "detained"))
"""Named groups of a language's ``CASUALTY_PATTERNS`` and the kind each reports."""


def _language_claims(sentence: str, offset: int, lang: LanguageData) -> list[CasualtyClaim]:
    """Casualty figures by a language's ``CASUALTY_PATTERNS`` (French, Russian): each match
    gives a figure (``num``; one person for the form "one"), the fate (group ``k``, ``i`` or
    ``d``) and the noun that tells a total ("personnes", "человек") from a group ("soldats")."""
    claims: list[CasualtyClaim] = []
    if lang.CASUALTY_CUE.search(sentence) is None:
        return claims
    taken: list[tuple[int, int]] = []
    for pattern, form in lang.CASUALTY_PATTERNS:
        for m in pattern.finditer(sentence):
            start, end = m.span()
            if any(a < end and start < b for a, b in taken):
                continue
            kind = next((k for g, k in _KIND_GROUPS if m.group(g)), None)
            count = 1 if form == "one" else lang.parse_number(m.group("num"))
            if kind is None or not count or count <= 0:
                continue
            noun = (m.group("noun") or "").strip().lower()
            total = form != "one" and (noun.split()[0] if noun else "") in lang.TOTAL_NOUNS
            group = "other"
            if not total:
                found = {name for name, rx in lang.GROUPS if rx.search(noun)}
                group = found.pop() if len(found) == 1 else "mixed" if found else "other"
            taken.append((start, end))
            claims.append(CasualtyClaim(kind, count, total, start + offset, end + offset,
                                        group))
    claims.sort(key=lambda c: c.start)
    return claims


def count_casualties(sentence: str) -> dict[str, int | None]:
    """Killed / injured / detained figures of one sentence (None when the sentence has none).

    >>> count_casualties("an attack on cyclists left four dead and two injured")
    {'fatalities': 4, 'injured': 2, 'detained': None}
    """
    return combine_casualties(find_casualty_claims(sentence))
