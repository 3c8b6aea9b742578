"""The run journal (geomap.resume): results survive the JSON round trip, a torn last line is
redone, a journal left by another run neither leaks into this one nor is trusted, and one of
another format is refused (the serialisation itself: tests/test_serialize.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from geomap.errors import OutputError
from geomap.resume import JOURNAL_NAME, JOURNAL_VERSION, RunJournal, resumable_results
from geomap.types import (
    Anchor,
    Article,
    ArticleResult,
    BorderDistance,
    Event,
    Location,
    Mention,
    Place,
    RelativeExpression,
    Toponym,
)

PUBLISHED = datetime(2019, 11, 7, 8, 0, tzinfo=UTC)


def _result(article: Article) -> ArticleResult:
    """A result using every nested core type, dates, tuples of tuples and a mapping."""
    place = Place(id="gn:1221874", name="Tursunzoda", lat=38.51, lon=68.23, kind="city",
                  geonameid=1221874, country_code="TJ", population=55_000,
                  members=("TJ",))
    mention = Mention(start=0, end=10, text="Tursunzoda", name="tursunzoda")
    rel = RelativeExpression(start=20, end=40, text="5 km north of Tursunzoda",
                             relation="offset", anchor_text="Tursunzoda", anchor_start=34,
                             anchor_end=44, distance=5.0, unit="km", distance_km=5.0,
                             bearing_deg=0.0, bearing_text="north")
    loc = Location(name="Tursunzoda", lat=38.55, lon=68.23, precision=2, uncertainty_km=3.5,
                   country_code="TJ", method="relative", place_id=place.id,
                   anchor=Anchor(name="Tursunzoda", lat=38.51, lon=68.23, distance_km=5.0,
                                 bearing_deg=0.0, place_id=place.id),
                   relative=rel, admin1="Districts of Republican Subordination")
    event = Event(event_id=f"{article.id}-e1", article_id=article.id, event_type="Battles",
                  sub_event_type="Armed clash", date=date(2019, 11, 6), location=loc,
                  evidence="clash", evidence_start=0, evidence_end=5, main=True,
                  fatalities=17, actors=("Military Forces of Tajikistan",),
                  borders=(BorderDistance(country_code="TJ", name="Tajikistan",
                                          distance_km=12.5, nearest_lat=38.6,
                                          nearest_lon=68.1, other_country_code="UZ"),),
                  confidence=0.75, published=PUBLISHED, sources=(("location", 34, 44),))
    return ArticleResult(article=article,
                         toponyms=(Toponym(mention=mention, place=place, confidence=0.9,
                                           reason="population", alternatives=(place,)),),
                         relatives=(rel,), events=(event,), errors=("one warning",),
                         language="en")


def _article(i: int, source: str = "news.jsonl") -> Article:
    return Article(id=f"a{i}", text=f"Tursunzoda article {i}.", title=f"Title {i}",
                   published=PUBLISHED, source_path=source, gold_spans=((0, 10),))


def test_journal_round_trip_keeps_every_core_type(tmp_path: Path) -> None:
    """What the journal holds comes back equal (the article text only up to its head)."""
    original = _result(_article(1))
    journal = RunJournal(tmp_path, resume=False)
    journal.record("k", original)
    journal.close()
    back = RunJournal(tmp_path, resume=True).load("k")
    assert back == original
    assert type(back.events[0].location.anchor) is Anchor
    assert back.article.published == PUBLISHED and back.article.published.tzinfo is not None
    assert back.events[0].sources == (("location", 34, 44),)  # tuples, not lists


def test_journal_of_another_format_is_one_clear_error(tmp_path: Path) -> None:
    """A journal written by another geomap version (or not a journal) is refused, not
    half-read; without --resume it is simply replaced."""
    path = tmp_path / JOURNAL_NAME
    for header, what in (({"geomap_journal": 1}, "format 1"), ({"x": 1}, "not a geomap journal")):
        path.write_text(json.dumps(header) + "\n" + json.dumps(
            {"key": "k", "result": {"__t": "ArticleResult"}}) + "\n", encoding="utf-8")
        with pytest.raises(OutputError, match=f"{what}; this geomap reads format "
                                              f"{JOURNAL_VERSION}.*without --resume"):
            RunJournal(tmp_path, resume=True)
        journal = RunJournal(tmp_path, resume=False)
        assert journal.replaced and journal.done == {}
        journal.close()


def _run(seen: list[str]):
    """A stand-in for the pipeline's batch runner: makes each article's result and records
    which articles it was asked for."""
    def run(articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for a in articles:
            seen.append(a.id)
            yield _result(a)
    return run


def _journal_run(out: Path, articles: list[Article], *, resume: bool
                 ) -> tuple[list[ArticleResult], list[bool], list[str], RunJournal]:
    seen: list[str] = []
    journal = RunJournal(out, resume=resume)
    got = list(resumable_results(articles, journal, _run(seen)))
    journal.close()
    return [r for r, _ in got], [d for _, d in got], seen, journal


@pytest.mark.parametrize("cut", [40, 1], ids=["mid-record", "only-the-newline"])
def test_torn_last_line_is_redone_once_and_the_journal_stays_readable(tmp_path: Path,
                                                                       cut: int) -> None:
    articles = [_article(i) for i in range(4)]
    _journal_run(tmp_path, articles[:3], resume=False)  # interrupted after three articles
    path = tmp_path / JOURNAL_NAME
    data = path.read_bytes()
    assert data.count(b"\n") == 4  # header + three results
    path.write_bytes(data[:-cut])  # killed while writing the third

    results, was_done, seen, journal = _journal_run(tmp_path, articles, resume=True)
    assert journal.n_torn == 1
    assert seen == ["a2", "a3"]  # the torn article is done again, the finished ones are not
    assert was_done == [True, True, False, False]
    assert results == [_result(a) for a in articles]  # in input order, equal to fresh results

    # the line written after the torn one is not glued to it: a third attempt finds all four
    # (a record torn only of its newline is whole once the newline follows it: no longer torn)
    results, was_done, seen, journal = _journal_run(tmp_path, articles, resume=True)
    assert journal.n_torn == (1 if cut > 1 else 0) and seen == [] and all(was_done)
    assert results == [_result(a) for a in articles]


def test_journal_of_another_run_is_not_reused(tmp_path: Path) -> None:
    other = [_article(i, source="other.jsonl") for i in range(3)]
    _journal_run(tmp_path, other, resume=False)
    mine = [_article(i, source="news.jsonl") for i in range(2)]  # same ids, another input

    results, was_done, seen, journal = _journal_run(tmp_path, mine, resume=True)
    assert seen == ["a0", "a1"] and was_done == [False, False]  # nothing taken from it
    assert [r.article.source_path for r in results] == ["news.jsonl", "news.jsonl"]

    # without --resume an interrupted run's journal is replaced, and said so
    results, was_done, seen, journal = _journal_run(tmp_path, mine, resume=False)
    assert journal.replaced and seen == ["a0", "a1"]
    lines = (tmp_path / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"geomap_journal": JOURNAL_VERSION} and len(lines) == 3


def test_repeated_ids_are_separate_articles(tmp_path: Path) -> None:
    """Ids may repeat within an input: each occurrence is its own journal entry."""
    twice = [_article(1), _article(1)]
    _journal_run(tmp_path, twice[:1], resume=False)
    results, was_done, seen, _ = _journal_run(tmp_path, twice, resume=True)
    assert was_done == [True, False] and seen == ["a1"] and len(results) == 2


def test_discard_removes_the_journal(tmp_path: Path) -> None:
    journal = RunJournal(tmp_path, resume=False)
    journal.record("k", _result(_article(1)))
    journal.discard()
    assert not (tmp_path / JOURNAL_NAME).exists()
