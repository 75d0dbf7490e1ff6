"""The crew on a permit and the toolbox talk they acknowledge before work starts."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PermitWorker(models.Model):
    permit = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="workers")
    name = models.CharField(max_length=120)
    company = models.CharField(max_length=120)
    trade = models.CharField(max_length=80, blank=True)
    competency = models.TextField(max_length=2000, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # Who recorded the worker's acknowledgement (workers are not users of the system).
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.company})"


class ToolboxTalk(models.Model):
    """One per permit, created when the talk is first recorded."""

    permit = models.OneToOneField("permits.Permit", on_delete=models.CASCADE, related_name="toolbox_talk")
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField()
    topics = models.JSONField(default=list)
    notes = models.TextField(max_length=5000, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"toolbox talk of permit {self.permit_id}"
