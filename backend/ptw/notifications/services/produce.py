"""Turning outbox messages into in-app notifications and e-mails, and withdrawing tasks someone else took.

Notifications keep their own marker on the outbox (`notified_at`), apart from webhooks' `dispatched_at`.
Messages are taken in id order under a row lock (a second consumer waits, then finds them done), so a task's
closing is always handled after its opening. Every row written is unique per (event, recipient): a retried or
doubled consumer writes nothing twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ptw.accounts.choices import MembershipRole
from ptw.accounts.models import Membership, Project, User
from ptw.core.models import OutboxMessage
from ptw.notifications.choices import Audience, EmailState
from ptw.notifications.models import EmailDelivery, Notification
from ptw.notifications.rules import TASK_CLOSED, Rule, rule_for
from ptw.notifications.services.content import content_of, email_of, permit_of
from ptw.notifications.services.preferences import channels_for

BATCH = 500
ON_THE_PERMIT = {Audience.REQUESTER: "requester", Audience.VERIFIER: "verifier", Audience.ISSUER: "issuer"}


def outbox_notify(now: datetime | None = None) -> int:
    """Handle every outbox message notifications have not seen yet (a batch); the number of messages handled."""
    now = now or timezone.now()
    with transaction.atomic():
        messages = list(
            OutboxMessage.objects.select_for_update().filter(notified_at__isnull=True).order_by("id")[:BATCH]
        )
        if not messages:
            return 0
        projects = Project.objects.in_bulk({message.project_id for message in messages})
        for message in messages:
            project = projects.get(message.project_id)
            if project is not None:
                message_notify(message, project, now)
        OutboxMessage.objects.filter(pk__in=[message.pk for message in messages]).update(notified_at=now)
    return len(messages)


def message_notify(message: OutboxMessage, project: Project, now: datetime) -> None:
    """Notify whoever the rule table names for this message, on the channels each chose."""
    payload: dict[str, Any] = message.payload
    if message.topic == TASK_CLOSED:
        tasks_withdraw(payload, now)
        return
    rule = rule_for(message.topic, str(payload.get("task", "")))
    if rule is None:
        return
    recipients = recipients_of(rule, payload, project)
    if not recipients:
        return
    content = content_of(rule, payload, project)
    channels = channels_for([user.id for user in recipients], rule.kind)
    event_key = f"outbox:{message.pk}"
    permit = content.permit or {}
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                tenant_id=message.tenant_id,
                project=project,
                kind=rule.kind,
                category=rule.category,
                title=content.title,
                body=content.body,
                permit_id=permit.get("id"),
                permit_number=str(permit.get("permit_number", "")),
                permit_title=str(permit.get("title", ""))[:300],
                permit_location=str(permit.get("location", ""))[:200],
                link=content.link,
                event_key=event_key,
            )
            for user in recipients
            if channels[user.id].in_app
        ],
        ignore_conflicts=True,
    )
    mailed = [user for user in recipients if channels[user.id].email and user.email]
    if mailed:
        subject, text, html = email_of(content, project, now)
        EmailDelivery.objects.bulk_create(
            [
                EmailDelivery(
                    recipient=user,
                    tenant_id=message.tenant_id,
                    project_id=project.id,
                    kind=rule.kind,
                    permit_id=permit.get("id"),
                    event_key=event_key,
                    to_address=user.email,
                    subject=subject[:300],
                    text=text,
                    html=html,
                    next_attempt_at=now,
                )
                for user in mailed
            ],
            ignore_conflicts=True,
        )


def recipients_of(rule: Rule, payload: dict[str, Any], project: Project) -> list[User]:
    """The people the rule names, kept only while they are active members of the event's project."""
    permit = permit_of(payload) or {}
    wanted: set[int] = set()
    admins = False
    for audience in rule.audience:
        if audience == Audience.ASSIGNEES:
            wanted.update(int(user_id) for user_id in payload.get("assignees", []))
        elif audience == Audience.PROJECT_ADMINS:
            admins = True
        elif permit.get(ON_THE_PERMIT[audience]):
            wanted.add(int(permit[ON_THE_PERMIT[audience]]))
    members = Membership.objects.filter(project=project, is_active=True, user__is_active=True)
    named = Q(user_id__in=wanted)
    if admins:
        named |= Q(role=MembershipRole.PROJECT_ADMIN)
    ids = members.filter(named).values("user_id")
    return list(User.objects.filter(pk__in=ids, tenant_id=project.tenant_id).order_by("id"))


def tasks_withdraw(payload: dict[str, Any], now: datetime) -> None:
    """Tasks were closed: the one who acted has theirs read, everyone else's is withdrawn (and not e-mailed)."""
    permit = permit_of(payload) or {}
    kinds = [f"task_{task}" for task in payload.get("tasks", [])]
    if not permit.get("id") or not kinds:
        return
    waiting = Notification.objects.filter(permit_id=permit["id"], kind__in=kinds, withdrawn_at__isnull=True)
    actor = payload.get("actor")
    if actor:
        waiting.filter(recipient_id=actor, read_at__isnull=True).update(read_at=now)
        waiting = waiting.exclude(recipient_id=actor)
    waiting.update(withdrawn_at=now)
    EmailDelivery.objects.filter(permit_id=permit["id"], kind__in=kinds, state=EmailState.PENDING).update(
        state=EmailState.WITHDRAWN, next_attempt_at=None
    )
