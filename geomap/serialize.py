"""The one serialisation of geomap's core types (:mod:`geomap.types`), built on msgspec.

Every place that stores or sends a result uses it: the resume journal (:mod:`geomap.resume`),
the Dask partitions (:mod:`geomap.distributed`), the incident store (:mod:`geomap.merge.store`),
the exports' property views (:mod:`geomap.export`) and ``geomap geoparse``. A new field on a
core type therefore needs no serialisation code anywhere: msgspec reads the dataclass fields
and their type hints.

The form: a dataclass is a JSON object of all its fields (in declaration order), a tuple a
list, a ``datetime`` an ISO 8601 string (its offset kept), a ``date`` ``YYYY-MM-DD``.
Decoding is driven by the type asked for, never by tags in the data, so only the classes the
caller names can be built (nothing derived from input is evaluated or unpickled); fields
missing from the data get their defaults, so records written before a field existed still
read.

Round trips are exact: ``from_data(to_data(x), type(x)) == x`` and
``loads(dumps(x), type(x)) == x``, NaN and infinities included: :func:`to_data` keeps them as
floats and :func:`dumps` writes them as ``NaN``/``Infinity`` (Python's JSON extension; these
files are geomap's own, never an export, and the exports write non-finite numbers as null).

Fields declared with ``compare=False`` (``ArticleResult.extra``: per-process scratch, not part
of the value) are left out.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")


@cache
def _runtime_fields(cls: type) -> tuple[dataclasses.Field, ...]:
    """A dataclass's ``compare=False`` fields (none for other types)."""
    if not dataclasses.is_dataclass(cls):
        return ()
    return tuple(f for f in dataclasses.fields(cls) if not f.compare)


def _default(f: dataclasses.Field) -> Any:
    return f.default_factory() if f.default is dataclasses.MISSING else f.default  # type: ignore[misc]


def to_data(value: Any) -> Any:
    """``value`` (a core type, or tuples/lists/dicts of them) as JSON-ready data: dicts,
    lists/tuples, str, int, float, bool, None."""
    runtime = _runtime_fields(type(value))
    if not runtime:
        return msgspec.to_builtins(value)
    data = msgspec.to_builtins(dataclasses.replace(value, **{f.name: _default(f) for f in runtime}))
    for f in runtime:
        del data[f.name]
    return data


def from_data(data: Any, tp: type[T] | Any) -> T:
    """Inverse of :func:`to_data`: ``data`` rebuilt as type ``tp`` (a core type or a
    ``tuple[Type, ...]``). Raises :class:`msgspec.ValidationError` (a ``ValueError``) when
    the data does not fit the type."""
    return msgspec.convert(data, tp)


def dumps(value: Any) -> str:
    """``value`` as one line of JSON text (UTF-8 characters kept, not escaped)."""
    return json.dumps(to_data(value), ensure_ascii=False, separators=(", ", ": "))


def loads(text: str | bytes, tp: type[T] | Any) -> T:
    """Inverse of :func:`dumps`."""
    return from_data(json.loads(text), tp)


ValidationError = msgspec.ValidationError
"""What :func:`from_data` raises for data that does not fit the type (a ``ValueError``)."""

__all__ = ["ValidationError", "dumps", "from_data", "loads", "to_data"]
