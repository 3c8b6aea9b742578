"""The seed format (markdown-like): ``# Title``, ``Published at: **ISO date**``,
``Author: **X**``, ``Original: [site](url)``, then the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from geomap.errors import InputError
from geomap.ingest.common import check_text, claim, safe_id
from geomap.ingest.dates import parse_published
from geomap.ingest.registry import ReadContext, Reader, add_reader
from geomap.types import Article

_SEED_TITLE = re.compile(r"^#[ \t]+(?P<title>[^\n]+)$", re.M)
_SEED_PUBLISHED = re.compile(r"^Published at:[ \t]*\*\*(?P<v>[^*\n]+)\*\*[ \t]*$", re.M)
_SEED_AUTHOR = re.compile(r"^Author:[ \t]*\*\*(?P<v>[^*\n]+)\*\*[ \t]*$", re.M)
_SEED_ORIGINAL = re.compile(r"^Original:[ \t]*\[(?P<site>[^\]\n]*)\]\((?P<url>[^)\s]*)\)[ \t]*$", re.M)


def parse_seed(text: str, *, path: str, article_id: str | None = None) -> Article:
    """Parse the seed (markdown-like) format. The body's offsets index into ``Article.text``."""
    check_text(text, path=path)
    title_m = _SEED_TITLE.search(text)
    pub_m = _SEED_PUBLISHED.search(text)
    if title_m is None or pub_m is None:
        missing = "title line ('# ...')" if title_m is None else "'Published at: **date**' line"
        raise InputError(f"seed-format header is missing its {missing}", path=path)
    header_end = pub_m.end()
    author_m = _SEED_AUTHOR.search(text)
    orig_m = _SEED_ORIGINAL.search(text)
    for m in (author_m, orig_m):
        if m is not None and m.start() < 2000:
            header_end = max(header_end, m.end())
    body = text[header_end:].strip("\n")
    published = parse_published(pub_m.group("v"), path=path)
    return Article(
        id=article_id or safe_id(Path(path).stem),
        text=body,
        title=title_m.group("title").strip(),
        published=published,
        url=orig_m.group("url") if orig_m else None,
        author=author_m.group("v").strip() if author_m else None,
        source_path=path,
    )


def is_seed_format(text: str) -> bool:
    head = text[:3000]
    return bool(_SEED_TITLE.search(head)) and "Published at:" in head


def lacks_its_date(text: str) -> bool:
    """Starts like a seed header (``#``) but has no ``Published`` line near the top: a seed
    file whose header is broken, not plain text."""
    return text.lstrip().startswith("#") and "Published" not in text[:3000]


def _read_seed(text: str, path: str, context: ReadContext) -> Iterator[Article]:
    yield claim(context.ids, parse_seed(text, path=path, article_id=context.default_id))


SEED = add_reader(Reader("seed", sniff=is_seed_format, read_text=_read_seed))
