"""JSON records: one line of JSON Lines -> an :class:`~geomap.types.Article`.

Lone surrogates that JSON can spell (``"\\ud800"``) but UTF-8 cannot carry are replaced by
U+FFFD here, so no later stage meets a string it cannot write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from geomap.errors import InputError
from geomap.ingest.common import check_text as _check_text
from geomap.ingest.dates import parse_published
from geomap.types import Article

_SURROGATES = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def valid_text(text: str) -> str:
    """``text`` with each lone surrogate (JSON can spell one, ``"\\ud800"``; UTF-8 cannot
    encode it) replaced by U+FFFD: one character for one, so offsets into the text hold."""
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


def _valid_json(obj: Any) -> Any:
    """Every string (keys too) of a parsed JSON value through :func:`valid_text`, without
    recursion (the value may be nested as deeply as the parser allows)."""
    if isinstance(obj, str):
        return valid_text(obj)
    stack = [obj]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for i, v in enumerate(node):
                if isinstance(v, str):
                    node[i] = valid_text(v)
                elif isinstance(v, list | dict):
                    stack.append(v)
        elif isinstance(node, dict):
            items = list(node.items())
            node.clear()
            for k, v in items:
                if isinstance(v, str):
                    v = valid_text(v)
                elif isinstance(v, list | dict):
                    stack.append(v)
                node[valid_text(k)] = v
    return obj


def load_json_line(line: str, *, path: str | None = None, line_no: int | None = None) -> Any:
    """``json.loads`` for one record, where every failure is an :class:`InputError`: bad JSON,
    nesting too deep for the parser (RecursionError) or an integer over Python's digit limit
    (ValueError). Lone surrogates in its strings are replaced (:func:`valid_text`)."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON ({exc.msg})", path=path, line=line_no) from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read", path=path, line=line_no) from None
    except ValueError:  # int("9" * 5000): over sys.get_int_max_str_digits()
        raise InputError("invalid JSON (a number has too many digits)", path=path,
                         line=line_no) from None
    if _SURROGATE_ESCAPE.search(line) or (not line.isascii() and _SURROGATES.search(line)):
        obj = _valid_json(obj)
    return obj


def parse_json_record(obj: object, *, path: str, line: int, default_id: str,
                      dayfirst: bool | None = None,
                      warn: Callable[[str], None] | None = None,
                      plausible_dates: bool = True) -> Article:
    """One JSON Lines record -> Article: the one reader of input records (``run``, ``export``,
    ``geoparse``, the API, the scorers).

    An ``id`` that is absent, null, empty or blank gets ``default_id``; an integer id is kept
    as its digits; any other kind of id is an error (``str()`` of it would not be an id).
    ``plausible_dates=False`` accepts a ``published`` date in the future or before 1800
    (``geoparse`` uses the date only as context, never to date events).
    """
    if not isinstance(obj, dict):
        raise InputError("expected a JSON object", path=path, line=line)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("record has no 'text' string", path=path, line=line)
    text = valid_text(text)
    _check_text(text, path=path, line=line)
    raw_id = obj.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        article_id = default_id
    elif isinstance(raw_id, str):
        article_id = valid_text(raw_id)
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        article_id = str(raw_id)
    else:
        raise InputError(f"'id' must be a string or an integer, got {type(raw_id).__name__}",
                         path=path, line=line)
    spans = obj.get("spans")
    gold = None if spans is None else _parse_spans(spans, len(text), path=path, line=line)
    return Article(
        id=article_id,
        text=text,
        title=_opt_str(obj.get("title")),
        published=parse_published(obj.get("published"), path=path, line=line,
                                  dayfirst=dayfirst, warn=warn, plausible=plausible_dates),
        url=_opt_str(obj.get("url")),
        author=_opt_str(obj.get("author")),
        source_path=path,
        gold_spans=gold,
    )


def _opt_str(value: object) -> str | None:
    return valid_text(value) if isinstance(value, str) else None


def _parse_spans(spans: object, n_chars: int, *, path: str, line: int
                 ) -> tuple[tuple[int, int], ...]:
    """``[[start, end], ...]`` of whole numbers within the text (1e400, NaN, 3.5: errors)."""
    def whole(v: object) -> int | None:
        if isinstance(v, int) and not isinstance(v, bool):
            return v
        if isinstance(v, float) and v.is_integer():  # finite: inf and NaN are not
            return int(v)
        return None

    pairs = []
    for pair in spans if isinstance(spans, list) else [None]:
        ends = [whole(v) for v in pair] if isinstance(pair, list) and len(pair) == 2 else [None]
        if None in ends:
            raise InputError("'spans' must be a list of [start, end] pairs of whole numbers",
                             path=path, line=line)
        s, e = ends
        if not 0 <= s <= e <= n_chars:
            where = f"[{s}, {e}]" if max(abs(s), abs(e)) < 10**15 else "(huge number)"
            raise InputError(f"span {where} is outside the text", path=path, line=line)
        pairs.append((s, e))
    return tuple(pairs)
