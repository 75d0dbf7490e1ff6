"""Tenants, companies, projects (sites) and memberships."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models

from ptw.accounts.choices import MembershipRole, Side
from ptw.accounts.defaults import default_policy, default_settings, default_shifts


class Tenant(models.Model):
    """One organisation's installation space; nothing crosses tenants."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Company(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="companies")
    name = models.CharField(max_length=200)
    side = models.CharField(max_length=16, choices=Side.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "name"], name="company_unique_name_per_tenant")]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return f"{self.name} ({self.side})"


class Project(models.Model):
    """A site: its time zone, shift windows, PTW settings and policy table."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="projects")
    name = models.CharField(max_length=200)
    code = models.SlugField(max_length=40)
    time_zone = models.CharField(max_length=64, default="UTC")
    shifts = models.JSONField(default=default_shifts)
    ptw_settings = models.JSONField(default=default_settings)
    policy = models.JSONField(default=default_policy)
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="project_unique_code_per_tenant")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def setting(self, key: str) -> object:
        return {**default_settings(), **(self.ptw_settings or {})}[key]


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "project"], name="membership_unique_user_project")]
        ordering = ["project_id", "user_id"]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.project_id}:{self.role}"
