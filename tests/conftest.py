import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from tests.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# live server and fixtures are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
DEMO_CORPUS = ROOT / "ingest" / "demo_corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Each test rolls its data back; cached aggregates must not outlive it.
    cache.clear()


@pytest.fixture
def analyst(db):
    user = UserFactory(username="analyst")
    user.groups.add(Group.objects.get(name="analysts"))
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def demo_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(DEMO_CORPUS.glob("*.txt"))}


@pytest.fixture
def roles(db):
    """The three groups with their permissions, also in transactional tests, whose flush empties
    the tables a data migration filled. Request it before the user fixtures."""
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    # create_roles is written for a migration's historical apps, whose models_module it sets
    # and clears; the real registry's must be put back, or Django stops sending post_migrate
    # to those apps for the rest of the session.
    modules = {config: config.models_module for config in apps.get_app_configs()}
    try:
        importlib.import_module("statements.migrations.0002_roles").create_roles(apps, None)
    finally:
        for config, module in modules.items():
            config.models_module = module
