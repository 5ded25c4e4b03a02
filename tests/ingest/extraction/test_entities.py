from ingest.extraction.entities import armed_groups, places


def test_group_aliases_map_to_canonical_names():
    text = "Tehrik-i-Taliban Pakistan and the Islamic State Khorasan Province and al-Qaeda."
    assert armed_groups(text) == ["TTP", "ISIS-K", "al-Qaida"]


def test_the_taliban_alone_is_the_afghan_taliban_but_the_pakistani_taliban_is_ttp():
    assert armed_groups("the Pakistani Taliban struck") == ["TTP"]
    assert armed_groups("after the Taliban takeover") == ["Afghan Taliban"]


def test_bare_isis_counts_as_isis_k_only_near_afghanistan():
    assert armed_groups("ISIS hideouts in Afghanistan") == ["ISIS-K"]
    assert armed_groups("ISIS in Syria and Iraq") == []


def test_al_qaida_south_asia_affiliate_is_aqis():
    assert "AQIS" in armed_groups("al-Qaida and its South Asia affiliate keep ties")


def test_places_skip_capitals_used_as_governments_and_names_inside_organisations():
    text = "Islamabad maintains its view. Attacks in Quetta and Khyber Pakhtunkhwa rose."
    assert places(text) == ["Quetta", "Khyber Pakhtunkhwa"]
    assert places("The Government of Pakistan said") == []


def test_afghan_soil_counts_as_afghanistan():
    assert places("militants used Afghan soil") == ["Afghanistan"]


def test_pakistans_taliban_is_not_the_afghan_taliban_and_an_all_caps_is_is_no_group():
    assert armed_groups("Pakistan's Taliban attacked") == []
    assert armed_groups("PAKISTAN IS READY, AFGHANISTAN SAYS") == []
