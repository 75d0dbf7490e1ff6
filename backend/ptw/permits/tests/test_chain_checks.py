"""Every timeline at once: `ptw_verify_chain`, the nightly check it records, and how status and readiness report it."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from ptw.ops.tests.helpers import make_ui
from ptw.permits.models import ChainCheck, Permit, PermitEvent
from ptw.permits.services import chain_checks
from ptw.permits.tasks import verify_chains
from ptw.permits.tests.conftest import PATHS, World


def tamper(permit_id: int, seq: int) -> None:
    """Change one stored event's comment in the database, behind the application's back."""
    statement = "UPDATE {table} SET comment = %s WHERE permit_id = %s AND seq = %s"
    with connection.cursor() as cursor:
        cursor.execute(
            statement.format(table=connection.ops.quote_name(PermitEvent._meta.db_table)), ["edited", permit_id, seq]
        )


def permits(world: World, count: int, *, site: str = "acme") -> list[int]:
    """`count` permits walked to approved (4 events each) in one tenant's project."""
    ids = []
    for _ in range(count):
        if site == "acme":
            permit = world.create()
            world.walk(permit["id"], PATHS["approved"])
        else:
            permit = globex_permit(world)
        ids.append(permit["id"])
    return ids


def globex_permit(world: World) -> dict[str, Any]:
    """A draft in the other tenant's project (one event)."""
    client = APIClient()
    client.force_authenticate(world.globex.people["requester"])
    body = world.permit_body(project=world.globex.project.id, permit_type=world.ptype("general", world.globex).id)
    response = client.post("/api/v1/ptw/permits/", body, format="json")
    assert response.status_code == 201, response.json()
    return dict(response.json())


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("ptw_verify_chain", *args, stdout=out)
    return int(exited.value.code or 0), out.getvalue()


def test_the_command_says_every_timeline_is_intact_and_exits_0(world: World) -> None:
    permits(world, 3)
    code, output = run()
    assert code == 0, output
    assert output.strip() == "3 permits, 12 events checked, 0 broken"


def test_the_command_names_each_broken_permit_and_exits_1(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chain_checks, "BATCH_SIZE", 2)  # several batches: the check streams, it does not load all
    ids = permits(world, 5)
    tamper(ids[3], 2)
    number = Permit.objects.get(pk=ids[3]).permit_number
    code, output = run()
    assert code == 1
    project = world.acme.project
    assert output.splitlines() == [
        f"BROKEN {number}  project {project.id} {project.name}  at event #2: changed",
        "5 permits, 20 events checked, 1 broken",
    ]


def test_the_command_over_one_project_and_as_json(world: World) -> None:
    acme = permits(world, 2)
    globex = permits(world, 1, site="globex")
    tamper(globex[0], 1)
    code, output = run("--project", str(world.acme.project.id), "--json")
    assert code == 0
    assert json.loads(output) == {
        "project": world.acme.project.id,
        "intact": True,
        "permits": 2,
        "events": 8,
        "broken": [],
    }
    code, output = run("--project", str(world.globex.project.id), "--json")
    assert code == 1
    report = json.loads(output)
    assert report["intact"] is False
    assert report["broken"] == [
        {
            "permit_id": globex[0],
            "number": Permit.objects.get(pk=globex[0]).permit_number,
            "project_id": world.globex.project.id,
            "project": world.globex.project.name,
            "seq": 1,
            "event_id": PermitEvent.objects.get(permit_id=globex[0], seq=1).id,
            "reason": "changed",
        }
    ]
    assert acme


def test_the_command_refuses_an_unknown_project_with_exit_2(world: World) -> None:
    with pytest.raises(CommandError, match="no project with id 987654") as refused:
        call_command("ptw_verify_chain", "--project", "987654")
    assert refused.value.returncode == 2  # what `manage.py` exits with


def test_a_deleted_draft_is_checked_too_and_named_by_its_id(world: World) -> None:
    permit = world.create()
    assert world.client("requester").delete(f"/api/v1/ptw/permits/{permit['id']}/").status_code == 204
    tamper(permit["id"], 2)
    code, output = run()
    assert code == 1
    assert f"BROKEN permit {permit['id']} (deleted)" in output
    assert output.endswith("1 permits, 2 events checked, 1 broken\n")


def test_the_nightly_check_is_scheduled_at_0230_utc() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["audit-chain-check"]
    assert entry["task"] == verify_chains.name
    assert entry["schedule"] == crontab(hour=2, minute=30)


def audit_chain(tmp_path: Path) -> tuple[int, dict[str, Any]]:
    """The readiness endpoint's status and its audit-chain check."""
    frontend, dist = make_ui(tmp_path)
    with override_settings(FRONTEND_DIR=frontend, UI_DIST_DIR=dist):
        response = APIClient().get("/api/v1/health/ready/")
    check = next(c for c in response.json()["checks"] if c["name"] == "audit_chain")
    return response.status_code, check


def test_readiness_warns_while_the_nightly_check_has_never_run(world: World, tmp_path: Path) -> None:
    _status, check = audit_chain(tmp_path)
    assert check == {
        "name": "audit_chain",
        "status": "warning",
        "message": "never checked: the nightly check has not run yet",
    }


def test_the_nightly_check_records_an_intact_run_and_readiness_reports_it(world: World, tmp_path: Path) -> None:
    permits(world, 2)
    assert verify_chains() == 0
    record = ChainCheck.objects.get()
    assert (record.permits, record.events, record.broken) == (2, 8, [])
    assert record.started_at <= record.finished_at
    status, check = audit_chain(tmp_path)
    assert status == 200
    assert check["status"] == "ok"
    assert check["message"] == f"all 2 timelines intact, checked {record.finished_at:%Y-%m-%d %H:%M} UTC"


def test_a_broken_timeline_is_critical_and_named_but_the_web_stays_ready(world: World, tmp_path: Path) -> None:
    ids = permits(world, 2)
    tamper(ids[1], 3)
    assert verify_chains() == 1
    number = Permit.objects.get(pk=ids[1]).permit_number
    status, check = audit_chain(tmp_path)
    assert check["status"] == "critical"
    assert check["message"].startswith(f"1 of 2 timelines broken: {number} (checked ")
    assert status == 200, "a broken audit chain is reported; the permits must stay workable"
    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("ptw_status", "--json", "--url", "http://127.0.0.1:9", stdout=out)
    assert exited.value.code == 2
    reported = next(c for c in json.loads(out.getvalue())["checks"] if c["name"] == "audit_chain")
    assert reported["status"] == "critical"
    assert reported["details"]["broken"][0]["seq"] == 3


def test_a_check_older_than_36_hours_is_a_warning(world: World, tmp_path: Path) -> None:
    permits(world, 1)
    verify_chains()
    with time_machine.travel(timezone.now() + timedelta(hours=37)):
        _status, check = audit_chain(tmp_path)
    assert check["status"] == "warning"
    assert check["message"].startswith("last checked ") and check["message"].endswith("more than 36 h ago")


def test_readiness_reports_the_latest_check(world: World, tmp_path: Path) -> None:
    ids = permits(world, 1)
    tamper(ids[0], 1)
    verify_chains()
    PermitEvent.objects.filter(permit_id=ids[0]).delete()
    verify_chains()
    assert ChainCheck.objects.count() == 2
    _status, check = audit_chain(tmp_path)
    assert check["status"] == "ok"
    assert check["message"].startswith("all 0 timelines intact")
