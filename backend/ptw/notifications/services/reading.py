"""Marking one's notifications read."""

from __future__ import annotations

from django.utils import timezone

from ptw.accounts.models import User
from ptw.notifications.models import Notification
from ptw.notifications.selectors import notification_get, notifications_of


def notification_read(user: User, notification_id: int) -> Notification:
    """Mark one of the caller's notifications read (again: unchanged); someone else's is 404."""
    notification = notification_get(user, notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(user: User) -> int:
    """Mark every unread notification of the caller read; how many were marked."""
    unread = notifications_of(user, unread=True).values("id")
    return Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
