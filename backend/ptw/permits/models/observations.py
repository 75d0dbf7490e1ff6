"""Safety observations the system records about a permit, e.g. one not closed by its people in time."""

from __future__ import annotations

from django.db import models

from ptw.permits.models.permit import Permit


class ObservationKind(models.TextChoices):
    NOT_CLOSED_PROPERLY = "not_closed_properly", "PTW not closed properly"


class SafetyObservation(models.Model):
    permit = models.ForeignKey(Permit, on_delete=models.CASCADE, related_name="safety_observations")
    kind = models.CharField(max_length=32, choices=ObservationKind.choices)
    message = models.CharField(max_length=500)
    observed_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["kind", "observed_at"])]
