"""Readers for the geoparsing gold standards LGL (Lieberman et al. 2010) and GeoWebNews
(Gritta et al. 2019).

Both are streamed with :func:`xml.etree.ElementTree.iterparse` so a large corpus is never held
in memory as one tree; each ``<article>`` element is cleared once read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from geomap.errors import InputError
from geomap.types import Mention, Place, Toponym

CorpusFormat = Literal["lgl", "gwn"]

# How far (characters) to look around a GWN offset whose text does not match its phrase.
_GWN_SEARCH_WINDOW = 300


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One gold annotation; ``lat``/``lon`` are None when the corpus gives no coordinates."""

    start: int
    end: int
    phrase: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    fcode: str | None = None
    type: str | None = None
    locational: bool = True
    """False for GWN ``nonLocational`` annotations (languages, non-toponym expressions)."""

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def is_toponym(self) -> bool:
        """Counts as a gold place name for recognition: locational and located."""
        return self.locational and self.has_coordinates


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    title: str | None = None


def _float(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None


def _iter_articles(path: Path) -> Iterator[ET.Element]:
    try:
        for _event, elem in ET.iterparse(path, events=("end",)):
            if elem.tag == "article":
                yield elem
                elem.clear()
    except ET.ParseError as exc:
        raise InputError(f"not valid XML: {exc}", path=str(path)) from exc
    except FileNotFoundError as exc:
        raise InputError("no such file", path=str(path)) from exc


def read_lgl(path: str | Path, *, limit: int | None = None) -> Iterator[GoldDocument]:
    """Stream the LGL corpus. Every toponym is a place name; those with a ``gaztag`` carry
    GeoNames coordinates, id and feature code."""
    path = Path(path)
    count = 0
    for art in _iter_articles(path):
        if limit is not None and count >= limit:
            return
        text = art.findtext("text") or ""
        topos: list[GoldToponym] = []
        for t in art.iter("toponym"):
            start, end = _int(t.findtext("start")), _int(t.findtext("end"))
            if start is None or end is None:
                continue
            gaz = t.find("gaztag")
            lat = lon = None
            gid = None
            fcode = None
            if gaz is not None:
                lat, lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
                gid = _int(gaz.get("geonameid"))
                fcode = gaz.findtext("fcode")
            topos.append(
                GoldToponym(start, end, t.findtext("phrase") or text[start:end], lat, lon, gid, fcode)
            )
        count += 1
        yield GoldDocument(art.get("docid") or str(count), text, tuple(topos), art.findtext("title"))


def _fix_offsets(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """GWN offsets that do not match their phrase: take the nearest occurrence nearby."""
    if not phrase or text[start:end] == phrase:
        return start, end
    lo = max(0, start - _GWN_SEARCH_WINDOW)
    hi = min(len(text), end + _GWN_SEARCH_WINDOW)
    best: int | None = None
    i = text.find(phrase, lo, hi)
    while i != -1:
        if best is None or abs(i - start) < abs(best - start):
            best = i
        i = text.find(phrase, i + 1, hi)
    if best is None:
        # offsets far off (a few are negative): the nearest occurrence anywhere in the text
        anchor = max(0, start)
        i = text.find(phrase)
        while i != -1:
            if best is None or abs(i - anchor) < abs(best - anchor):
                best = i
            i = text.find(phrase, i + 1)
    if best is None:
        return start, end
    return best, best + len(phrase)


def read_gwn(path: str | Path, *, limit: int | None = None) -> Iterator[GoldDocument]:
    """Stream GeoWebNews. ``nonLocational`` annotations are kept but flagged; a few offsets
    that do not match their phrase are repaired by searching the phrase nearby."""
    path = Path(path)
    count = 0
    for art in _iter_articles(path):
        if limit is not None and count >= limit:
            return
        text = art.findtext("text") or ""
        topos: list[GoldToponym] = []
        for t in art.iter("toponym"):
            start, end = _int(t.findtext("start")), _int(t.findtext("end"))
            if start is None or end is None:
                continue
            phrase = t.findtext("extractedName") or ""
            start, end = _fix_offsets(text, start, end, phrase)
            if not 0 <= start < end <= len(text):
                continue
            topos.append(
                GoldToponym(
                    start,
                    end,
                    phrase or text[start:end],
                    _float(t.findtext("latitude")),
                    _float(t.findtext("longitude")),
                    _int(t.findtext("geonamesID")),
                    None,
                    (t.findtext("type") or "").strip() or None,
                    (t.findtext("nonLocational") or "No").strip().lower() != "yes",
                )
            )
        topos.sort(key=lambda g: (g.start, g.end))
        count += 1
        yield GoldDocument(art.get("file") or str(count), text, tuple(topos), art.findtext("title"))


def read_corpus(
    path: str | Path, fmt: CorpusFormat, *, limit: int | None = None
) -> Iterator[GoldDocument]:
    """Stream a corpus in the named format (``lgl`` or ``gwn``)."""
    if fmt == "lgl":
        return read_lgl(path, limit=limit)
    if fmt == "gwn":
        return read_gwn(path, limit=limit)
    raise ValueError(f"unknown corpus format {fmt!r} (expected lgl or gwn)")


_LINK_DATE = re.compile(r"(20\d\d)[/-]?(\d\d)[/-]?(\d\d)(?!\d)")


def publication_dates(path: str | Path) -> dict[str, datetime]:
    """Article id -> publication date, where the corpus has one: LGL's ``dltime``; GeoWebNews
    has none, so the date in the article's ``link`` (e.g. ``/2018/03/07/``) when present.
    The events stage needs it to resolve "Wednesday" or "in May"."""
    from geomap.ingest import parse_published

    out: dict[str, datetime] = {}
    for n, (_, elem) in enumerate(ET.iterparse(path, events=("end",))):
        if elem.tag != "article":
            continue
        if elem.get("docid") is not None:
            try:
                when = parse_published(elem.findtext("dltime") or "")
            except ValueError:
                when = None
            if when is not None:
                out[elem.get("docid")] = when
        else:
            m = _LINK_DATE.search(elem.findtext("link") or "")
            if m is not None and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
                out[elem.get("file") or str(n)] = datetime(
                    int(m.group(1)), int(m.group(2)), int(m.group(3)), tzinfo=UTC)
        elem.clear()
    return out


_FCODE_KIND = {"PCLI": "country", "PCLD": "country", "PCLF": "country", "PCLIX": "country",
               "PCLS": "country", "ADM1": "admin1", "ADM2": "admin2", "CONT": "continent"}


def gold_toponyms(doc: GoldDocument) -> list[Toponym]:
    """A document's gold toponyms as resolved :class:`~geomap.types.Toponym` objects
    (confidence 1, reason "gold"), so later stages (events) can be run on perfect places.
    The kind comes from the gold feature code; the country from the point (Natural Earth)."""
    from geomap.countries import country_facts
    from geomap.locate.borders import country_at

    out = []
    for g in doc.toponyms:
        if not g.is_toponym:
            continue
        kind = _FCODE_KIND.get(g.fcode or "", "city" if (g.fcode or "P").startswith("P")
                               else "feature")
        code = country_at(g.lat, g.lon)
        facts = country_facts(code)
        if g.fcode is None and facts is not None and facts.name.lower() == g.phrase.lower():
            kind = "country"
        place = Place(f"gn:{g.geonameid}", g.phrase, g.lat, g.lon, kind, g.geonameid,
                      country_code=code)
        mention_kind = "demonym" if g.type in ("Demonym", "Language") else "name"
        out.append(Toponym(Mention(g.start, g.end, g.phrase, g.phrase, kind=mention_kind), place,
                           1.0, "gold"))
    return out
