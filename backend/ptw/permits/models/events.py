"""The permit timeline: append-only, hash-chained events that outlive even a deleted draft."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ptw.accounts.models import Project


class PermitEvent(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    # No database constraint: the events of a deleted draft stay, with the permit's id.
    permit = models.ForeignKey(
        "permits.Permit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="events"
    )
    seq = models.PositiveIntegerField()
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField()
    comment = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=128, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["permit", "seq"], name="permit_event_unique_seq")]
        ordering = ["permit_id", "seq"]

    def __str__(self) -> str:
        return f"{self.permit_id}#{self.seq} {self.action}"


class ChainCheck(models.Model):
    """One run of the scheduled check of every timeline's hash chain: what it covered and which broke."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    permits = models.PositiveIntegerField()
    events = models.PositiveIntegerField()
    # [{permit_id, number, project_id, project, seq, event_id, reason}] for each broken timeline.
    broken = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-finished_at", "-id"]
        indexes = [models.Index(fields=["-finished_at"], name="chain_check_latest")]

    def __str__(self) -> str:
        return f"chain check {self.finished_at.isoformat()}: {self.permits} permits, {len(self.broken)} broken"
