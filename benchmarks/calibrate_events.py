"""Fit and check the event confidence (:mod:`geomap.events.confidence`) on coded event sets.

    GEOMAP_SHARED_DATA=/work/shared/data python benchmarks/calibrate_events.py [--jobs 2]
        [--fit] [SET.jsonl ...]

Runs the pipeline on every record (default: both dev sets, ``$GEOMAP_SHARED_DATA/events/
acled_dev.jsonl`` and ``gvc_dev.jsonl``), takes the main event (what ``geomap eval`` scores)
and its outcome: within 25 km of the gold point and, where the gold has a type, the right type.
Prints the reliability table of the confidence the events carry (per set and pooled) and, with
``--fit``, logistic coefficients refitted on the pooled events (IRLS with a small ridge), to
paste into ``_CALIBRATION``.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from pathlib import Path

import numpy as np

from geomap.batch import iter_results
from geomap.evaluate.events import pick_event, read_event_set
from geomap.events.confidence import (
    LOCATION_GROUPS,
    EventFeatures,
    confidence_from,
    event_features,
    place_logit,
)

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001)
"""Reliability bins: finer at the top, where most events are."""

RIDGE = 1.0
"""L2 penalty of the fit (on every coefficient): keeps rare groups (a few country-centre
events) from extreme intercepts."""

OUTCOME_KM = 25.0


def collect(path: Path, jobs: int) -> list[tuple[EventFeatures, float, bool]]:
    """(features, confidence, outcome) of the main event of every record that got one."""
    records = read_event_set(path)
    out = []
    by_article = {id(r.article): r for r in records}
    for result in iter_results([r.article for r in records], jobs=jobs, on_error=lambda a, e: None):
        rec = by_article[id(result.article)]
        ev, c = pick_event(rec, result.events, "main")
        if ev is None:
            continue
        ok = c.dist_km is not None and c.dist_km <= OUTCOME_KM and c.type_ok is not False
        out.append((event_features(ev, result.toponyms), float(ev.confidence or 0.0), ok))
    return out


def design(feats: list[EventFeatures]) -> np.ndarray:
    cols = []
    for f in feats:
        row = [1.0 if f.group == g else 0.0 for g in LOCATION_GROUPS]
        row += [place_logit(f), math.log(f.places), float(f.fallback_type)]
        cols.append(row)
    return np.array(cols)


def fit(feats: list[EventFeatures], y: np.ndarray) -> dict[str, float]:
    x = design(feats)
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (y - p) - RIDGE * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + RIDGE * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    names = [*LOCATION_GROUPS, "place_logit", "places_ln", "fallback_type"]
    return {n: round(float(v), 2) for n, v in zip(names, w, strict=True)}


def reliability(rows: list[tuple[EventFeatures, float, bool]], title: str) -> None:
    conf = np.array([c for _, c, _ in rows])
    y = np.array([o for _, _, o in rows], dtype=float)
    print(f"\n{title}: {len(rows)} main events, observed {y.mean():.3f}, mean confidence "
          f"{conf.mean():.3f}, Brier {np.mean((conf - y) ** 2):.3f}")
    print("| confidence | n | mean confidence | share within 25 km and type right |")
    print("|---|---|---|---|")
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        m = (conf >= lo) & (conf < hi)
        if m.sum():
            print(f"| [{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'} | {int(m.sum())} | "
                  f"{conf[m].mean():.3f} | {y[m].mean():.3f} |")


def _brier(rows: list[tuple[EventFeatures, float, bool]], coef: dict[str, float]) -> float:
    conf = np.array([confidence_from(f, coef) for f, _, _ in rows])
    y = np.array([o for _, _, o in rows], dtype=float)
    return float(np.mean((conf - y) ** 2))


def transfer(per_set: dict[str, list], pooled_coef: dict[str, float]) -> None:
    """Brier score of each set under the pooled fit and under a fit on the other sets only:
    how much the features carry over between report styles."""
    for name, rows in per_set.items():
        rest = [r for other, rs in per_set.items() if other != name for r in rs]
        coef = fit([f for f, _, _ in rest], np.array([o for _, _, o in rest], dtype=float))
        print(f"{name}: Brier {_brier(rows, pooled_coef):.3f} pooled fit, "
              f"{_brier(rows, coef):.3f} fitted on the other set(s) only")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--fit", action="store_true")
    a = ap.parse_args()
    base = Path(os.environ.get("GEOMAP_SHARED_DATA", "")) / "events"
    sets = [Path(s) for s in a.sets] or [base / "acled_dev.jsonl", base / "gvc_dev.jsonl"]
    pooled = []
    per_set: dict[str, list] = {}
    for path in sets:
        t0 = time.perf_counter()
        rows = collect(path, a.jobs)
        print(f"{path.name}: {time.perf_counter() - t0:.1f} s")
        reliability(rows, path.name)
        for group in LOCATION_GROUPS:
            sub = [o for f, _, o in rows if f.group == group]
            if sub:
                print(f"  {group:<14} n {len(sub):>5}  observed {np.mean(sub):.3f}")
        pooled += rows
        per_set[path.name] = rows
    if len(sets) > 1:
        reliability(pooled, "pooled")
    if a.fit:
        y = np.array([o for _, _, o in pooled], dtype=float)
        coef = fit([f for f, _, _ in pooled], y)
        print("\nfitted _CALIBRATION:", coef)
        if len(sets) > 1:
            transfer(per_set, coef)


if __name__ == "__main__":
    main()
