"""The bounds on what ingest holds in memory (one place, so tests can lower them).

Readers read them as ``limits.NAME`` at call time, never copy them at import.
"""

from __future__ import annotations

MAX_ARTICLE_CHARS = 5_000_000
"""Longer texts are rejected: far beyond any news article, and a sign of a wrong input file."""

MAX_FILE_BYTES = MAX_ARTICLE_CHARS * 4
"""A whole-file article (seed, plain text, non-JSON-Lines stdin) is read up to this many bytes:
the character limit at UTF-8's widest (4 bytes a character). Larger ones are rejected."""

MAX_RECORD_BYTES = MAX_ARTICLE_CHARS * 6 + 1_000_000
"""A JSON Lines line may be this long: the character limit with every character written as a
``\\uXXXX`` escape (6 bytes), plus 1 MB for the other fields. A longer line is skipped without
being held in memory, so one giant line costs that line only."""


SKIP_CHUNK = 1 << 20
"""Bytes read at a time while skipping the rest of an over-long line (bounds memory)."""
