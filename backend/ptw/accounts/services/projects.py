"""Project admins change their project's policy table, PTW settings, shifts and time zone."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ptw.accounts.models import AdminSubject, Project, User
from ptw.accounts.policies import is_project_admin, pools_under
from ptw.accounts.services.audit import admin_change_record, changes_between
from ptw.accounts.signals import pools_changed
from ptw.core.errors import Forbidden, InvalidInput
from ptw.core.versioning import check_version, locked_row

# Each screen's part of the project: the policy page writes `policy`; the settings page the rest.
SETTINGS_FIELDS = ("ptw_settings", "shifts", "time_zone")


def _state(project: Project) -> dict[str, Any]:
    return {
        "policy": dict(project.policy),
        "ptw_settings": dict(project.ptw_settings),
        "shifts": dict(project.shifts),
        "time_zone": project.time_zone,
    }


def _flat(prefix: str, value: dict[str, Any]) -> dict[str, Any]:
    return {f"{prefix}.{key}": item for key, item in value.items()}


def _keep_every_pool(project: Project, policy: dict[str, Any]) -> None:
    """Refuse a policy table that would leave request, verify or approve with nobody on the project today."""
    empty = [cap for cap, people in pools_under(project, policy).items() if not people]
    if empty:
        raise InvalidInput(
            f"Nobody on this project would hold {', '.join(empty)}; give each capability to at least one member.",
            code="pool_empty",
            fields={"policy": [f"{cap}: nobody would hold it." for cap in empty]},
        )


def project_update(*, actor: User, project_id: int, expected_version: int, data: dict[str, Any]) -> Project:
    """Steps: admin check → lock the project → version → merge the policy (each pool keeps someone), settings,
    shifts, time zone → version + 1 → one audit row per screen whose part changed → pools (open tasks follow)."""
    if not is_project_admin(actor, project_id):
        raise Forbidden("Only a project admin may change the project's settings and policy table.")
    with transaction.atomic():
        project = locked_row(Project.objects.filter(pk=project_id))
        check_version(project.version, expected_version, project)
        before = _state(project)
        if "policy" in data:
            rules = {
                cap: [{"side": r["side"], "grades": sorted(set(r["grades"]))} for r in rs if r["grades"]]
                for cap, rs in data["policy"].items()
            }
            _keep_every_pool(project, rules)
            project.policy = {**project.policy, **rules}
        if "ptw_settings" in data:
            project.ptw_settings = {**project.ptw_settings, **dict(data["ptw_settings"])}
        if "shifts" in data:
            project.shifts = {**project.shifts, **{k: dict(v) for k, v in data["shifts"].items()}}
        if "time_zone" in data:
            project.time_zone = data["time_zone"]
        after = _state(project)
        policy_changes = changes_between(before["policy"], after["policy"])
        settings_changes = {
            **changes_between(
                _flat("ptw_settings", before["ptw_settings"]), _flat("ptw_settings", after["ptw_settings"])
            ),
            **changes_between(_flat("shifts", before["shifts"]), _flat("shifts", after["shifts"])),
            **changes_between({"time_zone": before["time_zone"]}, {"time_zone": after["time_zone"]}),
        }
        project.version += 1
        project.save()
        for subject, changes in ((AdminSubject.POLICY, policy_changes), (AdminSubject.SETTINGS, settings_changes)):
            if changes:
                admin_change_record(actor=actor, project=project, subject=subject, action="update", changes=changes)
        if policy_changes:
            pools_changed.send(sender=Project, project=project, actor=actor)
    return project
