"""The optional spaCy recognizer (skipped when spaCy or its model is not installed)."""

from __future__ import annotations

import pytest

from geomap.errors import ConfigurationError
from geomap.recognize import Recognizer

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def recognizer(gazetteer):
    from geomap.recognize import SpacyRecognizer

    try:
        return SpacyRecognizer(gazetteer)
    except ConfigurationError as exc:
        pytest.skip(str(exc))


def test_contract(recognizer, seed_path):
    assert isinstance(recognizer, Recognizer)
    text = seed_path.read_text(encoding="utf-8")
    mentions = recognizer.recognize(text)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    names = {m.text for m in mentions}
    assert {"Dushanbe", "Tajikistan", "Paris", "Ishkobod"} <= names
    assert not names & {"Emomali Rakhmon", "Emmanuel Macron", "Wednesday"}


def test_spacy_entities_need_the_gazetteer(recognizer):
    # A made-up country name spaCy may tag GPE is never reported: the gazetteer lacks it.
    mentions = recognizer.recognize("Troops entered Qwertystan and Zorblandia on Monday.")
    assert all(recognizer.gazetteer.lookup(m.name) for m in mentions
               if m.recognizer == "spacy")


def test_bad_model_is_a_configuration_error(gazetteer):
    from geomap.recognize import SpacyRecognizer

    with pytest.raises(ConfigurationError):
        SpacyRecognizer(gazetteer, model="no_such_model_xyz")
