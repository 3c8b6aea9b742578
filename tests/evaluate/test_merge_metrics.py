"""geomap's merge metrics against the team's reference scorer, and ``geomap eval --format
merge`` through the real CLI on a small set made here."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.evaluate.merge import cluster_scores

REPO = Path(__file__).resolve().parents[2]


def test_cluster_scores_agree_with_score_merge_py(shared_data: Path) -> None:
    tool = shared_data.parent / "tools" / "score_merge.py"
    if not tool.is_file():
        pytest.skip(f"{tool} not found")
    spec = importlib.util.spec_from_file_location("score_merge", tool)
    assert spec is not None and spec.loader is not None
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    rnd = random.Random(4)
    for _ in range(20):
        docs = [f"d{i}" for i in range(rnd.randint(2, 60))]
        gold = {d: f"g{rnd.randrange(len(docs) // 2 + 1)}" for d in docs}
        pred = {d: f"p{rnd.randrange(len(docs) // 3 + 1)}" for d in docs}
        mine, theirs = cluster_scores(pred, gold), ref.evaluate(pred, gold)
        for key in ("pair_p", "pair_r", "pair_f1", "b3_p", "b3_r", "b3_f1", "pairs_tp",
                    "clusters_pred", "clusters_gold"):
            assert mine[key] == pytest.approx(theirs[key]), key


def test_eval_format_merge_on_a_small_set(tmp_path: Path, gazetteer_path: Path) -> None:
    story = ("Darnell Kinsey, 19, was shot and killed outside the Lawndale Market on Pulaski "
             "Road in Chicago on Friday night, police said. His cousin Marquita Okafor said "
             "he was walking home.")
    records = [
        {"id": "a", "text": story, "published": "2016-03-05", "title": "Teen shot in Chicago",
         "gold": {}, "meta": {"incident_id": "1"}},
        {"id": "b", "text": story.replace("Friday night", "Friday"), "published": "2016-03-05",
         "title": "Kinsey killed near market", "gold": {}, "meta": {"incident_id": "1"}},
        {"id": "c", "text": "A woman was shot and killed in Omaha on Thursday, police said.",
         "published": "2016-04-02", "gold": {}, "meta": {"incident_id": "2"}},
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    env = {**os.environ, "GEOMAP_GAZETTEER": str(gazetteer_path), "PYTHONPATH": str(REPO)}
    r = subprocess.run([sys.executable, "-m", "geomap", "eval", str(path), "--format", "merge",
                        "--json", "-q", "--jobs", "1"], capture_output=True, text=True,
                       timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["pairs_gold"] == 1 and out["pair_p"] == 1.0 and out["pair_r"] == 1.0
    assert out["b3_f1"] == 1.0 and out["clusters_pred"] == 2
