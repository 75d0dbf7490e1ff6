"""The one way a project's configuration is written and audited: admin check, one transaction, one `ConfigChange`
row saying who changed what (the location tree, the SIMOPS rules, the isolation library)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.accounts.policies import is_project_admin
from ptw.core.errors import Forbidden
from ptw.core.request_context import get_request_id
from ptw.permits.models import ConfigChange


@dataclass
class ConfigAudit:
    """What a configuration write records: the row it changed and what changed."""

    subject_id: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)

    def record(self, subject_id: int | None, changes: dict[str, Any]) -> None:
        self.subject_id, self.changes = subject_id, changes


def config_admin(actor: User, project_id: int, refusal: str) -> None:
    """403 with `refusal` unless the actor administers the project (a project admin, or a tenant admin)."""
    if not is_project_admin(actor, project_id):
        raise Forbidden(refusal)


@contextmanager
def config_write(*, actor: User, project_id: int, subject: str, action: str, refusal: str) -> Iterator[ConfigAudit]:
    """Admin check → transaction → (the writer: lock its row, check the version, write, say what changed) → the
    `ConfigChange` row, in the same transaction. A refusal inside rolls everything back and records nothing."""
    config_admin(actor, project_id, refusal)
    audit = ConfigAudit()
    with transaction.atomic():
        yield audit
        request_id = get_request_id()
        ConfigChange.objects.create(
            project_id=project_id,
            subject=subject,
            subject_id=audit.subject_id,
            action=action,
            actor=actor,
            at=timezone.now(),
            changes=audit.changes,
            request_id=request_id if request_id != "-" else "",
        )
