"""Moving outbox messages to webhook endpoints: fan-out into deliveries, then signed attempts with retries.

Attempts run outside any transaction (a receiver may take 15 s); a delivery is claimed first by a
conditional update of its `next_attempt_at`, so two workers never send the same attempt. The claim records the
attempt as in flight in the same transaction, before anything is sent: a worker that dies mid-attempt leaves it
there, and the next claim (after the lease) marks it "no outcome recorded" and numbers its own attempt after it.
"""

from __future__ import annotations

import json
import logging
import random
import time
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ptw.core.models import OutboxMessage
from ptw.core.outbox import outbox_add
from ptw.webhooks.choices import EVENTS, AttemptOutcome, DeliveryStatus, DisabledReason
from ptw.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from ptw.webhooks.signing import signed_headers
from ptw.webhooks.targets import TargetRefused, target_pinned

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 15.0
# Waits after the 1st, 2nd, … failed attempt: about 3 days in all, then the delivery has failed.
RETRY_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=14),
    timedelta(hours=20),
    timedelta(hours=24),
)
JITTER = 0.2
MAX_RETRY_AFTER = timedelta(hours=24)
DISABLE_AFTER = timedelta(days=5)
# How long a claimed attempt may take before another worker may try the delivery again.
CLAIM_LEASE = timedelta(seconds=60)
RESPONSE_KEPT = 2000
DISPATCH_BATCH = 500


def body_of(message_id: str, event_type: str, at: datetime, tenant_id: int, project_id: int, data: Any) -> str:
    """The JSON body of a delivery: the same bytes on every attempt, as the signature covers them."""
    envelope = {
        "id": message_id,
        "type": event_type,
        "timestamp": at.isoformat(),
        "tenant_id": tenant_id,
        "project_id": project_id,
        "data": data,
    }
    return json.dumps(envelope, separators=(",", ":"), sort_keys=True, default=str)


def outbox_dispatch(now: datetime | None = None) -> int:
    """Turn undispatched outbox messages into deliveries for every enabled endpoint subscribed to them."""
    now = now or timezone.now()
    created = 0
    with transaction.atomic():
        messages = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(dispatched_at__isnull=True)
            .order_by("id")[:DISPATCH_BATCH]
        )
        if not messages:
            return 0
        projects = {message.project_id for message in messages}
        endpoints = list(WebhookEndpoint.objects.filter(project_id__in=projects, enabled=True))
        deliveries = []
        for message in messages:
            if message.topic not in EVENTS:
                continue
            message_id = f"msg_{message.id}"
            body = body_of(
                message_id, message.topic, message.created_at, message.tenant_id, message.project_id, message.payload
            )
            deliveries += [
                WebhookDelivery(
                    endpoint=endpoint,
                    message_id=message_id,
                    event_type=message.topic,
                    body=body,
                    created_at=message.created_at,
                    next_attempt_at=now,
                )
                for endpoint in endpoints
                if endpoint.project_id == message.project_id and message.topic in endpoint.events
            ]
        created = len(WebhookDelivery.objects.bulk_create(deliveries, ignore_conflicts=True))
        OutboxMessage.objects.filter(pk__in=[message.pk for message in messages]).update(dispatched_at=now)
    return created


def deliveries_due(now: datetime | None = None, limit: int = 500) -> list[int]:
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now, endpoint__enabled=True)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )


def attempts_abandoned_close(now: datetime, delivery_id: int | None = None) -> int:
    """Mark attempts still in flight after their claim's lease as having no recorded outcome (the worker stopped)."""
    abandoned = WebhookAttempt.objects.filter(outcome=AttemptOutcome.IN_FLIGHT)
    abandoned = (
        abandoned.filter(delivery_id=delivery_id) if delivery_id else abandoned.filter(at__lte=now - CLAIM_LEASE)
    )
    return abandoned.update(
        outcome=AttemptOutcome.NO_OUTCOME, finished_at=now, error=AttemptOutcome.NO_OUTCOME.label[:500]
    )


def _claim(delivery_id: int, now: datetime) -> tuple[WebhookDelivery, WebhookAttempt] | None:
    with transaction.atomic():
        # The conditions sit on the delivery row itself (the endpoint through a subquery, not a join):
        # PostgreSQL re-checks them on the locked row, so of two concurrent claims only one matches.
        claimed = WebhookDelivery.objects.filter(
            Q(next_attempt_at__lte=now),
            pk=delivery_id,
            status=DeliveryStatus.PENDING,
            endpoint_id__in=WebhookEndpoint.objects.filter(enabled=True).values("id"),
        ).update(next_attempt_at=now + CLAIM_LEASE, attempts=F("attempts") + 1, last_attempt_at=now)
        if not claimed:
            return None
        delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
        # Winning the claim means any earlier lease on this delivery has run out: its attempt will not finish.
        attempts_abandoned_close(now, delivery_id)
        attempt = WebhookAttempt.objects.create(delivery=delivery, number=delivery.attempt_log.count() + 1, at=now)
    return delivery, attempt


def _retry_after(response: httpx.Response | None, now: datetime) -> timedelta | None:
    raw = response.headers.get("retry-after", "").strip() if response is not None else ""
    if not raw:
        return None
    if raw.isascii() and raw.isdigit():
        # More than six digits is beyond the cap anyway; int() refuses thousands of them.
        wait = MAX_RETRY_AFTER if len(raw) > 6 else timedelta(seconds=int(raw))
    else:
        try:
            wait = parsedate_to_datetime(raw) - now
        except (TypeError, ValueError, OverflowError):
            return None
    return min(max(wait, timedelta(0)), MAX_RETRY_AFTER)


def _send(delivery: WebhookDelivery, now: datetime) -> tuple[httpx.Response | None, str, int]:
    endpoint = delivery.endpoint
    keys = [endpoint.secret]
    if endpoint.previous_secret and endpoint.previous_secret_expires_at and endpoint.previous_secret_expires_at > now:
        keys.append(endpoint.previous_secret)
    started = time.monotonic()
    try:
        target = target_pinned(endpoint.url)
        headers = signed_headers(delivery.message_id, now, delivery.body, keys)
        with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
            # Connect to the address that was checked; Host, SNI and the certificate check use the name.
            response = client.post(
                target.url,
                content=delivery.body.encode(),
                headers={**headers, "host": target.host_header},
                extensions={"sni_hostname": target.host},
            )
        return response, "", int((time.monotonic() - started) * 1000)
    except TargetRefused as refused:
        return None, str(refused)[:500], int((time.monotonic() - started) * 1000)
    except httpx.HTTPError as error:
        return None, f"{type(error).__name__}: {error}"[:500], int((time.monotonic() - started) * 1000)


def delivery_attempt(delivery_id: int, now: datetime | None = None) -> WebhookAttempt | None:
    """Claim a due delivery (recording the attempt as in flight), send it and record the outcome; None when it is
    not due, another worker has it, or its endpoint was removed while it was being sent."""
    now = now or timezone.now()
    claim = _claim(delivery_id, now)
    if claim is None:
        return None
    delivery, attempt = claim
    response, error, latency = _send(delivery, now)
    code = response.status_code if response is not None else None
    succeeded = code is not None and 200 <= code < 300
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().filter(pk=delivery.endpoint_id).first()
        if endpoint is None:  # removed while the request was out: its deliveries and attempts went with it
            log.info("webhook endpoint %s removed during delivery %s", delivery.endpoint_id, delivery.pk)
            return None
        finished = WebhookAttempt.objects.filter(pk=attempt.pk, outcome=AttemptOutcome.IN_FLIGHT).update(
            outcome=AttemptOutcome.SUCCEEDED if succeeded else AttemptOutcome.FAILED,
            finished_at=timezone.now(),
            status_code=code,
            latency_ms=latency,
            response_body=response.text[:RESPONSE_KEPT] if response is not None else "",
            error=error or ("" if succeeded or code is None else f"HTTP {code}"),
        )
        attempt.refresh_from_db()
        if not finished:
            log.warning("webhook attempt %s finished after its lease; a later attempt owns the delivery", attempt.pk)
            return attempt
        delivery.last_attempt_at, delivery.last_status_code = now, code
        if succeeded:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.SUCCEEDED, None
            endpoint.failing_since = None
        else:
            _after_failure(delivery, endpoint, response, now)
        delivery.save(update_fields=["status", "next_attempt_at", "last_attempt_at", "last_status_code"])
        endpoint.save(update_fields=["failing_since", "enabled", "disabled_reason", "disabled_at"])
    return attempt


def _after_failure(
    delivery: WebhookDelivery, endpoint: WebhookEndpoint, response: httpx.Response | None, now: datetime
) -> None:
    endpoint.failing_since = endpoint.failing_since or now
    gone = response is not None and response.status_code == 410
    if gone or now - endpoint.failing_since >= DISABLE_AFTER:
        endpoint.enabled, endpoint.disabled_at = False, now
        endpoint.disabled_reason = DisabledReason.GONE if gone else DisabledReason.FAILING
        log.warning("webhook endpoint %s disabled: %s", endpoint.pk, endpoint.get_disabled_reason_display())
        outbox_add(
            "webhook.disabled",
            tenant_id=endpoint.project.tenant_id,
            project_id=endpoint.project_id,
            payload={"endpoint": endpoint.pk, "url": endpoint.url, "reason": endpoint.get_disabled_reason_display()},
        )
    if gone or delivery.attempts > len(RETRY_DELAYS):
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        return
    delay = RETRY_DELAYS[delivery.attempts - 1]
    delay *= 1 + random.uniform(-JITTER, JITTER)  # noqa: S311 — jitter, not a secret
    wait = _retry_after(response, now)
    delivery.next_attempt_at = now + max(delay, wait or timedelta(0))


def backlog(now: datetime | None = None) -> dict[str, Any]:
    """What waits to go out: messages not yet fanned out and deliveries past their time, with the oldest's age."""
    now = now or timezone.now()
    late = now - timedelta(minutes=1)
    undispatched = OutboxMessage.objects.filter(dispatched_at__isnull=True, created_at__lt=late)
    overdue = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lt=late, endpoint__enabled=True
    )
    oldest = [
        value
        for value in (
            undispatched.order_by("created_at").values_list("created_at", flat=True).first(),
            overdue.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first(),
        )
        if value is not None
    ]
    return {
        "undispatched": undispatched.count(),
        "overdue": overdue.count(),
        "oldest_seconds": int((now - min(oldest)).total_seconds()) if oldest else 0,
        "endpoints": WebhookEndpoint.objects.count(),
        "disabled": WebhookEndpoint.objects.filter(enabled=False)
        .exclude(disabled_reason=DisabledReason.BY_ADMIN)
        .count(),
    }
