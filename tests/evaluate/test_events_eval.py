"""``geomap eval --format events``: metrics on a made-up set (hand-computed, and the same as the
team's reference scorer when it is available), and on a slice of the ACLED dev set against the
reference scorer's --json output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.evaluate.events import actor_found, read_event_set, score_events
from geomap.export import event_record
from geomap.types import Event, Location

REPO = Path(__file__).resolve().parents[2]

RECORDS = [
    {"id": "a", "text": "On 3 May 2022, shelling killed two civilians in Kharkiv.",
     "published": "2022-05-04", "source_dataset": "made-up",
     "gold": {"lat": 50.0, "lon": 36.23, "date": "2022-05-03", "fatalities": 2,
              "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
              "actors": ["Military Forces of Russia (2000-)", "Civilians (Ukraine)"], "country": "Ukraine"},
     "meta": {"primary_actors": ["Military Forces of Russia (2000-)"]}},
    {"id": "b", "text": "Protesters gathered in Colombo on 12 May 2022.", "published": "2022-05-12",
     "source_dataset": "made-up",
     "gold": {"lat": 6.93, "lon": 79.85, "date": "2022-05-12", "fatalities": 0,
              "event_type": "Protests", "sub_event_type": "Peaceful protest",
              "actors": ["Protesters (Sri Lanka)"], "country": "Sri Lanka"}},
    {"id": "c", "text": "A man was shot and wounded in Dallas on Friday.", "published": "2016-03-05",
     "source_dataset": "other",
     "gold": {"lat": 32.78, "lon": -96.8, "date": "2016-03-04", "fatalities": 0, "injured": 1,
              "event_type": None, "actors": [], "country": "United States"}},
    {"id": "d", "text": "Nothing happened here.", "published": "2016-03-05", "source_dataset": "other",
     "gold": {"lat": 40.0, "lon": -75.0, "date": "2016-03-01", "fatalities": 3, "injured": None,
              "event_type": "Violence against civilians", "actors": ["Civilians (United States)"],
              "country": "United States"},
     "meta": {"fatalities_scorable": False}},
]


def _event(eid: str, lat: float, lon: float, cc: str, day: date, etype: str, sub: str, *,
           main: bool = True, fatalities: int | None = None, injured: int | None = None,
           actors: tuple[str, ...] = ()) -> Event:
    loc = Location("X", lat, lon, 1, 5.0, cc)
    return Event(eid, eid.split("-")[0], etype, sub, day, loc, "text", 0, 4, main,
                 fatalities=fatalities, injured=injured, actors=actors)


def _events() -> list[tuple[Event, ...]]:
    return [
        (  # a: the main event is 40 km off with the wrong count; a second one matches the gold
            _event("a-1", 50.36, 36.23, "UA", date(2022, 5, 3), "Battles", "Armed clash",
                   fatalities=1, actors=("Military Forces of Ukraine",)),
            _event("a-2", 50.0, 36.23, "UA", date(2022, 5, 3), "Explosions/Remote violence",
                   "Shelling/artillery/missile attack", main=False, fatalities=2,
                   actors=("Military Forces of Russia",)),
        ),
        (_event("b-1", 6.93, 79.85, "LK", date(2022, 5, 12), "Protests", "Peaceful protest",
                actors=("Protesters (Sri Lanka)",)),),
        (_event("c-1", 32.78, -96.8, "US", date(2016, 3, 5), "Violence against civilians",
                "Attack", injured=1),),
        (),
    ]


@pytest.fixture()
def made_up(tmp_path: Path) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


def test_actor_matching_on_whole_words():
    assert actor_found("Military Forces of Ukraine (2019-)", ["Military Forces of Ukraine"])
    assert actor_found("Al-Shabaab", ["Al Shabaab (Somalia)"])
    assert not actor_found("Police Forces of Ukraine", ["Military Forces of Ukraine"])
    assert not actor_found("IS", ["IS"])  # too short to tell


def test_made_up_set_hand_computed(made_up: Path):
    records = read_event_set(made_up)
    assert [r.article.id for r in records] == ["a", "b", "c", "d"]
    scores = score_events(records, _events())
    main, best = scores["main"]["summary"], scores["best"]["summary"]
    assert main["coverage"] == 0.75 and main["events_total"] == 4
    assert main["within_10km"] == 0.5 and main["within_50km"] == 0.75  # a-1 is 40 km off
    assert best["within_10km"] == 0.75  # best takes a-2
    assert main["country_acc"] == 0.75
    assert main["date_exact"] == 0.5 and main["date_pm1"] == 0.75  # c is a day late
    assert main["fat_records"] == 3 and main["fat_exact"] == pytest.approx(0.6667)  # d unscorable
    assert best["fat_exact"] == 1.0
    assert main["inj_records"] == 1 and main["inj_exact_gold_gt0"] == 1.0
    assert main["type_acc"] == pytest.approx(0.3333)  # c has no gold type
    assert best["type_acc"] == pytest.approx(0.6667)
    assert main["actor_recall_primary"] == pytest.approx(1 / 3, abs=1e-4)  # Russia missed by a-1, d none
    assert best["actor_recall_primary"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["main"]["by_source"]["other"]["records"] == 2
    assert scores["main"]["confusion"]["Violence against civilians"] == {"(no event)": 1}


def _reference_scorer() -> Path | None:
    env = os.environ.get("GEOMAP_SHARED_DATA")
    if not env:
        return None
    path = Path(env).parent / "tools" / "score_events.py"
    return path if path.is_file() else None


def _reference(scorer: Path, *args: str) -> dict:
    out = subprocess.run([sys.executable, str(scorer), *args, "--json"], capture_output=True,
                         text=True, timeout=120, check=True)
    return json.loads(out.stdout)


def _same(ours: dict, ref: dict) -> None:
    for how in ("main", "best"):
        mismatched = {k: (v, ours[how]["summary"].get(k)) for k, v in ref[how]["summary"].items()
                      if ours[how]["summary"].get(k) != v}
        assert not mismatched, (how, mismatched)
        assert ours[how]["confusion"] == ref[how]["confusion"]


def test_made_up_set_agrees_with_reference_scorer(made_up: Path, tmp_path: Path):
    scorer = _reference_scorer()
    if scorer is None:
        pytest.skip("reference scorer not available (GEOMAP_SHARED_DATA/../tools)")
    saved = tmp_path / "events.jsonl"
    saved.write_text("".join(json.dumps(event_record(e)) + "\n" for evs in _events() for e in evs),
                     encoding="utf-8")
    ref = _reference(scorer, "-", str(made_up), "--events", str(saved))
    _same(score_events(read_event_set(made_up), _events()), ref)


ACLED_SLICE = 40
"""Records of the ACLED dev set run through both scorers: about 15 s on one shared core."""


@pytest.mark.shared_data
def test_acled_slice_agrees_with_reference_scorer(shared_data: Path, gazetteer_path, tmp_path: Path):
    scorer = _reference_scorer()
    if scorer is None:
        pytest.skip("reference scorer not available")
    lines = (shared_data / "events" / "acled_dev.jsonl").read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "acled_slice.jsonl"
    subset.write_text("\n".join(lines[:ACLED_SLICE]) + "\n", encoding="utf-8")
    wrapper = tmp_path / "geomap"
    wrapper.write_text(f"#!/bin/sh\nPYTHONPATH={REPO} exec {sys.executable} -m geomap \"$@\"\n")
    wrapper.chmod(0o755)
    ref = _reference(scorer, str(wrapper), str(subset))

    from geomap.cli import cli

    res = CliRunner().invoke(cli, ["eval", str(subset), "--format", "events", "--json", "-q"])
    assert res.exit_code == 0, res.output
    ours = json.loads(res.output)
    assert ours["records"] == ACLED_SLICE
    _same(ours, ref)
