"""Cross-cutting records: the outbox and idempotency keys."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OutboxMessage(models.Model):
    """An event to deliver (webhooks, notifications), written in the transaction of its change.

    Background tasks only move rows forward, each consumer on its own marker: webhooks `dispatched_at`,
    notifications `notified_at`; a sweep re-enqueues what is due. `key`, when given, makes the event happen once
    (a scheduled reminder written by two sweeps at once is stored once).
    """

    topic = models.CharField(max_length=64)
    tenant_id = models.BigIntegerField()
    project_id = models.BigIntegerField()
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    class Meta:
        indexes = [
            models.Index(fields=["dispatched_at", "created_at"]),
            models.Index(fields=["notified_at", "created_at"], name="core_outbox_notified_idx"),
        ]
        ordering = ["id"]


class IdempotencyRecord(models.Model):
    """The first response to a POST with an `Idempotency-Key`, replayed for 24 h."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    body = models.JSONField(null=True)
    headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_unique_user_key")]
