"""An article cut at a limit says so in ``ArticleResult.errors``; an ordinary one has none."""

from __future__ import annotations

from datetime import UTC, datetime

from geomap.recognize.gazetteer import MAX_MENTIONS_PER_NAME
from geomap.types import Article

PUB = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)


def _article(text: str) -> Article:
    return Article(id="t", text=text, title="Made up", published=PUB, url="http://x/y")


def test_an_ordinary_article_has_no_truncation_note(pipe) -> None:
    result = pipe.process(_article("Gunmen killed three people in Paris on Monday."))
    assert result.events and result.errors == ()


def test_repeats_past_the_per_name_limit_are_reported(pipe) -> None:
    text = " ".join(["A protest was held in Paris."] * (MAX_MENTIONS_PER_NAME + 20))
    result = pipe.process(_article(text))
    (note,) = [e for e in result.errors if "repeated mentions" in e]
    assert note.startswith("truncated: 20 repeated mentions")


def test_incident_sentences_past_the_limit_are_reported(pipe) -> None:
    from geomap.events.extract import MAX_INCIDENT_SENTENCES

    line = "Gunmen killed {} people in a village."
    text = "\n".join(line.format(n % 9 + 2) for n in range(MAX_INCIDENT_SENTENCES + 5))
    result = pipe.process(_article(text))
    assert any(f"first {MAX_INCIDENT_SENTENCES:,} incident sentences" in e for e in result.errors)
    short = "\n".join(line.format(n % 9 + 2) for n in range(20))
    assert not any("incident sentences" in e for e in pipe.process(_article(short)).errors)
