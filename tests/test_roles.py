"""Who may open what: every URL of the project, for anonymous visitors, analysts, editors and
administrators. The URLs come from the resolver, so a new page fails here until it has a rule.

Policy: reading the dashboard is open (or needs a sign-in with READ_REQUIRES_LOGIN); uploading,
following and retrying documents needs the editors' permissions; the admin is for staff, and
editors may view, add and change the domain's rows but not delete them or touch accounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ingest.models import FileUpload, Source, UrlFetch
from statements.alerts import unsubscribe_token
from statements.models import (
    ArmedGroup,
    Document,
    Event,
    EventFigure,
    EventMention,
    Reaction,
    SavedSearch,
    SpeakerAlias,
    SpeakerTenure,
    Statistic,
    Topic,
)
from tests.factories import (
    DocumentFactory,
    OutletFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "analyst", "editor", "admin"]
OK, REDIRECT, LOGIN, ADMIN_LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = (
    "200",
    "redirect",
    "login",
    "admin login",
    "403",
    "404",
    "405",
)
# Views that change something answer POST only; the matrix posts to them.
POST_ONLY = {
    "ingest:document_retry",
    "ingest:document_correct",
    "ingest:fetch_retry",
    "ingest:file_upload_retry",
    "admin:ingest_source_poll",
    "statements:alert_save",
    "statements:alert_delete",
}
# The admin's own unnamed catch-alls and redirects, not pages.
SKIPPED = {"admin:?"}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str


def routes(patterns=None, namespace: str = "", prefix: str = "") -> Iterator[Route]:
    """Every URL pattern in the project, with its namespaced name."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace or ""
            yield from routes(
                entry.url_patterns,
                inner if entry.namespace else namespace,
                prefix + str(entry.pattern),
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name or '?'}" if namespace else entry.name or "?"
            yield Route(name, prefix + str(entry.pattern))


_access = {"user_agent": "test", "http_accept": "*/*", "path_info": "/accounts/login/"}


@pytest.fixture
def objects(db) -> dict:
    """One row of every model, so every detail page has something to show."""
    document = DocumentFactory(outlet=OutletFactory())
    statement = StatementFactory(document=document)
    statement.topics.add(TopicFactory())
    speaker = statement.speaker
    # Two events, each mentioned once: the admin's merge needs two, the split one mention.
    events = [
        Event.objects.create(name=f"Quetta bombing {n}", slug=f"quetta-bombing-{n}") for n in (1, 2)
    ]
    mentions = [
        EventMention.objects.create(event=e, document=document, start=n, end=n + 5)
        for n, e in enumerate(events)
    ]
    return {
        "event": events[0],
        "eventmention": mentions[0],
        "eventfigure": EventFigure.objects.create(
            event=events[0], document=document, metric="killed", value=3, start=0, end=9
        ),
        "reaction": Reaction.objects.create(statement=statement, event=events[0], basis="condemns"),
        "document": document,
        "statement": statement,
        "speaker": speaker,
        "outlet": document.outlet,
        "topic": Topic.objects.get(),
        "armedgroup": ArmedGroup.objects.create(short_name="TTP", slug="ttp"),
        "statistic": Statistic.objects.create(document=document, metric="attacks", value=3),
        "speakeralias": SpeakerAlias.objects.create(speaker=speaker, alias="The spokesperson"),
        "speakertenure": SpeakerTenure.objects.create(speaker=speaker, role="Spokesperson"),
        "urlfetch": UrlFetch.objects.create(url="https://example.com/a", status="failed"),
        "fileupload": FileUpload.objects.create(name="a.pdf", data=b"%PDF-", status="failed"),
        "source": Source.objects.create(name="A feed", url="https://example.com/feed.xml"),
        "user": UserFactory(username="someone"),
        "group": Group.objects.get(name="analysts"),
        # Sign-in throttling's records (django-axes), which administrators may read and clear.
        "accessattempt": AccessAttempt.objects.create(
            username="someone", ip_address="192.0.2.7", failures_since_start=2, **_access
        ),
        "accesslog": AccessLog.objects.create(username="someone", **_access),
        "accessfailurelog": AccessFailureLog.objects.create(username="someone", **_access),
        # Someone else's saved search: nobody else may delete it; its links need no sign-in.
        "alert": SavedSearch.objects.create(user=UserFactory(username="someone"), name="Theirs"),
    }


def _model_for(name: str, objects: dict):
    """The object a URL name is about: the admin's <app>_<model>_<view>, or a model named in it."""
    admin_view = re.fullmatch(r"admin:([a-z]+)_([a-z]+)_\w+", name)
    if admin_view:
        return objects.get(admin_view[2])
    short = name.split(":")[-1].replace("_", "").replace("fetch", "urlfetch")
    found = [key for key in objects if key in short]
    return objects[max(found, key=len)] if found else None


def url_for(route: Route, objects: dict) -> str:
    """A concrete URL for a pattern, with arguments taken from ``objects``."""
    keys = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route.pattern)
    names = [a or b for a, b in keys]
    if not names:
        return reverse(route.name)
    special = {
        "admin:app_list": {"app_label": "statements"},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(Document).pk,
            "object_id": objects["document"].pk,
        },
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "statements:alert_unsubscribe": {"token": unsubscribe_token(objects["alert"])},
        "statements:alert_feed": {"token": objects["alert"].feed_token},
    }
    if route.name in special:
        return reverse(route.name, kwargs=special[route.name])
    target = _model_for(route.name, objects)
    if target is None:
        raise LookupError(f"no object for {route.name} ({route.pattern}): add one to the matrix")
    values = {"pk": target.pk, "object_id": target.pk, "id": target.pk}
    values["slug"] = getattr(target, "slug", None)
    return reverse(route.name, kwargs={name: values[name] for name in names})


def expected(name: str, role: str, *, read_requires_login: bool = False) -> str:
    """What ``role`` should get from the page called ``name``."""
    signed_in = role != "anonymous"
    if name in ("statements:review", "statements:review_statement"):
        return OK if role in ("editor", "admin") else ADMIN_LOGIN  # the editors' review queue
    if name in ("statements:alert_unsubscribe", "statements:alert_feed"):
        return OK  # the signed link or the feed's secret token is the key: no sign-in
    if name == "statements:alerts":
        return OK if signed_in else LOGIN  # My alerts: one's own saved searches
    if name == "statements:alert_save":
        return "400" if signed_in else LOGIN  # the matrix posts no filters and no frequency
    if name == "statements:alert_delete":
        return NOT_FOUND if signed_in else LOGIN  # someone else's saved search
    if name.startswith("statements:"):
        return LOGIN if read_requires_login and not signed_in else OK
    if name == "health":
        return OK
    if name.startswith("ingest:"):
        if not signed_in:
            return LOGIN
        if role == "analyst":
            return FORBIDDEN
        return REDIRECT if name in POST_ONLY else OK
    if name.startswith("admin:"):
        return _expected_in_admin(name.split(":", 1)[1], role)
    return _expected_for_accounts(name, signed_in)


def _expected_in_admin(view: str, role: str) -> str:
    staff = role in ("editor", "admin")
    if view == "login":
        return REDIRECT if staff else OK
    if view == "logout":
        return NOT_ALLOWED if staff else REDIRECT  # POST only, for staff
    if not staff:
        return ADMIN_LOGIN
    if view == "view_on_site":
        return REDIRECT
    if view in ("index", "jsi18n", "password_change", "password_change_done", "app_list"):
        return OK
    if view == "autocomplete":
        return OK
    if view == "ingest_source_poll":
        return REDIRECT  # editors poll a source now, and come back to its page
    match = re.fullmatch(
        r"(\w+?)_(\w+?)_(changelist|add|change|history|delete|password_change)", view
    )
    if match is None:
        raise LookupError(f"no rule for admin:{view}")
    app, model, action = match.groups()
    if app == "ingest" and model in ("urlfetch", "fileupload") and action == "add":
        return FORBIDDEN  # the workers write these rows; nobody adds them by hand
    if (app, model, action) == ("statements", "eventmention", "add"):
        return FORBIDDEN  # the extractor finds mentions in documents; nobody adds them by hand
    if (app, action) == ("axes", "add"):
        return FORBIDDEN  # sign-ins write these rows; nobody adds them by hand
    if role == "admin":
        return OK
    if (app, model) == ("ingest", "source"):
        return OK if action != "delete" else FORBIDDEN  # editors manage sources
    return OK if app == "statements" and action != "delete" else FORBIDDEN


def _expected_for_accounts(name: str, signed_in: bool) -> str:
    if name == "login":
        return OK
    if name == "logout":
        return NOT_ALLOWED  # POST only
    if name in ("password_change", "password_change_done"):
        return OK if signed_in else LOGIN
    if name.startswith("password_reset"):
        return OK
    raise LookupError(f"no rule for {name}")


def outcome(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        if location.startswith(reverse("login")):
            return LOGIN
        return REDIRECT
    return {200: OK, 403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED}.get(
        response.status_code, str(response.status_code)
    )


def _client(role: str, client: Client) -> Client:
    if role == "anonymous":
        return client
    if role == "admin":
        user = UserFactory(username="admin", is_staff=True, is_superuser=True)
    else:
        user = UserFactory(username=role, is_staff=role == "editor")
        user.groups.add(Group.objects.get(name=f"{role}s"))
    client.force_login(user)
    return client


def _matrix(role: str, client: Client, objects: dict, **policy) -> list[str]:
    client = _client(role, client)
    wrong = []
    for route in routes():
        if route.name in SKIPPED:
            continue
        try:
            url = url_for(route, objects)
            want = expected(route.name, role, **policy)
        except LookupError as error:
            wrong.append(str(error))
            continue
        if route.name == "admin:autocomplete":
            url += "?app_label=statements&model_name=statement&field_name=speaker"
        send = client.post if route.name in POST_ONLY else client.get
        got = outcome(send(url))
        if got != want:
            wrong.append(f"{role} {send.__name__.upper()} {url} ({route.name}): {got}, not {want}")
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_policy_says(role, client, objects, roles):
    wrong = _matrix(role, client, objects)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ["anonymous", "analyst"])
def test_reading_needs_a_sign_in_when_the_setting_says_so(role, client, objects, settings):
    settings.READ_REQUIRES_LOGIN = True
    wrong = _matrix(role, client, objects, read_requires_login=True)
    assert not wrong, "\n".join(wrong)


def test_the_matrix_covers_the_pages_this_issue_added():
    names = {route.name for route in routes()}
    assert {"ingest:upload", "ingest:document", "ingest:document_retry", "ingest:fetch"} <= names
    assert {"statements:timeline", "statements:document", "admin:index"} <= names
    # Issue 16's pages: the events, one event, the reactions table, their exports and feed.
    assert {
        "statements:events",
        "statements:event",
        "statements:reactions",
        "statements:events_csv",
        "statements:events_json",
        "statements:events_feed",
        "statements:reactions_csv",
        "statements:reactions_json",
    } <= names


@pytest.mark.parametrize(
    "role, shown", [("anonymous", False), ("analyst", False), ("editor", True)]
)
def test_only_editors_see_the_upload_link(role, shown, client, objects):
    page = _client(role, client).get(reverse("statements:timeline"))
    assert (reverse("ingest:upload").encode() in page.content) is shown


def test_the_roles_exist_with_the_permissions_the_policy_relies_on(db):
    editors = {p.codename for p in Group.objects.get(name="editors").permissions.all()}
    analysts = {p.codename for p in Group.objects.get(name="analysts").permissions.all()}
    assert {"add_document", "change_document", "change_statement", "change_speaker"} <= editors
    assert not any(code.startswith("delete_") for code in editors)
    assert analysts == {code for code in analysts if code.startswith("view_")}
    assert "add_document" not in analysts
