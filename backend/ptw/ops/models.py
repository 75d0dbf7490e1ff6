"""Operational records kept in the database so every host can see them."""

from __future__ import annotations

from django.db import models


class Heartbeat(models.Model):
    """The last sign of life of one background process (`worker`, `scheduler`) on one host."""

    component = models.CharField(max_length=32)
    hostname = models.CharField(max_length=255, blank=True)
    beat_at = models.DateTimeField()

    class Meta:
        ordering = ["component", "-beat_at"]
        constraints = [
            models.UniqueConstraint(fields=["component", "hostname"], name="ops_heartbeat_unique_process"),
        ]

    def __str__(self) -> str:
        return f"{self.component}@{self.hostname} {self.beat_at.isoformat()}"


class SchedulerLease(models.Model):
    """Who may send the scheduled tasks: one holder at a time, until `expires_at` unless renewed."""

    name = models.CharField(max_length=32, unique=True)
    holder = models.CharField(max_length=255, blank=True)
    acquired_at = models.DateTimeField(null=True)
    renewed_at = models.DateTimeField(null=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.holder or 'nobody'} until {self.expires_at.isoformat()}"
