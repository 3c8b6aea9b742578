"""Registries: things chosen by name (pipeline stages, recognizers, input readers).

One :class:`Registry` per kind of thing holds its factories by name, so the factory that builds
one and the CLI's list of choices come from the same place (spaCy's ``registry`` pattern):
adding a recognizer is one decorated function, and ``--recognizer`` offers it at once.

The recognizers are registered here; the stages in :mod:`geomap.stages`, the input readers in
:mod:`geomap.ingest.registry`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

from geomap.errors import ConfigurationError

if TYPE_CHECKING:
    from geomap.gazetteer.base import Gazetteer
    from geomap.recognize.base import Recognizer

T = TypeVar("T")


class Registry(Generic[T]):
    """Named entries of one kind, in registration order (which is the order shown to users)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        """What the entries are ("stage", "recognizer"): named in the unknown-name error."""
        self._entries: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: register the decorated object as ``name`` (a name is registered once)."""
        def add(entry: T) -> T:
            if name in self._entries:
                raise ConfigurationError(f"{self.kind} {name!r} is registered twice")
            self._entries[name] = entry
            return entry

        return add

    def unregister(self, name: str) -> None:
        """Remove ``name`` (a test's own entry, once the test is done)."""
        self._entries.pop(name, None)

    def get(self, name: str) -> T:
        """The entry called ``name``; an unknown name is a one-line :class:`ConfigurationError`."""
        try:
            return self._entries[name]
        except KeyError:
            raise ConfigurationError(f"unknown {self.kind} {name!r} (choose "
                                     f"{', '.join(self._entries)})") from None

    def names(self) -> tuple[str, ...]:
        """The registered names, in registration order."""
        return tuple(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)


RecognizerFactory = Callable[["Gazetteer"], "Recognizer"]

recognizers: Registry[RecognizerFactory] = Registry("recognizer")
"""Recognizer factories by name: :func:`make_recognizer` and the CLI's ``--recognizer``."""


@recognizers.register("gazetteer")
def gazetteer_recognizer(gazetteer: Gazetteer) -> Recognizer:
    """Names from the gazetteer (the default: no model to download)."""
    from geomap.recognize import GazetteerRecognizer

    return GazetteerRecognizer(gazetteer)


@recognizers.register("spacy")
def spacy_recognizer(gazetteer: Gazetteer) -> Recognizer:
    """spaCy's entities checked against the gazetteer (extra ``ner``; imported only when used)."""
    from geomap.recognize import SpacyRecognizer

    return SpacyRecognizer(gazetteer)


def make_recognizer(name: str, gazetteer: Gazetteer) -> Recognizer:
    """The recognizer registered as ``name``, for ``gazetteer``."""
    return recognizers.get(name)(gazetteer)
