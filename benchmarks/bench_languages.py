"""Cost of language identification and of French/Russian place recognition.

- ``identify``: lingua on every LGL and GeoWebNews text (English news): milliseconds per
  article and the languages found (an English article taken for another language would be
  read with other rules or warned about);
- ``recognition``: the French/Russian name table (built, or read from its cache beside the
  gazetteer) and milliseconds per article to recognise the places of the two wire examples,
  beside the English seed article.

Usage: ``GEOMAP_SHARED_DATA=../shared/data python benchmarks/bench_languages.py``
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def identify_cost(shared: Path) -> None:
    from geomap.evaluate import read_corpus
    from geomap.lang.identify import SAMPLE_CHARS, _clearly_english, identify

    print(f"# identify: lingua low-accuracy mode, {SAMPLE_CHARS}-character sample; {_load()}")
    identify("warm up: the models load on the first call")
    for name, fmt in (("lgl.xml", "lgl"), ("GWN.xml", "gwn")):
        texts = [d.text for d in read_corpus(shared / "corpora" / name, fmt)]  # type: ignore[arg-type]
        t = time.process_time()
        found = Counter(identify(x) for x in texts)
        dt = time.process_time() - t
        fast = sum(_clearly_english(x[:SAMPLE_CHARS]) for x in texts)
        print(f"{name}: {len(texts)} articles, {dt / len(texts) * 1000:.2f} ms CPU per article, "
              f"languages {dict(found.most_common())}, {fast} by the English fast path")


def recognition_cost(shared: Path) -> None:
    from geomap.gazetteer import open_gazetteer
    from geomap.recognize import GazetteerRecognizer
    from geomap.recognize._automaton import cache_identity
    from geomap.recognize._local import local_names
    from geomap.settings import default_gazetteer_path

    print(f"# recognition; {_load()}")
    path = os.environ.get("GEOMAP_GAZETTEER") or default_gazetteer_path()
    gaz = open_gazetteer(path, build_if_missing=False)
    rec = GazetteerRecognizer(gaz)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    table = local_names(gaz, cache_identity(gaz)[0], rec._automaton)
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"French/Russian name table: {len(table.keys):,} keys in "
          f"{time.perf_counter() - t:.1f} s (from the cache beside the gazetteer if present); "
          f"peak memory with the English recognizer {rss0 // 1024} MiB, with the table "
          f"{rss1 // 1024} MiB")
    wire = shared / "events" / "wire_examples"
    docs = [("en", (ROOT / "seeds" / "000_70ed376d072bdc9b.txt").read_text(encoding="utf-8")),
            ("fr", (wire / "04_french.txt").read_text(encoding="utf-8")),
            ("ru", (wire / "05_russian.txt").read_text(encoding="utf-8"))]
    for lang, text in docs:
        found = rec.recognize(text, language=lang)  # warms pymorphy3 for Russian
        t = time.process_time()
        for _ in range(20):
            rec.recognize(text, language=lang)
        ms = (time.process_time() - t) / 20 * 1000
        print(f"{lang}: {len(text)} chars, {ms:.2f} ms CPU per article, "
              f"{len(found)} mentions: {', '.join(m.text for m in found)}")


def main() -> None:
    shared = os.environ.get("GEOMAP_SHARED_DATA")
    if not shared:
        sys.exit("set GEOMAP_SHARED_DATA to the reference data folder")
    identify_cost(Path(shared))
    recognition_cost(Path(shared))


if __name__ == "__main__":
    main()
