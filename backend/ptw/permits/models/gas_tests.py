"""Atmospheric gas readings taken for a permit."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class GasTest(models.Model):
    permit = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="gas_tests")
    gas = models.CharField(max_length=16)
    value = models.DecimalField(max_digits=8, decimal_places=2)
    unit = models.CharField(max_length=8)
    instrument_id = models.CharField(max_length=60)
    calibrated_on = models.DateField()
    tested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tested_at = models.DateTimeField()
    location = models.CharField(max_length=200)
    result = models.CharField(max_length=4)
    limit = models.JSONField()
    fresh_until = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-tested_at", "-id"]
        indexes = [models.Index(fields=["permit", "gas", "-tested_at"])]

    def __str__(self) -> str:
        return f"{self.gas} {self.value} {self.unit} ({self.result})"
