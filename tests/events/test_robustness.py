"""extract_events never fails on odd text, and its invariants hold (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.events import extract_events
from geomap.events.dates import find_date_expressions, resolve_date
from geomap.events.numbers import count_casualties, parse_number
from geomap.types import Article, Mention, Place, Toponym

WORDS = st.sampled_from([
    "killed", "attack", "Wednesday", "In May", "last year", "two", "hundred", "and", "a",
    "soldier", "policeman", "dead", "injured", "detained", "Town", "IS", "protesters", ".",
    ",", "\n", '"', "1,344", "3:23", "am", "U.S.", "Dr.", "the", "border", "2015", "dozens",
    "left", "were", "riot", "bomb", "é", "\u201c", " ",
])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=80).map(" ".join)
PLACE = Place("gn:1", "Town", 0.0, -30.0, "city", 1, country_code="NG")  # at sea: no borders


def _toponyms(text: str) -> list[Toponym]:
    out, i = [], text.find("Town")
    while i >= 0:
        out.append(Toponym(Mention(i, i + 4, "Town", "Town"), PLACE, 0.9, "test"))
        i = text.find("Town", i + 1)
    return out


@settings(max_examples=150, deadline=None)
@given(TEXT, st.booleans())
def test_events_invariants(text, with_date):
    published = datetime(2020, 2, 29, 12, tzinfo=UTC) if with_date else None
    article = Article(id="x/y", text=text, published=published)
    events = extract_events(article, _toponyms(text), [])
    assert sum(e.main for e in events) == (1 if events else 0)
    for e in events:
        assert text[e.evidence_start : e.evidence_end] == e.evidence and e.evidence.strip()
        assert "/" not in e.event_id
        assert e.location.precision in (1, 2, 3, 4)
        if with_date:
            assert e.date is not None
        for n in (e.fatalities, e.injured, e.detained):
            assert n is None or n > 0


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_parts_never_raise(text):
    parse_number(text)
    count_casualties(text)
    for expr in find_date_expressions(text):
        resolve_date(expr, datetime(2020, 2, 29, tzinfo=UTC))
        resolve_date(expr, None)
