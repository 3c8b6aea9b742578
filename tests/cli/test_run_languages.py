"""``geomap run`` on French, Russian and German articles (a real subprocess, real files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FRENCH = """# Burkina Faso : une attaque près de Djibo

Published at: **2023-05-10T12:00:00+00:00**

OUAGADOUGOU, 10 mai (AFP) - Au moins douze soldats ont été tués mardi dans une attaque près de
Djibo. Des hommes armés ont incendié des habitations dans le village d'Arbinda. Par ailleurs,
au Mali voisin, deux civils ont été tués lundi à Tombouctou. Les autorités n'ont pas réagi.
"""
RUSSIAN = """# Обстрел

Published at: **2023-01-20T10:00:00+00:00**

Вчера в Исфаре, в 40 км к югу от Оша, прошли столкновения на границе с Афганистаном, сообщили
местные власти. Пострадавших нет, сообщили в пограничной службе.
"""
GERMAN = """Bei einem Angriff in der Nähe von Kunduz im Norden Afghanistans sind am Dienstag
mindestens zwölf Polizisten getötet worden, teilten die Behörden mit. Die Taliban bekannten
sich zu dem Anschlag.
"""


def test_languages_are_recorded_and_unhandled_ones_warned(tmp_path: Path,
                                                          gazetteer_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (src / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (src / "de.txt").write_text(GERMAN, encoding="utf-8")
    out = tmp_path / "out"
    env = dict(os.environ, GEOMAP_GAZETTEER=str(gazetteer_path))
    r = subprocess.run([sys.executable, "-m", "geomap", "run", str(src), "-o", str(out)],
                       capture_output=True, env=env, timeout=300)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    warnings = [line for line in err.splitlines() if "does not read" in line]
    assert len(warnings) == 2, err  # the German article's warning and the summary
    assert "warning: de:" in warnings[0] and "'de'" in warnings[0]
    assert "(1 in languages geomap does not read: de 1)" in warnings[1]
    places = json.loads((out / "places.geojson").read_text(encoding="utf-8"))["features"]
    by_text = {f["properties"]["text"]: f["properties"] for f in places}
    assert by_text["Tombouctou"]["language"] == "fr"
    assert by_text["Tombouctou"]["geonameid"] == 2449067  # the town
    assert by_text["Arbinda"]["name"] == "Aribinda"  # canonical name beside the written one
    assert by_text["Исфаре"]["lookup_name"] == "Исфара"
    assert by_text["Исфаре"]["name"] == "Isfara" and by_text["Исфаре"]["language"] == "ru"
    assert by_text["Оша"]["geonameid"] == 1527534
    assert by_text["Kunduz"]["language"] == "de"
    for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        assert event["language"] in ("fr", "ru", "de")


def test_geoparse_reports_the_language_and_warns_even_when_quiet(gazetteer_path: Path) -> None:
    lines = [json.dumps({"id": "de1", "text": GERMAN}), json.dumps({"id": "ru1", "text": RUSSIAN})]
    env = dict(os.environ, GEOMAP_GAZETTEER=str(gazetteer_path))
    r = subprocess.run([sys.executable, "-m", "geomap", "geoparse", "-", "-q"],
                       input="\n".join(lines).encode(), capture_output=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    docs = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert [d["language"] for d in docs] == ["de", "ru"]
    assert any(p["text"] == "Исфаре" and p["geonameid"] == 1514896 for p in docs[1]["places"])
    err = r.stderr.decode().splitlines()
    assert len(err) == 1 and "warning: de1:" in err[0] and "'de'" in err[0]


def test_export_warns_about_unhandled_languages(tmp_path: Path, gazetteer_path: Path) -> None:
    src = tmp_path / "de.txt"
    src.write_text(GERMAN, encoding="utf-8")
    env = dict(os.environ, GEOMAP_GAZETTEER=str(gazetteer_path))
    r = subprocess.run([sys.executable, "-m", "geomap", "export", str(src), "-f", "jsonl",
                        "-o", str(tmp_path / "events.jsonl")],
                       capture_output=True, env=env, timeout=300)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert "warning: de:" in err and "(1 in languages geomap does not read: de 1)" in err
