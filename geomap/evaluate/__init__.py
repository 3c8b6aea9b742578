"""Built-in evaluation: gold-standard corpus readers (LGL, GeoWebNews) and geoparsing metrics."""

from geomap.evaluate.corpora import GoldDocument, GoldToponym, read_corpus, read_gwn, read_lgl
from geomap.evaluate.metrics import (
    EARTH_HALF_CIRCUMFERENCE_KM,
    Scores,
    auc_log_error,
    evaluate_documents,
    match_spans,
)

__all__ = [
    "EARTH_HALF_CIRCUMFERENCE_KM",
    "GoldDocument",
    "GoldToponym",
    "Scores",
    "auc_log_error",
    "evaluate_documents",
    "match_spans",
    "read_corpus",
    "read_gwn",
    "read_lgl",
]
