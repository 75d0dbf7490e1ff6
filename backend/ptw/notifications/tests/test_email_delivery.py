"""E-mails through a real SMTP server: plain text and HTML naming the permit with a link; retried with backoff while
the server is down, each arriving exactly once when it is back; failed after the last retry and reported."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from ptw.notifications.models import EmailDelivery
from ptw.notifications.services.emails import RETRY_DELAYS, email_send, emails_due
from ptw.notifications.tests.conftest import World, notify
from ptw.notifications.tests.smtp_receiver import SmtpReceiver, free_port
from ptw.permits.tests.test_concurrency import in_parallel


@pytest.fixture
def smtp_port(settings: Any) -> int:
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.PTW_EMAIL_TIMEOUT_SECONDS = 5
    settings.PTW_PUBLIC_URL = "https://ptw.example.com"
    return port


@pytest.fixture
def smtp(smtp_port: int) -> Iterator[SmtpReceiver]:
    receiver = SmtpReceiver(smtp_port).start()
    yield receiver
    receiver.stop()


def send_due() -> int:
    return sum(email_send(delivery_id) is not None for delivery_id in emails_due())


def test_each_verifier_gets_a_short_mail_naming_the_permit_with_a_link(
    smtp: SmtpReceiver, world: World, submitted: dict[str, Any]
) -> None:
    assert send_due() == 2
    assert smtp.recipients() == sorted([world["verifier"].email, world["verifier2"].email])
    mail = smtp.messages[0]
    assert submitted["permit_number"] in str(mail["Subject"])
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in mail.walk()
        if not part.is_multipart()
    }
    link = f"https://ptw.example.com/permits/{submitted['id']}?project={world.acme.project.id}"
    for kind in ("text/plain", "text/html"):
        assert submitted["permit_number"] in parts[kind]
        assert submitted["location"] in parts[kind]
        assert link in parts[kind]
    assert set(EmailDelivery.objects.values_list("state", flat=True)) == {"sent"}
    assert send_due() == 0
    assert len(smtp.messages) == 2


def test_server_down_then_up_each_mail_arrives_once(world: World, smtp_port: int) -> None:
    for n in range(3):
        permit = world.create(title=f"Permit {n}")
        world.walk(permit["id"], [("submit", "requester")])
    notify()
    assert EmailDelivery.objects.count() == 6
    assert send_due() == 6  # every attempt refused: nobody listens
    refused = list(EmailDelivery.objects.all())
    assert {(d.state, d.attempts) for d in refused} == {("pending", 1)}
    assert all(d.last_error and d.next_attempt_at and d.next_attempt_at > timezone.now() for d in refused)
    assert send_due() == 0  # not due again before the backoff
    receiver = SmtpReceiver(smtp_port).start()
    try:
        with time_machine.travel(timezone.now() + RETRY_DELAYS[0] * 2):
            assert send_due() == 6
            assert send_due() == 0
        with time_machine.travel(timezone.now() + timedelta(days=2)):
            assert send_due() == 0
    finally:
        receiver.stop()
    assert len(receiver.messages) == 6
    assert len(set(receiver.recipients())) == 2
    subjects = sorted((str(m["To"]), str(m["Subject"])) for m in receiver.messages)
    assert len(set(subjects)) == 6
    assert {(d.state, d.attempts) for d in EmailDelivery.objects.all()} == {("sent", 2)}


def test_after_the_last_retry_the_mail_has_failed_and_status_reports_it(
    world: World, submitted: dict[str, Any], smtp_port: int
) -> None:
    from ptw.ops.checks import check_notifications

    moment = timezone.now()
    with time_machine.travel(moment, tick=False) as clock:
        for _ in range(len(RETRY_DELAYS) + 1):
            send_due()
            clock.shift(max(RETRY_DELAYS) * 2)
        assert send_due() == 0
    failed = list(EmailDelivery.objects.all())
    assert {(d.state, d.attempts) for d in failed} == {("failed", len(RETRY_DELAYS) + 1)}
    check = check_notifications()
    assert check.status == "warning"
    assert check.details["failed"] == 2
    assert "2 e-mail(s) failed after every retry" in check.message


def test_two_workers_handed_the_same_mail_send_it_once(tworld: World, smtp: SmtpReceiver) -> None:
    permit = tworld.create()
    tworld.walk(permit["id"], [("submit", "requester")])
    notify()
    for delivery_id in emails_due():
        results = in_parallel([lambda d=delivery_id: email_send(d) for _ in range(2)])
        assert sum(result is not None for result in results) == 1
    assert len(smtp.messages) == 2
