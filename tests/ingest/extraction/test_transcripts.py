from datetime import date

from ingest.extraction import extract
from ingest.extraction.transcripts import turns

BRIEFING = (
    "Department Press Briefing\nMay 5, 2022\n\n"
    "MR PRICE: Good afternoon. I have one announcement about the week ahead.\n\n"
    "QUESTION: On Pakistan, will you keep working on border security?\n\n"
    "MR PRICE: We will continue to work with our partners on border security.\n"
    "It remains a priority for us.\n\n"
    "QUESTION: And on the weather?\n\n"
    "MR PRICE: I have no comment on that today.\n"
)


def test_turns_are_found_only_in_transcripts():
    assert len(turns(BRIEFING)) == 5
    assert turns("MR PRICE: only one turn and no question.") == []


def test_every_answer_is_a_direct_statement_of_the_official_dated_with_the_briefing():
    result = extract(BRIEFING)
    assert [s.speaker for s in result.statements] == ["Ned Price"] * 3
    assert all(s.direct and s.said_on == "2022-05-05" for s in result.statements)


def test_questions_are_context_and_decide_about_pakistan():
    second = extract(BRIEFING).statements[1]
    assert second.context.startswith("On Pakistan")
    assert second.about_pakistan and second.is_pledge
    assert "It remains a priority" in second.text
    assert not extract(BRIEFING).statements[2].about_pakistan


def test_a_given_publication_date_decides_the_spokesperson_by_tenure():
    text = "MS BRUCE: Hello.\nQUESTION: Pakistan?\nMS BRUCE: We stand ready to help."
    result = extract(text, date(2025, 3, 10))
    assert {s.speaker for s in result.statements} == {"Tammy Bruce"}


def test_an_unknown_official_keeps_the_surname_from_the_marker():
    text = (
        "MR HALVORSEN: Hello to all of you here.\nQUESTION: Anything?\n"
        "MR HALVORSEN: Nothing more from me today."
    )
    assert {s.speaker for s in extract(text).statements} == {"Halvorsen"}


def test_question_and_answer_briefings_go_to_the_spokesperson_in_office():
    text = (
        "Transcript of the Press Briefing by the Spokesperson on Friday, 10th May 2024\n\n"
        "Question: What about attacks from across the border?\n\n"
        "Answer: We have conveyed our concerns and will continue to engage.\n\n"
        "Question: And the talks?\n\n"
        "Answer: They were held in a cordial atmosphere.\n"
    )
    result = extract(text)
    assert {s.speaker for s in result.statements} == {"Mumtaz Zahra Baloch"}
    assert result.statements[0].said_on == "2024-05-10" and result.statements[0].is_pledge


def test_an_article_quoting_an_exchange_keeps_its_lead_and_dates_the_answers_by_it():
    text = (
        "Envoy says help will continue\n\n"
        "Deputy Spokesperson Arne Falk said on Monday that support would continue.\n\n"
        "QUESTION: Arne, on Pakistan, will you help?\n\n"
        "MR FALK: We will continue to work with Pakistan.\n\n"
        "QUESTION: Thanks.\n\n"
        "MR FALK: Thank you all for coming today.\n"
    )
    result = extract(text, date(2031, 3, 5))
    assert [s.speaker for s in result.statements] == ["Arne Falk"] * 3
    assert {s.said_on for s in result.statements} == {"2031-03-03"}


def test_floor_management_turns_are_not_statements():
    text = (
        "MR HALVORSEN: Go ahead.\nQUESTION: On the border?\n"
        "MR HALVORSEN: We remain committed to working with our partners on the border.\n"
        "QUESTION: Thanks.\nMR HALVORSEN: Thanks, everyone.\n"
    )
    (stmt,) = extract(text).statements
    assert stmt.text.startswith("We remain committed")


def test_background_briefers_and_titled_markers_are_turns():
    text = (
        "MODERATOR: We begin now.\n"
        "SENIOR STATE DEPARTMENT OFFICIAL: We discussed border security with partners at length.\n"
        "QUESTION: On Pakistan?\n"
        "FOREIGN MINISTER OSTBY: We will continue our cooperation on counterterrorism.\n"
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Senior State Department Official", "Ostby"]


def test_a_dateline_alone_does_not_make_an_article_a_transcript():
    text = "Title\n\nWASHINGTON: The State Department said on Monday that talks would resume."
    (stmt,) = extract(text, date(2031, 3, 3)).statements
    assert stmt.speaker == "U.S. Department of State" and not stmt.context
