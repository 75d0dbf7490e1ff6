"""Registering, changing, rotating and removing webhook endpoints (project admins)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.accounts.policies import visible_project_ids
from ptw.core.errors import Conflict, InvalidInput
from ptw.core.versioning import check_version, locked_row
from ptw.webhooks.choices import DisabledReason
from ptw.webhooks.models import WebhookDelivery, WebhookEndpoint
from ptw.webhooks.policies import admin_required, endpoint_visible
from ptw.webhooks.services.deliveries import body_of
from ptw.webhooks.signing import secret_new
from ptw.webhooks.targets import TargetRefused, target_check
from ptw.webhooks.tasks import pump_after_commit

ROTATION_OVERLAP = timedelta(hours=24)


def _check_url(url: str) -> None:
    try:
        target_check(url)
    except TargetRefused as refused:
        raise InvalidInput(fields={"url": [str(refused)]}) from None


def endpoint_create(*, actor: User, project_id: int, data: dict[str, Any]) -> WebhookEndpoint:
    if project_id not in visible_project_ids(actor):
        raise InvalidInput(fields={"project": ["No such project."]})
    admin_required(actor, project_id)
    _check_url(data["url"])
    return WebhookEndpoint.objects.create(project_id=project_id, created_by=actor, secret=secret_new(), **data)


def _locked(actor: User, endpoint_id: int) -> WebhookEndpoint:
    endpoint = endpoint_visible(actor, endpoint_id)
    admin_required(actor, endpoint.project_id)
    return locked_row(WebhookEndpoint.objects.filter(pk=endpoint.pk))


def endpoint_update(
    *,
    actor: User,
    endpoint_id: int,
    data: dict[str, Any],
    expected_version: int,
) -> WebhookEndpoint:
    """Change URL, events, description or enabled; enabling clears why it was disabled and its failure run."""
    if "url" in data:
        _check_url(data["url"])
    with transaction.atomic():
        endpoint = _locked(actor, endpoint_id)
        check_version(endpoint.version, expected_version, endpoint)
        enabled = data.get("enabled", endpoint.enabled)
        if enabled and not endpoint.enabled:
            endpoint.disabled_reason, endpoint.disabled_at, endpoint.failing_since = "", None, None
        elif not enabled and endpoint.enabled:
            endpoint.disabled_reason, endpoint.disabled_at = DisabledReason.BY_ADMIN, timezone.now()
        for key, value in data.items():
            setattr(endpoint, key, value)
        endpoint.version += 1
        endpoint.save()
        return endpoint


def endpoint_delete(*, actor: User, endpoint_id: int) -> None:
    with transaction.atomic():
        _locked(actor, endpoint_id).delete()


def endpoint_rotate_secret(*, actor: User, endpoint_id: int) -> WebhookEndpoint:
    """A new secret; the old one keeps signing beside it for 24 h so receivers can switch without a gap."""
    with transaction.atomic():
        endpoint = _locked(actor, endpoint_id)
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_expires_at = timezone.now() + ROTATION_OVERLAP
        endpoint.secret = secret_new()
        endpoint.version += 1
        endpoint.save()
        return endpoint


def endpoint_test(*, actor: User, endpoint_id: int) -> WebhookDelivery:
    """Queue a `webhook.test` ping to the endpoint, delivered like any event."""
    with transaction.atomic():
        endpoint = _locked(actor, endpoint_id)
        if not endpoint.enabled:
            raise Conflict("The endpoint is disabled; enable it first.", code="endpoint_disabled")
        now = timezone.now()
        message_id = f"msg_test_{uuid.uuid4().hex}"
        data = {"message": "Test ping from PTW.", "requested_by": {"id": actor.id, "name": actor.name}}
        pump_after_commit(sender=WebhookDelivery)
        return WebhookDelivery.objects.create(
            endpoint=endpoint,
            message_id=message_id,
            event_type="webhook.test",
            body=body_of(message_id, "webhook.test", now, actor.tenant_id, endpoint.project_id, data),
            created_at=now,
            next_attempt_at=now,
        )


def delivery_redeliver(*, actor: User, endpoint_id: int, delivery_id: int) -> WebhookDelivery:
    """Send a delivery again from the start of its retry schedule (same id and body, so receivers dedupe)."""
    with transaction.atomic():
        endpoint = _locked(actor, endpoint_id)
        if not endpoint.enabled:
            raise Conflict("The endpoint is disabled; enable it first.", code="endpoint_disabled")
        delivery = locked_row(WebhookDelivery.objects.filter(pk=delivery_id, endpoint=endpoint))
        delivery.status, delivery.attempts, delivery.next_attempt_at = "pending", 0, timezone.now()
        delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
        pump_after_commit(sender=WebhookDelivery)
        return delivery


def secrets_reseal() -> int:
    """Encrypt every stored endpoint secret again under the first PTW_SECRETS_KEY (after a key rotation)."""
    count = 0
    with transaction.atomic():
        for endpoint in WebhookEndpoint.objects.select_for_update().order_by("id"):
            endpoint.save(update_fields=["secret", "previous_secret"])
            count += 1
    return count
