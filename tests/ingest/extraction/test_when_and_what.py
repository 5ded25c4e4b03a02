"""When statements were said, what they commit to, which groups and figures they name.

Invented texts written for these tests (real group names, invented people and outlets).
"""

from datetime import date

from ingest.extraction import extract
from ingest.extraction.classify import is_pledge, topics


def _dates(text, published=None):
    return [(s.said_on, s.date_basis) for s in extract(text, published).statements]


def test_weekdays_and_yesterday_count_back_from_the_page_stamp():
    text = (
        "date 2031-03-06 LAKEPORT: Minister Sefa Lund said on Tuesday that the border would "
        "reopen.\n\n"
        "Envoy Rafe Dunmore said yesterday that talks would go on."
    )
    assert _dates(text) == [("2031-03-04", "own"), ("2031-03-05", "own")]


def test_a_published_line_and_a_date_only_line_date_the_page():
    for head in (
        "Published March 6, 2031",
        "Thursday, March 6, 2031",
        "By Staff Thursday, March 6, 2031",
    ):
        text = f"Border talks\n\n{head}\n\nMinister Sefa Lund said on Monday that talks went well."
        assert _dates(text) == [("2031-03-03", "own")], head


def test_last_updated_is_only_a_last_resort():
    text = (
        "Border talks\n\nLast Updated 03 May 2035\n\n(Published 6 March 2031)\n\n"
        "Minister Sefa Lund said on Monday that talks went well."
    )
    assert _dates(text) == [("2031-03-03", "own")]


def test_last_week_is_never_a_day():
    text = "Title\n\nMinister Sefa Lund said last week that the posts would stay."
    ((said_on, basis),) = _dates(text, date(2031, 3, 20))
    assert said_on == "2031-03" and basis == "own"


def test_a_statement_about_last_weeks_attack_is_dated_when_said():
    text = "Title\n\nEnvoy Rafe Dunmore on Wednesday condemned last week's attack on the post."
    assert _dates(text, date(2031, 3, 6)) == [("2031-03-05", "own")]


def test_a_future_weekday_counts_forward():
    text = (
        "Title\n\nThe Lakeport Institute for Peace said its review, slated for release on "
        "Tuesday, would show a fall in attacks."
    )
    (stmt,) = extract(text, date(2031, 3, 6)).statements
    assert stmt.said_on == "2031-03-06"  # said on the page's day, not on Tuesday's release
    from ingest.extraction import dates as D

    m = list(D.DATE_PHRASE.finditer("slated for release on Tuesday"))[-1]
    assert D.resolve(m, D.Ref(date(2031, 3, 6), "day")).day == date(2031, 3, 11)


def test_statements_without_a_clue_take_the_news_day_of_a_dated_page():
    text = (
        "Blast in Quetta\n\n"
        "At least nine people were killed in a blast on Saturday, a police officer said.\n\n"
        "Minister Sefa Lund condemned the blast."
    )
    assert _dates(text, date(2031, 3, 8)) == [("2031-03-08", "own"), ("2031-03-08", "news day")]


def test_a_monthly_report_speaks_the_month_after_its_period():
    text = (
        "Attacks fell in October\n\n"
        "The Pakistan Institute for Conflict and Security Studies recorded 41 attacks in "
        "October 2030, its monthly report said.\n\n"
        "The report found that 12 of them were in Balochistan."
    )
    assert {d for d, _ in _dates(text)} == {"2030-11"}


def test_pledges_are_the_speakers_own_commitments():
    assert is_pledge("We are going to keep working with Pakistan on the border.")
    assert is_pledge("The government will root out terrorism from the province.")
    assert is_pledge("We stand ready to provide assistance if asked.")
    assert is_pledge("There is no way we are going to allow bases on our soil.")
    assert not is_pledge("We appreciate Pakistan's pledge of full cooperation.")
    assert not is_pledge("The United States stands with the people of Pakistan.")
    assert not is_pledge("Militant groups continue to maintain ties across the border.")


def test_topic_cues_match_words_not_word_endings():
    assert "counter-IED" not in topics("Attacks intensified after the cell was identified.")
    assert "counter-IED" in topics("Work on counter-IED training will go on.")
    assert topics("We will keep our commitment on energy prices.") == []


def test_armed_groups_under_their_canonical_names():
    text = (
        "Title\n\n"
        "Officials said Fitna al-Khawarij and the Majeed Brigade of the BLA were behind the "
        "attacks, while Jaish-e-Mohammad and Lashkar-e-Taiba were not.\n\n"
        "Tehreek‑e‑Taliban Pakistan (with non-breaking hyphens) and al-Qa’ida were named too."
    )
    groups = extract(text, date(2031, 3, 6)).organizations
    assert {"TTP", "Majeed Brigade", "BLA", "Jaish-e-Mohammed", "Lashkar-e-Tayyiba"} <= set(groups)
    assert "al-Qaida" in groups


def test_a_single_attacks_toll_is_kept_with_its_source():
    text = (
        "Blast in Quetta\n\n"
        "At least sixteen people were killed and 30 injured in a blast on Saturday, a police "
        "officer said.\n\n"
        "The ISPR said the troops killed seven militants in the follow-up operation."
    )
    stats = {s.value: (s.metric, s.source) for s in extract(text, date(2031, 3, 8)).statistics}
    assert stats[16.0][1] == "police officer" and "killed" in stats[16.0][0]
    assert stats[30.0][0].endswith("injured")
    assert stats[7.0][1] == "ISPR"


def test_a_report_write_ups_figures_are_the_reports_wherever_they_stand():
    text = (
        "Violence falls\n\n"
        "The Center for Research and Security Studies released its report for the second "
        "quarter of 2030.\n\n"
        "It recorded 240 violent incidents in the quarter.\n\n"
        "Balochistan saw 61 attacks, and security forces lost 65 soldiers."
    )
    stats = {s.value: s.source for s in extract(text, date(2030, 7, 10)).statistics}
    assert stats[240.0] == stats[61.0] == stats[65.0] == "CRSS"


def test_tolls_listed_together_keep_each_figure_apart():
    text = (
        "Mosque bombing\n\n"
        "The bombing left at least 40 worshippers dead with over 120 injured, police said.\n\n"
        "A second blast in the north killed 11 guards and wounded nearly 1,500 people, "
        "officials said."
    )
    stats = {s.value: s.metric for s in extract(text, date(2031, 3, 8)).statistics}
    assert {40.0, 120.0, 11.0, 1500.0} <= set(stats)
    assert "injured" in stats[120.0] and "wounded" in stats[1500.0]


def test_a_weekday_counted_from_the_pages_own_day_beats_the_gazetteers_tenure():
    # The gazetteer's tenure for this spokesperson starts weeks later; the page's own day
    # and "on Thursday" are facts about the text, so the date stands.
    text = (
        "Weekly briefing\n\n"
        "Foreign Office Spokesperson Mohammad Faisal on Thursday said the border would reopen."
    )
    (stmt,) = extract(text, date(2017, 11, 9)).statements
    assert stmt.said_on == "2017-11-09"


def test_a_toll_given_as_the_number_of_dead_is_kept():
    text = (
        "Mosque blast\n\n"
        "The police chief said the number of dead in the bombing was 57, while the hospital "
        "gave the death toll as 61."
    )
    stats = {s.value for s in extract(text, date(2031, 1, 31)).statistics}
    assert {57.0, 61.0} <= stats


def test_a_closing_source_takes_the_day_its_sentence_gives():
    text = (
        "Bus blast\n\n"
        "China condemned on Wednesday a blast that killed 12 people, the Foreign Ministry said."
    )
    (stmt,) = extract(text, date(2031, 7, 17)).statements  # a Thursday
    assert stmt.speaker == "Ministry of Foreign Affairs of China"
    assert stmt.said_on == "2031-07-16"


def test_tolls_in_words_and_as_deaths_of_but_not_a_part_of_a_toll():
    text = (
        "Blasts\n\n"
        "The attack reportedly killed more than twenty pilgrims, officials said.\n\n"
        "The explosion caused the deaths of more than 70 villagers, police said.\n\n"
        "The van plunged off the road, killing all six on board, including five engineers, "
        "police said."
    )
    stats = {s.value: s.metric for s in extract(text, date(2031, 1, 1)).statistics}
    assert {20.0, 70.0, 6.0} <= set(stats)
    assert 5.0 not in stats  # "including five engineers" is part of the six


def test_a_day_after_a_closing_according_to_dates_the_lead():
    text = (
        "Restraint urged\n\n"
        "WASHINGTON: The United States asked both neighbours to keep their border calm and "
        "urged Kabul to act against armed groups, according to State Department Deputy "
        "Spokesperson Corin Abadi on Tuesday."
    )
    (lead,) = extract(text, date(2024, 3, 20)).statements  # a Wednesday
    assert (lead.speaker, lead.said_on) == ("Corin Abadi", "2024-03-19")


def test_an_armed_groups_claim_of_responsibility_is_no_statement():
    text = (
        "Highway attacks\n\n"
        "QUETTA: Gunmen struck three highways on Monday.\n\n"
        "In a message to reporters, BLA spokesman Tarik Rind said the group's fighters had "
        "attacked the convoys.\n\n"
        '"Our men carried out the raids," a TTP commander said.\n\n'
        "Home Minister Talal Rashid said the claim by the BLA spokesman was a lie meant to "
        "frighten travellers."
    )
    said = extract(text, date(2024, 8, 27)).statements
    assert [s.speaker for s in said] == ["Talal Rashid"]


def test_offers_of_support_and_announced_funding_are_pledges_a_reported_one_is_not():
    assert is_pledge("The ambassador offered her country's full assistance to the inquiry.")
    assert is_pledge("The envoy announced $12 million in new funding for bomb-disposal units.")
    assert not is_pledge("The envoy offered condolences to the bereaved families.")
    assert not is_pledge("She said Kabul had pledged to rein in the fighters.")
