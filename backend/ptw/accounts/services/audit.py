"""Recording administration changes (the `AdminChange` rows every admin writer adds in its own transaction)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ptw.accounts.models import AdminChange, Project, User
from ptw.core.request_context import get_request_id


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Each key whose value differs, as `[old, new]` (a key missing on one side is null there)."""
    return {
        key: [before.get(key), after.get(key)] for key in sorted({*before, *after}) if before.get(key) != after.get(key)
    }


def admin_change_record(
    *, actor: User, project: Project, subject: str, action: str, changes: dict[str, Any], subject_id: int | None = None
) -> AdminChange:
    """Append who changed what on the project, now; the caller holds the transaction of the change itself."""
    request_id = get_request_id()
    return AdminChange.objects.create(
        project=project,
        subject=subject,
        subject_id=subject_id,
        action=action,
        actor=actor,
        at=timezone.now(),
        changes=changes,
        request_id=request_id if request_id != "-" else "",
    )
