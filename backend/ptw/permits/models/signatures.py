"""Signatures bound to the permit's content at the moment of each act."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PermitSignature(models.Model):
    permit = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="signatures")
    action = models.CharField(max_length=16)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=16)
    method = models.CharField(max_length=8)
    data = models.TextField()
    content_hash = models.CharField(max_length=64)
    signed_at = models.DateTimeField()
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["permit_id", "signed_at", "id"]
        indexes = [models.Index(fields=["permit", "voided_at"])]

    def __str__(self) -> str:
        return f"{self.action} by {self.signer_id} on {self.permit_id}"
