"""Each stage alone, on a small ArticleResult (real gazetteer): it reads what the earlier stages
set and adds its own part."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from geomap.pipeline import Pipeline
from geomap.stages import incident_notes, mention_notes, relative_notes, stages
from geomap.types import Article, ArticleResult

PUB = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)
TEXT = ("Gunmen killed three people in a village 20 km north of Kandahar on Monday, "
        "police said.")


def _result(text: str = TEXT, **kw) -> ArticleResult:
    return ArticleResult(article=Article(id="t", text=text, published=PUB), **kw)


def _run(pipe: Pipeline, name: str, result: ArticleResult) -> ArticleResult:
    return stages.get(name)(pipe)(result)


def test_the_stages_are_registered_in_pipeline_order() -> None:
    assert stages.names()[:5] == ("language", "geoparse", "locate", "events", "admin_areas")


def test_language_identifies_and_sets_it_on_the_article(pipe) -> None:
    out = _run(pipe, "language",
               _result("Des hommes armés ont tué trois personnes à Lyon lundi."))
    assert out.language == "fr" and out.article.language == "fr"


def test_language_keeps_a_given_language(pipe) -> None:
    given = _result()
    given = replace(given, article=replace(given.article, language="ru"))
    assert _run(pipe, "language", given).language == "ru"


def test_geoparse_adds_resolved_toponyms(pipe) -> None:
    out = _run(pipe, "geoparse", _result(language="en"))
    names = {t.mention.text: t.place.country_code for t in out.toponyms if t.place}
    assert names.get("Kandahar") == "AF"
    assert out.errors == () and out.events == ()


def test_locate_adds_locations_and_their_relative_expressions(pipe) -> None:
    geoparsed = _run(pipe, "geoparse", _result(language="en"))
    out = _run(pipe, "locate", geoparsed)
    (loc,) = out.locations
    assert loc.anchor is not None and loc.anchor.place_id == "gn:1138336"
    assert loc.anchor.distance_km == 20.0
    assert out.relatives == (loc.relative,) and out.toponyms == geoparsed.toponyms


def test_events_reads_locations_and_tags_the_language(pipe) -> None:
    located = _run(pipe, "locate", _run(pipe, "geoparse", _result(language="en")))
    out = _run(pipe, "events", located)
    (event,) = out.events
    assert event.fatalities == 3 and event.language == "en"
    assert event.location.anchor is not None and event.location.anchor.place_id == "gn:1138336"
    assert event.location.admin1 is None and event.published is None  # admin_areas' part


def test_events_without_locations_still_finds_the_event(pipe) -> None:
    out = _run(pipe, "events", _run(pipe, "geoparse", _result(language="en")))
    (event,) = out.events
    assert event.location.anchor is None  # no relative location was given to it


def test_admin_areas_adds_areas_and_publication_time(pipe) -> None:
    steps = ("geoparse", "locate", "events", "admin_areas")
    result = _result(language="en")
    for name in steps:
        result = _run(pipe, name, result)
    (event,) = result.events
    assert event.published == PUB
    assert event.location.admin1 == "Qandahor"  # GeoNames' admin1 name


def test_admin_areas_on_no_events_is_a_no_op(pipe) -> None:
    given = _result(language="en")
    assert _run(pipe, "admin_areas", given) == given


def test_notes_are_empty_for_an_ordinary_article(pipe) -> None:
    result = _run(pipe, "geoparse", _result(language="en"))
    assert mention_notes(result.toponyms) == () and relative_notes(()) == ()
    assert incident_notes(result.article) == ()
