"""Settings come from the environment; DEBUG is off unless the dev settings turn it on; production refuses
to start without a real secret and its host names."""

import os
import subprocess
import sys

import pytest

CHECK = [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"]
PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "praevention.example.de"}


def run_with(module, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS"}
    }
    environment.update(DJANGO_SETTINGS_MODULE=f"kreissite.settings.{module}", **env)
    return subprocess.run(CHECK, env=environment, capture_output=True, text=True)


def test_local_defaults_need_no_environment():
    result = run_with("dev")
    assert result.returncode == 0 and result.stdout.strip() == "True"


@pytest.mark.parametrize("module", ["base", "test"])
def test_debug_is_off_unless_the_dev_settings_turn_it_on(module):
    result = run_with(module, DEBUG="true")
    assert result.returncode == 0 and result.stdout.strip() == "False"


@pytest.mark.parametrize("secret", [None, "short", "dev-only-insecure-key-do-not-use-in-production"])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    env = {"ALLOWED_HOSTS": PRODUCTION["ALLOWED_HOSTS"]} | ({"SECRET_KEY": secret} if secret else {})
    result = run_with("production", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with("production", SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name" in result.stderr


def test_production_starts_with_its_secrets_and_debug_off():
    result = run_with("production", DEBUG="true", **PRODUCTION)
    assert result.returncode == 0 and result.stdout.strip() == "False"


def test_unknown_search_backend_is_refused():
    result = run_with("dev", SEARCH_BACKEND="solr")
    assert result.returncode != 0 and "SEARCH_BACKEND" in result.stderr
