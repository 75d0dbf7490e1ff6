"""Writes of a permit's content: create a draft, edit it, delete a draft."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import Project, User
from ptw.core.errors import Conflict, Forbidden, InvalidInput, VersionConflict
from ptw.core.outbox import outbox_add
from ptw.core.versioning import check_version
from ptw.permits.models import LocationNode, Permit, PermitType
from ptw.permits.models.permit import PERMIT_CONTENT_FIELDS
from ptw.permits.policies import can_edit, can_request
from ptw.permits.services.attachments import attachment_files_discard
from ptw.permits.services.content import content_validate, named_verifier_resolve, risk_of
from ptw.permits.services.events import event_append, event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.services.numbering import permit_number_next
from ptw.permits.services.signatures import signatures_void
from ptw.permits.signals import permit_as_was, permit_changed_send
from ptw.permits.snapshot import permit_snapshot
from ptw.permits.workflow import DELETABLE, EDITABLE, a_permit


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _location_node(project_id: int, node_id: int | None) -> LocationNode | None:
    """The node a permit names: an active node of the permit's project (400 naming `location_node` otherwise)."""
    if node_id is None:
        return None
    node = LocationNode.objects.filter(pk=node_id, project_id=project_id, is_active=True).first()
    if node is None:
        raise InvalidInput(fields={"location_node": ["No such active location on this project."]})
    return node


def _dependencies(project_id: int, permit_id: int | None, ids: list[int]) -> list[int]:
    """The permits a permit depends on: of the same project, not itself, no cycle (400 naming `depends_on`)."""
    wanted = sorted(set(ids))
    if permit_id is not None and permit_id in wanted:
        raise InvalidInput(fields={"depends_on": ["A permit cannot depend on itself."]})
    found = set(Permit.objects.filter(pk__in=wanted, project_id=project_id).values_list("id", flat=True))
    if missing := [i for i in wanted if i not in found]:
        raise InvalidInput(fields={"depends_on": [f"No such permit on this project: {', '.join(map(str, missing))}."]})
    if permit_id is not None:
        # A cycle: the permit is reachable from one it would depend on. One query per level of the graph.
        seen, frontier = set(wanted), set(wanted)
        links = Permit.depends_on.through.objects
        while frontier:
            frontier = set(links.filter(from_permit_id__in=frontier).values_list("to_permit_id", flat=True)) - seen
            if permit_id in frontier:
                raise InvalidInput(fields={"depends_on": ["These dependencies would make a cycle."]})
            seen |= frontier
    return wanted


def permit_create(
    *, actor: User, project: Project, permit_type: PermitType, data: dict[str, Any], client_ip: str | None = None
) -> Permit:
    if not can_request(actor, project):
        raise Forbidden(
            "You may not request permits on this project.",
            missing=[
                {"code": "not_permitted", "message": "The policy table does not give you the request capability."}
            ],
        )
    effective = permit_type.effective(project.id)
    if not effective.is_active:
        state = "retired" if not permit_type.is_active else "not offered on this project"
        raise InvalidInput(fields={"permit_type": [f"{permit_type.name} is {state}: choose another type."]})
    content_validate(effective, data)
    verifier = named_verifier_resolve(project, data.pop("verifier_id", None), actor)
    node = _location_node(project.id, data.pop("location_node", None))
    depends_on = _dependencies(project.id, None, data.pop("depends_on", []))
    now = timezone.now()
    with transaction.atomic():
        permit = Permit(
            project=project, permit_type=permit_type, requester=actor, named_verifier=verifier, location_node=node
        )
        for field in PERMIT_CONTENT_FIELDS:
            if field in data:
                setattr(permit, field, data[field])
        permit.risk_score, permit.risk_level = risk_of(permit.probability, permit.severity)
        permit.permit_number = permit_number_next(project, now.astimezone(project.tz).year)
        permit.save()
        if depends_on:
            permit.depends_on.set(depends_on)
        permit_changed_send(None, permit)
        event_append(permit, action="create", actor=actor, at=now, to_status=permit.status, client_ip=client_ip)
        outbox_add(
            "permit.created", tenant_id=project.tenant_id, project_id=project.id, payload=permit_snapshot(permit)
        )
    return permit


def permit_update(
    *,
    actor: User,
    permit_id: int,
    expected_version: int,
    data: dict[str, Any],
    client_ip: str | None = None,
) -> Permit:
    """Edit a draft or rejected permit's content."""
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        check_version(permit.version, expected_version, permit)
        if not can_edit(actor, permit):
            raise Forbidden("Only the permit's requester may edit it.")
        if permit.status not in EDITABLE:
            raise Conflict(f"{a_permit(permit.status)} cannot be edited.", code="not_editable")
        content_validate(permit.permit_type.effective(permit.project_id), data)
        before = permit_as_was(permit)
        if "verifier_id" in data:
            permit.named_verifier = named_verifier_resolve(permit.project, data.pop("verifier_id"), actor)
        changes: dict[str, list[Any]] = {}
        if "location_node" in data:
            node = _location_node(permit.project_id, data.pop("location_node"))
            if permit.location_node_id != (node.id if node else None):
                changes["location_node"] = [permit.location_node_id, node.id if node else None]
                permit.location_node = node
        if "depends_on" in data:
            wanted = _dependencies(permit.project_id, permit.id, data.pop("depends_on"))
            had = sorted(permit.depends_on.values_list("id", flat=True))
            if had != wanted:
                changes["depends_on"] = [had, wanted]
                permit.depends_on.set(wanted)
        for field in PERMIT_CONTENT_FIELDS:
            if field in data and getattr(permit, field) != data[field]:
                changes[field] = [_jsonable(getattr(permit, field)), _jsonable(data[field])]
                setattr(permit, field, data[field])
        if permit.planned_end <= permit.planned_start:
            raise InvalidInput(fields={"planned_end": ["Must be after the planned start."]})
        permit.risk_score, permit.risk_level = risk_of(permit.probability, permit.severity)
        permit.version += 1
        permit.save()
        permit_changed_send(before, permit)
        if changes:
            signatures_void(permit, "permit edited after signing", timezone.now())
        event_note(
            permit,
            action="edit",
            actor=actor,
            at=timezone.now(),
            changes=changes,
            client_ip=client_ip,
        )
    return permit


def permit_delete(*, actor: User, permit_id: int, expected_version: int | None, client_ip: str | None = None) -> None:
    """Delete a draft; its timeline stays (append-only) with a final `delete` event."""
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        if expected_version is not None and expected_version != permit.version:
            raise VersionConflict(current=permit)
        if not can_edit(actor, permit):
            raise Forbidden("Only the permit's requester may delete it.")
        if permit.status not in DELETABLE:
            raise Conflict("Only drafts may be deleted; cancel the permit instead.", code="not_deletable")
        event_append(
            permit, action="delete", actor=actor, at=timezone.now(), from_status=permit.status, client_ip=client_ip
        )
        before = permit_as_was(permit)
        attachment_files_discard(permit)
        permit.delete()
        permit_changed_send(before, None)
