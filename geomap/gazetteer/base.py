"""The gazetteer interface: every store (SQLite now, PostGIS later) implements it.

Callers (recognizers, resolver, locators) declare :class:`Gazetteer` and use only its methods;
what one store can do faster (one SQL query instead of a lookup per name) stays inside the
store, behind a protocol method. :func:`alternates_by_lookup` is the protocol-only way to answer
:meth:`Gazetteer.important_alternates`, for stores without a faster one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Protocol, runtime_checkable

from geomap.gazetteer.normalize import name_key
from geomap.types import Candidate, Place

AREA_WORDS = frozenset({
    "district", "county", "parish", "agency", "borough", "raion", "region", "municipality",
    "canton", "prefecture", "department", "province", "division", "governorate",
})
"""Words an admin area's name ends with that news leaves out ("Upper Dir District")."""


@runtime_checkable
class Gazetteer(Protocol):
    """Read side of a gazetteer store.

    Name keys are normalised with :func:`geomap.gazetteer.normalize.name_key` (case-, accent-
    and punctuation-insensitive), so callers may pass raw text.
    """

    @property
    def path(self) -> Path | None:
        """The file the store reads (callers cache derived data beside it), or None."""
        ...

    def lookup(self, name: str, *, country: str | None = None) -> list[Candidate]:
        """All places with exactly this (normalised) name, any name type; unranked."""
        ...

    def search(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Candidate]:
        """Ranked candidates for a name, exact matches first, then prefix/fuzzy ones."""
        ...

    def get(self, place_id: str) -> Place | None:
        """The place with this id (``gn:1221874``), or None."""
        ...

    def country(self, code: str) -> Place | None:
        """The country place for an ISO 3166-1 alpha-2 code, or None."""
        ...

    def places_in(self, country: str, kind: str) -> list[Place]:
        """Every place of one kind in one country (all admin1 areas of TJ, all its towns)."""
        ...

    def admin_label(self, country: str, admin1: str, admin2: str | None = None) -> str | None:
        """The short English name of an admin area, as ACLED writes it ("Donetsk" for
        "Donetska oblast"; admin2 when ``admin2`` is given), or None when the store has none."""
        ...

    def iter_names(self) -> Iterator[tuple[str, str]]:
        """Every distinct (name_key, name_type) pair, for building a recognizer's automaton."""
        ...

    def important_alternates(self, min_population: int, kinds: Collection[str]) -> set[str]:
        """Keys of the alternate names (other languages, old spellings) of places of at least
        ``min_population`` people or of one of ``kinds``, and of admin2 areas' short names
        (:func:`area_short_name`); what :func:`alternates_by_lookup` finds."""
        ...

    def info(self) -> dict:
        """Sources, counts by kind, build date, size on disk."""
        ...

    def close(self) -> None: ...


def area_short_name(key: str, name: str) -> bool:
    """A multi-word alternate that is the area's main name without its area word ("North
    Waziristan" for "North Wazīristān District", "Upper Dir" for "Upper Dir District"): news
    uses these short forms, and two or more words rarely collide with English prose."""
    if " " not in key:
        return False
    full = name_key(name)
    return full.startswith(key + " ") and full[len(key) + 1:] in AREA_WORDS


def alternates_by_lookup(gazetteer: Gazetteer, min_population: int,
                         kinds: Collection[str]) -> set[str]:
    """:meth:`Gazetteer.important_alternates` through the protocol alone: a lookup per
    alternate name (a store that can ask once for all of them does so instead)."""
    keep: set[str] = set()
    for key, name_type in gazetteer.iter_names():
        if name_type != "alternate":
            continue
        for cand in gazetteer.lookup(key):
            p = cand.place
            if cand.name_type == "alternate" and (
                p.population >= min_population or p.kind in kinds
                or (p.kind == "admin2" and area_short_name(key, p.name))
            ):
                keep.add(key)
                break
    return keep


class GazetteerWriter(Protocol):
    """Write side used by build/import/add."""

    def add_places(self, rows: Iterable[tuple[Place, Iterable[tuple[str, str]]]]) -> int:
        """Insert places, each with its (name, name_type) pairs; returns the count."""
        ...
