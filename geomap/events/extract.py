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
   A sentence with no date joins the current event.
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

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from geomap.events._countries import country_facts
from geomap.events.actors import find_actors
from geomap.events.classify import classify
from geomap.events.dates import (
    DateExpression,
    DatePrecision,
    best_date,
    find_date_expressions,
    find_time,
)
from geomap.events.numbers import CasualtyClaim, combine_casualties, find_casualty_claims
from geomap.events.sentences import Sentence, split_sentences
from geomap.ingest import safe_id
from geomap.lang.en import (  # noqa: F401  (re-exported: the trigger words live in geomap.lang.en)
    ACCIDENT,
    CONTEXT,
    GENERIC,
    HYPOTHETICAL,
    INCIDENT_NOUN,
    LATER_STEP,
    LATER_STEP_GAP,
    PAGE_DATE_CHAIN,
    PAGE_FURNITURE,
    PAGE_FURNITURE_SPAN,
    REFERS_TO_INCIDENT,
    SEPARATE_INCIDENT,
    SPORT,
    STATUS_WORDS,
    STRONG_TRIGGER,
    VIOLENT,
    VIOLENT_CORE,
    WEAK_TRIGGER,
)
from geomap.locate.event_place import (  # noqa: F401  (re-exported for callers and tests)
    WATER_KM,
    event_borders,
    focus_country,
    pick_event_location,
)
from geomap.types import Article, Event, Location, Toponym

MAX_GAP = 3
MAX_INCIDENT_SENTENCES = 1_000
"""Incident sentences read per article: a news report has tens; each costs date and casualty
parsing, so past this a text repeating "... killed ..." stops costing (later ones are ignored)."""
"""An undated incident sentence more than this many sentences after the current event's last
sentence starts a new event."""

BACKGROUND_DAYS = 14
"""Events whose date range ends more than this many days before publication are background."""

@dataclass
class _Draft:
    """An event being built: its sentences and its resolved date."""

    sentences: list[int] = field(default_factory=list)
    date: date | None = None
    precision: DatePrecision | None = None
    expr: DateExpression | None = None


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
    if STRONG_TRIGGER.search(text) is None and (
        WEAK_TRIGGER.search(text) is None or CONTEXT.search(text) is None
    ):
        return False
    if GENERIC.search(text) is not None or HYPOTHETICAL.search(text) is not None:
        return False
    core = VIOLENT_CORE.search(text) is not None
    if SPORT.search(text) is not None and not core:
        return False
    return ACCIDENT.search(text) is None or core or VIOLENT.search(text) is not None


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
    for m in PAGE_FURNITURE.finditer(text):
        # the first date after the furniture word, and any date chained to it by nothing but
        # numbers, times and punctuation ("Posted: Tuesday, January 20, 2015 10:49 AM EST")
        end = None
        for e in exprs:
            at = e.start - sent.start
            if end is None:
                if 0 <= at - m.start() <= PAGE_FURNITURE_SPAN:
                    page_dates.add(e.start)
                    end = e.end - sent.start
            elif at >= end and PAGE_DATE_CHAIN.fullmatch(text, end, at):
                page_dates.add(e.start)
                end = e.end - sent.start
            elif at >= end:
                break
    steps = [m for m in LATER_STEP.finditer(text)
             if m.group(0).lower() in STATUS_WORDS or INCIDENT_NOUN.search(text)]
    kept: list[DateExpression] = []
    for e in exprs:
        at = e.start - sent.start
        if e.start in page_dates:
            continue
        if any(0 <= at - m.end() <= LATER_STEP_GAP
               and INCIDENT_NOUN.search(text, m.end(), at) is None for m in steps):
            continue
        kept.append(e)
    return kept


def _group(sentences: list[Sentence], published: date | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    incidents = 0
    for i, sent in enumerate(sentences):
        if not is_incident_sentence(sent.text):
            continue
        incidents += 1
        if incidents > MAX_INCIDENT_SENTENCES:
            break
        found = best_date(incident_dates(sent), published)
        if found is not None and found[2] == "decade":
            continue  # history ("in the 1990s"), not an incident
        new = current is None or SEPARATE_INCIDENT.search(sent.text) is not None
        if not new and current is not None:
            if found is not None and current.date is not None and current.precision is not None:
                vague = _is_vague(found[0]) or (
                    current.expr is not None and _is_vague(current.expr)
                )
                new = not _compatible(
                    current.date, current.precision, found[1], found[2], vague
                )
            elif found is None:
                new = i - current.sentences[-1] > MAX_GAP
        if new:
            current = _Draft()
            drafts.append(current)
        assert current is not None
        current.sentences.append(i)
        if found is not None and current.date is None:
            current.expr, current.date, current.precision = found
    return drafts


def _date_from_reference(draft: _Draft, sentences: list[Sentence], published: date | None) -> None:
    """An undated event takes the date of a sentence that refers to its incident ("The shooting
    happened about 10:30 p.m. Monday"), the nearest such sentence first."""
    first = draft.sentences[0]
    order = sorted(range(len(sentences)), key=lambda j: (abs(j - first), j))
    for j in order:
        sent = sentences[j]
        if REFERS_TO_INCIDENT.search(sent.text) is None:
            continue
        found = best_date(incident_dates(sent), published)
        if found is not None and found[2] != "decade":
            draft.expr, draft.date, draft.precision = found
            return


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
    ``<sanitised article id>-<n>``, n from 1.
    """
    text = article.text
    sentences = split_sentences(text)
    published = _as_date(article.published)
    drafts = _group(sentences, published)
    if not drafts:
        return ()
    for draft in drafts:
        if draft.date is None:
            _date_from_reference(draft, sentences, published)
    relatives = [loc for loc in locations if loc.relative is not None]
    focus = focus_country(toponyms)
    demonyms = {t.mention.text.lower(): t.place.country_code for t in toponyms
                if t.place is not None and t.place.country_code
                and (t.mention.kind == "demonym" or t.place.kind == "country")}

    current = [d for d in drafts if not _is_background(d, published)]
    if current:
        main_draft = current[0]  # news leads with its main incident (the inverted pyramid)
    else:
        main_draft = max(drafts, key=lambda d: (len(d.sentences), -d.sentences[0]))

    events: list[Event] = []
    safe = safe_id(article.id)  # the form ingest keeps unique within a run: unique event ids
    for draft in drafts:
        main = draft is main_draft
        sents = [sentences[i] for i in draft.sentences]
        spans = [(s.start, s.end) for s in sents]
        members = set(draft.sentences)
        near = sorted({
            (sentences[j].start, sentences[j].end)
            for i in draft.sentences for j in (i - 1, i + 1)
            if 0 <= j < len(sentences) and j not in members
        })
        body = " ".join(s.text for s in sents)
        with_title = main and article.title and is_incident_sentence(article.title)
        described = f"{article.title}. {body}" if with_title else body
        notes: list[str] = []

        location = pick_event_location(spans, near, body, main, toponyms, relatives, focus,
                                  background=_is_background(draft, published), text=text)
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
            claims.extend(find_casualty_claims(article.title or ""))
        for s in sents:
            claims.extend(find_casualty_claims(s.text, s.start))
        counts = combine_casualties(claims)

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
        actors = find_actors(described, location.country_code or focus, demonyms)
        crowd = {"Riots": "Rioters", "Protests": "Protesters"}.get(event_type)
        if crowd and not any(a.startswith(crowd) for a in actors):
            facts = country_facts(location.country_code or focus)
            actors = (*actors, f"{crowd} ({facts.name})" if facts else crowd)
        time = next((t for t in (find_time(s.text) for s in sents) if t), None)
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
            )
        )
    if events and not any(e.main for e in events):
        events[0] = replace(events[0], main=True)  # the main draft had no location
    return tuple(events)
