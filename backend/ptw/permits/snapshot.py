"""A permit's snapshot for outbox payloads (webhooks, notifications)."""

from __future__ import annotations

from typing import Any

from ptw.permits.models import Permit


def permit_snapshot(permit: Permit) -> dict[str, Any]:
    return {
        "id": permit.id,
        "permit_number": permit.permit_number,
        "project": permit.project_id,
        "permit_type": permit.permit_type_id,
        "title": permit.title,
        "location": permit.location,
        "status": permit.status,
        "version": permit.version,
        "planned_start": permit.planned_start.isoformat(),
        "planned_end": permit.planned_end.isoformat(),
        "requester": permit.requester_id,
        "verifier": permit.verifier_id,
        "issuer": permit.issuer_id,
    }
