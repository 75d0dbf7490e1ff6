"""Reading projects in the caller's scope: a project outside it does not exist for them (404)."""

from __future__ import annotations

from django.db.models import QuerySet

from ptw.accounts.models import Project, User
from ptw.accounts.policies import projects_for
from ptw.core.errors import NotFound


def projects_of(user: User) -> QuerySet[Project]:
    """The caller's projects by name."""
    return projects_for(user).order_by("name")


def project_get(user: User, project_id: int) -> Project:
    """The caller's project `project_id`; NotFound when it is not in their scope (or does not exist)."""
    project = projects_for(user).filter(pk=project_id).first()
    if project is None:
        raise NotFound()
    return project
