"""A worker killed (SIGKILL) while the receiver holds its request open: the attempt it claimed stays in the log as
"no outcome recorded", and the next worker's attempt is numbered 2, through the real Redis broker; the pump closes
an attempt left in flight once its lease is over."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.utils import timezone

from ptw.core.secrets import keys_in_use
from ptw.ops.tests.helpers import BACKEND, BIN, run_env
from ptw.ops.tests.test_worker import database_url
from ptw.webhooks.models import WebhookAttempt, WebhookDelivery
from ptw.webhooks.services.deliveries import (
    CLAIM_LEASE,
    attempts_abandoned_close,
    deliveries_due,
    delivery_attempt,
    outbox_dispatch,
)
from ptw.webhooks.tasks import deliver
from ptw.webhooks.tests.conftest import HOOKS, Answer, Receiver, World, register

REDIS_URL = "redis://127.0.0.1:6379/13"


def start_worker(tmp_path: Path, queue: str) -> subprocess.Popen[str]:
    env = run_env(
        tmp_path,
        PTW_ENV="development",
        DEBUG="false",
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL=REDIS_URL,
        PTW_WEBHOOKS_ALLOW_PRIVATE="true",
        PTW_SECRETS_KEY=",".join(keys_in_use()),
    )
    return subprocess.Popen(
        [
            *(str(BIN / "celery"), "-A", "config", "worker", "--pool", "solo", "-Q", queue),
            *("--without-mingle", "--without-gossip", "--loglevel", "INFO"),
        ],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def send_deliver(delivery_id: int, queue: str) -> None:
    with deliver.app.connection_for_write(REDIS_URL) as conn:
        deliver.apply_async(args=[delivery_id], connection=conn, queue=queue)


def wait_until(condition: object, worker: subprocess.Popen[str], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert worker.poll() is None, worker.stdout.read() if worker.stdout else ""
        if time.monotonic() > deadline:
            return
        time.sleep(0.1)


@pytest.mark.worker
def test_an_attempt_cut_short_by_a_killed_worker_is_counted(tworld: World, receiver: Receiver, tmp_path: Path) -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is not answering at {REDIS_URL}: {exc}")
    endpoint = register(tworld, receiver.url)
    receiver.answers = [Answer(200, delay=20.0)]
    permit = tworld.create()
    tworld.act(permit["id"], "submit", "requester")
    outbox_dispatch()
    delivery = WebhookDelivery.objects.get()
    queue = f"ptw-test-{uuid.uuid4().hex[:8]}"

    first = start_worker(tmp_path, queue)
    try:
        send_deliver(delivery.id, queue)
        wait_until(lambda: len(receiver.received) == 1, first)
        assert len(receiver.received) == 1, "the first worker sent nothing within 120 s"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait(timeout=30)

    log = tworld.client("admin").get(f"{HOOKS}{endpoint['id']}/deliveries/").json()["results"][0]["attempt_log"]
    assert [(a["number"], a["outcome"]) for a in log] == [(1, "in_flight")]
    assert attempts_abandoned_close(timezone.now()) == 0  # its lease is still running
    # The claim's 60 s lease runs out; no need to wait it through.
    WebhookDelivery.objects.filter(pk=delivery.id).update(next_attempt_at=timezone.now())

    second = start_worker(tmp_path / "second", queue)
    try:
        send_deliver(delivery.id, queue)
        wait_until(
            lambda: WebhookDelivery.objects.get(pk=delivery.id).status != "pending",
            second,
        )
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        output = second.communicate(timeout=30)[0]
    assert WebhookDelivery.objects.get(pk=delivery.id).status == "succeeded", output
    assert len(receiver.received) == 2
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
    shown = tworld.client("admin").get(f"{HOOKS}{endpoint['id']}/deliveries/").json()["results"][0]
    assert shown["attempts"] == 2
    assert [(a["number"], a["outcome"], a["succeeded"]) for a in shown["attempt_log"]] == [
        (1, "no_outcome", False),
        (2, "succeeded", True),
    ]
    assert shown["attempt_log"][0]["error"] == "No outcome recorded (worker stopped)"
    assert shown["attempt_log"][0]["finished_at"] is not None


def test_the_pump_closes_an_attempt_left_in_flight_once_its_lease_is_over(world: World, receiver: Receiver) -> None:
    endpoint = register(world, receiver.url)
    permit = world.create()
    world.act(permit["id"], "submit", "requester")
    outbox_dispatch()
    delivery = WebhookDelivery.objects.get()
    claimed_at = timezone.now() - CLAIM_LEASE - timedelta(seconds=1)
    # What a worker killed mid-request leaves: the claim's attempt, still in flight, and the lease.
    WebhookAttempt.objects.create(delivery=delivery, number=1, at=claimed_at)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=1, next_attempt_at=claimed_at + CLAIM_LEASE)
    assert attempts_abandoned_close(timezone.now()) == 1
    log = world.client("admin").get(f"{HOOKS}{endpoint['id']}/deliveries/").json()["results"][0]["attempt_log"]
    assert [(a["number"], a["outcome"], a["latency_ms"]) for a in log] == [(1, "no_outcome", None)]
    [due] = deliveries_due()
    retry = delivery_attempt(due)
    assert retry is not None and (retry.number, retry.outcome) == (2, "succeeded")
