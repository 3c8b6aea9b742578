"""Smoke pass: extract_events over real news articles of LGL and GeoWebNews.

Places come from the corpora's gold annotations (so this tests the events stage, not the
geoparser); publication dates from LGL's download time and from the date in GWN's links
(articles whose link has no date are skipped). Every event must have a date, a location with a
precision and an uncertainty, and evidence that indexes the article text.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from geomap.evaluate.corpora import (
    gold_toponyms,
    publication_dates,
    read_gwn,
    read_lgl,
)
from geomap.events import extract_events
from geomap.events.extract import is_incident_sentence
from geomap.events.sentences import split_sentences
from geomap.types import Article

pytestmark = pytest.mark.shared_data

PER_CORPUS = 15


def _incident_articles(docs, published: dict[str, datetime]):
    taken = 0
    for doc in docs:
        if doc.id not in published:
            continue
        if not any(is_incident_sentence(s.text) for s in split_sentences(doc.text)):
            continue
        yield Article(id=doc.id, text=doc.text, title=doc.title, published=published[doc.id])
        taken += 1
        if taken >= PER_CORPUS:
            return


@pytest.mark.parametrize("corpus", ["lgl", "gwn"])
def test_events_on_corpus_articles(shared_data, corpus):
    path = shared_data / "corpora" / ("lgl.xml" if corpus == "lgl" else "GWN.xml")
    published = publication_dates(path)
    reader = read_lgl(path) if corpus == "lgl" else read_gwn(path)
    docs = {d.id: d for d in reader}
    articles = list(_incident_articles(docs.values(), published))
    assert len(articles) >= 10  # GWN has 12 dated articles with incident words, LGL many more
    total = 0
    for article in articles:
        events = extract_events(article, gold_toponyms(docs[article.id]), [])
        total += len(events)
        assert len({e.event_id for e in events}) == len(events)
        assert sum(e.main for e in events) == (1 if events else 0)
        for e in events:
            assert e.date is not None
            assert e.location.precision in (1, 2, 3, 4)
            assert e.location.uncertainty_km > 0
            assert -90 <= e.location.lat <= 90 and -180 <= e.location.lon <= 180
            assert e.evidence and article.text[e.evidence_start : e.evidence_end] == e.evidence
            assert e.event_type and e.sub_event_type
            for b in e.borders:
                assert b.distance_km >= 0
    assert total >= len(articles) // 2  # articles chosen for incident words do give events
