"""Operational records kept in the database so every host can see them."""

from __future__ import annotations

from django.db import models


class Heartbeat(models.Model):
    """The last sign of life of a background component (`worker`, `scheduler`)."""

    component = models.CharField(max_length=32, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    beat_at = models.DateTimeField()

    class Meta:
        ordering = ["component"]

    def __str__(self) -> str:
        return f"{self.component}@{self.hostname} {self.beat_at.isoformat()}"
