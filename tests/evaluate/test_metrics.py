"""Metrics on hand-computed cases; corpus readers on the real gold standards."""

from __future__ import annotations

import math

import pytest

from geomap.evaluate import (
    EARTH_HALF_CIRCUMFERENCE_KM,
    GoldDocument,
    GoldToponym,
    Scores,
    auc_log_error,
    match_spans,
    read_corpus,
)
from geomap.types import Mention, Place, Toponym


def test_auc_bounds():
    assert auc_log_error([0.0, 0.0, 0.0]) == 0.0
    assert auc_log_error([EARTH_HALF_CIRCUMFERENCE_KM] * 3) == pytest.approx(1.0)
    mid = auc_log_error([0.0, EARTH_HALF_CIRCUMFERENCE_KM])
    assert mid == pytest.approx(0.5)
    assert math.isnan(auc_log_error([]))


def test_match_spans_overlap_one_to_one():
    gold = [(0, 5), (10, 20), (30, 35)]
    pred = [(1, 4), (12, 14), (15, 25), (40, 45)]
    pairs = match_spans(gold, pred)
    assert (0, 0) in pairs
    assert (1, 2) in pairs  # larger overlap wins
    assert len(pairs) == 2


def _place(lat, lon):
    return Place("gn:1", "X", lat, lon, "city")


def test_scores_end_to_end():
    doc = GoldDocument(
        "d", "Paris and Lyon and Nice.",
        (GoldToponym(0, 5, "Paris", 48.85, 2.35), GoldToponym(10, 14, "Lyon", 45.75, 4.85)),
    )
    tops = [
        Toponym(Mention(0, 5, "Paris", "Paris"), _place(48.85, 2.35), 0.9, "r"),
        Toponym(Mention(10, 14, "Lyon", "Lyon"), _place(48.85, 2.35), 0.9, "r"),
        Toponym(Mention(19, 23, "Nice", "Nice"), None, 0.0, "r"),
    ]
    s = Scores()
    s.add(doc, tops, gold_spans=False)
    d = s.as_dict()
    assert d["true_positive"] == 2 and d["predicted"] == 3 and d["gold"] == 2
    assert d["precision"] == pytest.approx(2 / 3) and d["recall"] == 1.0
    assert d["acc161"] == 0.5  # Lyon placed in Paris is ~390 km off
    assert 380 < max(s.errors_km) < 400


def test_unresolved_counts_as_max_error():
    doc = GoldDocument("d", "Paris", (GoldToponym(0, 5, "Paris", 48.85, 2.35),))
    s = Scores()
    s.add(doc, [Toponym(Mention(0, 5, "Paris", "Paris"), None, 0.0, "r")], gold_spans=True)
    assert s.errors_km == [EARTH_HALF_CIRCUMFERENCE_KM] and s.unresolved == 1


@pytest.mark.parametrize(("fmt", "fname", "docs", "located"),
                         [("lgl", "lgl.xml", 588, 4462), ("gwn", "GWN.xml", 200, 2601)])
def test_readers_on_real_corpora(shared_data, fmt, fname, docs, located):
    n_docs = n_located = 0
    for doc in read_corpus(shared_data / "corpora" / fname, fmt):
        n_docs += 1
        for g in doc.toponyms:
            assert 0 <= g.start < g.end <= len(doc.text)
            n_located += g.is_toponym
            if g.is_toponym and fmt == "lgl":
                assert doc.text[g.start:g.end] == g.phrase
    assert n_docs == docs
    assert n_located >= located - 2  # two GWN offsets point outside the text


def test_reader_limit(shared_data):
    assert len(list(read_corpus(shared_data / "corpora" / "lgl.xml", "lgl", limit=3))) == 3
