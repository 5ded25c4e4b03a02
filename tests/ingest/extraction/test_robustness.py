"""Hostile input never crashes the extractor, and every offset points at the text it claims."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extraction import extract

_PIECES = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "’",
        "\n",
        "\n\n",
        " said ",
        " he said",
        "MR PRICE: ",
        "QUESTION: ",
        "Spokesperson Ned Price",
        "the State Department",
        "according to ",
        " on Monday",
        "May 5, 2022",
        "TTP",
        "267 incidents in 2021",
        ". ",
        ", ",
        "پاکستان",
        "\x00",
        "\u200f",
        "Leave a Reply",
        "By Web Desk",
        "Islamabad maintains that ",
        "the Taliban's insistence that ",
        "—",
        "said:\n\n",
        "Answer: ",
        "SENIOR STATE DEPARTMENT OFFICIAL: ",
        "Begin Text:\n",
        "End Text.",
        "Joint Statement\nMedia Note\n",
        " (PIPS) said ",
        "in the first half of 2024",
        ", for his part,",
        "have concluded their talks, agreeing",
        "Friday's talks",
        "assurances from the Taliban that ",
    ]
)


def _check(text: str, published: date | None = None) -> None:
    result = extract(text, published)
    for s in result.statements:
        assert text[s.start : s.end] == s.text
        assert s.text.strip()
    for stat in result.statistics:
        assert 0 <= stat.start <= stat.end <= len(text)
    result.as_dict()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=40), st.booleans())
def test_any_mix_of_quotes_names_and_noise_extracts_with_exact_offsets(parts, dated):
    _check("".join(parts), date(2024, 5, 15) if dated else None)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(text):
    _check(text)


def test_empty_text_gives_an_empty_extraction():
    result = extract("")
    assert result.statements == [] and result.statistics == [] and result.title == ""


def test_a_megabyte_on_one_line_with_an_unbalanced_quote_finishes():
    text = "“Unbalanced start, the spokesperson said. " + "word " * 200_000
    _check(text)


def test_urdu_and_mixed_scripts_with_control_characters_are_handled():
    text = "پاکستان کی وزارت خارجہ\x07\nThe Foreign Office said on Monday that \u202etalks go on."
    _check(text, date(2024, 5, 13))


def test_a_megabyte_without_punctuation_stays_fast_enough():
    import time

    for text in ("he said " * 120_000, "“x, ” he said, “y" * 50_000, "Abc Def " * 120_000):
        start = time.perf_counter()
        _check(text)
        assert time.perf_counter() - start < 30


def test_thousands_of_statements_by_one_speaker_settle_in_linear_time():
    import time

    text = "12 incidents in 2021, according to the South Asia Terrorism Portal. " * 5_000
    start = time.perf_counter()
    result = extract(text)
    assert len(result.statements) == 5_000
    assert time.perf_counter() - start < 30
