"""Briefing transcripts in the house styles seen in real briefings (texts written for these tests).

Each substantive answer turn is one direct statement of the official; questions, floor
management, banter and bare no-comments are not; the question is kept as context.
"""

from datetime import date

from ingest.extraction import extract
from ingest.extraction.transcripts import trivial
from ingest.extraction.turns import turns

STATE_STYLE = (
    "Department Press Briefing\nMay 5, 2022\n\n"
    "MR PRICE: Good afternoon, everybody.\n\n"
    "QUESTION: On Pakistan, will you keep working on border security after the latest attacks?\n\n"
    "MR PRICE: We will continue to work with our partners in Pakistan on border security.\n"
    "It remains a priority for this department and for our embassy in Islamabad.\n\n"
    "QUESTION: And the visa question?\n\n"
    "MR PRICE: I'm not going to comment on that today.\n\n"
    "QUESTION: On Ukraine?\n\n"
    "MR PRICE: Our support for Ukraine and its people is unwavering and will remain so for as "
    "long as it takes.\n"
)


def test_turns_are_found_only_in_transcripts():
    assert len(turns(STATE_STYLE)) == 7
    assert turns("MR PRICE: only one turn and no question.") == []
    assert turns("Title\n\nWASHINGTON: The envoy spoke.\n\nRead more: other news") == []


def test_every_substantive_answer_is_one_direct_statement_dated_with_the_briefing():
    result = extract(STATE_STYLE)
    assert [s.speaker for s in result.statements] == ["Ned Price", "Ned Price"]
    assert all(s.direct and s.said_on == "2022-05-05" for s in result.statements)
    assert "It remains a priority" in result.statements[0].text  # a turn runs over paragraphs
    assert all(s.attribution == "turn" and s.confidence >= 0.9 for s in result.statements)


def test_questions_are_context_and_decide_about_pakistan():
    first, second = extract(STATE_STYLE).statements
    assert first.context.startswith("On Pakistan")
    assert first.about_pakistan and first.is_pledge
    assert not second.about_pakistan  # an answer about another country is still a statement


def test_floor_management_banter_and_no_comment_turns_are_not_statements():
    assert trivial("Go ahead.")
    assert trivial("Thanks, everyone. Good afternoon.")
    assert trivial("Actually, I was watching the other channel.")
    assert trivial("I'm just not going to comment on the evolution of that debate, as you say.")
    assert trivial("I'll take the question as to whether we can release anything about his file.")
    assert not trivial("No, there are no American trainers in Pakistan at this time.")
    assert trivial("Good afternoon, everybody. I have a couple of things at the top.")
    assert not trivial(
        "Good afternoon. A couple of things at the top: we condemn the bombing in Quetta and "
        "will keep supporting Pakistan's investigation."
    )


def test_a_given_publication_date_decides_the_spokesperson_by_tenure():
    text = (
        "MS BRUCE: Good afternoon.\nQUESTION: Pakistan?\n"
        "MS BRUCE: We stand ready to help Pakistan against the terrorists who attacked it.\n"
    )
    result = extract(text, date(2025, 3, 10))
    assert {s.speaker for s in result.statements} == {"Tammy Bruce"}


def test_an_unknown_official_keeps_the_name_from_the_label():
    text = (
        "MR. HALVORSEN: Hello to all of you here.\nQUESTION: Anything on the border?\n"
        "MR. HALVORSEN: Our teams are working with both governments to keep the crossing open.\n"
    )
    assert {s.speaker for s in extract(text).statements} == {"Halvorsen"}


def test_a_full_label_names_the_short_labels_that_follow():
    text = (
        "Briefing on the raid\n\nAired May 3, 2031 - 13:56 ET\n\n"
        "TOMAS WREN, PALACE SPOKESMAN: We can confirm the operation ended before dawn.\n\n"
        "QUESTION: Tomas, were the militants captured or killed in the operation?\n\n"
        "WREN: The security forces detained four suspects and the operation is now over.\n"
    )
    result = extract(text)
    assert [s.speaker for s in result.statements] == ["Tomas Wren", "Tomas Wren"]
    assert {s.said_on for s in result.statements} == {"2031-05-03"}


def test_pentagon_style_titles_and_bare_q_labels():
    text = (
        "News Briefing, Dec. 16, 2034\n\n"
        "REAR ADMIRAL JONAS VEKK: Afternoon, everybody.\n\n"
        "Q: Afternoon.\n\n"
        "REAR ADM. VEKK: The secretary extends his condolences to the people of Pakistan after "
        "today's attack on a school, and we remain committed to supporting them.\n\n"
        "Q  Could you update us on the training mission?\n\n"
        "REAR ADM. VEKK: The training fund is part of the bill that has not been signed yet.\n"
    )
    result = extract(text)
    assert [s.speaker for s in result.statements] == ["Jonas Vekk", "Jonas Vekk"]
    assert result.statements[0].is_pledge and result.statements[0].said_on == "2034-12-16"
    assert result.statements[1].context.startswith("Could you update")


def test_an_answer_briefing_names_only_whom_the_text_names():
    unnamed = (
        "Transcript of the Press Briefing by the Spokesperson on Friday, 10th May 2024\n\n"
        "Question: What about attacks from across the border?\n\n"
        "Answer: We have conveyed our concerns and will continue to engage with Kabul.\n\n"
        "Question: And the talks?\n\n"
        "Answer: They were held in a cordial atmosphere and covered counterterrorism.\n"
    )
    result = extract(unnamed)
    assert {s.speaker for s in result.statements} == {"Pakistan Foreign Office"}
    assert result.statements[0].said_on == "2024-05-10" and result.statements[0].is_pledge
    named = unnamed.replace("by the Spokesperson", "by Spokesperson Mumtaz Zahra Baloch")
    assert {s.speaker for s in extract(named).statements} == {"Mumtaz Zahra Baloch"}


def test_a_label_less_weekly_briefing_is_one_opening_turn_of_the_office():
    text = (
        "Transcript of the Weekly Press Briefing by the Spokesperson, Thursday 14 December 2034\n"
        "[This is a rush transcript and may be updated]\n"
        "Assalam-o-Alaikum and welcome to the Foreign Office.\n"
        "We condemn the attack on the police post in Tank and offer our condolences.\n"
        "Pakistan will continue to raise the presence of terrorist sanctuaries with Kabul.\n"
    )
    (stmt,) = extract(text).statements
    assert stmt.speaker == "Pakistan Foreign Office" and stmt.said_on == "2034-12-14"
    assert "condemn the attack" in stmt.text and "sanctuaries" in stmt.text
    assert not stmt.text.startswith("[")


def test_the_un_noon_briefing_belongs_to_the_named_spokesman():
    text = (
        "Daily Press Briefing by the Office of the Spokesperson for the Secretary-General\n\n"
        "The following is a near-verbatim transcript of today's noon briefing by Ivo Marsh, "
        "Spokesman for the Secretary-General.\n\n"
        "All right, good afternoon.\n\n"
        "The Secretary-General strongly condemns today's attack on a mosque in Peshawar.  It is "
        "particularly abhorrent that such an attack happened at a place of worship.\n"
    )
    (stmt,) = extract(text).statements
    assert stmt.speaker == "Ivo Marsh" and "abhorrent" in stmt.text


def test_an_article_quoting_an_exchange_keeps_its_lead_and_dates_the_answers_by_it():
    text = (
        "Envoy says help will continue\n\n"
        "Deputy Spokesperson Arne Falk said on Monday that support for Pakistan would continue.\n\n"
        "QUESTION: Arne, on Pakistan, will you help after the attacks in the north?\n\n"
        "MR FALK: We will continue to work with Pakistan against these terrorist groups.\n\n"
        "QUESTION: Thanks.\n\n"
        "MR FALK: Thank you all for coming today.\n"
    )
    result = extract(text, date(2031, 3, 5))
    assert [s.speaker for s in result.statements] == ["Arne Falk"] * 2
    assert {s.said_on for s in result.statements} == {"2031-03-03"}


def test_background_briefers_and_titled_labels_are_turns():
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


def test_a_transcription_service_puts_the_timecode_before_the_colon():
    text = (
        "Foreign Ministry Daily Briefing 3/7/25 Transcript\n\n"
        "Idris Vantongeren (00:03):\n"
        "Good afternoon, everybody.\n\n"
        "Speaker 2 (00:10):\n"
        "Any reaction to the blast in Chaman on Wednesday?\n\n"
        "Idris Vantongeren (00:16):\n"
        "We condemn the blast in Chaman and we will keep helping Pakistani investigators "
        "find those who planned it.\n\n"
        "Nell (01:02):\n"
        "Will there be new border security funding?\n\n"
        "Idris Vantongeren (01:09):\n"
        "Border security stays at the centre of our cooperation with Islamabad.\n"
    )
    result = extract(text)
    assert [s.speaker for s in result.statements] == ["Idris Vantongeren"] * 2
    assert all(s.direct for s in result.statements)
    # "3/7/25" in the title: a two-digit year, month first as in US copy
    assert {s.said_on for s in result.statements} == {"2025-03-07"}
    assert "Chaman on Wednesday" in result.statements[0].context


def test_a_briefing_page_with_only_the_rush_transcript_note_opens_with_the_offices_remarks():
    text = (
        "Media Briefing|\n\n"
        "[This is a rush transcript. This copy may not be in its final form]\n\n"
        "Thank you for joining us for the weekly briefing.\n\n"
        "We strongly condemn the bombing at the market in Parachinar yesterday and stand with "
        "the families of the victims.\n\n"
        "Question: Has the sanctuary issue been raised with Kabul? (Nadia Shah, City Radio)\n\n"
        "Answer: Yes, we have conveyed our concerns to the Afghan authorities once again and "
        "expect action against the groups on their soil.\n"
    )
    opening, answer = extract(text, date(2023, 6, 15)).statements
    assert opening.speaker == answer.speaker == "Pakistan Foreign Office"
    assert opening.direct and opening.text.startswith("We strongly condemn")
    assert "Nadia Shah" in answer.context
