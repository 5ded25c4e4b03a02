from datetime import date

from ingest.extraction import extract
from ingest.extraction.sentences import split_units
from ingest.extraction.statistics import statistics


def _stats(text, ref_year=2024):
    units = [(u.start, u.end, 0) for u in split_units(text, 0, len(text))]
    return statistics(text, units, ref_year)


def test_period_figures_carry_their_source_and_period():
    text = "The country saw 310 incidents in 2021, according to the South Asia Terrorism Portal."
    (stat,) = _stats(text)
    assert (stat.value, stat.source, stat.period, stat.metric) == (310, "SATP", "2021", "incidents")
    assert text[stat.start : stat.end].startswith("310")


def test_a_quarter_and_a_qualifier_are_recorded():
    text = "CRSS counted at least 512 fatalities in the first quarter of 2023."
    (stat,) = _stats(text)
    assert stat.period == "2023-Q1" and "(at least)" in stat.metric and stat.source == "CRSS"


def test_percentages_are_figures():
    (stat,) = _stats("The CRSS data show 64% of deaths in the third quarter of 2022.")
    assert stat.value == 64 and "(%)" in stat.metric


def test_a_single_attack_toll_is_not_a_statistic():
    assert _stats("A suicide bombing killed 14 people at a market last week.") == []


def test_the_next_sentence_inherits_the_source_when_it_refers_back():
    text = "PIPS recorded 90 attacks in 2022. The report also counted 140 deaths."
    assert [(s.value, s.source) for s in _stats(text)] == [(90, "PIPS"), (140, "PIPS")]


def test_this_year_with_months_is_a_month_range():
    (stat,) = _stats("This year, 40 soldiers were killed in the first three months.", 2023)
    assert stat.period == "2023-01/2023-03" and stat.source is None


def test_a_single_attack_toll_with_a_year_is_still_not_a_statistic():
    assert _stats("In 2031, a suicide attack on a market killed 15 people.") == []


def test_a_half_year_is_a_month_range():
    (stat,) = _stats("PICSS said attacks rose by 83 percent in the first half of 2030.")
    assert stat.period == "2030-01/2030-06" and stat.value == 83


def test_a_falling_percentage_is_a_negative_change():
    text = "PICSS recorded a 41 per cent drop in attacks in March 2024, and deaths declined by 12%."
    assert [s.value for s in _stats(text)] == [-41, -12]


def test_a_bare_number_set_against_a_period_takes_the_metric_named_before_it():
    text = (
        "PICSS reported a rise in militant attacks in 2024, from 61 in March to 77 in April, "
        "against 58 in the month of February."
    )
    found = {s.value: s.metric for s in _stats(text)}
    assert found == {61: "militant attacks", 77: "militant attacks", 58: "militant attacks"}


def test_a_monitors_write_up_keeps_figures_with_no_period_named():
    # The write-up names one monitor; its undated sentences still carry the monitor's figures.
    text = (
        "According to PICSS, attacks rose sharply.\n\n"
        "Militants killed 40 security personnel, while 61 civilians were injured."
    )
    units = [(u.start, u.end, i) for i, u in enumerate(split_units(text, 0, len(text)))]
    found = statistics(text, units, None)
    assert {(s.value, s.source) for s in found} == {(40, "PICSS"), (61, "PICSS")}


def test_a_compared_month_is_not_the_reported_one():
    text = (
        "The Karakoram Peace Observatory said militants staged 88 attacks in May, up from 61 "
        "in April, while 40 soldiers were killed. Civilian deaths fell by 9 percent, the "
        "observatory said."
    )
    got = {s.value: s.period for s in _stats(text)}
    assert got == {88: "2024-05", 61: "2024-04", 40: "2024-05", -9: "2024-05"}


def test_a_toll_the_police_give_is_theirs_and_dated_by_its_attack():
    text = (
        "Blast in Sibi\n\n"
        "SIBI: Police said at least seven people were killed and 11 injured when a bomb went "
        "off near a bus stand on Thursday."
    )
    tolls = {s.value: (s.source, s.period) for s in extract(text, date(2025, 2, 8)).statistics}
    assert tolls == {7: ("police", "2025-02-06"), 11: ("police", "2025-02-06")}
