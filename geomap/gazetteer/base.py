"""The gazetteer interface: every store (SQLite now, PostGIS later) implements it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from geomap.types import Candidate, Place


@runtime_checkable
class Gazetteer(Protocol):
    """Read side of a gazetteer store.

    Name keys are normalised with :func:`geomap.gazetteer.normalize.name_key` (case-, accent-
    and punctuation-insensitive), so callers may pass raw text.
    """

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

    def admin_label(self, country: str, admin1: str, admin2: str | None = None) -> str | None:
        """The short English name of an admin area, as ACLED writes it ("Donetsk" for
        "Donetska oblast"; admin2 when ``admin2`` is given), or None when the store has none."""
        ...

    def iter_names(self) -> Iterator[tuple[str, str]]:
        """Every distinct (name_key, name_type) pair, for building a recognizer's automaton."""
        ...

    def info(self) -> dict:
        """Sources, counts by kind, build date, size on disk."""
        ...

    def close(self) -> None: ...


class GazetteerWriter(Protocol):
    """Write side used by build/import/add."""

    def add_places(self, rows: Iterable[tuple[Place, Iterable[tuple[str, str]]]]) -> int:
        """Insert places, each with its (name, name_type) pairs; returns the count."""
        ...
