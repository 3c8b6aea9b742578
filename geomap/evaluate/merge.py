"""Merge metrics: do events from different articles that report one incident share an
``incident_id``? Scored against the records' ``meta.incident_id`` (the gold clusters).

The conventions of the team's reference scorer (``score_merge.py``): each record (document)
is represented by one of its events (``main``: the event marked main, else its first;
``best``: the one nearest its gold, an upper bound); a record without an event is a singleton;
pairwise precision, recall and F1 are over document pairs in one cluster, B-cubed over
documents (each document's overlap of its predicted and gold cluster, averaged).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from geomap.evaluate.events import EventRecord, Pick, pick_event
from geomap.types import Event


def _pairs(assign: Mapping[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for doc, cluster in assign.items():
        groups[cluster].append(doc)
    out: set[tuple[str, str]] = set()
    for docs in groups.values():
        docs.sort()
        out.update((docs[i], docs[j]) for i in range(len(docs)) for j in range(i + 1, len(docs)))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float | None, float | None, float | None]:
    p = tp / n_pred if n_pred else None
    r = tp / n_gold if n_gold else None
    if p is None or r is None:
        return p, r, None
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cluster_scores(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, Any]:
    """Pairwise and B-cubed precision, recall and F1 of a clustering ``pred`` (doc -> cluster)
    against ``gold`` (doc -> cluster), over the documents of ``gold``."""
    gp, pp = _pairs(gold), _pairs({d: pred[d] for d in gold})
    tp = len(gp & pp)
    p, r, f = _prf(tp, len(pp), len(gp))
    gmem: dict[str, set[str]] = defaultdict(set)
    pmem: dict[str, set[str]] = defaultdict(set)
    for d, c in gold.items():
        gmem[c].add(d)
        pmem[pred[d]].add(d)
    n = len(gold)
    bp = sum(len(gmem[gold[d]] & pmem[pred[d]]) / len(pmem[pred[d]]) for d in gold) / n if n else None
    br = sum(len(gmem[gold[d]] & pmem[pred[d]]) / len(gmem[gold[d]]) for d in gold) / n if n else None
    bf = (2 * bp * br / (bp + br) if bp + br else 0.0) if bp is not None and br is not None else None
    return {"pair_p": p, "pair_r": r, "pair_f1": f, "pairs_pred": len(pp), "pairs_gold": len(gp),
            "pairs_tp": tp, "b3_p": bp, "b3_r": br, "b3_f1": bf,
            "clusters_pred": len({pred[d] for d in gold}), "clusters_gold": len(set(gold.values()))}


def score_merge(records: Sequence[EventRecord], events_by_record: Sequence[Sequence[Event]],
                pick: Pick = "main") -> dict[str, Any]:
    """Merge metrics of merged events (each carrying ``incident_id``), one list per record."""
    gold: dict[str, str] = {}
    pred: dict[str, str] = {}
    for rec, events in zip(records, events_by_record, strict=True):
        doc = rec.article.id
        inc = rec.meta.get("incident_id")
        gold[doc] = str(inc) if inc is not None else f"doc:{doc}"
        event, _ = pick_event(rec, events, pick)
        pred[doc] = (event.incident_id or f"event:{event.event_id}") if event else f"doc:{doc}"
    out = cluster_scores(pred, gold)
    out["documents"] = len(gold)
    sizes = Counter(gold.values())
    out["gold_incidents_reported_more_than_once"] = sum(1 for n in sizes.values() if n > 1)
    return out
