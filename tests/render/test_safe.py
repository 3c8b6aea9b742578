"""Hostile-text helpers: escaping, link schemes, JSON inside <script>."""

from __future__ import annotations

import json

import pytest

from geomap.render.safe import esc, safe_href, script_json

HOSTILE = '<script>window.__pwned=1</script>"onerror=alert(1) \'x\' & \u2028\u2029 </SCRIPT><!--'


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative/path",
        "http:///no-host",
        "file:///etc/passwd",
        "",
        None,
    ],
)
def test_non_web_urls_never_become_links(url: str | None) -> None:
    assert safe_href(url) is None


def test_web_urls_are_kept_as_plain_text() -> None:
    """A web URL comes back as written (stripped), not escaped: the browser sets it as an
    attribute value through the DOM, where no escaping is needed."""
    url = 'https://example.org/a?b=1&c="x"<y>'
    assert safe_href(url) == url
    assert safe_href(f"  {url} ") == url
    assert safe_href("HTTP://EXAMPLE.ORG/") == "HTTP://EXAMPLE.ORG/"


def test_esc_escapes_markup_and_quotes() -> None:
    out = esc(HOSTILE)
    for bad in ("<", ">", '"', "'"):
        assert bad not in out
    assert esc(None) == ""


def test_script_json_cannot_close_the_script_element() -> None:
    data = {"title": HOSTILE, "nested": [HOSTILE, {"k": "</script>"}], "n": 1.5}
    text = script_json(data)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == data


def test_script_json_rejects_nan() -> None:
    with pytest.raises(ValueError):
        script_json({"x": float("nan")})
