"""Making untrusted article text safe for the map's HTML and JavaScript.

Everything that comes from an article (titles, evidence, actors, place names, URLs) is hostile
until proven otherwise: a crafted title must not run script in an analyst's browser. Article
text reaches the page only as data: the map's payload goes into a ``<script>`` element only
through :func:`script_json`, and the browser code puts it into the page with ``textContent``
(never as HTML). URLs become links only when :func:`safe_href` accepts them (and the browser
checks again). :func:`esc` is for the one text Python itself writes into markup, the page title.
"""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import urlsplit

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_LINK_SCHEMES = frozenset({"http", "https"})


def esc(value: object) -> str:
    """HTML-escape any value's text (quotes too, so it is safe in attributes as well)."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_href(url: str | None) -> str | None:
    """The URL (stripped, as plain text) when it is an absolute http(s) URL with a host; else None.

    ``javascript:``, ``data:``, relative and scheme-less URLs are never turned into links
    (browsers strip tabs and newlines inside schemes, and so does :func:`urlsplit`).
    """
    if not url:
        return None
    text = url.strip()
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in _LINK_SCHEMES or not parts.netloc:
        return None
    return text


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so ``</script>`` or ``<!--`` in the data
    cannot end the element; U+2028/U+2029 are escaped because older JavaScript parsers treat
    them as line ends inside string literals.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, repl in _SCRIPT_ESCAPES.items():
        if char in text:
            text = text.replace(char, repl)
    return text
