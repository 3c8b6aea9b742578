from geomap.events.sentences import split_sentences


def test_offsets_index_the_text():
    text = 'He met Dr. Smith in the U.S. The next day he left.\nPolice said "it was bad." Then quiet.'
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "He met Dr. Smith in the U.S.",
        "The next day he left.",
        'Police said "it was bad."',
        "Then quiet.",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_abbreviations_and_initials_do_not_split():
    text = "Gen. Jones met John F. Kennedy at 3 a.m. on Nov. 6 in Washington. It rained."
    assert [s.text for s in split_sentences(text)] == [
        "Gen. Jones met John F. Kennedy at 3 a.m. on Nov. 6 in Washington.",
        "It rained.",
    ]


def test_question_exclamation_and_lowercase_continuation():
    text = "Why? Nobody knows! The count was 3.5 million. e.g. here... and more."
    assert [s.text for s in split_sentences(text)] == [
        "Why?", "Nobody knows!", "The count was 3.5 million. e.g. here... and more.",
    ]


def test_gallery_counter_is_skipped_and_blank_lines_ignored():
    text = "1 / 3Seventeen people were killed (AFP Photo/)\n\n   \nNext line"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["Seventeen people were killed (AFP Photo/)", "Next line"]
    assert sents[0].start == text.index("Seventeen")


def test_seed_sentences_round_trip(seed_article):
    sents = split_sentences(seed_article.text)
    assert len(sents) >= 20
    assert all(seed_article.text[s.start : s.end] == s.text for s in sents)
    assert any(s.text.startswith("In July last year, an attack") for s in sents)
