"""End-to-end behaviour on short news texts written for these tests (not from the corpus)."""

from datetime import date

from ingest.extraction import EXTRACTOR_VERSION, extract
from ingest.extraction.cli import document_json

ARTICLE = (
    "Pakistan and US pledge closer ties\n\n"
    "By Staff Reporter\n\n"
    "ISLAMABAD: Foreign Office Spokesperson Mumtaz Zahra Baloch on Friday said Pakistan would "
    "not allow any group to use its soil against its neighbours.\n\n"
    '"We have raised our concerns with the interim Afghan authorities," Baloch told reporters. '
    '"We expect them to act against the TTP."\n\n'
    "She added that Islamabad remained committed to a stable Afghanistan.\n\n"
    "Analysts say attacks are likely to continue.\n\n"
    "A reporter asked whether drones would be provided.\n\n"
    "Leave a Reply"
)


def test_statements_have_resolved_speakers_and_dates_from_the_text():
    result = extract(ARTICLE, date(2024, 6, 14))
    assert {s.speaker for s in result.statements} == {"Mumtaz Zahra Baloch"}
    # the quotation after "Baloch told reporters." in the same paragraph is the same statement
    assert len(result.statements) == 3
    assert "act against the TTP" in result.statements[1].text
    assert result.statements[0].said_on == "2024-06-14"
    assert result.statements[0].is_pledge
    assert result.statements[1].direct and not result.statements[0].direct


def test_headlines_vague_sources_questions_and_chrome_are_not_statements():
    texts = " ".join(s.text for s in extract(ARTICLE, date(2024, 6, 14)).statements)
    assert "pledge closer ties" not in texts
    assert "Analysts" not in texts and "reporter asked" not in texts
    assert "Leave a Reply" not in texts


def test_a_dateline_is_trimmed_from_the_statement_text():
    first = extract(ARTICLE, date(2024, 6, 14)).statements[0]
    assert first.text.startswith("Foreign Office Spokesperson")


def test_a_split_quote_and_a_colon_quote_are_one_statement_each():
    text = (
        "Envoy speaks\n\n"
        'Special Envoy Karin Dahl said: "We are ready to help."\n\n'
        '"This matters," she said, "and we will keep at it."'
    )
    result = extract(text, date(2024, 1, 10))
    assert [s.speaker for s in result.statements] == ["Karin Dahl", "Karin Dahl"]
    assert result.statements[1].text.endswith('keep at it."')


def test_a_quote_running_over_two_paragraphs_is_one_statement():
    text = (
        "Title line\n\n"
        '"The first part of the remark runs on.\n\n'
        '"And this is the end of it," Ambassador Ola Brandt said.'
    )
    (stmt,) = extract(text).statements
    assert stmt.speaker == "Ola Brandt" and "first part" in stmt.text and "end of it" in stmt.text


def test_a_caption_date_dates_the_briefing_remarks():
    text = (
        "Spokesperson answers\n\n"
        "State Department Spokesperson Ned Price at May 5, 2022 press briefing. Photo: file\n\n"
        "The United States will keep working with Pakistan, Price said on Thursday."
    )
    (stmt,) = extract(text).statements
    assert stmt.speaker == "Ned Price" and stmt.said_on == "2022-05-05"


def test_standing_positions_get_no_date():
    text = "Title\n\nIslamabad maintains that militants operate from across the border."
    (stmt,) = extract(text, date(2024, 5, 13)).statements
    assert stmt.speaker == "Government of Pakistan" and stmt.said_on is None


def test_document_json_matches_the_cli_shape():
    data = document_json(ARTICLE, file="x.txt", published=date(2024, 6, 14))
    assert data["file"] == "x.txt" and data["published"] == "2024-06-14"
    keys = {
        "speaker",
        "speaker_kind",
        "speaker_org",
        "speaker_role",
        "speaker_side",
        "said_on",
        "date_precision",
        "direct",
        "text",
        "start",
        "end",
        "is_pledge",
        "topics",
        "armed_groups",
        "about_pakistan",
        "context",
    }
    assert keys <= set(data["statements"][0])
    assert {"statements", "organizations", "places", "statistics", "title"} <= set(data)
    assert EXTRACTOR_VERSION


ISSUED = (
    "Joint Statement on the Second Northbridge Dialogue\n"
    "Media Note\n"
    "March 3, 2031\n\n"
    "The text of the following statement was released by both governments.\n\n"
    "Begin Text:\n\n"
    "The United States and Pakistan held a counterterrorism dialogue on March 1, 2031.\n\n"
    "Both delegations agreed to deepen cooperation on border security and information sharing. "
    "They condemned the attack on a police post in Tank.\n\n"
    "Deputy Secretary Ilse Marr conveyed condolences for the officers killed in the attack.\n\n"
    "End Text.\n"
)


def test_an_issued_joint_statement_is_read_sentence_by_sentence():
    """Joint subjects and "they" are the joint statement's; a named official is herself; the
    narrative sentence with no reporting verb is no statement."""
    result = extract(ISSUED)
    joint = "United States–Pakistan joint statement"
    assert [s.speaker for s in result.statements] == [joint, joint, "Ilse Marr"]
    assert all(s.said_on == "2031-03-03" for s in result.statements)
    assert result.statements[0].is_pledge
    assert not any("held a counterterrorism dialogue" in s.text for s in result.statements)
    assert result.published_on == date(2031, 3, 3)


def test_a_trilateral_joint_statement_is_named_for_its_parties():
    text = (
        "Joint Statement of the Fourth China-Afghanistan-Pakistan Foreign Ministers' Dialogue\n\n"
        "The three Foreign Ministers reiterated their determination to increase cooperation.\n\n"
        "The three sides condemned the recent attacks in Kabul and Peshawar.\n"
    )
    speakers = {s.speaker for s in extract(text, date(2031, 9, 8)).statements}
    assert speakers == {"China–Afghanistan–Pakistan joint statement"}


def test_an_article_about_a_joint_statement_is_still_an_article():
    text = (
        "Allies issue joint statement after talks\n\n"
        "Pakistan and the United States issued a joint statement on Monday, saying they would "
        "meet again next year."
    )
    (stmt,) = extract(text, date(2031, 3, 3)).statements
    assert stmt.speaker == "United States–Pakistan joint statement"
    assert stmt.said_on == "2031-03-03"


WIRE = (
    "Ministry urges action on sanctuaries\n\n"
    "The spokesperson at the weekly press briefing on Thursday. — Some Channel screengrab\n\n"
    "ISLAMABAD, March 21 (Wire) - Pakistan's foreign ministry on Thursday urged the Taliban "
    "rulers to act against militants.\n\n"
    '"We are deeply concerned about sanctuaries," foreign ministry spokesperson Mumtaz Zahra '
    "Baloch told a weekly news briefing.\n\n"
    "The Pakistani Taliban claimed responsibility for the raid, which killed seven soldiers.\n\n"
    "Pakistan's army chief, General Tarek Olander, said the military would respond.\n\n"
    "Washington has repeatedly urged Islamabad and Kabul to talk."
)


def test_wire_copy_attributions_resolve_institutions_titles_and_standing_positions():
    result = extract(WIRE, date(2024, 3, 21))
    got = [(s.speaker, s.said_on) for s in result.statements]
    assert got == [
        ("Pakistan Foreign Office", "2024-03-21"),
        ("Mumtaz Zahra Baloch", "2024-03-21"),
        ("Tarek Olander", "2024-03-21"),  # undated: the day the article's clues point to
        ("United States government", None),
    ]


def test_a_claim_of_responsibility_by_militants_is_not_a_statement():
    texts = [s.text for s in extract(WIRE, date(2024, 3, 21)).statements]
    assert not any("claimed responsibility" in t for t in texts)


def test_a_date_inside_the_reported_content_does_not_date_the_statement():
    text = "Title\n\nEnvoy Mara Lind said the attack on Tuesday was planned abroad."
    (stmt,) = extract(text, date(2031, 3, 7)).statements
    # the document's day (the news it reports), not Tuesday's attack
    assert stmt.said_on == "2031-03-07" and stmt.date_basis == "document"


def test_an_addressee_before_the_date_keeps_the_date_with_the_verb():
    text = "Title\n\nMinister Jon Ekdal told the National Assembly on Tuesday that all is calm."
    (stmt,) = extract(text, date(2031, 3, 7)).statements
    assert stmt.said_on == "2031-03-04"


def test_news_outlets_relay_statements_but_are_not_speakers():
    text = "Title\n\nThe Northern Daily Herald reported that talks had stalled."
    assert extract(text, date(2031, 3, 7)).statements == []


THINK_TANK = (
    "Office rejects denial\n\n"
    "ISLAMABAD: The Foreign Office on Thursday rejected the interim government's claim that no "
    "militants were on its soil.\n\n"
    '"Our patience is not unlimited," she said.\n\n'
    "Meanwhile, the Northgate Institute for Peace Research (NIPR) said in its annual report that "
    "306 attacks took place in 2030.\n\n"
    "According to the report, the north bore the brunt of the violence."
)


def test_a_claim_inside_a_rejection_belongs_to_the_rejecting_speaker():
    first = extract(THINK_TANK, date(2031, 1, 2)).statements[0]
    assert first.speaker == "Pakistan Foreign Office" and first.said_on == "2031-01-02"


def test_the_report_refers_to_the_report_its_issuer_just_named():
    speakers = [s.speaker for s in extract(THINK_TANK, date(2031, 1, 2)).statements]
    assert speakers[-2:] == ["Northgate Institute for Peace Research"] * 2


def test_a_name_introduced_in_narration_resolves_a_later_surname():
    text = (
        "Title\n\n"
        "The panel was chaired by Mara Lind, a researcher who studies the border.\n\n"
        "Lind said the crossings had become safer since the spring."
    )
    (stmt,) = extract(text, date(2031, 6, 2)).statements
    assert stmt.speaker == "Mara Lind"


def test_a_bare_quotation_after_a_reported_statement_is_the_same_speakers():
    text = (
        "Title\n\n"
        "Envoy Mara Lind said the talks went well.\n\n"
        '"We will meet again in the autumn and keep the channel open."'
    )
    result = extract(text, date(2031, 6, 2))
    assert [s.speaker for s in result.statements] == ["Mara Lind", "Mara Lind"]
    assert result.statements[1].direct


def test_they_refers_back_to_the_last_group_of_officials():
    text = (
        "Title\n\n"
        "Pakistani officials said the raid was planned abroad.\n\n"
        "They added that more arrests were expected."
    )
    speakers = [s.speaker for s in extract(text, date(2031, 6, 2)).statements]
    assert speakers == ["Pakistani officials", "Pakistani officials"]


def test_what_concluded_talks_agreed_takes_the_talks_day():
    text = (
        "Title\n\n"
        "Pakistan and the United States have concluded their talks, agreeing to share more "
        "information.\n\n"
        "Officials at the March 3 dialogue in Northbridge said little else."
    )
    first = extract(text, date(2031, 3, 6)).statements[0]
    assert first.speaker == "United States and Pakistan" and first.said_on == "2031-03-03"


def test_said_colon_and_a_quote_in_the_next_paragraph_are_one_direct_statement():
    text = 'Title\n\nEnvoy Mara Lind said:\n\n"We will stay the course with our partners."'
    (stmt,) = extract(text, date(2031, 6, 2)).statements
    assert stmt.direct and stmt.text.endswith('partners."') and stmt.speaker == "Mara Lind"


def test_a_header_line_holding_only_a_date_is_the_publication_day():
    text = (
        "Talks resume\nPublished May 15, 2031\n\nThe Foreign Office said on Monday it was hopeful."
    )
    result = extract(text)
    assert result.published_on == date(2031, 5, 15)
    assert result.statements[0].said_on == "2031-05-12"
