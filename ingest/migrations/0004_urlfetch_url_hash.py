"""UrlFetch is keyed by a hash of its URL: a unique btree index on the URL itself cannot hold
a long non-ASCII address (PostgreSQL's index rows stop at about 2,700 bytes)."""

import hashlib

from django.db import migrations, models


def fill_hashes(apps, schema_editor):
    UrlFetch = apps.get_model("ingest", "UrlFetch")
    for fetch in UrlFetch.objects.only("pk", "url").iterator():
        digest = hashlib.sha256(fetch.url.encode("utf-8")).hexdigest()
        UrlFetch.objects.filter(pk=fetch.pk).update(url_hash=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0003_drop_statement_text_trigram"),
    ]

    operations = [
        migrations.AddField(
            model_name="urlfetch",
            name="url_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(fill_hashes, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="urlfetch",
            name="url_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.AlterField(
            model_name="urlfetch",
            name="url",
            field=models.URLField(max_length=2000),
        ),
    ]
