"""Project admins change their project's PTW settings and policy table."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ptw.accounts.models import Project, User
from ptw.accounts.policies import is_project_admin
from ptw.core.errors import Forbidden
from ptw.core.versioning import check_version


def project_update(*, actor: User, project_id: int, expected_version: int, data: dict[str, Any]) -> Project:
    if not is_project_admin(actor, project_id):
        raise Forbidden("Only a project admin may change the project's settings and policy table.")
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project_id)
        check_version(project.version, expected_version, project)
        if "policy" in data:
            rules = {
                cap: [{"side": r["side"], "grades": list(r["grades"])} for r in rs]
                for cap, rs in data["policy"].items()
            }
            project.policy = {**project.policy, **rules}
        if "ptw_settings" in data:
            project.ptw_settings = {**project.ptw_settings, **dict(data["ptw_settings"])}
        if "time_zone" in data:
            project.time_zone = data["time_zone"]
        project.version += 1
        project.save()
    return project
