"""`make run` and `make demo`: the sign-in hint gives the address really served, and the output
is quiet (progress lines only, no banners or warnings a newcomer cannot act on)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_the_demo_editor_hint_names_the_address_given(capsys):
    call_command("load_officials")  # the editors group
    call_command("ensure_demo_editor", "--address", "http://0.0.0.0:8123/")
    out = capsys.readouterr().out
    assert "sign in at http://0.0.0.0:8123/admin/" in out
    assert "8000" not in out


def test_make_passes_host_and_port_to_the_hint_and_quiets_the_demo():
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8123", "HOST=0.0.0.0", "VENV=/nonexistent"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "ensure_demo_editor --address http://0.0.0.0:8123/" in plan
    assert "runserver 0.0.0.0:8123" in plan
    for line in plan.splitlines():
        if "manage.py ingest " in line or "manage.py load_officials" in line:
            assert "LOG_LEVEL=${LOG_LEVEL:-WARNING}" in line


def test_no_axes_banner_at_start():
    assert settings.AXES_VERBOSE is False


def test_a_demo_command_prints_no_banner_no_warning_and_no_task_lines(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "true",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "CELERY_BROKER_URL": "",
    }
    run = [sys.executable, "manage.py"]
    subprocess.run([*run, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        (ROOT / "ingest/demo_corpus/manifest.jsonl")
        .read_text()
        .splitlines()[0]
        .replace('"file": "', f'"file": "{ROOT}/ingest/demo_corpus/')
        + "\n"
    )
    done = subprocess.run(
        [*run, "ingest", str(manifest)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    output = done.stdout + done.stderr
    assert "[1/1]" in output and "stored" in output, output
    for noise in ("AXES", "Task ingest.tasks", "No hostname", "WARNING", "W040"):
        assert noise not in output, output
