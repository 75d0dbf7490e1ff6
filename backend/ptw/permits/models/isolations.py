"""Lockout/tagout: the project's isolation points and the isolations applied for permits."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ptw.accounts.models import Project
from ptw.permits.choices import IsolationStatus


class EnergyType(models.TextChoices):
    ELECTRICAL = "electrical"
    MECHANICAL = "mechanical"
    HYDRAULIC = "hydraulic"
    PNEUMATIC = "pneumatic"
    PROCESS = "process"
    CHEMICAL = "chemical"
    THERMAL = "thermal"
    GRAVITATIONAL = "gravitational"
    RADIATION = "radiation"


class PointType(models.TextChoices):
    VALVE = "valve"
    BREAKER = "breaker"
    SWITCH = "switch"
    DISCONNECT = "disconnect"
    BLIND = "blind"
    OTHER = "other"


class IsolationPoint(models.Model):
    """A point of the project's isolation library (admins write)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="isolation_points")
    code = models.CharField(max_length=60)
    name = models.CharField(max_length=200)
    asset_tag = models.CharField(max_length=60, blank=True)
    energy_type = models.CharField(max_length=16, choices=EnergyType.choices)
    point_type = models.CharField(max_length=16, choices=PointType.choices, default=PointType.VALVE)
    method = models.CharField(max_length=500, blank=True)
    verification_method = models.CharField(max_length=500, blank=True)
    locks_required = models.PositiveSmallIntegerField(default=1)
    # The equipment the point belongs to in the location tree (optional).
    equipment = models.ForeignKey(
        "permits.LocationNode", on_delete=models.PROTECT, null=True, blank=True, related_name="isolation_points"
    )
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="isolation_point_unique_code")]
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PermitIsolation(models.Model):
    """One point isolated for one permit: assigned → isolated → verified → deisolated → reinstated."""

    permit = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="isolations")
    # The permit's project, copied when the isolation is assigned (a permit never changes project): the register
    # of a project is one walk of its own index, counted from the index alone.
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+", db_index=False)
    point = models.ForeignKey(IsolationPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=200)
    energy_type = models.CharField(max_length=16, choices=EnergyType.choices)
    locks_required = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=12, choices=IsolationStatus.choices, default=IsolationStatus.ASSIGNED)
    lock_numbers = models.JSONField(default=list, blank=True)
    isolated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    isolated_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    deisolated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    deisolated_at = models.DateTimeField(null=True, blank=True)
    # After de-isolation another person confirms the equipment is back in service and tested, or says why not.
    reinstated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reinstated_at = models.DateTimeField(null=True, blank=True)
    reinstatement_tested = models.BooleanField(null=True, blank=True)
    reinstatement_note = models.TextField(max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # The isolation register: a project's live (applied) isolations in name order, whatever the history.
            models.Index(
                fields=["project", "name", "id"],
                condition=models.Q(status__in=[IsolationStatus.ISOLATED, IsolationStatus.VERIFIED]),
                name="isolation_register",
            ),
            # "Isolation pending" (reports): the isolations not yet applied and verified, from a time on (those of
            # the permits made in a report's window), and whose permit each is.
            models.Index(
                fields=["created_at", "permit"],
                condition=models.Q(status__in=[IsolationStatus.ASSIGNED, IsolationStatus.ISOLATED]),
                name="isolation_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class IsolationLock(models.Model):
    """A lock number on a live isolation; the partial unique index keeps it on one at a time."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    lock_number = models.CharField(max_length=40)
    isolation = models.ForeignKey(PermitIsolation, on_delete=models.CASCADE, related_name="locks")
    live = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "lock_number"], condition=models.Q(live=True), name="isolation_lock_live_unique"
            )
        ]

    def __str__(self) -> str:
        return self.lock_number
