"""Article text never reaches a template engine (issue 10, item 1).

Template syntax (``{{``, ``{%``, ``{#``) goes into every text field that reaches the map
through the real ``geomap run``: it must come out as literal text in the map's data, run
nothing, break nothing and delete nothing. A title built to close the script tag must not run
script in headless Chromium."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, geomap

EXEC = "{{ cycler.__init__.__globals__.os.popen(dict(id=1)|first).read() }}"
LOOP = "{% for x in range(3) %}looped{% endfor %}"
UNCLOSED = "{{ page.title"
MATH = "{{ 7*7 }}"
RAW = "{% raw %}x"
COMMENT_OPEN, COMMENT_CLOSE = "{# comment opens", "comment closes #}"
BETWEEN = "text-between-the-comment-marks"

_DATA = re.compile(r'<script type="application/json" id="geomap-data">(.*?)</script>', re.S)


def _mkdir_payload(target: Path) -> str:
    return f"{{{{ cycler.__init__.__globals__.os.mkdir('{target}') }}}}"


def _map_data(out: Path) -> dict:
    """The map's JSON data element, decoded."""
    page = (out / "map.html").read_text(encoding="utf-8")
    found = _DATA.findall(page)
    assert len(found) == 1, "the map has exactly one data element"
    return json.loads(found[0])


def _texts(data: dict) -> str:
    """Every string in the map's data, HTML-unescaped, one per line."""
    out: list[str] = []

    def walk(obj: object) -> None:
        if isinstance(obj, str):
            out.append(html.unescape(obj))
        elif isinstance(obj, dict):
            for v in obj.values():
                walk(v)
        elif isinstance(obj, list):
            for v in obj:
                walk(v)

    walk(data)
    return "\n".join(out)


def _article(n: int, payload: str) -> dict:
    """An article whose id, title, url and event sentence all carry ``payload``."""
    return {
        "id": f"art-{n} {payload}",
        "title": f"Title {n} {payload}",
        "url": f"https://example.com/{n}/{payload}",
        "author": payload,
        "published": "2021-03-03",
        "text": f"Two soldiers were killed in Kabul on Monday {payload} after a clash.",
    }


def _run(tmp_path: Path, records: list[dict], gaz_env: dict, *extra: str):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    r = geomap("run", str(src), "-o", str(out), "-q", *extra, env=gaz_env, timeout=600)
    return r, out


@pytest.mark.timeout(600)
def test_template_syntax_in_every_field_stays_literal(tmp_path: Path, gaz_env: dict) -> None:
    target = tmp_path / "pwned-folder"
    payloads = [EXEC, _mkdir_payload(target), LOOP, UNCLOSED, MATH, RAW]
    records = [_article(i, p) for i, p in enumerate(payloads)]
    # without a title the map labels an article with its id (event ids are slugs of it)
    untitled = [{k: v for k, v in _article(i + 50, p).items() if k != "title"}
                for i, p in enumerate(payloads)]
    # `{#` in one title and `#}` in the next must not delete what lies between
    records += untitled + [{**_article(90, BETWEEN), "title": f"A {COMMENT_OPEN}"},
                           {**_article(91, BETWEEN), "title": f"B {COMMENT_CLOSE}"}]
    r, out = _run(tmp_path, records, gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    assert not target.exists(), "a title's os.mkdir ran"
    page = (out / "map.html").read_text(encoding="utf-8")
    assert not re.search(r"uid=\d+\(", page), "a title's os.popen('id') ran"
    data = _map_data(out)
    titles = [html.unescape(a["t"]) for a in data["articles"]]
    evidence = "\n".join(html.unescape(e["v"]) for e in data["events"])
    links = "\n".join(html.unescape(a["l"]) for a in data["articles"])
    for i, p in enumerate(payloads):
        assert records[i]["title"] in titles, (p, titles)
        assert untitled[i]["id"] in titles, (p, titles)
        assert p in evidence, p
        assert records[i]["url"] in links, p
    assert f"A {COMMENT_OPEN}" in titles and f"B {COMMENT_CLOSE}" in titles
    assert evidence.count(BETWEEN) >= 2, "text between {# and #} was deleted"
    assert "loopedlooped" not in _texts(data)


@pytest.mark.timeout(600)
def test_one_article_title_is_the_page_title_literally(tmp_path: Path, gaz_env: dict) -> None:
    target = tmp_path / "pwned-title"
    title = f"{EXEC} {_mkdir_payload(target)} {UNCLOSED}"
    r, out = _run(tmp_path, [{**_article(1, "x"), "title": title}], gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    assert not target.exists()
    page = (out / "map.html").read_text(encoding="utf-8")
    heads = re.findall(r"<title>(.*?)</title>", page, re.S)
    assert heads and html.unescape(heads[0]) == f"geomap: {title}"
    assert html.unescape(_map_data(out)["articles"][0]["t"]) == title


# --- place names from the gazetteer (an analyst's own places, `gazetteer add`) -------------

PLACES = {
    "Qarabad": "{{ Qarabad }}",
    "Morabad": "{# Morabad",
    "Dorabad": "Dorabad #}",
    "Tolabad": "{% Tolabad %}",
    "Sorabad": "{{ Sorabad",
}


@pytest.fixture(scope="module")
def hostile_gazetteer(tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path) -> Path:
    """A copy of the default gazetteer with places whose names are template syntax."""
    folder = tmp_path_factory.mktemp("gaz")
    db = folder / "gz.sqlite"
    shutil.copyfile(gazetteer_path, db)
    csv = folder / "places.csv"
    rows = [f'"{name}",{35.1 + i / 10:.2f},66.2,,AF,' for i, name in enumerate(PLACES.values())]
    csv.write_text("name,lat,lon,kind,country_code,alt_names\n" + "\n".join(rows) + "\n",
                   encoding="utf-8")
    r = geomap("gazetteer", "add", str(csv), "--db", str(db), timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    return db


@pytest.mark.timeout(600)
def test_template_syntax_in_place_names_stays_literal(tmp_path: Path,
                                                      hostile_gazetteer: Path) -> None:
    sentences = [f"Five people were killed in {word} on {day}." for word, day in
                 zip(PLACES, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"), strict=True)]
    text = " ".join(sentences)
    record = {"id": "places", "title": "Places", "published": "2021-03-03", "text": text}
    r, out = _run(tmp_path, [record], {}, "--gazetteer", str(hostile_gazetteer))
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    texts = _texts(_map_data(out))
    for name in PLACES.values():
        assert name in texts, (name, texts[:2000])
    for sentence in sentences:  # nothing between "{# Morabad" and "Dorabad #}" was deleted
        assert sentence in texts, sentence


# --- the browser: a title built to close the script tag ------------------------------------

_C = "lipsum.__globals__.__builtins__.chr"
CLOSERS = [
    "</script><script>document.title='pwned'</script>",
    "</SCRIPT ><script>document.title='pwned'</script>",
    "</script\n><img src=x onerror=\"document.title='pwned'\">",
    "<!--<script></script><script>document.title='pwned'</script>-->",
    "</title><script>document.title='pwned'</script>",
    # closes the tag only if the text is rendered as a template (no < > ' " of its own)
    f"{{% set c={_C} %}}{{{{c(60)}}}}/script{{{{c(62)}}}}{{{{c(60)}}}}script{{{{c(62)}}}}"
    f"document.title=/pwned/.source{{{{c(60)}}}}/script{{{{c(62)}}}}",
]


@pytest.mark.browser
@pytest.mark.timeout(600)
def test_script_closing_titles_do_not_run_in_the_browser(tmp_path: Path, gaz_env: dict,
                                                         chromium: str) -> None:
    from geomap.errors import GeomapError
    from geomap.render.browser import chromedriver_binary, headless_chromium, open_map

    if chromedriver_binary() is None:
        pytest.skip("chromedriver not installed")
    runs = []
    for i, closer in enumerate(CLOSERS):
        one = tmp_path / f"one-{i}"  # one article: the title is also the page's <title>
        one.mkdir()
        runs.append(_run(one, [{**_article(i, closer), "title": closer}], gaz_env)[1])
    both = tmp_path / "all"
    both.mkdir()
    runs.append(_run(both, [_article(i, c) | {"title": c} for i, c in enumerate(CLOSERS)],
                     gaz_env)[1])
    with headless_chromium(1000, 700) as driver:
        for out in runs:
            assert (out / "map.html").is_file(), out
            failed = None
            try:
                open_map(driver, out / "map.html")
            except GeomapError as exc:  # the map's own script broke: say so after the title
                failed = exc
            assert driver.execute_script("return document.title") != "pwned", out
            assert failed is None, failed
            for i in range(driver.execute_script("return window.geomap.markers.length")):
                driver.execute_script(f"window.geomap.markers[{i}].openPopup()")
            assert driver.execute_script("return document.title") != "pwned", out
            assert driver.find_elements("css selector", "img[src='x']") == []
