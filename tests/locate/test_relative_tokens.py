"""The relative-location tokens and capitalised runs (read by geomap.locate's place-phrase search)."""

from geomap.locate.relative.tokens import capitalised_run, is_capitalised, low_at, seq_at, tokenize


def test_tokens_keep_offsets_and_lose_trailing_punctuation() -> None:
    text = "some 50. km west of Dushanbe-"
    toks = tokenize(text, 0, len(text))
    assert [t.text for t in toks] == ["some", "50", "km", "west", "of", "Dushanbe"]
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert low_at(toks, 99) == ""
    assert seq_at(toks, 3, ("west", "of")) == 5 and seq_at(toks, 3, ("east",)) is None


def test_capitalised_run_joins_connectors_and_rejects_compass_words() -> None:
    text = "near Mazar i Sharif and Rio de Janeiro, North East"
    toks = tokenize(text, 0, len(text))
    assert not is_capitalised(tokenize("Monday", 0, 6)[0])
    rio = next(i for i, t in enumerate(toks) if t.text == "Rio")
    end = capitalised_run(text, toks, rio)
    assert end is not None and text[toks[rio].start:toks[end - 1].end] == "Rio de Janeiro"
    north = next(i for i, t in enumerate(toks) if t.text == "North")
    assert capitalised_run(text, toks, north) is None
