"""Reading webhook endpoints (with their last delivery, in the same query) and their delivery logs."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from ptw.accounts.models import User
from ptw.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from ptw.webhooks.policies import admin_required, endpoint_visible, endpoints_visible


def _with_last_delivery(endpoints: QuerySet[WebhookEndpoint]) -> QuerySet[WebhookEndpoint]:
    last = WebhookDelivery.objects.filter(endpoint=OuterRef("pk"), last_attempt_at__isnull=False).order_by(
        "-last_attempt_at", "-id"
    )
    return endpoints.annotate(
        last_status=Subquery(last.values("status")[:1]),
        last_at=Subquery(last.values("last_attempt_at")[:1]),
        last_code=Subquery(last.values("last_status_code")[:1]),
    )


def endpoints_of(user: User, project_id: int | None = None) -> QuerySet[WebhookEndpoint]:
    endpoints = endpoints_visible(user)
    if project_id is not None:
        endpoints = endpoints.filter(project_id=project_id)
    return _with_last_delivery(endpoints).order_by("id")


def endpoint_get(user: User, endpoint_id: int) -> WebhookEndpoint:
    endpoint_visible(user, endpoint_id)
    return _with_last_delivery(WebhookEndpoint.objects.filter(pk=endpoint_id)).get()


def deliveries_of(user: User, endpoint_id: int) -> QuerySet[WebhookDelivery]:
    """An endpoint's deliveries, newest first, each with its attempts; project admins only."""
    endpoint = endpoint_visible(user, endpoint_id)
    admin_required(user, endpoint.project_id)
    return (
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .prefetch_related(Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("number")))
        .order_by("-id")
    )
