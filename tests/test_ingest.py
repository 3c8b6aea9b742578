"""Ingest: seed format, JSON Lines, plain text, stdin, and bad input reported per record."""

from __future__ import annotations

import codecs
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.ingest import iter_articles, parse_published, parse_seed, read_stdin, safe_id


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
