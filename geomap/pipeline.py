"""The pipeline, as an explicit list of stages (the spaCy pattern).

``ingest -> recognize -> resolve -> locate -> events``; each stage is a plain function of the
previous stages' results, so any stage can be tested alone, and batch, multi-process and Dask
execution all just map :meth:`Pipeline.process` over articles.

A pipeline owns the expensive shared state, opened once per process (never per document): the
read-only gazetteer connection and the recognizer's automaton. Border geometries are cached by
:mod:`geomap.locate.borders` itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from geomap.types import Article, ArticleResult, Location, Toponym


@dataclass
class Pipeline:
    """Runs the stages on one article at a time. Create once per process (see :func:`get_pipeline`)."""

    gazetteer_path: Path | None = None
    recognizer_name: str = "gazetteer"
    with_events: bool = True
    _gazetteer: object = field(default=None, init=False, repr=False)
    _recognizer: object = field(default=None, init=False, repr=False)
    _admin_areas: object = field(default=None, init=False, repr=False)

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from geomap.gazetteer import open_gazetteer

            self._gazetteer = open_gazetteer(self.gazetteer_path, build_if_missing=True)
        return self._gazetteer

    @property
    def recognizer(self):
        if self._recognizer is None:
            self._recognizer = make_recognizer(self.recognizer_name, self.gazetteer)
        return self._recognizer

    # --- stages -------------------------------------------------------------------------
    def language(self, article: Article) -> str:
        """The article's language (ISO 639-1): as given, else identified
        (:func:`geomap.lang.identify.identify`)."""
        from geomap.lang.identify import identify

        return article.language or identify(article.text)

    def geoparse(self, article: Article, language: str = "en") -> list[Toponym]:
        """recognize + resolve (or resolve exactly the article's gold spans when it has them),
        with the rules of ``language`` (English for a language geomap does not read)."""
        from geomap.lang.identify import reading_language
        from geomap.resolve import geoparse

        return geoparse(article.text, self.gazetteer, recognizer=self.recognizer,
                        spans=article.gold_spans,
                        language=reading_language(language))

    def locate(self, article: Article, toponyms: list[Toponym],
               language: str | None = None) -> list[Location]:
        """Relative locations, read with the rules of ``language`` (else a script guess)."""
        from geomap.lang import article_language, using
        from geomap.lang.identify import reading_language
        from geomap.locate import locate

        code = reading_language(language) if language else article_language(article)
        with using(code):
            return locate(article.text, toponyms)

    def events(self, article: Article, toponyms: list[Toponym], locations: list[Location],
               language: str | None = None):
        """Events, read with the rules of ``language`` (else a script guess)."""
        from geomap.events import extract_events
        from geomap.lang import article_language, using
        from geomap.lang.identify import reading_language

        code = reading_language(language) if language else article_language(article)
        with using(code):
            return extract_events(article, toponyms, locations)

    def admin_areas(self, events, article: Article, toponyms: Sequence[Toponym] = ()):
        """admin1/admin2 of each event's location (see :mod:`geomap.locate.admin`), and the
        article's publication time (ACLED's ``timestamp``)."""
        import dataclasses

        from geomap.locate.admin import AdminAreas, with_admin_areas

        if self._admin_areas is None:  # one per process: it caches each country's towns
            self._admin_areas = AdminAreas(self.gazetteer)
        return [dataclasses.replace(e, published=article.published) if article.published else e
                for e in with_admin_areas(events, self.gazetteer, areas=self._admin_areas,
                                          known={t.place.id: t.place for t in toponyms
                                                 if t.place is not None})]

    def process(self, article: Article) -> ArticleResult:
        """All stages on one article; ``errors`` says where a stage stopped at a limit."""
        language = self.language(article)
        article = replace(article, language=language)  # the later stages read it
        toponyms = self.geoparse(article, language)
        if not self.with_events:
            return ArticleResult(article=article, toponyms=tuple(toponyms), language=language,
                                 errors=truncation_notes(article, toponyms))
        locations = self.locate(article, toponyms, language)
        events = self.events(article, toponyms, locations, language)
        events = [replace(e, language=language) for e in events]
        events = self.admin_areas(events, article, toponyms)
        relatives = tuple(loc.relative for loc in locations if loc.relative is not None)
        return ArticleResult(article=article, toponyms=tuple(toponyms), relatives=relatives,
                             events=tuple(events), language=language,
                             errors=truncation_notes(article, toponyms, relatives, events=True))

    def map(self, articles: Iterable[Article],
            on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[ArticleResult]:
        """Process a stream of articles in order; an article that fails is reported, not fatal."""
        for article in articles:
            try:
                yield self.process(article)
            except Exception as exc:  # one bad article never costs the others
                if on_error is None:
                    raise
                on_error(article, exc)

    def close(self) -> None:
        if self._gazetteer is not None:
            self._gazetteer.close()
            self._gazetteer = None
        self._recognizer = None


def truncation_notes(article: Article, toponyms: list[Toponym],
                     relatives: tuple = (), events: bool = False) -> tuple[str, ...]:
    """Where the stages cut ``article`` at a limit that keeps time and memory bounded (a
    pathological text, not news): its results then cover only part of it, and say so."""
    from geomap.events.extract import MAX_INCIDENT_SENTENCES, is_incident_sentence
    from geomap.events.sentences import split_sentences
    from geomap.locate import MAX_RELATIVES
    from geomap.recognize.gazetteer import MAX_MENTIONS_PER_ARTICLE, MAX_MENTIONS_PER_NAME

    notes = []
    if len(toponyms) >= MAX_MENTIONS_PER_ARTICLE:
        notes.append(f"truncated: place recognition stopped at {MAX_MENTIONS_PER_ARTICLE:,} "
                     "mentions; later places were not read")
    omitted = sum(t.mention.omitted for t in toponyms)
    if omitted:
        notes.append(f"truncated: {omitted:,} repeated mentions past {MAX_MENTIONS_PER_NAME} "
                     "of one name were counted, not resolved")
    if len(relatives) >= MAX_RELATIVES:
        notes.append(f"truncated: relative locations stopped at {MAX_RELATIVES:,}")
    text = article.text
    # only a text with that many sentence ends can have that many incident sentences
    if events and text.count(".") + text.count("\n") > MAX_INCIDENT_SENTENCES and sum(
            is_incident_sentence(s.text) for s in split_sentences(text)) > MAX_INCIDENT_SENTENCES:
        notes.append(f"truncated: events read from the first {MAX_INCIDENT_SENTENCES:,} "
                     "incident sentences only")
    return tuple(notes)


def make_recognizer(name: str, gazetteer):
    """The recognizer called ``name``: ``gazetteer`` (default, no model) or ``spacy``."""
    from geomap.errors import ConfigurationError

    if name == "gazetteer":
        from geomap.recognize import GazetteerRecognizer

        return GazetteerRecognizer(gazetteer)
    if name == "spacy":
        from geomap.recognize import SpacyRecognizer

        return SpacyRecognizer(gazetteer)
    raise ConfigurationError(f"unknown recognizer {name!r} (choose gazetteer or spacy)")


@functools.cache
def get_pipeline(gazetteer_path: str | None = None, recognizer_name: str = "gazetteer",
                 with_events: bool = True) -> Pipeline:
    """The per-process pipeline for these settings (workers call this; state is built once)."""
    return Pipeline(Path(gazetteer_path) if gazetteer_path else None, recognizer_name, with_events)
