"""Score geomap's events on the French and Russian development reports (benchmarks/lang_dev/).

Each record of ``lang_dev/<language>.jsonl`` is a news report written the way a French or
Russian reporter writes one (Sahel attacks, Central Asian border incidents), with the answers
for its main event under ``expect``. Places are GeoNames points (``geonameid``, read from the
gazetteer), moved by a stated distance and bearing when the report gives one, so no coordinate
is typed by hand. Nine checks per report:

- ``main``: a main event exists and has the expected ACLED event type;
- ``date``: its date; ``fatalities``: its count (none = 0);
- ``location``: within :data:`LOCATION_KM` of the GeoNames point; ``precision``: ACLED's 1-3;
- ``anchor``: the relative location's anchor is that GeoNames place at the stated distance
  (within :data:`ANCHOR_KM`), or no anchor when the report states the place itself;
- ``border``: the nearest international border is the one nearest the GeoNames point
  (computed with :mod:`geomap.locate.borders`, the same Natural Earth lines);
- ``actor``: the expected ACLED actor is among the event's actors (substring, ignoring case);
- ``background``: the number of other (background or secondary) events.

Usage: ``python benchmarks/bench_lang.py [--lang fr|ru] [--set dev|heldout] [--details]
[--json]``. ``heldout_<lang>.jsonl`` were written after the rules and scored once, as they are.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

from geomap import geo
from geomap.locate.borders import nearest_borders
from geomap.pipeline import get_pipeline
from geomap.types import Article

ROOT = Path(__file__).resolve().parent
DEV = ROOT / "lang_dev"
LOCATION_KM = 25.0
"""A located event within this distance of its GeoNames point is right (the English sets'
headline figure, within_25km)."""
ANCHOR_KM = 1.0
"""An anchor distance within this of the stated one is right (it is read, not estimated)."""
CHECKS = ("main", "date", "fatalities", "location", "precision", "anchor", "border", "actor",
          "background")


def _point(db: sqlite3.Connection, spec: dict) -> tuple[float, float]:
    row = db.execute("SELECT lat, lon FROM places WHERE geonameid = ? ORDER BY kind = 'city' DESC",
                     (spec["geonameid"],)).fetchone()
    if row is None:
        raise SystemExit(f"bench_lang: geonameid {spec['geonameid']} is not in the gazetteer")
    lat, lon = row
    if spec.get("km") and spec.get("bearing") is not None:
        lat, lon = geo.destination(lat, lon, float(spec["km"]), float(spec["bearing"]))
    return lat, lon


def _score(record: dict, events: list, db: sqlite3.Connection) -> dict[str, bool]:
    exp = record["expect"]
    main = next((e for e in events if e.main), None)
    out = {name: False for name in CHECKS}
    out["background"] = len(events) - (1 if main else 0) == exp["background"]
    if main is None:
        return out
    loc = main.location
    out["main"] = main.event_type == exp["type"]
    out["date"] = main.date is not None and main.date.isoformat()[:10] == exp["date"]
    out["fatalities"] = (main.fatalities or 0) == exp["fatalities"]
    lat, lon = _point(db, exp["place"])
    out["location"] = geo.distance_km(lat, lon, loc.lat, loc.lon) <= LOCATION_KM
    out["precision"] = loc.precision == exp["precision"]
    anchor = loc.anchor
    if exp["anchor"] is None:
        out["anchor"] = anchor is None
    elif anchor is not None:
        same = anchor.place_id == f"gn:{exp['anchor']['geonameid']}"
        km = exp["anchor"]["km"]
        out["anchor"] = same and (anchor.distance_km is None if km is None else (
            anchor.distance_km is not None and abs(anchor.distance_km - km) <= ANCHOR_KM))
    gold = nearest_borders(lat, lon, limit=1)
    mine = main.borders[0].country_code if main.borders else None
    out["border"] = bool(gold) and mine == exp["border"] == gold[0].country_code
    out["actor"] = any(exp["actor"].lower() in a.lower() for a in main.actors)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=("fr", "ru"), action="append")
    parser.add_argument("--set", choices=("dev", "heldout"), default="dev",
                        help="dev: <lang>.jsonl (the rules were written beside it); heldout: "
                             "heldout_<lang>.jsonl (written after, scored without changing "
                             "rules for it)")
    parser.add_argument("--details", action="store_true", help="one line per failed check")
    parser.add_argument("--json", action="store_true", help="the summary as JSON")
    args = parser.parse_args()
    path = Path(os.environ.get("GEOMAP_GAZETTEER") or ROOT.parent / "gazetteer" / "geomap.sqlite")
    pipeline = get_pipeline(str(path), with_events=True)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    summary: dict[str, dict] = {}
    for lang in args.lang or ["fr", "ru"]:
        name = f"{lang}.jsonl" if args.set == "dev" else f"heldout_{lang}.jsonl"
        records = [json.loads(line) for line in (DEV / name).open(encoding="utf-8")]
        passed = dict.fromkeys(CHECKS, 0)
        started = time.perf_counter()
        for rec in records:
            article = Article(id=rec["id"], text=rec["text"], title=rec.get("title"),
                              published=datetime.fromisoformat(rec["published"]))
            result = pipeline.process(article)
            got = _score(rec, list(result.events), db)
            for name, ok in got.items():
                passed[name] += ok
                if args.details and not ok:
                    main = next((e for e in result.events if e.main), None)
                    want = rec["expect"].get(name, rec["expect"].get("type"))
                    print(f"  {rec['id']} {name}: expected {want!r}; "
                          f"main {_brief(main)}; {len(result.events)} events", file=sys.stderr)
        n = len(records)
        total = sum(passed.values())
        summary[lang] = {"records": n, "checks": n * len(CHECKS), "passed": total,
                         "share": round(total / (n * len(CHECKS)), 3),
                         "by_check": {k: f"{v}/{n}" for k, v in passed.items()},
                         "seconds": round(time.perf_counter() - started, 2)}
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print("| language | reports | checks passed | " + " | ".join(CHECKS) + " |")
    print("|---|---|---|" + "---|" * len(CHECKS))
    for lang, s in summary.items():
        print(f"| {lang} | {s['records']} | {s['passed']}/{s['checks']} ({s['share']:.1%}) | "
              + " | ".join(s["by_check"][k] for k in CHECKS) + " |")


def _brief(event) -> str:  # noqa: ANN001 - an Event or None
    if event is None:
        return "none"
    loc = event.location
    anchor = loc.anchor
    return (f"{event.event_type}/{event.sub_event_type} {event.date} fat={event.fatalities} "
            f"at {loc.name!r} ({loc.lat:.3f},{loc.lon:.3f}) p{loc.precision} "
            f"anchor={anchor.place_id if anchor else None}/"
            f"{anchor.distance_km if anchor else None} "
            f"border={event.borders[0].country_code if event.borders else None} "
            f"actors={list(event.actors)}")


if __name__ == "__main__":
    main()
