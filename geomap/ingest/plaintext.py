"""Plain UTF-8 text: one article per file (or stdin), the format of last resort."""

from __future__ import annotations

from collections.abc import Iterator

from geomap.errors import InputError
from geomap.ingest.common import check_text, claim
from geomap.ingest.registry import ReadContext, Reader, add_reader
from geomap.ingest.seed import lacks_its_date
from geomap.types import Article


def read_plain_text(text: str, path: str, context: ReadContext) -> Iterator[Article]:
    """The whole text as one article, with the context's id. A file that starts like a seed
    header without its date is refused (its header would be read as the article)."""
    if context.from_file and lacks_its_date(text):
        raise InputError("seed-format header is missing its 'Published at: **date**' line",
                         path=path)
    check_text(text, path=path)
    yield claim(context.ids, Article(id=context.default_id, text=text, source_path=path))


PLAIN_TEXT = add_reader(Reader("text", read_text=read_plain_text))
"""No ``sniff``: the fallback for a text no other reader recognises."""
