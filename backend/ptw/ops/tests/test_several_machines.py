"""Several machines on one PostgreSQL and one Redis: two web processes, two workers and two schedulers.

Only the scheduler holding the lease sends; when it is killed (-9) the standby takes over and keeps
sweeping; every expired permit has one expiry event and every webhook message one delivery, received once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from cryptography.fernet import Fernet
from django.db import connection
from django.utils import timezone

from ptw.core.models import OutboxMessage
from ptw.ops.models import Heartbeat, SchedulerLease
from ptw.ops.tests.helpers import BACKEND, BIN, free_port, run_env
from ptw.ops.tests.test_worker import database_url
from ptw.permits.choices import Action, Status
from ptw.permits.models import Permit, PermitEvent
from ptw.permits.services.transitions import expire_due
from ptw.permits.tests.conftest import PATHS, URL
from ptw.permits.tests.test_concurrency import in_parallel
from ptw.webhooks.choices import EVENTS, AttemptOutcome, DeliveryStatus
from ptw.webhooks.models import WebhookAttempt, WebhookDelivery
from ptw.webhooks.tests.conftest import Receiver, World, register

REDIS_URL = "redis://127.0.0.1:6379/13"
PASSWORD = "several-machines-test-password"
LEASE_SECONDS = 10  # short for the test; a scheduler starved of CPU for this long loses the lease
TAKEOVER_LIMIT = 60.0
# Six Django processes starting at once on a busy two-core machine can take a while; an idle one needs ~15 s.
STARTUP = 150.0


class Processes:
    """The processes the test starts, each logging to its own file; all killed at the end."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root, self.env = root, env
        self.started: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        with (self.root / f"{name}.log").open("wb") as log:
            process = subprocess.Popen(args, cwd=BACKEND, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.started[name] = process
        return process

    def log(self, name: str) -> str:
        return (self.root / f"{name}.log").read_text(errors="replace")

    def logs(self) -> str:
        return "\n".join(f"--- {name}\n{self.log(name)[-3000:]}" for name in self.started)

    def stop_all(self) -> None:
        for process in self.started.values():
            if process.poll() is None:
                process.kill()
        for process in self.started.values():
            process.wait(timeout=30)


@contextmanager
def deployment(root: Path, secret_key: str, secrets_key: str) -> Iterator[Processes]:
    env = run_env(
        root,
        PTW_ENV="development",
        DEBUG="false",
        # The same keys on every machine: sessions made by one web process, secrets sealed here, opened by workers.
        SECRET_KEY=secret_key,
        PTW_SECRETS_KEY=secrets_key,
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL=REDIS_URL,
        PTW_WEBHOOKS_ALLOW_PRIVATE="true",
        PTW_SCHEDULER_LEASE_SECONDS=str(LEASE_SECONDS),
        PTW_SCHEDULER_RENEW_SECONDS="2",
        PTW_EXPIRY_SWEEP_SECONDS="2",
        PTW_WEBHOOK_PUMP_SECONDS="2",
        PTW_HEARTBEAT_SECONDS="5",
    )
    processes = Processes(root, env)
    try:
        yield processes
    finally:
        processes.stop_all()


def wait_until(what: str, condition: Callable[[], Any], seconds: float, processes: Processes) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        dead = [name for name, process in processes.started.items() if process.poll() is not None]
        assert time.monotonic() < deadline, f"{what}: not within {seconds:.0f} s\n{processes.logs()}"
        assert not dead or dead == ["scheduler-a"], f"{what}: {dead} exited\n{processes.logs()}"
        time.sleep(0.25)


def lease_holder_pid() -> int | None:
    lease = SchedulerLease.objects.filter(expires_at__gt=timezone.now()).first()
    return int(lease.holder.split(":")[1]) if lease else None


def web_client(port: int, email: str) -> httpx.Client:
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    response = client.post("/api/v1/auth/login/", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    client.headers["X-CSRFToken"] = client.cookies["csrftoken"]
    return client


def change_through_the_web(site: World, client: httpx.Client) -> None:
    """Create and submit a permit through one web process: two outbox messages written there."""
    created = client.post(URL, json=site.permit_body())
    assert created.status_code == 201, created.text
    submitted = client.post(f"{URL}{created.json()['id']}/submit/", json=site.signature("requester", "submit"))
    assert submitted.status_code == 200, submitted.text


def approved_permits(site: World, count: int) -> list[int]:
    ids = []
    for _ in range(count):
        permit = site.create()
        site.walk(permit["id"], PATHS["approved"])
        ids.append(permit["id"])
    return ids


def move_past_end(permit_ids: list[int]) -> None:
    """As if their planned end (and any grace) passed long ago."""
    now = timezone.now()
    Permit.objects.filter(pk__in=permit_ids).update(
        planned_start=now - timedelta(days=3), planned_end=now - timedelta(days=2)
    )


def all_expired(permit_ids: list[int]) -> bool:
    return Permit.objects.filter(pk__in=permit_ids, status=Status.EXPIRED).count() == len(permit_ids)


@pytest.mark.worker
def test_two_of_everything_one_scheduler_sends_and_every_sweep_and_delivery_happens_once(
    tworld: World, receiver: Receiver, tmp_path: Path, settings: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("several machines need one shared PostgreSQL database; this run is on SQLite")
    try:
        broker = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        broker.flushdb()
    except redis.RedisError as exc:
        pytest.skip(f"several machines need a shared Redis broker; none answers at {REDIS_URL}: {exc}")
    requester = tworld["requester"]
    requester.set_password(PASSWORD)
    requester.save(update_fields=["password"])
    secrets_key = Fernet.generate_key().decode()
    settings.PTW_SECRETS_KEYS = [secrets_key]  # the webhook secret is sealed here and opened by the workers
    register(tworld, receiver.url, events=list(EVENTS))
    first_batch, second_batch = approved_permits(tworld, 3), approved_permits(tworld, 3)
    move_past_end(first_batch)

    with deployment(tmp_path, settings.SECRET_KEY, secrets_key) as processes:
        ports = [free_port(), free_port()]
        for n, port in enumerate(ports, 1):
            gunicorn = (str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1")
            processes.start(f"web-{n}", *gunicorn, "--threads", "2")
        for n in (1, 2):
            worker = (str(BIN / "celery"), "-A", "config", "worker", "-n", f"machine{n}@%h", "--pool", "threads")
            processes.start(f"worker-{n}", *worker, "--concurrency", "2", "--without-mingle", "--without-gossip")
        beat = (str(BIN / "celery"), "-A", "config", "beat", "--loglevel", "INFO")
        scheduler_a = processes.start("scheduler-a", *beat)
        wait_until("scheduler A takes the lease", lambda: lease_holder_pid() == scheduler_a.pid, STARTUP, processes)
        scheduler_b = processes.start("scheduler-b", *beat)
        wait_until(
            "scheduler B beats on standby",
            lambda: Heartbeat.objects.filter(component="scheduler", hostname__contains=f":{scheduler_b.pid}:").exists(),
            STARTUP,
            processes,
        )
        wait_until(
            "both workers beat",
            lambda: Heartbeat.objects.filter(component="worker", hostname__startswith="machine").count() == 2,
            STARTUP,
            processes,
        )
        clients = [wait_until("web up", lambda p=p: _login(p, requester.email), STARTUP, processes) for p in ports]
        for client in clients:
            change_through_the_web(tworld, client)
        wait_until("the first batch expires", lambda: all_expired(first_batch), 60, processes)
        assert lease_holder_pid() == scheduler_a.pid
        assert "Sending due task" not in processes.log("scheduler-b"), processes.log("scheduler-b")
        assert "Sending due task" in processes.log("scheduler-a")

        os.kill(scheduler_a.pid, signal.SIGKILL)
        killed = time.monotonic()
        wait_until("B takes over", lambda: lease_holder_pid() == scheduler_b.pid, TAKEOVER_LIMIT, processes)
        takeover = time.monotonic() - killed
        assert takeover < TAKEOVER_LIMIT

        move_past_end(second_batch)
        for client in clients:
            change_through_the_web(tworld, client)
        wait_until("the standby keeps sweeping", lambda: all_expired(second_batch), 60, processes)

        def delivered() -> bool:
            messages = OutboxMessage.objects.filter(topic__in=EVENTS)
            ids = {f"msg_{pk}" for pk in messages.values_list("pk", flat=True)}
            done = WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED)
            received = {r.headers["webhook-id"] for r in receiver.received}
            return not messages.filter(dispatched_at__isnull=True).exists() and ids == received == {
                d.message_id for d in done
            }

        wait_until("every message is delivered", delivered, 60, processes)
        time.sleep(3 * 2)  # a few more pump cycles and sweeps: anything sent twice would arrive now
        for client in clients:
            client.close()
        scheduler_b_log = processes.log("scheduler-b")

    broker.flushdb()
    expired = first_batch + second_batch
    events = Counter(PermitEvent.objects.filter(action=Action.EXPIRE).values_list("permit_id", flat=True))
    assert events == dict.fromkeys(expired, 1)
    messages = list(OutboxMessage.objects.filter(topic__in=EVENTS).values_list("pk", flat=True))
    created = Counter(OutboxMessage.objects.values_list("topic", flat=True))["permit.created"]
    assert created == 10  # 6 made here, 2 through each web process
    deliveries = Counter(WebhookDelivery.objects.values_list("endpoint_id", "message_id"))
    assert sorted(message_id for _endpoint, message_id in deliveries) == sorted(f"msg_{pk}" for pk in messages)
    assert set(deliveries.values()) == {1}
    received = Counter(r.headers["webhook-id"] for r in receiver.received)
    assert set(received) == {f"msg_{pk}" for pk in messages}
    # The receiver always answers 200, so an id may arrive twice only as the retry of an attempt that failed.
    retried = set(
        WebhookAttempt.objects.filter(outcome=AttemptOutcome.FAILED).values_list("delivery__message_id", flat=True)
    )
    twice = {message_id: count for message_id, count in received.items() if count > 1 and message_id not in retried}
    attempts = WebhookAttempt.objects.filter(delivery__message_id__in=twice).values_list(
        "delivery__message_id", "number", "outcome", "status_code", "at"
    )
    assert not twice, f"sent more than once without a failed attempt: {twice}; attempts: {list(attempts)}"
    assert "holds the lease" in scheduler_b_log


def _login(port: int, email: str) -> httpx.Client | None:
    try:
        return web_client(port, email)
    except httpx.HTTPError:
        return None


def test_two_sweeps_at_the_same_moment_expire_each_permit_once(tworld: World) -> None:
    """Defence in depth behind the lease: sweeps that overlap (two workers, two senders) write one expiry each."""
    permits = approved_permits(tworld, 6)
    move_past_end(permits)
    swept = in_parallel([expire_due, expire_due, expire_due])
    assert sorted(pk for ids in swept for pk in ids) == sorted(permits)
    events = Counter(PermitEvent.objects.filter(action=Action.EXPIRE).values_list("permit_id", flat=True))
    assert events == dict.fromkeys(permits, 1)
    assert all_expired(permits)
