"""From an article, its toponyms and its relative locations to located, dated, counted events.

How an article becomes events (each step is a rule a reader can check):

1. Sentences (:mod:`.sentences`) that contain a strong violent-incident trigger word (killed,
   clash, explosion, riot, protesters, arrested, ...), or a weak one (attack, shot, fighting,
   bombs, rockets, ...) next to a context word (soldiers, people, gunmen, weapons, ...), are
   *incident sentences*, unless they describe habits rather than an incident ("frequent
   clashes", "often include shootouts", "has been hit by"), threats and plans ("threatened
   to bomb"), accidents, disasters or sport with no violence ("injured in a crash", "the
   two teams will clash again"), or only a decade of history ("killed during a civil war in
   the 1990s": history, not an event — dropped, whatever its numbers).
2. Consecutive incident sentences form one event. A sentence starts a new event when its date
   expression disagrees with the current event's date (e.g. "In May ..." after "Wednesday";
   two named days differ, as ACLED codes one event per day, but "overnight" or "last night"
   may be the day either side of a named day), or
   when it is more than :data:`MAX_GAP` sentences after the current event's last sentence,
   or when the writer says it is another incident ("In a separate incident", "Separately,",
   "Elsewhere,"; ``SEPARATE_INCIDENT`` in :mod:`geomap.lang.en`).
   A sentence with no date joins the current event, unless it reports a new incident at
   another place: it does not continue the told one (no "He", "The victim", "the attack":
   ``ANAPHORIC``) and the place its own clause names after a preposition ("in Kismayo",
   relative locations first) is in another country or a town more than :data:`SAME_PLACE_KM`
   (and both uncertainties) from the current event's place; that event keeps the current date
   ("Hours later, attackers ambushed a convoy 40 km north of Mopti"). A summary sentence ("killed
   23 in two attacks", ``SUMMARY``) followed by its incidents told one by one is no event of its
   own (no sums across incidents); they take its date. A line's leading dateline ("KABUL
   (Reuters) - ") is no part of the incident clause: it gives no date, and its town no place
   when the clause names a district or province that does not contain it, or it names several
   towns. Only the first incident clause of a headline counts for the main event, and none of a
   headline that sums up several incidents. A sentence of another event lends no place (5a).
3. Date: the most specific date expression of the event's first dated sentence
   (:mod:`.dates`); with none, the publication date (``date_text`` None, ``date_precision``
   None, noted). "last week"-style dates get precision "day" and a note.
4. ``main``: events dated more than :data:`BACKGROUND_DAYS` days before publication (or by a
   month or year, like "In May", "July last year", "in 2015", that ends that long before) are
   background; of the others the first is the main event (news leads with its main
   incident; the old rule, most sentences, picked follow-ups told at length). If every event
   is background, the most-covered one (most sentences; ties: the first) is main.
5. Location: :func:`geomap.locate.event_place.pick_event_location` (the one place that
   decides an event's location, precision and uncertainty; rules in that module). An event
   with no location (no resolved toponym, no relative location, no focus country) is dropped:
   it cannot be mapped.
6. Casualties over the event's sentences with :func:`.numbers.combine_casualties` (the title
   counts for the main event when it is itself an incident sentence); type from :func:`.classify.classify`; actors from
   :func:`.actors.find_actors`; time of day from :func:`.dates.find_time`.
7. Borders: :func:`geomap.locate.event_place.event_borders` (none at country precision).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from geomap.events._countries import country_facts
from geomap.events.actors import find_actors
from geomap.events.classify import classify
from geomap.events.confidence import with_confidence
from geomap.events.dates import (
    DateExpression,
    DatePrecision,
    best_date,
    find_date_expressions,
    find_time,
    find_year,
    resolve_date,
    week_window,
)
from geomap.events.numbers import CasualtyClaim, combine_casualties, find_casualty_claims
from geomap.events.sentences import Sentence, split_sentences, strip_dateline
from geomap.geo import distance_km
from geomap.ingest import safe_id
from geomap.lang import article_language, is_english, using
from geomap.lang import current as _lang
from geomap.locate.event_place import (  # noqa: F401  (re-exported for callers and tests)
    WATER_KM,
    event_borders,
    focus_country,
    is_border,
    own_toponym_location,
    pick_event_location,
    relative_rank,
)
from geomap.types import Article, Event, Location, Toponym

MAX_GAP = 3
MAX_INCIDENT_SENTENCES = 1_000
"""Incident sentences read per article: a news report has tens; each costs date and casualty
parsing, so past this a text repeating "... killed ..." stops costing (later ones are ignored)."""
"""An undated incident sentence more than this many sentences after the current event's last
sentence starts a new event."""

NEIGHBOUR_DATE_SPAN = 8
"""Sentences either side of an undated event searched for its day (a lede's date usually comes
within the next few lines; further on, a report tells of later steps)."""

BACKGROUND_DAYS = 14
"""Events whose date range ends more than this many days before publication are background."""

FOLLOW_UP_DAYS = 45
"""A follow-up (arrest, charges, court, funeral) reports an incident at most about this many
days old (GVA follow-ups: mostly within a month); an older day-dated incident is history."""

FOLLOW_UP_MAX_DAYS = 366
"""How old an incident a follow-up's own dating may place it (court reports come months after;
the article's tie of the date to the incident, not the age, decides)."""

YEARLESS_MAX_DAYS = 183
"""How far back a month and day without a year ("Aug. 13") may date a follow-up's incident:
half a year; news names an older day with its year, and a later one is a date to come."""
CASUALTY_DATE_GAP = 20
"""Characters between a casualty word and a lede's date that make it the incident's day ("his
tragic death early Sunday", "died Wednesday after he was shot")."""

LEDE_FOLLOW_DRAFTS = 2
"""Drafts after the main one searched for the incident's own day when the lede dates a later
step (the next paragraph or two of a report usually tell when the incident happened)."""
LEDE_FOLLOW_DAYS = 3
"""How many days before the lede's date that day may be (a follow-up lede reports the day
after, or a weekend incident on Monday; further back it is another incident)."""

MIN_COUNTRY_MENTIONS = 2
"""Toponyms an article must place in a country before a sentence's place there can split an
event off: a name resolved abroad once is more often a misreading than a second front."""
SAME_PLACE_KM = 25.0
"""Two town-level places (precision 1-2) further apart than this are different places: a
sentence reporting a new incident there starts a new event (ACLED codes one event per place;
25 km is the scorers' "within" radius, so a suburb or "near X" stays with X)."""


@dataclass
class _Draft:
    """An event being built: its sentences, its resolved date, its own place so far and why it
    was split from the previous one ("first", "cue", "date", "gap", "place")."""

    sentences: list[int] = field(default_factory=list)
    date: date | None = None
    precision: DatePrecision | None = None
    expr: DateExpression | None = None
    place: Location | None = None
    split: str = "first"
    summary: bool = False


def _as_date(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _date_range_end(d: date, precision: DatePrecision) -> date:
    if precision == "week":
        return d + timedelta(days=6)
    if precision == "month":
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    if precision in ("year", "decade"):
        return date(d.year + (9 if precision == "decade" else 0), 12, 31)
    return d


def _compatible(
    a: date, pa: DatePrecision, b: date, pb: DatePrecision, vague: bool = False
) -> bool:
    """Whether two resolved dates can describe the same incident. Two named days must be the
    same day (ACLED codes one event per day); "overnight" or "last night" (``vague``) may be
    the day before or after; a week, month or year contains the other date."""
    if "year" in (pa, pb):
        return a.year == b.year
    if "month" in (pa, pb):
        return (a.year, a.month) == (b.year, b.month)
    slack = 7 if "week" in (pa, pb) else 1 if vague else 0
    return abs((a - b).days) <= slack


def is_incident_sentence(text: str) -> bool:
    """Whether a sentence reports an incident: a strong trigger, or a weak one with context;
    not habitual wording; not an accident or disaster without violence."""
    if _lang().STRONG_TRIGGER.search(text) is None and (
        _lang().WEAK_TRIGGER.search(text) is None or _lang().CONTEXT.search(text) is None
    ):
        return False
    if _lang().GENERIC.search(text) is not None or _lang().HYPOTHETICAL.search(text) is not None:
        return False
    core = _lang().VIOLENT_CORE.search(text) is not None
    if _lang().SPORT.search(text) is not None and not core:
        return False
    return _lang().ACCIDENT.search(text) is None or core or _lang().VIOLENT.search(text) is not None


def _is_vague(expr: DateExpression) -> bool:
    """Night-time words that may fall either side of midnight."""
    return expr.kind == "overnight" or "night" in expr.text.lower()


def incident_dates(sent: Sentence) -> list[DateExpression]:
    """The date expressions of a sentence that can date its incident: not page furniture
    ("Updated: Jan 6, 2017"), not the date of a later step ("was arrested Thursday in
    connection with the shooting", "police said Monday")."""
    text = sent.text
    exprs = find_date_expressions(text, sent.start)
    if not exprs:
        return exprs
    page_dates = set()
    for m in _lang().PAGE_FURNITURE.finditer(text):
        # the first date after the furniture word, and any date chained to it by nothing but
        # numbers, times and punctuation ("Posted: Tuesday, January 20, 2015 10:49 AM EST")
        end = None
        for e in exprs:
            at = e.start - sent.start
            if end is None:
                if 0 <= at - m.start() <= _lang().PAGE_FURNITURE_SPAN:
                    page_dates.add(e.start)
                    end = e.end - sent.start
            elif at >= end and _lang().PAGE_DATE_CHAIN.fullmatch(text, end, at):
                page_dates.add(e.start)
                end = e.end - sent.start
            elif at >= end:
                break
    steps = [m for m in _lang().LATER_STEP.finditer(text)
             if m.group(0).lower() in _lang().STATUS_WORDS or _lang().INCIDENT_NOUN.search(text)]
    steps.extend(_lang().DIED_OF_INJURIES.finditer(text))
    kept: list[DateExpression] = []
    own = [e for e in exprs if e.start not in page_dates
           and _lang().INCIDENT_POSSESSIVE.match(text, e.end - sent.start) is not None]
    if own:
        return own  # "in Friday's shooting": the incident's own day
    for e in exprs:
        at = e.start - sent.start
        if e.start in page_dates:
            continue
        if _strongly_anchored(sent, e):  # "says around 2 p.m. on Sunday, deputies were ..."
            kept.append(e)
            continue
        if _lang().STEP_AFTER_DATE.match(text, e.end - sent.start):
            continue
        if any(0 <= at - m.end() <= _lang().LATER_STEP_GAP
               and not _names_incident(text, m.end(), at, _lang().INCIDENT_NOUN)
               and _lang().HAPPENED.search(text, m.end(), at) is None
               and not _names_incident(text, m.end(), at, _lang().INCIDENT_BEFORE_DATE) for m in steps):
            continue
        kept.append(e)
    return kept


def _names_incident(text: str, start: int, end: int, words: re.Pattern[str]) -> bool:
    """Whether ``text[start:end]`` names the incident with ``words`` ("after the shooting",
    "were shot"), not only as a charge ("charged with murder")."""
    return any(_lang().CHARGE_BEFORE_NOUN.search(text, max(0, n.start() - _lang().CHARGE_NOUN_SPAN), n.start())
               is None for n in words.finditer(text, start, end))


def _anchored(sent: Sentence, expr: DateExpression) -> bool:
    """Whether the sentence ties ``expr`` to the incident itself: incident language shortly
    before it with no later-step word in between ("victims who were shot and killed Friday"),
    a clock time next to it ("at 2:15 p.m. Wednesday") or "Friday's shooting"."""
    text, at = sent.text, expr.start - sent.start
    if _strongly_anchored(sent, expr):
        return True
    lo = max(0, at - _lang().INCIDENT_DATE_GAP)
    last = None
    for m in _lang().INCIDENT_BEFORE_DATE.finditer(text, lo, at):
        last = m
    return last is not None and _lang().LATER_STEP.search(text, last.end(), at) is None


def _strongly_anchored(sent: Sentence, expr: DateExpression) -> bool:
    """A clock time next to ``expr`` (not an arrest's) or "the March 4 shooting": ties that
    hold even in a sentence that is not itself an incident sentence."""
    text, at, end = sent.text, expr.start - sent.start, expr.end - sent.start
    if _lang().INCIDENT_POSSESSIVE.match(text, end) is not None:
        return True
    if (_lang().CLOCK_AFTER_DATE.match(text, end) is None
            and _lang().CLOCK_BEFORE_DATE.search(text, max(0, at - _lang().INCIDENT_DATE_GAP), at) is None):
        return False
    # the time of an arrest or a booking ("was arrested about 2:30 p.m. Monday") is the step's;
    # a statement's word does not take it ("says around 2 p.m. on Sunday, deputies were ...")
    return not any(m.group(0).lower() not in _lang().STATUS_WORDS and m.group(0) != "Court"  # a street
                   and not _names_incident(text, m.end(), at, _lang().INCIDENT_BEFORE_DATE)
                   for m in _lang().LATER_STEP.finditer(text, max(0, at - _lang().LATER_STEP_GAP), at))


def _incident_day_first(sent: Sentence, exprs: list[DateExpression]) -> list[DateExpression]:
    """Of a sentence's candidate dates, those tied to the incident (:func:`_anchored`) when
    it has both kinds: "Neighbors held a vigil Saturday for three victims who were shot
    Friday" dates the shooting Friday, whichever comes first or is more specific."""
    if len(exprs) < 2:
        return exprs
    own = {e.start for e in exprs if _anchored(sent, e)}
    # "on Saturday, May 17": one date, tied as a whole
    for a, b in zip(exprs, exprs[1:], strict=False):
        if (a.start in own) != (b.start in own) and _lang().PAGE_DATE_CHAIN.fullmatch(
                sent.text, a.end - sent.start, b.start - sent.start):
            own |= {a.start, b.start}
    return [e for e in exprs if e.start in own] or exprs


def _different_place(a: Location, b: Location) -> bool:
    """Whether two places cannot be one incident's place: other countries, or two towns (or
    points near towns) more than :data:`SAME_PLACE_KM` apart, and further than their
    uncertainties reach ("not far from Dushanbe" may be the border post 50 km west of it). An area and a town in the same
    country may contain each other, so they are not told apart; a country named alone ("a man
    from Mexico", a misread "Dr.") is no incident place to split on."""
    if a.precision == 4 or b.precision == 4:
        return False
    if a.country_code and b.country_code and a.country_code.upper() != b.country_code.upper():
        return True
    return (a.precision <= 2 and b.precision <= 2
            and distance_km(a.lat, a.lon, b.lat, b.lon)
            > max(SAME_PLACE_KM, a.uncertainty_km + b.uncertainty_km))


def _group(
    sentences: list[Sentence], published: date | None,
    place_of: Callable[[int], Location | None] | None = None,
) -> list[_Draft]:
    """Incident sentences grouped into incidents (rule 2 of the module doc). ``place_of(i)`` is
    the place sentence ``i`` itself names (None: none, or places are not compared)."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    incidents = 0
    for i, sent in enumerate(sentences):
        if not is_incident_sentence(sent.text):
            continue
        incidents += 1
        if incidents > MAX_INCIDENT_SENTENCES:
            break
        found = best_date(_incident_day_first(sent, incident_dates(sent)), published)
        if found is not None and found[2] == "decade":
            continue  # history ("in the 1990s"), not an incident
        reason = "first" if current is None else (
            "cue" if _lang().SEPARATE_INCIDENT.search(sent.text) is not None else "")
        if not reason and current is not None:
            if found is not None and current.date is not None and current.precision is not None:
                vague = _is_vague(found[0]) or (
                    current.expr is not None and _is_vague(current.expr)
                )
                if not _compatible(current.date, current.precision, found[1], found[2], vague):
                    reason = "date"
            elif found is None and i - current.sentences[-1] > MAX_GAP:
                reason = "gap"
            elif (found is not None and found[2] == "month" and current.date is None
                  and len(drafts) == 1 and _long_before(found, published)):
                # an undated lede is news: "shot there in January" recalls another incident (a
                # year, "stabbed his first wife in 1991", is the history of this one's people)
                reason = "date"
        continues = reason != "cue" and _lang().ANAPHORIC.search(sent.text) is not None
        place = place_of(i) if place_of is not None else None
        if (not reason and not continues and place is not None and current is not None
                and current.place is not None and _different_place(place, current.place)):
            reason = "place"  # a new incident clause at another place: another event
        if reason:
            previous = current
            current = _Draft(split=reason, summary=(
                reason != "cue" and _lang().SUMMARY.search(sent.text) is not None))
            drafts.append(current)
            if (found is None and previous is not None and previous.date is not None
                    and (reason == "place" or previous.summary)):
                # "Hours later, attackers ambushed ..." / "In the first attack, ...": the day
                # of the incident told just before (or of the summary that announced it)
                current.expr, current.date, current.precision = (
                    previous.expr, previous.date, previous.precision)
        assert current is not None
        current.sentences.append(i)
        if found is not None and current.date is None:
            current.expr, current.date, current.precision = found
        if place is not None and (current.place is None or (
                not continues and place.precision < current.place.precision)):
            current.place = place
    # A summary ("killed 23 in two attacks") told one by one afterwards is no event itself.
    return [d for k, d in enumerate(drafts)
            if not (d.summary and k + 1 < len(drafts) and drafts[k + 1].split in ("cue", "place")
                    and all(_lang().SUMMARY.search(sentences[i].text) for i in d.sentences))]


def _date_from_reference(draft: _Draft, dated_refs: list[tuple[int, tuple]]) -> None:
    """An undated event takes the date of a sentence that refers to its incident ("The shooting
    happened about 10:30 p.m. Monday"), the nearest such sentence first. ``dated_refs``: the
    article's sentences that refer to an incident and give a usable date, with that date (see
    :func:`_dated_references`, found once per article)."""
    if not dated_refs:
        return
    first = draft.sentences[0]
    _, found = min(dated_refs, key=lambda pair: (abs(pair[0] - first), pair[0]))
    draft.expr, draft.date, draft.precision = found


def _dated_references(sentences: list[Sentence], published: date | None
                      ) -> list[tuple[int, tuple]]:
    """(index, date) of each sentence that refers to an incident and dates it (not a decade,
    not long before publication)."""
    out = []
    for j, sent in enumerate(sentences):
        if _lang().REFERS_TO_INCIDENT.search(sent.text) is None:
            continue
        found = best_date(incident_dates(sent), published)
        if found is not None and found[2] != "decade" and not _long_before(found, published):
            out.append((j, found))
    return out


def _places_of(
    sentences: list[Sentence], toponyms: Sequence[Toponym], relatives: Sequence[Location],
    focus: str | None,
) -> Callable[[int], Location | None]:
    """The place a sentence itself names, for telling incidents apart: a relative location in
    it (the most informative), else its most specific resolved toponym (rule 5b) that stands
    after a locative preposition ("in Miami", not "Memphis Police said"; none in a sentence
    about a hospital, where the wounded are taken) in a country the
    article names more than once (a lone foreign place is more often a misread name:
    "Whitehaven" night club -> England)."""
    ranked = sorted(relatives, key=relative_rank)
    per_country = Counter((t.place.country_code or "").upper() for t in toponyms
                          if t.place is not None)
    usable = [t for t in toponyms if t.place is not None
              and per_country[(t.place.country_code or "").upper()] >= MIN_COUNTRY_MENTIONS]
    starts = [t.mention.start for t in usable]
    order = sorted(range(len(usable)), key=starts.__getitem__)
    by_start = [usable[k] for k in order]
    sorted_starts = [starts[k] for k in order]

    def place_of(i: int) -> Location | None:
        sent = sentences[i]
        if _lang().HOSPITAL.search(sent.text) is not None:
            return None
        for loc in ranked:
            assert loc.relative is not None
            if sent.start <= loc.relative.start < sent.end:
                return loc
        lo = bisect_right(sorted_starts, sent.start - 1)
        hi = bisect_right(sorted_starts, sent.end - 1)
        located = []
        for t in by_start[lo:hi]:
            at = t.mention.start - sent.start
            if _lang().LOCATIVE.search(sent.text, max(0, at - _lang().LOCATIVE_SPAN), at) is not None:
                located.append(t)
        return own_toponym_location(located, toponyms, focus)

    return place_of


_TITLE_CLAUSES = re.compile(r"\s*[;|]\s*")
"""What separates a headline's clauses ("Taliban attack kills 12 police; blast hits Kabul")."""


def _title_clause(title: str | None) -> str | None:
    """The headline clause that tells the main incident: its first incident clause. A headline
    that sums up several incidents ("Gunmen kill 23 in twin attacks") tells none of them."""
    if not title or _lang().SUMMARY.search(title) is not None:
        return None
    return next((c for c in _TITLE_CLAUSES.split(title) if is_incident_sentence(c)), None)


def _dateline_elsewhere(
    line: Sentence, clause: Sentence, toponyms: Sequence[Toponym], focus: str | None
) -> bool:
    """Whether a dateline's town ("KABUL (Reuters) - ") is not the place of the incident its
    sentence reports: the clause names a district or province ("in the Khan Abad district of
    Kunduz province") of the article's focus country that does not contain the town (an area
    abroad is more often a misread name: "the West Bank" of New Orleans), or the dateline names
    several towns ("YEREVAN/BAKU"): the reporters' bases, not a place. Local news mostly reports from the
    incident's own town, so otherwise the dateline still locates the incident."""
    towns = [t.place for t in toponyms if line.start <= t.mention.start < clause.start
             and t.place is not None and t.place.kind == "city"]
    areas = [t.place for t in toponyms if clause.start <= t.mention.start < clause.end
             and t.place is not None and t.place.kind in ("admin1", "admin2")
             and t.mention.kind != "demonym" and not is_border(t) and (t.place.country_code or "").upper() == focus]
    if len(towns) > 1:
        return True
    if towns and not is_english() and any(
            clause.start <= t.mention.start < clause.end and t.place is not None
            and t.place.kind == "city" and t.place not in towns for t in toponyms):
        # French and Russian wire copy is filed from the capital ("BISHKEK, 17 September -
        # ... shelled the village of Kulundu"): a town the clause names is the incident's
        return True
    if not towns or not areas:
        return False
    return all(
        town.country_code != area.country_code
        or (town.admin1_code is not None and area.admin1_code is not None
            and town.admin1_code != area.admin1_code)
        for town in towns for area in areas
    )


def _claim_sentence(draft: _Draft, sentences: list[Sentence], taken: set[int]) -> Sentence | None:
    """The sentence right after one of the event's own that claims its incident ("The Islamic
    State claimed the attack."): it refers to the incident explicitly, so its perpetrator is
    the event's actor; a denial or "no group claimed" is not a claim."""
    for i in draft.sentences:
        j = i + 1
        if j < len(sentences) and j not in taken:
            text = sentences[j].text
            m = _lang().CLAIMED.search(text)
            if m is not None and _lang().NO_CLAIM.search(text, 0, m.start()) is None:
                return sentences[j]
    return None


def _field_sources(
    sents: Sequence[Sentence], location: Location, draft: _Draft,
    claims: Sequence[CasualtyClaim], spans: Sequence[tuple[int, int]],
    toponyms: Sequence[Toponym], title: str | None,
) -> tuple[tuple[str, int, int], ...]:
    """Which text each field of an event came from (``Event.sources``)."""
    out = [("incident", s.start, s.end) for s in sents]
    if title is not None:
        out.append(("title", 0, len(title)))
    if location.relative is not None:
        out.append(("location", location.relative.start, location.relative.end))
    elif location.place_id is not None:
        mentions = [t.mention for t in toponyms
                    if t.place is not None and t.place.id == location.place_id]
        own = [m for m in mentions if any(a <= m.start < b for a, b in spans)]
        for m in (own or mentions)[:1]:
            out.append(("location", m.start, m.end))
    if draft.expr is not None:
        out.append(("date", draft.expr.start, draft.expr.end))
    titled = 0 if title is None else len(find_casualty_claims(title))
    for c in claims[titled:]:  # the headline's claims come first, with headline offsets
        out.append((c.kind, c.start, c.end))
    return tuple(out)


def _counts_from_article(
    counts: dict[str, int | None], claims: list[CasualtyClaim], draft: _Draft,
    drafts: list[_Draft], sentences: list[Sentence], published: date | None,
) -> dict[str, int | None]:
    """The main event's missing killed / injured figures from the rest of the article: news
    tells one incident's toll across sentences that name no incident ("He later died at the
    hospital", "Two others were wounded"). Sentences of other incidents (another date, "In a
    separate incident") and dated history are left out; figures the event has are kept."""
    others = {i for d in drafts if d is not draft and not _same_incident(d, draft)
              for i in d.sentences}
    mine = set(draft.sentences)
    extra: list[CasualtyClaim] = []
    for j, sent in enumerate(sentences):
        if j in mine or j in others or _lang().SEPARATE_INCIDENT.search(sent.text) is not None:
            continue
        claims_here = find_casualty_claims(sent.text, sent.start)
        if not claims_here:
            continue
        dated = best_date(incident_dates(sent), published)
        if dated is not None and draft.date is not None and draft.precision is not None and not (
            _compatible(draft.date, draft.precision, dated[1], dated[2], vague=True)
        ):
            continue  # another day's incident, or history
        extra.extend(claims_here)
    if not extra:
        return counts
    wider = combine_casualties([*claims, *extra])
    return {k: (v if v is not None else wider[k]) if k != "detained" else v
            for k, v in counts.items()}


def _apart(a: Location, b: Location) -> bool:
    """Whether two places are clearly not one: :func:`_different_place`, or an area and a place
    further apart than their uncertainties reach (the place cannot lie inside the area)."""
    if _different_place(a, b):
        return True
    return (a.precision < 4 and b.precision < 4
            and distance_km(a.lat, a.lon, b.lat, b.lon)
            > max(SAME_PLACE_KM, a.uncertainty_km + b.uncertainty_km))


SPLIT_AS_ANOTHER_INCIDENT = frozenset({"place", "cue"})
"""Why a draft was split off that makes it another incident for sure: another place, or the
writer's own cue ("In a separate incident"); a draft split off by a gap may retell the first."""


def _same_incident(a: _Draft, b: _Draft) -> bool:
    """Two drafts that may tell one incident: neither was split off as another place or by the
    writer's cue, their own places are not different places, and neither date contradicts the
    other."""
    if a.split in SPLIT_AS_ANOTHER_INCIDENT or b.split in SPLIT_AS_ANOTHER_INCIDENT:
        return False
    if a.place is not None and b.place is not None and _apart(a.place, b.place):
        return False  # same day, another place: another incident (Kabul's wounded are not Kunduz's)
    if a.date is None or b.date is None or a.precision is None or b.precision is None:
        return True
    return _compatible(a.date, a.precision, b.date, b.precision, vague=True)


def _date_from_neighbours(
    draft: _Draft, drafts: list[_Draft], sentences: list[Sentence], published: date | None
) -> None:
    """An event still undated takes the day named by a nearby sentence outside other incidents
    ("Officers were called to the home Sunday night", "He died Sunday"), the nearest first,
    following sentences before preceding ones: a report dates its lede in the next lines. The
    date must not follow any later-step word (arrest, court, a statement), and be a day."""
    # other incidents' sentences are not searched; other undated drafts may be this incident
    others = {i for d in drafts if d is not draft and d.date is not None for i in d.sentences}
    first = draft.sentences[0]
    order = [j for k in range(1, NEIGHBOUR_DATE_SPAN + 1) for j in (first + k, first - k)
             if 0 <= j < len(sentences) and j not in others]
    for j in [*draft.sentences, *order]:
        sent = sentences[j]
        exprs = [e for e in incident_dates(sent)
                 if e.rank <= 3 and not _after_any_step(sent, e)]
        found = best_date(exprs, published)
        if found is not None and not _long_before(found, published):
            draft.expr, draft.date, draft.precision = found
            return


def _long_before(
    found: tuple[DateExpression, date, DatePrecision], published: date | None
) -> bool:
    """Whether a month or year borrowed from another sentence ends more than
    :data:`BACKGROUND_DAYS` before publication: such a sentence recalls an earlier incident
    ("This is the same area where two people were shot in January"); an undated lede is news,
    dated by publication. A named day is kept: "The shooting happened Sept. 5" dates a
    follow-up's incident."""
    if published is None or found[2] not in ("month", "year"):
        return False
    return (published - _date_range_end(found[1], found[2])).days > BACKGROUND_DAYS


def _narrow_date(
    draft: _Draft, drafts: list[_Draft], sentences: list[Sentence], published: date | None
) -> None:
    """A week or month ("last week", "earlier this month") narrowed to the day that the event's
    own sentences, or nearby ones outside other incidents, name within it ("on Tuesday")."""
    assert draft.date is not None and draft.precision is not None
    start, end = draft.date, _date_range_end(draft.date, draft.precision)
    window = (week_window(draft.expr, published)
              if draft.expr is not None and published is not None else None)
    if window is not None:
        start, end = window
    others = {i for d in drafts if d is not draft for i in d.sentences}
    first = draft.sentences[0]
    order = [j for k in range(1, NEIGHBOUR_DATE_SPAN + 1) for j in (first + k, first - k)
             if 0 <= j < len(sentences) and j not in others]
    within: list[tuple[bool, DateExpression, date]] = []
    for j in [*draft.sentences, *order]:
        sent = sentences[j]
        for e in incident_dates(sent):
            if e.rank > 3 or _after_any_step(sent, e):
                continue
            found = resolve_date(e, published)
            if found is not None and found[1] == "day" and start <= found[0] <= end:
                within.append((_anchored(sent, e), e, found[0]))
    if within:  # a day tied to the incident ("shot him on Aug. 7") before any other day
        _, expr, day = next((w for w in within if w[0]), within[0])
        draft.expr, draft.date, draft.precision = expr, day, "day"


def _after_any_step(sent: Sentence, expr: DateExpression) -> bool:
    """Whether a later-step word ("said", "arrested", "court") comes shortly before ``expr``,
    and no clock time or "Thursday evening homicide" ties it to the incident after all."""
    if _strongly_anchored(sent, expr):
        return False
    at = expr.start - sent.start
    lo = max(0, at - _lang().LATER_STEP_GAP)
    return any(m.end() <= at and _lang().HAPPENED.search(sent.text, m.end(), at) is None
               and _lang().INCIDENT_BEFORE_DATE.search(sent.text, m.end(), at) is None
               for m in _lang().LATER_STEP.finditer(sent.text, lo, at))


def _incident_dated(expr: DateExpression | None, text: str) -> bool:
    """Whether ``expr`` dates the incident itself: incident language shortly before it ("were
    shot early Sunday", "the shooting happened ... on Sunday") or "Sunday's shooting"."""
    if expr is None:
        return False
    before = text[max(0, expr.start - _lang().INCIDENT_DATE_GAP):expr.start]
    return (_lang().INCIDENT_BEFORE_DATE.search(before) is not None
            or _lang().INCIDENT_POSSESSIVE.match(text, expr.end) is not None)


def _lede_incident_date(
    main: _Draft, drafts: Sequence[_Draft], text: str, published: date | None
) -> None:
    """A lede that dates a later step ("was charged Monday", "mourned Saturday", an undated
    "police are searching for a gunman") takes the incident's day from the next paragraphs: a
    following draft at the same place, dated a few days earlier by a named day ("Sunday",
    "Dec. 24") or by an expression that dates the incident itself ("The shooting happened
    Sunday"); a relative "last night" or "two days ago" there is often a quote's own time."""
    lede = main.date if main.date is not None else published  # undated: dated by publication
    if lede is None or _incident_dated(main.expr, text):
        return
    at = drafts.index(main)
    for draft in drafts[at + 1:at + 1 + LEDE_FOLLOW_DRAFTS]:
        if draft.date is None or draft.precision != "day" or draft.expr is None or not (
                draft.expr.rank <= 1 or _incident_dated(draft.expr, text)):
            continue
        if not 1 <= (lede - draft.date).days <= LEDE_FOLLOW_DAYS:
            continue
        if (main.place is not None and draft.place is not None and distance_km(
                main.place.lat, main.place.lon, draft.place.lat, draft.place.lon) > SAME_PLACE_KM):
            continue
        main.date, main.precision, main.expr = draft.date, draft.precision, draft.expr
        return


def _follow_up_age_ok(expr: DateExpression | None, day: date, published: date) -> bool:
    """Whether a follow-up may report an incident of ``day``: at most
    :data:`FOLLOW_UP_MAX_DAYS` back, and a month and day without a year at most
    :data:`YEARLESS_MAX_DAYS` back (further, "an August 13th hearing" is more often to come)."""
    age = (published - day).days
    if expr is not None and expr.kind == "explicit" and find_year(expr.text) is None:
        return age <= YEARLESS_MAX_DAYS
    return age <= FOLLOW_UP_MAX_DAYS


def _follow_up_incident_day(
    main: _Draft, drafts: Sequence[_Draft], sentences: list[Sentence], text: str,
    published: date | None,
) -> None:
    """A follow-up (the lede reports an arrest, charges, court, a vigil) dated by that step or
    by publication takes the first day the article ties to the incident itself, before it
    ("Smith was charged Tuesday ... shot him at 9 a.m. Monday", "arrested in the March 4
    shooting death"); a day of another step or a quote's "yesterday" is no tie, nor a sentence
    of another incident, an accident ("killed in a car wreck March 4") or a bare "an incident
    that occurred March 20" (any incident) outside incident sentences."""
    if published is None or not main.sentences:
        return
    if _lang().FOLLOW_UP_LEDE.search(sentences[main.sentences[0]].text) is None:
        return
    expr = main.expr
    if expr is not None and (_lang().CASUALTY_WORDS.search(
            text, max(0, expr.start - CASUALTY_DATE_GAP), expr.start) is not None or any(
            s.start <= expr.start < s.end and _anchored(s, expr) for s in sentences)):
        return  # "arrested in Friday's shooting", "his death early Sunday": the incident's day
    bound = main.date if main.date is not None and main.precision == "day" else published
    others = {i for d in drafts if d is not main and (
        d.split in SPLIT_AS_ANOTHER_INCIDENT or (
            d.place is not None and main.place is not None and _apart(d.place, main.place)))
              for i in d.sentences}  # another place's incident, or the writer's "separately"
    for j, sent in enumerate(sentences):
        if j in others:
            continue
        told = (j in main.sentences or is_incident_sentence(sent.text)
                or _lang().REFERS_TO_INCIDENT.search(sent.text) is not None
                or (_lang().ACCIDENT.search(sent.text) is None and _lang().HAPPENED.search(sent.text) is None))
        for e in incident_dates(sent):
            if e.rank > 1 or not _anchored(sent, e) or not (told or _strongly_anchored(sent, e)):
                continue
            found = resolve_date(e, published)
            if (found is not None and found[1] == "day" and (bound - found[0]).days > 0
                    and _follow_up_age_ok(e, found[0], published)):
                main.expr, main.date, main.precision = e, found[0], "day"
                return


def _vague_to_named_day(
    main: _Draft, drafts: Sequence[_Draft], sentences: list[Sentence], published: date | None
) -> None:
    """"Overnight", "last night", "this morning" (relative to publication, and either side of
    midnight) narrowed to the named day the article ties to the incident within a day of it
    ("The incident happened around 11:30 p.m. Monday"): the report's own, more exact word."""
    if (main.expr is None or main.date is None or main.expr.kind not in ("overnight", "relday")
            or main.expr.text.lower() in ("yesterday", "tonight")):
        return  # "yesterday" and "tonight" name their day exactly
    others = {i for d in drafts if d is not main for i in d.sentences}
    for j, sent in enumerate(sentences):
        if j in others and j not in main.sentences:
            continue
        for e in incident_dates(sent):
            if e.rank > 1 or not _anchored(sent, e):
                continue
            found = resolve_date(e, published)
            if found is not None and found[1] == "day" and abs((main.date - found[0]).days) <= 1:
                main.expr, main.date, main.precision = e, found[0], "day"
                return


def _followed_incident(
    drafts: Sequence[_Draft], current: Sequence[_Draft], sentences: list[Sentence],
    text: str, published: date | None,
) -> _Draft | None:
    """The incident a follow-up reports: when no current draft tells of casualties (an arrest,
    a court date, charges) and the article's first draft that does is dated to a day within
    :data:`FOLLOW_UP_DAYS` before publication, that incident is the main event."""
    if published is None or not current:
        return None

    def hurt(d: _Draft) -> bool:
        return any(find_casualty_claims(sentences[i].text)
                   or _lang().CASUALTY_WORDS.search(sentences[i].text) for i in d.sentences)

    if any(hurt(d) for d in current) or _incident_dated(current[0].expr, text):
        return None  # current news of an incident ("the shooting early Sunday") is the news
    for d in drafts:
        if d in current or d.date is None or d.precision != "day" or not hurt(d):
            continue
        return d if (published - d.date).days <= FOLLOW_UP_DAYS else None
    return None


def _is_background(draft: _Draft, published: date | None) -> bool:
    if draft.date is None or draft.precision is None:
        return False
    if published is None:
        return draft.precision in ("month", "year")
    end = _date_range_end(draft.date, draft.precision)
    return (published - end).days > BACKGROUND_DAYS


def extract_events(
    article: Article, toponyms: Sequence[Toponym], locations: Sequence[Location]
) -> tuple[Event, ...]:
    """The incidents ``article`` reports, located, dated and counted (rules in the module doc).

    ``toponyms`` are the resolved mentions (``place`` may be None); ``locations`` the relative
    locations of the locate stage. Events are in article order; ids are
    ``<sanitised article id>-<n>``, n from 1. The words are those of the article's language
    (:func:`geomap.lang.article_language`; English by default).
    """
    with using(article_language(article)):
        return _extract_events(article, toponyms, locations)


def _extract_events(
    article: Article, toponyms: Sequence[Toponym], locations: Sequence[Location]
) -> tuple[Event, ...]:
    text = article.text
    # A line's first sentence may open with a dateline: the incident clause starts after it.
    full = split_sentences(text)
    sentences = [strip_dateline(s) if s.start == 0 or text[s.start - 1] == "\n" else s
                 for s in full]
    published = _as_date(article.published)
    relatives = [loc for loc in locations if loc.relative is not None]
    focus = focus_country(toponyms)
    drafts = _group(sentences, published, _places_of(sentences, toponyms, relatives, focus))
    if not drafts:
        return ()
    dated_refs: list[tuple[int, tuple]] | None = None
    for draft in drafts:
        if draft.date is None:
            if dated_refs is None:
                dated_refs = _dated_references(sentences, published)
            _date_from_reference(draft, dated_refs)
    for draft in drafts:
        if draft.date is None:
            _date_from_neighbours(draft, drafts, sentences, published)
        elif draft.precision in ("week", "month"):
            _narrow_date(draft, drafts, sentences, published)
    demonyms = {t.mention.text.lower(): t.place.country_code for t in toponyms
                if t.place is not None and t.place.country_code
                and (t.mention.kind == "demonym" or t.place.kind == "country")}

    # a follow-up's lede ("accused of gunning down a man last month will be tried") is the
    # news however old its incident: not background
    background = [_is_background(d, published) and not (
        k == 0 and published is not None and d.date is not None
        and _lang().FOLLOW_UP_LEDE.search(sentences[d.sentences[0]].text) is not None
        and _follow_up_age_ok(d.expr, d.date, published)) for k, d in enumerate(drafts)]
    current = [d for d, old in zip(drafts, background, strict=True) if not old]
    followed = _followed_incident(drafts, current, sentences, text, published)
    if followed is not None:
        main_draft = followed
    elif current:
        main_draft = current[0]  # news leads with its main incident (the inverted pyramid)
    else:
        main_draft = max(drafts, key=lambda d: (len(d.sentences), -d.sentences[0]))
    # a follow-up's incident may be older than BACKGROUND_DAYS: its place is still found as
    # the news's own (the article's town), so background is decided before re-dating
    lede_date = main_draft.date
    _lede_incident_date(main_draft, drafts, text, published)
    if main_draft.date == lede_date:  # not already dated from the next paragraphs
        _follow_up_incident_day(main_draft, drafts, sentences, text, published)
    _vague_to_named_day(main_draft, drafts, sentences, published)

    taken = {i for d in drafts for i in d.sentences}
    events: list[Event] = []
    safe = safe_id(article.id)  # the form ingest keeps unique within a run: unique event ids
    for draft, in_background in zip(drafts, background, strict=True):
        main = draft is main_draft
        sents = [sentences[i] for i in draft.sentences]
        spans = [(s.start, s.end) if s is full[i] or _dateline_elsewhere(full[i], s, toponyms, focus)
                 else (full[i].start, s.end) for i, s in zip(draft.sentences, sents, strict=True)]
        near = sorted({
            (sentences[j].start, sentences[j].end)
            for i in draft.sentences for j in (i - 1, i + 1)
            if 0 <= j < len(sentences) and j not in taken
        })  # a sentence of another incident lends this one no place
        body = " ".join(s.text for s in sents)
        title = _title_clause(article.title) if main else None
        with_title = title is not None
        described = f"{title}. {body}" if with_title else body
        notes: list[str] = []

        location = pick_event_location(spans, near, body, main, toponyms, relatives, focus,
                                  background=in_background, text=text)
        if location is None:
            continue
        if location.notes and location.method == "toponym":
            notes.append(f"location: {location.notes}")
        if location.method == "focus_country":
            notes.append("location: the article's main country (no place named for this event)")
        elif location.method == "article_place":
            notes.append("location: the article's own place (no place named for this event)")

        claims: list[CasualtyClaim] = []
        if with_title:
            claims.extend(find_casualty_claims(title or ""))
        for s in sents:
            claims.extend(find_casualty_claims(s.text, s.start))
        counts = combine_casualties(claims)
        if main and (counts["fatalities"] is None or counts["injured"] is None):
            counts = _counts_from_article(counts, claims, draft, drafts, sentences, published)

        event_date = draft.date
        precision: DatePrecision | None = draft.precision
        date_text = draft.expr.text if draft.expr is not None else None
        if event_date is None:
            event_date = published
            notes.append("date: publication date (no date expression)")
        if precision == "week":
            precision = "day"
            notes.append(f"date approximate ({date_text})")

        event_type, sub_event_type = classify(described)
        claim = _claim_sentence(draft, sentences, taken)
        actors = find_actors(f"{described} {claim.text}" if claim else described,
                             location.country_code or focus, demonyms)
        crowd = {"Riots": "Rioters", "Protests": "Protesters"}.get(event_type)
        if crowd and not any(a.startswith(crowd) for a in actors):
            facts = country_facts(location.country_code or focus)
            actors = (*actors, f"{crowd} ({facts.name})" if facts else crowd)
        time = next((t for t in (find_time(s.text) for s in sents) if t), None)
        sources = _field_sources(sents, location, draft, claims, spans, toponyms,
                                 title if with_title else None)
        if claim is not None:
            sources = (*sources, ("actors", claim.start, claim.end))
        key = sents[0]
        events.append(
            Event(
                event_id=f"{safe}-{len(events) + 1}",
                article_id=article.id,
                event_type=event_type,
                sub_event_type=sub_event_type,
                date=event_date,
                location=location,
                evidence=key.text,
                evidence_start=key.start,
                evidence_end=key.end,
                main=main,
                fatalities=counts["fatalities"],
                injured=counts["injured"],
                detained=counts["detained"],
                time=time,
                actors=actors,
                date_text=date_text,
                date_precision=precision,  # type: ignore[arg-type]  # "decade" never reaches here
                source_url=article.url,
                title=article.title,
                borders=event_borders(location, toponyms),
                notes="; ".join(notes) or None,
                sources=sources,
            )
        )
    if events and not any(e.main for e in events):
        events[0] = replace(events[0], main=True)  # the main draft had no location
    return with_confidence(events, toponyms)
