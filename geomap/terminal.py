"""Input-derived text made safe for a terminal.

File names, article ids and place names are chosen by whoever wrote the input: printed raw,
an escape sequence in them can retitle or rewrite the analyst's terminal, a newline can forge
a second message line, a bidirectional override can reverse what is shown, and Rich markup
(``[link=...]``) becomes a hyperlink. :func:`visible` shows such characters as escapes
(``\\x1b``); :func:`rich_text` also keeps Rich from reading markup in the text.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.text import Text

_BEYOND_ASCII_CONTROLS = (
    "\x7f-\x9f"  # DEL and the C1 controls (CSI, OSC, ... as single characters)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks and overrides
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates (undecodable bytes of a file name)
)
_INVISIBLE = re.compile(f"[\x00-\x1f{_BEYOND_ASCII_CONTROLS}]")  # C0: ESC, BEL, newline, ...
_JSON_RAW = re.compile(f"[{_BEYOND_ASCII_CONTROLS}]")
"""What ``json.dumps(ensure_ascii=False)`` leaves raw (it escapes C0 itself)."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: object) -> str:
    """``text`` with every control, bidirectional-override and separator character written
    as an escape (``\\x1b``, ``\\u202e``), so it prints as one inert line."""
    return _INVISIBLE.sub(_escape, str(text))


def rich_text(text: object) -> Text:
    """A Rich ``Text`` of :func:`visible` text: shown as is, its ``[...]`` never read as
    markup (a place named ``[link=http://x]y[/link]`` is not turned into a link)."""
    from rich.text import Text

    return Text(visible(text))


def json_line(data: Any, *, indent: int | None = None) -> str:
    """JSON for a terminal: non-ASCII text stays readable, but the characters of
    :func:`visible` (which ``json.dumps`` leaves raw from DEL up) become ``\\uXXXX`` escapes,
    so the same data decodes from it."""
    return _JSON_RAW.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=indent))
