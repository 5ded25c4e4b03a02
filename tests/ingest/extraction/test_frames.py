"""Reporting frames and document kinds met in real coverage, each in an invented document.

Every text here is written for these tests (invented wording; real officials' names where the
gazetteer matters). Each test names the phenomenon it reproduces; docs/extractor.md lists them.
"""

from datetime import date

from ingest.extraction import extract

DAY = date(2031, 3, 6)  # a Thursday


def _said(text, published=DAY):
    return [(s.speaker, s.text) for s in extract(text, published).statements]


def _speakers(text, published=DAY):
    return [s.speaker for s in extract(text, published).statements]


def test_a_broad_lexicon_of_reporting_verbs_and_nouns():
    lines = [
        "Minister Talia Voss welcomed the decision to reopen the crossing.",
        "Envoy Rafe Dunmore voiced concern over the attacks in the north.",
        "Spokesperson Ines Carrow outlined three steps the government would take.",
        "Senator Abel Quist lamented the loss of life in the blast.",
        "Ambassador Oren Pell extended condolences to the families of the victims.",
        "Minister Sefa Lund expressed solidarity with the people of Quetta.",
        "Adviser Mira Tolle underscored that the border must stay open.",
    ]
    text = "Reactions\n\n" + "\n\n".join(lines)
    assert _speakers(text) == [
        "Talia Voss", "Rafe Dunmore", "Ines Carrow", "Abel Quist", "Oren Pell", "Sefa Lund",
        "Mira Tolle",
    ]  # fmt: skip


def test_a_statement_released_by_an_institution_and_in_a_tweet():
    text = (
        "Condemnations\n\n"
        "The Ministry of Foreign Affairs of Qatar released a statement condemning the attack.\n\n"
        "In a post on X, Senator Abel Quist wrote that the victims deserved justice.\n\n"
        "“We stand with the families,” Quist tweeted."
    )
    assert _speakers(text) == [
        "Ministry of Foreign Affairs of Qatar",
        "Abel Quist",
        "Abel Quist",
    ]


def test_inverted_participial_and_parenthetical_frames():
    text = (
        "Border talks\n\n"
        "“The crossing will reopen next week,” said Envoy Rafe Dunmore.\n\n"
        "The talks were useful, Dunmore told reporters, adding that more rounds would follow.\n\n"
        "Officials from both sides, he said, would meet again in April."
    )
    assert _speakers(text) == ["Rafe Dunmore"] * 3


def test_a_quotation_over_paragraphs_and_a_bare_quotation_after_an_attribution():
    text = (
        "Minister speaks\n\n"
        "Minister Sefa Lund said the police would stay in the district.\n\n"
        "“We have added two more posts on the road.\n\n"
        "“They will remain until the schools reopen,” she said.\n\n"
        "“Nobody will be left alone.”"
    )
    result = extract(text, DAY).statements
    assert [s.speaker for s in result] == ["Sefa Lund"] * 3
    assert "two more posts" in result[1].text and "schools reopen" in result[1].text


def test_according_to_a_statement_beats_a_collective_subject_inside_it():
    text = (
        "Dialogue ends\n\n"
        "According to a statement issued by the Foreign Office, both countries agreed to meet "
        "again before the end of the year."
    )
    (stmt,) = extract(text, DAY).statements
    assert stmt.speaker == "Pakistan Foreign Office"


def test_an_outlet_is_a_conduit_and_a_named_person_inside_speaks():
    text = (
        "Reported remarks\n\n"
        "According to the Northern Ledger, the Interior Minister, Mohsin Naqvi, said the attack "
        "had been planned abroad."
    )
    (stmt,) = extract(text, date(2025, 3, 6)).statements
    assert stmt.speaker == "Mohsin Naqvi"


def test_two_speakers_in_one_sentence_make_two_statements():
    text = (
        "Pressure mounts\n\n"
        "The White House said it would announce steps within days, shortly after Ambassador "
        "Oren Pell said at the assembly that aid would be withheld."
    )
    assert [s for s, _ in _said(text)] == ["White House", "Oren Pell"]


def test_passive_frames_name_their_agent_and_negated_verbs_report_nothing():
    text = (
        "Figures\n\n"
        "A fall in attacks has been observed by the Pakistan Institute for Conflict and "
        "Security Studies in its monthly review.\n\n"
        "Minister Sefa Lund did not mention the talks in her remarks."
    )
    (stmt,) = extract(text, DAY).statements
    assert stmt.speaker == "Pakistan Institute for Conflict and Security Studies"


def test_a_reproduced_press_release_is_the_institutions_words_until_the_background():
    text = (
        "Soldiers killed in raid\n\n"
        "RAWALPINDI: According to a press release issued by the Inter-Services Public "
        "Relations, security forces conducted an operation in Tank district on Tuesday night.\n\n"
        "During the operation, own troops engaged the hideout and four militants were killed.\n\n"
        "Sanitisation of the area is being carried out, the statement added.\n\n"
        "Tank has seen a rise in attacks since 2023, according to media reports."
    )
    result = extract(text, DAY).statements
    assert [s.speaker for s in result] == ["Inter-Services Public Relations"] * 3
    assert not any("since 2023" in s.text for s in result)


def test_the_members_of_the_security_council_speak_for_it():
    text = (
        "Council statement\n\n"
        "The members of the Security Council condemned in the strongest terms the attack on a "
        "mosque in Peshawar.\n\n"
        "They reiterated that terrorism in all its forms is a threat to peace."
    )
    assert _speakers(text) == ["UN Security Council"] * 2


def test_another_countrys_foreign_ministry_is_not_pakistans():
    text = (
        "Reactions\n\n"
        "The Saudi Ministry of Foreign Affairs, in its statement, expressed its condemnation of "
        "the bombings.\n\n"
        "The ministry reaffirmed the Kingdom's support for Pakistan."
    )
    assert _speakers(text) == ["Ministry of Foreign Affairs of Saudi Arabia"] * 2


def test_headlines_captions_quoted_subheads_and_vague_sources_are_not_statements():
    text = (
        "Envoy says talks will go on\n\n"
        "Envoy Rafe Dunmore speaks to reporters in Lakeport, Mar. 5, 2031.\n\n"
        "Envoy Rafe Dunmore said talks would resume next month.\n\n"
        "‘Talks will go on’\n\n"
        "Analysts believe the talks will stall.\n\n"
        "The group claimed responsibility for the attack."
    )
    assert _said(text) == [
        ("Rafe Dunmore", "Envoy Rafe Dunmore said talks would resume next month.")
    ]


def test_the_speakers_words_exclude_the_framing():
    text = (
        "Title\n\n"
        "Minister Sefa Lund visited the post.\n\n"
        "“We will not allow our soil to be used,” the minister said, “by anyone.”\n\n"
        "Minister Sefa Lund told reporters on Monday that the border was calm."
    )
    first, second = extract(text, DAY).statements
    assert [text[s:e] for s, e in first.words] == [
        "We will not allow our soil to be used",
        "by anyone",
    ]
    assert [text[s:e] for s, e in second.words] == ["the border was calm"]


def test_words_between_a_subject_and_its_verb():
    lines = [
        # a time phrase
        ("The ISPR had two days earlier said that the checkpoint would reopen.", "Inter-"),
        # an aside of manner with no commas
        (
            "Minister Talia Voss while expressing sympathy with the families said the state "
            "would pay for their care.",
            "Talia Voss",
        ),
        # a prepositional phrase naming a committee (its capitalised "Armed" is a name)
        (
            "General Oren Pell in his testimony before the Senate Armed Services Committee "
            "warned that the conflict could spread.",
            "Oren Pell",
        ),
    ]
    for line, who in lines:
        speakers = _speakers(f"Headline\n\n{line}")
        assert len(speakers) == 1 and who.lower() in speakers[0].lower(), (line, speakers)


def test_a_leading_adverbial_holds_no_subject_for_and_threatened():
    text = (
        "Aid row\n\n"
        "In his first message of the year on Monday, Senator Abel Quist criticised the "
        "programme and threatened to cut its funding."
    )
    assert _speakers(text) == ["Abel Quist"]


def test_a_rank_with_a_full_stop_before_an_inverted_speaker():
    text = (
        "Command\n\n"
        "General Michael Kurilla spoke to reporters at the base.\n\n"
        "“We are seeing results on the ground,” said Gen. Kurilla."
    )
    assert _speakers(text, date(2025, 6, 12)) == ["Michael Kurilla"]


def test_an_unnamed_spokesperson_is_the_one_the_text_names_later():
    text = (
        "Weekly briefing\n\n"
        "Lakeport: The Foreign Office spokesperson has stated that the ambush on the convoy "
        "was planned abroad.\n\n"
        "Addressing the weekly briefing, Spokesperson Shafqat Ali Khan said the rescue "
        "operation was over."
    )
    assert _speakers(text, date(2025, 3, 14)) == ["Shafqat Ali Khan", "Shafqat Ali Khan"]
    # never named: the office speaks
    first = text.rsplit("\n\n", 1)[0]
    assert _speakers(first, date(2025, 3, 14)) == ["Pakistan Foreign Office"]


def test_documents_named_by_who_issued_them():
    text = (
        "Threat alert\n\n"
        "The Harbour Security Authority has warned the provinces of new attacks.\n\n"
        "A statement from the authority warned that the group planned to strike rallies.\n\n"
        "The ‘Annual Review of Terrorism 2031’, released by the State Department, said the "
        "border districts remained a haven for militants.\n\n"
        "The Pak Institute for Peace Studies recommends that the government open a debate in "
        "parliament."
    )
    assert _speakers(text) == [
        "Harbour Security Authority",
        "Harbour Security Authority",
        "U.S. Department of State",
        "Pak Institute for Peace Studies",  # "recommends that": a report's recommendation
    ]


def test_descriptions_of_institutions_that_stand_for_their_names():
    lines = [
        (
            "Two soldiers died during the raid, the army’s media affairs wing stated.",
            "Inter-",
        ),
        (
            "In a post on X, the State Department’s Bureau of South and Central Asian Affairs "
            "stated that it stood with the families.",
            "Bureau of South and Central Asian Affairs",
        ),
        (
            "In a short written note, the foreign ministry spokeswoman described the raids as "
            "a breach of the country’s borders.",
            "Pakistan Foreign Office",
        ),
    ]
    for line, who in lines:
        speakers = _speakers(f"Headline\n\n{line}")
        assert len(speakers) == 1 and who in speakers[0], (line, speakers)


def test_according_to_a_person_opening_a_sentence_about_a_report():
    text = (
        "Briefing\n\n"
        "Spokesperson Ines Carrow briefed reporters in the capital.\n\n"
        "According to Carrow, the monitoring report highlighted that the group trains its "
        "recruits across the border."
    )
    assert _speakers(text) == ["Ines Carrow"]


def test_a_joint_statement_named_by_its_parties_has_one_spelling():
    text = (
        "Summit\n\n"
        "The India-US joint statement called for action against all listed groups.\n\n"
        "The Pakistan-Iran joint statement stressed closer border cooperation."
    )
    assert _speakers(text) == [
        "United States–India joint statement",
        "Pakistan–Iran joint statement",
    ]


def test_a_name_right_after_said_can_open_the_reported_clause():
    # "…, said Pakistan would not …": Pakistan is what was said, not who said it.
    text = (
        "Briefing\n\n"
        "Spokesperson Ines Carrow, speaking on the border talks, said Pakistan would not take "
        "part in the next round."
    )
    assert _speakers(text) == ["Ines Carrow"]


def test_more_verbs_met_in_pakistani_coverage():
    lines = [
        "Minister Talia Voss appealed to all parties to stand united behind the forces.",
        "Prime Minister Oren Pell instructed for a thorough inquiry into the attack.",
        "Deputy Inspector General Abel Quist confirmed the blast was set off by a teenager.",
    ]
    for line in lines:
        assert len(_speakers(f"Headline\n\n{line}")) == 1, line


def test_police_chiefs_and_directors_general_by_description():
    text = (
        "Mosque blast\n\n"
        "Inspector General of Police Rafe Dunmore addressed a press conference on Tuesday.\n\n"
        "The IGP said investigators had found the detonator near the gate.\n\n"
        "The KP Police chief said the roof had collapsed on the worshippers.\n\n"
        "Major General Toller Vance, the DG ISPR, spoke later.\n\n"
        "DG ISPR said: “The operation went on for nine hours.”"
    )
    assert _speakers(text) == ["Rafe Dunmore"] * 2 + ["Toller Vance"]


def test_a_closing_source_reports_what_a_state_did():
    text = (
        "Bus blast\n\n"
        "India condemned on Wednesday a market bombing that left nine dead, the Foreign "
        "Ministry said.\n\n"
        "Most of the dead were traders, it said."
    )
    assert _speakers(text) == ["Ministry of Foreign Affairs of India"] * 2


def test_an_armed_groups_statement_is_kept_and_its_claim_is_not():
    text = (
        "Drone strike\n\n"
        "The Pakistani Taliban confirmed on Saturday that their leader was killed.\n\n"
        "The TTP claimed the attack on the checkpoint in a statement."
    )
    assert _speakers(text) == ["Tehrik-i-Taliban Pakistan"]


def test_a_sentence_cut_off_after_its_verb_gives_no_statement():
    text = (
        "Talks\n\n"
        "Minister Talia Voss said the border would reopen on Monday.\n\n"
        "However, the minister assured that"
    )
    assert _speakers(text) == ["Talia Voss"]


def test_titles_the_text_gives_count_when_a_description_refers_back():
    # The gazetteer knows him as the ISPR's director general; the text calls him the army's
    # spokesman, and "the spokesman" later is him.
    text = (
        "Operation\n\n"
        "Army spokesman Major General Asim Bajwa met reporters in Rawalpindi.\n\n"
        "“The terrorists will be pursued to the end,” the spokesman said."
    )
    assert _speakers(text, date(2014, 6, 16)) == ["Asim Saleem Bajwa"]


def test_apologies_are_statements():
    text = "Strike\n\nSecretary Mara Lind apologized for the losses suffered by the soldiers."
    assert _speakers(text) == ["Mara Lind"]


def test_a_surname_right_after_a_quotation_is_a_speaker_even_unintroduced():
    text = (
        "Talks\n\n"
        "“The secretary stressed the role the country can play,” Marlow said in the statement.\n\n"
        "“We will keep helping,” Residents said."
    )
    assert _speakers(text) == ["Marlow"]


def test_a_spokesperson_title_running_on_in_capitals():
    text = (
        "Statement\n\n"
        "Rafe Dunmore, Assistant Secretary and Department Spokesperson, Bureau of Public Affairs "
        "have said “The United States deplores the bombing without reservation.”"
    )
    assert _speakers(text, date(2031, 3, 28)) == ["Rafe Dunmore"]


def test_a_closing_institution_reports_what_leaders_did():
    text = (
        "Call\n\n"
        "President Abel Quist and Prime Minister Oren Pell reaffirmed the value of the "
        "dialogue, the White House said."
    )
    assert _speakers(text) == ["White House"]


def test_a_person_speaking_in_a_released_statement_owns_the_unquoted_paragraph_after():
    text = (
        "Envoy condemns attack\n\n"
        "Ambassador Rafe Dunmore condemned the attack on the mosque.\n\n"
        "“Our thoughts are with the bereaved,” he said in a statement released by the embassy.\n\n"
        "The United States will keep helping the country’s police forces."
    )
    assert _speakers(text) == ["Rafe Dunmore"] * 3


def test_the_army_chief_by_description_and_regarding_as():
    text = (
        "Visit\n\n"
        "General Syed Asim Munir, Chief of the Army Staff (COAS), toured a border post today.\n\n"
        "Meeting the soldiers, the COAS praised their courage under fire.\n\n"
        "Pakistan regards these incursions as an affront to its borders."
    )
    assert _speakers(text, date(2024, 12, 22)) == ["Asim Munir", "Government of Pakistan"]
