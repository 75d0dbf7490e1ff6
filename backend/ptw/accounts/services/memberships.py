"""Project admins manage who is on their project and in which role."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ptw.accounts.choices import MembershipRole
from ptw.accounts.models import Membership, Project, User
from ptw.accounts.policies import is_project_admin
from ptw.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from ptw.core.versioning import check_version


def _admin(actor: User, project: Project) -> None:
    if not is_project_admin(actor, project.id):
        raise Forbidden("Only a project admin may manage this project's members.")


def membership_add(*, actor: User, project: Project, user_id: int, role: str) -> Membership:
    _admin(actor, project)
    user = User.objects.filter(pk=user_id, tenant_id=project.tenant_id, is_active=True).first()
    if user is None:
        raise InvalidInput(fields={"user_id": ["No such user in this tenant."]})
    try:
        with transaction.atomic():
            return Membership.objects.create(user=user, project=project, role=role)
    except IntegrityError:
        raise InvalidInput(fields={"user_id": ["Already a member of this project."]}) from None


def membership_update(
    *,
    actor: User,
    project: Project,
    membership_id: int,
    expected_version: int,
    role: str | None,
    is_active: bool | None,
) -> Membership:
    _admin(actor, project)
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update().select_related("user").filter(pk=membership_id, project=project)
        ).first()
        if membership is None:
            raise NotFound("No such membership on this project.")
        check_version(membership.version, expected_version, membership)
        was_admin = membership.is_active and membership.role == MembershipRole.PROJECT_ADMIN
        if role is not None:
            membership.role = role
        if is_active is not None:
            membership.is_active = is_active
        if was_admin and not (membership.is_active and membership.role == MembershipRole.PROJECT_ADMIN):
            _keep_an_admin(project, membership.id)
        membership.version += 1
        membership.save()
    return membership


def _keep_an_admin(project: Project, leaving_id: int) -> None:
    """Refuse to leave a project without an active project admin (the admins' rows are locked, so two
    admins demoting each other at once cannot both succeed)."""
    others = (
        Membership.objects.select_for_update()
        .filter(project=project, role=MembershipRole.PROJECT_ADMIN, is_active=True)
        .exclude(pk=leaving_id)
    )
    if not list(others.values_list("pk", flat=True)):
        raise Conflict(
            "This is the project's last active admin; make someone else a project admin first.",
            code="last_project_admin",
        )
