"""Recording gas tests: the server judges each reading; an unsafe one stops active work at once."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.core.errors import Conflict, Forbidden, InvalidInput
from ptw.core.outbox import outbox_add
from ptw.permits.choices import Action, Status
from ptw.permits.competency import competency_refuse
from ptw.permits.evaluation import record_status_missing
from ptw.permits.gas import describe, is_safe, limits_for
from ptw.permits.models import GasTest, Permit
from ptw.permits.policies import gas_test_actor_missing
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.services.transitions import permit_transition
from ptw.permits.snapshot import permit_snapshot

FUTURE_TOLERANCE = timedelta(minutes=5)


def gas_limits(permit: Permit) -> dict[str, dict[str, Any]]:
    ptype = permit.permit_type.effective(permit.project_id)
    return limits_for(dict(permit.project.setting("gas_limits") or {}), ptype.gas_limits)  # type: ignore[call-overload]


def gas_test_validity(permit: Permit) -> timedelta:
    """How long a reading stands for: the project's gas-test validity."""
    return timedelta(minutes=int(str(permit.project.setting("gas_test_validity_minutes"))))


def _check_input(permit: Permit, data: dict[str, Any], now: datetime) -> dict[str, Any]:
    limits = gas_limits(permit)
    limit = limits.get(data["gas"])
    if limit is None:
        raise InvalidInput(fields={"gas": [f"Not a configured gas; one of: {', '.join(sorted(limits))}."]})
    if data["unit"] != limit["unit"]:
        raise InvalidInput(fields={"unit": [f"{data['gas']} is measured in {limit['unit']}."]})
    tested_at = data.get("tested_at") or now
    if tested_at > now + FUTURE_TOLERANCE:
        raise InvalidInput(fields={"tested_at": ["A test cannot be in the future."]})
    validity = gas_test_validity(permit)
    if tested_at < now - validity:
        minutes = int(validity.total_seconds() // 60)
        raise InvalidInput(
            f"This reading was measured more than {minutes} minutes ago: it is no longer valid. Test again.",
            code="gas_test_stale",
            fields={"tested_at": [f"Older than the gas-test validity ({minutes} minutes)."]},
        )
    max_age = int(str(permit.project.setting("calibration_max_age_days")))
    calibrated: date = data["calibrated_on"]
    today = now.astimezone(permit.project.tz).date()
    if calibrated > today:
        raise InvalidInput(fields={"calibrated_on": ["The calibration date cannot be in the future."]})
    if (today - calibrated).days > max_age:
        raise InvalidInput(
            f"The instrument is out of calibration (calibrated more than {max_age} days ago).",
            code="instrument_out_of_calibration",
            fields={"calibrated_on": [f"Calibration older than {max_age} days: recalibrate the instrument."]},
        )
    return {**data, "tested_at": tested_at, "limit": limit}


def gas_test_record(*, actor: User, permit_id: int, data: dict[str, Any], client_ip: str | None = None) -> GasTest:
    """Record one reading, judged by the limits in force and its own measured time.

    1. Lock the permit (refused if a queued reading was made against a version the permit has left).
    2. Viewers and closed permits take no readings; the tester holds the type's gas-tester competencies.
    3. Check gas, unit, measured time (not in the future, not older than the validity) and calibration.
    4. Store the reading with its result, the limit applied and how long it stays fresh.
    5. Note it on the timeline; an unsafe reading goes out as gas_test.unsafe and suspends active work.
    """
    now = timezone.now()
    data = dict(data)
    taken_against = data.pop("permit_version", None)
    with transaction.atomic():
        permit = permit_locked(actor, permit_id, taken_against=taken_against)
        if blocked := gas_test_actor_missing(actor, permit):
            raise Forbidden(blocked[0].message)
        if blocked := record_status_missing(permit, "gas_test"):
            raise Conflict(blocked[0].message, code="invalid_transition")
        competency_refuse(permit, actor, "gas_test", now)
        values = _check_input(permit, data, now)
        limit = values.pop("limit")
        value = Decimal(values["value"])
        validity = gas_test_validity(permit)
        test = GasTest.objects.create(
            permit=permit,
            tested_by=actor,
            result="pass" if is_safe(value, limit) else "fail",
            limit={
                "min": limit.get("min"),
                "max": limit.get("max"),
                "max_inclusive": limit.get("max_inclusive", False),
                "unit": limit["unit"],
            },
            fresh_until=values["tested_at"] + validity,
            **values,
        )
        reading = f"{test.gas} {test.value} {test.unit} (limit {describe(limit)}): {test.result}"
        event_note(
            permit,
            action="gas_test",
            actor=actor,
            at=now,
            comment=reading,
            client_ip=client_ip,
        )
        if test.result == "fail":
            outbox_add(
                "gas_test.unsafe",
                tenant_id=permit.project.tenant_id,
                project_id=permit.project_id,
                payload={"gas_test": test.id, "reading": reading, "permit": permit_snapshot(permit)},
            )
            if permit.status == Status.ACTIVE:
                permit_transition(
                    permit_id=permit.id, action=Action.SUSPEND, actor=None, reason=f"Unsafe gas reading: {reading}"
                )
    return test
