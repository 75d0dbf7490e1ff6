"""Pool tasks: opened for every eligible person, closed for all once the first one acts.

Opening and closing are recorded in the outbox (`task.opened`, `task.closed`, internal topics no webhook
subscribes to), so notifications reach the pool and are withdrawn for the others without reading permits.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from ptw.accounts.choices import Capability
from ptw.accounts.models import User
from ptw.accounts.policies import pool_members
from ptw.core.outbox import outbox_add
from ptw.permits.choices import TaskKind, TaskState
from ptw.permits.models import Permit, PermitTask
from ptw.permits.snapshot import permit_snapshot


def task_announce(permit: Permit, task: str, assignees: Iterable[int], **details: str) -> None:
    """Record that a step waits for these people (notifications tell them)."""
    payload = {"task": task, "assignees": sorted(set(assignees)), "permit": permit_snapshot(permit), **details}
    outbox_add("task.opened", tenant_id=permit.project.tenant_id, project_id=permit.project_id, payload=payload)


def task_announce_closed(permit: Permit, tasks: Iterable[str], actor: User | None) -> None:
    """Record that these steps were taken (by `actor`): the others' notifications are withdrawn."""
    payload = {"tasks": sorted(set(tasks)), "actor": actor.id if actor else None, "permit": permit_snapshot(permit)}
    outbox_add("task.closed", tenant_id=permit.project.tenant_id, project_id=permit.project_id, payload=payload)


def tasks_open_for_step(permit: Permit, kind: str) -> list[PermitTask]:
    """Open the step's tasks: the named verifier alone, or every pool member except those
    separation of duties excludes (the requester; for approval also the verifier). Accepting a hand-back waits
    for the issuer pool less the requester who handed it back."""
    if kind == TaskKind.VERIFY and permit.named_verifier_id:
        assignees, pool = [permit.named_verifier], False
    else:
        capability = Capability.VERIFY if kind == TaskKind.VERIFY else Capability.APPROVE
        excluded: set[int | None] = {permit.requester_id}
        if kind != TaskKind.ACCEPT_HANDBACK:
            excluded.add(permit.verifier_id)
        assignees, pool = [u for u in pool_members(permit.project, capability) if u.id not in excluded], True
    tasks = PermitTask.objects.bulk_create(
        [
            PermitTask(permit=permit, project_id=permit.project_id, kind=kind, assignee=user, pool=pool)
            for user in assignees
            if user is not None
        ]
    )
    if tasks:
        task_announce(permit, kind, [task.assignee_id for task in tasks])
    return tasks


def task_open_resubmit(permit: Permit, reason: str) -> PermitTask:
    """A rejected permit goes back to its requester by name: fix it and resubmit, for the reason given."""
    return PermitTask.objects.create(
        permit=permit,
        project_id=permit.project_id,
        kind=TaskKind.RESUBMIT,
        assignee_id=permit.requester_id,
        pool=False,
        reason=reason,
    )


def tasks_close(permit: Permit, actor: User | None) -> None:
    """The actor's open task is done; everyone else's is withdrawn (first actor wins)."""
    now = timezone.now()
    open_tasks = PermitTask.objects.filter(permit=permit, state=TaskState.OPEN)
    kinds = set(open_tasks.values_list("kind", flat=True))
    if actor is not None:
        open_tasks.filter(assignee=actor).update(state=TaskState.DONE, closed_at=now)
    open_tasks.exclude(state=TaskState.DONE).update(state=TaskState.WITHDRAWN, closed_at=now)
    if kinds:
        task_announce_closed(permit, kinds, actor)
