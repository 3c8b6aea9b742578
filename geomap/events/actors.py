"""Actors of an incident: named armed groups from a curated list, generic state forces, and
unnamed armed groups.

Named groups match their usual names and abbreviations ("IS", "ISIS", "ISIL", "Daesh",
"Islamic State" -> "Islamic State"); upper-case abbreviations match case-sensitively so the
verb "is" is never the Islamic State. State forces are recognised from phrases ("border guard",
"soldiers", "army" -> "Military Forces of <Country>"; "police", "interior ministry" ->
"Police Forces of <Country>"): forces owned by a demonym or country name ("Russian military
planes", "Ukrainian air defence") belong to that country, others to the article's main country
when it is known. Police who only report or investigate ("police said", "according to police",
"police are investigating") are not actors. Force nouns and reporting words live in
:mod:`geomap.lang.en`. Generic words
("rebels", "jihadists", "assailants", "gunmen") give "Unidentified Armed Group" only when no
named group is found. Protesters, rioters and civilian victims use ACLED's labels.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import ahocorasick

from geomap.countries import country_facts
from geomap.lang import LanguageData, current, is_english
from geomap.lang import get as get_language
from geomap.lang.en import FORCE_NOUNS

ARMED_GROUPS: dict[str, tuple[str, ...]] = {
    "Islamic State": ("Islamic State", "IS", "ISIS", "ISIL", "Daesh", "Daech",
                      "Islamic State of Iraq and the Levant", "Islamic State of Iraq and Syria"),
    "Islamic State (West Africa)": ("ISWAP", "Islamic State West Africa Province"),
    "Islamic State (Khorasan)": ("ISIS-K", "IS-K", "ISKP", "Islamic State Khorasan"),
    "Taliban": ("Taliban", "Taleban"),
    "Tehrik-i-Taliban Pakistan": ("Tehrik-i-Taliban", "Tehreek-e-Taliban", "TTP"),
    "Al-Qaeda": ("al-Qaeda", "al-Qaida", "al Qaeda", "Al Qaeda", "Al-Qaeda", "Al-Qaida",
                 "AQAP", "AQIM"),
    "Al-Shabaab": ("al-Shabaab", "al-Shabab", "Al-Shabaab", "Al Shabaab", "al Shabaab",
                   "Shabaab", "Shabab"),
    "Boko Haram": ("Boko Haram",),
    "JNIM": ("JNIM", "Jama'at Nasr al-Islam wal Muslimin", "Jamaat Nusrat al-Islam wal-Muslimin"),
    "Hay'at Tahrir al-Sham": ("Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham", "HTS",
                              "Nusra Front", "al-Nusra"),
    "Hamas": ("Hamas",),
    "Hezbollah": ("Hezbollah", "Hizbollah", "Hizballah"),
    "Palestinian Islamic Jihad": ("Islamic Jihad",),
    "PKK": ("PKK", "Kurdistan Workers' Party", "Kurdistan Workers Party"),
    "YPG": ("YPG", "People's Protection Units"),
    "SDF": ("SDF", "Syrian Democratic Forces"),
    "Houthis": ("Houthi", "Houthis", "Ansar Allah"),
    "Lashkar-e-Taiba": ("Lashkar-e-Taiba", "Lashkar-e-Toiba", "LeT"),
    "Jaish-e-Mohammed": ("Jaish-e-Mohammed", "Jaish-e-Mohammad", "JeM"),
    "FARC": ("FARC",),
    "ELN": ("ELN", "National Liberation Army"),
    "Wagner Group": ("Wagner Group",),
    "M23": ("M23",),
    "ADF": ("Allied Democratic Forces", "ADF"),
    "IMU": ("Islamic Movement of Uzbekistan", "IMU"),
    "Abu Sayyaf": ("Abu Sayyaf",),
    "New People's Army": ("New People's Army", "NPA"),
    "NAF: United Armed Forces of Novorossiya": (
        "NAF", "Novorossiya", "DPR", "LPR", "DNR", "LNR", "Donetsk People's Republic",
        "Luhansk People's Republic", "Lugansk People's Republic", "Donetsk People's Militia",
        "Luhansk People's Militia", "Donbass People's Militia", "Donetsk rebels",
        "Luhansk rebels", "Donetsk rebel", "Luhansk rebel", "Donbas separatists",
        "Donbass separatists"),
}
"""Canonical name -> the names and abbreviations that refer to it."""


def _exact_case(alias: str) -> bool:
    """Abbreviations ("IS", "LeT", "HTS") must match with their case, so the verb "is" or
    "let" is never a group; names ("Islamic State", "Hamas") match in any case."""
    return " " not in alias and (sum(c.isupper() for c in alias) >= 2 or len(alias) <= 4)


@lru_cache(maxsize=4)
def _automaton(code: str = "en") -> ahocorasick.Automaton:
    """Aho-Corasick automaton over the lower-cased aliases (English, plus the language's own
    ``ARMED_GROUP_ALIASES`` for another language): one linear pass over the text."""
    automaton = ahocorasick.Automaton()
    groups = {name: list(aliases) for name, aliases in ARMED_GROUPS.items()}
    if code != "en":
        for name, aliases in get_language(code).ARMED_GROUP_ALIASES.items():
            groups.setdefault(name, []).extend(aliases)
    for name, aliases in groups.items():
        for alias in aliases:
            key = alias.lower()
            entries = automaton.get(key, ())
            automaton.add_word(key, (*entries, (alias, name)))
    automaton.make_automaton()
    return automaton


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_MILITARY = re.compile(
    r"\b(?:border\sguards?|border\sguard\sservice|border\stroops|soldiers?|troops|army|military"
    r"|(?:government|pro-government|state|national)\sforces"
    r"|armed\sforces|servicem[ae]n|national\sguard|defen[cs]e\sministry|ministry\sof\sdefen[cs]e)"
    r"\b",
    re.IGNORECASE,
)
_POLICE = re.compile(
    r"\b(?:police(?:m[ae]n|wom[ae]n)?|police\sofficers?|interior\sministry|ministry\sof\sinterior"
    r"|security\sforces|gendarmes?|gendarmerie|sheriff'?s?|deputies)\b",
    re.IGNORECASE,
)
_UNNAMED = re.compile(
    r"\b(?:rebels?|jihadists?|militants?|insurgents?|gunm[ae]n|assailants?|attackers?"
    r"|fighters|terrorists?|armed\smen|armed\sgroup|extremists?)\b",
    re.IGNORECASE,
)
_RIOTERS = re.compile(r"\b(?:rioters?|mobs?|inmates?|prisoners)\b", re.IGNORECASE)
_PROTESTERS = re.compile(r"\b(?:protesters?|demonstrators?)\b", re.IGNORECASE)
_CIVILIANS = re.compile(
    r"\b(?:civilians?|tourists?|cyclists|villagers?|worshippers|pilgrims|passengers"
    r"|students|children|journalists?)\b",
    re.IGNORECASE,
)


def named_groups(text: str) -> list[str]:
    """Canonical names of the armed groups named in ``text``, in order of first mention
    (longest alias wins where two overlap: "Islamic State Khorasan" over "Islamic State")."""
    hits: list[tuple[int, int, str]] = []
    for end, entries in _automaton(current().CODE).iter(text.lower()):
        for alias, name in entries:
            start = end - len(alias) + 1
            if start > 0 and _is_word_char(text[start - 1]):
                continue
            if end + 1 < len(text) and _is_word_char(text[end + 1]):
                continue
            if _exact_case(alias) and text[start : end + 1] != alias:
                continue
            hits.append((start, end + 1, name))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    found: list[str] = []
    covered = -1
    for start, end, name in hits:
        if start < covered:
            continue  # inside a longer alias already taken
        covered = end
        if name not in found:
            found.append(name)
    return found


def _state_forces(text: str, focus: str | None, demonyms: Mapping[str, str]) -> list[str | None]:
    """Countries whose forces act in ``text``: by the demonym or country name the text puts
    before a force noun ("Russian forces", "Ukrainian air defence"), else ``focus`` for forces
    named without one ("soldiers", "the army"). None stands for unknown focus."""
    owned: list[str | None] = []
    owned_spans: list[tuple[int, int]] = []
    for m in _OWNED_FORCES.finditer(text):
        code = demonyms.get(m.group(1).lower())
        if code:
            owned.append(code.upper())
            owned_spans.append((m.start(), m.end()))
    for m in _MILITARY.finditer(text):
        if any(a <= m.start() < b for a, b in owned_spans):
            continue
        owned.append(focus)
        break
    return list(dict.fromkeys(owned))


_OWNED_FORCES = re.compile(r"\b([A-Z][\w'-]+)\s" + FORCE_NOUNS + r"\b")


def _police_act(text: str) -> bool:
    """Whether some police word in ``text`` is an actor, not only a source ("police said",
    "according to police", "police are investigating")."""
    lang = current()
    for m in _POLICE.finditer(text):
        if lang.REPORTING.match(text, m.end()) is not None:
            continue
        if lang.REPORTED_BY.search(text, max(0, m.start() - 25), m.start()) is not None:
            continue
        return True
    return False


def find_actors(
    text: str, country_code: str | None = None, demonyms: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Actors of the incident described by ``text``; state forces are attributed to the
    country whose demonym (``demonyms``: lower-case demonym or country name -> ISO code) the
    text puts before them, else to ``country_code`` (the article's main country)."""
    if not is_english():
        return _language_actors(text, country_code, current())
    actors = named_groups(text)
    facts = country_facts(country_code)
    where = f" of {facts.name}" if facts else ""
    if not actors and _UNNAMED.search(text):
        actors.append("Unidentified Armed Group")
    known = dict(demonyms or {})
    if facts is not None and facts.demonym:
        known.setdefault(facts.demonym.lower(), facts.code)
    for code in _state_forces(text, country_code, known):
        owner = country_facts(code) if code else None
        actors.append(f"Military Forces of {owner.name}" if owner else f"Military Forces{where}")
    if _police_act(text):
        actors.append(f"Police Forces{where}")
    if _RIOTERS.search(text):
        actors.append(f"Rioters{f' ({facts.name})' if facts else ''}")
    if _PROTESTERS.search(text):
        actors.append(f"Protesters{f' ({facts.name})' if facts else ''}")
    if _CIVILIANS.search(text):
        actors.append(f"Civilians{f' ({facts.name})' if facts else ''}")
    return tuple(dict.fromkeys(actors))


OWNER_WINDOW = 30
"""Characters either side of a force word searched for the adjective that owns it ("l'armée
malienne", "кыргызские пограничники")."""


def _language_actors(text: str, country_code: str | None, lang: LanguageData) -> tuple[str, ...]:
    """:func:`find_actors` with another language's words (``MILITARY``, ``POLICE``,
    ``UNNAMED``, ``COUNTRY_OWNERS``...): the same ACLED labels as for English."""
    actors = named_groups(text)
    facts = country_facts(country_code)
    where = f" of {facts.name}" if facts else ""
    if not actors and lang.UNNAMED.search(text):
        actors.append("Unidentified Armed Group")
    owners: list[str | None] = []
    for m in lang.MILITARY.finditer(text):
        lo = max(0, m.start() - OWNER_WINDOW)
        near = text[lo: m.end() + OWNER_WINDOW].lower()
        start, end = m.start() - lo, m.end() - lo
        best: tuple[int, str] | None = None
        for stem, code in lang.COUNTRY_OWNERS.items():
            at = near.find(stem)
            while at >= 0:
                gap = start - (at + len(stem)) if at < start else at - end
                if gap >= -len(stem) and (best is None or gap < best[0]):
                    best = (gap, code)
                at = near.find(stem, at + 1)
        owners.append(best[1] if best is not None else country_code)
    for code in dict.fromkeys(owners):
        owner = country_facts(code) if code else None
        actors.append(f"Military Forces of {owner.name}" if owner else f"Military Forces{where}")
    for m in lang.POLICE.finditer(text):
        if lang.REPORTING.match(text, m.end()) is None and lang.REPORTED_BY.search(
                text, max(0, m.start() - 25), m.start()) is None:
            actors.append(f"Police Forces{where}")
            break
    label = f" ({facts.name})" if facts else ""
    if lang.RIOTERS.search(text):
        actors.append(f"Rioters{label}")
    if lang.PROTESTERS.search(text):
        actors.append(f"Protesters{label}")
    if lang.CIVILIANS.search(text):
        actors.append(f"Civilians{label}")
    return tuple(dict.fromkeys(actors))
