"""End to end: hostile titles, URLs and text go in through ``geomap run`` (ingest, pipeline,
map) and nothing runs in the map in headless Chromium. Complements tests/render, which feeds
hostile events to the renderer directly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, geomap

pytestmark = pytest.mark.browser

ATTACKS = {
    "title": "</script><script>window.__pwned='title'</script>",
    "url": "javascript:window.__pwned='url'",
    "author": "<img src=x onerror=\"window.__pwned='author'\">",
}
TEXT = ("Two soldiers were killed in Kabul <img src=x onerror=\"window.__pwned='text'\"> on "
        "Monday. </script><script>window.__pwned='evidence'</script> Three civilians were "
        "killed in Herat '\"}]);window.__pwned='json';// on Tuesday.")


def test_hostile_article_fields_never_run_in_the_map(tmp_path: Path, gaz_env: dict,
                                                     chromium: str) -> None:
    from geomap.render.browser import chromedriver_binary, headless_chromium, open_map

    if chromedriver_binary() is None:
        pytest.skip("chromedriver not installed")
    src = tmp_path / "hostile.jsonl"
    src.write_text(json.dumps({"id": "</script><b>id", "text": TEXT, "published": "2021-03-03",
                               **ATTACKS}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    r = geomap("run", str(src), "-o", str(out), "-q", env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    events = [json.loads(ln) for ln in (out / "events.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert events  # the attack text really reaches the map as evidence
    assert any("<script>" in e["evidence"] or "<img" in e["evidence"] for e in events)
    with headless_chromium(1000, 700) as driver:
        open_map(driver, out / "map.html")
        n = driver.execute_script("return window.geomap.markers.length")
        assert n >= 1
        for i in range(n):
            driver.execute_script(f"window.geomap.markers[{i}].openPopup()")
        driver.execute_script("window.geomap.map.eachLayer(l => l.openTooltip && l.openTooltip())")
        assert driver.execute_script("return typeof window.__pwned") == "undefined"
        assert driver.find_elements("css selector", "a[href^='javascript' i]") == []
        assert driver.find_elements("css selector", "img[src='x']") == []
        assert driver.execute_script("return typeof window.geomap.layers") == "object"
