"""An event's day when its own sentences do not give it (rule 3 of
:mod:`geomap.events.extract`): from a sentence that refers to the incident, from nearby
sentences, a week or month narrowed to a named day, and a follow-up's lede (an arrest, a
court date, a vigil) dated back to the incident it reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from geomap.events.dates import DateExpression, best_date, find_year, resolve_date, week_window
from geomap.events.drafts import (
    SAME_PLACE_KM,
    SPLIT_AS_ANOTHER_INCIDENT,
    Draft,
    apart,
    date_range_end,
    long_before,
)
from geomap.events.incidents import (
    after_any_step,
    anchored,
    incident_dated,
    incident_dates,
    is_incident_sentence,
    strongly_anchored,
)
from geomap.events.sentences import Sentence
from geomap.geo import distance_km
from geomap.lang import current as _lang

NEIGHBOUR_DATE_SPAN = 8
"""Sentences either side of an undated event searched for its day (a lede's date usually comes
within the next few lines; further on, a report tells of later steps)."""

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


def dated_references(sentences: list[Sentence], published: date | None
                      ) -> list[tuple[int, tuple]]:
    """(index, date) of each sentence that refers to an incident and dates it (not a decade,
    not long before publication)."""
    out = []
    for j, sent in enumerate(sentences):
        if _lang().REFERS_TO_INCIDENT.search(sent.text) is None:
            continue
        found = best_date(incident_dates(sent), published)
        if found is not None and found[2] != "decade" and not long_before(found, published):
            out.append((j, found))
    return out


def date_from_reference(draft: Draft, dated_refs: list[tuple[int, tuple]]) -> None:
    """An undated event takes the date of a sentence that refers to its incident ("The shooting
    happened about 10:30 p.m. Monday"), the nearest such sentence first. ``dated_refs``: the
    article's sentences that refer to an incident and give a usable date, with that date (see
    :func:`dated_references`, found once per article)."""
    if not dated_refs:
        return
    first = draft.sentences[0]
    _, found = min(dated_refs, key=lambda pair: (abs(pair[0] - first), pair[0]))
    draft.expr, draft.date, draft.precision = found


def date_from_neighbours(
    draft: Draft, drafts: list[Draft], sentences: list[Sentence], published: date | None
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
                 if e.rank <= 3 and not after_any_step(sent, e)]
        found = best_date(exprs, published)
        if found is not None and not long_before(found, published):
            draft.expr, draft.date, draft.precision = found
            return


def narrow_date(
    draft: Draft, drafts: list[Draft], sentences: list[Sentence], published: date | None
) -> None:
    """A week or month ("last week", "earlier this month") narrowed to the day that the event's
    own sentences, or nearby ones outside other incidents, name within it ("on Tuesday")."""
    assert draft.date is not None and draft.precision is not None
    start, end = draft.date, date_range_end(draft.date, draft.precision)
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
            if e.rank > 3 or after_any_step(sent, e):
                continue
            found = resolve_date(e, published)
            if found is not None and found[1] == "day" and start <= found[0] <= end:
                within.append((anchored(sent, e), e, found[0]))
    if within:  # a day tied to the incident ("shot him on Aug. 7") before any other day
        _, expr, day = next((w for w in within if w[0]), within[0])
        draft.expr, draft.date, draft.precision = expr, day, "day"


def lede_incident_date(
    main: Draft, drafts: Sequence[Draft], text: str, published: date | None
) -> None:
    """A lede that dates a later step ("was charged Monday", "mourned Saturday", an undated
    "police are searching for a gunman") takes the incident's day from the next paragraphs: a
    following draft at the same place, dated a few days earlier by a named day ("Sunday",
    "Dec. 24") or by an expression that dates the incident itself ("The shooting happened
    Sunday"); a relative "last night" or "two days ago" there is often a quote's own time."""
    lede = main.date if main.date is not None else published  # undated: dated by publication
    if lede is None or incident_dated(main.expr, text):
        return
    at = drafts.index(main)
    for draft in drafts[at + 1:at + 1 + LEDE_FOLLOW_DRAFTS]:
        if draft.date is None or draft.precision != "day" or draft.expr is None or not (
                draft.expr.rank <= 1 or incident_dated(draft.expr, text)):
            continue
        if not 1 <= (lede - draft.date).days <= LEDE_FOLLOW_DAYS:
            continue
        if (main.place is not None and draft.place is not None and distance_km(
                main.place.lat, main.place.lon, draft.place.lat, draft.place.lon) > SAME_PLACE_KM):
            continue
        main.date, main.precision, main.expr = draft.date, draft.precision, draft.expr
        return


def follow_up_age_ok(expr: DateExpression | None, day: date, published: date) -> bool:
    """Whether a follow-up may report an incident of ``day``: at most
    :data:`FOLLOW_UP_MAX_DAYS` back, and a month and day without a year at most
    :data:`YEARLESS_MAX_DAYS` back (further, "an August 13th hearing" is more often to come)."""
    age = (published - day).days
    if expr is not None and expr.kind == "explicit" and find_year(expr.text) is None:
        return age <= YEARLESS_MAX_DAYS
    return age <= FOLLOW_UP_MAX_DAYS


def follow_up_incident_day(
    main: Draft, drafts: Sequence[Draft], sentences: list[Sentence], text: str,
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
            s.start <= expr.start < s.end and anchored(s, expr) for s in sentences)):
        return  # "arrested in Friday's shooting", "his death early Sunday": the incident's day
    bound = main.date if main.date is not None and main.precision == "day" else published
    others = {i for d in drafts if d is not main and (
        d.split in SPLIT_AS_ANOTHER_INCIDENT or (
            d.place is not None and main.place is not None and apart(d.place, main.place)))
              for i in d.sentences}  # another place's incident, or the writer's "separately"
    for j, sent in enumerate(sentences):
        if j in others:
            continue
        told = (j in main.sentences or is_incident_sentence(sent.text)
                or _lang().REFERS_TO_INCIDENT.search(sent.text) is not None
                or (_lang().ACCIDENT.search(sent.text) is None and _lang().HAPPENED.search(sent.text) is None))
        for e in incident_dates(sent):
            if e.rank > 1 or not anchored(sent, e) or not (told or strongly_anchored(sent, e)):
                continue
            found = resolve_date(e, published)
            if (found is not None and found[1] == "day" and (bound - found[0]).days > 0
                    and follow_up_age_ok(e, found[0], published)):
                main.expr, main.date, main.precision = e, found[0], "day"
                return


def vague_to_named_day(
    main: Draft, drafts: Sequence[Draft], sentences: list[Sentence], published: date | None
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
            if e.rank > 1 or not anchored(sent, e):
                continue
            found = resolve_date(e, published)
            if found is not None and found[1] == "day" and abs((main.date - found[0]).days) <= 1:
                main.expr, main.date, main.precision = e, found[0], "day"
                return
