from ingest.extraction.chrome import mask_chrome


def test_comment_form_lines_are_blanked_without_moving_offsets():
    text = "Body sentence.\nLeave a Reply\nYour email address will not be published. Required."
    view = mask_chrome(text)
    assert len(view) == len(text)
    assert "Leave a Reply" not in view
    assert "Your email address" not in view
    assert view.startswith("Body sentence.\n")


def test_bylines_and_desk_credits_are_blanked():
    text = "Headline here\nBy Jane Roe, Staff Writer\nWeb Desk\nOur Correspondent\nThe body."
    view = mask_chrome(text)
    assert "Jane Roe" not in view and "Web Desk" not in view and "Correspondent" not in view
    assert view.endswith("The body.")


def test_a_sentence_starting_with_by_is_kept():
    text = "Title\nBy working together, both sides hope to cut attacks. They said so."
    assert mask_chrome(text) == text


def test_photo_credit_at_the_end_of_a_caption_is_blanked():
    text = "The minister at a briefing in this still taken from a video. — YouTube/Some Channel"
    view = mask_chrome(text)
    assert "YouTube" not in view and view.startswith("The minister at a briefing")


def test_control_characters_become_spaces():
    assert mask_chrome("a\x00b\x07c\nd") == "a b c\nd"
