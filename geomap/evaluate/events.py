"""Event metrics: geomap's events against human-coded event records (ACLED-style gold).

A set is JSON Lines, one incident report a line (the format of ``$GEOMAP_SHARED_DATA/events``)::

    {"id", "text", "published"[, "title"], "source_dataset",
     "gold": {"lat", "lon", "date", "fatalities", "injured", "event_type", "sub_event_type",
              "actors": [...], "country", ...},
     "meta": {"primary_actors": [...], "fatalities_scorable": true, "date_precision": "day"}}

One event per record is compared with its gold: ``main`` (the event geomap marks main, what a
user sees) or ``best`` (the one that matches the gold best: an upper bound). Conventions, so
figures compare with the team's reference scorer (``score_events.py``):

- A record without an event is wrong on every field; shares are over all records with a gold
  value for the field (``given_event_*``: over records that got an event).
- A null count is "none reported" = 0, as ACLED codes it; fatalities are scored only where
  ``meta.fatalities_scorable`` is not false, injured only where the gold has a number.
- Distances are geodesic (the reference uses a sphere; they differ by < 0.5 %).
- A gold actor is found when it and one of the event's actors contain each other on whole
  words, ignoring case, accents, punctuation, parentheses and "the".
- Gold event types are ACLED's; records without one are not scored for type. A gold type from
  another codebook (GTD's attack type, AWSD's means of attack) is first mapped to ACLED's
  (:data:`GOLD_TYPE_CROSSWALK`), as the reference does; one that maps to no type is not scored.
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from geomap.errors import InputError
from geomap.events.types import EVENT_TYPES
from geomap.geo import distance_km
from geomap.ingest import parse_json_record
from geomap.locate.names import country_code_for
from geomap.types import Article, Event

Pick = Literal["main", "best"]

WITHIN_KM = (10, 25, 50, 161)
"""Distance thresholds (km): 10 a town, 25 ACLED's "near a town", 50 a district, 161 (100
miles) the geoparsing convention."""

BEST_MATCH_KM = 50.0
"""``best`` pick: an event within this distance of the gold point counts as the right place."""

ACLED_EVENT_TYPES = frozenset(EVENT_TYPES)
"""ACLED's six event types: a gold type among them is taken as it is."""

_VAC = "Violence against civilians"
_ERV = "Explosions/Remote violence"
_IED = "Remote explosive/landmine/IED"
_ABDUCTION = "Abduction/forced disappearance"

GOLD_TYPE_CROSSWALK: Mapping[str, tuple[str | None, str | None]] = {
    # GTD (Global Terrorism Database) attacktype1_txt, from its codebook's nine attack types.
    # GTD codes terrorism, attacks of non-state groups mostly on soft targets: an armed or
    # unarmed assault or an assassination is one-sided violence against civilians (GTD has no
    # battles); a hijacking or hostage taking is an abduction; a facility attack (arson,
    # sabotage: GTD codes one with explosives as a bombing) is property destruction.
    "Bombing/Explosion": (_ERV, _IED),
    "Armed Assault": (_VAC, "Attack"),
    "Assassination": (_VAC, "Attack"),
    "Unarmed Assault": (_VAC, "Attack"),
    "Hostage Taking (Kidnapping)": (_VAC, _ABDUCTION),
    "Hostage Taking (Barricade Incident)": (_VAC, _ABDUCTION),
    "Hijacking": (_VAC, _ABDUCTION),
    "Facility/Infrastructure Attack": ("Strategic developments", "Looting/property destruction"),
    "Unknown": (None, None),
    # AWSD (Aid Worker Security Database) "means of attack". Aid workers are civilians: a
    # shooting or beating of them is an attack on civilians. A car bomb may be a suicide
    # attack and "other explosives" a grenade, so those two give the type only. "Complex
    # attack" (several means at once) has no single ACLED type.
    "Shooting": (_VAC, "Attack"),
    "Bodily assault": (_VAC, "Attack"),
    "Kidnapping": (_VAC, _ABDUCTION),
    "Kidnap-killing": (_VAC, _ABDUCTION),
    "Rape/sexual assault": (_VAC, "Sexual violence"),
    "Roadside IED": (_ERV, _IED),
    "Landmine": (_ERV, _IED),
    "Vehicle-born IED": (_ERV, None),
    "Other Explosives": (_ERV, None),
    "Body-borne IED": (_ERV, "Suicide bomb"),
    "Shelling": (_ERV, "Shelling/artillery/missile attack"),
    "Aerial bombardment": (_ERV, "Air/drone strike"),
    "Complex attack": (None, None),
}
"""Gold types of other codebooks -> ACLED (event_type, sub_event_type); ``None`` = not scored.
GTD's "Unknown" and AWSD's "Unknown" are the same key. Agrees with the reference scorer's tables
except for "Body-borne IED" and "Shelling", which it lacks (it would score them as types of
their own that no event has)."""


def acled_gold_type(gold: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The gold's ACLED (event_type, sub_event_type), mapped through
    :data:`GOLD_TYPE_CROSSWALK` when the coder used another codebook."""
    et, st = gold.get("event_type"), gold.get("sub_event_type")
    if et is None or et in ACLED_EVENT_TYPES:
        return et, st
    return GOLD_TYPE_CROSSWALK.get(str(et), (et, st))


_GENERIC_ACTOR = re.compile(r"^(civilians|protesters|rioters|unidentified)\b", re.I)
"""ACLED's unnamed actor categories, left out of ``actor_recall_named``."""

_SUMMARY_ORDER = (
    "records", "events_total", "coverage", "located", "median_km_located",
    *(f"within_{k}km" for k in WITHIN_KM), "country_acc", "date_exact", "date_exact_dayprec",
    "date_pm1", "fat_records", "fat_exact", "fat_pm1", "fat_records_gold_gt0",
    "fat_exact_gold_gt0", "fat_pm1_gold_gt0", "inj_records", "inj_exact", "inj_pm1",
    "inj_records_gold_gt0", "inj_exact_gold_gt0", "inj_pm1_gold_gt0", "type_acc",
    "sub_type_acc", "actor_recall", "actor_recall_named", "actor_recall_primary",
    "actors_per_event", "given_event_within_25km", "given_event_within_161km",
    "given_event_date_exact", "given_event_fat_exact_gold_gt0", "given_event_type_acc",
    "given_event_sub_type_acc",
    # counts behind the shares (geomap's additions)
    "records_with_event", "type_records", "sub_type_records", "actors_gold_total", "actors_primary_gold_total",
)


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One coded incident report: the article geomap reads and the coder's answers."""

    article: Article
    gold: Mapping[str, Any]
    meta: Mapping[str, Any] = field(default_factory=dict)
    source: str = "?"


def read_event_set(path: str | Path, *, with_title: bool = True,
                   limit: int | None = None) -> list[EventRecord]:
    """The records of a JSON Lines event set; the article is parsed as ``geomap export``
    parses a JSON line (so ids, dates and text are checked the same way)."""
    out: list[EventRecord] = []
    spath = str(path)
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"not JSON: {exc.msg}", path=spath, line=line_no) from None
            if not isinstance(obj, dict) or not isinstance(obj.get("gold"), dict):
                raise InputError("an event record needs a 'gold' object", path=spath, line=line_no)
            fields = {k: obj.get(k) for k in ("id", "text", "published")}
            if with_title and obj.get("title"):
                fields["title"] = obj["title"]
            article = parse_json_record(fields, path=spath, line=line_no,
                                        default_id=f"{Path(spath).stem}-{line_no}")
            out.append(EventRecord(article, obj["gold"], obj.get("meta") or {},
                                   str(obj.get("source_dataset") or "?")))
            if limit is not None and len(out) >= limit:
                break
    return out


def _int(value: Any) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _actor_words(name: str) -> str:
    """" words of name " for whole-word containment: no accents, parentheses, punctuation or
    "the" ("Military Forces of Ukraine (2019-)" -> " military forces of ukraine ")."""
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"\([^)]*\)", " ", s)
    words = [w for w in re.split(r"[^0-9a-z]+", s) if w and w != "the"]
    return f" {' '.join(words)} "


def actor_found(gold: str, predicted: Sequence[str]) -> bool:
    """Whether a gold actor is among the predicted ones (containment on whole words; names
    under three characters never match)."""
    g = _actor_words(gold)
    if len(g.strip()) < 3:
        return False
    for p in predicted:
        w = _actor_words(p)
        if len(w.strip()) >= 3 and (g in w or w in g):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Comparison:
    """One record against one event (``event`` None: the record got none). ``None`` fields
    are not scored (the gold has no value)."""

    has_event: bool
    dist_km: float | None
    country_ok: bool | None
    date_exact: bool | None
    date_diff_days: int | None
    day_precision: bool
    fat_scorable: bool
    gold_fat: int | None
    fat_exact: bool | None
    fat_pm1: bool | None
    gold_inj: int | None
    inj_exact: bool | None
    inj_pm1: bool | None
    gold_type: str | None
    pred_type: str | None
    type_ok: bool | None
    sub_ok: bool | None
    actors_gold: int
    actors_hit: int
    actors_named_gold: int
    actors_named_hit: int
    actors_primary_gold: int
    actors_primary_hit: int
    actors_pred: int

    def match_key(self) -> tuple[float, float]:
        """Rank of this event as the record's best match: type, date, within 50 km and
        fatalities right count 1 each, the sub-type 0.5; ties go to the nearer event."""
        score = (bool(self.type_ok) + bool(self.date_exact) + bool(self.fat_exact)
                 + (self.dist_km is not None and self.dist_km <= BEST_MATCH_KM)
                 + 0.5 * bool(self.sub_ok))
        return score, -(self.dist_km if self.dist_km is not None else float("inf"))


def _count_fields(gold: int | None, scorable: bool, event: Event | None,
                  value: int | None) -> tuple[bool | None, bool | None]:
    if gold is None or not scorable:
        return None, None
    if event is None:
        return False, False
    got = value or 0
    return got == gold, abs(got - gold) <= 1


def compare(record: EventRecord, event: Event | None) -> Comparison:
    """Field by field comparison of one record's gold with one event."""
    g, meta = record.gold, record.meta
    dist = None
    if event is not None and g.get("lat") is not None and g.get("lon") is not None:
        dist = distance_km(float(g["lat"]), float(g["lon"]), event.location.lat, event.location.lon)
    gold_cc = country_code_for(str(g.get("country") or "")) if g.get("country") else None
    country_ok = None if gold_cc is None else (
        event is not None and (event.location.country_code or "").upper() == gold_cc.upper())
    gold_date = str(g["date"])[:10] if g.get("date") else None
    got_date = event.date.isoformat() if event is not None and event.date else None
    diff = None
    if gold_date and got_date:
        from datetime import date

        try:
            diff = (date.fromisoformat(got_date) - date.fromisoformat(gold_date)).days
        except ValueError:
            diff = None
    gold_fat = _int(g.get("fatalities"))
    fat_scorable = gold_fat is not None and meta.get("fatalities_scorable", True) is not False
    fat_exact, fat_pm1 = _count_fields(gold_fat, fat_scorable, event,
                                       event.fatalities if event else None)
    gold_inj = _int(g.get("injured"))
    inj_exact, inj_pm1 = _count_fields(gold_inj, True, event, event.injured if event else None)
    gold_et, gold_sub = acled_gold_type(g)
    pred_type = event.event_type if event is not None else None
    predicted = list(event.actors) if event is not None else []
    gold_actors = [str(a) for a in (g.get("actors") or [])]
    hits = [actor_found(a, predicted) for a in gold_actors]
    named = [h for a, h in zip(gold_actors, hits, strict=True) if not _GENERIC_ACTOR.match(a.strip())]
    primary = meta.get("primary_actors")
    primary = gold_actors if primary is None else [str(a) for a in primary]
    return Comparison(
        has_event=event is not None, dist_km=dist, country_ok=country_ok,
        date_exact=None if not gold_date else got_date == gold_date, date_diff_days=diff,
        day_precision=meta.get("date_precision", "day") == "day",
        fat_scorable=fat_scorable, gold_fat=gold_fat, fat_exact=fat_exact, fat_pm1=fat_pm1,
        gold_inj=gold_inj, inj_exact=inj_exact, inj_pm1=inj_pm1,
        gold_type=gold_et, pred_type=pred_type,
        type_ok=None if gold_et is None else pred_type == gold_et,
        sub_ok=None if gold_sub is None else (
            event is not None and event.sub_event_type == gold_sub),
        actors_gold=len(gold_actors), actors_hit=sum(hits),
        actors_named_gold=len(named), actors_named_hit=sum(named),
        actors_primary_gold=len(primary),
        actors_primary_hit=sum(actor_found(a, predicted) for a in primary),
        actors_pred=len(predicted),
    )


def pick_event(record: EventRecord, events: Sequence[Event], how: Pick
               ) -> tuple[Event | None, Comparison]:
    """The event compared with the record: the main one (first if none is marked), or the
    best match (ties: the nearer, then the earlier)."""
    if not events:
        return None, compare(record, None)
    if how == "main":
        ev = next((e for e in events if e.main), events[0])
        return ev, compare(record, ev)
    scored = [(compare(record, e), i, e) for i, e in enumerate(events)]
    best = max(scored, key=lambda t: (t[0].match_key(), -t[1]))
    return best[2], best[0]


def _share(flags: Iterable[bool | None]) -> float | None:
    xs = [bool(x) for x in flags if x is not None]
    return round(sum(xs) / len(xs), 4) if xs else None


def _ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 4) if total else None


def summarize(rows: Sequence[Comparison], n_events: int) -> dict[str, Any]:
    """The headline metrics over compared records (names as the reference scorer's)."""
    located = [r.dist_km for r in rows if r.dist_km is not None]
    out: dict[str, Any] = {
        "records": len(rows), "events_total": n_events,
        "coverage": _share(r.has_event for r in rows), "located": len(located),
        "median_km_located": round(statistics.median(located), 1) if located else None,
    }
    for k in WITHIN_KM:
        out[f"within_{k}km"] = _share(r.dist_km is not None and r.dist_km <= k for r in rows)
    out["country_acc"] = _share(r.country_ok for r in rows)
    out["date_exact"] = _share(r.date_exact for r in rows)
    out["date_exact_dayprec"] = _share(r.date_exact for r in rows if r.day_precision)
    out["date_pm1"] = _share(r.date_diff_days is not None and abs(r.date_diff_days) <= 1
                             for r in rows)
    for prefix, gold_of, exact_of, pm1_of in (
        ("fat", lambda r: r.gold_fat, lambda r: r.fat_exact, lambda r: r.fat_pm1),
        ("inj", lambda r: r.gold_inj, lambda r: r.inj_exact, lambda r: r.inj_pm1),
    ):
        scored = [r for r in rows if exact_of(r) is not None]
        positive = [r for r in scored if (gold_of(r) or 0) > 0]
        out[f"{prefix}_records"] = len(scored)
        out[f"{prefix}_exact"] = _share(exact_of(r) for r in scored)
        out[f"{prefix}_pm1"] = _share(pm1_of(r) for r in scored)
        out[f"{prefix}_records_gold_gt0"] = len(positive)
        out[f"{prefix}_exact_gold_gt0"] = _share(exact_of(r) for r in positive)
        out[f"{prefix}_pm1_gold_gt0"] = _share(pm1_of(r) for r in positive)
    out["type_acc"] = _share(r.type_ok for r in rows)
    out["sub_type_acc"] = _share(r.sub_ok for r in rows)
    out["actor_recall"] = _ratio(sum(r.actors_hit for r in rows), sum(r.actors_gold for r in rows))
    out["actor_recall_named"] = _ratio(sum(r.actors_named_hit for r in rows),
                                       sum(r.actors_named_gold for r in rows))
    out["actor_recall_primary"] = _ratio(sum(r.actors_primary_hit for r in rows),
                                         sum(r.actors_primary_gold for r in rows))
    given = [r for r in rows if r.has_event]
    out["actors_per_event"] = (round(sum(r.actors_pred for r in given) / len(given), 2)
                               if given else None)
    out["given_event_within_25km"] = _share(r.dist_km is not None and r.dist_km <= 25 for r in given)
    out["given_event_within_161km"] = _share(r.dist_km is not None and r.dist_km <= 161
                                             for r in given)
    out["given_event_date_exact"] = _share(r.date_exact for r in given)
    out["given_event_fat_exact_gold_gt0"] = _share(r.fat_exact for r in given
                                                   if r.fat_exact is not None and (r.gold_fat or 0) > 0)
    out["given_event_type_acc"] = _share(r.type_ok for r in given)
    out["given_event_sub_type_acc"] = _share(r.sub_ok for r in given)
    out["records_with_event"] = len(given)
    out["type_records"] = sum(r.type_ok is not None for r in rows)
    out["sub_type_records"] = sum(r.sub_ok is not None for r in rows)
    out["actors_gold_total"] = sum(r.actors_gold for r in rows)
    out["actors_primary_gold_total"] = sum(r.actors_primary_gold for r in rows)
    return {k: out[k] for k in _SUMMARY_ORDER}


def score_events(records: Sequence[EventRecord], events_by_record: Sequence[Sequence[Event]]
                 ) -> dict[str, Any]:
    """Scores of each record's events against its gold, for both picks: ``{"main": {...},
    "best": {...}}``, each with ``summary``, ``by_source`` and a type ``confusion`` (gold type
    -> geomap type -> count)."""
    n_events = sum(len(evs) for evs in events_by_record)
    out: dict[str, Any] = {}
    for how in ("main", "best"):
        rows: list[Comparison] = []
        by_source: dict[str, list[tuple[Comparison, int]]] = defaultdict(list)
        confusion: dict[str, Counter[str]] = defaultdict(Counter)
        for rec, evs in zip(records, events_by_record, strict=True):
            _ev, c = pick_event(rec, evs, how)  # type: ignore[arg-type]
            rows.append(c)
            by_source[rec.source].append((c, len(evs)))
            confusion[c.gold_type or "(none)"][c.pred_type or "(no event)"] += 1
        out[how] = {
            "summary": summarize(rows, n_events),
            "by_source": {src: summarize([c for c, _ in items], sum(n for _, n in items))
                          for src, items in sorted(by_source.items())},
            "confusion": {k: dict(v) for k, v in confusion.items()},
        }
    return out
