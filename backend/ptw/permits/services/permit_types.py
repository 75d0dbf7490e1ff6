"""Writes of permit types (tenant admins) and their per-project overrides (project admins).

Every write is versioned (If-Match) and audited as `ConfigChange` rows with subject "permit_type": a change of a
project's override on that project, a change of the tenant-wide type on every project of the tenant (each
project's audit shows every change to the types that apply there; decision 0026)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ptw.accounts.models import Project, User
from ptw.accounts.policies import is_project_admin
from ptw.core.errors import Conflict, Forbidden, InvalidInput
from ptw.core.request_context import get_request_id
from ptw.core.versioning import check_version, locked_row
from ptw.permits.models import CompetencyKind, ConfigChange, PermitType, PermitTypeOverride
from ptw.permits.models.permit_type import OVERRIDABLE_FIELDS

SUBJECT = "permit_type"


def _tenant_admin(actor: User) -> None:
    if not actor.is_tenant_admin:
        raise Forbidden("Only a tenant admin may change the tenant's permit types.")


def _competencies_check(tenant_id: int, data: dict[str, Any]) -> None:
    """Every kind code named in `required_competencies` is an active kind of the tenant."""
    required = data.get("required_competencies")
    if not required:
        return
    codes = {code for codes in required.values() for code in codes}
    known = set(
        CompetencyKind.objects.filter(tenant_id=tenant_id, code__in=codes, is_active=True).values_list(
            "code", flat=True
        )
    )
    if unknown := sorted(codes - known):
        raise InvalidInput(fields={"required_competencies": [f"Unknown competency kind(s): {', '.join(unknown)}."]})


def _audit(*, actor: User, project_ids: list[int], permit_type_id: int, action: str, changes: dict[str, Any]) -> None:
    """One `ConfigChange` row per project the change applies to, in the caller's transaction."""
    request_id = get_request_id()
    now = timezone.now()
    ConfigChange.objects.bulk_create(
        ConfigChange(
            project_id=project_id,
            subject=SUBJECT,
            subject_id=permit_type_id,
            action=action,
            actor=actor,
            at=now,
            changes=changes,
            request_id=request_id if request_id != "-" else "",
        )
        for project_id in project_ids
    )


def _tenant_projects(tenant_id: int) -> list[int]:
    return list(Project.objects.filter(tenant_id=tenant_id).order_by("id").values_list("id", flat=True))


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {name: [before.get(name), after[name]] for name in after if before.get(name) != after[name]}


def _locked(actor: User, permit_type_id: int, expected_version: int) -> PermitType:
    ptype = locked_row(PermitType.objects.filter(pk=permit_type_id, tenant_id=actor.tenant_id))
    check_version(ptype.version, expected_version, ptype)
    return ptype


def permit_type_create(*, actor: User, data: dict[str, Any]) -> PermitType:
    """Add a tenant-wide type. Steps: tenant admin → create (400 on a used code) → audit on every project."""
    _tenant_admin(actor)
    _competencies_check(actor.tenant_id, data)
    try:
        with transaction.atomic():
            ptype = PermitType.objects.create(tenant_id=actor.tenant_id, **data)
            if not ptype.is_active:
                ptype.retired_at = timezone.now()
                ptype.save(update_fields=["retired_at"])
            _audit(
                actor=actor,
                project_ids=_tenant_projects(actor.tenant_id),
                permit_type_id=ptype.id,
                action="create",
                changes={name: [None, value] for name, value in sorted(data.items())},
            )
            return ptype
    except IntegrityError:
        raise InvalidInput(fields={"code": ["A permit type with this code exists."]}) from None


def permit_type_update(*, actor: User, permit_type_id: int, expected_version: int, data: dict[str, Any]) -> None:
    """Change the tenant-wide type. Steps: tenant admin → lock → version → write what changed (is_active moves
    retired_at with it) → version + 1 → audit on every project. Nothing changed still counts as a write."""
    _tenant_admin(actor)
    _competencies_check(actor.tenant_id, data)
    with transaction.atomic():
        ptype = _locked(actor, permit_type_id, expected_version)
        changes = _diff({name: getattr(ptype, name) for name in data}, data)
        for key, value in data.items():
            setattr(ptype, key, value)
        if "is_active" in changes:
            ptype.retired_at = None if ptype.is_active else timezone.now()
        ptype.version += 1
        ptype.save()
        _audit(
            actor=actor,
            project_ids=_tenant_projects(actor.tenant_id),
            permit_type_id=ptype.id,
            action="update",
            changes=changes,
        )


def _retired_set(*, actor: User, permit_type_id: int, expected_version: int, retired: bool) -> None:
    _tenant_admin(actor)
    with transaction.atomic():
        ptype = _locked(actor, permit_type_id, expected_version)
        if ptype.is_active != retired:
            state = "retired" if retired else "in service"
            raise Conflict(f"This permit type is already {state}.", code="invalid_transition")
        ptype.is_active = not retired
        ptype.retired_at = timezone.now() if retired else None
        ptype.version += 1
        ptype.save(update_fields=["is_active", "retired_at", "version", "updated_at"])
        _audit(
            actor=actor,
            project_ids=_tenant_projects(actor.tenant_id),
            permit_type_id=ptype.id,
            action="retire" if retired else "restore",
            changes={"is_active": [retired, not retired]},
        )


def permit_type_retire(*, actor: User, permit_type_id: int, expected_version: int) -> None:
    """Retire a type everywhere: no new permit may use it; permits that use it keep it. Steps: tenant admin →
    lock → version → in service (else 409) → is_active false, retired_at now, version + 1 → audit."""
    _retired_set(actor=actor, permit_type_id=permit_type_id, expected_version=expected_version, retired=True)


def permit_type_restore(*, actor: User, permit_type_id: int, expected_version: int) -> None:
    """Put a retired type back in service. Steps: tenant admin → lock → version → retired (else 409) →
    is_active true, retired_at cleared, version + 1 → audit."""
    _retired_set(actor=actor, permit_type_id=permit_type_id, expected_version=expected_version, retired=False)


def permit_type_override(
    *,
    actor: User,
    project: Project,
    permit_type: PermitType,
    expected_version: int,
    data: dict[str, Any],
    reset: list[str] | None = None,
) -> None:
    """Set one project's overrides of a type; the version checked is the override's. Steps: project admin →
    only overridable fields → lock (or create) the override → version → drop the `reset` fields (back to the
    tenant-wide value), merge `data` → version + 1 → audit on the project."""
    if not is_project_admin(actor, project.id):
        raise Forbidden("Only a project admin may change this project's permit types.")
    not_overridable = sorted(set(data) - set(OVERRIDABLE_FIELDS))
    if not_overridable:
        raise InvalidInput(fields={name: ["Cannot be overridden per project."] for name in not_overridable})
    _competencies_check(project.tenant_id, data)
    reset = reset or []
    both = sorted(set(reset) & set(data))
    if both:
        raise InvalidInput(fields={"reset": [f"Either set or reset {', '.join(both)}, not both."]})
    with transaction.atomic():
        row, _ = PermitTypeOverride.objects.select_for_update().get_or_create(project=project, permit_type=permit_type)
        check_version(row.version, expected_version, permit_type)
        before = permit_type.effective(project.id, {permit_type.id: row.values})
        values = {name: value for name, value in row.values.items() if name not in reset}
        values.update(data)
        after = permit_type.effective(project.id, {permit_type.id: values})
        touched = sorted(set(data) | set(reset))
        changes = _diff(
            {name: getattr(before, name) for name in touched}, {name: getattr(after, name) for name in touched}
        )
        if reset:
            changes["reset"] = sorted(set(reset) & set(row.values))
        row.values = values
        row.version += 1
        row.save()
        _audit(actor=actor, project_ids=[project.id], permit_type_id=permit_type.id, action="override", changes=changes)


def permit_type_delete(*, actor: User, permit_type_id: int) -> None:
    """Delete an unused type. Steps: tenant admin → lock → used by any permit (409 `in_use`: retire it instead)
    → audit on every project → delete (its overrides go with it)."""
    _tenant_admin(actor)
    with transaction.atomic():
        ptype = locked_row(PermitType.objects.filter(pk=permit_type_id, tenant_id=actor.tenant_id))
        used = ptype.permits.count()
        if used:
            raise Conflict(
                f"{used} permit{'s' if used != 1 else ''} use{'s' if used == 1 else ''} this type, so it cannot be "
                "deleted; retire it instead (it is then not offered for new permits).",
                code="in_use",
            )
        _audit(
            actor=actor,
            project_ids=_tenant_projects(actor.tenant_id),
            permit_type_id=ptype.id,
            action="delete",
            changes={"code": [ptype.code, None], "name": [ptype.name, None]},
        )
        ptype.delete()
