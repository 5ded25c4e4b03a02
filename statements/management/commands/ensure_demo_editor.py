from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create (once) a demo editor account for local use and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--password", default="editor-demo-password")

    def handle(self, *args, username, password, **options):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name="editors"))
        state = "Created" if created else "Kept existing"
        self.stdout.write(
            f"{state} demo editor: sign in at http://127.0.0.1:8000/admin/ as "
            f"{username!r} with password {password!r} (local demo only)."
        )
