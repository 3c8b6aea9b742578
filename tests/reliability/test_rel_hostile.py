"""Hostile text: output paths come only from -o, and every recognizer and parser runs in
(near) linear time on pathological input (bounded with pytest-timeout, not timed asserts)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, geomap

from geomap.types import Article

N = 100_000
PATHOLOGICAL = {
    "digits": "1" * N,
    "digit-groups": "1,000," * (N // 6),
    "spaces": " " * N,
    "newlines": "\n" * N,
    "capitalised-words": "Aaaa " * (N // 5),
    "capitals": "A" * N,
    "some-some": "some " * (N // 5),
    "km-km": "km " * (N // 3),
    "nested-parens": "(" * (N // 2) + ")" * (N // 2),
    "open-parens": "(some 5 km " * (N // 11),
    "offsets": "50 km west of " * (N // 14),
    "dates": "on 12 March 2019, " * (N // 18),
    "killed": "killed at least " * (N // 16),
    "place-list": "Kabul, " * (N // 7),
    "dots": "." * N,
    "quotes": "\"'" * (N // 2),
    "hyphens": "north-" * (N // 6),
    "stars": "*" * N,
}
IDS = list(PATHOLOGICAL)


def _text(name: str) -> str:
    return PATHOLOGICAL[name]


# --- every recognizer and parser ------------------------------------------------------------

@pytest.fixture(scope="module")
def recognizer(gazetteer):
    from geomap.recognize import GazetteerRecognizer

    return GazetteerRecognizer(gazetteer)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", IDS)
def test_recognizer(recognizer, name: str) -> None:
    text = _text(name)
    for m in recognizer.recognize(text):
        assert text[m.start:m.end] == m.text


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", IDS)
def test_relative_parser(name: str) -> None:
    from geomap.locate.relative import parse_relative

    text = _text(name)
    for e in parse_relative(text):
        assert 0 <= e.start < e.end <= len(text)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", IDS)
def test_event_parsers(name: str) -> None:
    from geomap.events.actors import find_actors, named_groups
    from geomap.events.classify import classify
    from geomap.events.dates import find_date_expressions, find_time, resolve_date
    from geomap.events.numbers import count_casualties, find_casualty_claims, parse_number
    from geomap.events.sentences import split_sentences

    text = _text(name)
    for s in split_sentences(text):
        assert 0 <= s.start <= s.end <= len(text)
    find_casualty_claims(text)
    count_casualties(text)
    parse_number(text[:2000])  # a number phrase, not a text
    exprs = find_date_expressions(text)
    for e in exprs[:50]:
        resolve_date(e, datetime(2019, 11, 6, tzinfo=UTC))
    find_time(text)
    classify(text)
    find_actors(text)
    named_groups(text)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", IDS)
def test_seed_parser(name: str) -> None:
    from geomap.errors import InputError
    from geomap.ingest import parse_seed

    body = _text(name)
    art = parse_seed(f"# Title\n\nPublished at: **2019-11-06T10:42:15Z**\n\n{body}", path="x.txt")
    assert art.text == body.strip("\n")
    for hostile_header in (f"# {body}\nPublished at: **{body}**\n", f"{body}\n# T\n"):
        try:
            parse_seed(hostile_header, path="x.txt")
        except InputError:
            pass


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", IDS)
def test_whole_pipeline(gazetteer_path: Path, name: str) -> None:
    """recognize -> resolve -> locate -> events on the pathological text."""
    from geomap.pipeline import get_pipeline

    pipeline = get_pipeline(str(gazetteer_path))
    text = _text(name)
    result = pipeline.process(Article(id=name, text=text,
                                      published=datetime(2019, 11, 6, tzinfo=UTC)))
    for e in result.events:
        assert 0 <= e.evidence_start <= e.evidence_end <= len(text)


# --- output paths come only from -o ---------------------------------------------------------

HOSTILE_IDS = ["../../etc/x", "/etc/passwd", "..", "a/../../b", "C:\\Windows\\x", "\x00nul",
               "x" * 5000, "~root/.ssh/authorized_keys", ".geomap.lock", "events.geojson"]


def test_article_ids_never_become_paths(tmp_path: Path, gaz_env: dict) -> None:
    work = tmp_path / "a" / "b" / "c"
    work.mkdir(parents=True)
    src = work / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "Two soldiers were killed in Kabul.",
                                       "title": i, "url": i}) + "\n" for i in HOSTILE_IDS),
                   encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    r = geomap("run", "in.jsonl", "-o", "out", "-q", cwd=work, env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    new = {p for p in tmp_path.rglob("*")} - before
    assert new and all(p.is_relative_to(work / "out") for p in new), sorted(map(str, new))
    assert sorted(p.name for p in (work / "out").iterdir()) == [
        "events.csv", "events.geojson", "events.jsonl", "incidents.csv", "incidents.geojson",
        "map.html", "places.geojson"]
    ev = [json.loads(ln) for ln in (work / "out" / "events.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert sorted(e["article_id"] for e in ev) == sorted(HOSTILE_IDS)
    assert len({e["event_id"] for e in ev}) == len(ev)
