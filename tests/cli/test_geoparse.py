"""`geomap geoparse` and `geomap eval` through the real CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from geomap.cli import cli


def _run(args, input_text=None):
    return CliRunner().invoke(cli, args, input=input_text, catch_exceptions=False)


def test_geoparse_stdin_and_bad_lines(gazetteer_path):
    lines = "\n".join([
        json.dumps({"id": "a", "text": "Troops reached Dushanbe, the Tajik capital."}),
        "{not json",
        json.dumps({"id": "b", "text": "Ishkobod and Paris", "spans": [[0, 8], [13, 18]]}),
        json.dumps({"id": "c", "text": "x", "spans": [[0, 9]]}),
    ])
    res = _run(["geoparse", "-", "--gazetteer", str(gazetteer_path), "-q"], lines)
    assert res.exit_code == 3
    out = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert [o["id"] for o in out] == ["a", "b"]
    a = {p["text"]: p for p in out[0]["places"]}
    assert a["Dushanbe"]["geonameid"] == 1221874
    b = out[1]["places"]
    assert [(p["start"], p["end"]) for p in b] == [(0, 8), (13, 18)]
    assert b[0]["lat"] is None and b[0]["lon"] is None
    assert b[1]["country_code"] == "FR"
    assert "<stdin>:2:" in res.stderr and "<stdin>:4:" in res.stderr


def test_geoparse_output_file(tmp_path, gazetteer_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": "Floods in Bangor, Maine."}) + "\n")
    dst = tmp_path / "out.jsonl"
    res = _run(["geoparse", str(src), "-o", str(dst), "--gazetteer", str(gazetteer_path), "-q"])
    assert res.exit_code == 0, res.output
    (rec,) = [json.loads(x) for x in dst.read_text().splitlines()]
    place = rec["places"][0]
    assert place["text"] == "Bangor" and place["country_code"] == "US"
    assert set(place) >= {"start", "end", "name", "lat", "lon", "geonameid", "feature_code",
                          "kind", "confidence", "reason", "alternatives"}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_eval_json(shared_data, gazetteer_path):
    res = _run(["eval", str(shared_data / "corpora" / "GWN.xml"), "--format", "gwn",
                "--gold-spans", "--limit", "5", "--json", "-q",
                "--gazetteer", str(gazetteer_path)])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["documents"] == 5 and 0.0 <= report["acc161"] <= 1.0
    assert report["mentions_scored"] > 0


def test_geoparse_unknown_recognizer_is_usage_error(gazetteer_path):
    res = CliRunner().invoke(cli, ["geoparse", "-", "--recognizer", "nope",
                                   "--gazetteer", str(gazetteer_path)], input="")
    assert res.exit_code == 2


def test_geoparse_two_workers_give_the_one_process_output(tmp_path, shared_data,
                                                          gazetteer_path) -> None:
    """--jobs 2 (enough documents to really start workers) writes exactly what -j 1 writes."""
    import subprocess
    import sys

    from geomap.evaluate.corpora import read_gwn

    docs = list(read_gwn(shared_data / "corpora" / "GWN.xml", limit=60))
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(230):
            d = docs[i % len(docs)]
            fh.write(json.dumps({"id": i, "text": d.text}) + "\n")
        fh.write("{broken\n")
    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        r = subprocess.run([sys.executable, "-m", "geomap", "geoparse", str(src), "-o", str(out),
                            "-j", jobs, "-q", "--gazetteer", str(gazetteer_path)],
                           capture_output=True, timeout=600)
        assert r.returncode == 3 and f"{src}:231:" in r.stderr.decode()
        outs[jobs] = out.read_text(encoding="utf-8")
    assert outs["1"] == outs["2"]
    assert [json.loads(line)["id"] for line in outs["2"].splitlines()] == list(range(230))


def test_geoparse_gives_place_ids_and_reads_records_as_run_does(tmp_path, gazetteer_path):
    """Each place (and alternative) carries its place_id, so curated and user places join
    downstream; records go through the one reader (geomap.ingest.parse_json_record): any id
    is echoed as given, a future date is taken (context only), a span outside the text is the
    reader's error."""
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": 1.5, "text": "Troops reached Dushanbe.", "published": "2999-01-01"}),
        json.dumps({"id": "bad", "text": "x", "spans": [[0, 9]]}),
    ]) + "\n")
    res = _run(["geoparse", str(src), "--gazetteer", str(gazetteer_path), "-q"])
    assert res.exit_code == 3
    (rec,) = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert rec["id"] == 1.5
    (place,) = rec["places"]
    assert place["place_id"] == "gn:1221874" and place["geonameid"] == 1221874
    assert list(place)[:8] == ["start", "end", "text", "name", "lat", "lon", "place_id",
                               "geonameid"]
    assert all(a["place_id"] == f"gn:{a['geonameid']}" for a in place["alternatives"])
    assert f"{src}:2: span [0, 9] is outside the text" in res.stderr
