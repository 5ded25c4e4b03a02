"""The extractor's attack mentions, on invented reports in our own words (no database)."""

import datetime as dt

from ingest.extraction import extract
from tests import event_documents as D

FRIDAY = dt.date(2025, 6, 13)


def events(text: str, published: dt.date | None = FRIDAY):
    """The events of ``text`` under a headline (a document's first line is its title)."""
    return extract("Invented report\n\n" + text, published).events


def test_a_local_report_gives_kind_day_place_target_claim_and_tolls():
    (event,) = extract(D.LEDGER, D.PUBLISHED["LEDGER"]).events
    assert (event.kind, event.target) == ("suicide_bombing", "police")
    assert (event.occurred_on, event.date_precision) == ("2025-03-04", "day")  # "on Tuesday"
    assert (event.place, event.district, event.province, event.country) == (
        "Turbat",
        "Kech",
        "Balochistan",
        "PK",
    )
    assert (event.armed_group, event.group_basis) == ("BLA", "claimed")
    assert [(f.metric, f.value, f.qualifier, f.source) for f in event.figures] == [
        ("killed", 11, "at least", "officials"),
        ("injured", 19, "", "officials"),
    ]
    # The shutters of the bazaar are not about the attack.
    text = "Invented report\n\n" + D.LEDGER
    assert all("shutters" not in text[s:e] for s, e in event.mentions)


def test_last_week_is_known_to_the_month_and_no_date_is_unknown():
    text = "A bomb blast at a market in Bannu last week killed 7 people.\n"
    (event,) = events(text, dt.date(2025, 6, 13))
    assert (event.occurred_on, event.date_precision) == ("2025-06", "month")
    text = "A roadside bomb killed four soldiers in Kurram, officials said.\n"
    (event,) = events(text, dt.date(2025, 6, 13))
    assert (event.occurred_on, event.date_precision) == (None, "unknown")
    assert (event.district, event.target, event.kind) == ("Kurram", "security_forces", "bombing")


def test_a_hijacking_keeps_its_hostages_and_the_group_that_claimed_it():
    text = (
        "QUETTA: Gunmen hijacked a passenger train near Sibi on Tuesday and took more than 300 "
        "passengers hostage, railway officials said.\n\n"
        "The Balochistan Liberation Army said it had carried out the hijacking and claimed "
        "responsibility in a statement.\n"
    )
    (event,) = events(text)
    assert event.kind == "hijacking"
    assert (event.district, event.target) == ("Sibi", "civilians")
    assert [(f.metric, f.value, f.qualifier) for f in event.figures] == [
        ("hostages", 300, "more than")
    ]
    assert (event.armed_group, event.group_basis) == ("BLA", "claimed")


def test_an_army_press_release_gives_the_district_and_the_martyred_soldiers():
    text = (
        "RAWALPINDI: Five soldiers embraced martyrdom when terrorists attacked a check post in "
        "Mir Ali, North Waziristan, on Sunday, the ISPR said.\n"
    )
    (event,) = events(text)
    assert (event.place, event.district, event.province) == (
        "Mir Ali",
        "North Waziristan",
        "Khyber Pakhtunkhwa",
    )  # the dateline is the army's headquarters, not the attack's town
    assert (event.kind, event.target) == ("armed_assault", "security_forces")
    assert [(f.metric, f.value, f.source) for f in event.figures] == [("killed", 5, "ISPR")]
    assert event.occurred_on == "2025-06-08"


def test_another_blast_elsewhere_is_another_event_and_a_denial_names_no_group():
    text = (
        "A suicide bomber blew himself up near a mosque in Mastung on Friday, killing at least "
        "50 people.\n\n"
        "Hours later, another blast at a mosque in Hangu killed at least four worshippers.\n\n"
        "The TTP denied any involvement in the attack.\n"
    )
    first, second = events(text)
    assert (first.district, first.kind, first.target) == ("Mastung", "suicide_bombing", "worship")
    assert (second.district, second.province) == ("Hangu", "Khyber Pakhtunkhwa")
    assert [f.value for f in first.figures] == [50]
    assert [f.value for f in second.figures] == [4]
    assert first.armed_group is None and second.armed_group is None


def test_talk_of_attacks_in_general_and_period_statistics_are_no_event():
    text = (
        "Militants have vowed to launch more attacks across the country.\n\n"
        "At least 380 people were killed in 240 terrorist incidents in the second quarter.\n\n"
        "Most attacks on the security forces are carried out by the TTP, officials say.\n"
    )
    assert events(text) == []


def test_the_json_output_carries_the_events_beside_the_statistics():
    data = extract(D.WIRE, D.PUBLISHED["WIRE"]).as_dict()
    (event,) = data["events"]
    assert event["occurred_on"] == "2025-03-04"
    assert [f["value"] for f in event["figures"]] == [14, 23]
    assert all(D.WIRE[s:e] for s, e in event["mentions"])


def test_a_rising_toll_a_blame_and_a_kidnapping_are_read():
    text = (
        "At least 12 people were killed when a bomb ripped through a crowded market in Peshawar "
        "on Sunday.\n\n"
        "Police blamed the TTP for the attack.\n\n"
        "The toll from Sunday's blast rose to 15 on Tuesday, hospital officials said.\n\n"
        "Gunmen kidnapped seven policemen in Bannu on Monday.\n"
    )
    market, kidnapping = events(text)
    assert (market.kind, market.target, market.occurred_on) == (
        "bombing",
        "civilians",
        "2025-06-08",
    )
    assert (market.armed_group, market.group_basis) == ("TTP", "blamed")
    assert [(f.value, f.qualifier, f.source) for f in market.figures] == [
        (12, "at least", ""),
        (15, "", "hospital officials"),
    ]
    assert (kidnapping.kind, kidnapping.district, kidnapping.occurred_on) == (
        "kidnapping",
        "Bannu",
        "2025-06-09",
    )
    assert [(f.metric, f.value) for f in kidnapping.figures] == [("hostages", 7)]
