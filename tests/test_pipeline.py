"""A pipeline is its list of stage names: the default list, the list without events, a custom
list with a test's own stage, and the same result as running the stages by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from geomap.errors import ConfigurationError
from geomap.pipeline import DEFAULT_STAGES, Pipeline, get_pipeline, truncation_notes
from geomap.stages import stages
from geomap.types import Article, ArticleResult

PUB = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)
ARTICLE = Article(id="t", text="Gunmen killed three people 20 km north of Kandahar on Monday.",
                  published=PUB)


def test_default_lists() -> None:
    assert Pipeline().stage_names == DEFAULT_STAGES
    assert Pipeline(with_events=False).stage_names == ("language", "geoparse")


def test_an_unknown_stage_fails_when_the_pipeline_is_built() -> None:
    with pytest.raises(ConfigurationError, match="unknown stage 'nope'"):
        Pipeline(stage_names=("language", "nope"))


def test_process_is_the_stages_in_order(pipe) -> None:
    result = ArticleResult(article=ARTICLE)
    for name in DEFAULT_STAGES:
        result = stages.get(name)(pipe)(result)
    processed = pipe.process(ARTICLE)
    assert processed == result
    assert processed.language == "en" and processed.events and processed.locations
    assert processed.errors == truncation_notes(processed.article, processed.toponyms,
                                                processed.relatives, events=True) == ()


def test_without_events_stops_after_geoparse(gazetteer_path: Path) -> None:
    result = get_pipeline(str(gazetteer_path), "gazetteer", False).process(ARTICLE)
    assert result.toponyms and result.language == "en"
    assert result.events == () and result.locations == () and result.relatives == ()


def test_a_registered_stage_runs_in_a_custom_list(gazetteer_path: Path) -> None:
    @stages.register("test_shout")
    def shout(pipeline):
        def stage(result: ArticleResult) -> ArticleResult:
            names = ",".join(t.mention.text for t in result.toponyms)
            return replace(result, errors=(*result.errors, f"{result.language}:{names}"))
        return stage

    try:
        pipeline = Pipeline(gazetteer_path, stage_names=("language", "geoparse", "test_shout"))
        result = pipeline.process(ARTICLE)
        assert result.errors == ("en:Kandahar",) and result.events == ()
        pipeline.close()
    finally:
        stages.unregister("test_shout")
    assert "test_shout" not in stages


def test_a_failing_article_is_reported_not_fatal(gazetteer_path: Path) -> None:
    @stages.register("test_fail")
    def fail(pipeline):
        def stage(result: ArticleResult) -> ArticleResult:
            if result.article.id == "bad":
                raise ValueError("boom")
            return result
        return stage

    try:
        pipeline = Pipeline(gazetteer_path, stage_names=("language", "test_fail"))
        failed = []
        out = list(pipeline.map([replace(ARTICLE, id="bad"), ARTICLE],
                                on_error=lambda a, e: failed.append((a.id, str(e)))))
        assert [r.article.id for r in out] == ["t"] and failed == [("bad", "boom")]
    finally:
        stages.unregister("test_fail")
