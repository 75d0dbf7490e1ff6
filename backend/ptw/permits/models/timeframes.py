"""Extensions of a permit's planned end, and shift handovers of its performing authority."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class PermitExtension(models.Model):
    permit = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    previous_end = models.DateTimeField()
    new_end = models.DateTimeField()
    reason = models.TextField(max_length=2000)
    # The extension reaches into another shift window than the one the permit ended in: the gas test and the
    # controls are re-confirmed before it is approved.
    crosses_shift = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(max_length=2000, blank=True)
    controls_reconfirmed = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["permit"],
                condition=models.Q(status="pending"),
                name="permit_extension_one_pending",
            )
        ]


class PermitHandover(models.Model):
    """The performing authority of an active permit hands it to the next shift's; both acknowledge."""

    permit = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="handovers")
    outgoing = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    incoming = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(max_length=5000)
    handed_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["permit"],
                condition=models.Q(acknowledged_at__isnull=True),
                name="permit_handover_one_open",
            )
        ]
