"""Fuzz: random JSON Lines and random text files through the real ``geomap run``.

Each example mixes good articles (each naming a real city) with hostile lines and files: random
bytes, random JSON values of any shape (deep nesting, huge numbers, lone surrogates, template
and markup syntax, control characters) and random text. Whatever the mix, the run must end with
exit 0 or 3, print only one-line ``geomap:`` messages (never a traceback), keep every good
article, and leave outputs that parse. Bounded: a few examples, each run under a timeout.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, geomap
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

FUZZ_EXAMPLES = 6
"""Each example is one CLI run of a few seconds: six keep the test near half a minute."""
RUN_TIMEOUT_S = 120
"""Per run; a healthy run of ~40 small articles takes seconds, so this only catches hangs."""

_CITIES = ("Kabul", "Dushanbe", "Nairobi", "Lagos", "Kharkiv", "Mosul", "Bamako", "Aleppo")
_HOSTILE_SNIPPETS = (
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "{% for x in y %}", "{#",
    "#}", "</script><script>alert(1)</script>", "\x1b]0;pwned\x07", "[link=http://x]y[/link]",
    "=HYPERLINK(\"http://x\")", "\u202e", "\ud800", "50 km north of", "1,000,000,000 km west of",
)

_json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40),
    st.sampled_from(_HOSTILE_SNIPPETS),
)
_json_values = st.recursive(
    _json_scalars,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12,
)
_record_like = st.fixed_dictionaries(
    {}, optional={k: _json_values for k in ("id", "text", "title", "url", "published")}
)


@st.composite
def _junk_line(draw) -> bytes:
    """One hostile line: raw bytes, any JSON, a record with fields of any type, or deep nesting."""
    kind = draw(st.sampled_from(["bytes", "json", "record", "nested", "hostile"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200)).replace(b"\n", b" ")
    if kind == "json":
        return json.dumps(draw(_json_values)).encode()
    if kind == "record":
        return json.dumps(draw(_record_like)).encode()
    if kind == "nested":
        depth = draw(st.integers(min_value=1_000, max_value=100_000))
        return b"[" * depth + b"]" * draw(st.integers(min_value=0, max_value=depth))
    snippet = draw(st.sampled_from(_HOSTILE_SNIPPETS))
    # A surrogate escape in JSON text: json.dumps writes it as \ud800, which is valid JSON.
    return json.dumps({"id": snippet, "title": snippet, "url": snippet,
                       "text": f"{snippet} Shelling hit {snippet} near Kabul. {snippet}"}).encode()


def _good_text(rng: random.Random, i: int) -> tuple[str, str]:
    city = rng.choice(_CITIES)
    return city, (f"Gunmen attacked a market in {city} on Tuesday, killing {i % 5 + 2} people, "
                  f"officials said. Police in {city} arrested two suspects.")


def _check_outputs(out: Path) -> set[str]:
    """Every output parses; returns the article ids that have place mentions."""
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert events["type"] == "FeatureCollection"
    for f in events["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(events["features"])
    ids = [json.loads(ln)["event_id"] for ln in lines]
    assert len(ids) == len(set(ids)), "event ids must be unique within a run"
    rows = list(csv.DictReader(io.StringIO((out / "events.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(lines)
    places = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    assert places["type"] == "FeatureCollection"
    html = (out / "map.html").read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    return {f["properties"]["article_id"] for f in places["features"]}


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate],  # no shrinking: each step is a CLI run
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(junk=st.lists(_junk_line(), min_size=1, max_size=25),
       texts=st.lists(st.text(max_size=300), max_size=3),
       blobs=st.lists(st.binary(max_size=300), max_size=3),
       seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_random_input_never_crashes_and_keeps_good_records(
        junk: list[bytes], texts: list[str], blobs: list[bytes], seed: int,
        gaz_env: dict, tmp_path_factory) -> None:
    rng = random.Random(seed)
    root = tmp_path_factory.mktemp("fuzz")
    inp = root / "in"
    inp.mkdir()
    good_ids = [f"good-{seed}-{i}" for i in range(8)]
    good = []
    for i, gid in enumerate(good_ids):
        _, text = _good_text(rng, i)
        good.append(json.dumps({"id": gid, "text": text,
                                "published": "2024-03-05T10:00:00Z"}).encode())
    lines = good + junk
    rng.shuffle(lines)
    (inp / "mixed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    for i, t in enumerate(texts):
        (inp / f"text-{i}.txt").write_text(t, encoding="utf-8", errors="surrogatepass")
    for i, b in enumerate(blobs):
        (inp / f"blob-{i}.txt").write_bytes(b)
    good_file_id = f"goodfile-{seed}"
    (inp / f"{good_file_id}.txt").write_text(_good_text(rng, 1)[1], encoding="utf-8")

    out = root / "out"
    r = geomap("run", str(inp), "-o", str(out), "-q", "-j", "1", env=gaz_env,
               timeout=RUN_TIMEOUT_S)
    assert r.returncode in (0, 3), r.stderr.decode("utf-8", "replace")
    assert_clean_stderr(r.stderr)
    with_places = _check_outputs(out)
    missing = [g for g in good_ids if g not in with_places]
    assert not missing, f"good records lost: {missing}"
    assert any(a.startswith("goodfile-") or good_file_id in a for a in with_places), with_places
