"""What every gazetteer source is, and the order sources run in.

A :class:`Source` is one input of the gazetteer (a registry package, a curated table, a GeoNames
file) that writes its places and names into the store under construction. It names the
sources whose rows it needs already stored (``depends_on``); :func:`run_order` puts the sources
of a build or an import in an order that honours those needs, whatever order they were given
in, so a source never writes before what it reads (an alternate name is never offered for an
admin area that is not yet stored).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar, runtime_checkable

from geomap.errors import GazetteerError
from geomap.gazetteer.sqlite import SQLiteWriter
from geomap.types import Place

NamedPlace = tuple[Place, list[tuple[str, str]]]
"""A place and its extra ``(name, name_type)`` pairs, as the writer takes them."""


class Store:
    """The gazetteer under construction: a writable connection, its writer, the places
    written so far (ids and counts by kind) and a progress callback ``(description, advance)``."""

    def __init__(self, con: sqlite3.Connection,
                 progress: Callable[[str, int], None] | None = None):
        self.con = con
        self.writer = SQLiteWriter(con)
        self.counts: dict[str, int] = defaultdict(int)
        self.seen_ids: set[str] = set()
        self.progress = progress or (lambda description, advance: None)

    def emit(self, batch: Iterable[NamedPlace]) -> int:
        """Write places with their names; returns how many."""
        batch = list(batch)
        self.writer.add_places(batch)
        for place, _ in batch:
            self.counts[place.kind] += 1
        return len(batch)

    def claim(self, place_id: str) -> bool:
        """True the first time a place id is offered: the first source to write a place
        keeps it (an admin area GeoNames also lists as a city stays an admin area)."""
        if place_id in self.seen_ids:
            return False
        self.seen_ids.add(place_id)
        return True


@runtime_checkable
class Source(Protocol):
    """One input of the gazetteer."""

    name: str
    """Unique name, used in ``depends_on`` and in import reports."""
    reads: str
    """What it reads, for people (a package's files, a GeoNames file name pattern)."""
    depends_on: tuple[str, ...]
    """Sources whose rows must be stored before this one writes (ignored when absent)."""

    def write(self, store: Store) -> int:
        """Write this source's rows into ``store``; returns the number of input rows."""
        ...


S = TypeVar("S", bound=Source)


def run_order(sources: Sequence[S]) -> list[S]:
    """``sources`` in dependency order: every source after the sources it depends on that are
    present; otherwise in the order given (several files of one source keep their order).
    A cycle is a programming error and raises :class:`GazetteerError`."""
    present = {s.name for s in sources}
    pending = list(sources)
    order: list[S] = []
    while pending:
        blocked = {s.name for s in pending}
        ready = next((s for s in pending
                      if not (set(s.depends_on) & present & (blocked - {s.name}))), None)
        if ready is None:
            raise GazetteerError("gazetteer sources depend on each other in a cycle: "
                                 + ", ".join(sorted(blocked)))
        pending.remove(ready)
        order.append(ready)
    return order


def run_sources(sources: Sequence[Source], store: Store) -> list[tuple[Source, int]]:
    """Run ``sources`` into ``store`` in :func:`run_order`; returns (source, rows) pairs."""
    return [(source, source.write(store)) for source in run_order(sources)]
