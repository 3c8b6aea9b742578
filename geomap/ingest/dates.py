"""Publication dates: ISO 8601 strictly, other common forms with dateutil."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from geomap.errors import InputError

_ISO_LIKE = re.compile(r"\d{4}-\d{1,2}(?:-\d{1,2})?(?:[T ].*)?$")
"""A date that starts with a 4-digit year: ISO 8601, read strictly (2019-13-01 is an error)."""
_DAY_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
"""A numeric date that may be day/month or month/day (05/03/2024)."""
_DATE_DEFAULT = datetime(2000, 1, 1)
"""Fills what a date leaves out ("May 2024" -> 1 May 2024), never today's day."""


def parse_published(value: object, *, path: str | None = None, line: int | None = None,
                    dayfirst: bool | None = None,
                    warn: Callable[[str], None] | None = None,
                    plausible: bool = True) -> datetime | None:
    """Parse a publication date; None when absent.

    ISO 8601 (``2019-11-06``, ``2019-11-06T10:42:15Z``) is read strictly; other common forms
    (``05/03/2024``, ``6 Nov 2019``, ``Wed, 06 Nov 2019 10:42:15 GMT``) with dateutil. A
    numeric date whose day and month could swap is read month first unless ``dayfirst``;
    when ``dayfirst`` is None ``warn`` is told so. Dates more than a day in the future or
    before 1800 are rejected (they would silently mis-date every relative date in the article)
    unless ``plausible`` is false.
    """
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"'published' must be a date string, got {type(value).__name__}",
                         path=path, line=line)
    text = value.strip()
    try:
        if _ISO_LIKE.match(text):
            dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            dt = _parse_loose(text, dayfirst, warn)
    except (ValueError, OverflowError):
        raise InputError(f"'published' is not an ISO 8601 date or a common date form: "
                         f"{text[:40]!r}", path=path, line=line) from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    if not plausible:
        return dt
    now = datetime.now(UTC)
    if dt.year < 1800:
        raise InputError(f"'published' is implausibly old: {text[:40]!r}", path=path, line=line)
    if (dt - now).days >= 1:
        raise InputError(f"'published' is in the future: {text[:40]!r}", path=path, line=line)
    return dt


def _parse_loose(text: str, dayfirst: bool | None, warn: Callable[[str], None] | None
                 ) -> datetime:
    import warnings

    from dateutil import parser

    if len(text) > 64 or not any(c.isdigit() for c in text):
        raise ValueError("not a date")  # "yesterday", a sentence: no date to read
    with warnings.catch_warnings():  # an unknown zone name ("EST") is read as UTC
        warnings.simplefilter("ignore")
        dt = parser.parse(text, dayfirst=bool(dayfirst), default=_DATE_DEFAULT)
    m = _DAY_MONTH.match(text)
    if dayfirst is None and warn is not None and m and m[1] != m[2] \
            and int(m[1]) <= 12 and int(m[2]) <= 12:
        warn(f"ambiguous date {text[:40]!r} read as {dt.date().isoformat()} (month first); "
             "give --dayfirst if days come first")
    return dt
