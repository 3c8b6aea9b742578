"""The HTML file itself: self-contained, escaped, written atomically."""

from __future__ import annotations

import json
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from geomap.errors import OutputError
from geomap.render import render_map
from geomap.render.map import OVERLAYS
from geomap.render.safe import esc
from geomap.types import Event

# Hosts an offline map may still name: optional online tile layers and their attributions,
# Leaflet's own attribution link, the SVG namespace inside the libraries and a bug link in a
# comment of leaflet.css. None is fetched to draw the map (the browser tests block all network).
ALLOWED_HOSTS = {
    "tile.openstreetmap.org", "www.openstreetmap.org", "openstreetmap.org",
    "server.arcgisonline.com", "leafletjs.com", "www.w3.org", "bugzilla.mozilla.org",
}
URL = re.compile(r"https?://[^\s\"'<>)\\]+", re.IGNORECASE)


class _Page(HTMLParser):
    """Start tags, attribute names and <script> contents, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.scripts: list[tuple[str, str]] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(name.lower() for name, _ in attrs)
        if tag == "script":
            self._script = dict(attrs).get("type") or "text/javascript"
            self.scripts.append((self._script, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def _hosts(html: str) -> set[str]:
    return {urlsplit(u).hostname or "" for u in URL.findall(html)}


def test_no_external_assets(seed_events: list[Event], seed_toponyms: list) -> None:
    html = render_map(seed_events, seed_toponyms, title="Seed")
    assert not re.search(r"<script[^>]*\bsrc=", html, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref=", html, re.IGNORECASE)
    assert "@import" not in html
    for cdn in ("jsdelivr", "cdnjs", "bootstrapcdn", "code.jquery.com", "unpkg", "fontawesome"):
        assert cdn not in html.lower()
    source_host = {urlsplit(e.source_url).hostname for e in seed_events if e.source_url}
    assert _hosts(html) <= ALLOWED_HOSTS | source_host
    # CSS images are inlined as data: URIs
    assert 'url("data:image/png;base64,' in html
    assert "url(images/" not in html


def test_layers_and_title(seed_events: list[Event]) -> None:
    html = render_map(seed_events, title="Seed & <friends>")
    assert "<title>Seed &amp; &lt;friends&gt;</title>" in html
    for _, label in OVERLAYS:
        assert f'"{label}"' in html  # the layer control lists every overlay
    assert "Land and countries (offline)" in html


def test_empty_map_renders(tmp_path: Path) -> None:
    html = render_map([], path=tmp_path / "empty.html")
    assert "geomapRender(" in html
    assert (tmp_path / "empty.html").read_text(encoding="utf-8") == html


def test_hostile_text_is_inert_in_the_file(hostile_events: list[Event], hostile_toponyms: list) -> None:
    html = render_map(hostile_events, hostile_toponyms, title="<script>window.__pwned=7</script>")
    assert "window.__pwned" in html  # it is there, but only as data
    assert "<script>window.__pwned" not in html
    assert "<img src=x" not in html
    assert "</title><script>" not in html
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", html, re.IGNORECASE)
    assert "\u2028" not in html and "\u2029" not in html
    page = _Page()
    page.feed(html)
    # hostile text appears only inside the JSON data element, never as markup or code
    assert page.tags.count("img") == 0
    assert not [a for a in page.attrs if a.startswith("on")]
    for kind, text in page.scripts:
        if kind != "application/json":
            assert "__pwned" not in text
    data = [t for k, t in page.scripts if k == "application/json"]
    assert len(data) == 1 and "__pwned" in data[0]
    assert json.loads(data[0])["title"] == "<script>window.__pwned=7</script>"  # plain text


def _page_elements(fmap):
    """Every branca element of the page (the test reads their template sources, which only
    branca's internals hold)."""
    root = fmap.get_root()
    stack = [root, *(getattr(root, part) for part in ("header", "html", "script"))]
    while stack:
        element = stack.pop()
        yield element
        stack.extend(element._children.values())


TEMPLATE_SYNTAX = "{{ 7*7 }} {% for x in (1, 2) %}loop{% endfor %} {# {{ page.title"


def test_template_syntax_in_every_field_is_literal(tmp_path: Path) -> None:
    """Jinja2 never sees article text: it comes out as written, nothing evaluated or lost."""
    from map_fixtures import DUSHANBE, place_toponym, seed_main_event

    from geomap.render.map import build_map
    from geomap.types import Anchor, Location

    t = TEMPLATE_SYNTAX
    events = [seed_main_event(
        event_id=f"id {t}", article_id=f"art {t}", title=f"title {t}", evidence=f"ev {t}",
        actors=(f"actor {t}",), source_url=f"https://example.com/{t}", event_type=f"type {t}",
        sub_event_type=f"sub {t}", notes=f"notes {t}", date_text=f"date {t}",
        location=Location(f"place {t}", 38.534, 68.206, 2, 10.0, "TJ", "relative",
                          anchor=Anchor(f"anchor {t}", *DUSHANBE, 50.0, 270.0)),
    )]
    toponyms = [place_toponym(f"town {t}", 38.0, 69.0)]
    fmap = build_map(events, toponyms, title=f"map {t}")
    for element in _page_elements(fmap):  # no input in any element's template source
        assert "7*7" not in (element._template_str or ""), type(element)
    html = render_map(events, toponyms, title=f"map {t}", path=tmp_path / "m.html")
    assert "loop loop" not in html and "looploop" not in html
    data = json.loads(re.findall(
        r'<script type="application/json" id="geomap-data">(.*?)</script>', html, re.S)[0])
    texts = json.dumps(data, ensure_ascii=False)
    for prefix in ("id", "title", "ev", "actor", "type", "sub", "notes", "date", "place",
                   "anchor", "town", "map"):
        assert json.dumps(f"{prefix} {t}", ensure_ascii=False)[1:-1] in texts, prefix
    assert f"<title>{esc(f'map {t}')}</title>" in html


def test_written_atomically_and_readable(tmp_path: Path, seed_events: list[Event]) -> None:
    target = tmp_path / "map.html"
    target.write_text("old", encoding="utf-8")
    html = render_map(seed_events, path=target)
    assert target.read_text(encoding="utf-8") == html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]  # no temp file left
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_unwritable_output_raises_and_leaves_nothing(tmp_path: Path, seed_events: list[Event]) -> None:
    with pytest.raises(OutputError):
        render_map(seed_events, path=tmp_path / "missing" / "map.html")
    if os.geteuid() != 0:  # root can write anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        with pytest.raises(OutputError):
            render_map(seed_events, path=locked / "map.html")
        assert list(locked.iterdir()) == []
