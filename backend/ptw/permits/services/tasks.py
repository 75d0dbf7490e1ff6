"""Pool tasks: opened for every eligible person, closed for all once the first one acts.

Opening and closing are recorded in the outbox (`task.opened`, `task.closed`, internal topics no webhook
subscribes to), so notifications reach the pool and are withdrawn for the others without reading permits.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone

from ptw.accounts.choices import Capability
from ptw.accounts.models import Project, User
from ptw.accounts.policies import pool_members
from ptw.core.outbox import outbox_add
from ptw.permits.choices import TaskKind, TaskState
from ptw.permits.models import Permit, PermitTask
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.signals import permit_as_was, permit_changed_send
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


# The capability each pool step needs.
STEP_CAPABILITY: dict[str, str] = {
    TaskKind.VERIFY: Capability.VERIFY,
    TaskKind.APPROVE: Capability.APPROVE,
    TaskKind.ACCEPT_HANDBACK: Capability.APPROVE,
}


def tasks_follow_pools(project: Project, actor: User | None) -> None:
    """The project's pools changed (policy table, a member's role, grade, company or state): its open steps follow.

    Steps, per open step (a permit and a task kind): who may take it now (the pool less separation of duties) →
    a step named to one person who no longer may is returned to the pool (the permit's named verifier cleared,
    version + 1, a timeline note) → the tasks of people who left the pool are withdrawn → people who joined it get
    the task. Runs in the transaction of the change that sent `pools_changed`; the history stays as it was.
    """
    open_tasks = list(
        PermitTask.objects.filter(project=project, state=TaskState.OPEN, kind__in=list(STEP_CAPABILITY)).only(
            "id", "permit_id", "kind", "assignee_id", "pool"
        )
    )
    if not open_tasks:
        return
    holders = {cap: {user.id for user in pool_members(project, cap)} for cap in set(STEP_CAPABILITY.values())}
    steps: dict[tuple[int, str], list[PermitTask]] = {}
    for task in open_tasks:
        steps.setdefault((task.permit_id, task.kind), []).append(task)
    permits = {p.id: p for p in Permit.objects.filter(id__in={pid for pid, _ in steps}).select_related("project")}
    now = timezone.now()
    for (permit_id, kind), tasks in steps.items():
        permit = permits[permit_id]
        excluded = {permit.requester_id} | ({permit.verifier_id} if kind != TaskKind.ACCEPT_HANDBACK else set())
        eligible = holders[STEP_CAPABILITY[kind]] - excluded
        if any(not task.pool for task in tasks):
            if all(task.assignee_id in eligible for task in tasks):
                continue
            _step_return_to_pool(permit_id, kind, actor, now)
            continue
        leaving = [task.id for task in tasks if task.assignee_id not in eligible]
        PermitTask.objects.filter(id__in=leaving).update(state=TaskState.WITHDRAWN, closed_at=now)
        joining = eligible - {task.assignee_id for task in tasks}
        PermitTask.objects.bulk_create(
            [PermitTask(permit_id=permit_id, project_id=project.id, kind=kind, assignee_id=uid) for uid in joining]
        )
        if joining:
            task_announce(permit, kind, joining)


def _step_return_to_pool(permit_id: int, kind: str, actor: User | None, now: datetime) -> None:
    """The person the requester named can no longer take the step: it goes to the whole pool instead."""
    permit = permit_locked(None, permit_id)
    named, before = permit.named_verifier, permit_as_was(permit)
    PermitTask.objects.filter(permit=permit, kind=kind, state=TaskState.OPEN).update(
        state=TaskState.WITHDRAWN, closed_at=now
    )
    permit.named_verifier = None
    permit.version += 1
    permit.save(update_fields=["named_verifier", "version", "updated_at"])
    permit_changed_send(before, permit)
    event_note(
        permit,
        action="returned_to_pool",
        actor=actor,
        at=now,
        comment=f"{named.name if named else 'The named verifier'} may no longer verify on this project; "
        "the verification returns to the verifier pool.",
        changes={"named_verifier": [named.name if named else None, None]},
    )
    tasks_open_for_step(permit, kind)


def on_pools_changed(sender: object, project: Project, actor: User | None, **kwargs: object) -> None:
    """`accounts.signals.pools_changed` receiver."""
    tasks_follow_pools(project, actor)
