"""What waits for whom: one row per pool member (or the named person) per step."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ptw.accounts.models import Project
from ptw.permits.choices import TaskKind, TaskState


class PermitTask(models.Model):
    permit = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="tasks")
    # The permit's project, copied when the task opens (a permit never changes project): Waiting for me scopes and
    # counts a person's open tasks from its index alone, without reading their permits.
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+", db_index=False)
    kind = models.CharField(max_length=16, choices=TaskKind.choices)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="permit_tasks")
    pool = models.BooleanField(default=True)
    state = models.CharField(max_length=16, choices=TaskState.choices, default=TaskState.OPEN)
    # Why the step is needed, when someone gave a reason: the rejection a requester is to fix.
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Waiting for me: a person's open tasks newest first, one index walk however many the project has had; the
        # count and the project scope read the index alone (the project is in it), and so does the list's
        # `mine=tasks`, which needs only their permits (at 1M permits its count went from 495 to 78 ms).
        indexes = [
            models.Index(
                fields=["assignee", "created_at", "id"],
                include=["project", "permit"],
                condition=models.Q(state=TaskState.OPEN),
                name="task_open_for_assignee",
            )
        ]
        ordering = ["-created_at", "-id"]
