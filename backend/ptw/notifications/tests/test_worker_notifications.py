"""Nothing is lost while no worker runs: a task opened with the workers down reaches the pool in-app and by e-mail
once a worker and the scheduler start, through the real Redis broker, to a real SMTP server."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
import redis

from ptw.core.secrets import keys_in_use
from ptw.notifications.models import EmailDelivery, Notification
from ptw.notifications.tests.conftest import World
from ptw.notifications.tests.smtp_receiver import SmtpReceiver, free_port
from ptw.ops.tests.helpers import BACKEND, BIN, run_env
from ptw.ops.tests.test_worker import database_url

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.mark.worker
def test_a_task_opened_while_no_worker_runs_is_notified_when_one_starts(tworld: World, tmp_path: Path) -> None:
    try:
        broker = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        broker.flushdb()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is not answering at {REDIS_URL}: {exc}")
    smtp = SmtpReceiver(free_port()).start()
    permit = tworld.create()
    assert tworld.act(permit["id"], "submit", "requester").status_code == 200
    assert not Notification.objects.exists()  # no worker, nothing moved yet

    env = run_env(
        tmp_path,
        PTW_ENV="development",
        DEBUG="false",
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL=REDIS_URL,
        PTW_SECRETS_KEY=",".join(keys_in_use()),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
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
        deadline = time.monotonic() + 90
        while len(smtp.messages) < 2 and worker.poll() is None and time.monotonic() < deadline:
            time.sleep(0.25)
        time.sleep(1)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
        broker.flushdb()
        smtp.stop()
    assert len(smtp.messages) == 2, output
    assert smtp.recipients() == sorted([tworld["verifier"].email, tworld["verifier2"].email]), output
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        [tworld["verifier"].id, tworld["verifier2"].id]
    )
    assert set(EmailDelivery.objects.values_list("state", flat=True)) == {"sent"}
