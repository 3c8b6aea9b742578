"""The map never parses article text as HTML (issue 10, item 1: "never innerHTML anything
derived from input").

The map's payload carries plain text, and ``geomap.js`` builds every popup, tooltip, title and
legend with ``createElement`` and ``textContent``; a link's ``href`` is set only to a checked
http(s) URL. Hostile markup goes into titles, evidence, place names (an analyst's gazetteer)
and URLs through the real ``geomap run``; in headless Chromium every popup and tooltip is
opened, the text must show literally, no element or script may come from it, and no HTML
sink (``innerHTML`` and friends, hooked before the page loads) may ever see it. A static check
keeps such sinks out of ``geomap.js``.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_clean_stderr, geomap

from geomap.render import assets

MARK = "BOLDTEXT"
"""A word inside every hostile fragment: the sink hook records any HTML string holding it."""

IMG = f"<img src=x onerror=\"window.__pwned='{{}}'\"><b>{MARK}</b>"
TITLE = f"Title {IMG.format('title')}</script><script>window.__pwned='t2'</script>"
BAD_URL = "javascript:window.__pwned='url'"
WEB_URL = f"https://example.com/a?b=1&c=\"><img src=x onerror=window.__pwned='href'>{MARK}"
PLACES = {  # what the text says -> the gazetteer's display name (same lookup key)
    "Qarabad": "<Qarabad>",  # parsed as HTML: an element <qarabad>, its text gone
    "Morabad": "<!--Morabad-->",  # parsed as HTML: a comment, its text gone
    "Sorabad": "\"'><Sorabad/>",  # parsed as HTML: closes an attribute, opens an element
}
TEXT = (f"Five soldiers were killed in Qarabad on Monday {IMG.format('text')}. "
        "Three civilians were killed 30 km north of Morabad on Tuesday "
        f"</script><script>window.__pwned='evidence'</script> <b>{MARK}</b>. "
        "Two police officers were killed in Sorabad on Wednesday.")

FORBIDDEN_JS = {
    "innerHTML": r"\binnerHTML\b",
    "outerHTML": r"\bouterHTML\b",
    "insertAdjacentHTML": r"\binsertAdjacentHTML\b",
    "document.write": r"\bdocument\s*\.\s*write(ln)?\b",
    "eval": r"\beval\s*\(",
    "new Function": r"\bnew\s+Function\b|\bFunction\s*\(",
    "string timer": r"\bset(Timeout|Interval)\s*\(\s*['\"`]",
    "HTML parser": r"\bDOMParser\b|\bcreateContextualFragment\b|\bsrcdoc\b",
    "jQuery": r"\$\s*\(|\bjQuery\b|\.html\s*\(",
}
LEAFLET_CONTENT_ALLOWED = {"textSpan", "popupOf", "tooltipOf", "mentionPopup", "mentionTip"}
"""What geomap.js may hand Leaflet as popup/tooltip content: element builders only (Leaflet
parses a string as HTML)."""

SINK_HOOK = r"""
(function () {
  window.__sinks = [];
  var MARK = /BOLDTEXT|__pwned|Qarabad|Morabad|Sorabad/;
  function note(kind, value) {
    value = String(value);
    if (MARK.test(value)) { window.__sinks.push(kind + ': ' + value.slice(0, 200)); }
  }
  function setter(proto, prop) {
    var d = Object.getOwnPropertyDescriptor(proto, prop);
    Object.defineProperty(proto, prop, { configurable: true, enumerable: d.enumerable,
      get: d.get, set: function (v) { note(prop, v); return d.set.call(this, v); } });
  }
  function method(proto, name, arg) {
    var f = proto[name];
    proto[name] = function () { note(name, arguments[arg]); return f.apply(this, arguments); };
  }
  setter(Element.prototype, 'innerHTML');
  setter(Element.prototype, 'outerHTML');
  setter(ShadowRoot.prototype, 'innerHTML');
  method(Element.prototype, 'insertAdjacentHTML', 1);
  method(Document.prototype, 'write', 0);
  method(Document.prototype, 'writeln', 0);
  method(Range.prototype, 'createContextualFragment', 0);
  method(DOMParser.prototype, 'parseFromString', 0);
  var realEval = window.eval;
  window.eval = function (s) { note('eval', s); return realEval(s); };
  var setAttr = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (/^on/i.test(name) || /^\s*javascript:/i.test(String(value))) {
      window.__sinks.push('setAttribute ' + name + '=' + String(value).slice(0, 200));
    }
    return setAttr.apply(this, arguments);
  };
})();
"""


def _strip_js_comments(code: str) -> str:
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    return re.sub(r"(?m)^\s*//.*$", "", code)


def test_geomap_js_has_no_html_sinks() -> None:
    """Static: the map client never parses a string as HTML or runs one as code."""
    code = _strip_js_comments(assets.inline_js_app())
    found = {name: re.findall(rx, code) for name, rx in FORBIDDEN_JS.items()}
    assert {k: v for k, v in found.items() if v} == {}
    # Leaflet content only from element builders, never a string or a concatenation
    calls = re.findall(r"\.(bindPopup|bindTooltip|setContent)\(\s*([^,)\s(]*)", code)
    assert calls, "the map binds popups and tooltips"
    assert {arg for _, arg in calls} <= LEAFLET_CONTENT_ALLOWED, calls
    # the one href set from data goes through the URL check
    hrefs = re.findall(r"setAttribute\(\s*['\"]href['\"]\s*,\s*(\w+)", code)
    assert hrefs == ["href"]
    assert re.search(r"var href = webUrl\(", code)
    assert not re.search(r"\.(href|src)\s*=(?!\s*'#')", code)  # no other href/src from data


def test_the_sink_check_catches_a_sink() -> None:
    """The static check can fail: the old client's lines are caught."""
    old = ("box.innerHTML = html;\nlayer.bindTooltip(tip, { sticky: true });\n"
           "title.innerHTML = data.title;\n")
    assert re.findall(FORBIDDEN_JS["innerHTML"], old)
    calls = re.findall(r"\.(bindPopup|bindTooltip|setContent)\(\s*([^,)\s(]*)", old)
    assert not {arg for _, arg in calls} <= LEAFLET_CONTENT_ALLOWED


@pytest.fixture(scope="module")
def hostile_gazetteer(tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path) -> Path:
    """A copy of the default gazetteer with places whose display names are markup."""
    folder = tmp_path_factory.mktemp("gaz")
    db = folder / "gz.sqlite"
    shutil.copyfile(gazetteer_path, db)
    rows = folder / "places.csv"
    with rows.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "lat", "lon", "kind", "country_code"])
        for i, name in enumerate(PLACES.values()):
            out.writerow([name, f"{34.6 + i / 2:.2f}", "66.2", "", "AF"])
    r = geomap("gazetteer", "add", str(rows), "--db", str(db), timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    return db


def _run(folder: Path, records: list[dict], gazetteer: Path) -> Path:
    folder.mkdir()
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = folder / "out"
    r = geomap("run", str(src), "-o", str(out), "-q", "--gazetteer", str(gazetteer),
               timeout=600)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    return out


ARTICLE_A = {"id": f"a-{IMG.format('id')}", "title": TITLE, "url": BAD_URL,
             "published": "2021-03-03", "text": TEXT}
ARTICLE_B = {"id": "b", "title": f"B {IMG.format('title-b')}", "url": WEB_URL,
             "published": "2021-03-03",  # one place only: it is the event's location
             "text": f"Six soldiers were killed in Sorabad on Monday {IMG.format('text-b')}."}


@pytest.fixture(scope="module")
def hostile_maps(tmp_path_factory: pytest.TempPathFactory, hostile_gazetteer: Path) -> dict:
    """``one``: article A alone (its title is the map's title); ``two``: A and B."""
    root = tmp_path_factory.mktemp("dom")
    return {"one": _run(root / "one", [ARTICLE_A], hostile_gazetteer),
            "two": _run(root / "two", [ARTICLE_A, ARTICLE_B], hostile_gazetteer)}


def _payload(out: Path) -> dict:
    page = (out / "map.html").read_text(encoding="utf-8")
    found = re.findall(r'<script type="application/json" id="geomap-data">(.*?)</script>',
                       page, re.S)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.mark.timeout(900)
def test_payload_carries_the_text_as_written(hostile_maps: dict) -> None:
    """The data holds the article's text exactly (no escaping, no markup made in Python)."""
    data = _payload(hostile_maps["two"])
    assert data["title"].startswith("geomap: 2 articles")
    assert _payload(hostile_maps["one"])["title"] == f"geomap: {TITLE}"
    assert {"t": TITLE, "u": BAD_URL} in data["articles"]  # not a link
    assert {"t": ARTICLE_B["title"], "l": WEB_URL} in data["articles"]  # a checked link
    evidence = "\n".join(e["v"] for e in data["events"])
    assert IMG.format("text") in evidence
    names = [m["n"] for m in data["mentions"]]
    assert sorted(names) == sorted(PLACES.values())
    assert f"{PLACES['Sorabad']} (Afghanistan)" in [e["n"] for e in data["events"]]
    assert any(a["nm"] == PLACES["Morabad"] for a in data["anchors"]), data["anchors"]
    text = json.dumps(data, ensure_ascii=False)
    for made in ("&lt;", "&gt;", "&quot;", "&#x27;", "<br", "<a ", "<table", "<div"):
        assert made not in text, made


_OPEN_ALL = """
const g = window.geomap, out = {popups: [], tips: [], links: [], sources: [], made: 0, bold: []};
function grab(layer, kind) {
  if (kind === 'popup') { layer.openPopup(); }
  else { layer.openTooltip(); }
  const o = kind === 'popup' ? layer.getPopup() : layer.getTooltip();
  const el = o && o.getElement();
  if (!el) { return; }
  (kind === 'popup' ? out.popups : out.tips).push(el.textContent);
  /* checked while open: a closed popup leaves the page */
  out.made += el.querySelectorAll('img, script, qarabad, sorabad, [onerror]').length;
  el.querySelectorAll('b').forEach(b => out.bold.push(b.textContent));
  el.querySelectorAll('.gm-source').forEach(d => out.sources.push(d.textContent));
  el.querySelectorAll('.gm-source a').forEach(
    a => out.links.push([a.getAttribute('href'), a.textContent, a.rel]));
}
g.markers.forEach(m => { grab(m, 'popup'); grab(m, 'tooltip'); });
g.layers.mentions.eachLayer(m => { grab(m, 'popup'); grab(m, 'tooltip'); });
g.map.eachLayer(l => { if (l.getPopup && l.getPopup() && !l.gmIndex) { grab(l, 'popup'); } });
g.map.eachLayer(l => { if (l.openTooltip) { l.openTooltip(); } });
out.allTips = [...document.querySelectorAll('.leaflet-tooltip')].map(t => t.textContent);
out.title = (document.querySelector('.gm-map-title') || {}).textContent;
out.legend = (document.querySelector('.gm-legend') || {}).textContent;
return out;
"""

_INERT = """
return {
  pwned: typeof window.__pwned,
  sinks: window.__sinks,
  img: document.querySelectorAll('img').length,
  onattrs: [...document.querySelectorAll('*')].filter(
    e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
  bold: [...document.querySelectorAll('b')].map(b => b.textContent),
  badLinks: [...document.querySelectorAll('a[href]')].filter(
    a => !/^(https?:|#)/i.test(a.getAttribute('href'))).map(a => a.getAttribute('href')),
  scripts: [...document.querySelectorAll('script')].filter(
    s => s.type !== 'application/json' && /__pwned|BOLDTEXT/.test(s.textContent)).length,
  made: document.querySelectorAll('qarabad, sorabad').length,
  comments: (function () {
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
    let n = 0;
    while (walk.nextNode()) { if (/Morabad/.test(walk.currentNode.data)) { n++; } }
    return n;
  }()),
};
"""


def _check_shown(shown: dict) -> None:
    assert shown["made"] == 0
    assert set(shown["bold"]) <= {"(named in the article)"}, shown["bold"]


def _check_inert(driver: Any) -> dict:
    # an <img src=x> would fail to load and run its onerror a moment later
    driver.execute_async_script("setTimeout(arguments[arguments.length - 1], 500)")
    got = driver.execute_script(_INERT)
    assert got["pwned"] == "undefined"
    assert got["sinks"] == [], got["sinks"]  # no HTML sink ever saw article text
    assert got["img"] == 0 and got["onattrs"] == 0 and got["scripts"] == 0
    assert got["made"] == 0 and got["comments"] == 0  # no element or comment from a name
    assert set(got["bold"]) <= {"(named in the article)"}, got["bold"]
    assert got["badLinks"] == []
    return got


@pytest.mark.browser
@pytest.mark.timeout(900)
def test_hostile_text_shows_literally_and_creates_nothing(hostile_maps: dict,
                                                          chromium: str) -> None:
    from geomap.render.browser import chromedriver_binary, headless_chromium, open_map

    if chromedriver_binary() is None:
        pytest.skip("chromedriver not installed")
    with headless_chromium(1000, 700) as driver:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SINK_HOOK})

        open_map(driver, hostile_maps["one"] / "map.html")
        assert driver.execute_script("return Array.isArray(window.__sinks)")  # hook in place
        _check_inert(driver)
        shown = driver.execute_script(_OPEN_ALL)
        assert shown["title"] == f"geomap: {TITLE}"
        assert shown["popups"], "the map has event popups"
        popups = "\n".join(shown["popups"])
        _check_shown(shown)
        assert TITLE in popups  # the popup's title line
        assert IMG.format("text") in popups  # the evidence
        for name in PLACES.values():  # location rows, the anchor row, mention titles
            assert name in popups, name
        assert f"from {PLACES['Morabad']} (" in popups  # the anchor row
        assert f"Source: {BAD_URL}" in shown["sources"]  # shown, not linked
        tips = "\n".join(shown["tips"] + shown["allTips"])
        for name in PLACES.values():
            assert name in tips, name
        _check_inert(driver)
        assert shown["links"] == []

        open_map(driver, hostile_maps["two"] / "map.html")
        shown = driver.execute_script(_OPEN_ALL)
        popups = "\n".join(shown["popups"])
        assert TITLE in popups and ARTICLE_B["title"] in popups
        assert f"{PLACES['Sorabad']} (Afghanistan)" in popups  # an event's location row
        _check_shown(shown)
        _check_inert(driver)
        # the web URL is a link whose href is the URL itself, its text shown literally
        assert [WEB_URL, WEB_URL, "noopener noreferrer"] in shown["links"]
        assert all(link[0] == WEB_URL for link in shown["links"])
