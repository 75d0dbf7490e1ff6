"""Who sees and who changes a project's webhooks: members read the endpoints, project admins write them and
read their delivery logs. Everything outside the caller's projects does not exist for them (404)."""

from __future__ import annotations

from django.db.models import QuerySet

from ptw.accounts.models import User
from ptw.accounts.policies import is_project_admin, visible_project_ids
from ptw.core.errors import Forbidden, NotFound
from ptw.webhooks.models import WebhookEndpoint


def endpoints_visible(user: User) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(project_id__in=visible_project_ids(user))


def endpoint_visible(user: User, endpoint_id: int) -> WebhookEndpoint:
    endpoint = endpoints_visible(user).filter(pk=endpoint_id).first()
    if endpoint is None:
        raise NotFound()
    return endpoint


def admin_required(user: User, project_id: int) -> None:
    if not is_project_admin(user, project_id):
        raise Forbidden("Only a project admin may manage this project's webhooks.")
