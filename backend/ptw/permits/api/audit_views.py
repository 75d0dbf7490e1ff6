"""Audit export: one permit, or a project's permits over a date range, as one verifiable ZIP (project admins and
issuers; each export is recorded)."""

from __future__ import annotations

from typing import IO, Any

from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.selectors import project_get
from ptw.core.errors import InvalidInput
from ptw.permits.api.area_serializers import AuditExportQueryIn
from ptw.permits.api.audit_archive import audit_archive, folder_of
from ptw.permits.api.views import scoped_permit
from ptw.permits.selectors import AUDIT_EXPORT_MAX_PERMITS, audit_export_permits
from ptw.permits.services.audit_exports import audit_export_check, audit_export_record

ZIP_RESPONSE = {
    (200, "application/zip"): OpenApiResponse(
        OpenApiTypes.BINARY,
        description="The ZIP (docs/audit-export.md): per permit its PDF, timeline with hash chain, signatures, gas "
        "tests, isolations, crew, closeout; manifest.json, SHA256SUMS and verify.py. Header X-Manifest-SHA256.",
    )
}


def _zip_response(file: IO[bytes], manifest_sha256: str, name: str) -> FileResponse:
    response = FileResponse(file, as_attachment=True, filename=name, content_type="application/zip")
    response["X-Manifest-SHA256"] = manifest_sha256
    return response


class PermitAuditExportView(APIView):
    @extend_schema(responses=ZIP_RESPONSE, operation_id="ptw_permits_audit_export_one")
    def get(self, request: AuthenticatedRequest, permit_id: int) -> FileResponse:
        permit = scoped_permit(request, permit_id)
        audit_export_check(request.user, permit.project)
        scope = {"kind": "permit", "project": {"id": permit.project_id, "name": permit.project.name}}
        file, manifest_sha256, count = audit_archive(request.user, [permit], {**scope, "permit": permit.id})
        audit_export_record(
            actor=request.user, project=permit.project, permit=permit, permits=count, manifest_sha256=manifest_sha256
        )
        return _zip_response(file, manifest_sha256, f"audit-{folder_of(permit).split('/')[-1]}.zip")


class ProjectAuditExportView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("project", int, required=True),
            OpenApiParameter("date_from", OpenApiTypes.DATE, required=True),
            OpenApiParameter("date_to", OpenApiTypes.DATE, required=True),
        ],
        responses=ZIP_RESPONSE,
        operation_id="ptw_permits_audit_export_range",
        description=f"The project's permits whose planned window overlaps the days (project time zone); at most "
        f"{AUDIT_EXPORT_MAX_PERMITS} permits (more: 400 too_many_permits).",
    )
    def get(self, request: AuthenticatedRequest) -> FileResponse:
        query = AuditExportQueryIn(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(query.validated_data)
        project = project_get(request.user, values["project"])
        audit_export_check(request.user, project)
        permits = audit_export_permits(project, values["date_from"], values["date_to"])
        count = permits.count()
        if count > AUDIT_EXPORT_MAX_PERMITS:
            raise InvalidInput(
                f"{count} permits in this range; an export takes at most {AUDIT_EXPORT_MAX_PERMITS}. Narrow the range.",
                code="too_many_permits",
                fields={"date_from": [f"At most {AUDIT_EXPORT_MAX_PERMITS} permits per export."]},
            )
        scope = {
            "kind": "date_range",
            "project": {"id": project.id, "name": project.name},
            "date_from": values["date_from"],
            "date_to": values["date_to"],
        }
        file, manifest_sha256, exported = audit_archive(request.user, permits.iterator(chunk_size=100), scope)
        audit_export_record(
            actor=request.user,
            project=project,
            permits=exported,
            manifest_sha256=manifest_sha256,
            date_from=values["date_from"],
            date_to=values["date_to"],
        )
        stamp = timezone.now().strftime("%Y%m%d")
        name = f"audit-{project.code}-{values['date_from']}-{values['date_to']}-{stamp}.zip"
        return _zip_response(file, manifest_sha256, name)
