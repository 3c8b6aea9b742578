"""What the merge compares of an event: a compact, serialisable key (kept in the store).

The key holds the event's date, point and uncertainty, type, actors and counts, plus two
fingerprints of its report's wording: ``words`` (content words of the title and evidence) and
``names`` (rare capitalised words of the whole article: victims, suspects, streets, businesses;
reports of one shooting repeat them). Both come from the article alone, so a key never depends
on which other articles run with it (two runs on two halves give the keys of one run).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from geomap.types import Event

WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
NAME = re.compile(r"(?<![\w'])[A-Z][a-z]+(?:['\-][A-Za-z]+)?")
AGE = re.compile(r"\b(\d{1,3})[- ]year[- ]old\b", re.IGNORECASE)

MIN_WORD_LEN = 4
"""Shorter words are mostly function words ("the", "was", "and") that every report shares."""
MAX_NAMES = 60
"""Rare names kept per article: a long article's first names are its story's; the tail is
sidebars and related links, which would link unrelated stories."""
MAX_TEXT_CHARS = 6000
"""Article text scanned for names: the story proper (see MAX_NAMES)."""

FUNCTION_WORDS = frozenset(["about", "above", "after", "again", "against", "also", "among", "another", "around", "because", "been", "before", "being", "below", "between", "both", "could", "does", "doing", "down", "during", "each", "even", "every", "from", "further", "have", "having", "here", "into", "itself", "just", "many", "more", "most", "much", "must", "near", "never", "once", "only", "other", "over", "same", "should", "since", "some", "still", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "through", "under", "until", "very", "were", "what", "when", "where", "which", "while", "will", "with", "within", "without", "would", "your", "said", "says", "told", "according", "police", "officers", "officer", "reported", "report", "reports", "news", "were", "just"])
"""Words too common in news to say two reports share a story."""


@dataclass(frozen=True, slots=True)
class MergeKey:
    """One event as the merge sees it."""

    event_id: str
    article_id: str
    day: int | None
    """The date as a proleptic ordinal (``date.toordinal``), or None when undated."""
    date_precision: str | None
    lat: float
    lon: float
    uncertainty_km: float
    precision: int
    event_type: str
    sub_event_type: str
    actors: frozenset[str] = frozenset()
    fatalities: int | None = None
    injured: int | None = None
    words: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    ages: frozenset[int] = frozenset()
    main: bool = True
    """The article's main event (what its report is about), linked before its side events."""

    def to_record(self) -> dict[str, Any]:
        """A JSON-able dict (the store's ``merge_key`` column)."""
        return {
            "event_id": self.event_id, "article_id": self.article_id, "day": self.day,
            "date_precision": self.date_precision, "lat": self.lat, "lon": self.lon,
            "uncertainty_km": self.uncertainty_km, "precision": self.precision,
            "event_type": self.event_type, "sub_event_type": self.sub_event_type,
            "actors": sorted(self.actors), "fatalities": self.fatalities,
            "injured": self.injured, "words": sorted(self.words), "names": sorted(self.names),
            "ages": sorted(self.ages), "main": self.main,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> MergeKey:
        """The inverse of :meth:`to_record` (values are type-checked, never evaluated)."""
        def num(v: Any) -> float:
            if isinstance(v, bool) or not isinstance(v, int | float):
                raise ValueError("not a number")
            return float(v)

        def opt_int(v: Any) -> int | None:
            return v if isinstance(v, int) and not isinstance(v, bool) else None

        def strs(v: Any) -> frozenset[str]:
            return frozenset(x for x in (v or ()) if isinstance(x, str))

        return cls(
            event_id=str(rec["event_id"]), article_id=str(rec["article_id"]),
            day=opt_int(rec.get("day")),
            date_precision=rec.get("date_precision") if isinstance(rec.get("date_precision"), str)
            else None,
            lat=num(rec["lat"]), lon=num(rec["lon"]),
            uncertainty_km=num(rec.get("uncertainty_km") or 0.0),
            precision=opt_int(rec.get("precision")) or 4,
            event_type=str(rec.get("event_type") or ""),
            sub_event_type=str(rec.get("sub_event_type") or ""),
            actors=strs(rec.get("actors")), fatalities=opt_int(rec.get("fatalities")),
            injured=opt_int(rec.get("injured")), words=strs(rec.get("words")),
            names=strs(rec.get("names")),
            ages=frozenset(x for x in (rec.get("ages") or ()) if opt_int(x) is not None),
            main=rec.get("main") is not False,
        )


def content_words(text: str) -> frozenset[str]:
    """Lower-case content words (4+ letters, not function words)."""
    return frozenset(w for w in (m.lower() for m in WORD.findall(text))
                     if len(w) >= MIN_WORD_LEN and w not in FUNCTION_WORDS)


@lru_cache(maxsize=64)
def rare_names(text: str) -> frozenset[str]:
    """Capitalised words that are not ordinary English words nor calendar words: mostly people's
    and streets' names ("Jackson", "Kinsey", "Lawndale"), the words reports of one incident
    repeat and reports of another incident in the same town do not."""
    from geomap.recognize.words import STOP_NAMES, common_words

    common = common_words()
    out: list[str] = []
    seen: set[str] = set()
    for m in NAME.finditer(text[:MAX_TEXT_CHARS]):
        w = m.group(0).lower()
        if w in seen or w in common or w in STOP_NAMES or w in FUNCTION_WORDS or len(w) < 3:
            continue
        seen.add(w)
        out.append(w)
        if len(out) >= MAX_NAMES:
            break
    return frozenset(out)


@lru_cache(maxsize=64)
def ages(text: str) -> frozenset[int]:
    """Ages of the people in the story ("a 19-year-old woman")."""
    return frozenset(int(m.group(1)) for m in AGE.finditer(text[:MAX_TEXT_CHARS]))


def key_of(event: Event, article_text: str | None = None) -> MergeKey:
    """The merge key of an event; ``article_text`` (its article's text) adds the names."""
    loc = event.location
    title = event.title or ""
    body = article_text or event.evidence
    full = f"{title}\n{body[:MAX_TEXT_CHARS]}"  # one article's events share it: cached
    return MergeKey(
        event_id=event.event_id, article_id=event.article_id,
        day=event.date.toordinal() if isinstance(event.date, date) else None,
        date_precision=event.date_precision, lat=loc.lat, lon=loc.lon,
        uncertainty_km=float(loc.uncertainty_km), precision=int(loc.precision),
        event_type=event.event_type, sub_event_type=event.sub_event_type,
        actors=frozenset(a.lower() for a in event.actors),
        fatalities=event.fatalities, injured=event.injured,
        words=content_words(f"{title} {event.evidence}"),
        names=rare_names(full), ages=ages(full), main=bool(event.main),
    )
