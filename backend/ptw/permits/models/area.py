"""Area-wide acts and the audit exports: what was done to many permits at once, by whom, when and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ptw.accounts.models import Project


class AreaSuspension(models.Model):
    """One act that suspended every active permit of a project, or of a location in it, for one reason.

    Each permit is suspended in its own transaction through the one suspend transition; the rows of
    `AreaSuspensionPermit` say which were suspended and why the others were not."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    location_text = models.CharField(max_length=200, blank=True)  # empty, with no node: the whole project
    # A node of the location tree: the permits placed at it or below it.
    location_node = models.ForeignKey(
        "permits.LocationNode", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    permit_type = models.ForeignKey("permits.PermitType", on_delete=models.PROTECT, null=True, blank=True)
    reason = models.CharField(max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    suspended = models.PositiveIntegerField(default=0)
    not_suspended = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["project", "-at"], name="area_suspension_latest")]


class AreaSuspensionPermit(models.Model):
    """One permit an area suspension selected: suspended, or not and why (the refusal's code and message)."""

    area_suspension = models.ForeignKey(AreaSuspension, on_delete=models.CASCADE, related_name="permits")
    permit = models.ForeignKey("permits.Permit", on_delete=models.PROTECT, related_name="+")
    permit_number = models.CharField(max_length=20)
    from_status = models.CharField(max_length=16)
    suspended = models.BooleanField()
    code = models.CharField(max_length=64, blank=True)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["area_suspension", "permit"], name="area_suspension_permit_once")
        ]


class AuditExport(models.Model):
    """One audit export taken: who took which permits away as a file, and the SHA-256 of its manifest."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    permit = models.ForeignKey("permits.Permit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    date_from = models.DateField(null=True, blank=True)
    date_to = models.DateField(null=True, blank=True)
    permits = models.PositiveIntegerField()
    manifest_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-at", "-id"]
