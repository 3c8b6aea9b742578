"""The pipeline: an ordered list of registered stages (the spaCy pattern).

``language -> geoparse (recognize + resolve) -> locate -> events -> admin_areas``; each stage
(:mod:`geomap.stages`) is a function ``ArticleResult -> ArticleResult`` registered by name, so a
pipeline is its list of stage names, any stage can be tested alone, and batch, multi-process,
resumed and Dask execution all just map :meth:`Pipeline.process` over articles.

A pipeline owns the expensive shared state, opened once per process (never per document): the
read-only gazetteer connection and the recognizer's automaton. Border geometries are cached by
:mod:`geomap.locate.borders` itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.registry import make_recognizer
from geomap.stages import Stage, incident_notes, mention_notes, relative_notes, stages
from geomap.types import Article, ArticleResult, RelativeExpression, Toponym

if TYPE_CHECKING:
    from geomap.gazetteer.base import Gazetteer
    from geomap.recognize.base import Recognizer

DEFAULT_STAGES: tuple[str, ...] = ("language", "geoparse", "locate", "events", "admin_areas")
"""What ``geomap run`` does to each article, in order."""

EVENT_STAGES = frozenset({"locate", "events", "admin_areas"})
"""The stages a pipeline ``with_events=False`` (``geomap geoparse``) leaves out."""

__all__ = ["DEFAULT_STAGES", "EVENT_STAGES", "Pipeline", "get_pipeline", "make_recognizer",
           "truncation_notes"]


@dataclass
class Pipeline:
    """Runs the stages on one article at a time. Create once per process (see :func:`get_pipeline`).

    ``stage_names``: the stages to run, in order (None: :data:`DEFAULT_STAGES`, without
    :data:`EVENT_STAGES` when not ``with_events``); an unknown name is a
    :class:`~geomap.errors.ConfigurationError` when the pipeline is built.
    """

    gazetteer_path: Path | None = None
    recognizer_name: str = "gazetteer"
    with_events: bool = True
    stage_names: tuple[str, ...] | None = None
    _gazetteer: Gazetteer | None = field(default=None, init=False, repr=False)
    _recognizer: Recognizer | None = field(default=None, init=False, repr=False)
    _stages: list[Stage] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.stage_names is None:
            self.stage_names = tuple(name for name in DEFAULT_STAGES
                                     if self.with_events or name not in EVENT_STAGES)
        self.stage_names = tuple(self.stage_names)
        for name in self.stage_names:
            stages.get(name)  # fail now, not at the first article

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, opened on first use (built if missing)."""
        if self._gazetteer is None:
            from geomap.gazetteer import open_gazetteer

            self._gazetteer = open_gazetteer(self.gazetteer_path, build_if_missing=True)
        return self._gazetteer

    @property
    def recognizer(self) -> Recognizer:
        """The recognizer named ``recognizer_name``, built on first use."""
        if self._recognizer is None:
            self._recognizer = make_recognizer(self.recognizer_name, self.gazetteer)
        return self._recognizer

    @property
    def components(self) -> list[Stage]:
        """The stages, built from their factories on first use (each once per pipeline)."""
        if self._stages is None:
            self._stages = [stages.get(name)(self) for name in self.stage_names or ()]
        return self._stages

    def process(self, article: Article) -> ArticleResult:
        """All stages on one article; ``errors`` says where a stage stopped at a limit."""
        result = ArticleResult(article=article)
        for stage in self.components:
            result = stage(result)
        return result

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
        """Close the gazetteer; the next article opens it again (with fresh stages)."""
        if self._gazetteer is not None:
            self._gazetteer.close()
            self._gazetteer = None
        self._recognizer = None
        self._stages = None


def truncation_notes(article: Article, toponyms: Sequence[Toponym],
                     relatives: Sequence[RelativeExpression] = (),
                     events: bool = False) -> tuple[str, ...]:
    """Where the stages cut ``article`` at a limit that keeps time and memory bounded (a
    pathological text, not news): its results then cover only part of it, and say so. (Each
    stage adds its own notes as it runs; this is all of them at once.)"""
    return (mention_notes(toponyms) + relative_notes(relatives)
            + (incident_notes(article) if events else ()))


@functools.cache
def get_pipeline(gazetteer_path: str | None = None, recognizer_name: str = "gazetteer",
                 with_events: bool = True) -> Pipeline:
    """The per-process pipeline for these settings (workers call this; state is built once)."""
    return Pipeline(Path(gazetteer_path) if gazetteer_path else None, recognizer_name, with_events)
