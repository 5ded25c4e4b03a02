"""Documents that are themselves statements, in the house styles of the offices that issue
them. Invented texts in those layouts (header lines, numbering, datelines); the body of a
release is its issuer's own words, quoted or not."""

from ingest.extraction import extract


def _said(text):
    return [(s.speaker, s.direct, s.said_on) for s in extract(text, None).statements]


def test_a_press_statement_signed_by_the_secretary_is_his_throughout():
    text = (
        "Pakistan: Attack on a Police Station\n"
        "Press Statement\n"
        "Antony J. Blinken, Secretary of State\n"
        "March 3, 2023\n\n"
        "The United States strongly condemns the March 1 attack on a police station.\n\n"
        "We extend our condolences to the families of the officers who were killed."
    )
    assert _said(text) == [("Antony Blinken", True, "2023-03-03")] * 2


def test_a_numbered_foreign_office_release_is_the_foreign_offices():
    text = (
        "Press Release\n"
        "No. 41/2031\n"
        "Pakistan condemns the attack on engineers\n\n"
        "Islamabad, 4 April 2031\n\n"
        "Pakistan strongly condemns the attack on a convoy of engineers today.\n\n"
        "Pakistan will bring the perpetrators to justice."
    )
    found = _said(text)
    assert [s[0] for s in found] == ["Pakistan Foreign Office"] * 2
    assert all(direct for _, direct, _ in found)


def test_an_ispr_release_is_the_ispr_and_its_dateline_is_no_statement():
    text = (
        "No PR-90/2031-ISPR\n"
        "Dated: April 9, 2031\n"
        "Rawalpindi - April 9, 2031:\n\n"
        "Security forces conducted an operation on the reported presence of terrorists.\n\n"
        "Troops remain resolved to clear the district of militants."
    )
    assert _said(text) == [("Inter-Services Public Relations", True, "2031-04-09")] * 2


def test_a_security_council_press_statement_and_its_introduction():
    text = (
        "SC/99999\n"
        "9 April 2031\n"
        "Press Release\n"
        "Security Council Press Statement on the Bombing in Lakeport\n\n"
        "The following Security Council press statement was issued today by Council "
        "President Ines Carrow:\n\n"
        "The members of the Security Council condemned the bombing in the market.\n\n"
        "The members of the Security Council offered their sympathy to the bereaved."
    )
    assert [s[0] for s in _said(text)] == ["UN Security Council"] * 2


def test_the_secretary_generals_spokesperson_speaks_for_the_unnamed_secretary_general():
    text = (
        "New York\n\n"
        "9 April 2031\n\n"
        "Statement attributable to the Spokesperson for the Secretary-General on Pakistan\n\n"
        "The Secretary-General deplores the shooting at a checkpoint, which reportedly left "
        "several dead. He sends his sympathy to those who lost relatives."
    )
    # one statement per paragraph of the issuer's own words
    (stmt,) = extract(text, None).statements
    assert stmt.speaker == "UN Secretary-General" and stmt.text.endswith("lost relatives.")


def test_a_statement_by_a_named_official_with_bulleted_paragraphs():
    text = (
        "Press Releases\n"
        "Terrorist Attack in Pakistan\n"
        "(Statement by Press Secretary Oren Pell)\n"
        "April 9, 2031\n"
        "- We were saddened to learn of the bombing at a shrine, which claimed many lives.\n"
        "- No cause can excuse such violence, and we denounce it."
    )
    assert [s[0] for s in _said(text)] == ["Oren Pell"] * 2


def test_said_with_a_colon_then_unquoted_lines_are_the_speakers():
    text = (
        "Minister's statement on the school attack\n\n"
        "Foreign Secretary Mara Lind said:\n\n"
        "I was horrified to hear of the bombing at a college this morning.\n\n"
        "No grievance could ever excuse targeting students."
    )
    assert [s[0] for s in _said(text)] == ["Mara Lind"] * 2


def test_a_statement_reposted_whole_speaks_in_its_first_speakers_voice():
    # No header: the body speaks as "we" throughout, so it is the statement itself.
    text = (
        "The United States deplores the bombing of a shrine in the city. We offer our sympathy "
        "to every family that lost someone.\n\n"
        "The United States stands by its partners. We back their work to stop such "
        "attacks."
    )
    found = _said(text)
    assert len(found) >= 3 and {s[0] for s in found} == {"United States government"}


def test_a_release_page_whose_issuer_the_header_does_not_give():
    text = (
        "Press Releases|\n\n"
        "The Government of Pakistan condemns Wednesday’s drone strike in the north. Pakistan "
        "regards these strikes as an affront to its borders. We therefore call for them to "
        "stop at once.\n\n"
        "07 August ,2031"
    )
    found = _said(text)
    assert len(found) >= 2 and {s[0] for s in found} == {"Government of Pakistan"}


def test_a_news_page_filed_under_press_release_is_read_as_an_article():
    # The page is labelled "Press Release" and its headline names two people, but the lead is
    # a report about a call: the people it names speak for themselves, on the news day.
    text = (
        "Lund speaks to Vance\n\n"
        "Press Release 07 May, 2031\n\n"
        "ISLAMABAD: Foreign Minister Mara Lind received a telephone call Friday from Secretary "
        "of State Toller Vance.\n\n"
        "During the call, Secretary Vance expressed the desire to continue strengthening the "
        "relationship."
    )
    found = extract(text, None).statements
    assert [s.speaker for s in found] == ["Toller Vance"]
    assert found[0].said_on == "2031-05-02"  # the Friday before the Wednesday of the stamp


def test_a_joint_statements_parties_are_those_its_title_names_together():
    text = (
        "Joint Statement on the Pakistan-U.S. Border Security Talks\n\n"
        "WASHINGTON: Ambassador Rafiq Durrani and Ambassador Helen Okafor co-chaired the "
        "Pakistan-U.S. Border Security Talks on 11 June 2025 in Washington.\n\n"
        "The delegations reviewed the threat from the TTP along the border with Afghanistan.\n\n"
        "Both governments resolved to meet again next year and to widen training for customs "
        "officers.\n\n"
        "The Pakistani delegation expressed its appreciation for U.S. help with scanners at "
        "the crossings.\n\n"
        "The Dialogue reaffirms the resolve of both countries to keep the frontier secure."
    )
    assert [s[0] for s in _said(text)] == [
        "United States–Pakistan joint statement",  # Afghanistan is a place here, no party
        "Government of Pakistan",
        "United States–Pakistan joint statement",
    ]
    assert "U.S. Border Security" not in {s.speaker for s in extract(text, None).statements}


def test_a_readout_keeps_only_what_was_said_not_its_narrative():
    text = (
        "Deputy Secretary Varga's Call with Pakistani Interior Minister Rana\n"
        "READOUT\n"
        "OFFICE OF THE SPOKESPERSON\n"
        "APRIL 3, 2031\n"
        "The below is attributable to Spokesperson Ilse Brandt:\n"
        "Deputy Secretary Orla Varga spoke today with Interior Minister Kamran Rana. The "
        "Deputy Secretary offered condolences for the victims of the Gwadar port attack. The "
        "two discussed the investigation. The Deputy Secretary reaffirmed U.S. support for "
        "Pakistan's efforts against terrorist groups."
    )
    said = extract(text, None).statements
    assert [s.speaker for s in said] == ["Orla Varga", "Orla Varga"]
    assert said[0].said_on == "2031-04-03" and not any(s.direct for s in said)
