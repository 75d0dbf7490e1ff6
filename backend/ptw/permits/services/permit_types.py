"""Writes of permit types (tenant admins) and their per-project overrides (project admins)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from ptw.accounts.models import Project, User
from ptw.accounts.policies import is_project_admin
from ptw.core.errors import Conflict, Forbidden, InvalidInput
from ptw.core.versioning import check_version
from ptw.permits.models import CompetencyKind, PermitType, PermitTypeOverride
from ptw.permits.models.permit_type import OVERRIDABLE_FIELDS


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


def permit_type_create(*, actor: User, data: dict[str, Any]) -> PermitType:
    _tenant_admin(actor)
    _competencies_check(actor.tenant_id, data)
    try:
        with transaction.atomic():
            return PermitType.objects.create(tenant_id=actor.tenant_id, **data)
    except IntegrityError:
        raise InvalidInput(fields={"code": ["A permit type with this code exists."]}) from None


def permit_type_update(*, actor: User, permit_type_id: int, expected_version: int, data: dict[str, Any]) -> None:
    _tenant_admin(actor)
    _competencies_check(actor.tenant_id, data)
    with transaction.atomic():
        ptype = PermitType.objects.select_for_update().get(pk=permit_type_id, tenant_id=actor.tenant_id)
        check_version(ptype.version, expected_version, ptype)
        for key, value in data.items():
            setattr(ptype, key, value)
        ptype.version += 1
        ptype.save()


def permit_type_override(
    *, actor: User, project: Project, permit_type: PermitType, expected_version: int, data: dict[str, Any]
) -> None:
    """Set one project's overrides of a type; the version checked is the override's."""
    if not is_project_admin(actor, project.id):
        raise Forbidden("Only a project admin may change this project's permit types.")
    not_overridable = sorted(set(data) - set(OVERRIDABLE_FIELDS))
    if not_overridable:
        raise InvalidInput(fields={name: ["Cannot be overridden per project."] for name in not_overridable})
    _competencies_check(project.tenant_id, data)
    with transaction.atomic():
        row, _ = PermitTypeOverride.objects.select_for_update().get_or_create(project=project, permit_type=permit_type)
        check_version(row.version, expected_version, permit_type)
        row.values = {**row.values, **data}
        row.version += 1
        row.save()


def permit_type_delete(*, actor: User, permit_type_id: int) -> None:
    """Hard-delete an unused type; a type that permits use is deactivated instead (409 tells so)."""
    _tenant_admin(actor)
    with transaction.atomic():
        ptype = PermitType.objects.select_for_update().get(pk=permit_type_id, tenant_id=actor.tenant_id)
        if ptype.permits.exists():
            raise Conflict("Permits use this type; deactivate it (is_active=false) instead.", code="in_use")
        ptype.delete()
