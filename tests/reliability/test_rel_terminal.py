"""Nothing geomap prints lets input drive the analyst's terminal (issue 10, item 15): control
characters in file names and place names are shown escaped, and Rich markup in place names is
shown as text, never turned into a hyperlink."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import geomap

OSC_TITLE = "\x1b]0;pwned\x07"
SHOWN = "\\x1b]0;pwned\\x07"
LINK = "[link=http://evil.example]x[/link]"
HYPERLINK = b"\x1b]8;"
# forces Rich to style its output as for a terminal (colour codes are fine, OSC is not)
TERMINAL_ENV = {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "200"}


def _no_raw_controls(stream: bytes) -> None:
    """No OSC sequence, BEL, bidi override or bare carriage return: only CSI colour codes
    (``\\x1b[``) may reach the terminal, and only from geomap itself."""
    assert b"\x1b]" not in stream and b"\x07" not in stream, stream
    assert "\u202e".encode() not in stream and b"\r" not in stream, stream
    assert stream.replace(b"\x1b[", b"").count(b"\x1b") == 0, stream


@pytest.mark.timeout(300)
def test_control_characters_in_file_names_are_shown_escaped(tmp_path: Path,
                                                            gaz_env: dict) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / f"binary{OSC_TITLE}.txt").write_bytes(b"\x00\x01\x02 not text " * 50)
    (inputs / "forged\ngeomap: all good\u202e.txt").write_bytes(b"\x00binary" * 50)
    (inputs / "good.txt").write_text("Two soldiers were killed in Kabul on Monday.",
                                     encoding="utf-8")
    r = geomap("run", str(inputs), "-o", str(tmp_path / "out"), env=gaz_env)
    assert r.returncode == 3, r.stderr.decode()
    _no_raw_controls(r.stderr)
    text = r.stderr.decode()
    assert SHOWN in text
    assert "forged\\x0ageomap: all good\\u202e.txt" in text
    assert "geomap: all good" not in text.replace("forged\\x0ageomap: all good", "")
    assert (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").strip()


@pytest.mark.timeout(300)
def test_control_characters_in_a_missing_path_are_shown_escaped(tmp_path: Path,
                                                                gaz_env: dict) -> None:
    missing = tmp_path / f"missing{OSC_TITLE}.jsonl"
    r = geomap("export", str(missing), "--format", "csv", "-o", str(tmp_path / "x.csv"),
               env=gaz_env)
    assert r.returncode != 0
    _no_raw_controls(r.stderr)
    assert SHOWN in r.stderr.decode() or "\\x1b" in r.stderr.decode()


@pytest.fixture(scope="module")
def hostile_gazetteer(tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path) -> Path:
    """A copy of the default gazetteer with places whose names are markup or escapes."""
    folder = tmp_path_factory.mktemp("gaz")
    db = folder / "gz.sqlite"
    shutil.copyfile(gazetteer_path, db)
    places = folder / f"places{OSC_TITLE}.geojson"
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [66.3, 35.2]},
         "properties": {"name": name, "alt_names": alt, "country_code": "AF"}}
        for name, alt in ((LINK, "Linkabad"), (f"Osc{OSC_TITLE}abad", "Oscabad"),
                          ("[bold red]Markupabad[/]", "Markupabad"))
    ]
    places.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                      encoding="utf-8")
    r = geomap("gazetteer", "add", str(places), "--db", str(db), env=TERMINAL_ENV)
    assert r.returncode == 0, r.stderr.decode()
    _no_raw_controls(r.stderr)
    assert SHOWN in r.stderr.decode()
    return db


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("query", "shown"), [
    ("Linkabad", LINK),
    ("Oscabad", f"Osc{SHOWN}abad"),
    ("Markupabad", "[bold red]Markupabad[/]"),
])
def test_gazetteer_search_shows_markup_and_escapes_as_text(hostile_gazetteer: Path, query: str,
                                                           shown: str) -> None:
    r = geomap("gazetteer", "search", query, "--db", str(hostile_gazetteer), env=TERMINAL_ENV)
    assert r.returncode == 0, r.stderr.decode()
    assert HYPERLINK not in r.stdout
    _no_raw_controls(r.stdout)
    plain = r.stdout.decode()
    while "\x1b[" in plain:  # drop colour codes to compare the text
        start = plain.index("\x1b[")
        plain = plain[:start] + plain[plain.index("m", start) + 1:]
    assert shown in plain, plain


@pytest.mark.timeout(300)
def test_gazetteer_info_shows_file_names_escaped(hostile_gazetteer: Path) -> None:
    r = geomap("gazetteer", "info", "--db", str(hostile_gazetteer), env=TERMINAL_ENV)
    assert r.returncode == 0, r.stderr.decode()
    _no_raw_controls(r.stdout)


@pytest.mark.timeout(300)
def test_gazetteer_import_progress_shows_file_names_as_text(tmp_path: Path,
                                                            hostile_gazetteer: Path) -> None:
    db = tmp_path / "gz.sqlite"
    shutil.copyfile(hostile_gazetteer, db)
    name_link = "[link=mailto:evil]x"  # (a file name has no "/" for the closing tag)
    dump = tmp_path / f"XX{name_link}{OSC_TITLE}.txt"
    dump.write_text("99000002\tQuxbury\tQuxbury\t\t10.0\t20.0\tP\tPPL\tTD\t\t\t\t\t\t900\t\t\t"
                    "Africa/Ndjamena\t2024-01-01\n", encoding="utf-8")
    r = geomap("gazetteer", "import", str(dump), "--db", str(db), env=TERMINAL_ENV)
    assert r.returncode == 0, r.stderr.decode()
    # (the progress bar itself redraws with \r and CSI codes)
    assert HYPERLINK not in r.stderr and b"\x1b]" not in r.stderr and b"\x07" not in r.stderr
    assert r.stderr.decode().count(f"XX{name_link}{SHOWN}.txt") >= 2  # bar and summary


@pytest.mark.timeout(300)
def test_gazetteer_search_json_is_inert_and_exact(hostile_gazetteer: Path) -> None:
    r = geomap("gazetteer", "search", "Oscabad", "--json", "--db", str(hostile_gazetteer))
    assert r.returncode == 0, r.stderr.decode()
    _no_raw_controls(r.stdout)
    rows = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert rows[0]["name"] == f"Osc{OSC_TITLE}abad"  # the data itself is unchanged
