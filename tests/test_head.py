"""Every page answers HEAD as it answers GET: same status, same headers, no body. The URLs come
from the resolver (as in test_roles), so a new page is checked the day it is added."""

from __future__ import annotations

import pytest

from tests.test_roles import POST_ONLY, SKIPPED, _client, objects, routes, url_for  # noqa: F401

pytestmark = pytest.mark.django_db

# Django's admin sends signed-in staff from its login page to its index on GET only; a HEAD gets
# the login page itself (200), which is harmless.
HEAD_SHOWS_THE_PAGE = {"admin:login"}


@pytest.mark.parametrize("role", ["anonymous", "editor", "admin"])
def test_every_page_answers_head_like_get(role, client, objects, roles):  # noqa: F811
    client = _client(role, client)
    wrong = []
    checked = 0
    for route in routes():
        if route.name in SKIPPED:
            continue
        url = url_for(route, objects)
        if route.name == "admin:autocomplete":
            url += "?app_label=statements&model_name=statement&field_name=speaker"
        got = client.get(url)
        _body(got)  # read to the end: a streamed export holds a cursor until then
        head = client.head(url)
        checked += 1
        if head.status_code >= 500 or (head.status_code == 405 and got.status_code != 405):
            wrong.append(f"{role} HEAD {url} ({route.name}): {head.status_code}")
        elif route.name in HEAD_SHOWS_THE_PAGE and head.status_code == 200:
            continue
        elif head.status_code != got.status_code:
            wrong.append(
                f"{role} HEAD {url} ({route.name}): {head.status_code}, GET {got.status_code}"
            )
        elif head.status_code == 405 and route.name not in POST_ONLY | {"logout", "admin:logout"}:
            wrong.append(f"{role} HEAD {url} ({route.name}): 405 for a page")
        elif head.get("Content-Type") != got.get("Content-Type"):
            wrong.append(f"{role} HEAD {url} ({route.name}): another content type")
        elif _body(head):
            wrong.append(f"{role} HEAD {url} ({route.name}): a body")
    assert checked > 20
    assert not wrong, "\n".join(wrong)


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
