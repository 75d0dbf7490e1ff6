"""Categories of notifications, the people a rule may name, and the states of an e-mail."""

from __future__ import annotations

from django.db import models


class Category(models.TextChoices):
    TASK = "task", "Waiting for you"
    SAFETY = "safety", "Safety alert"
    STATUS = "status", "Permit status"
    REMINDER = "reminder", "Reminder"
    ESCALATION = "escalation", "Escalation"
    ADMIN = "admin", "Administration"


# Categories shown as a toast the moment they arrive.
TOAST_CATEGORIES = frozenset({Category.TASK, Category.SAFETY})


class Audience(models.TextChoices):
    """Who a rule names, read from the event's payload (people on the permit) or the project (its admins)."""

    ASSIGNEES = "assignees", "The pool or the named person the task waits for"
    REQUESTER = "requester", "The permit's requester"
    VERIFIER = "verifier", "The permit's verifier"
    ISSUER = "issuer", "The permit's issuer"
    PROJECT_ADMINS = "project_admins", "The project admins"


class EmailState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed after every retry"
    WITHDRAWN = "withdrawn", "Withdrawn before it was sent (someone else acted)"
