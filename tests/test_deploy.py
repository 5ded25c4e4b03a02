"""Production settings are safe: `check --deploy` passes with .env.example's production values."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def _env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    # The test suite's own variables (e.g. DJANGO_ALLOW_ASYNC_UNSAFE for Playwright, the test
    # database) are not part of a deployment.
    unwanted = {*_env_example(), "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    return subprocess.run(
        [sys.executable, *argv],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return _run(["manage.py", *args], env)


def test_check_deploy_passes_with_the_production_example():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_env_example())
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**_env_example(), "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_web_server_refuses_to_start_without_a_secret_key():
    result = _run(["-c", "import config.wsgi"], {**_env_example(), "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_extractor_command_needs_no_production_settings(tmp_path):
    sample = tmp_path / "sample.txt"
    sample.write_text('"We met today," said Halvorsen.', encoding="utf-8")
    result = _manage("extract", str(sample), "--format", "json", env={"DEBUG": "false"})
    assert result.returncode == 0, result.stderr
    assert '"statements"' in result.stdout
