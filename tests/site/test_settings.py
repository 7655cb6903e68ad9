"""Settings come from the environment; production refuses to start without a real secret."""

import os
import subprocess
import sys

import pytest

CHECK = [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"]


def run_with(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE="kreissite.settings.base", **env)
    return subprocess.run(CHECK, env=environment, capture_output=True, text=True)


def test_local_defaults_need_no_environment():
    result = run_with()
    assert result.returncode == 0 and result.stdout.strip() == "True"


@pytest.mark.parametrize("secret", [None, "short", "dev-only-insecure-key-do-not-use-in-production"])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    env = {"DEBUG": "false"} | ({"SECRET_KEY": secret} if secret else {})
    result = run_with(**env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = run_with(DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode == 0 and result.stdout.strip() == "False"


def test_unknown_search_backend_is_refused():
    result = run_with(SEARCH_BACKEND="solr")
    assert result.returncode != 0 and "SEARCH_BACKEND" in result.stderr
