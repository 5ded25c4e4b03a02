"""Who may run which admin action: the role matrix of tests/test_roles.py, for actions.

Policy: an action changes rows, so it needs a permission beyond viewing. A staff analyst (admin
access, read-only) runs none; editors run those that change the domain's rows (review,
merge, re-extract) but delete nothing; administrators and superusers run all. Every action
names the permission it needs, so a new one cannot fall through to "anyone who can see the
list". A refused action must leave every row as it was.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse

from ingest.models import Source
from statements.models import Document, Speaker, Statement
from tests.factories import SpeakerFactory, UserFactory
from tests.test_roles import objects  # noqa: F401  (the fixture: one row of every model)

pytestmark = pytest.mark.django_db

GROUP_OF = {"analyst": "analysts", "editor": "editors", "administrator": "administrators"}
ROLES = [*GROUP_OF, "superuser"]


def admin_actions() -> list[tuple[type, str, tuple[str, ...]]]:
    """Every action of every registered ModelAdmin, with the permissions it declares."""
    found = []
    for model, model_admin in admin.site._registry.items():
        for func, name, _description in model_admin._get_base_actions():
            found.append((model, name, tuple(getattr(func, "allowed_permissions", ()))))
    return sorted(found, key=lambda a: (a[0]._meta.label, a[1]))


ACTIONS = admin_actions()


def allowed(role: str, model: type, permissions: tuple[str, ...]) -> bool:
    if role in ("administrator", "superuser"):
        return True
    if role == "editor":  # the domain's rows, and the sources that feed it
        domain = model._meta.app_label == "statements" or model is Source
        return domain and "delete" not in permissions
    return False  # a staff analyst only reads


def _acting_user(role: str):
    if role == "superuser":
        return UserFactory(username="root", is_staff=True, is_superuser=True)
    user = UserFactory(username=f"staff-{role}", is_staff=True)
    user.groups.add(Group.objects.get(name=GROUP_OF[role]))
    return user


def _snapshot(model: type) -> tuple:
    """Everything an action could change: the model's rows, documents' and statements' state,
    and the admin's log."""
    return (
        list(model._default_manager.order_by("pk").values()),
        list(Document.objects.order_by("pk").values_list("pk", "status", "status_changed_at")),
        list(Statement.objects.order_by("pk").values_list("pk", "review_status", "speaker")),
        LogEntry.objects.count(),
    )


def test_every_admin_action_declares_the_permission_it_needs():
    undeclared = [f"{m._meta.label}: {name}" for m, name, perms in ACTIONS if not perms]
    assert not undeclared, "actions open to anyone who can see the list: " + ", ".join(undeclared)


def test_the_matrix_covers_the_actions_of_this_issue():
    names = {(model._meta.label, name) for model, name, _ in ACTIONS}
    assert {
        ("statements.Document", "reextract"),
        ("statements.Statement", "mark_verified"),
        ("statements.Speaker", "merge_speakers"),
        ("statements.Topic", "delete_selected"),
        ("ingest.Source", "poll_now"),
    } <= names


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "model, action, permissions",
    ACTIONS,
    ids=[f"{m._meta.label_lower}.{name}" for m, name, _ in ACTIONS],
)
def test_each_role_may_run_an_admin_action_only_as_the_policy_says(
    role,
    model,
    action,
    permissions,
    client,
    objects,  # noqa: F811
    roles,
):
    if model is Speaker:
        SpeakerFactory()  # a merge needs two
    user = _acting_user(role)
    client.force_login(user)
    # Every row but the acting user's own: the action may change any of them.
    rows = model._default_manager.exclude(pk=user.pk) if model is type(user) else None
    rows = rows if rows is not None else model._default_manager.all()
    selected = list(rows.values_list("pk", flat=True))
    assert selected, f"no {model._meta.label} to select: add one to the objects fixture"
    into = selected[0]
    before = _snapshot(model)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.post(
        url,
        {
            "action": action,
            "_selected_action": selected,
            "index": 0,
            "post": "yes",  # delete_selected's confirmation
            "apply": "1",  # merge_speakers' confirmation
            "into": into,
        },
    )
    # A refused action runs nothing: the admin shows the list again (or sends back to it)
    # and no row changes. One that ran changed rows or showed its own page (a confirmation,
    # the merge form, or the rows that protected relations keep from being deleted).
    changed = _snapshot(model) != before
    own_page = response.status_code == 200 and not any(
        t.name == "admin/change_list.html" for t in response.templates
    )
    ran = changed or own_page
    want = allowed(role, model, permissions)
    assert ran is want, (
        f"{role} {'could not' if want else 'could'} run {action} on {model._meta.label}"
    )
    if model in (Document, Statement) and want:
        assert changed, f"{action} did nothing for {role}"
