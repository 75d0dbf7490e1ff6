"""The health endpoints over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from ptw.ops.services import heartbeat_record, scheduler_lease_take
from ptw.ops.tests.helpers import make_ui
from ptw.permits.services.chain_checks import chain_check_record

pytestmark = pytest.mark.django_db


def test_liveness_reports_version_and_build_hash_without_auth(api: APIClient, tmp_path: Path) -> None:
    frontend, dist = make_ui(tmp_path)
    with override_settings(FRONTEND_DIR=frontend, UI_DIST_DIR=dist):
        response = api.get("/api/v1/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["version"] == "0.1.0"
    assert len(body["ui_build"]["source_hash"]) == 64


def test_liveness_without_a_build_says_so(api: APIClient, tmp_path: Path) -> None:
    with override_settings(UI_DIST_DIR=tmp_path / "missing"):
        response = api.get("/api/v1/health/")
    assert response.status_code == 200
    assert response.json()["ui_build"] == {"source_hash": None, "built_at": None}


def test_ready_is_200_with_heartbeats_when_nothing_drifted(api: APIClient, tmp_path: Path) -> None:
    frontend, dist = make_ui(tmp_path)
    heartbeat_record("worker", "celery@host")
    heartbeat_record("scheduler")
    scheduler_lease_take("host:1:abcd", 30)
    chain_check_record()
    with override_settings(FRONTEND_DIR=frontend, UI_DIST_DIR=dist):
        response = api.get("/api/v1/health/ready/")
    assert response.status_code == 200, response.json()
    checks = {check["name"]: check["status"] for check in response.json()["checks"]}
    assert checks == {
        "database": "ok",
        "migrations": "ok",
        "ui_build": "ok",
        "secret_key": "ok",
        "secrets_key": "ok",
        "debug": "ok",
        "https": "ok",
        "worker_heartbeat": "ok",
        "scheduler_heartbeat": "ok",
        "scheduler_lease": "ok",
        "webhooks": "ok",
        "notifications": "ok",
        "audit_chain": "ok",
    }


def test_ready_is_503_for_a_stale_build(api: APIClient, tmp_path: Path) -> None:
    frontend, dist = make_ui(tmp_path, stale=True)
    with override_settings(FRONTEND_DIR=frontend, UI_DIST_DIR=dist):
        response = api.get("/api/v1/health/ready/")
    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False
    ui = next(check for check in body["checks"] if check["name"] == "ui_build")
    assert ui["status"] == "critical" and "stale" in ui["message"]


def test_ready_warns_but_stays_ready_without_heartbeats(api: APIClient, tmp_path: Path) -> None:
    frontend, dist = make_ui(tmp_path)
    with override_settings(FRONTEND_DIR=frontend, UI_DIST_DIR=dist):
        response = api.get("/api/v1/health/ready/")
    assert response.status_code == 200
    worker = next(check for check in response.json()["checks"] if check["name"] == "worker_heartbeat")
    assert worker == {"name": "worker_heartbeat", "status": "warning", "message": "no worker heartbeat recorded yet"}


def test_ready_in_production_with_the_development_key_is_503(api: APIClient, tmp_path: Path) -> None:
    frontend, dist = make_ui(tmp_path)
    with override_settings(
        FRONTEND_DIR=frontend, UI_DIST_DIR=dist, PRODUCTION=True, SECRET_KEY_STATE="development_default"
    ):
        response = api.get("/api/v1/health/ready/")
    assert response.status_code == 503
    assert {"name": "secret_key", "status": "critical", "message": "SECRET_KEY is the development default"} in (
        response.json()["checks"]
    )
