"""The start-up guard, `ptw_status` and the readiness endpoint agree on a drifted deployment.

Each test runs the real processes (gunicorn, the Celery worker, manage.py) in production mode
against a database and UI build of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ptw.ops.tests.helpers import BACKEND, BIN, free_port, make_ui, manage, migrated_database, run_env

PENDING = "sessions.0001_initial"


@pytest.fixture(scope="session")
def migrated_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("migrated")


@pytest.fixture
def deployment(tmp_path: Path, migrated_cache: Path) -> Path:
    """A healthy production deployment: migrated database, fresh UI build."""
    make_ui(tmp_path)
    migrated_database(migrated_cache, tmp_path / "ptw.sqlite3")
    return tmp_path


def unapply_one_migration(env: dict[str, str]) -> None:
    result = manage(env | {"PTW_ENV": "development"}, "migrate", "sessions", "zero", "--no-input")
    assert result.returncode == 0, result.stderr


def make_stale(root: Path) -> None:
    (root / "frontend" / "src" / "main.tsx").write_text("export const answer = 43;\n")


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(url: str, seconds: float = 90) -> httpx.Response:
    """The first answer: a loaded machine (the tests run in parallel) may take seconds to import and check."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(url, timeout=15)
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_web_server_starts_and_is_ready_when_nothing_drifted(deployment: Path) -> None:
    port = free_port()
    server = start_gunicorn(run_env(deployment), port)
    try:
        response = wait_for(f"http://127.0.0.1:{port}/api/v1/health/ready/")
        assert response.status_code == 200, response.text
        assert response.json()["ready"] is True
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_loaded_web_application_is_frozen_out_of_the_garbage_collector(deployment: Path) -> None:
    """What the WSGI module loads (every view too) is out of the cyclic collector's sight, so no full collection
    walks it in the middle of a request."""
    probe = (
        "import gc, sys; import config.wsgi; "
        "print(gc.get_freeze_count(), 'ptw.permits.api.views' in sys.modules, len(gc.get_objects()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=BACKEND, env=run_env(deployment), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    frozen, views_loaded, tracked = result.stdout.split()
    assert views_loaded == "True"
    assert int(frozen) > 50_000
    assert int(tracked) < int(frozen) / 10


@pytest.mark.parametrize(
    ("drift", "named"),
    [("migration", PENDING), ("ui", "ui_build: stale")],
)
def test_web_server_refuses_to_start_and_names_the_problem(deployment: Path, drift: str, named: str) -> None:
    env = run_env(deployment)
    if drift == "migration":
        unapply_one_migration(env)
    else:
        make_stale(deployment)
    server = start_gunicorn(env, free_port())
    output, _ = server.communicate(timeout=60)
    assert server.returncode != 0
    assert "PTW refuses to start the web server" in output
    assert named in output


@pytest.mark.parametrize(
    ("drift", "named"),
    [("migration", PENDING), ("ui", "ui_build: stale")],
)
def test_worker_refuses_to_start_and_names_the_problem(deployment: Path, drift: str, named: str) -> None:
    env = run_env(deployment)
    if drift == "migration":
        unapply_one_migration(env)
    else:
        make_stale(deployment)
    worker = subprocess.run(
        [str(BIN / "celery"), "-A", "config", "worker", "--pool", "solo", "--without-mingle", "--without-gossip"],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert worker.returncode != 0
    assert "PTW refuses to start the worker" in worker.stderr
    assert named in worker.stderr


def test_guard_names_unsafe_settings(deployment: Path) -> None:
    env = run_env(deployment, SECRET_KEY="", DEBUG="true")
    server = start_gunicorn(env, free_port())
    output, _ = server.communicate(timeout=60)
    assert server.returncode != 0
    assert "secret_key: SECRET_KEY is not set" in output
    assert "debug: DEBUG is on in production" in output


def test_status_and_readiness_report_the_same_drift(deployment: Path) -> None:
    env = run_env(deployment)
    unapply_one_migration(env)
    make_stale(deployment)

    status = manage(env, "ptw_status", "--json", "--url", "http://127.0.0.1:9")
    assert status.returncode == 2, status.stdout + status.stderr
    checks = {check["name"]: check for check in json.loads(status.stdout)["checks"]}
    assert checks["migrations"]["status"] == "critical"
    assert checks["migrations"]["details"]["pending"] == [PENDING]
    assert checks["ui_build"]["status"] == "critical"
    assert checks["ui_build"]["details"]["matches_sources"] is False
    assert checks["ui_build"]["details"]["pages"] == ["/system"]

    # The web server refuses in production; a development server shows what readiness reports.
    port = free_port()
    server = start_gunicorn(env | {"PTW_ENV": "development", "DEBUG": "false"}, port)
    try:
        response = wait_for(f"http://127.0.0.1:{port}/api/v1/health/ready/")
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert response.status_code == 503
    ready = {check["name"]: check for check in response.json()["checks"]}
    assert PENDING in ready["migrations"]["message"]
    assert ready["ui_build"]["status"] == "critical"
    assert "stale" in ready["ui_build"]["message"]
    assert "SECRET_KEY" not in response.text and "test-kkk" not in response.text


def test_status_exit_codes_follow_the_worst_check(deployment: Path) -> None:
    env = run_env(deployment)
    warnings_only = manage(env, "ptw_status", "--url", "http://127.0.0.1:9")
    # No heartbeats yet and no server answering: warnings, not critical.
    assert warnings_only.returncode == 1, warnings_only.stdout
    assert "no worker heartbeat recorded yet" in warnings_only.stdout
    assert "webhooks" in warnings_only.stdout and "no endpoints registered" in warnings_only.stdout
