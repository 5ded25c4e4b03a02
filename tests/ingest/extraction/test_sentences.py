from ingest.extraction.sentences import (
    BODY,
    BULLET,
    CAPTION,
    HEADLINE,
    TITLE,
    paragraphs,
    split_units,
)


def _texts(text):
    return [text[u.start : u.end] for u in split_units(text, 0, len(text))]


def test_sentences_split_on_full_stops_followed_by_capitals():
    assert _texts("One thing happened. Another followed.") == [
        "One thing happened.",
        "Another followed.",
    ]


def test_initialisms_and_titles_do_not_end_sentences():
    assert len(_texts("The U.S. Institute spoke. Mr. Smith agreed with Gen. Jones.")) == 2


def test_a_quotation_holding_two_sentences_stays_one_unit():
    text = '"We act. We will keep acting," the envoy said. Then he left.'
    assert _texts(text) == ['"We act. We will keep acting," the envoy said.', "Then he left."]


def test_a_sentence_ending_inside_a_closing_quote_splits_after_it():
    text = "He called it a “grave threat.” In other news, rain fell."
    assert _texts(text) == ["He called it a “grave threat.”", "In other news, rain fell."]


def test_paragraph_kinds_are_told_apart():
    text = (
        "A headline without a stop\n"
        "A subhead also without one\n"
        "  • A bullet summary line.\n"
        "The envoy at a briefing in this photo taken on May 2, 2024.\n"
        "The body says something here and it is long enough to be prose."
    )
    kinds = [p.kind for p in paragraphs(text)]
    assert kinds == [TITLE, HEADLINE, BULLET, CAPTION, BODY]


def test_an_unbalanced_quote_does_not_swallow_everything_forever():
    text = '"Open quote never closed. ' + "Words go on. " * 400
    units = _texts(text)
    assert len(units) > 1


def test_a_last_line_cut_off_mid_sentence_is_body_text_not_a_headline():
    from datetime import date

    from ingest.extraction import extract

    text = (
        "Blast in the west\n\n"
        "At least ten people were killed in a blast on Tuesday, police said.\n\n"
        "Chief Minister Orla Fenn vowed to bring the attackers to justice, descr"
    )
    speakers = [s.speaker for s in extract(text, date(2031, 3, 6)).statements]
    assert "Orla Fenn" in speakers
