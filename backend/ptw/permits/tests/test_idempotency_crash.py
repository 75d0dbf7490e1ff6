"""Idempotency-Key under concurrency and crashes: every retry learns the outcome, nothing is done twice."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from django.utils import timezone

from ptw.accounts.services.tokens import token_create
from ptw.core.models import IdempotencyRecord
from ptw.ops.tests.helpers import BACKEND, free_port, run_env
from ptw.ops.tests.test_worker import database_url
from ptw.permits.models import Permit
from ptw.permits.tests.conftest import URL, World
from ptw.permits.tests.test_concurrency import in_parallel


def test_twenty_parallel_invalid_posts_with_one_key_all_answer_the_same_400(tworld: World) -> None:
    client = tworld.client("requester")
    now = timezone.now()
    body = tworld.permit_body(planned_start=now.isoformat(), planned_end=(now - timedelta(hours=1)).isoformat())
    calls = [lambda: client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="same-bad") for _ in range(20)]
    responses = in_parallel(calls)
    answers = sorted({(r.status_code, r.json()["error"]["code"]) for r in responses})
    assert set(answers) <= {(400, "invalid"), (409, "idempotency_in_progress")}, answers
    assert (400, "invalid") in answers
    assert not Permit.objects.exists()
    assert not IdempotencyRecord.objects.exists()  # a refused request leaves the key free


def test_twenty_parallel_posts_with_one_key_create_one_permit_and_all_learn_it(tworld: World) -> None:
    client = tworld.client("requester")
    body = tworld.permit_body()
    calls = [lambda: client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="same-good") for _ in range(20)]
    responses = in_parallel(calls)
    assert [r.status_code for r in responses] == [201] * 20, [r.json() for r in responses]
    assert {r.json()["id"] for r in responses} == {Permit.objects.get().id}
    assert sum(r.has_header("Idempotent-Replayed") for r in responses) == 19


class PausingServer:
    """A PTW web process on the test database that stops at `stage` of a permit create, to be killed there."""

    def __init__(self, tmp_path: Path, stage: str) -> None:
        self.port, self.signal = free_port(), tmp_path / f"paused-{stage}"
        env = run_env(tmp_path, PTW_ENV="development", DEBUG="false", DATABASE_URL=database_url())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ptw.permits.tests.pausing_server", str(self.port), stage, str(self.signal)],
            cwd=BACKEND,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while True:
            assert self.process.poll() is None, self.process.stderr.read() if self.process.stderr else ""
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/api/v1/health/", timeout=1)
                return
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start within 60 s"
                time.sleep(0.2)

    def post_until_paused_then_kill(self, token: str, body: dict[str, object], key: str) -> None:
        """Send the create, wait until the server stops at its stage, then kill -9 it mid-request."""
        outcome: list[object] = []

        def send() -> None:
            try:
                outcome.append(
                    httpx.post(
                        f"http://127.0.0.1:{self.port}{URL}",
                        json=body,
                        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
                        timeout=120,
                    )
                )
            except httpx.TransportError as exc:
                outcome.append(exc)

        sender = threading.Thread(target=send)
        sender.start()
        deadline = time.monotonic() + 60
        while not self.signal.exists():
            assert self.process.poll() is None, self.process.stderr.read() if self.process.stderr else ""
            assert time.monotonic() < deadline, "the request never reached the pause"
            time.sleep(0.1)
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        sender.join(timeout=60)
        assert isinstance(outcome[0], httpx.TransportError), "the client must not have had an answer"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


@pytest.mark.parametrize("stage", ["work", "response"])
def test_a_retry_after_the_server_died_mid_request_gets_one_permit_never_a_stuck_key(
    tworld: World, tmp_path: Path, stage: str
) -> None:
    """Killed inside the work: the retry runs it cleanly. Killed after the commit: the retry replays it."""
    _, token = token_create(user=tworld["requester"], name="crash test")
    body = tworld.permit_body(title=f"Crash at {stage}")
    server = PausingServer(tmp_path, stage)
    try:
        server.post_until_paused_then_kill(token, body, key=f"crash-{stage}")
    finally:
        server.stop()
    retry = tworld.client("requester").post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY=f"crash-{stage}")
    assert retry.status_code == 201, retry.json()
    permits = list(Permit.objects.filter(title=f"Crash at {stage}"))
    assert [p.id for p in permits] == [retry.json()["id"]]
    assert retry.has_header("Idempotent-Replayed") == (stage == "response")
