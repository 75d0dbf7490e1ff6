"""Project admins manage who is on their project: add a tenant user, invite a new one, change a member's role,
grade or company, deactivate and reactivate. Every change is versioned (If-Match on the membership) and audited
(`AdminChange`, subject `member`); a change that moves people in or out of the pools lets the permits app move
their open tasks (`pools_changed`)."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction

from ptw.accounts.choices import MembershipRole
from ptw.accounts.models import AdminSubject, Company, Membership, Project, User
from ptw.accounts.policies import is_project_admin
from ptw.accounts.services.audit import admin_change_record, changes_between
from ptw.accounts.signals import pools_changed
from ptw.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from ptw.core.versioning import check_version


def _admin(actor: User, project: Project) -> None:
    if not is_project_admin(actor, project.id):
        raise Forbidden("Only a project admin may manage this project's members.")


def member_state(membership: Membership) -> dict[str, Any]:
    """What the audit compares of a member: their role and state here, and the grade and company they carry."""
    user = membership.user
    return {
        "user": user.name,
        "role": membership.role,
        "is_active": membership.is_active,
        "grade": user.grade,
        "company": user.company.name if user.company else None,
    }


def membership_add(*, actor: User, project: Project, user_id: int, role: str) -> Membership:
    """Add an existing user of the tenant: admin check → the user (same tenant, active) → the membership → audit."""
    _admin(actor, project)
    user = (
        User.objects.select_related("company").filter(pk=user_id, tenant_id=project.tenant_id, is_active=True).first()
    )
    if user is None:
        raise InvalidInput(fields={"user_id": ["No such user in this tenant."]})
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, project=project, role=role)
            admin_change_record(
                actor=actor,
                project=project,
                subject=AdminSubject.MEMBER,
                subject_id=membership.id,
                action="add",
                changes=changes_between({}, member_state(membership)),
            )
            pools_changed.send(sender=Project, project=project, actor=actor)
    except IntegrityError:
        raise InvalidInput(fields={"user_id": ["Already a member of this project."]}) from None
    return membership


def company_resolve(project: Project, company_id: int | None, new_company: dict[str, str] | None) -> Company:
    """The member's company: one of the tenant's (by id), or a new one (name and side); exactly one is given."""
    if (company_id is None) == (new_company is None):
        raise InvalidInput(fields={"company_id": ["Give an existing company or a new company's name and side."]})
    if company_id is not None:
        company = Company.objects.filter(pk=company_id, tenant_id=project.tenant_id).first()
        if company is None:
            raise InvalidInput(fields={"company_id": ["No such company in this tenant."]})
        return company
    assert new_company is not None
    if Company.objects.filter(tenant_id=project.tenant_id, name__iexact=new_company["name"]).exists():
        raise InvalidInput(fields={"new_company": ["A company of this name exists: choose it instead."]})
    return Company.objects.create(tenant_id=project.tenant_id, name=new_company["name"], side=new_company["side"])


def member_invite(
    *,
    actor: User,
    project: Project,
    name: str,
    email: str,
    grade: str,
    role: str,
    company_id: int | None = None,
    new_company: dict[str, str] | None = None,
) -> tuple[Membership, str]:
    """Create a new person and put them on the project, with a one-time initial password to hand over.

    Steps: admin check → the e-mail is free (across tenants: it is the log-in) → the company (existing or new) →
    the user with a generated password → the membership → audit → pools.
    Returns the membership and the initial password, which is never stored in clear and never shown again.
    """
    _admin(actor, project)
    email = email.strip().lower()
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise InvalidInput(fields={"email": ["Someone already signs in with this e-mail; add them instead."]})
        company = company_resolve(project, company_id, new_company)
        user = User(email=email, name=name, tenant_id=project.tenant_id, company=company, grade=grade)
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise InvalidInput(fields={"email": ["Someone already signs in with this e-mail."]}) from None
        membership = Membership.objects.create(user=user, project=project, role=role)
        admin_change_record(
            actor=actor,
            project=project,
            subject=AdminSubject.MEMBER,
            subject_id=membership.id,
            action="invite",
            changes=changes_between({}, {**member_state(membership), "email": email}),
        )
        pools_changed.send(sender=Project, project=project, actor=actor)
    return membership, password


def membership_update(
    *,
    actor: User,
    project: Project,
    membership_id: int,
    expected_version: int,
    role: str | None = None,
    is_active: bool | None = None,
    grade: str | None = None,
    company_id: int | None = None,
) -> Membership:
    """Change a member: admin check → lock the membership (404 outside the project) → version → role, state, the
    person's grade and company (a tenant company) → keep an admin → version + 1 → audit → pools (a deactivated
    member's open tasks return to the pool; their history stays)."""
    _admin(actor, project)
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("user__company")
            .filter(pk=membership_id, project=project)
            .first()
        )
        if membership is None:
            raise NotFound("No such membership on this project.")
        check_version(membership.version, expected_version, membership)
        before = member_state(membership)
        was_admin = membership.is_active and membership.role == MembershipRole.PROJECT_ADMIN
        if role is not None:
            membership.role = role
        if is_active is not None:
            membership.is_active = is_active
        if was_admin and not (membership.is_active and membership.role == MembershipRole.PROJECT_ADMIN):
            _keep_an_admin(project, membership.id)
        user = membership.user
        if grade is not None or company_id is not None:
            if grade is not None:
                user.grade = grade
            if company_id is not None:
                user.company = company_resolve(project, company_id, None)
            user.save(update_fields=["grade", "company"])
        after = member_state(membership)
        changes = changes_between(before, after)
        if changes:
            membership.version += 1
            membership.save()
            action = "update"
            if "is_active" in changes:
                action = "reactivate" if membership.is_active else "deactivate"
            admin_change_record(
                actor=actor,
                project=project,
                subject=AdminSubject.MEMBER,
                subject_id=membership.id,
                action=action,
                changes=changes,
            )
            pools_changed.send(sender=Project, project=project, actor=actor)
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
