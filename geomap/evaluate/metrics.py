"""Geoparsing metrics: recognition precision/recall/F1 on overlapping spans, and distance
metrics on matched mentions (accuracy@161 km, mean/median error, AUC of the log-error curve).

Conventions (documented so figures can be compared):

- A predicted span matches a gold span when they overlap by at least one character; matching is
  one-to-one, largest overlap first.
- A matched mention left unresolved (or resolved to a place without coordinates) counts as an
  error of :data:`EARTH_HALF_CIRCUMFERENCE_KM` (20,039 km, the largest possible distance).
- GWN: only located, locational annotations are gold; predictions that overlap an annotated
  demonym or language without coordinates are left out of precision (neither hit nor miss).
- AUC (Gritta et al. 2018): the area under the curve of ``ln(1 + error_km)`` over the sorted
  errors, by the trapezoid rule, normalised by ``ln(1 + 20039)`` and by the number of intervals, so
  it lies in [0, 1]; **lower is better** (0 = every error 0 km).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from geomap.evaluate.corpora import GoldDocument, GoldToponym
from geomap.geo import distance_km
from geomap.types import Toponym

EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
ACCURACY_KM = 161.0

# GWN annotates demonyms and languages as place references but gives them no coordinates; a
# prediction on one is neither a hit (nothing to score) nor a false positive.
_UNLOCATED_PLACE_TYPES = {"Demonym", "Language"}

KINDS = ("country", "admin", "city", "demonym", "continent/region", "other")


def auc_log_error(errors_km: Sequence[float]) -> float:
    """AUC of the log-error curve in [0, 1]; lower is better. NaN for no errors."""
    if not errors_km:
        return math.nan
    ys = [math.log1p(min(max(e, 0.0), EARTH_HALF_CIRCUMFERENCE_KM)) for e in sorted(errors_km)]
    if len(ys) == 1:
        return ys[0] / math.log1p(EARTH_HALF_CIRCUMFERENCE_KM)
    area = sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))
    return area / ((len(ys) - 1) * math.log1p(EARTH_HALF_CIRCUMFERENCE_KM))


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one matches ``(gold_index, predicted_index)`` between overlapping spans,
    largest overlap first (ties: earlier spans first)."""
    pairs: list[tuple[int, int, int]] = []
    j0 = 0
    order_p = sorted(range(len(predicted)), key=lambda k: predicted[k])
    order_g = sorted(range(len(gold)), key=lambda k: gold[k])
    # Sweep: both lists sorted by start; only nearby predicted spans can overlap a gold span.
    for gi in order_g:
        gs, ge = gold[gi]
        while j0 < len(order_p) and predicted[order_p[j0]][1] <= gs:
            j0 += 1
        j = j0
        while j < len(order_p) and predicted[order_p[j]][0] < ge:
            ps, pe = predicted[order_p[j]]
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((-overlap, gi, order_p[j]))
            j += 1
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _neg, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    out.sort()
    return out


def gold_kind(gold: GoldToponym, toponym: Toponym | None) -> str:
    """Breakdown class from the gold feature code or type, else from our resolved kind."""
    if gold.type == "Demonym" or (toponym is not None and toponym.mention.kind == "demonym"):
        return "demonym"
    code = (gold.fcode or "").upper()
    if code:
        if code.startswith("PCL") or code in {"TERR"}:
            return "country"
        if code.startswith("ADM"):
            return "admin"
        if code.startswith("PPL"):
            return "city"
        if code in {"CONT", "RGN", "AREA", "RGNE"}:
            return "continent/region"
        return "other"
    if toponym is not None and toponym.place is not None:
        kind = toponym.place.kind
        if kind == "country":
            return "country"
        if kind in ("admin1", "admin2"):
            return "admin"
        if kind == "city":
            return "city"
        if kind in ("continent", "region"):
            return "continent/region"
    return "other"


@dataclass
class KindScores:
    n: int = 0
    correct: int = 0
    errors_km: list[float] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "n": self.n,
            "acc161": self.correct / self.n if self.n else math.nan,
            "median_km": statistics.median(self.errors_km) if self.errors_km else math.nan,
        }


@dataclass
class Scores:
    """Accumulated scores over documents; :meth:`as_dict` gives the report."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    true_positive: int = 0
    errors_km: list[float] = field(default_factory=list)
    unresolved: int = 0
    by_kind: dict[str, KindScores] = field(default_factory=lambda: defaultdict(KindScores))
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else math.nan

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else math.nan

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else 0.0

    @property
    def accuracy_161(self) -> float:
        if not self.errors_km:
            return math.nan
        return sum(e <= ACCURACY_KM for e in self.errors_km) / len(self.errors_km)

    def add(self, doc: GoldDocument, toponyms: Sequence[Toponym], *, gold_spans: bool) -> None:
        """Score one document. With ``gold_spans`` the toponyms answer the document's located
        gold toponyms one to one (in order) and recognition is not scored."""
        self.documents += 1
        if gold_spans:
            golds = [g for g in doc.toponyms if g.is_toponym]
            pairs = [(i, i) for i in range(min(len(golds), len(toponyms)))]
        else:
            golds = [g for g in doc.toponyms if g.locational and _counts_for_recognition(g)]
            neutral = [(g.start, g.end) for g in doc.toponyms
                       if not g.has_coordinates and g.type in _UNLOCATED_PLACE_TYPES]
            if neutral:
                hit = {pi for _gi, pi in match_spans(
                    neutral, [(t.mention.start, t.mention.end) for t in toponyms])}
                toponyms = [t for i, t in enumerate(toponyms) if i not in hit]
            self.gold += len(golds)
            self.predicted += len(toponyms)
            pairs = match_spans(
                [(g.start, g.end) for g in golds],
                [(t.mention.start, t.mention.end) for t in toponyms],
            )
            self.true_positive += len(pairs)
        for gi, ti in pairs:
            g, t = golds[gi], toponyms[ti]
            if not g.has_coordinates:
                continue
            if t.place is None:
                err = EARTH_HALF_CIRCUMFERENCE_KM
                self.unresolved += 1
            else:
                err = distance_km(g.lat, g.lon, t.place.lat, t.place.lon)  # type: ignore[arg-type]
            self.errors_km.append(err)
            ks = self.by_kind[gold_kind(g, t)]
            ks.n += 1
            ks.correct += err <= ACCURACY_KM
            ks.errors_km.append(err)

    def as_dict(self) -> dict:
        errs = self.errors_km
        out: dict = {
            "documents": self.documents,
            "mentions_scored": len(errs),
            "acc161": self.accuracy_161,
            "mean_error_km": statistics.fmean(errs) if errs else math.nan,
            "median_error_km": statistics.median(errs) if errs else math.nan,
            "auc": auc_log_error(errs),
            "unresolved": self.unresolved,
            "by_kind": {k: self.by_kind[k].as_dict() for k in KINDS if k in self.by_kind},
            "seconds": self.seconds,
            "docs_per_s": self.documents / self.seconds if self.seconds > 0 else math.nan,
        }
        if self.gold or self.predicted:
            out.update(
                gold=self.gold,
                predicted=self.predicted,
                true_positive=self.true_positive,
                precision=self.precision,
                recall=self.recall,
                f1=self.f1,
            )
        return out


def _counts_for_recognition(g: GoldToponym) -> bool:
    """LGL annotates only place names (with or without coordinates); GWN also annotates
    expressions ("the lot", "citizens"), so there only located annotations count."""
    return g.type is None or g.has_coordinates


def evaluate_documents(
    pairs: Iterable[tuple[GoldDocument, Sequence[Toponym]]], *, gold_spans: bool
) -> Scores:
    """Score (gold document, our toponyms) pairs; see :meth:`Scores.add`."""
    scores = Scores()
    for doc, toponyms in pairs:
        scores.add(doc, toponyms, gold_spans=gold_spans)
    return scores
