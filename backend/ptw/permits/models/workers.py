"""The crew on a permit, the toolbox talk, and each worker's sign-on for it before work starts."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ptw.permits.choices import SignOnMethod


class PermitWorker(models.Model):
    permit = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="workers")
    name = models.CharField(max_length=120)
    company = models.CharField(max_length=120)
    trade = models.CharField(max_length=80, blank=True)
    competency = models.TextField(max_length=2000, blank=True)
    # The worker's record in the competency register, whose certificates count; free text only on older permits.
    worker = models.ForeignKey(
        "permits.Worker", on_delete=models.PROTECT, related_name="permit_entries", null=True, blank=True
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()
    # An acknowledgement recorded for the worker by the requester or issuer, before workers signed on
    # themselves; kept so older permits still read (and count) as they were.
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.company})"

    @property
    def signed_on(self) -> bool:
        """Signed on for the toolbox talk, or (older permits) recorded as acknowledging it."""
        return self.acknowledged_at is not None or hasattr(self, "sign_on")


class PermitWorkerSignOn(models.Model):
    """A worker's own sign-on: they attended the toolbox talk and understood the stated hazards and precautions.

    A record of its own, one per worker, rather than columns on the worker: the signature image and the
    statement stay out of every crew list, and voiding (the talk changed) deletes the record whole after the
    timeline event has copied it. Workers have no account: `taken_by` is the user whose session hosted the
    sign-on, `device` what that device said it was and `user_agent` what its browser sent.
    """

    worker = models.OneToOneField(PermitWorker, on_delete=models.CASCADE, related_name="sign_on")
    signed_on_at = models.DateTimeField(help_text="When the worker signed, as measured on the device.")
    received_at = models.DateTimeField(help_text="When the server received the sign-on.")
    method = models.CharField(max_length=8, choices=SignOnMethod.choices)
    data = models.TextField(help_text="The drawn signature as a PNG data URL, or the typed name.")
    statement = models.TextField(help_text="The exact text the worker was shown and signed.")
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    device = models.CharField(max_length=200, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"sign-on of worker {self.worker_id}"


class ToolboxTalk(models.Model):
    """One per permit, created when the talk is first recorded."""

    permit = models.OneToOneField("permits.Permit", on_delete=models.CASCADE, related_name="toolbox_talk")
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField()
    topics = models.JSONField(default=list)
    notes = models.TextField(max_length=5000, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"toolbox talk of permit {self.permit_id}"
