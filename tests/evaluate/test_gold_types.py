"""Gold types of other codebooks (GTD attack types, AWSD means of attack) are scored as ACLED's."""

from __future__ import annotations

import importlib.util
import os
from datetime import datetime
from pathlib import Path

from geomap.evaluate.events import (
    ACLED_EVENT_TYPES,
    GOLD_TYPE_CROSSWALK,
    EventRecord,
    acled_gold_type,
    score_events,
)
from geomap.types import Article, Event, Location

GTD_ATTACK_TYPES = (
    "Assassination", "Armed Assault", "Bombing/Explosion", "Hijacking",
    "Hostage Taking (Barricade Incident)", "Hostage Taking (Kidnapping)",
    "Facility/Infrastructure Attack", "Unarmed Assault", "Unknown")
AWSD_MEANS = (
    "Aerial bombardment", "Body-borne IED", "Bodily assault", "Complex attack", "Kidnapping",
    "Kidnap-killing", "Landmine", "Other Explosives", "Rape/sexual assault", "Roadside IED",
    "Shelling", "Shooting", "Unknown", "Vehicle-born IED")


def test_every_codebook_category_is_mapped_to_an_acled_type_or_none():
    for name in GTD_ATTACK_TYPES + AWSD_MEANS:
        et, _sub = GOLD_TYPE_CROSSWALK[name]
        assert et is None or et in ACLED_EVENT_TYPES


def test_crosswalk_examples():
    vac, erv = "Violence against civilians", "Explosions/Remote violence"
    assert acled_gold_type({"event_type": "Armed Assault"}) == (vac, "Attack")
    assert acled_gold_type({"event_type": "Shooting"}) == (vac, "Attack")
    assert acled_gold_type({"event_type": "Bombing/Explosion"}) == (erv, "Remote explosive/landmine/IED")
    assert acled_gold_type({"event_type": "Kidnapping"}) == (vac, "Abduction/forced disappearance")
    assert acled_gold_type({"event_type": "Aerial bombardment"}) == (erv, "Air/drone strike")
    assert acled_gold_type({"event_type": "Complex attack"}) == (None, None)
    assert acled_gold_type({"event_type": "Unknown"}) == (None, None)
    # ACLED types pass through with their own sub-type; a missing type stays missing
    assert acled_gold_type({"event_type": "Battles", "sub_event_type": "Armed clash"}) == (
        "Battles", "Armed clash")
    assert acled_gold_type({}) == (None, None)


def _record(rid: str, gold_type: str) -> EventRecord:
    art = Article(rid, "Gunmen shot an aid worker in Gao.", published=datetime(2020, 1, 2))
    return EventRecord(art, {"lat": 16.27, "lon": -0.04, "event_type": gold_type})


def _event(rid: str, etype: str, sub: str) -> Event:
    loc = Location("Gao", 16.27, -0.04, 1, 5.0, "ML")
    return Event(f"{rid}-1", rid, etype, sub, None, loc, "text", 0, 4, True)


def test_scores_use_the_crosswalk():
    records = [_record("a", "Shooting"), _record("b", "Armed Assault"),
               _record("c", "Complex attack"), _record("d", "Bombing/Explosion")]
    events = [(_event("a", "Violence against civilians", "Attack"),),
              (_event("b", "Battles", "Armed clash"),),
              (_event("c", "Battles", "Armed clash"),),
              (_event("d", "Explosions/Remote violence", "Remote explosive/landmine/IED"),)]
    main = score_events(records, events)["main"]
    assert main["summary"]["type_records"] == 3  # "Complex attack" has no type
    assert main["summary"]["type_acc"] == round(2 / 3, 4)
    assert main["summary"]["sub_type_acc"] == round(2 / 3, 4)
    assert main["confusion"]["Violence against civilians"] == {
        "Violence against civilians": 1, "Battles": 1}


def test_agrees_with_the_reference_scorer_tables():
    env = os.environ.get("GEOMAP_SHARED_DATA")
    path = Path(env).parent / "tools" / "score_events.py" if env else None
    if path is None or not path.is_file():
        return
    spec = importlib.util.spec_from_file_location("score_events_ref", path)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)  # type: ignore[union-attr]
    theirs = {**ref.GTD_MAP, **ref.AWSD_MAP}
    lacking = {"Body-borne IED", "Shelling"}  # documented in GOLD_TYPE_CROSSWALK
    assert set(GOLD_TYPE_CROSSWALK) - set(theirs) == lacking
    for name, mapped in theirs.items():
        assert GOLD_TYPE_CROSSWALK[name] == mapped, name
