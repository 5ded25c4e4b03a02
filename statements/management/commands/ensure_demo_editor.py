import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create (once) a demo editor account for local use and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--password", default="editor-demo-password")
        parser.add_argument(
            "--address",
            default=os.environ.get("SITE_ADDRESS", "http://127.0.0.1:8000/"),
            help="where the site is served (make passes http://$(HOST):$(PORT)/)",
        )

    def handle(self, *args, username, password, address, **options):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name="editors"))
        state = "Created" if created else "Kept existing"
        self.stdout.write(
            f"{state} demo editor: sign in at {address.rstrip('/')}/admin/ as "
            f"{username!r} with password {password!r} (local demo only)."
        )
