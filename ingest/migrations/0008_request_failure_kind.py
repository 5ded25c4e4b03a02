from django.db import migrations, models

# How a failure's kind was told before it was stored: from the wording of its message (the
# rule of ingest.models.retry_can_help until this migration). Kept here, frozen, for the
# rows that failed before.
_PASSING_FAILURES = (
    "could not be fetched",
    "could not be found",
    "took longer than",
    "answered 408",
    "answered 429",
    "answered 5",
    "Stopped after",
)


def _passing(error):
    return any(marker in error for marker in _PASSING_FAILURES) or error.split(" ")[0].endswith(
        "Error:"
    )


def backfill(apps, schema_editor):
    """Give every failed fetch and upload with an error the kind its wording implied; a
    failure without an error keeps no kind (a retry is offered, as before)."""
    for name in ("UrlFetch", "FileUpload"):
        model = apps.get_model("ingest", name)
        failed = model.objects.filter(status="failed").exclude(error="")
        for pk, error in failed.values_list("pk", "error").iterator():
            kind = "transient" if _passing(error) else "permanent"
            model.objects.filter(pk=pk).update(failure_kind=kind)


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0007_sources"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model,
                name="failure_kind",
                field=models.CharField(
                    blank=True,
                    choices=[("transient", "Transient"), ("permanent", "Permanent")],
                    max_length=16,
                ),
            )
            for model in ("fileupload", "urlfetch")
        ),
        *(
            migrations.AlterField(
                model_name=model,
                name="duplicate",
                field=models.BooleanField(
                    default=False, help_text="The text was already stored from another source."
                ),
            )
            for model in ("fileupload", "urlfetch")
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
