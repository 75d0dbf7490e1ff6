"""The audit of administration changes on a project: members, the policy table, PTW settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ptw.accounts.models.organisation import Project


class AdminSubject(models.TextChoices):
    """What an administration change is about: each admin screen shows its own subject's history."""

    MEMBER = "member", "Member"
    POLICY = "policy", "Policy table"
    SETTINGS = "settings", "PTW settings"


class AdminChange(models.Model):
    """One administration change: who, when, on what, and each changed field as `[old, new]`. Append-only."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=16, choices=AdminSubject.choices)
    subject_id = models.PositiveIntegerField(null=True, blank=True)  # the membership, for a member change
    action = models.CharField(max_length=24)  # update | add | invite | deactivate | reactivate
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    changes = models.JSONField(default=dict)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [models.Index(fields=["project", "subject", "at"], name="adminchange_project_subject_at")]
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.project_id} {self.subject} {self.action} by {self.actor_id}"
