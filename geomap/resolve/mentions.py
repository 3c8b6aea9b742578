"""Mentions the resolver adds to the recognizer's, and mentions for given (gold) spans."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from geomap.errors import InputError
from geomap.lang.en import LOCATIVE_CUE, PLACE_CUE, SETTLEMENT_WORDS
from geomap.recognize.gazetteer import FEATURE_AFTER
from geomap.resolve.config import (
    CONTAINED_LOOKBACK_CHARS,
    FEATURE_AFTER_CHARS,
    LOCATIVE_CUE_CHARS,
    PLACE_CUE_CHARS,
)
from geomap.resolve.containment import inside
from geomap.types import Candidate, Mention

Lookup = Callable[[str], list[Candidate]]
"""A name's gazetteer candidates (a :class:`~geomap.resolve.candidates.LookupCache`)."""

_BEFORE_CONTAINER = re.compile(
    r"([A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){0,3})(?:\s+(?:"
    + "|".join(SETTLEMENT_WORDS) + r"))?\s*(?:,|\()\s*$"
)
_STOP_CONTAINED = {"the", "on", "in", "at", "near", "and", "but", "however", "meanwhile"}
_CUED_NAME = re.compile(r"[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2}")
_PAREN_PARTS = re.compile(
    r"[A-Za-z'’]\s*\(([A-Z][\w'’ -]{1,30}(?:,\s*[A-Z][\w'’ -]{1,30}){0,3})\)"
)


def contained_mentions(text: str, mentions: Sequence[Mention], lookup: Lookup) -> list[Mention]:
    """Place names the recognizer skipped that the text puts inside a named area: "Izium,
    Kharkiv" (Izium is only an alternate name of a small town, so not matched alone), "shelled
    Pravdyne, Kherson" (not in the gazetteer at all). A name is added when a candidate of it lies
    inside the area, or when a place word introduces it ("near", "in", "shelled"); the resolver
    then places it inside the area, or leaves it unresolved with the area as its container."""
    taken = sorted((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    parts = _paren_area_parts(text, taken, lookup)
    out.extend(parts)
    taken.extend((m.start, m.end) for m in parts)
    for y in sorted([*mentions, *parts], key=lambda m: m.start):
        areas = [c.place for c in lookup(y.name) if c.place.kind in ("admin1", "admin2")]
        if not areas or y.kind == "demonym":
            continue
        lo = max(0, y.start - CONTAINED_LOOKBACK_CHARS)
        found = _BEFORE_CONTAINER.search(text, lo, y.start)
        if found is None:
            continue
        xs, xe = found.start(1), found.end(1)
        name = found.group(1)
        if any(s < xe and xs < e for s, e in taken) or name.lower() in _STOP_CONTAINED:
            continue
        cands = lookup(name)
        within = any(inside(c.place, a) for c in cands for a in areas)
        if not within and (
            PLACE_CUE.search(text, max(0, xs - PLACE_CUE_CHARS), xs) is None or "\n" in name
        ):
            continue
        out.append(Mention(xs, xe, name, name, "name", recognizer="containment"))
        taken.append((xs, xe))
    return out


def cued_alternate_mentions(
    text: str, mentions: Sequence[Mention], lookup: Lookup
) -> list[Mention]:
    """Alternate spellings of small towns right after a locative word ("near Pervomaisk",
    "in Eravur"): the recognizer skips them alone (most are foreign words that collide with
    English), but after "in"/"near" a capitalised word that is no English word or person's
    name is a place. Only names whose gazetteer entries are towns under another main name."""
    from geomap.recognize.words import STREET_WORDS, common_words, first_names, last_names

    common, first, last = common_words(), first_names(), last_names()
    taken = sorted((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    for found in _CUED_NAME.finditer(text):
        xs, xe = found.span()
        if LOCATIVE_CUE.search(text, max(0, xs - LOCATIVE_CUE_CHARS), xs) is None:
            continue
        if any(s < xe and xs < e for s, e in taken):
            continue
        name = found.group(0)
        low = name.lower()
        if low in common or low in first or low in last or low.split()[-1] in STREET_WORDS:
            continue
        cands = lookup(name)
        if cands and all(c.place.kind == "city" and c.name_type == "alternate" for c in cands):
            out.append(Mention(xs, xe, name, name, "name", recognizer="locative"))
            taken.append((xs, xe))
    return out


def _paren_area_parts(text: str, taken: list[tuple[int, int]], lookup: Lookup) -> list[Mention]:
    """The admin areas of a parenthesised chain after a name ("Kantale (Kantale, Eastern)",
    "Oddamavadi (Batticaloa, Eastern)"): each part that names a first- or second-level area
    is a mention, even an ordinary word ("Eastern", "Northern") the recognizer leaves alone,
    since here it can only be the area."""
    from geomap.recognize.words import common_words

    common = common_words()
    out: list[Mention] = []
    countries: set[str] | None = None
    for found in _PAREN_PARTS.finditer(text):
        pos = found.start(1)
        if "," not in found.group(1):
            continue  # one part ("(Reuters)", "(Texas)") is no chain of areas
        for part in found.group(1).split(","):
            lead = len(part) - len(part.lstrip())
            name = part.strip()
            ps, pe = pos + lead, pos + lead + len(name)
            pos += len(part) + 1
            if not name or any(s < pe and ps < e for s, e in taken):
                continue
            areas = [c.place for c in lookup(name) if c.place.kind in ("admin1", "admin2")]
            if not areas:
                continue
            if name.lower() in common:
                # "Eastern", "Western": only an area of a country the text otherwise names
                if countries is None:
                    countries = {c.place.country_code for s, e in taken
                                 for c in lookup(text[s:e]) if c.place.country_code}
                if not any(a.country_code in countries for a in areas):
                    continue
            out.append(Mention(ps, pe, name, name, "name", recognizer="containment"))
    return out


def mentions_for_spans(text: str, spans: Sequence[Sequence[int]], lookup: Lookup) -> list[Mention]:
    """Mentions for given (start, end) spans, one per span in order; demonyms recognised."""
    out: list[Mention] = []
    for span in spans:
        start, end = int(span[0]), int(span[1])
        if not 0 <= start <= end <= len(text):
            raise InputError(f"span [{start}, {end}] is outside the text (length {len(text)})")
        surface = text[start:end]
        cands = lookup(surface)
        kind = "name"
        if any(c.name_type == "demonym" for c in cands) and surface[:1].isupper():
            kind = "demonym"
        # a feature word right after the span ("Kunduz province", "Red Sea state") says which
        # kind of place is meant, as for recognised mentions
        fm = FEATURE_AFTER.match(text, end, min(len(text), end + FEATURE_AFTER_CHARS))
        feature = fm.group(1).lower() if fm else None
        out.append(Mention(start, end, surface, surface, kind, feature,  # type: ignore[arg-type]
                           recognizer="gold"))
    return out
