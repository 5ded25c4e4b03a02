"""The administrators group holds every permission, those of models added after the roles
migration included (item 11 of "Who may do what")."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.sql import emit_post_migrate_signal

pytestmark = pytest.mark.django_db


def _missing() -> set[str]:
    held = set(Group.objects.get(name="administrators").permissions.values_list("pk", flat=True))
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type").exclude(pk__in=held)
    }


def test_administrators_hold_every_permission_after_migrate():
    # The test database was made by `migrate`, as a site's is.
    assert Permission.objects.filter(content_type__app_label="ingest").exists()
    assert not _missing()


def test_a_model_added_later_is_granted_at_the_next_migrate():
    kind = ContentType.objects.create(app_label="ingest", model="laterthing")
    Permission.objects.create(content_type=kind, codename="view_laterthing", name="Can view")
    assert _missing() == {"ingest.view_laterthing"}
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert not _missing()


def test_the_group_is_not_created_when_the_roles_are_gone():
    Group.objects.filter(name="administrators").delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert not Group.objects.filter(name="administrators").exists()
