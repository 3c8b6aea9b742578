"""The reader registry: each format is one registered reader, chosen by suffix or by
recognising the text, and a new format is one registration away."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.errors import ConfigurationError, InputError
from geomap.ingest import (
    ReadContext,
    Reader,
    add_reader,
    iter_articles,
    read_file,
    readers,
)
from geomap.ingest.registry import read_text, reader_for_suffix
from geomap.types import Article

SEED = "# A title\nPublished at: **2024-03-14T09:00:00Z**\n\nGunmen attacked a convoy.\n"


def _read(text: str, *, from_file: bool) -> list[Article]:
    problems = []
    context = ReadContext(problems.append, default_id="doc", from_file=from_file)
    arts = list(read_text(text, "doc.txt" if from_file else "-", context))
    assert problems == []
    return arts


def test_the_builtin_formats_are_registered() -> None:
    assert set(readers.names()) >= {"jsonl", "seed", "text", "table"}
    with pytest.raises(ConfigurationError, match="unknown input format 'nope'"):
        readers.get("nope")


@pytest.mark.parametrize(("suffix", "name"), [(".csv", "table"), (".tsv", "table"),
                                              (".tab", "table"), (".jsonl", "jsonl"),
                                              (".ndjson", "jsonl")])
def test_suffixes_choose_their_reader(suffix: str, name: str) -> None:
    reader = reader_for_suffix(suffix)
    assert reader is not None and reader.name == name


def test_other_suffixes_are_read_by_recognising_the_text() -> None:
    assert reader_for_suffix(".txt") is None and reader_for_suffix(".md") is None


def test_a_text_is_read_by_the_reader_that_recognises_it() -> None:
    (rec,) = _read('  {"id": "r1", "text": "Shelling in Donetsk."}\n', from_file=True)
    assert (rec.id, rec.text) == ("r1", "Shelling in Donetsk.")
    (seed,) = _read(SEED, from_file=True)
    assert (seed.id, seed.title, seed.text) == ("doc", "A title", "Gunmen attacked a convoy.")
    (plain,) = _read("Gunmen attacked a convoy.", from_file=True)
    assert (plain.id, plain.title, plain.text) == ("doc", None, "Gunmen attacked a convoy.")


def test_a_broken_seed_header_is_refused_in_a_file_but_read_as_text_on_stdin() -> None:
    text = "# A title\n\nGunmen attacked a convoy.\n"
    with pytest.raises(InputError, match="missing its 'Published at"):
        _read(text, from_file=True)
    (plain,) = _read(text, from_file=False)
    assert plain.text == text


def _upper_lines(path: Path, spath: str, context: ReadContext) -> Iterator[Article]:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        yield Article(id=f"{context.default_id}-{n}", text=line.upper(), source_path=spath)


def _percent_text(text: str, path: str, context: ReadContext) -> Iterator[Article]:
    yield Article(id=context.default_id, text=text.removeprefix("%%"), source_path=path)


def test_a_new_format_is_one_registered_reader(tmp_path: Path) -> None:
    (tmp_path / "a.upper").write_text("shelling\nclashes\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("%%a marked text", encoding="utf-8")
    add_reader(Reader("test_upper", suffixes=(".upper",), read_file=_upper_lines))
    add_reader(Reader("test_percent", sniff=lambda t: t.startswith("%%"),
                      read_text=_percent_text))
    try:
        problems = []
        arts = list(iter_articles([str(tmp_path)], problems.append))
        assert problems == []
        assert [(a.id, a.text) for a in arts] == [
            ("a-1", "SHELLING"), ("a-2", "CLASHES"), ("b", "a marked text")]
        with pytest.raises(ConfigurationError, match="registered twice"):
            add_reader(Reader("test_upper"))
    finally:
        readers.unregister("test_upper")
        readers.unregister("test_percent")
    (plain,) = read_file(tmp_path / "b.txt", problems.append)
    assert plain.text == "%%a marked text"  # the plain-text fallback again
