"""No query string makes a public page answer a server error.

The filter form promises that an invalid value is dropped, never a 500. This property-based
test draws values for every filter and paging parameter (NULs, dates out of any range, reversed
ranges, cursors of the other order, long and non-Latin strings) and requests every page that
reads them, as the public and, for the admin's autocomplete, as an editor.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.statements import sample

pytestmark = pytest.mark.django_db

PARAMS = [
    "q",
    "speaker",
    "side",
    "topic",
    "group",
    "outlet",
    "kind",
    "pledges",
    "verified",
    "since",
    "until",
    "sort",
    "stack",
    "cursor",
    "page",
]
KNOWN = [
    "",
    "alex-morgan",
    "sara-qadir",
    "border-security",
    "ttp",
    "us",
    "pk",
    "joint",
    "relevance",
    "speaker",
    "on",
    "true",
    "1",
    "0",
    "-1",
]
EXTREMES = [
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "0024-05-10",
    "2024-02-30",
    "10000-01-01",
    "-2024-01-01",
    "r0.5_3",
    "rnan_3",
    "rinf_1",
    "r1e308_1",
    "none_1",
    "none_99999999999999999999",
    "9999-12-31_1",
    "0001-01-01_-1",
    "\x00",
    "a\x00b",
    "%00",
    "' OR 1=1 --",
    '"unterminated',
    "!&|:*",
    "<script>alert(1)</script>",
]
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat)
cursors = st.one_of(
    st.builds(lambda r, i: f"r{r!r}_{i}", st.floats(allow_nan=True), st.integers()),
    st.builds(lambda d, i: f"{d}_{i}", dates | st.just("none"), st.integers()),
)
values = st.one_of(
    st.sampled_from(KNOWN + EXTREMES),
    dates,
    cursors,
    st.integers().map(str),
    st.text(max_size=30),  # any code point, NUL included
    st.text(alphabet="ab\x00-_ 'é字", min_size=150, max_size=400),
)
query_strings = st.dictionaries(
    st.sampled_from(PARAMS), st.lists(values, min_size=1, max_size=3), max_size=8
).map(lambda params: urlencode(params, doseq=True))

PAGES = [
    "/",
    "/pledges/",
    "/context/",
    "/speakers/",
    "/speakers/alex-morgan/",
    "/documents/",
    "/export.csv",
    "/export.json",
    "/feed.atom",
]
RUN = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def corpus(db):
    return sample.build(months=4, per_month=2)


def _read(response) -> bytes:
    """The whole body: a streamed export fails, if at all, while it is read."""
    return b"".join(response.streaming_content) if response.streaming else response.content


# Each page whole, and the timeline's and the ledger's htmx fragments.
CASES = [(path, False) for path in PAGES] + [("/", True), ("/pledges/", True)]


# (Not called "page": that is the browser tests' fixture, which would pull this test in.)
@pytest.mark.parametrize(("path", "htmx"), CASES)
def test_no_query_string_makes_a_public_page_fail(client, corpus, path, htmx):
    headers = {"HX-Request": "true"} if htmx else {}

    @RUN
    @given(query=query_strings)
    def check(query: str) -> None:
        response = client.get(f"{path}?{query}", headers=headers)
        _read(response)
        assert response.status_code < 500, query

    check()


AUTOCOMPLETE = [
    ("statements", "statement", "speaker"),
    ("statements", "statement", "document"),
    ("statements", "statement", "canonical"),
    ("statements", "document", "outlet"),
    ("statements", "statistic", "document"),
]


@pytest.mark.parametrize(("app_label", "model_name", "field_name"), AUTOCOMPLETE)
def test_no_search_term_makes_the_admin_autocomplete_fail(
    client, corpus, editor, app_label, model_name, field_name
):
    client.force_login(editor)

    @RUN
    @given(term=values, page_number=values)
    def check(term: str, page_number: str) -> None:
        query = urlencode(
            {
                "app_label": app_label,
                "model_name": model_name,
                "field_name": field_name,
                "term": term,
                "page": page_number,
            }
        )
        response = client.get(f"/admin/autocomplete/?{query}")
        assert response.status_code < 500, query

    check()


@pytest.mark.parametrize(
    "query",
    [
        "until=9999-12-31",
        "since=9999-12-31&until=0001-01-01",
        "since=0001-01-01&until=9999-12-31",
        "since=2100-12-31&until=1900-01-01",
        "cursor=r0.5_3",
        "sort=relevance&q=border&cursor=2024-01-01_3",
        "cursor=none_99999999999999999999",
        "topic=%00",
        "speaker=%00",
        "group=a%00b",
    ],
)
def test_the_query_strings_reported_to_fail_are_answered(client, corpus, editor, query):
    for path in PAGES:
        response = client.get(f"{path}?{query}")
        _read(response)
        assert response.status_code == 200, (path, query)
    client.force_login(editor)  # the admin's own search takes the same characters
    response = client.get(f"/admin/statements/statement/?{query.replace('topic', 'q')}")
    assert response.status_code in (200, 302), query


@pytest.mark.parametrize(
    ("query", "label"),
    [("until=9999-12-31", "To"), ("since=0024-05-10", "From"), ("topic=%00", "Topic")],
)
def test_a_dropped_value_is_named_on_the_page(client, corpus, query, label):
    body = client.get(f"/?{query}").content.decode()
    assert f"Ignored: {label} (not understood)." in body


@pytest.mark.parametrize(
    "query",
    [
        "said_on__year=9999",
        "said_on__year=9999&said_on__month=12",
        "said_on__year=9999&said_on__month=12&said_on__day=31",
        "said_on__year=0",
        "said_on__year=2024&said_on__month=13",
        "uploaded_at__year=9999",
        "q=%00",
    ],
)
def test_no_date_drill_down_makes_an_admin_list_fail(client, editor, query):
    client.force_login(editor)
    for model in ("statement", "document"):
        response = client.get(f"/admin/statements/{model}/?{query}")
        assert response.status_code in (200, 302), (model, query)
