"""Core data types that flow through the pipeline.

All are small frozen dataclasses. Coordinates are always named ``lat``/``lon`` (WGS 84 degrees);
the flip to (lon, lat) happens only in :mod:`geomap.geo` for GeoJSON and shapely. Distances carry
their unit in the name (``distance_km``, ``uncertainty_km``, ``bearing_deg``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

PlaceKind = Literal[
    "continent", "region", "country", "admin1", "admin2", "city", "feature", "user"
]
"""Gazetteer kinds. ``region`` is a multi-country region (Central Asia, Middle East)."""


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``text`` is the body; all mention offsets index into it."""

    id: str
    text: str
    title: str | None = None
    published: datetime | None = None
    url: str | None = None
    author: str | None = None
    source_path: str | None = None
    gold_spans: tuple[tuple[int, int], ...] | None = None
    language: str | None = None
    """ISO 639-1 code of the text's language: set by the pipeline from
    :func:`geomap.lang.identify.identify` unless given; the stages read it
    (:func:`geomap.lang.article_language`)."""


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. ``id`` is stable: ``gn:<geonameid>``, ``user:<name>`` or ``geomap:<slug>``."""

    id: str
    name: str
    lat: float
    lon: float
    kind: PlaceKind
    geonameid: int | None = None
    ascii_name: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    country_code: str | None = None
    admin1_code: str | None = None
    admin2_code: str | None = None
    admin1_name: str | None = None
    admin2_name: str | None = None
    population: int = 0
    source: str = "geonames"
    members: tuple[str, ...] = ()
    """For multi-country regions: the ISO codes of the member countries."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place offered for a name, with how the name matched."""

    place: Place
    matched_name: str
    name_type: Literal["name", "ascii", "alternate", "demonym", "abbreviation", "code"] = "name"


MentionKind = Literal["name", "demonym", "abbreviation", "feature_phrase", "border"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the article text that names (or points at) a place.

    ``name`` is the place name to look up (``"Afghanistan"`` for ``"the Afghan border"`` has
    name ``"Afghan"``); ``feature`` records a feature word around it (``border``, ``province``,
    ``border post``) so later stages know what kind of thing was named.
    """

    start: int
    end: int
    text: str
    name: str
    kind: MentionKind = "name"
    feature: str | None = None
    recognizer: str = "gazetteer"
    score: float = 1.0
    omitted: int = 0
    """Later mentions of the same name (or resolved place) in this article that were counted
    but not kept: a text repeating one place thousands of times costs what is kept, not every
    repeat (see ``MAX_MENTIONS_PER_NAME`` in :mod:`geomap.recognize.gazetteer`)."""


@dataclass(frozen=True, slots=True)
class Toponym:
    """A mention and the place chosen for it (``place`` is None when unresolved).

    ``confidence`` is the resolver's estimate, in [0, 1], that ``place`` is within 161 km of the
    true location of what the text names (see README, "Confidence").
    """

    mention: Mention
    place: Place | None
    confidence: float
    reason: str
    alternatives: tuple[Place, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.place is not None


@dataclass(frozen=True, slots=True)
class RelativeExpression:
    """A parsed relative location such as "some 50 kilometres (30 miles) west of Dushanbe"."""

    start: int
    end: int
    text: str
    relation: Literal["offset", "near", "outskirts", "outside", "on_border", "from_border"]
    anchor_text: str
    anchor_start: int
    anchor_end: int
    distance: float | None = None
    unit: str | None = None
    distance_km: float | None = None
    bearing_deg: float | None = None
    bearing_text: str | None = None
    hedge: str | None = None


@dataclass(frozen=True, slots=True)
class Anchor:
    """The known place a relative location is measured from."""

    name: str
    lat: float
    lon: float
    distance_km: float | None
    bearing_deg: float | None
    place_id: str | None = None


@dataclass(frozen=True, slots=True)
class BorderDistance:
    """Distance from a point to the international border between ``country_code`` and the
    country the point lies in (or, for a named border, between the two named countries)."""

    country_code: str
    name: str
    distance_km: float
    nearest_lat: float
    nearest_lon: float
    other_country_code: str | None = None
    named_in_text: bool = False


Precision = Literal[1, 2, 3, 4]
"""1 exact town, 2 near a town / estimated from a relative expression, 3 region or border
area, 4 country only."""


@dataclass(frozen=True, slots=True)
class Location:
    """Where something happened, with an honest precision and uncertainty."""

    name: str
    lat: float
    lon: float
    precision: Precision
    uncertainty_km: float
    country_code: str | None = None
    method: str = "gazetteer"
    place_id: str | None = None
    anchor: Anchor | None = None
    relative: RelativeExpression | None = None
    notes: str | None = None
    """How the location was derived when that is not obvious (e.g. a place the gazetteer lacks,
    located from a relative expression in the text)."""
    admin1: str | None = None
    """First-level administrative area (province, state), from the gazetteer's admin codes."""
    admin2: str | None = None
    """Second-level administrative area (district), from the gazetteer's admin codes."""


@dataclass(frozen=True, slots=True)
class Event:
    """An incident an article reports, located, dated and counted."""

    event_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    date: date | None
    location: Location
    evidence: str
    evidence_start: int
    evidence_end: int
    main: bool
    fatalities: int | None = None
    injured: int | None = None
    detained: int | None = None
    time: str | None = None
    actors: tuple[str, ...] = ()
    date_text: str | None = None
    date_precision: Literal["day", "week", "month", "year"] | None = None
    source_url: str | None = None
    title: str | None = None
    borders: tuple[BorderDistance, ...] = ()
    notes: str | None = None
    confidence: float | None = None
    """Estimated probability, in [0, 1], that the event is within 25 km of where the incident
    happened and of the type a coder would give (see :mod:`geomap.events.confidence`)."""
    published: datetime | None = None
    """When the article reporting the event was published (ACLED's ``timestamp`` column)."""
    sources: tuple[tuple[str, int, int], ...] = ()
    """Which text each field came from: (field, start, end) character spans into the article
    text; field "incident" for each clause grouped into the event, "location", "date",
    "fatalities", "injured", "detained", "shot"; "title" (0, len(title)) when the headline counted."""
    language: str | None = None
    """ISO 639-1 code of the article's language (:mod:`geomap.lang.identify`)."""
    incident_id: str | None = None
    """The incident this event reports, shared by events of other articles that report it too
    (set by :mod:`geomap.merge`; None when not merged)."""
    incident_sources: int | None = None
    """How many articles report this event's incident (set with ``incident_id``)."""


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the pipeline produced for one article: each stage
    (:mod:`geomap.stages`) reads the fields the earlier ones set and adds its own."""

    article: Article
    toponyms: tuple[Toponym, ...] = ()
    relatives: tuple[RelativeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    errors: tuple[str, ...] = ()
    language: str | None = None
    """ISO 639-1 code of the article's language, as identified (:mod:`geomap.lang.identify`);
    an article in a language geomap has no rules for is read with the English ones."""
    locations: tuple[Location, ...] = ()
    """The locations the ``locate`` stage read from the text (relative expressions, in text
    order), which the ``events`` stage places events at. No export writes them."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
