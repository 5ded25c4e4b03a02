import datetime as dt
from datetime import date

import dateparser
import pytest

from ingest.extraction.dates import (
    DATE_PHRASE,
    Ref,
    Resolved,
    _complete_date,
    full_dates,
    infer_reference,
    resolve,
)
from ingest.extraction.types import DAY, MONTH, YEAR


def _resolve(phrase, ref):
    match = DATE_PHRASE.search(phrase)
    assert match is not None
    return resolve(match, ref)


def test_a_weekday_on_the_reference_day_is_that_same_day():
    got = _resolve("on Monday", Ref(date(2024, 5, 13), DAY))
    assert got.as_text() == "2024-05-13"


def test_an_earlier_weekday_goes_back_within_the_week():
    assert _resolve("Friday's talks", Ref(date(2024, 5, 13), DAY)).as_text() == "2024-05-10"


def test_a_month_and_day_take_the_most_recent_past_year():
    got = _resolve("for October 2", Ref(date(2024, 3, 1), DAY))
    assert got.as_text() == "2023-10-02" and got.inferred_year


def test_a_month_with_this_year_has_month_precision():
    got = _resolve("in April this year", Ref(date(2024, 5, 15), DAY))
    assert (got.as_text(), got.precision) == ("2024-04", MONTH)


def test_a_weekday_cannot_be_resolved_against_a_year_only_reference():
    assert _resolve("on Thursday", Ref(date(2024, 1, 1), YEAR)) is None


def test_earlier_this_year_gives_year_precision():
    got = _resolve("earlier this year", Ref(date(2023, 10, 2), DAY))
    assert (got.as_text(), got.precision) == ("2023", YEAR)


def test_full_dates_are_found_with_their_offsets():
    text = "Talks on March 3, 2021 and again on 4 June 2022."
    assert [d for _, d in full_dates(text)] == [date(2021, 3, 3), date(2022, 6, 4)]


def test_a_caption_date_is_the_preferred_reference():
    text = "Envoy at May 5, 2022 press briefing.\nBody mentions June 1, 2023 as well."
    assert infer_reference(text, [(0, 36)]) == Ref(date(2022, 5, 5), DAY)


def test_without_full_dates_the_latest_year_gives_a_weak_year_reference():
    ref = infer_reference("Attacks rose in the second quarter of 2024 after 2021.", [])
    assert ref.day.year == 2024 and ref.precision == YEAR and ref.weak


def test_no_dates_at_all_gives_no_reference():
    assert infer_reference("Nothing here mentions a time.", []) is None


@pytest.mark.parametrize(
    "phrase",
    ["May 5 2022", "May 5, 2022", "5 May 2022", "Sept. 30, 2021", "sep 3 1999", "FEB 29 2024"]
    + ["February 30 2022", "31 April 2023", "Feb 29 2023"],
)
def test_complete_dates_read_directly_agree_with_dateparser(phrase):
    settings = {"RELATIVE_BASE": dt.datetime(2000, 1, 1), "REQUIRE_PARTS": ["month"]}
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    assert _complete_date(phrase) == (parsed.date() if parsed else None)
    assert _complete_date("next Tuesday") is False and _complete_date("Maybe 5 2022") is False


def test_a_capitalised_relative_phrase_and_a_month_named_alone():
    ref = Ref(date(2024, 9, 25), DAY)
    assert _resolve("Last month", ref) == Resolved(date(2024, 8, 1), MONTH)
    assert _resolve("In August", ref) == Resolved(date(2024, 8, 1), MONTH, inferred_year=True)
    assert _resolve("in December", ref) == Resolved(
        date(2023, 12, 1), MONTH, inferred_year=True
    )  # the latest December
    assert _resolve("late May", ref) == Resolved(date(2024, 5, 1), MONTH, inferred_year=True)
