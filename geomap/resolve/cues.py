"""One-off cues of the text around a name: a dateline ("DENVER (CBS4) -"), a police force
("Dayton police said"), a demonym before it ("the Tajik capital Dushanbe")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap.gazetteer.normalize import name_key
from geomap.lang.en import PLACE_AGENCY_AFTER
from geomap.resolve.config import (
    AGENCY_BONUS,
    DATELINE_BONUS,
    DATELINE_MENTIONS,
    DATELINE_MIN_POPULATION,
    DEMONYM_MODIFIER_BONUS,
    DEMONYM_REACH_CHARS,
)
from geomap.resolve.containment import container_chain
from geomap.resolve.scoring import Scored, sort_by_score
from geomap.types import Mention

_DATELINE_AFTER = re.compile(r"[ \t]*(?:\(|—|–|--|-[ \t]|:)")


def _is_dateline(text: str, m: Mention) -> bool:
    """A name opening the text or a line, in capitals or followed by a dateline mark."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start:m.start].strip():
        return False
    caps = m.text.isupper() and len(m.text) > 2
    return caps or _DATELINE_AFTER.match(text, m.end) is not None


def apply_dateline(mentions: Sequence[Mention], per: list[list[Scored]], text: str) -> None:
    """See ``config.DATELINE_BONUS``; a dateline with its state ("SHELBY, N.Y.") is left to
    the containment pass."""
    names: set[str] = set()
    for i, m in enumerate(mentions[:DATELINE_MENTIONS]):
        if per[i] and _is_dateline(text, m) and not container_chain(mentions, text, i)[0]:
            names.add(name_key(m.name))
    for i, m in enumerate(mentions):
        if not names or name_key(m.name) not in names:
            continue
        big = [s for s in per[i] if s.place.kind == "city" and s.name_type in ("name", "ascii")
               and s.place.population >= DATELINE_MIN_POPULATION]
        if big:
            best = max(big, key=lambda s: s.place.population)
            best.base += DATELINE_BONUS
            best.notes.append("dateline city")
            sort_by_score(per[i])


def apply_agency(mentions: Sequence[Mention], per: list[list[Scored]], text: str) -> None:
    """See ``config.AGENCY_BONUS``."""
    for i, m in enumerate(mentions):
        if per[i] and PLACE_AGENCY_AFTER.match(text, m.end) is not None:
            for s in per[i]:
                if s.place.kind == "city":
                    s.base += AGENCY_BONUS
                    s.notes.append("its police")
            sort_by_score(per[i])


def apply_demonym_modifiers(
    mentions: Sequence[Mention], per: list[list[Scored]], text: str
) -> None:
    """'the Tajik capital Dushanbe', 'French city of Nice': a demonym shortly before a name
    boosts that name's candidates in the demonym's country."""
    for i in range(1, len(mentions)):
        prev, m = mentions[i - 1], mentions[i]
        if prev.kind != "demonym" or not per[i - 1] or m.start - prev.end > DEMONYM_REACH_CHARS:
            continue
        if "." in text[prev.end:m.start]:
            continue
        cc = per[i - 1][0].place.country_code
        if not cc:  # "Mediterranean", "European": no country to prefer
            continue
        for s in per[i]:
            if s.place.country_code == cc and s.place.kind != "country":
                s.base += DEMONYM_MODIFIER_BONUS
                s.notes.append(f"after demonym {prev.text}")
