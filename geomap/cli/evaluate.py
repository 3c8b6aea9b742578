"""``geomap eval``: score geoparsing against the LGL or GeoWebNews gold standard."""

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
@click.option("--format", "fmt", type=click.Choice(["lgl", "gwn"]), required=True,
              help="Corpus format: lgl (LGL, lgl.xml) or gwn (GeoWebNews, GWN.xml).")
@click.option("--gold-spans", is_flag=True,
              help="Resolve the gold spans only (resolution accuracy); default is end to end.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="First N documents only.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@gazetteer_option
@recognizer_option
@quiet_option
def evaluate(corpus: str, fmt: str, gold_spans: bool, limit: int | None, as_json: bool,
             gazetteer_path: str | None, recognizer: str, quiet: bool) -> None:
    """Score geomap on a gold-standard CORPUS (lgl.xml or GWN.xml).

    \b
    End to end (default): recognition precision/recall/F1 on overlapping spans, and distance
    metrics on the matched mentions. With --gold-spans: the gold spans are resolved as given.
    Metrics: accuracy@161 km, mean and median error (km), AUC of the log-error curve (area
    under ln(1+error_km) over sorted errors / ln(20039); lower is better), per-kind breakdown,
    documents per second. An unresolved mention counts as a 20,039 km error.
    Example:  geomap eval $GEOMAP_SHARED_DATA/corpora/GWN.xml --format gwn --gold-spans
    """
    from geomap.cli.options import require_inputs
    from geomap.evaluate import Scores, read_corpus
    from geomap.gazetteer import open_gazetteer
    from geomap.resolve import geoparse

    require_inputs((corpus,))  # a mistyped path: one line, exit 2 (as run and geoparse)

    gaz = open_gazetteer(gazetteer_path, progress=not quiet)
    scores = Scores()
    try:
        if recognizer == "spacy":
            from geomap.recognize import SpacyRecognizer

            rec = SpacyRecognizer(gaz)
        else:
            from geomap.recognize import GazetteerRecognizer

            rec = GazetteerRecognizer(gaz)
        geoparse("warm up: Paris", gaz, recognizer=rec)  # loads models outside the timed loop
        with progress_bar("eval", total=limit, quiet=quiet) as bar:
            for doc in read_corpus(corpus, fmt, limit=limit):  # type: ignore[arg-type]
                t0 = time.perf_counter()
                if gold_spans:
                    spans = [(g.start, g.end) for g in doc.toponyms if g.is_toponym]
                    toponyms = geoparse(doc.text, gaz, spans=spans)
                else:
                    toponyms = geoparse(doc.text, gaz, recognizer=rec)
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
