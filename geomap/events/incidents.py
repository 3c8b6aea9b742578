"""Which sentences report an incident, and which of their dates are the incident's own day.

Rule 1 of :mod:`geomap.events.extract` (incident sentences) and the date ties the other rules
share: a date is the incident's when incident language or a clock time stands next to it
("were shot early Sunday", "at 2:15 p.m. Wednesday", "Friday's shooting"), not when it dates a
later step ("was arrested Thursday", "police said Monday") or page furniture ("Updated: Jan 6").
The words are those of the current language (:func:`geomap.lang.current`).
"""

from __future__ import annotations

import re

from geomap.events.dates import DateExpression, find_date_expressions
from geomap.events.sentences import Sentence
from geomap.lang import current as _lang


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


def is_vague(expr: DateExpression) -> bool:
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
        if strongly_anchored(sent, e):  # "says around 2 p.m. on Sunday, deputies were ..."
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


def anchored(sent: Sentence, expr: DateExpression) -> bool:
    """Whether the sentence ties ``expr`` to the incident itself: incident language shortly
    before it with no later-step word in between ("victims who were shot and killed Friday"),
    a clock time next to it ("at 2:15 p.m. Wednesday") or "Friday's shooting"."""
    text, at = sent.text, expr.start - sent.start
    if strongly_anchored(sent, expr):
        return True
    lo = max(0, at - _lang().INCIDENT_DATE_GAP)
    last = None
    for m in _lang().INCIDENT_BEFORE_DATE.finditer(text, lo, at):
        last = m
    return last is not None and _lang().LATER_STEP.search(text, last.end(), at) is None


def strongly_anchored(sent: Sentence, expr: DateExpression) -> bool:
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


def incident_day_first(sent: Sentence, exprs: list[DateExpression]) -> list[DateExpression]:
    """Of a sentence's candidate dates, those tied to the incident (:func:`anchored`) when
    it has both kinds: "Neighbors held a vigil Saturday for three victims who were shot
    Friday" dates the shooting Friday, whichever comes first or is more specific."""
    if len(exprs) < 2:
        return exprs
    own = {e.start for e in exprs if anchored(sent, e)}
    # "on Saturday, May 17": one date, tied as a whole
    for a, b in zip(exprs, exprs[1:], strict=False):
        if (a.start in own) != (b.start in own) and _lang().PAGE_DATE_CHAIN.fullmatch(
                sent.text, a.end - sent.start, b.start - sent.start):
            own |= {a.start, b.start}
    return [e for e in exprs if e.start in own] or exprs


def after_any_step(sent: Sentence, expr: DateExpression) -> bool:
    """Whether a later-step word ("said", "arrested", "court") comes shortly before ``expr``,
    and no clock time or "Thursday evening homicide" ties it to the incident after all."""
    if strongly_anchored(sent, expr):
        return False
    at = expr.start - sent.start
    lo = max(0, at - _lang().LATER_STEP_GAP)
    return any(m.end() <= at and _lang().HAPPENED.search(sent.text, m.end(), at) is None
               and _lang().INCIDENT_BEFORE_DATE.search(sent.text, m.end(), at) is None
               for m in _lang().LATER_STEP.finditer(sent.text, lo, at))


def incident_dated(expr: DateExpression | None, text: str) -> bool:
    """Whether ``expr`` dates the incident itself: incident language shortly before it ("were
    shot early Sunday", "the shooting happened ... on Sunday") or "Sunday's shooting"."""
    if expr is None:
        return False
    before = text[max(0, expr.start - _lang().INCIDENT_DATE_GAP):expr.start]
    return (_lang().INCIDENT_BEFORE_DATE.search(before) is not None
            or _lang().INCIDENT_POSSESSIVE.match(text, expr.end) is not None)
