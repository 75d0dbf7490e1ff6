"""In-app notifications, e-mails to send and each person's channel preferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ptw.notifications.choices import Category, EmailState


class Notification(models.Model):
    """One in-app notification of one event for one person; (event_key, recipient) makes it happen once."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    tenant_id = models.BigIntegerField()
    project = models.ForeignKey("accounts.Project", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32)
    category = models.CharField(max_length=16, choices=Category.choices)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    # Copied from the event's payload: notifications never read permits.
    permit_id = models.BigIntegerField(null=True, blank=True)
    permit_number = models.CharField(max_length=64, blank=True)
    permit_title = models.CharField(max_length=300, blank=True)
    permit_location = models.CharField(max_length=200, blank=True)
    link = models.CharField(max_length=300)
    event_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event_key", "recipient"], name="notification_once")]
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notification_recipient_idx"),
            models.Index(fields=["permit_id", "category"], name="notification_permit_idx"),
        ]
        ordering = ["-id"]


class EmailDelivery(models.Model):
    """One e-mail of one event to one person, sent by a task with retries; (event_key, recipient) sends it once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_emails"
    )
    tenant_id = models.BigIntegerField()
    project_id = models.BigIntegerField()
    kind = models.CharField(max_length=32)
    permit_id = models.BigIntegerField(null=True, blank=True)
    event_key = models.CharField(max_length=200)
    to_address = models.EmailField()
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField()
    state = models.CharField(max_length=16, choices=EmailState.choices, default=EmailState.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event_key", "recipient"], name="notification_email_once")]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="notification_email_due_idx")]
        ordering = ["id"]


class NotificationPreference(models.Model):
    """A person's channels for one kind; without a row the rule table's defaults apply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=32)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]
