"""The printed permit frozen at completion, and the opaque QR link to a permit."""

from __future__ import annotations

from django.db import models


class PermitDocument(models.Model):
    """The permit's PDF as it stood when it was completed; never regenerated afterwards."""

    permit = models.OneToOneField("permits.Permit", on_delete=models.CASCADE, related_name="document")
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    frozen_at = models.DateTimeField()


class PermitLink(models.Model):
    """An opaque token a QR code carries to a permit; revoking it makes printed codes dead ends."""

    permit = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="links")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["permit"], condition=models.Q(revoked_at__isnull=True), name="permit_link_one_live"
            )
        ]
