"""Create the three roles: analysts read, editors upload and review, administrators do all."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = [
    "outlet",
    "document",
    "speaker",
    "speakeralias",
    "speakertenure",
    "statement",
    "topic",
    "armedgroup",
    "statistic",
    # Added with 0017_events (which grants them on databases migrated before): listed here
    # so that the roles fixture, which runs create_roles on today's models, grants them too.
    "event",
    "eventmention",
    "eventfigure",
    "reaction",
]
EDITOR_ACTIONS = ["view", "add", "change"]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="statements")

    def codenames(actions):
        return [f"{action}_{model}" for model in MODELS for action in actions]

    analysts, _ = Group.objects.get_or_create(name="analysts")
    analysts.permissions.set(perms.filter(codename__in=codenames(["view"])))
    editors, _ = Group.objects.get_or_create(name="editors")
    editors.permissions.set(perms.filter(codename__in=codenames(EDITOR_ACTIONS)))
    admins, _ = Group.objects.get_or_create(name="administrators")
    admins.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["analysts", "editors", "administrators"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
