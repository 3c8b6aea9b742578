"""Toponym resolution.

Every candidate (:mod:`.candidates`) gets a *prior* (:mod:`.scoring`: feature kind, population,
how the name matched, feature words such as "province"; "X Sea"/"Gulf of X" names prefer a body
of water; a big city beats a same-named admin area that is no more populous, "Manchester"),
then document context is added in a few passes:

1. **cues** (:mod:`.cues`) — a dateline city, a town's police, a demonym before a name;
2. **containment** (:mod:`.containment`) — "Bangor, Maine", "Vahdat in Tajikistan", "Kunduz
   province of Afghanistan": the candidates inside the container win;
3. **focus** (:mod:`.focus`) — countries and first-level areas of the article's confident
   places (explicitly named countries and states count most) boost candidates inside them;
4. **coherence** (:mod:`.coherence`) — candidates near other chosen places (within 200 km) are
   boosted.

A small city's focus boost is halved when a same-named place of 1M+ is 1,000 times bigger
("Florida" in a New York story stays the state). A name the gazetteer lacks is resolved by its
parts (all parts of the longest length that has entries compete), kept only near the article's
other places unless the part is a country, first-level area or city of 100,000+.

The confidence is a calibrated estimate of P(the chosen place is within 161 km of the truth):
a logistic function of the winning margin and the context support, fitted on the LGL and
GeoWebNews gold standards (see ``config.CALIBRATION``; refit with
``benchmarks/bench_geoparse.py``). Every tuned number is named in :mod:`.config`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from geomap.gazetteer.base import Gazetteer
from geomap.gazetteer.normalize import name_key
from geomap.lang.en import COUNTRY_STYLE_CUES
from geomap.recognize.base import Recognizer
from geomap.recognize.gazetteer import MAX_MENTIONS_PER_NAME
from geomap.resolve.candidates import LookupCache, candidates, feature_names_area
from geomap.resolve.coherence import apply_coherence
from geomap.resolve.config import (
    ALTERNATIVES_SHOWN,
    FOCUS_NOTE_MIN,
    FOCUS_ROUNDS,
    MARGIN_CAP,
    MAX_CANDIDATES,
    PART_KEEP_POPULATION,
    PART_MIN_SUPPORT,
    STYLE_VOTE,
)
from geomap.resolve.containment import apply_containment
from geomap.resolve.cues import apply_agency, apply_dateline, apply_demonym_modifiers
from geomap.resolve.focus import apply_focus
from geomap.resolve.mentions import contained_mentions, cued_alternate_mentions, mentions_for_spans
from geomap.resolve.scoring import Scored, prefer_city_over_same_named_area, prior, sort_by_score
from geomap.resolve.scoring import confidence as _confidence  # benchmarks/bench_geoparse.py spies
from geomap.types import Mention, Toponym

MAX_MENTIONS_PER_PLACE = MAX_MENTIONS_PER_NAME
"""Mentions of one resolved place kept per article (names that differ but resolve alike, such
as "Afghanistan" and "Afghan"); the rest are counted on the last kept one (``Mention.omitted``)."""
OUTSIDE_NOTE = "no place of this name in the gazetteer inside"
"""Reason of a toponym the text puts inside an area that has no such place in the gazetteer
(the events stage then locates it at that area)."""


class Resolver:
    """Recognition and resolution against one gazetteer. It owns what is worth keeping between
    texts: the memo of name lookups and the default recognizer (built on first use). Keep one
    per gazetteer; :func:`geoparse` and :func:`resolve` keep one for the last gazetteer given."""

    def __init__(self, gazetteer: Gazetteer, recognizer: Recognizer | None = None) -> None:
        self.gazetteer = gazetteer
        self.lookup = LookupCache(gazetteer)
        self._recognizer = recognizer

    @property
    def recognizer(self) -> Recognizer:
        """The recognizer used when :meth:`geoparse` is given none (the gazetteer one)."""
        if self._recognizer is None:
            from geomap.recognize import GazetteerRecognizer

            self._recognizer = GazetteerRecognizer(self.gazetteer)
        return self._recognizer

    def geoparse(
        self, text: str, *, recognizer: Recognizer | None = None,
        spans: Sequence[Sequence[int]] | None = None, language: str = "en",
    ) -> list[Toponym]:
        """See :func:`geoparse`."""
        if spans is not None:
            mentions = mentions_for_spans(text, spans, self.lookup)
            return self.resolve(mentions, text=text, language=language)
        rec = recognizer if recognizer is not None else self.recognizer
        mentions = (rec.recognize(text, language=language)  # type: ignore[call-arg]
                    if language != "en" else rec.recognize(text))
        extra = cued_alternate_mentions(text, mentions, self.lookup)
        extra += contained_mentions(text, [*mentions, *extra], self.lookup)
        if extra:
            mentions = sorted([*mentions, *extra], key=lambda m: m.start)
        return cap_per_place(self.resolve(mentions, text=text, language=language))

    def resolve(
        self, mentions: Sequence[Mention], *, text: str, language: str = "en"
    ) -> list[Toponym]:
        """See :func:`resolve`."""
        per = [self._scored(m, local_names=language != "en") for m in mentions]
        apply_dateline(mentions, per, text)
        apply_agency(mentions, per, text)
        outside = apply_containment(mentions, per, text)
        apply_demonym_modifiers(mentions, per, text)
        style = {cc: STYLE_VOTE for cc, cue in COUNTRY_STYLE_CUES.items() if cue.search(text)}
        for _round in range(FOCUS_ROUNDS):
            apply_focus(mentions, per, style)
            for s in per:
                sort_by_score(s)
        apply_coherence(mentions, per, [s[0] if s else None for s in per])
        for s in per:
            sort_by_score(s)
        _same_name_outside(mentions, per, outside)
        return [_toponym(m, scored, outside.get(i))
                for i, (m, scored) in enumerate(zip(mentions, per, strict=True))]

    def _scored(self, m: Mention, *, local_names: bool) -> list[Scored]:
        """The mention's best candidates by prior. In a language other than English, a place's
        alternate names count as its own names."""
        cands = candidates(m, self.lookup)
        if local_names:
            cands = [(p, "name" if nt == "alternate" else nt) for p, nt in cands]
        scored = [Scored(p, nt, prior(p, nt, m)) for p, nt in cands]
        if not feature_names_area(m.feature):
            prefer_city_over_same_named_area(scored)
        sort_by_score(scored)
        return scored[:MAX_CANDIDATES]


_last_resolver: list[Resolver] = []


def resolver_for(gazetteer: Gazetteer) -> Resolver:
    """The resolver :func:`geoparse` and :func:`resolve` use for ``gazetteer``: the last one
    made, if made for this very object, else a new one. One gazetteer per process is the norm
    (as for the recognizer's automaton), and a closed and reopened gazetteer is a new object,
    so it always starts with a fresh memo. (Not a ``WeakKeyDictionary``: the default
    recognizer holds its gazetteer, so such an entry would never die.)"""
    if _last_resolver and _last_resolver[0].gazetteer is gazetteer:
        return _last_resolver[0]
    made = Resolver(gazetteer)
    _last_resolver[:] = [made]
    return made


def resolve(
    mentions: Sequence[Mention], gazetteer: Gazetteer, *, text: str, language: str = "en",
) -> list[Toponym]:
    """One :class:`Toponym` per mention, in the same order; unresolved ones have
    ``place=None`` (never dropped). In a language other than English, a place's alternate
    names count as its own names: they are the names that language gives it ("Tombouctou" is
    Timbuktu, the town, not only the region named after it; "Исфара" is Isfara)."""
    return resolver_for(gazetteer).resolve(mentions, text=text, language=language)


def geoparse(
    text: str,
    gazetteer: Gazetteer,
    *,
    recognizer: Recognizer | None = None,
    spans: Sequence[Sequence[int]] | None = None,
    language: str = "en",
) -> list[Toponym]:
    """Recognise and resolve the places in ``text``, written in ``language`` (ISO 639-1; see
    :mod:`geomap.lang.identify`). With ``spans``, resolve exactly those spans (one Toponym per
    span, same order) instead of recognising."""
    return resolver_for(gazetteer).geoparse(
        text, recognizer=recognizer, spans=spans, language=language)


def _same_name_outside(
    mentions: Sequence[Mention], per: list[list[Scored]], outside: dict[int, str]
) -> None:
    """One name, one place in an article: a later bare "near Pisky" is the same Pisky the text
    put inside an area that has none (unless it is itself placed inside something)."""
    outside_names = {name_key(mentions[i].name): where for i, where in outside.items()}
    if not outside_names:
        return
    for i, (m, scored) in enumerate(zip(mentions, per, strict=True)):
        if i not in outside and name_key(m.name) in outside_names and not any(
            "inside " in note for s in scored[:1] for note in s.notes
        ):
            outside[i] = outside_names[name_key(m.name)]


def _toponym(m: Mention, scored: list[Scored], outside: str | None) -> Toponym:
    """The mention's toponym: its best candidate with a confidence and a reason, or none."""
    shown = tuple(s.place for s in scored[:ALTERNATIVES_SHOWN])
    if outside is not None:
        return Toponym(
            m, None, 0.0,
            f"{OUTSIDE_NOTE} {outside}" + (
                f"; same-named places elsewhere: {', '.join(p.name for p in shown)}"
                if scored else ""),
            shown,
        )
    if not scored:
        return Toponym(m, None, 0.0, "no gazetteer entry for this name")
    top = scored[0]
    if top.name_type == "part" and top.support < PART_MIN_SUPPORT and not (
        top.place.kind in ("country", "admin1") or top.place.population >= PART_KEEP_POPULATION
    ):
        return Toponym(
            m, None, 0.0,
            f"no gazetteer entry for this name; its part {top.place.name!r} is not near "
            "the article's other places",
            shown,
        )
    margin = top.score - scored[1].score if len(scored) > 1 else MARGIN_CAP
    conf = _confidence(margin, top.support, len(scored), top.name_type == "part")
    alts = tuple(s.place for s in scored[1:1 + ALTERNATIVES_SHOWN])
    return Toponym(m, top.place, round(conf, 3), _reason(top, scored, margin), alts)


def _reason(top: Scored, scored: list[Scored], margin: float) -> str:
    how = "part-of-name" if top.name_type == "part" else top.name_type
    reason = f"{top.place.kind}, pop {top.place.population:,}, {how} match"
    notes = list(top.notes)
    if top.context >= FOCUS_NOTE_MIN and top.place.country_code:
        where = top.place.country_code
        if top.place.admin1_code and top.place.kind != "country":
            where += f"/{top.place.admin1_code}"
        notes.insert(0, f"article focus {where} (+{top.context:.1f})")
    if notes:
        reason += "; " + "; ".join(dict.fromkeys(notes))
    if len(scored) > 1:
        reason += f"; {len(scored)} candidates, margin {margin:.1f}"
    return reason


def cap_per_place(toponyms: list[Toponym], limit: int = MAX_MENTIONS_PER_PLACE) -> list[Toponym]:
    """The first ``limit`` toponyms of each resolved place; the others (and what they had
    counted) are added to the last kept one's ``mention.omitted``. Unresolved ones all stay
    (the recognizer already caps each name)."""
    counts: Counter[str] = Counter()
    for t in toponyms:
        if t.place is not None:
            counts[t.place.id] += 1
    if not counts or max(counts.values()) <= limit:
        return toponyms
    kept: list[Toponym] = []
    last: dict[str, int] = {}
    extra: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for t in toponyms:
        if t.place is None:
            kept.append(t)
            continue
        pid = t.place.id
        seen[pid] += 1
        if seen[pid] > limit:
            extra[pid] += 1 + t.mention.omitted
            continue
        last[pid] = len(kept)
        kept.append(t)
    for pid, n in extra.items():
        t = kept[last[pid]]
        kept[last[pid]] = replace(t, mention=replace(t.mention, omitted=t.mention.omitted + n))
    return kept
