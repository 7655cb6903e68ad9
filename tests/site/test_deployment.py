"""The production compose file is valid, refuses to start without its secrets, runs every scheduled job and
gives the web and scheduler containers the same mail and proxy settings."""

import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {"SECRET_KEY": "s" * 50, "POSTGRES_PASSWORD": "p" * 20, "ALLOWED_HOSTS": "praevention.example.de"}


def compose(*args, env):
    command = ["docker", "compose"] if _has_compose_plugin() else [shutil.which("docker-compose") or "docker-compose"]
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS}
    return subprocess.run(
        command + ["-f", str(ROOT / "docker-compose.yml"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def _has_compose_plugin():
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0


def test_compose_file_is_valid_with_its_secrets():
    result = compose("config", env=SECRETS)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    assert set(config["services"]) == {"migrate", "web", "scheduler", "db", "search", "cache"}
    assert set(config["volumes"]) == {"pgdata", "esdata", "media", "backups"}
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


# -- the scheduler, mail and proxy trust (issue 19) ----------------------------------------------------------------

OPERATOR = {
    **SECRETS,
    "EMAIL_URL": "smtp+tls://kreis:geheim@mail.example.de:587",
    "PUBLIC_BASE_URL": "https://praevention.example.de",
    "FORWARDED_ALLOW_IPS": "172.31.240.1",
}
MAIL_AND_PROXY = (
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "FACHSTELLE_EMAIL",
    "PUBLIC_BASE_URL",
    "FORWARDED_ALLOW_IPS",
    "TRUSTED_PROXY_COUNT",
)
TIMER_WORDS = re.compile(r"timer|scheduler|zeitplan|daily|nightly|täglich|every (minute|few minutes|day)", re.I)


def services(env=OPERATOR):
    result = compose("config", env=env)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"]


def test_the_scheduler_runs_on_the_web_image_after_migrations():
    config = services()
    scheduler, web = config["scheduler"], config["web"]
    assert scheduler["command"] == ["python", "manage.py", "run_scheduler"]
    assert scheduler["image"] == web["image"] and scheduler["build"] == web["build"]
    assert scheduler["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "deploy" not in scheduler or scheduler["deploy"].get("replicas", 1) == 1  # exactly one scheduler
    assert any(volume.startswith("backups:/data/backups") for volume in scheduler["volumes"])


def test_mail_and_proxy_settings_reach_web_and_scheduler():
    config = services()
    for name in ("web", "scheduler"):
        environment = config[name]["environment"]
        for variable in MAIL_AND_PROXY:
            assert variable in environment, (name, variable)
        assert environment["EMAIL_URL"] == OPERATOR["EMAIL_URL"]
        assert environment["PUBLIC_BASE_URL"] == OPERATOR["PUBLIC_BASE_URL"]
        assert environment["FORWARDED_ALLOW_IPS"] != "*"


def test_the_default_trusted_proxy_is_the_networks_gateway():
    """The proxy on the host reaches the published port from the compose network's gateway; that, and no other
    address, is trusted by default."""
    result = compose("config", env=SECRETS)
    config = yaml.safe_load(result.stdout)
    subnet = ipaddress.ip_network(config["networks"]["default"]["ipam"]["config"][0]["subnet"])
    trusted = config["services"]["web"]["environment"]["FORWARDED_ALLOW_IPS"]
    assert [ipaddress.ip_address(a) for a in trusted.split(",")] == [next(subnet.hosts())]
    for port in config["services"]["web"]["ports"]:
        assert str(port).startswith("127.0.0.1:") or port.get("host_ip") == "127.0.0.1"


def gunicorn_settings(**env):
    code = (
        "import runpy, json; s = runpy.run_path('gunicorn.conf.py'); "
        "print(json.dumps({k: s[k] for k in ('bind', 'forwarded_allow_ips')}))"
    )
    clean = {k: v for k, v in os.environ.items() if k != "FORWARDED_ALLOW_IPS"}
    return subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, cwd=ROOT)


def test_gunicorn_trusts_forwarded_headers_only_from_forwarded_allow_ips():
    result = gunicorn_settings(FORWARDED_ALLOW_IPS="172.31.240.1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["forwarded_allow_ips"] == "172.31.240.1"
    refused = gunicorn_settings(FORWARDED_ALLOW_IPS="*")
    assert refused.returncode != 0 and "FORWARDED_ALLOW_IPS" in refused.stderr
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--forwarded-allow-ips" not in dockerfile  # the image's command leaves it to gunicorn.conf.py


def timer_paragraph_commands():
    """`manage.py NAME` named in a README or docs paragraph (or list item) that speaks of timers or schedules."""
    named = {}
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for paragraph in re.split(r"\n\s*\n|\n(?=\s*(?:\d+\.|-) )", path.read_text()):  # paragraphs, list items
            if TIMER_WORDS.search(paragraph):
                for name in re.findall(r"manage\.py (\w+)", paragraph):
                    named.setdefault(name, path.name)
    named.pop("run_scheduler", None)  # the scheduler itself
    return named


def test_every_job_the_docs_call_timed_has_a_schedule():
    from operations.schedule import JOBS

    named = timer_paragraph_commands()
    assert {"publish_scheduled", "remind_reviews", "sync_search_index"} <= set(named)  # the scan finds them
    scheduled = {job.name for job in JOBS}
    assert set(named) <= scheduled, {name: named[name] for name in set(named) - scheduled}


def test_the_operations_guide_lists_every_job_with_its_schedule():
    from operations.schedule import JOBS

    text = (ROOT / "docs" / "operations.md").read_text().split("## Scheduled jobs", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| `([^`]+)` \|", text, re.M))
    assert rows == {job.name: job.cron for job in JOBS}
