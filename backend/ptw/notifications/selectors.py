"""Reading one's own notifications, only from projects one is still a member of."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from ptw.accounts.models import Membership, User
from ptw.core.errors import NotFound
from ptw.notifications.models import Notification


def _in_scope(user: User) -> Q:
    """Projects the user belongs to now, as a condition (a subquery, not a separate query)."""
    memberships = Membership.objects.filter(user_id=user.id, is_active=True).values("project_id")
    scope = Q(project_id__in=memberships)
    if user.is_tenant_admin:
        scope |= Q(project__tenant_id=user.tenant_id)
    return scope & Q(project__is_active=True, tenant_id=user.tenant_id)


def notifications_of(user: User, *, unread: bool = False, after: int | None = None) -> QuerySet[Notification]:
    """The caller's notifications, newest first; `unread`: not read and not withdrawn; `after`: ids above it."""
    rows = Notification.objects.filter(_in_scope(user), recipient_id=user.id)
    if unread:
        rows = rows.filter(read_at__isnull=True, withdrawn_at__isnull=True)
    if after is not None:
        rows = rows.filter(id__gt=after)
    return rows.select_related("project").order_by("-id")


def notification_get(user: User, notification_id: int) -> Notification:
    found = notifications_of(user).filter(pk=notification_id).first()
    if found is None:
        raise NotFound()
    return found


def unread_summary(user: User) -> dict[str, Any]:
    """How many are unread (and not withdrawn) and the newest id, in one query."""
    summary = Notification.objects.filter(_in_scope(user), recipient_id=user.id).aggregate(
        count=Count("id", filter=Q(read_at__isnull=True, withdrawn_at__isnull=True)), newest_id=Max("id")
    )
    return {"count": summary["count"] or 0, "newest_id": summary["newest_id"]}
