"""Reading projects in the caller's scope: a project outside it does not exist for them (404)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ptw.accounts.models import AdminChange, Company, Membership, Project, User
from ptw.accounts.policies import is_project_admin, pools_under, projects_for
from ptw.core.errors import Forbidden, NotFound


def projects_of(user: User) -> QuerySet[Project]:
    """The caller's projects by name."""
    return projects_for(user).order_by("name")


def project_get(user: User, project_id: int) -> Project:
    """The caller's project `project_id`; NotFound when it is not in their scope (or does not exist)."""
    project = projects_for(user).filter(pk=project_id).first()
    if project is None:
        raise NotFound()
    return project


def project_administered(user: User, project_id: int) -> Project:
    """The caller's project `project_id` when they administer it: 404 outside their scope, 403 for a member
    without admin rights."""
    project = project_get(user, project_id)
    if not is_project_admin(user, project.id):
        raise Forbidden("Only a project admin may see this project's administration.")
    return project


def admin_history(project: Project, subject: str | None) -> QuerySet[AdminChange]:
    """The project's administration changes, newest first, optionally of one subject (member, policy, settings)."""
    changes = AdminChange.objects.filter(project=project).select_related("actor").order_by("-at", "-id")
    return changes.filter(subject=subject) if subject else changes


def policy_preview(project: Project, policy: dict[str, Any]) -> dict[str, list[User]]:
    """Who would hold request, verify and approve under a candidate policy table, each by name."""
    return {cap: sorted(people, key=lambda u: (u.name, u.id)) for cap, people in pools_under(project, policy).items()}


def tenant_companies(project: Project) -> QuerySet[Company]:
    """The companies a member of the project may belong to: the tenant's."""
    return Company.objects.filter(tenant_id=project.tenant_id).order_by("name")


def project_members(project: Project) -> QuerySet[Membership]:
    """The project's memberships (active and not) with each person and company, by name."""
    return Membership.objects.filter(project=project).select_related("user__company").order_by("user__name", "id")
