from ingest.extraction.classify import about_pakistan, is_pledge, topics


def test_commitments_to_future_action_are_pledges():
    assert is_pledge("We will continue to work with our partners.")
    assert is_pledge("The two sides agreed to step up cooperation.")
    assert is_pledge("It reiterated its firm support for the effort.")
    assert is_pledge("They stand ready to help.")


def test_evaluations_and_stressing_importance_are_not_pledges():
    assert not is_pledge("Both recognize that a partnership will advance security.")
    assert not is_pledge("He stressed the importance of capacity building.")
    assert not is_pledge("Militant groups continue to maintain ties.")


def test_assurances_from_a_party_count_as_its_pledge():
    assert is_pledge("assurances from the rulers that the soil would not be used", True)


def test_topics_come_from_the_vocabulary_cues():
    got = topics("We discussed border security and terrorist financing, and offered condolences.")
    assert {"border security", "terrorist financing", "condolences"} <= set(got)


def test_about_pakistan_looks_at_the_text_and_the_question():
    assert about_pakistan("Attacks in Balochistan rose.")
    assert not about_pakistan("The weather was fine.")
    assert about_pakistan("We will help.", context="On Pakistan, will you help?")


def test_an_actor_committing_to_a_future_deed_is_a_pledge():
    assert is_pledge("The United States will provide training to border forces.")
    assert is_pledge("He assured the minister of continued cooperation.")
    assert not is_pledge("Its soil will not be used against any country.")


def test_commitments_in_the_passive_and_in_nouns_are_pledges():
    pledges = [
        "The crossing is shut for now and it will be reopened once the roads are cleared.",
        "Those who attack civilians will be denied any hiding place in the province.",
        "The brigade has been tasked to clear the valley of armed gangs.",
        "She expressed the government's determination to protect foreign engineers.",
        "He expressed his desire to work closely with the new administration.",
        "The minister warned the regime of strong retaliation for any attack.",
        "I assure the nation that the federation will back every province.",
        "We will not let the talks collapse.",
    ]
    for text in pledges:
        assert is_pledge(text), text


def test_forecasts_and_a_need_elsewhere_are_judged_sentence_by_sentence():
    assert not is_pledge("The meeting will be held in the capital next week.")
    assert not is_pledge("The old plan failed before, and it will not work this time either.")
    # a need stated in one sentence does not cancel a commitment in the next
    assert is_pledge("There is a need for calm. We will keep working with our partners.")
