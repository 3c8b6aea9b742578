"""``geomap eval``: score geoparsing against the LGL or GeoWebNews gold standard, or events
against human-coded event records (``--format events``)."""

from __future__ import annotations

import json
import math
import time

import click

from geomap.cli.options import gazetteer_option, progress_bar, quiet_option, recognizer_option


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return "n/a" if math.isnan(value) else f"{value:.3f}"
    return str(value)


@click.command()
@click.argument("corpus", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["lgl", "gwn", "events", "merge"]), required=True,
              help="Corpus format: lgl (LGL, lgl.xml), gwn (GeoWebNews, GWN.xml) or events "
                   "(JSON Lines of coded incidents, see geomap.evaluate.events).")
@click.option("--gold-spans", is_flag=True,
              help="Resolve the gold spans only (resolution accuracy); default is end to end.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="First N documents only.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--pick", type=click.Choice(["main", "best"]), default="main", show_default=True,
              help="events: the event compared with the gold (main: what a user sees; best: "
                   "the best match, an upper bound). Both are in --json.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="events: worker processes (0 = all cores).")
@click.option("--no-title", is_flag=True, help="events: leave the records' titles out.")
@gazetteer_option
@recognizer_option
@quiet_option
def evaluate(corpus: str, fmt: str, gold_spans: bool, limit: int | None, as_json: bool,
             pick: str, jobs: int, no_title: bool,
             gazetteer_path: str | None, recognizer: str, quiet: bool) -> None:
    """Score geomap on a gold-standard CORPUS (lgl.xml, GWN.xml or an events .jsonl).

    \b
    End to end (default): recognition precision/recall/F1 on overlapping spans, and distance
    metrics on the matched mentions. With --gold-spans: the gold spans are resolved as given.
    Metrics: accuracy@161 km, mean and median error (km), AUC of the log-error curve (area
    under ln(1+error_km) over sorted errors / ln(20039); lower is better), per-kind breakdown,
    documents per second. An unresolved mention counts as a 20,039 km error.
    Events (--format events): the whole pipeline runs on each record's text, and one event
    per record (--pick) is compared with the coder's: coverage, distance (within 10/25/50/161
    km, median), country, date (exact, within a day), fatalities and injured (exact, within
    one; also where the gold count is above 0), type and sub-type, actor recall.
    Example:  geomap eval $GEOMAP_SHARED_DATA/corpora/GWN.xml --format gwn --gold-spans
    Example:  geomap eval my_coded_events.jsonl --format events --jobs 2

    \b
    Merging (--format merge): all records run together, their events are merged into
    incidents, and records whose meta.incident_id is equal should share one incident_id:
    pairwise and B-cubed precision, recall and F1 (as score_merge.py).
    Example:  geomap eval $GEOMAP_SHARED_DATA/events/gvc_dev.jsonl --format merge
    """
    from geomap.cli.options import require_inputs

    require_inputs((corpus,))  # a mistyped path: one line, exit 2 (as run and geoparse)
    if fmt == "merge":
        _evaluate_merge(corpus, limit=limit, as_json=as_json, pick=pick, jobs=jobs,
                        with_title=not no_title, gazetteer_path=gazetteer_path,
                        recognizer=recognizer, quiet=quiet)
        return
    if fmt == "events":
        _evaluate_events(corpus, limit=limit, as_json=as_json, pick=pick, jobs=jobs,
                         with_title=not no_title, gazetteer_path=gazetteer_path,
                         recognizer=recognizer, quiet=quiet)
        return
    from geomap.evaluate import Scores, read_corpus
    from geomap.gazetteer import open_gazetteer
    from geomap.lang.identify import identify, reading_language
    from geomap.registry import make_recognizer
    from geomap.resolve import geoparse

    gaz = open_gazetteer(gazetteer_path, progress=not quiet)
    scores = Scores()
    try:
        rec = make_recognizer(recognizer, gaz)
        geoparse("warm up: Paris", gaz, recognizer=rec)  # loads models outside the timed loop
        with progress_bar("eval", total=limit, quiet=quiet) as bar:
            for doc in read_corpus(corpus, fmt, limit=limit):  # type: ignore[arg-type]
                t0 = time.perf_counter()
                # as geomap run reads it: in the language identified (timed with the rest)
                language = reading_language(identify(doc.text))
                if gold_spans:
                    spans = [(g.start, g.end) for g in doc.toponyms if g.is_toponym]
                    toponyms = geoparse(doc.text, gaz, spans=spans, language=language)
                else:
                    toponyms = geoparse(doc.text, gaz, recognizer=rec, language=language)
                scores.seconds += time.perf_counter() - t0
                scores.add(doc, toponyms, gold_spans=gold_spans)
                bar.advance()
    finally:
        gaz.close()
    report = scores.as_dict()
    report["corpus"] = fmt
    report["mode"] = "gold spans" if gold_spans else "end to end"
    report["recognizer"] = recognizer
    if as_json:
        click.echo(json.dumps(report, allow_nan=True))
        return
    click.echo(f"{fmt} ({report['mode']}), {report['documents']} documents")
    if not gold_spans:
        click.echo(
            f"  recognition  P {_fmt(report['precision'])}  R {_fmt(report['recall'])}  "
            f"F1 {_fmt(report['f1'])}  (gold {report['gold']}, predicted {report['predicted']}, "
            f"matched {report['true_positive']})"
        )
    click.echo(
        f"  resolution   acc@161 {_fmt(report['acc161'])}  mean {_fmt(report['mean_error_km'])} km"
        f"  median {_fmt(report['median_error_km'])} km  AUC {_fmt(report['auc'])}  "
        f"(n {report['mentions_scored']}, unresolved {report['unresolved']})"
    )
    for kind, ks in report["by_kind"].items():
        click.echo(f"    {kind:<17} n {ks['n']:>5}  acc@161 {_fmt(ks['acc161'])}  "
                   f"median {_fmt(ks['median_km'])} km")
    click.echo(f"  speed        {_fmt(report['docs_per_s'])} docs/s (geoparse only, one core)")


_EVENT_ROWS = (
    ("coverage", "coverage"), ("within 10 km", "within_10km"), ("within 25 km", "within_25km"),
    ("within 50 km", "within_50km"), ("within 161 km", "within_161km"),
    ("median km (located)", "median_km_located"), ("country", "country_acc"),
    ("date exact", "date_exact"), ("date +-1 day", "date_pm1"),
    ("fatalities exact", "fat_exact"), ("fatalities +-1", "fat_pm1"),
    ("fatalities exact (>0)", "fat_exact_gold_gt0"), ("injured exact", "inj_exact"),
    ("injured +-1", "inj_pm1"), ("injured exact (>0)", "inj_exact_gold_gt0"),
    ("type", "type_acc"), ("sub-type", "sub_type_acc"),
    ("actor recall (primary)", "actor_recall_primary"), ("actor recall (all)", "actor_recall"),
    ("given event: within 25 km", "given_event_within_25km"),
    ("given event: type", "given_event_type_acc"),
)


def _evaluate_events(path: str, *, limit: int | None, as_json: bool, pick: str, jobs: int,
                     with_title: bool, gazetteer_path: str | None, recognizer: str,
                     quiet: bool) -> None:
    """``--format events``: run the pipeline on each record, then score its events."""
    from geomap.batch import iter_results
    from geomap.cli.options import FailureReport, check_gazetteer
    from geomap.evaluate.events import read_event_set, score_events
    from geomap.types import Event

    check_gazetteer(gazetteer_path, quiet=quiet)
    records = read_event_set(path, with_title=with_title, limit=limit)
    # a result is matched to its record by id and text (the pipeline may hand back a copy of the
    # article, e.g. with its language set); records sharing both take their results in order
    index: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(records):
        index.setdefault((r.article.id, r.article.text), []).append(i)
    events: list[tuple[Event, ...]] = [() for _ in records]
    report = FailureReport()  # a failing article gets no event (a miss), never stops the run
    t0 = time.perf_counter()
    with progress_bar("eval", total=len(records), quiet=quiet) as bar:
        for result in iter_results([r.article for r in records], gazetteer_path=gazetteer_path,
                                   recognizer=recognizer, jobs=jobs,
                                   on_error=report.article_failed):
            events[index[(result.article.id, result.article.text)].pop(0)] = result.events
            bar.advance()
    seconds = time.perf_counter() - t0
    out = {"set": path, "records": len(records), "pick": pick, "jobs": jobs,
           "seconds": round(seconds, 2), **score_events(records, events)}
    if as_json:
        click.echo(json.dumps(out))
        return
    head, other = out[pick]["summary"], out["best" if pick == "main" else "main"]["summary"]
    other_name = "best" if pick == "main" else "main"
    click.echo(f"{path}: {len(records)} records, {head['events_total']} events, "
               f"{seconds:.1f} s ({jobs} job{'s' if jobs != 1 else ''})")
    click.echo(f"  {'metric':<26} {pick:>7} {other_name:>7}   n ({pick})")
    counts = {"fat_exact": "fat_records", "fat_pm1": "fat_records",
              "fat_exact_gold_gt0": "fat_records_gold_gt0", "inj_exact": "inj_records",
              "inj_pm1": "inj_records", "inj_exact_gold_gt0": "inj_records_gold_gt0",
              "median_km_located": "located", "type_acc": "type_records",
              "sub_type_acc": "sub_type_records", "given_event_type_acc": "records_with_event",
              "given_event_within_25km": "records_with_event",
              "actor_recall_primary": "actors_primary_gold_total",
              "actor_recall": "actors_gold_total"}
    for label, key in _EVENT_ROWS:
        value, alt = head.get(key), other.get(key)
        if value is None and alt is None:
            continue
        n = head.get(counts.get(key, "records"))
        shown = f"{value:.1f}" if key == "median_km_located" and value is not None else _fmt_opt(value)
        alt_shown = f"{alt:.1f}" if key == "median_km_located" and alt is not None else _fmt_opt(alt)
        click.echo(f"  {label:<26} {shown:>7} {alt_shown:>7}   {n}")


def _fmt_opt(value: object) -> str:
    return "-" if value is None else _fmt(value)


def _evaluate_merge(path: str, *, limit: int | None, as_json: bool, pick: str, jobs: int,
                    with_title: bool, gazetteer_path: str | None, recognizer: str,
                    quiet: bool) -> None:
    """``--format merge``: run the pipeline on every record, merge the events, score."""
    from geomap.batch import iter_results
    from geomap.cli.options import FailureReport, check_gazetteer
    from geomap.evaluate.events import read_event_set
    from geomap.evaluate.merge import score_merge
    from geomap.merge.incidents import Merger
    from geomap.types import Event

    check_gazetteer(gazetteer_path, quiet=quiet)
    records = read_event_set(path, with_title=with_title, limit=limit)
    merger = Merger()
    report = FailureReport()
    t0 = time.perf_counter()
    with progress_bar("eval", total=len(records), quiet=quiet) as bar:
        for result in iter_results([r.article for r in records], gazetteer_path=gazetteer_path,
                                   recognizer=recognizer, jobs=jobs,
                                   on_error=report.article_failed):
            merger.add(result.events, result.article.text)
            bar.advance()
    merged = merger.merged()
    events: list[list[Event]] = [[] for _ in records]
    by_article = {r.article.id: i for i, r in enumerate(records)}
    for e in merged:
        if e.article_id in by_article:
            events[by_article[e.article_id]].append(e)
    seconds = time.perf_counter() - t0
    scores = score_merge(records, events, pick)  # type: ignore[arg-type]
    out = {"set": path, "records": len(records), "pick": pick, "seconds": round(seconds, 2),
           **scores}
    if as_json:
        click.echo(json.dumps(out))
        return
    click.echo(f"{path}: {len(records)} records, {len(merged)} events, {seconds:.1f} s; "
               f"gold incidents {scores['clusters_gold']} "
               f"({scores['gold_incidents_reported_more_than_once']} reported more than once), "
               f"predicted {scores['clusters_pred']}")
    click.echo(f"  pairwise  P {_fmt_opt(scores['pair_p'])}  R {_fmt_opt(scores['pair_r'])}  "
               f"F1 {_fmt_opt(scores['pair_f1'])}  (pairs: gold {scores['pairs_gold']}, "
               f"predicted {scores['pairs_pred']}, right {scores['pairs_tp']})")
    click.echo(f"  B-cubed   P {_fmt_opt(scores['b3_p'])}  R {_fmt_opt(scores['b3_r'])}  "
               f"F1 {_fmt_opt(scores['b3_f1'])}")
