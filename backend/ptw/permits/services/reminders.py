"""Reminders and escalations from the scheduler (product.md §2.2, §8), recorded once per permit and occasion.

Each occasion goes into the outbox under a key naming the permit and the moment it is about — the planned end
for reminders (an approved extension moves it, which arms them again), the moment the stage began waiting for
an SLA breach. The outbox stores a key once, so a sweep every minute, a restarted one or two at once record
each occasion once; notifications turn the rows into messages.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from ptw.accounts.models import Project
from ptw.core.models import OutboxMessage
from ptw.core.outbox import outbox_add
from ptw.permits.choices import Action, ClosingMode, Status
from ptw.permits.guards import fire_watch_ends_at
from ptw.permits.models import FireWatch, Permit
from ptw.permits.snapshot import permit_snapshot
from ptw.permits.workflow import TERMINAL, transition_for

# Stages that wait for someone, with the setting holding their SLA and the moment they began waiting.
SLA_STAGES = (
    (Status.SUBMITTED, "verification", "verification_sla_hours", "submitted_at"),
    (Status.UNDER_REVIEW, "approval", "approval_sla_hours", "verified_at"),
)


def _record(permit: Permit, topic: str, key: str, payload: dict[str, Any]) -> bool:
    if OutboxMessage.objects.filter(key=key).exists():
        return False
    payload = {"permit": permit_snapshot(permit), **payload}
    message = outbox_add(
        topic, tenant_id=permit.project.tenant_id, project_id=permit.project_id, payload=payload, key=key
    )
    return message is not None


def _end_occasions(permit: Permit, now: datetime, lead: timedelta, grace: timedelta) -> list[tuple[str, datetime]]:
    """The reminders the permit is due for now, each with its deadline."""
    end, grace_until = permit.planned_end, permit.planned_end + grace
    due = []
    if end - lead <= now < end:
        due.append(("permit.end_approaching", end))
    if grace and end <= now < grace_until:
        due.append(("permit.end_reached", grace_until))
    if grace and max(end, grace_until - lead) <= now < grace_until:
        due.append(("permit.grace_ending", grace_until))
    return due


def _project_reminders(project: Project, now: datetime) -> int:
    lead = timedelta(minutes=float(str(project.setting("reminder_lead_minutes"))))
    grace_hours = timedelta(hours=float(str(project.setting("grace_hours"))))
    live = Permit.objects.filter(
        project=project, status__in=transition_for(Action.EXPIRE).sources, planned_end__lte=now + lead
    ).select_related("project", "permit_type")
    written = 0
    for permit in live:
        automatic = permit.permit_type.effective(project.id).closing_mode == ClosingMode.AUTOMATIC
        grace = timedelta(0) if automatic else grace_hours
        for topic, deadline in _end_occasions(permit, now, lead, grace):
            details = {
                "planned_end": permit.planned_end.isoformat(),
                "grace_until": (permit.planned_end + grace).isoformat(),
                "deadline": deadline.isoformat(),
            }
            written += _record(permit, topic, f"{topic}:{permit.id}:{permit.planned_end.isoformat()}", details)
    return written


def _project_escalations(project: Project, now: datetime) -> int:
    written = 0
    for status, stage, setting, since_field in SLA_STAGES:
        hours = float(str(project.setting(setting)))
        late = Permit.objects.filter(
            project=project, status=status, **{f"{since_field}__lte": now - timedelta(hours=hours)}
        ).select_related("project")
        for permit in late:
            since = getattr(permit, since_field)
            details = {"stage": stage, "since": since.isoformat(), "sla_hours": hours}
            key = f"permit.sla_breached:{permit.id}:{stage}:{since.isoformat()}"
            written += _record(permit, "permit.sla_breached", key, details)
    return written


def _project_fire_watches(project: Project, now: datetime) -> int:
    """Tell each fire watch's keeper when its time is up and it waits for their sign-off (once per recorded end)."""
    watches = (
        FireWatch.objects.filter(permit__project=project, signed_off_at__isnull=True)
        .exclude(permit__status__in=TERMINAL)
        .select_related("permit", "permit__project", "permit__permit_type")
    )
    written = 0
    for watch in watches:
        permit = watch.permit
        ends_at = fire_watch_ends_at(watch, int(permit.permit_type.effective(project.id).fire_watch_minutes))
        if ends_at > now:
            continue
        details = {"assignees": [watch.keeper_id], "ends_at": ends_at.isoformat()}
        key = f"fire_watch.due:{permit.id}:{watch.hot_work_ended_at.isoformat()}:{ends_at.isoformat()}"
        written += _record(permit, "fire_watch.due", key, details)
    return written


def reminders_record(now: datetime | None = None) -> int:
    """Record every reminder, fire watch due and SLA breach due now that was not recorded before; how many were
    recorded."""
    now = now or timezone.now()
    written = 0
    for project in Project.objects.filter(is_active=True):
        written += _project_reminders(project, now) + _project_escalations(project, now)
        written += _project_fire_watches(project, now)
    return written
