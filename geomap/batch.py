"""Batch execution: map the pipeline over a stream of articles, in order, with bounded memory.

One process today (``jobs=1``); local processes and Dask plug in here behind the same
``iter_results`` function, so the CLI never changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from geomap.pipeline import get_pipeline
from geomap.types import Article, ArticleResult


def iter_results(articles: Iterable[Article], *, gazetteer_path: str | None = None,
                 recognizer: str = "gazetteer", with_events: bool = True, jobs: int = 1,
                 on_error: Callable[[Article, Exception], None] | None = None
                 ) -> Iterator[ArticleResult]:
    """Results for ``articles`` in input order; failures go to ``on_error``."""
    pipeline = get_pipeline(gazetteer_path, recognizer, with_events)
    yield from pipeline.map(articles, on_error=on_error)
