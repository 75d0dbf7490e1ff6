"""`PTW_PORT` picks the port `make run` serves on, and every local address PTW prints or encodes follows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptw.ops.tests.helpers import manage, run_env

SHOW = "from django.conf import settings as s; print(s.PTW_PUBLIC_URL)"


def settings_in(env: dict[str, str]) -> str:
    result = manage(env, "shell", "--no-imports", "-c", SHOW)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return run_env(tmp_path, PTW_ENV="development")


def test_public_url_follows_the_port(env: dict[str, str]) -> None:
    assert settings_in(env | {"PTW_PORT": "8123"}) == "http://127.0.0.1:8123"
    assert settings_in(env) == "http://127.0.0.1:8000"


def test_an_explicit_public_url_wins_over_the_port(env: dict[str, str]) -> None:
    assert settings_in(env | {"PTW_PORT": "8123", "PTW_PUBLIC_URL": "https://ptw.example/"}) == "https://ptw.example"


def test_status_checks_the_port_it_was_given(env: dict[str, str]) -> None:
    result = manage(env | {"PTW_PORT": "8123"}, "ptw_status", "--help")
    assert "$PTW_PORT" in result.stdout
    probe = manage(
        env | {"PTW_PORT": "8123"},
        "shell",
        "--no-imports",
        "-c",
        "from ptw.ops.management.commands.ptw_status import Command; "
        "p = Command().create_parser('manage.py', 'ptw_status'); print(p.parse_args([]).url)",
    )
    assert probe.stdout.strip() == "http://127.0.0.1:8123", probe.stderr


def test_a_port_that_is_not_a_number_is_refused(env: dict[str, str]) -> None:
    result = manage(env | {"PTW_PORT": "eighty"}, "shell", "--no-imports", "-c", SHOW)
    assert result.returncode != 0
    assert "PTW_PORT" in result.stderr
