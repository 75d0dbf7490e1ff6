"""Nothing is lost while no worker runs: a change made with the workers down is delivered once a worker and the
scheduler start, through the real Redis broker, to a real receiver."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
import redis

from ptw.core.secrets import keys_in_use
from ptw.ops.tests.helpers import BACKEND, BIN, run_env
from ptw.ops.tests.test_worker import database_url
from ptw.webhooks.models import WebhookDelivery
from ptw.webhooks.tests.conftest import Receiver, World, register

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.mark.worker
def test_an_event_written_while_no_worker_runs_is_delivered_when_one_starts(
    tworld: World, receiver: Receiver, tmp_path: Path
) -> None:
    try:
        broker = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        broker.flushdb()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is not answering at {REDIS_URL}: {exc}")
    register(tworld, receiver.url)
    permit = tworld.create()
    assert tworld.act(permit["id"], "submit", "requester").status_code == 200
    assert not WebhookDelivery.objects.exists()  # no worker, nothing moved yet

    env = run_env(
        tmp_path,
        PTW_ENV="development",
        DEBUG="false",
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL=REDIS_URL,
        PTW_WEBHOOKS_ALLOW_PRIVATE="true",
        PTW_SECRETS_KEY=",".join(keys_in_use()),
    )
    worker = subprocess.Popen(
        [
            *(str(BIN / "celery"), "-A", "config", "worker", "--beat", "--schedule", str(tmp_path / "beat")),
            *("--pool", "solo", "--without-mingle", "--without-gossip", "--loglevel", "INFO"),
        ],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not receiver.received:
            assert worker.poll() is None, worker.stdout.read() if worker.stdout else ""
            assert time.monotonic() < deadline, "no delivery within 60 s of the worker starting"
            time.sleep(0.25)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
        broker.flushdb()
    assert [r.json()["type"] for r in receiver.received] == ["permit.submitted"], output
    assert WebhookDelivery.objects.get().status == "succeeded"
