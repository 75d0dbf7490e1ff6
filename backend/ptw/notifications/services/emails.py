"""Sending notification e-mails through Django's e-mail backend, with retries and exponential backoff.

A delivery is claimed first by a conditional update of its `next_attempt_at` (a lease), so two workers never send
the same e-mail; a refused or unreachable server schedules the next attempt further out, and after the last one
the delivery is `failed` (reported by `make status`).
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F
from django.utils import timezone

from ptw.core.models import OutboxMessage
from ptw.notifications.choices import EmailState
from ptw.notifications.models import EmailDelivery

log = logging.getLogger(__name__)

# Waits after the 1st, 2nd, … failed attempt (doubling): about 8.5 hours in all, then the e-mail has failed.
RETRY_DELAYS = tuple(timedelta(minutes=1) * 2**step for step in range(9))
JITTER = 0.2
CLAIM_LEASE = timedelta(minutes=2)
ERROR_KEPT = 500


def emails_due(now: datetime | None = None, limit: int = 200) -> list[int]:
    now = now or timezone.now()
    return list(
        EmailDelivery.objects.filter(state=EmailState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )


def email_send(delivery_id: int, now: datetime | None = None) -> EmailDelivery | None:
    """Send one due e-mail once.

    1. Claim it: pending and due, move its next attempt past the lease and count the attempt (None: not ours).
    2. Send it through the configured backend (SMTP in production) with a timeout.
    3. Sent: mark it sent. Refused or unreachable: retry later with backoff, or mark it failed after the last.
    """
    now = now or timezone.now()
    claimed = EmailDelivery.objects.filter(pk=delivery_id, state=EmailState.PENDING, next_attempt_at__lte=now).update(
        next_attempt_at=now + CLAIM_LEASE, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    delivery = EmailDelivery.objects.get(pk=delivery_id)
    message = EmailMultiAlternatives(
        subject=delivery.subject,
        body=delivery.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.to_address],
        connection=get_connection(timeout=settings.PTW_EMAIL_TIMEOUT_SECONDS),
    )
    message.attach_alternative(delivery.html, "text/html")
    try:
        message.send()
    except Exception as error:  # a refused or unreachable server: every kind is retried the same way
        _after_failure(delivery, f"{type(error).__name__}: {error}", now)
        return delivery
    delivery.state, delivery.sent_at, delivery.next_attempt_at, delivery.last_error = EmailState.SENT, now, None, ""
    delivery.save(update_fields=["state", "sent_at", "next_attempt_at", "last_error"])
    return delivery


def _after_failure(delivery: EmailDelivery, error: str, now: datetime) -> None:
    delivery.last_error = error[:ERROR_KEPT]
    if delivery.attempts > len(RETRY_DELAYS):
        delivery.state, delivery.next_attempt_at = EmailState.FAILED, None
        log.warning("notification e-mail %s failed after %s attempts: %s", delivery.pk, delivery.attempts, error)
    else:
        delay = RETRY_DELAYS[delivery.attempts - 1] * (1 + random.uniform(-JITTER, JITTER))  # noqa: S311 — jitter
        delivery.next_attempt_at = now + delay
    delivery.save(update_fields=["state", "next_attempt_at", "last_error"])


# A failed e-mail is reported for this long after it was written; the rows stay for the record.
FAILED_REPORTED = timedelta(days=7)


def backlog(now: datetime | None = None) -> dict[str, Any]:
    """What waits: outbox messages not yet turned into notifications, e-mails past their time, recent failures."""
    now = now or timezone.now()
    late = now - timedelta(minutes=1)
    unnotified = OutboxMessage.objects.filter(notified_at__isnull=True, created_at__lt=late)
    overdue = EmailDelivery.objects.filter(state=EmailState.PENDING, next_attempt_at__lt=late)
    oldest = [
        value
        for value in (
            unnotified.order_by("created_at").values_list("created_at", flat=True).first(),
            overdue.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first(),
        )
        if value is not None
    ]
    return {
        "unnotified": unnotified.count(),
        "overdue": overdue.count(),
        "retrying": EmailDelivery.objects.filter(state=EmailState.PENDING, attempts__gt=0).count(),
        "failed": EmailDelivery.objects.filter(state=EmailState.FAILED, created_at__gte=now - FAILED_REPORTED).count(),
        "oldest_seconds": int((now - min(oldest)).total_seconds()) if oldest else 0,
    }
