"""The pipeline's stages, each registered by name (spaCy's component pattern).

A stage is a function ``ArticleResult -> ArticleResult``: it reads what the earlier stages put
in the article's result and returns the result with its own part added. A stage is made by a
factory registered in :data:`stages`, called once per :class:`~geomap.pipeline.Pipeline` with
the pipeline (which owns the shared state: gazetteer, recognizer), so a stage can be built and
tested alone on a small :class:`~geomap.types.ArticleResult`.

======================  ===========================  =========================================
stage                   reads                        adds
======================  ===========================  =========================================
``language``            ``article``                  ``language`` (and ``article.language``)
``geoparse``            ``article``, ``language``    ``toponyms``, truncation notes
``locate``              ``toponyms``                 ``locations``, ``relatives``, notes
``events``              ``toponyms``, ``locations``  ``events``, notes
``admin_areas``         ``events``, ``toponyms``     each event's admin1/admin2, ``published``
======================  ===========================  =========================================

Adding a stage: write ``@stages.register("name")`` on a factory ``(pipeline) -> stage`` here
(or in any module imported before the pipeline is built) and put ``"name"`` in the pipeline's
stage list (:data:`geomap.pipeline.DEFAULT_STAGES` for every run).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geomap.registry import Registry
from geomap.types import Article, ArticleResult, RelativeExpression, Toponym

if TYPE_CHECKING:
    from geomap.pipeline import Pipeline

Stage = Callable[[ArticleResult], ArticleResult]
"""One step of the pipeline: the article's result so far -> with this stage's part added."""

StageFactory = Callable[["Pipeline"], Stage]
"""Builds a stage for a pipeline (once per pipeline, so once per process)."""

stages: Registry[StageFactory] = Registry("stage")
"""Stage factories by name; a pipeline is an ordered list of these names."""


def _reading_language(result: ArticleResult) -> str:
    """The language whose rules the stages use: the one identified, else a script guess
    (a result built without the ``language`` stage, e.g. in a test)."""
    from geomap.lang import article_language
    from geomap.lang.identify import reading_language

    return reading_language(result.language) if result.language else article_language(
        result.article)


@stages.register("language")
def language_stage(pipeline: Pipeline) -> Stage:
    """The article's language (ISO 639-1): as given, else identified
    (:func:`geomap.lang.identify.identify`); set on the article too, which later stages read."""
    from geomap.lang.identify import identify

    def language(result: ArticleResult) -> ArticleResult:
        code = result.article.language or identify(result.article.text)
        return replace(result, language=code, article=replace(result.article, language=code))

    return language


@stages.register("geoparse")
def geoparse_stage(pipeline: Pipeline) -> Stage:
    """recognize + resolve (or resolve exactly the article's gold spans when it has them), with
    the rules of the article's language (English for a language geomap does not read)."""
    from geomap.lang.identify import reading_language
    from geomap.resolve import geoparse as resolve_article

    def geoparse(result: ArticleResult) -> ArticleResult:
        article = result.article
        toponyms = resolve_article(article.text, pipeline.gazetteer,
                                   recognizer=pipeline.recognizer, spans=article.gold_spans,
                                   language=reading_language(result.language or "en"))
        return replace(result, toponyms=tuple(toponyms),
                       errors=result.errors + mention_notes(toponyms))

    return geoparse


@stages.register("locate")
def locate_stage(pipeline: Pipeline) -> Stage:
    """Relative locations ("20 km north of X"), read with the rules of the article's language."""
    from geomap.lang import using
    from geomap.locate import locate as locate_text

    def locate(result: ArticleResult) -> ArticleResult:
        with using(_reading_language(result)):
            locations = tuple(locate_text(result.article.text, list(result.toponyms)))
        relatives = tuple(loc.relative for loc in locations if loc.relative is not None)
        return replace(result, locations=locations, relatives=relatives,
                       errors=result.errors + relative_notes(relatives))

    return locate


@stages.register("events")
def events_stage(pipeline: Pipeline) -> Stage:
    """Events, read with the rules of the article's language, each tagged with it."""
    from geomap.events import extract_events
    from geomap.lang import using

    def events(result: ArticleResult) -> ArticleResult:
        with using(_reading_language(result)):
            found = extract_events(result.article, list(result.toponyms),
                                   list(result.locations))
        return replace(result, events=tuple(replace(e, language=result.language) for e in found),
                       errors=result.errors + incident_notes(result.article))

    return events


@stages.register("admin_areas")
def admin_areas_stage(pipeline: Pipeline) -> Stage:
    """admin1/admin2 of each event's location (see :mod:`geomap.locate.admin`), and the
    article's publication time (ACLED's ``timestamp``)."""
    from geomap.locate.admin import AdminAreas, with_admin_areas

    areas: AdminAreas | None = None  # one per pipeline, made on first use: it caches towns

    def admin_areas(result: ArticleResult) -> ArticleResult:
        nonlocal areas
        if areas is None:
            areas = AdminAreas(pipeline.gazetteer)
        published = result.article.published
        known = {t.place.id: t.place for t in result.toponyms if t.place is not None}
        events = with_admin_areas(list(result.events), pipeline.gazetteer, areas=areas,
                                  known=known)
        return replace(result, events=tuple(replace(e, published=published) if published else e
                                            for e in events))

    return admin_areas


# --- truncation notes ------------------------------------------------------------------------
# Where a stage cut the article at a limit that keeps time and memory bounded (a pathological
# text, not news): its results then cover only part of it, and say so in ``errors``.

def mention_notes(toponyms: Sequence[Toponym]) -> tuple[str, ...]:
    """Place recognition stopped at its mention limits."""
    from geomap.recognize.gazetteer import MAX_MENTIONS_PER_ARTICLE, MAX_MENTIONS_PER_NAME

    notes = []
    if len(toponyms) >= MAX_MENTIONS_PER_ARTICLE:
        notes.append(f"truncated: place recognition stopped at {MAX_MENTIONS_PER_ARTICLE:,} "
                     "mentions; later places were not read")
    omitted = sum(t.mention.omitted for t in toponyms)
    if omitted:
        notes.append(f"truncated: {omitted:,} repeated mentions past {MAX_MENTIONS_PER_NAME} "
                     "of one name were counted, not resolved")
    return tuple(notes)


def relative_notes(relatives: Sequence[RelativeExpression]) -> tuple[str, ...]:
    """Relative locations stopped at their limit."""
    from geomap.locate import MAX_RELATIVES

    if len(relatives) >= MAX_RELATIVES:
        return (f"truncated: relative locations stopped at {MAX_RELATIVES:,}",)
    return ()


def incident_notes(article: Article) -> tuple[str, ...]:
    """Events were read from the first incident sentences only."""
    from geomap.events.extract import MAX_INCIDENT_SENTENCES, is_incident_sentence
    from geomap.events.sentences import split_sentences

    text = article.text
    # only a text with that many sentence ends can have that many incident sentences
    if text.count(".") + text.count("\n") > MAX_INCIDENT_SENTENCES and sum(
            is_incident_sentence(s.text) for s in split_sentences(text)) > MAX_INCIDENT_SENTENCES:
        return (f"truncated: events read from the first {MAX_INCIDENT_SENTENCES:,} "
                "incident sentences only",)
    return ()

