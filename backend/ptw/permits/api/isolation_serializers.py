"""Shapes of isolation points and permit isolations (api.md "isolation")."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.core.serializers import PersonOut, StrictInput
from ptw.permits.choices import LibraryStatus
from ptw.permits.models import IsolationPoint, PermitIsolation
from ptw.permits.models.isolations import EnergyType, PointType
from ptw.permits.records import person


class IsolationPointIn(StrictInput):
    """A library point's fields; `is_active` changes only through retire and restore."""

    read_only_names = ("id", "project", "version", "created_at", "is_active")
    code = serializers.CharField(max_length=60)
    name = serializers.CharField(max_length=200)
    asset_tag = serializers.CharField(max_length=60, required=False, allow_blank=True)
    energy_type = serializers.ChoiceField(choices=EnergyType.choices)
    point_type = serializers.ChoiceField(choices=PointType.choices, required=False)
    method = serializers.CharField(max_length=500, required=False, allow_blank=True)
    verification_method = serializers.CharField(max_length=500, required=False, allow_blank=True)
    locks_required = serializers.IntegerField(min_value=1, max_value=20, required=False)
    equipment = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="The equipment (location node) the point belongs to."
    )


class IsolationPointUpdateIn(IsolationPointIn):
    read_only_names = ("id", "project", "created_at", "code", "is_active")
    version = serializers.IntegerField(required=False, min_value=1)


class IsolationPointQuery(serializers.Serializer):
    """The library list's filters (the query string also names the `project`)."""

    status = serializers.ChoiceField(choices=LibraryStatus.choices, default=LibraryStatus.ALL)
    search = serializers.CharField(max_length=100, required=False, default="", allow_blank=True, trim_whitespace=True)


class IsolationPointVersionIn(StrictInput):
    """Retire or restore: the version the admin saw, unless sent as If-Match."""

    version = serializers.IntegerField(required=False, min_value=1)


class IsolationImportIn(StrictInput):
    file = serializers.FileField(
        allow_empty_file=True,
        help_text="A UTF-8 CSV file of at most 2 MB and 5,000 rows, with the template's header row "
        "(GET isolation-points/import/template/).",
    )
    dry_run = serializers.BooleanField(
        default=False, help_text="True: judge every row and write nothing (the preview)."
    )


class ImportRowOut(serializers.Serializer):
    row = serializers.IntegerField(help_text="The row's line in the file; the header is line 1.")
    code = serializers.CharField()
    # The row's "errors" key; the name shadows Serializer.errors, which this output-only shape never uses.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Column → reasons; empty when the row is valid.",
    )


class ImportTotalsOut(serializers.Serializer):
    rows = serializers.IntegerField()
    valid = serializers.IntegerField()
    invalid = serializers.IntegerField()


class IsolationImportOut(serializers.Serializer):
    dry_run = serializers.BooleanField()
    valid = serializers.BooleanField(help_text="Every row is valid: the file can be imported.")
    written = serializers.IntegerField(help_text="Points added (0 for a preview).")
    totals = ImportTotalsOut()
    rows = ImportRowOut(many=True)

    def to_representation(self, report: Any) -> dict[str, Any]:
        invalid = len(report.invalid)
        return {
            "dry_run": report.dry_run,
            "valid": invalid == 0,
            "written": report.written,
            "totals": {"rows": len(report.rows), "valid": len(report.rows) - invalid, "invalid": invalid},
            "rows": [{"row": row.row, "code": row.code, "errors": row.errors} for row in report.rows],
        }


class IsolationPointOut(serializers.ModelSerializer):
    locks_required = serializers.IntegerField(read_only=True)
    equipment = serializers.IntegerField(source="equipment_id", read_only=True, allow_null=True)
    version = serializers.IntegerField(read_only=True)

    class Meta:
        model = IsolationPoint
        fields = (
            "id",
            "project",
            "code",
            "name",
            "asset_tag",
            "energy_type",
            "point_type",
            "method",
            "verification_method",
            "locks_required",
            "equipment",
            "is_active",
            "version",
        )
        read_only_fields = fields


class PermitIsolationIn(StrictInput):
    point_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    name = serializers.CharField(max_length=200, required=False)
    energy_type = serializers.ChoiceField(choices=EnergyType.choices, required=False)
    locks_required = serializers.IntegerField(min_value=1, max_value=20, required=False)


class IsolateIn(StrictInput):
    lock_numbers = serializers.ListField(child=serializers.CharField(max_length=40), min_length=1, max_length=20)


class ReinstateIn(StrictInput):
    """The equipment is back in service: tested, or `note` says why it was not."""

    tested = serializers.BooleanField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class PointBriefOut(serializers.ModelSerializer):
    class Meta:
        model = IsolationPoint
        fields = ("id", "code", "name", "asset_tag", "energy_type", "point_type", "method", "verification_method")


class PermitIsolationOut(serializers.ModelSerializer):
    locks_required = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    point = PointBriefOut(allow_null=True)
    isolated_by = serializers.SerializerMethodField()
    verified_by = serializers.SerializerMethodField()
    deisolated_by = serializers.SerializerMethodField()
    reinstated_by = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField(
        help_text="The steps the caller may take on this isolation now (isolate, verify, deisolate, reinstate)."
    )

    class Meta:
        model = PermitIsolation
        fields: tuple[str, ...] = (
            "id",
            "point",
            "name",
            "energy_type",
            "status",
            "locks_required",
            "lock_numbers",
            "isolated_by",
            "isolated_at",
            "verified_by",
            "verified_at",
            "deisolated_by",
            "deisolated_at",
            "reinstated_by",
            "reinstated_at",
            "reinstatement_tested",
            "reinstatement_note",
            "version",
            "allowed_actions",
        )

    def get_allowed_actions(self, obj: PermitIsolation) -> list[str]:
        steps = self.context.get("steps")
        return steps(obj) if steps is not None else []

    @extend_schema_field(PersonOut(allow_null=True))
    def get_isolated_by(self, obj: PermitIsolation) -> dict[str, Any] | None:
        return person(obj.isolated_by)

    @extend_schema_field(PersonOut(allow_null=True))
    def get_verified_by(self, obj: PermitIsolation) -> dict[str, Any] | None:
        return person(obj.verified_by)

    @extend_schema_field(PersonOut(allow_null=True))
    def get_deisolated_by(self, obj: PermitIsolation) -> dict[str, Any] | None:
        return person(obj.deisolated_by)

    @extend_schema_field(PersonOut(allow_null=True))
    def get_reinstated_by(self, obj: PermitIsolation) -> dict[str, Any] | None:
        return person(obj.reinstated_by)


class RegisterPermitOut(serializers.Serializer):
    id = serializers.IntegerField()
    permit_number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()


class RegisterIsolationOut(PermitIsolationOut):
    permit = RegisterPermitOut()
    project = serializers.IntegerField(source="permit.project_id")

    class Meta(PermitIsolationOut.Meta):
        fields = (*(f for f in PermitIsolationOut.Meta.fields if f != "allowed_actions"), "permit", "project")
