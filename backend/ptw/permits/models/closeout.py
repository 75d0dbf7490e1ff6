"""The hand-back of a permit: its closeout checklist answers, remarks and whether work has finished."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PermitCloseout(models.Model):
    """One per permit, created by its first write; `answers` is `{item_key: {done, comment, by, at}}`."""

    permit = models.OneToOneField("permits.Permit", on_delete=models.CASCADE, related_name="closeout")
    answers = models.JSONField(default=dict, blank=True)
    remarks = models.TextField(max_length=5000, blank=True)
    work_finished = models.BooleanField(default=False)
    work_finished_at = models.DateTimeField(null=True, blank=True)
    work_finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"closeout of permit {self.permit_id}"


class FireWatch(models.Model):
    """The fire watch after hot work, one per permit: when the hot work ended, who keeps the watch, and the
    keeper's sign-off once the type's fire-watch time has run."""

    permit = models.OneToOneField("permits.Permit", on_delete=models.CASCADE, related_name="fire_watch")
    hot_work_ended_at = models.DateTimeField()
    keeper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_remarks = models.TextField(max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"fire watch of permit {self.permit_id}"
