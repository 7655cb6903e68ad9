"""The production compose file is valid, and refuses to start without its secrets."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {"SECRET_KEY": "s" * 50, "POSTGRES_PASSWORD": "p" * 20, "ALLOWED_HOSTS": "praevention.example.de"}


def compose(*args, env):
    command = ["docker", "compose"] if _has_compose_plugin() else [shutil.which("docker-compose") or "docker-compose"]
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS}
    return subprocess.run(command + ["-f", str(ROOT / "docker-compose.yml"), *args], env={**clean, **env},
                          capture_output=True, text=True, cwd=ROOT)


def _has_compose_plugin():
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0


def test_compose_file_is_valid_with_its_secrets():
    result = compose("config", env=SECRETS)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    assert set(config["services"]) == {"migrate", "web", "db", "search", "cache"}
    assert set(config["volumes"]) == {"pgdata", "esdata", "media"}
    for name in ("web", "db", "search", "cache"):
        assert "healthcheck" in config["services"][name], name
    web = config["services"]["web"]["environment"]
    assert web["DJANGO_SETTINGS_MODULE"] == "kreissite.settings.production" and web["SEARCH_BACKEND"] == "elasticsearch"
    assert web["REDIS_URL"].startswith("redis://")


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_compose_refuses_to_start_without_a_secret(missing):
    result = compose("config", env={k: v for k, v in SECRETS.items() if k != missing})
    assert result.returncode != 0
    assert missing in result.stderr
