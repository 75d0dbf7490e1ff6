"""A task sent through a real broker is run by a real worker process."""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

from ptw.core.models import OutboxMessage
from ptw.ops.models import Heartbeat
from ptw.ops.tests.helpers import BACKEND, BIN, run_env
from ptw.webhooks.tasks import pump

REDIS_URL = "redis://127.0.0.1:6379/15"


def database_url() -> str:
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    user = conf["USER"] or "postgres"
    password = f":{conf['PASSWORD']}" if conf["PASSWORD"] else ""
    return f"postgres://{user}{password}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{conf['NAME']}"


def run_through_worker(tmp_path: Path, broker_url: str) -> None:
    queue = f"ptw-test-{uuid.uuid4().hex[:8]}"
    env = run_env(
        tmp_path, PTW_ENV="development", DEBUG="false", DATABASE_URL=database_url(), CELERY_BROKER_URL=broker_url
    )
    worker = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "-Q",
            queue,
            "--without-mingle",
            "--without-gossip",
            "--loglevel",
            "INFO",
        ],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    message = OutboxMessage.objects.create(topic="permit.submitted", tenant_id=1, project_id=1, payload={})
    try:
        with pump.app.connection_for_write(broker_url) as conn:
            pump.apply_async(connection=conn, queue=queue)
        deadline = time.monotonic() + 60
        while not OutboxMessage.objects.filter(pk=message.pk, dispatched_at__isnull=False).exists():
            assert worker.poll() is None, worker.stdout.read() if worker.stdout else ""
            assert time.monotonic() < deadline, "the worker did not run the task within 60 s"
            time.sleep(0.25)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
    assert "ptw.webhooks.tasks.pump" in output and "succeeded" in output, output
    assert Heartbeat.objects.filter(component="worker").exists(), "the worker wrote no heartbeat of its own"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_task_runs_on_a_worker_through_the_embedded_broker(tmp_path: Path) -> None:
    run_through_worker(tmp_path, f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_task_runs_on_a_worker_through_redis(tmp_path: Path) -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is not answering at {REDIS_URL}: {exc}")
    run_through_worker(tmp_path, REDIS_URL)
