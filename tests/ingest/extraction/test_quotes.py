from ingest.extraction.quotes import outside_quotes, quote_spans, unclosed_at_end


def test_curly_quotes_pair_by_direction():
    text = "He said “we will act” and “soon.”"
    spans = quote_spans(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["“we will act”", "“soon.”"]


def test_straight_quotes_alternate():
    text = 'She said "first" and then "second".'
    assert [text[s:e] for s, e in quote_spans(text, 0, len(text))] == ['"first"', '"second"']


def test_quoted_words_are_blanked_but_marks_and_length_kept():
    text = "X said “hidden words” openly."
    out = outside_quotes(text, 0, len(text), quote_spans(text, 0, len(text)))
    assert len(out) == len(text)
    assert "hidden" not in out and "openly" in out and "“" in out


def test_a_quote_open_at_the_end_of_a_paragraph_is_noticed():
    text = "“This runs on into the next paragraph."
    assert unclosed_at_end(text, 0, len(text))
    assert not unclosed_at_end("“Closed.”", 0, 9)


def test_a_paragraph_break_closes_a_running_quote():
    text = '"First paragraph of the quote.\n"Second part," she said.'
    spans = quote_spans(text, 0, len(text))
    assert text[spans[0][0] : spans[0][1]] == '"First paragraph of the quote.'
    assert "she said" not in "".join(text[s:e] for s, e in spans)
