"""Writes of a project's isolation library: add, edit, retire, restore, and the all-or-nothing CSV import. Project
admins (and tenant admins) only; versioned (If-Match) and audited as `ConfigChange` rows (subject
`isolation_point`; one row per import, with its codes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError

from ptw.accounts.models import User
from ptw.core.errors import InvalidInput
from ptw.core.versioning import check_version, locked_row
from ptw.permits.isolation_csv import ImportRow, csv_rows, rows_judge
from ptw.permits.models import IsolationPoint, LocationKind, LocationNode
from ptw.permits.services.config_audit import ConfigAudit, config_admin, config_write

SUBJECT = "isolation_point"
REFUSAL = "Only a project admin may change the isolation library."
# What an edit may change and the audit shows (the code is the point's identity and stays).
EDITABLE = (
    "name",
    "asset_tag",
    "energy_type",
    "point_type",
    "method",
    "verification_method",
    "locks_required",
    "equipment",
)
CODE_TAKEN = "An isolation point with this code exists on this project."


class ImportInvalid(InvalidInput):
    code = "import_invalid"


@dataclass
class ImportReport:
    """What an import found (and, unless a preview, wrote): every row with its errors."""

    rows: list[ImportRow]
    written: int
    dry_run: bool

    @property
    def invalid(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]


def _equipment_id(project_id: int, equipment_id: int | None) -> int | None:
    """The id of an active equipment node of the project, or 400 naming `equipment`."""
    if equipment_id is None:
        return None
    found = LocationNode.objects.filter(
        pk=equipment_id, project_id=project_id, kind=LocationKind.EQUIPMENT, is_active=True
    ).exists()
    if not found:
        raise InvalidInput(fields={"equipment": ["No such active equipment on this project."]})
    return equipment_id


def _point_locked(project_id: int, point_id: int, expected_version: int) -> IsolationPoint:
    """The project's point, row-locked, at the version the caller saw (409 with the point when stale)."""
    point = locked_row(IsolationPoint.objects.filter(pk=point_id, project_id=project_id))
    check_version(point.version, expected_version, point)
    return point


def _write(actor: User, project_id: int, action: str) -> Any:
    return config_write(actor=actor, project_id=project_id, subject=SUBJECT, action=action, refusal=REFUSAL)


def isolation_point_create(*, actor: User, project_id: int, data: dict[str, Any]) -> IsolationPoint:
    """Add a point: admin check → equipment on the project → insert (code unique per project) → audit."""
    try:
        with _write(actor, project_id, "create") as audit:
            equipment_id = _equipment_id(project_id, data.pop("equipment", None))
            values = {**data, "equipment_id": equipment_id}
            point = IsolationPoint.objects.create(project_id=project_id, **values)
            audit.record(point.id, {k: v for k, v in values.items() if v not in (None, "")})
    except IntegrityError:
        raise InvalidInput(fields={"code": [CODE_TAKEN]}) from None
    return point


def isolation_point_update(
    *, actor: User, project_id: int, point_id: int, expected_version: int, data: dict[str, Any]
) -> IsolationPoint:
    """Edit a point: admin check → lock at the caller's version → equipment on the project → write what changed,
    version + 1 → audit `{field: [old, new]}`. Permits already holding the point keep what they copied."""
    with _write(actor, project_id, "update") as audit:
        point = _point_locked(project_id, point_id, expected_version)
        if "equipment" in data:
            data["equipment_id"] = _equipment_id(project_id, data.pop("equipment"))
        changes: dict[str, Any] = {}
        for name in (*EDITABLE[:-1], "equipment_id"):
            if name in data and getattr(point, name) != data[name]:
                changes[name.removesuffix("_id")] = [getattr(point, name), data[name]]
                setattr(point, name, data[name])
        point.version += 1
        point.save()
        audit.record(point.id, changes)
    return point


def _activity_set(
    *, actor: User, project_id: int, point_id: int, expected_version: int, active: bool
) -> IsolationPoint:
    with _write(actor, project_id, "restore" if active else "retire") as audit:
        point = _point_locked(project_id, point_id, expected_version)
        if point.is_active == active:
            raise InvalidInput(
                fields={"is_active": ["The point is already in use." if active else "The point is already retired."]}
            )
        point.is_active = active
        point.version += 1
        point.save()
        audit.record(point.id, {"is_active": [not active, active]})
    return point


def isolation_point_retire(*, actor: User, project_id: int, point_id: int, expected_version: int) -> IsolationPoint:
    """Retire a point: admin check → lock at the caller's version → inactive, version + 1 → audit. It is no longer
    offered for new isolations; permits that hold it keep it."""
    return _activity_set(
        actor=actor, project_id=project_id, point_id=point_id, expected_version=expected_version, active=False
    )


def isolation_point_restore(*, actor: User, project_id: int, point_id: int, expected_version: int) -> IsolationPoint:
    """Bring a retired point back: admin check → lock at the caller's version → active, version + 1 → audit."""
    return _activity_set(
        actor=actor, project_id=project_id, point_id=point_id, expected_version=expected_version, active=True
    )


def _judged(project_id: int, raw: bytes) -> list[ImportRow]:
    header, data = csv_rows(raw)
    taken = IsolationPoint.objects.filter(project_id=project_id).values_list("code", flat=True)
    equipment = dict(
        LocationNode.objects.filter(project_id=project_id, kind=LocationKind.EQUIPMENT, is_active=True).values_list(
            "code", "id"
        )
    )
    return rows_judge(header, data, taken_codes=list(taken), equipment=equipment)


def _import_refused(rows: list[ImportRow]) -> ImportInvalid:
    invalid = [row for row in rows if row.errors]
    return ImportInvalid(
        f"{len(invalid)} of {len(rows)} rows are invalid; nothing was written.",
        fields={"file": [f"{len(invalid)} of {len(rows)} rows are invalid."]},
        extra={"rows": [{"row": r.row, "code": r.code, "errors": r.errors} for r in invalid]},
    )


def _import_write(project_id: int, rows: list[ImportRow], audit: ConfigAudit) -> int:
    points = [
        IsolationPoint(
            project_id=project_id,
            **{k: v for k, v in row.values.items() if k != "equipment"},
            equipment_id=row.values["equipment"],
        )
        for row in rows
    ]
    IsolationPoint.objects.bulk_create(points, batch_size=1000)
    audit.record(None, {"rows": len(points), "codes": [p.code for p in points]})
    return len(points)


def isolation_points_import(*, actor: User, project_id: int, raw: bytes, dry_run: bool) -> ImportReport:
    """Import points from a CSV file: admin check → read the file (400/413 for a file that is not the library's
    CSV) → judge every row (cells, codes against the file and the library, equipment codes) → a preview stops
    here; otherwise, in one transaction, any invalid row refuses the whole file (400 `import_invalid` with those
    rows) and nothing is written, else every row is inserted and one audit row names the codes."""
    if dry_run:
        config_admin(actor, project_id, REFUSAL)
        return ImportReport(rows=_judged(project_id, raw), written=0, dry_run=True)
    try:
        with _write(actor, project_id, "import") as audit:
            rows = _judged(project_id, raw)
            if any(row.errors for row in rows):
                raise _import_refused(rows)
            written = _import_write(project_id, rows, audit)
    except IntegrityError:
        raise ImportInvalid(
            "A code in the file was added to the library meanwhile; nothing was written. Preview the file again.",
            fields={"file": [CODE_TAKEN]},
        ) from None
    return ImportReport(rows=rows, written=written, dry_run=False)
