"""Local worker processes (geomap.batch): same results as one process, in order, bounded."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import time
from pathlib import Path

import pytest

from geomap.batch import IN_FLIGHT_PER_WORKER, ArticleFailed, iter_results
from geomap.distributed import result_record
from geomap.errors import DataError
from geomap.evaluate.corpora import read_gwn
from geomap.export import event_feature, toponym_feature
from geomap.ingest import read_file
from geomap.types import Article, ArticleResult

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]

WORKER_DEATH_TIMEOUT_S = 300
"""Bound on a worker-death test: each death restarts two workers (gazetteer and automaton
loaded again), a few seconds each on a busy two-core machine."""


@pytest.fixture(scope="module")
def articles(shared_data: Path, seed_path: Path) -> list[Article]:
    """The seed article and 19 GeoWebNews texts (dated like the seed)."""
    seed = next(read_file(seed_path, lambda p: None))
    gwn = [Article(id=f"gwn-{d.id}", text=d.text, title=d.title, published=seed.published)
           for d in read_gwn(shared_data / "corpora" / "GWN.xml", limit=19)]
    return [seed, *gwn]


def _as_json(result: ArticleResult) -> str:
    return json.dumps({"events": [event_feature(e) for e in result.events],
                       "places": [toponym_feature(result.article.id, t) for t in result.toponyms]},
                      sort_keys=True)


def test_two_processes_give_the_one_process_results_in_order(
        articles: list[Article], gazetteer_path: Path) -> None:
    bad = Article(id="bad", text=None)  # type: ignore[arg-type] -- a record no stage can read
    inputs = [*articles[:7], bad, *articles[7:]]
    pulled = 0

    def source():
        nonlocal pulled
        for a in inputs:
            pulled += 1
            yield a

    failed: list[tuple[str, Exception]] = []
    pulled_at_first_result = None
    parallel = []
    for result in iter_results(source(), gazetteer_path=str(gazetteer_path), jobs=2,
                               chunksize=1, min_parallel=0, prepare=result_record,
                               on_error=lambda a, exc: failed.append((a.id, exc))):
        if pulled_at_first_result is None:
            pulled_at_first_result = pulled
        parallel.append(result)
    serial = list(iter_results(articles, gazetteer_path=str(gazetteer_path), jobs=1))

    assert [r.article.id for r in parallel] == [a.id for a in articles]
    assert [r.article for r in parallel] == articles  # the caller's own objects come back
    assert [_as_json(r) for r in parallel] == [_as_json(r) for r in serial]
    # per-article encoding done in the workers comes back with each result
    assert [r.extra["prepared"] for r in parallel] == [result_record(r) for r in serial]
    assert sum(len(r.events) for r in serial) > 0 and sum(len(r.toponyms) for r in serial) > 50
    assert [i for i, _ in failed] == ["bad"]
    assert isinstance(failed[0][1], ArticleFailed) and "Error" in str(failed[0][1])
    # the input is read a bounded window ahead of the output, not all at once
    assert pulled_at_first_result is not None
    assert pulled_at_first_result <= 2 * IN_FLIGHT_PER_WORKER < len(inputs)


def test_short_input_with_jobs_runs_in_one_process(articles: list[Article],
                                                   gazetteer_path: Path) -> None:
    # 3 articles < 2 * MIN_ARTICLES_PER_WORKER: no pool is started, results are the same
    got = list(iter_results(articles[:3], gazetteer_path=str(gazetteer_path), jobs=2))
    assert [r.article.id for r in got] == [a.id for a in articles[:3]]
    with pytest.raises(TypeError):  # one process, no on_error: the error itself propagates
        list(iter_results([Article(id="bad", text=None)],  # type: ignore[arg-type]
                          gazetteer_path=str(gazetteer_path), jobs=2))


def _prepare_failing(result: ArticleResult) -> None:
    """A ``prepare`` hook (it runs in the worker) failing as the set-up or as one article."""
    if result.article.id == "setup":
        raise DataError("borders data unreadable")
    if result.article.id == "one":
        raise ValueError("only this article")


@pytest.mark.parametrize("jobs", [1, 2])
def test_set_up_errors_stop_the_run_as_their_own_class(jobs: int, articles: list[Article],
                                                       gazetteer_path: Path) -> None:
    """An article failing costs only itself; a set-up error (``fatal``) raised for an article,
    in a worker or here, stops the run as its own class, even with ``on_error``."""
    one = dataclasses.replace(articles[1], id="one")
    setup = dataclasses.replace(articles[2], id="setup")
    failed: list[tuple[str, Exception]] = []
    got: list[str] = []
    with pytest.raises(DataError, match="^borders data unreadable$") as info:
        for r in iter_results([articles[0], one, articles[3], setup, articles[4]],
                              gazetteer_path=str(gazetteer_path), jobs=jobs, chunksize=1,
                              min_parallel=0, prepare=_prepare_failing,
                              on_error=lambda a, exc: failed.append((a.id, exc))):
            got.append(r.article.id)
    assert type(info.value) is DataError and info.value.fatal
    assert got == [articles[0].id, articles[3].id]
    assert [a for a, _ in failed] == ["one"] and "only this article" in str(failed[0][1])


def _prepare_dying(result: ArticleResult) -> None:
    """A ``prepare`` hook (it runs in the worker) that kills its own worker with SIGKILL, as
    the out-of-memory killer would: on every attempt at article "dies-always", and on the
    first attempt only at an article whose ``author`` names a marker file not yet there."""
    article = result.article
    if article.id == "dies-always":
        os.kill(os.getpid(), signal.SIGKILL)
    if article.id == "dies-once" and article.author:
        marker = Path(article.author)
        if not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.timeout(WORKER_DEATH_TIMEOUT_S)
def test_worker_killed_once_is_replaced_and_nothing_is_lost(
        articles: list[Article], tiny_gazetteer_path: Path, tmp_path: Path) -> None:
    """A worker dies (SIGKILL) mid-run: the pool is replaced, the articles in flight are done
    again, and every result comes back once, in order, as one process makes it."""
    marker = tmp_path / "died"
    dies = dataclasses.replace(articles[1], id="dies-once", author=str(marker))
    inputs = [articles[0], dies, *articles[2:5]]
    failed: list[tuple[str, Exception]] = []
    got = list(iter_results(inputs, gazetteer_path=str(tiny_gazetteer_path), jobs=2, chunksize=1,
                            min_parallel=0, prepare=_prepare_dying,
                            on_error=lambda a, exc: failed.append((a.id, exc))))
    serial = list(iter_results(inputs, gazetteer_path=str(tiny_gazetteer_path), jobs=1))
    assert marker.exists(), "no worker was killed"
    assert failed == []
    assert [r.article.id for r in got] == [a.id for a in inputs]
    assert [_as_json(r) for r in got] == [_as_json(r) for r in serial]


@pytest.mark.timeout(WORKER_DEATH_TIMEOUT_S)
def test_article_that_keeps_killing_workers_is_reported_and_skipped(
        articles: list[Article], tiny_gazetteer_path: Path) -> None:
    """An article that kills every worker it reaches is reported after three deaths, and the
    run ends instead of replacing workers for ever."""
    killer = dataclasses.replace(articles[0], id="dies-always")
    failed: list[tuple[str, Exception]] = []
    got = list(iter_results([killer], gazetteer_path=str(tiny_gazetteer_path), jobs=2, chunksize=1,
                            min_parallel=0, prepare=_prepare_dying,
                            on_error=lambda a, exc: failed.append((a.id, exc))))
    assert got == []
    assert [a for a, _ in failed] == ["dies-always"]
    assert isinstance(failed[0][1], ArticleFailed) and "WorkerDied" in str(failed[0][1])


SLOW_S = 3.0
"""How long a "slow-" article's ``prepare`` sleeps: it is still running on the other worker
when the article beside it kills its own."""


def _prepare_slow_or_dying(result: ArticleResult) -> None:
    """:func:`_prepare_dying`, and a pause for articles whose id starts with "slow-"."""
    if result.article.id.startswith("slow-"):
        time.sleep(SLOW_S)
    _prepare_dying(result)


@pytest.mark.timeout(WORKER_DEATH_TIMEOUT_S)
def test_articles_in_flight_beside_a_killer_are_not_blamed(
        articles: list[Article], tiny_gazetteer_path: Path) -> None:
    """Articles running or queued on the other workers each time a worker dies are innocent:
    they are done again and come back; only the article that kills its worker is reported."""
    killer = dataclasses.replace(articles[0], id="dies-always")
    slow = [dataclasses.replace(a, id=f"slow-{i}") for i, a in enumerate(articles[1:3])]
    failed: list[tuple[str, Exception]] = []
    got = list(iter_results([killer, *slow], gazetteer_path=str(tiny_gazetteer_path), jobs=2,
                            chunksize=1, min_parallel=0, prepare=_prepare_slow_or_dying,
                            on_error=lambda a, exc: failed.append((a.id, exc))))
    assert [a for a, _ in failed] == ["dies-always"]
    assert "WorkerDied" in str(failed[0][1])
    assert [r.article.id for r in got] == ["slow-0", "slow-1"]
    serial = list(iter_results(slow, gazetteer_path=str(tiny_gazetteer_path), jobs=1))
    assert [_as_json(r) for r in got] == [_as_json(r) for r in serial]
