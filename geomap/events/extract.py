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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from geomap.countries import country_facts
from geomap.events.actors import find_actors
from geomap.events.classify import classify
from geomap.events.confidence import with_confidence
from geomap.events.dates import DatePrecision, best_date, find_time
from geomap.events.dating import (
    date_from_neighbours,
    date_from_reference,
    dated_references,
    follow_up_age_ok,
    follow_up_incident_day,
    lede_incident_date,
    narrow_date,
    vague_to_named_day,
)
from geomap.events.drafts import (  # noqa: F401  (MAX_INCIDENT_SENTENCES: read by geomap.pipeline)
    BACKGROUND_DAYS,
    MAX_INCIDENT_SENTENCES,
    Draft,
    compatible,
    date_range_end,
    group_incidents,
    places_of,
    same_incident,
)
from geomap.events.incidents import (  # noqa: F401  (is_incident_sentence: read by geomap.pipeline)
    incident_dated,
    incident_dates,
    is_incident_sentence,
)
from geomap.events.numbers import CasualtyClaim, combine_casualties, find_casualty_claims
from geomap.events.sentences import Sentence, split_sentences, strip_dateline
from geomap.events.types import CROWD_ACTORS
from geomap.ingest import safe_id
from geomap.lang import article_language, is_english, using
from geomap.lang import current as _lang
from geomap.locate.event_place import (  # noqa: F401  (re-exported for callers and tests)
    WATER_KM,
    event_borders,
    focus_country,
    is_border,
    pick_event_location,
)
from geomap.types import Article, Event, Location, Toponym

FOLLOW_UP_DAYS = 45
"""A follow-up (arrest, charges, court, funeral) reports an incident at most about this many
days old (GVA follow-ups: mostly within a month); an older day-dated incident is history."""


def _as_date(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


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


def _claim_sentence(draft: Draft, sentences: list[Sentence], taken: set[int]) -> Sentence | None:
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
    sents: Sequence[Sentence], location: Location, draft: Draft,
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
    counts: dict[str, int | None], claims: list[CasualtyClaim], draft: Draft,
    drafts: list[Draft], sentences: list[Sentence], published: date | None,
) -> dict[str, int | None]:
    """The main event's missing killed / injured figures from the rest of the article: news
    tells one incident's toll across sentences that name no incident ("He later died at the
    hospital", "Two others were wounded"). Sentences of other incidents (another date, "In a
    separate incident") and dated history are left out; figures the event has are kept."""
    others = {i for d in drafts if d is not draft and not same_incident(d, draft)
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
            compatible(draft.date, draft.precision, dated[1], dated[2], vague=True)
        ):
            continue  # another day's incident, or history
        extra.extend(claims_here)
    if not extra:
        return counts
    wider = combine_casualties([*claims, *extra])
    return {k: (v if v is not None else wider[k]) if k != "detained" else v
            for k, v in counts.items()}


def _followed_incident(
    drafts: Sequence[Draft], current: Sequence[Draft], sentences: list[Sentence],
    text: str, published: date | None,
) -> Draft | None:
    """The incident a follow-up reports: when no current draft tells of casualties (an arrest,
    a court date, charges) and the article's first draft that does is dated to a day within
    :data:`FOLLOW_UP_DAYS` before publication, that incident is the main event."""
    if published is None or not current:
        return None

    def hurt(d: Draft) -> bool:
        return any(find_casualty_claims(sentences[i].text)
                   or _lang().CASUALTY_WORDS.search(sentences[i].text) for i in d.sentences)

    if any(hurt(d) for d in current) or incident_dated(current[0].expr, text):
        return None  # current news of an incident ("the shooting early Sunday") is the news
    for d in drafts:
        if d in current or d.date is None or d.precision != "day" or not hurt(d):
            continue
        return d if (published - d.date).days <= FOLLOW_UP_DAYS else None
    return None


def _is_background(draft: Draft, published: date | None) -> bool:
    if draft.date is None or draft.precision is None:
        return False
    if published is None:
        return draft.precision in ("month", "year")
    end = date_range_end(draft.date, draft.precision)
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
    drafts = group_incidents(sentences, published,
                             places_of(sentences, toponyms, relatives, focus))
    if not drafts:
        return ()
    _date_drafts(drafts, sentences, published)
    background = _background(drafts, sentences, published)
    main_draft = _main_draft(drafts, background, sentences, text, published)
    _date_main_incident(main_draft, drafts, sentences, text, published)
    article_view = _ArticleView(
        article=article, text=text, full=full, sentences=sentences, published=published,
        toponyms=toponyms, relatives=relatives, focus=focus, drafts=drafts,
        taken={i for d in drafts for i in d.sentences},
        demonyms={t.mention.text.lower(): t.place.country_code for t in toponyms
                  if t.place is not None and t.place.country_code
                  and (t.mention.kind == "demonym" or t.place.kind == "country")},
    )
    events: list[Event] = []
    safe = safe_id(article.id)  # the form ingest keeps unique within a run: unique event ids
    for draft, in_background in zip(drafts, background, strict=True):
        event = _event(article_view, draft, draft is main_draft, in_background,
                       f"{safe}-{len(events) + 1}")
        if event is not None:
            events.append(event)
    if events and not any(e.main for e in events):
        events[0] = replace(events[0], main=True)  # the main draft had no location
    return with_confidence(events, toponyms)


def _date_drafts(drafts: list[Draft], sentences: list[Sentence], published: date | None) -> None:
    """Rule 3: an undated draft takes the date of a sentence referring to its incident, else of
    its neighbours; a week or month is narrowed to a named day."""
    dated_refs: list[tuple[int, tuple]] | None = None
    for draft in drafts:
        if draft.date is None:
            if dated_refs is None:
                dated_refs = dated_references(sentences, published)
            date_from_reference(draft, dated_refs)
    for draft in drafts:
        if draft.date is None:
            date_from_neighbours(draft, drafts, sentences, published)
        elif draft.precision in ("week", "month"):
            narrow_date(draft, drafts, sentences, published)


def _background(drafts: list[Draft], sentences: list[Sentence], published: date | None
                ) -> list[bool]:
    """Whether each draft is background (rule 4). A follow-up's lede ("accused of gunning down
    a man last month will be tried") is the news however old its incident: not background."""
    return [_is_background(d, published) and not (
        k == 0 and published is not None and d.date is not None
        and _lang().FOLLOW_UP_LEDE.search(sentences[d.sentences[0]].text) is not None
        and follow_up_age_ok(d.expr, d.date, published)) for k, d in enumerate(drafts)]


def _main_draft(
    drafts: list[Draft], background: list[bool], sentences: list[Sentence], text: str,
    published: date | None,
) -> Draft:
    """The main event's draft (rule 4): the incident a follow-up reports, else the first
    current one (news leads with its main incident: the inverted pyramid), else the most
    covered."""
    current = [d for d, old in zip(drafts, background, strict=True) if not old]
    followed = _followed_incident(drafts, current, sentences, text, published)
    if followed is not None:
        return followed
    if current:
        return current[0]
    return max(drafts, key=lambda d: (len(d.sentences), -d.sentences[0]))


def _date_main_incident(
    main_draft: Draft, drafts: list[Draft], sentences: list[Sentence], text: str,
    published: date | None,
) -> None:
    """The main event re-dated to its incident's own day when its lede dates a later step. A
    follow-up's incident may be older than BACKGROUND_DAYS: its place is still found as the
    news's own (the article's town), so background is decided before re-dating."""
    lede_date = main_draft.date
    lede_incident_date(main_draft, drafts, text, published)
    if main_draft.date == lede_date:  # not already dated from the next paragraphs
        follow_up_incident_day(main_draft, drafts, sentences, text, published)
    vague_to_named_day(main_draft, drafts, sentences, published)


@dataclass(frozen=True)
class _ArticleView:
    """What every event of one article is built from (read-only)."""

    article: Article
    text: str
    full: list[Sentence]
    sentences: list[Sentence]
    published: date | None
    toponyms: Sequence[Toponym]
    relatives: list[Location]
    focus: str | None
    drafts: list[Draft]
    taken: set[int]
    demonyms: dict[str, str | None]


def _event_spans(view: _ArticleView, draft: Draft, sents: list[Sentence]
                 ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The event's own spans (with the dateline unless it names another place) and the spans
    of neighbouring sentences of no other incident (a sentence of another incident lends this
    one no place)."""
    full, sentences = view.full, view.sentences
    spans = [(s.start, s.end)
             if s is full[i] or _dateline_elsewhere(full[i], s, view.toponyms, view.focus)
             else (full[i].start, s.end) for i, s in zip(draft.sentences, sents, strict=True)]
    near = sorted({
        (sentences[j].start, sentences[j].end)
        for i in draft.sentences for j in (i - 1, i + 1)
        if 0 <= j < len(sentences) and j not in view.taken
    })
    return spans, near


def _location_notes(location: Location) -> list[str]:
    """Notes on how the event's location was found."""
    notes: list[str] = []
    if location.notes and location.method == "toponym":
        notes.append(f"location: {location.notes}")
    if location.method == "focus_country":
        notes.append("location: the article's main country (no place named for this event)")
    elif location.method == "article_place":
        notes.append("location: the article's own place (no place named for this event)")
    return notes


def _event_counts(
    view: _ArticleView, draft: Draft, sents: list[Sentence], title: str | None, main: bool
) -> tuple[dict[str, int | None], list[CasualtyClaim]]:
    """Rule 6: the event's casualty figures and the claims they come from (the headline's
    first); the main event's missing figures from the rest of the article."""
    claims: list[CasualtyClaim] = []
    if title is not None:
        claims.extend(find_casualty_claims(title or ""))
    for s in sents:
        claims.extend(find_casualty_claims(s.text, s.start))
    counts = combine_casualties(claims)
    if main and (counts["fatalities"] is None or counts["injured"] is None):
        counts = _counts_from_article(counts, claims, draft, view.drafts, view.sentences,
                                      view.published)
    return counts, claims


def _event_date(draft: Draft, published: date | None, notes: list[str]
                ) -> tuple[date | None, DatePrecision | None, str | None]:
    """Rule 3's last step: (date, precision, date text); publication date when undated, a week
    as an approximate day (noted in ``notes``)."""
    event_date = draft.date
    precision: DatePrecision | None = draft.precision
    date_text = draft.expr.text if draft.expr is not None else None
    if event_date is None:
        event_date = published
        notes.append("date: publication date (no date expression)")
    if precision == "week":
        precision = "day"
        notes.append(f"date approximate ({date_text})")
    return event_date, precision, date_text


def _event_actors(view: _ArticleView, draft: Draft, described: str, location: Location,
                  event_type: str) -> tuple[tuple[str, ...], Sentence | None]:
    """The event's actors (with the claim sentence that named one, if any); a riot or protest
    always has its crowd."""
    claim = _claim_sentence(draft, view.sentences, view.taken)
    actors = find_actors(f"{described} {claim.text}" if claim else described,
                         location.country_code or view.focus, view.demonyms)
    crowd = CROWD_ACTORS.get(event_type)
    if crowd and not any(a.startswith(crowd) for a in actors):
        facts = country_facts(location.country_code or view.focus)
        actors = (*actors, f"{crowd} ({facts.name})" if facts else crowd)
    return actors, claim


def _event(view: _ArticleView, draft: Draft, main: bool, in_background: bool, event_id: str
           ) -> Event | None:
    """One draft as an :class:`Event` (rules 5-7), None when it has no location."""
    article = view.article
    sents = [view.sentences[i] for i in draft.sentences]
    spans, near = _event_spans(view, draft, sents)
    body = " ".join(s.text for s in sents)
    title = _title_clause(article.title) if main else None
    described = f"{title}. {body}" if title is not None else body

    location = pick_event_location(spans, near, body, main, view.toponyms, view.relatives,
                                   view.focus, background=in_background, text=view.text)
    if location is None:
        return None
    notes = _location_notes(location)
    counts, claims = _event_counts(view, draft, sents, title, main)
    event_date, precision, date_text = _event_date(draft, view.published, notes)
    event_type, sub_event_type = classify(described)
    actors, claim = _event_actors(view, draft, described, location, event_type)
    time = next((t for t in (find_time(s.text) for s in sents) if t), None)
    sources = _field_sources(sents, location, draft, claims, spans, view.toponyms, title)
    if claim is not None:
        sources = (*sources, ("actors", claim.start, claim.end))
    key = sents[0]
    return Event(
        event_id=event_id,
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
        borders=event_borders(location, view.toponyms),
        notes="; ".join(notes) or None,
        sources=sources,
    )
