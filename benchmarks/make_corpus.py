"""Build a synthetic N-article JSON Lines corpus from the GeoWebNews texts (streaming write).

The 200 GWN texts are cycled with new ids (``syn-000001`` ...), so any size can be made from
real news text; every record has ``id``, ``title``, ``published`` and ``text``.

    python benchmarks/make_corpus.py 10000 -o /tmp/corpus-10k.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from itertools import cycle, islice
from pathlib import Path

from geomap.evaluate.corpora import read_gwn


def gwn_path() -> Path:
    root = os.environ.get("GEOMAP_SHARED_DATA")
    if not root:
        sys.exit("make_corpus: set GEOMAP_SHARED_DATA to the reference data folder")
    return Path(root) / "corpora" / "GWN.xml"


def gwn_records(path: Path | None = None) -> list[dict]:
    """The GWN texts as JSON Lines records (200 small texts: fine to hold)."""
    docs = read_gwn(path or gwn_path())
    return [{"id": f"gwn-{d.id}", "title": d.title, "text": d.text} for d in docs]


def write_corpus(n: int, out: str, *, published: str = "2019-11-07T08:00:00+00:00") -> int:
    """Write ``n`` records to ``out`` (``-`` = stdout), cycling the GWN texts."""
    base = gwn_records()
    fh = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for i, rec in enumerate(islice(cycle(base), n), start=1):
            fh.write(json.dumps({"id": f"syn-{i:07d}", "title": rec["title"],
                                 "published": published, "text": rec["text"]},
                                ensure_ascii=False) + "\n")
    finally:
        if fh is not sys.stdout:
            fh.close()
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("-o", "--output", default="-", help="output .jsonl file (default stdout)")
    args = ap.parse_args()
    write_corpus(args.n, args.output)


if __name__ == "__main__":
    main()
