"""The events a webhook endpoint may subscribe to, and the states of endpoints, deliveries and attempts."""

from __future__ import annotations

from django.db import models

EVENTS = (
    "permit.created",
    "permit.submitted",
    "permit.verified",
    "permit.rejected",
    "permit.approved",
    "permit.activated",
    "permit.suspended",
    "permit.resumed",
    "permit.handed_back",
    "permit.handback_refused",
    "permit.completed",
    "permit.cancelled",
    "permit.expired",
    "permit.extended",
    "gas_test.unsafe",
    "isolation.verified",
    "isolation.deisolated",
    "webhook.test",
)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class DisabledReason(models.TextChoices):
    NONE = "", "—"
    BY_ADMIN = "admin", "Disabled by an admin"
    GONE = "gone", "The receiver answered 410 Gone"
    FAILING = "failing", "Every delivery failed for 5 days"


class AttemptOutcome(models.TextChoices):
    IN_FLIGHT = "in_flight", "In flight"
    SUCCEEDED = "succeeded", "Accepted"
    FAILED = "failed", "Failed"
    NO_OUTCOME = "no_outcome", "No outcome recorded (worker stopped)"
