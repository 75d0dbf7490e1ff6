"""Permit types: requirement flags, checklists and form templates, overridable per project."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db import models

from ptw.accounts.models import Project, Tenant
from ptw.permits.choices import ClosingMode, RiskLevel

# Fields a project may override; everything a permit's rules read from its type.
OVERRIDABLE_FIELDS = (
    "color",
    "risk_level",
    "max_validity_hours",
    "closing_mode",
    "max_extensions",
    "requires_gas_test",
    "requires_isolation",
    "requires_fire_watch",
    "fire_watch_minutes",
    "requires_toolbox_talk",
    "requires_closeout",
    "min_workers",
    "gas_tests_required",
    "gas_limits",
    "mandatory_ppe",
    "checklist",
    "closeout_checklist",
    "form_fields",
    "required_attachments",
    "required_competencies",
    "is_active",
)


class PermitType(models.Model):
    """A kind of work (hot work, confined space …). Tenant-wide; never deleted while used, only retired."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="permit_types")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=60)
    color = models.CharField(max_length=7, default="#1677ff")
    risk_level = models.CharField(max_length=8, choices=RiskLevel.choices, default=RiskLevel.MEDIUM)
    max_validity_hours = models.PositiveIntegerField(default=12)
    closing_mode = models.CharField(max_length=24, choices=ClosingMode.choices, default=ClosingMode.MANUAL)
    max_extensions = models.PositiveIntegerField(default=2)
    requires_gas_test = models.BooleanField(default=False)
    requires_isolation = models.BooleanField(default=False)
    requires_fire_watch = models.BooleanField(default=False)
    # How long the fire watch is kept after hot work ends before the hand-back may be accepted (NFPA 51B: ≥ 60).
    fire_watch_minutes = models.PositiveIntegerField(default=60)
    requires_toolbox_talk = models.BooleanField(default=False)
    requires_closeout = models.BooleanField(default=True)
    min_workers = models.PositiveIntegerField(default=0)
    gas_tests_required = models.JSONField(default=list, blank=True)
    gas_limits = models.JSONField(default=dict, blank=True)
    mandatory_ppe = models.JSONField(default=list, blank=True)
    checklist = models.JSONField(default=list, blank=True)
    closeout_checklist = models.JSONField(default=list, blank=True)
    form_fields = models.JSONField(default=list, blank=True)
    # Attachment kinds (choices.AttachmentKind) a permit of this type has before it is submitted, e.g. hot work: JSA.
    required_attachments = models.JSONField(default=list, blank=True)
    # {role: [competency kind codes]}: what each role on a permit of this type holds a valid certificate of
    # (roles: permits/competency.py ROLES), e.g. {"gas_tester": ["authorised-gas-tester"]}.
    required_competencies = models.JSONField(default=dict, blank=True)
    # False: retired tenant-wide (not offered for new permits; permits that use it keep it). In an override: the
    # type is not offered on that project.
    is_active = models.BooleanField(default=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="permit_type_unique_code_per_tenant")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def effective(self, project_id: int, overrides: dict[int, dict[str, Any]] | None = None) -> EffectiveType:
        """This type as it applies on one project (its overrides merged in): the overrides given, else those read
        with this instance (`overrides_read`), else one query."""
        if overrides is not None:
            values = overrides.get(self.id, {})
        elif project_id in self._overrides_read:
            values = self._overrides_read[project_id]
        else:
            row = self.overrides.filter(project_id=project_id).first()
            values = row.values if row else {}
        return EffectiveType(self, values)

    @cached_property
    def _overrides_read(self) -> dict[int, dict[str, Any]]:
        return {}

    def overrides_read(self, project_id: int, values: dict[str, Any] | None) -> None:
        """Keep one project's overrides, read with this instance (None: the project overrides nothing), so that
        `effective` costs no query for it."""
        self._overrides_read[project_id] = values or {}


class PermitTypeOverride(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="permit_type_overrides")
    permit_type = models.ForeignKey(PermitType, on_delete=models.CASCADE, related_name="overrides")
    values = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "permit_type"], name="permit_type_override_unique"),
        ]


class EffectiveType:
    """Read-only view of a permit type with one project's overrides applied."""

    def __init__(self, base: PermitType, overrides: dict[str, Any]) -> None:
        self.base = base
        self.overrides = {key: value for key, value in overrides.items() if key in OVERRIDABLE_FIELDS}

    def __getattr__(self, name: str) -> Any:
        if name in ("base", "overrides"):
            raise AttributeError(name)
        if name == "is_active":  # a type retired tenant-wide stays retired whatever a project says
            return self.base.is_active and self.overrides.get("is_active", True)
        if name in self.overrides:
            return self.overrides[name]
        return getattr(self.base, name)
