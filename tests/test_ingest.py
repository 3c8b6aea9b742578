"""Ingest: seed format, JSON Lines, plain text, stdin, and bad input reported per record."""

from __future__ import annotations

import codecs
import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.ingest import (
    UniqueIds,
    display_path,
    iter_articles,
    limits,
    load_json_line,
    parse_json_record,
    parse_published,
    parse_seed,
    read_stdin,
    safe_id,
)
from geomap.types import Article


def _collect(inputs):
    problems = []
    arts = list(iter_articles(inputs, problems.append))
    return arts, problems


def test_seed_header_and_body_offsets(seed_path: Path) -> None:
    (art,), problems = _collect([str(seed_path)])
    assert problems == []
    assert art.title.startswith("Seventeen people were killed")
    assert art.published == datetime(2019, 11, 6, 10, 42, 15, tzinfo=UTC)
    assert art.author == "AFP"
    assert art.url.startswith("https://news.yahoo.com/")
    i = art.text.index("Dushanbe")
    assert art.text[i:i + 8] == "Dushanbe"
    assert "Published at" not in art.text


def test_seed_missing_published_line_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.txt"
    p.write_text("# A title\n\nAuthor: **X**\n\nBody text about Paris.\n", encoding="utf-8")
    arts, problems = _collect([str(p)])
    assert arts == []
    assert len(problems) == 1 and "Published at" in problems[0].message
    assert str(problems[0]).startswith(str(p))


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Fighting in Kabul.", "published": "2020-01-02"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "Quiet day.", "published": "nonsense"}),
        json.dumps({"id": "d", "text": "Shelling near Donetsk.", "spans": [[14, 21]]}),
        "",
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    arts, problems = _collect([str(p)])
    assert [a.id for a in arts] == ["a", "d"]
    assert arts[1].gold_spans == ((14, 21),)
    assert [pr.line for pr in problems] == [2, 3, 4]
    assert "no 'text'" in problems[1].message


def test_plain_text_and_folder_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Protest in Dhaka.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Floods in Lagos.", encoding="utf-8")
    (tmp_path / ".hidden").write_text("ignored", encoding="utf-8")
    arts, problems = _collect([str(tmp_path)])
    assert [a.id for a in arts] == ["a", "b"] and problems == []


def test_binary_empty_and_bad_utf8_files_do_not_stop_the_rest(tmp_path: Path) -> None:
    (tmp_path / "1.bin").write_bytes(b"\x00\x01\x02\x03" * 10)
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_bytes(b"Caf\xe9 in Paris")
    (tmp_path / "4.txt").write_bytes(codecs.BOM_UTF16_LE + "Clashes in Aleppo.".encode("utf-16-le"))
    (tmp_path / "5.txt").write_text("Good article about Kyiv.", encoding="utf-8")
    arts, problems = _collect([str(tmp_path)])
    assert [a.text for a in arts] == ["Clashes in Aleppo.", "Good article about Kyiv."]
    msgs = sorted(p.message for p in problems)
    assert any("binary" in m for m in msgs)
    assert any("empty" in m for m in msgs)
    assert any("invalid UTF-8" in m for m in msgs)


def test_missing_input_is_reported() -> None:
    arts, problems = _collect(["/nonexistent/file.txt"])
    assert arts == [] and "no such file" in problems[0].message


@pytest.mark.parametrize("value", ["2019-13-01", "yesterday", "3019-01-01", "1066-10-14"])
def test_published_rejects_bad_dates(value: str) -> None:
    with pytest.raises(InputError):
        parse_published(value)


def test_published_accepts_iso_with_z() -> None:
    assert parse_published("2019-11-06T10:42:15Z") == datetime(2019, 11, 6, 10, 42, 15, tzinfo=UTC)


def test_stdin_jsonl_streams() -> None:
    data = b'{"id": "x", "text": "Riots in Lima."}\n{"id": "y", "text": "Calm in Quito."}\n'
    problems = []
    arts = list(read_stdin(problems.append, io.BufferedReader(io.BytesIO(data))))
    assert [a.id for a in arts] == ["x", "y"]


def test_safe_id_cannot_escape_a_folder() -> None:
    for raw in ["../../etc/x", "a/b\\c", "", "x" * 500]:
        s = safe_id(raw)
        assert "/" not in s and "\\" not in s and not s.startswith(".") and 0 < len(s) <= 80


def test_parse_seed_requires_title() -> None:
    with pytest.raises(InputError, match="title"):
        parse_seed("Published at: **2019-01-01**\n\nText", path="x.txt")


# --- hostile records (issue 10) ---------------------------------------------------------------

def _stdin(data: bytes) -> tuple[list, list]:
    problems: list = []
    arts = list(read_stdin(problems.append, io.BufferedReader(io.BytesIO(data))))
    return arts, problems


def test_lone_surrogates_replaced_offsets_kept() -> None:
    line = ('{"id": "a\\ud800", "text": "x\\udc00 in Lima", "title": "\\ud83d\\ude00", '
            '"spans": [[6, 10]], "extra": {"k\\udfff": ["\\ud800"]}}')
    obj = load_json_line(line)
    assert obj["extra"] == {"k\ufffd": ["\ufffd"]}
    art = parse_json_record(obj, path="f.jsonl", line=1, default_id="f-1")
    assert (art.id, art.text, art.title) == ("a\ufffd", "x\ufffd in Lima", "\U0001F600")
    assert art.text[6:10] == "Lima"


@pytest.mark.parametrize(("line", "words"), [
    ("[" * 100_000, "nested too deeply"),
    ('{"text": "x", "n": ' + "9" * 5000 + "}", "too many digits"),
    ('{"text": "x"', "invalid JSON"),
])
def test_load_json_line_errors_are_input_errors(line: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        load_json_line(line)


@pytest.mark.parametrize("spans", ["[[0, 1e400]]", "[[NaN, 1]]", "[[0.5, 1]]", '[["0", "1"]]',
                                   "[[0, 1, 2]]", '"01"', "[[true, 1]]"])
def test_spans_must_be_whole_number_pairs(spans: str) -> None:
    with pytest.raises(InputError, match="spans"):
        parse_json_record(load_json_line('{"text": "abc", "spans": ' + spans + "}"),
                          path="f", line=1, default_id="d")


def test_whole_float_spans_are_accepted() -> None:
    art = parse_json_record({"text": "abc", "spans": [[0, 2.0]]}, path="f", line=1,
                            default_id="d")
    assert art.gold_spans == ((0, 2),)


@pytest.mark.parametrize(("raw", "expected"), [(None, "d-1"), ("", "d-1"), (" \t", "d-1"),
                                               (42, "42"), ("X", "X")])
def test_missing_ids_get_the_default(raw: object, expected: str) -> None:
    art = parse_json_record({"id": raw, "text": "t"}, path="f", line=1, default_id="d-1")
    assert art.id == expected


@pytest.mark.parametrize("raw", [True, 1.5, [1], {"a": 1}])
def test_other_ids_are_errors(raw: object) -> None:
    with pytest.raises(InputError, match="'id' must be"):
        parse_json_record({"id": raw, "text": "t"}, path="f", line=1, default_id="d-1")


def test_unique_ids_rename_repeats_deterministically() -> None:
    warnings: list = []
    ids = UniqueIds(warnings.append)
    names = ["X", "X", "X-2", "X", "a b", "a/b", "a_b-2"]
    got = [ids.claim(Article(id=n, text="", source_path="f"), i).id for i, n in enumerate(names)]
    assert got == ["X", "X-2", "X-2-2", "X-3", "a b", "a/b-2", "a_b-2-2"]
    assert all(w.warning for w in warnings) and len(warnings) == 5
    assert str(warnings[0]) == "f:1: duplicate id 'X' renamed 'X-2'"


def test_many_repeats_stay_fast() -> None:
    ids = UniqueIds(lambda p: None)
    got = {ids.claim(Article(id="X", text="")).id for _ in range(20_000)}
    assert len(got) == 20_000


def test_iter_articles_ids_unique_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "t"}\n{"text": "t"}\n')
    (tmp_path / "b.jsonl").write_text('{"id": "1", "text": "t"}\n{"id": "a-2", "text": "t"}\n')
    (tmp_path / "a-2.txt").write_text("Plain text.")
    arts, problems = _collect([str(tmp_path)])
    assert [a.id for a in arts] == ["a-2", "1", "a-2-2", "1-2", "a-2-3"]
    assert [p.warning for p in problems] == [True, True, True]


def test_undecodable_file_name_is_read_and_escaped(tmp_path: Path) -> None:
    with open(os.fsencode(tmp_path) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(b"Riots in Lima.")
    with open(os.fsencode(tmp_path) + b"/\xff.jsonl", "wb") as fh:
        fh.write(b'{"id": 1}\n')
    arts, problems = _collect([str(tmp_path)])
    assert [(a.id, a.source_path) for a in arts] == [("caf_xe9", f"{tmp_path}/caf\\xe9.txt")]
    assert [str(p) for p in problems] == [f"{tmp_path}/\\xff.jsonl:1: record has no 'text' string"]
    assert display_path("ok/\u00e9.txt") == "ok/\u00e9.txt"
    assert display_path("x\ud800") == "x\\ud800"


def test_proc_file_and_pipe_are_read() -> None:
    (art,), problems = _collect(["/proc/self/status"])
    assert problems == [] and "Name:" in art.text
    r, w = os.pipe()
    with os.fdopen(w, "wb") as fh:
        fh.write(b'{"id": "p", "text": "Riots in Lima."}\n')
    try:
        (art,), problems = _collect([f"/dev/fd/{r}"])
    finally:
        os.close(r)
    assert problems == [] and art.id == "p"


def test_empty_pipe_is_empty() -> None:
    r, w = os.pipe()
    os.close(w)
    try:
        arts, problems = _collect([f"/dev/fd/{r}"])
    finally:
        os.close(r)
    assert arts == [] and [p.message for p in problems] == ["file is empty"]


def test_stdin_text_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    arts, _ = _stdin(b"Riots in Lima. " * 6)
    assert len(arts) == 1
    with pytest.raises(InputError, match="over 100 bytes, too large"):
        _stdin(b"Riots in Lima. " * 7)


def test_stdin_jsonl_line_over_the_limit_costs_that_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RECORD_BYTES", 60)
    monkeypatch.setattr(limits, "SKIP_CHUNK", 7)
    long = b'{"id": "long", "text": "' + b"x" * 500 + b'"}\n'
    data = b'\n \n{"id": "a", "text": "t"}\n' + long + b'{"id": "b", "text": "t"}\n'
    arts, problems = _stdin(data)
    assert [a.id for a in arts] == ["a", "b"]
    assert [(p.line, p.message.split(" limit")[0]) for p in problems] == [
        (4, "record is over the 60-byte")]


def test_stdin_jsonl_after_blank_lines_and_bom_keeps_line_numbers() -> None:
    data = codecs.BOM_UTF8 + b'\n\n  {"id": "a", "text": "t"}\n{"text": 1}\n'
    arts, problems = _stdin(data)
    assert [a.id for a in arts] == ["a"]
    assert [p.line for p in problems] == [4]


def test_stdin_plain_text_keeps_leading_space() -> None:
    (art,), _ = _stdin(b"\n  Riots in Lima.\n")
    assert art.text == "\n  Riots in Lima.\n" and art.id == "stdin"


def test_utf16_line_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RECORD_BYTES", 80)
    text = '{"id": "a", "text": "t"}\n{"text": "' + "y" * 200 + '"}\n{"id": "b", "text": "t"}\n'
    arts, problems = _stdin(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert [a.id for a in arts] == ["a", "b"] and [p.line for p in problems] == [2]


def test_implausible_dates_are_taken_only_when_asked() -> None:
    """One record reader for every command: ``geoparse`` (date only context) asks it to take
    a future or ancient date; a date that is no date stays an error for everyone."""
    rec = {"text": "Kabul.", "published": "2999-01-01"}
    with pytest.raises(InputError, match="in the future"):
        parse_json_record(rec, path="f", line=1, default_id="d")
    art = parse_json_record(rec, path="f", line=1, default_id="d", plausible_dates=False)
    assert art.published == datetime(2999, 1, 1, tzinfo=UTC)
    with pytest.raises(InputError, match="not an ISO 8601 date"):
        parse_json_record({"text": "t", "published": "last Tuesday"}, path="f", line=1,
                          default_id="d", plausible_dates=False)
