"""The scheduler lease: one holder at a time, renewed by its holder, taken over once expired; status shows it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from celery import current_app
from celery.beat import ScheduleEntry
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from ptw.ops.models import Heartbeat, SchedulerLease
from ptw.ops.scheduler import LeaseScheduler
from ptw.ops.services import heartbeat_record, scheduler_lease_release, scheduler_lease_take
from ptw.ops.tests.helpers import make_ui

pytestmark = pytest.mark.django_db


def expire_lease() -> None:
    SchedulerLease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))


def test_only_one_holder_at_a_time_and_the_holder_renews() -> None:
    assert scheduler_lease_take("a:1:x", 30)
    assert not scheduler_lease_take("b:2:y", 30)
    first = SchedulerLease.objects.get()
    assert scheduler_lease_take("a:1:x", 30)
    renewed = SchedulerLease.objects.get()
    assert renewed.holder == "a:1:x"
    assert renewed.acquired_at == first.acquired_at
    assert renewed.expires_at >= first.expires_at


def test_an_expired_lease_is_taken_over_and_the_old_holder_is_refused() -> None:
    assert scheduler_lease_take("a:1:x", 30)
    expire_lease()
    assert scheduler_lease_take("b:2:y", 30)
    assert not scheduler_lease_take("a:1:x", 30)
    assert SchedulerLease.objects.get().holder == "b:2:y"


def test_a_released_lease_is_free_at_once() -> None:
    assert scheduler_lease_take("a:1:x", 30)
    assert not scheduler_lease_release("b:2:y")
    assert scheduler_lease_release("a:1:x")
    assert scheduler_lease_take("b:2:y", 30)


class RecordingScheduler(LeaseScheduler):
    """Records what it would send instead of sending it."""

    producer = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.sent: list[str] = []
        super().__init__(*args, **kwargs)

    def apply_entry(self, entry: ScheduleEntry, producer: Any = None) -> None:
        self.sent.append(entry.name)


def scheduler() -> RecordingScheduler:
    """A scheduler with one task that is always due."""
    long_ago = timezone.now() - timedelta(hours=1)
    sweep = ScheduleEntry(name="sweep", task="ptw.permits.tasks.expire_sweep", schedule=0.01, last_run_at=long_ago)
    sweep.app = current_app
    return RecordingScheduler(app=current_app, schedule={"sweep": sweep}, lazy=True)


def test_a_standby_scheduler_sends_nothing_until_it_takes_the_lease_over() -> None:
    active, standby = scheduler(), scheduler()
    for _ in range(3):
        active.tick()
        standby.tick()
    assert active.holding and not standby.holding
    assert standby.sent == []
    assert active.sent
    assert set(Heartbeat.objects.filter(component="scheduler").values_list("hostname", flat=True)) == {
        active.holder,
        standby.holder,
    }

    expire_lease()
    standby._next_check = 0.0
    standby.tick()
    assert standby.holding
    assert standby.sent


def test_a_clean_stop_hands_the_lease_to_a_standby_at_once() -> None:
    active, standby = scheduler(), scheduler()
    active.tick()
    standby.tick()
    active.close()
    standby._next_check = 0.0
    standby.tick()
    assert standby.holding


def test_status_shows_the_active_scheduler_and_how_many_beat(api: APIClient, tmp_path: Path) -> None:
    frontend, dist = make_ui(tmp_path)
    heartbeat_record("worker", "celery@web1")
    heartbeat_record("worker", "celery@web2")
    heartbeat_record("scheduler", "host1:10:aaaa")
    heartbeat_record("scheduler", "host2:20:bbbb")
    assert scheduler_lease_take("host1:10:aaaa", 30)
    with override_settings(FRONTEND_DIR=frontend, UI_DIST_DIR=dist):
        response = api.get("/api/v1/health/ready/")
    assert response.status_code == 200
    checks = {check["name"]: check for check in response.json()["checks"]}
    assert checks["scheduler_lease"]["status"] == "ok"
    assert checks["scheduler_lease"]["message"].startswith("active scheduler host1:10:aaaa since ")
    assert checks["worker_heartbeat"]["message"].startswith("2 worker(s) beating")
    assert checks["scheduler_heartbeat"]["message"].startswith("2 scheduler(s) beating")


def test_status_warns_when_the_lease_has_expired(api: APIClient, tmp_path: Path) -> None:
    frontend, dist = make_ui(tmp_path)
    assert scheduler_lease_take("host1:10:aaaa", 30)
    expire_lease()
    with override_settings(FRONTEND_DIR=frontend, UI_DIST_DIR=dist):
        response = api.get("/api/v1/health/ready/")
    assert response.status_code == 200
    lease = next(check for check in response.json()["checks"] if check["name"] == "scheduler_lease")
    assert lease["status"] == "warning"
    assert lease["message"].startswith("no active scheduler: the lease of host1:10:aaaa expired ")


def test_a_process_silent_for_a_day_is_forgotten() -> None:
    with time_machine.travel(timezone.now() - timedelta(days=2)):
        heartbeat_record("scheduler", "old:1:dead")
    heartbeat_record("scheduler", "host1:10:aaaa")
    assert list(Heartbeat.objects.values_list("hostname", flat=True)) == ["host1:10:aaaa"]
