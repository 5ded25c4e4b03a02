"""Item 14 of "Who may do what": a Content-Security-Policy that every page keeps to, and no
Server-Timing unless asked for. (The Server banner is gunicorn's: tests/test_server_headers.py.)"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.test_roles import POST_ONLY, SKIPPED, objects, routes, url_for  # noqa: F401

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def test_pages_carry_a_policy_of_this_site_and_the_chart_file_only(client, settings):
    csp = policy(client.get(reverse("statements:timeline")))
    assert csp["default-src"] == ["'self'"]
    # Chart.js by its exact address, which its <script> pins by integrity as well.
    assert csp["script-src"] == ["'self'", settings.CHARTJS_URL]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    everything = " ".join(value for values in csp.values() for value in values)
    for loophole in ("'unsafe-inline'", "'unsafe-eval'", "*", "https:", "http:"):
        assert loophole not in everything.split()


def test_the_chart_script_names_its_integrity(client, settings):
    from tests.statements import sample

    sample.build(months=2, per_month=1)
    page = client.get(reverse("statements:timeline")).content.decode()
    assert f'src="{settings.CHARTJS_URL}" integrity="{settings.CHARTJS_INTEGRITY}"' in page


class _Inline(HTMLParser):
    """What a policy without 'unsafe-inline' would block: inline scripts, styles, handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and "src" not in named and named.get("type") != "application/json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def test_no_page_has_inline_script_style_or_handler(client: Client, objects, roles):  # noqa: F811
    """Every page of the project, the admin's included, as a superuser sees it."""
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    found = []
    for route in routes():
        if route.name in SKIPPED or route.name in POST_ONLY:
            continue
        url = url_for(route, objects)
        if route.name == "admin:autocomplete":
            continue  # JSON
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Inline()
        parser.feed(response.content.decode())
        found += [f"{url}: {what}" for what in parser.found]
    assert not found, "\n".join(found)


def test_no_server_timing_unless_asked_for(client, settings):
    settings.SERVER_TIMING = False
    assert "Server-Timing" not in client.get(reverse("statements:timeline"))
    assert "Server-Timing" not in client.get(reverse("health"))


def test_server_timing_when_asked_for(client, settings):
    settings.SERVER_TIMING = True
    assert client.get(reverse("health"))["Server-Timing"].startswith("app;dur=")


def test_production_settings_do_not_ask_for_server_timing():
    from tests.test_deploy import _env_example, _run

    code = "from django.conf import settings; print(settings.SERVER_TIMING)"
    env = {**_env_example(), "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = _run(["-c", f"import django; django.setup(); {code}"], env)
    assert result.stdout.strip() == "False", result.stderr
