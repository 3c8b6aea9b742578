"""Hostile records through the real CLI: lone surrogates, undecodable file names, deeply
nested JSON, huge numbers, duplicate and missing ids, pipes, /proc files and giant stdin.

Expected everywhere: a bad record costs only itself (``geomap: error: FILE:LINE: reason``,
exit 3, every good record written), no traceback, every output valid UTF-8 without a lone
surrogate, and ``--resume`` finishes what an interrupted run started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, error_lines, geomap

KILLED = "Two soldiers were killed in Kabul on Monday, officials said."
SHELLED = "Three civilians died in shelling near Donetsk on Tuesday."
OUTPUTS = ("events.geojson", "events.csv", "events.jsonl", "places.geojson", "map.html")


def _line(**fields: object) -> str:
    return json.dumps(fields)


def _no_surrogate(value: object) -> bool:
    if isinstance(value, str):
        return not any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return all(_no_surrogate(k) and _no_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_no_surrogate(v) for v in value)
    return True


def _check_outputs_clean(out: Path, names: tuple[str, ...] = OUTPUTS) -> None:
    """Every output is strict UTF-8, and no JSON value in it holds a lone surrogate."""
    for name in names:
        text = (out / name).read_bytes().decode("utf-8")  # strict: raises on a surrogate
        if name.endswith(".geojson"):
            assert _no_surrogate(json.loads(text)), name
        elif name.endswith(".jsonl"):
            assert all(_no_surrogate(json.loads(ln)) for ln in text.splitlines()), name
        else:
            assert "\\ud8" not in text.lower() and "\\udc" not in text.lower(), name


def _events(out: Path) -> list[dict]:
    return [json.loads(ln) for ln in
            (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]


def _article_ids(out: Path) -> list[str]:
    fc = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    seen: list[str] = []
    for f in fc["features"]:
        a = f["properties"]["article_id"]
        if a not in seen:
            seen.append(a)
    return seen


# --- 4: lone surrogates and undecodable file names ------------------------------------------

SURROGATE_LINES = [  # raw JSON text: json.dumps would escape the backslash
    _line(id="ok", text=KILLED, published="2021-03-03"),
    '{"id": "s\\ud800", "text": "Shelling near Donetsk \\udc00 killed three.", '
    '"title": "t\\udfff", "url": "https://x.test/\\ud800", "author": "a\\ud834"}',
    '{"id": "t", "text": "Two soldiers were killed in Kabul \\ud800 on Monday.", '
    '"title": "pair \\ud83d\\ude00 ok"}',
]


def _surrogate_folder(root: Path) -> Path:
    folder = root / "in"
    folder.mkdir()
    (folder / "records.jsonl").write_text("\n".join(SURROGATE_LINES) + "\n", encoding="utf-8")
    os.mkdir(os.fsencode(folder) + b"/sub\xff")
    with open(os.fsencode(folder) + b"/\xff.txt", "wb") as fh:
        fh.write(SHELLED.encode())
    with open(os.fsencode(folder) + b"/sub\xff/bad\xfe.jsonl", "wb") as fh:
        fh.write(b'{"id": "no-text"}\n' + _line(id="deep", text=KILLED).encode() + b"\n")
    return folder


def test_surrogates_and_undecodable_names_cost_nothing(tmp_path: Path, gaz_env: dict) -> None:
    """Lone surrogates are replaced by U+FFFD (same length: offsets stay valid), so those
    records run; files whose names are not UTF-8 are read, and named with ``\\xNN``."""
    folder = _surrogate_folder(tmp_path)
    out = tmp_path / "out"
    r = geomap("run", str(folder), "-o", str(out), "-q", "-j", "1", env=gaz_env)
    assert_clean_stderr(r.stderr)
    assert r.returncode == 3, r.stderr.decode()
    assert error_lines(r.stderr) == [
        f"geomap: error: {folder}/sub\\xff/bad\\xfe.jsonl:1: record has no 'text' string"]
    _check_outputs_clean(out)
    ids = _article_ids(out)
    assert {"ok", "s\ufffd", "t", "deep", "xff"} <= set(ids), ids
    ev = {e["article_id"]: e for e in _events(out)}
    assert ev["s\ufffd"]["title"] == "t\ufffd"
    assert ev["s\ufffd"]["source_url"] == "https://x.test/\ufffd"
    assert "\U0001F600" in ev["t"]["title"]  # an escaped surrogate *pair* is one character
    assert not (out / ".geomap-run.jsonl").exists()


def test_surrogate_records_resume(tmp_path: Path, gaz_env: dict) -> None:
    """A run interrupted after journaling surrogate records resumes (twice), giving the
    outputs a fresh run gives, byte for byte."""
    folder = _surrogate_folder(tmp_path)
    fifo = tmp_path / "blocks.txt"
    os.mkfifo(fifo)  # no writer: the run waits there, after journaling everything before it
    out = tmp_path / "out"
    env = {**os.environ, **gaz_env}
    env.pop("GEOMAP_DEBUG", None)
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "run", str(folder), str(fifo),
                             "-o", str(out), "-q", "-j", "1", "--no-map"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    journal = out / ".geomap-run.jsonl"
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if journal.exists() and journal.read_bytes().count(b"\n") >= 6:  # header + 5
                break
            time.sleep(0.2)
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err.decode()
    assert "UnicodeEncodeError" not in err.decode()
    assert all(_no_surrogate(json.loads(ln))  # strict UTF-8 JSON, no lone surrogate
               for ln in journal.read_bytes().decode("utf-8").splitlines())

    outputs = ("events.geojson", "events.csv", "events.jsonl", "places.geojson")
    fresh = tmp_path / "fresh"
    r = geomap("run", str(folder), "-o", str(fresh), "-q", "-j", "1", "--no-map", env=gaz_env)
    assert r.returncode == 3
    for attempt in (1, 2):
        r = geomap("run", str(folder), "-o", str(out), "-j", "1", "--no-map", "--resume",
                   env=gaz_env)
        assert_clean_stderr(r.stderr)
        assert r.returncode == 3, r.stderr.decode()
        if attempt == 1:
            assert "resuming: 5 articles already done" in r.stderr.decode()
        _check_outputs_clean(out, outputs)
        for name in outputs:
            assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_surrogates_on_stdin_export(gaz_env: dict) -> None:
    data = ("\n".join(SURROGATE_LINES) + "\n").encode()
    r = geomap("export", "-", "-f", "jsonl", "-q", input=data, env=gaz_env)
    assert_clean_stderr(r.stderr)
    assert r.returncode == 0, r.stderr.decode()
    out = r.stdout.decode("utf-8")
    recs = [json.loads(ln) for ln in out.splitlines()]
    assert _no_surrogate(recs)
    assert {e["article_id"] for e in recs} == {"ok", "s\ufffd", "t"}


# --- 5: deep nesting and huge numbers --------------------------------------------------------

def _nasty_numbers_jsonl(path: Path) -> None:
    lines = [
        _line(id="a", text=KILLED),  # 1
        "[" * 200_000,  # 2
        '{"id": "b", "text": "x", "n": ' + "9" * 5000 + "}",  # 3
        '{"id": "c", "text": "x", "spans": [[0, 1e400]]}',  # 4
        '{"id": "d", "text": "x", "spans": [[0, ' + "9" * 400 + "]]}",  # 5
        '{"id": "e", "text": "x", "spans": [[NaN, 1]]}',  # 6
        '{"id": "f", "text": "x", "published": 1e400}',  # 7
        '{"id": "g", "text": "x", "meta": ' + "{\"a\": " * 100_000 + "1" + "}" * 100_000 + "}",
        '{"id": 1e400, "text": "x"}',  # 9
        _line(id="z", text=SHELLED, n=1e300),  # 10: an unused huge float is fine
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


NUMBER_ERRORS = {2: "nested too deeply", 3: "number", 4: "spans", 5: "outside the text",
                 6: "spans", 7: "published", 8: "nested too deeply", 9: "'id'"}


def _check_number_errors(stderr: bytes, name: str) -> None:
    assert_clean_stderr(stderr)
    errs = error_lines(stderr)
    got = {int(ln.split(f"{name}:")[1].split(":")[0]): ln for ln in errs}
    assert sorted(got) == sorted(NUMBER_ERRORS), errs
    for lineno, words in NUMBER_ERRORS.items():
        assert words in got[lineno], got[lineno]


def test_deep_nesting_and_huge_numbers_cost_their_line(tmp_path: Path, gaz_env: dict) -> None:
    src = tmp_path / "nasty.jsonl"
    _nasty_numbers_jsonl(src)
    out = tmp_path / "out"
    r = geomap("run", str(src), "-o", str(out), "-q", "-j", "1", "--no-map", env=gaz_env,
               timeout=120)
    assert r.returncode == 3, r.stderr.decode()
    _check_number_errors(r.stderr, "nasty.jsonl")
    assert set(_article_ids(out)) == {"a", "z"}


def test_deep_nesting_on_stdin_export(tmp_path: Path, gaz_env: dict) -> None:
    src = tmp_path / "nasty.jsonl"
    _nasty_numbers_jsonl(src)
    r = geomap("export", "-", "-f", "jsonl", "-q", input=src.read_bytes(), env=gaz_env,
               timeout=120)
    assert r.returncode == 3
    _check_number_errors(r.stderr, "-")
    assert {json.loads(ln)["article_id"] for ln in r.stdout.decode().splitlines()} == {"a", "z"}


def test_geoparse_surrogates_and_nesting(tmp_path: Path, gaz_env: dict) -> None:
    src = tmp_path / "g.jsonl"
    src.write_text("\n".join([*SURROGATE_LINES, "[" * 200_000]) + "\n", encoding="utf-8")
    out = tmp_path / "places.jsonl"
    r = geomap("geoparse", str(src), "-o", str(out), "-q", "-j", "1", env=gaz_env)
    assert_clean_stderr(r.stderr)
    assert r.returncode == 3, r.stderr.decode()
    assert [ln.split("g.jsonl:")[1] for ln in error_lines(r.stderr)] == [
        "4: JSON nested too deeply to read"]
    recs = [json.loads(ln) for ln in out.read_bytes().decode("utf-8").splitlines()]
    assert _no_surrogate(recs)
    assert [d["id"] for d in recs] == ["ok", "s\ufffd", "t"]


# --- 12: ids ----------------------------------------------------------------------------

ID_LINES = [
    _line(id="X", text=KILLED),  # 1 -> X
    _line(id="X", text=KILLED),  # 2 -> X-2 (warning)
    _line(id=None, text=KILLED),  # 3 -> article-3 (default)
    _line(id="", text=KILLED),  # 4 -> article-4
    _line(id=" ", text=KILLED),  # 5 -> article-5
    _line(id="article-3", text=KILLED),  # 6 -> article-3-2 (warning)
    _line(text=KILLED),  # 7 -> article-7
    _line(id="a b", text=KILLED),  # 8 -> a b
    _line(id="a/b", text=KILLED),  # 9 -> a/b-2 (same event-id form a_b; warning)
    _line(id=7, text=KILLED),  # 10 -> "7"
    _line(id="article-1", text=KILLED),  # 11 -> article-1 (nothing else took it)
]
EXPECTED_IDS = ["X", "X-2", "article-3", "article-4", "article-5", "article-3-2", "article-7",
                "a b", "a/b-2", "7", "article-1", "X-3", "article"]


def _id_inputs(folder: Path) -> list[str]:
    folder.mkdir()
    (folder / "article.jsonl").write_text("\n".join(ID_LINES) + "\n", encoding="utf-8")
    (folder / "other.jsonl").write_text(_line(id="X", text=SHELLED) + "\n", encoding="utf-8")
    (folder / "article.txt").write_text(SHELLED, encoding="utf-8")  # id from its name
    return [str(folder / "article.jsonl"), str(folder / "other.jsonl"),
            str(folder / "article.txt")]


def test_ids_are_unique_and_stable(tmp_path: Path, gaz_env: dict) -> None:
    inputs = _id_inputs(tmp_path / "in")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        r = geomap("run", *inputs, "-o", str(out), "-q", "-j", "1", "--no-map", env=gaz_env)
        assert_clean_stderr(r.stderr)
        assert r.returncode == 0, r.stderr.decode()  # renaming is a warning, not a failure
        assert error_lines(r.stderr) == []
        warnings = [ln for ln in r.stderr.decode().splitlines() if "warning" in ln]
        assert len(warnings) == 4, warnings
        assert "article.jsonl:2: duplicate id 'X' renamed 'X-2'" in warnings[0]
        outs.append(out)
    assert _article_ids(outs[0]) == EXPECTED_IDS
    event_ids = [e["event_id"] for e in _events(outs[0])]
    assert len(event_ids) == len(set(event_ids)) >= len(EXPECTED_IDS)
    for name in ("events.geojson", "events.csv", "events.jsonl", "places.geojson"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_ids_unique_on_export(tmp_path: Path, gaz_env: dict) -> None:
    inputs = _id_inputs(tmp_path / "in")
    r = geomap("export", *inputs, "-f", "jsonl", "-q", env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    event_ids = [json.loads(ln)["event_id"] for ln in r.stdout.decode().splitlines()]
    assert len(event_ids) == len(set(event_ids)) >= len(EXPECTED_IDS)


# --- 13: pipes, /proc files and stdin limits ----------------------------------------------------

def test_process_substitution_and_proc_files_are_read(tmp_path: Path, gaz_env: dict) -> None:
    """``<(cat x)`` and /proc files say they are empty (st_size 0) but are not."""
    txt = tmp_path / "a.txt"
    txt.write_text(KILLED, encoding="utf-8")
    recs = tmp_path / "r.jsonl"
    recs.write_text(_line(id="p1", text=SHELLED) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, **gaz_env}
    env.pop("GEOMAP_DEBUG", None)
    cmd = (f'"{sys.executable}" -m geomap run <(cat "{txt}") <(cat "{recs}") /proc/version '
           f'-o "{out}" -j 1 --no-map')
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, env=env, timeout=300)
    assert_clean_stderr(r.stderr)
    assert r.returncode == 0, r.stderr.decode()
    assert "3 articles" in r.stderr.decode()
    ids = _article_ids(out)
    assert "p1" in ids and len(ids) == 2  # /proc/version names no place


def test_closed_stdin_is_one_clear_error(gaz_env: dict) -> None:
    env = {**os.environ, **gaz_env}
    env.pop("GEOMAP_DEBUG", None)
    r = subprocess.run(["bash", "-c", f'"{sys.executable}" -m geomap export - -f jsonl -q <&-'],
                       capture_output=True, env=env, timeout=120)
    assert_clean_stderr(r.stderr)
    assert error_lines(r.stderr) == ["geomap: error: -: stdin is closed"]
    assert r.returncode == 3


def _rss_run(shell_cmd: str, env: dict, timeout: float = 300) -> tuple[subprocess.CompletedProcess,
                                                                       int]:
    """Run ``bash -c shell_cmd`` under /usr/bin/time; returns the result and the peak RSS (KB)
    of the geomap process (the largest process of the pipeline)."""
    full_env = {**os.environ, **env}
    full_env.pop("GEOMAP_DEBUG", None)
    r = subprocess.run(["bash", "-c", shell_cmd], capture_output=True, env=full_env,
                       timeout=timeout)
    rss = [int(ln.split(":")[1]) for ln in r.stderr.decode().splitlines()
           if ln.startswith("RSS:")]
    return r, max(rss)


MAX_STDIN_RSS_KB = 450_000
"""Peak memory allowed for geomap while rejecting a 300 MB stdin: the pipeline's own working set
is about 300 MB; holding the input (or a copy of it) would pass this bound."""


def _pipe_into_export(tmp_path: Path, generator: str, env: dict
                      ) -> tuple[subprocess.CompletedProcess, int]:
    """``python generator | geomap export - -f jsonl`` under /usr/bin/time."""
    gen = tmp_path / "gen.py"
    gen.write_text(generator, encoding="utf-8")
    return _rss_run(f'"{sys.executable}" "{gen}" | /usr/bin/time -f RSS:%M "{sys.executable}" '
                    "-m geomap export - -f jsonl -q", env)


@pytest.mark.timeout(300)
def test_stdin_giant_jsonl_line_costs_only_its_line(tmp_path: Path, gaz_env: dict) -> None:
    """A 300 MB line between two good ones: that line is reported, the others run, and
    memory stays bounded (the line is never held whole)."""
    gen = f"""import json, sys
w = sys.stdout.buffer.write
w(json.dumps({{"id": "a", "text": {KILLED!r}}}).encode() + b"\\n")
w(b'{{"id": "huge", "text": "')
for _ in range(300):
    w(b"x" * 1_000_000)
w(b'"}}\\n')
w(json.dumps({{"id": "b", "text": {SHELLED!r}}}).encode() + b"\\n")
"""
    r, rss = _pipe_into_export(tmp_path, gen, gaz_env)
    assert r.returncode == 3, r.stderr.decode()
    errs = error_lines(r.stderr)
    assert len(errs) == 1 and errs[0].startswith("geomap: error: -:2: record is over"), errs
    assert {json.loads(ln)["article_id"] for ln in r.stdout.decode().splitlines()} == {"a", "b"}
    assert rss < MAX_STDIN_RSS_KB, rss


@pytest.mark.timeout(300)
def test_stdin_giant_text_is_one_clear_error(tmp_path: Path, gaz_env: dict) -> None:
    """300 MB of plain text on stdin: one error line, read no further than the limit."""
    gen = """import sys
for _ in range(300):
    sys.stdout.buffer.write(b"Shelling was reported near Kharkiv. " * 30_000)
"""
    r, rss = _pipe_into_export(tmp_path, gen, gaz_env)
    assert r.returncode == 3, r.stderr.decode()
    errs = error_lines(r.stderr)
    assert len(errs) == 1 and "too large for one article" in errs[0], errs
    assert rss < MAX_STDIN_RSS_KB, rss
