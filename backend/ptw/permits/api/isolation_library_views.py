"""The project's isolation library: list (members read, for the permit's picker), add, edit, retire, restore and
the CSV import with its preview and template (project admins and tenant admins write)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.selectors import project_get
from ptw.core.errors import InvalidInput
from ptw.core.http import conflict_shows, with_etag
from ptw.core.idempotency import idempotent
from ptw.core.query import whole_number
from ptw.core.versioning import expected_version
from ptw.permits.api.isolation_serializers import (
    IsolationImportIn,
    IsolationImportOut,
    IsolationPointIn,
    IsolationPointOut,
    IsolationPointQuery,
    IsolationPointUpdateIn,
    IsolationPointVersionIn,
)
from ptw.permits.isolation_csv import MAX_BYTES, template_csv
from ptw.permits.selectors import isolation_point_get, isolation_points_of
from ptw.permits.services.config_audit import config_admin
from ptw.permits.services.isolation_library import (
    REFUSAL,
    isolation_point_create,
    isolation_point_restore,
    isolation_point_retire,
    isolation_point_update,
    isolation_points_import,
)

PROJECT = OpenApiParameter("project", int, required=True)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description='The version the admin saw, e.g. "3" (or `version` in the body); neither → 428, stale → 409.',
)


def project_id_of(request: AuthenticatedRequest) -> int:
    """The `project` query parameter: one of the caller's projects (404 otherwise), 400 when malformed."""
    project_id = whole_number(request.query_params.get("project", ""), low=1)
    if project_id is None:
        raise InvalidInput(fields={"project": ["Give the project id."]})
    return project_get(request.user, project_id).id


def _admin_of(request: AuthenticatedRequest, project_id: int) -> int:
    """The project, once the caller is known to administer it: a member without the right gets 403 whatever the
    body says (the service checks again, in its transaction)."""
    config_admin(request.user, project_id, REFUSAL)
    return project_id


def _shown(point: Any) -> dict[str, Any]:
    return dict(IsolationPointOut(point).data)


class IsolationPointListView(APIView):
    @extend_schema(parameters=[PROJECT, IsolationPointQuery], responses=IsolationPointOut(many=True))
    def get(self, request: AuthenticatedRequest) -> Response:
        project_id = project_id_of(request)
        query = IsolationPointQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        points = isolation_points_of(project_id, **query.validated_data)
        return Response(IsolationPointOut(points, many=True).data)

    @extend_schema(parameters=[PROJECT], request=IsolationPointIn, responses={201: IsolationPointOut})
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        project_id = _admin_of(request, project_id_of(request))
        data = IsolationPointIn(data=request.data)
        data.is_valid(raise_exception=True)
        point = isolation_point_create(actor=request.user, project_id=project_id, data=dict(data.validated_data))
        return with_etag(_shown(point), status=201)


class IsolationPointDetailView(APIView):
    @extend_schema(responses=IsolationPointOut)
    def get(self, request: AuthenticatedRequest, point_id: int) -> Response:
        return with_etag(_shown(isolation_point_get(request.user, point_id)))

    @extend_schema(request=IsolationPointUpdateIn, responses=IsolationPointOut)
    def patch(self, request: AuthenticatedRequest, point_id: int) -> Response:
        point = isolation_point_get(request.user, point_id)
        _admin_of(request, point.project_id)
        data = IsolationPointUpdateIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "version"}
        with conflict_shows(_shown):
            saved = isolation_point_update(
                actor=request.user,
                project_id=point.project_id,
                point_id=point.id,
                expected_version=expected_version(request),
                data=values,
            )
        return with_etag(_shown(saved))


class IsolationPointRetireView(APIView):
    """POST …/retire/ (no longer offered for new isolations) or …/restore/, at the version in If-Match."""

    writer = staticmethod(isolation_point_retire)

    @extend_schema(request=IsolationPointVersionIn, responses=IsolationPointOut, parameters=[IF_MATCH])
    def post(self, request: AuthenticatedRequest, point_id: int) -> Response:
        point = isolation_point_get(request.user, point_id)
        _admin_of(request, point.project_id)
        IsolationPointVersionIn(data=request.data).is_valid(raise_exception=True)
        with conflict_shows(_shown):
            saved = self.writer(
                actor=request.user,
                project_id=point.project_id,
                point_id=point.id,
                expected_version=expected_version(request),
            )
        return with_etag(_shown(saved))


class IsolationPointRestoreView(IsolationPointRetireView):
    writer = staticmethod(isolation_point_restore)


class IsolationImportView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        parameters=[PROJECT],
        request={"multipart/form-data": IsolationImportIn},
        responses={200: IsolationImportOut, 201: IsolationImportOut},
    )
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        project_id = _admin_of(request, project_id_of(request))
        data = IsolationImportIn(data=request.data)
        data.is_valid(raise_exception=True)
        dry_run = data.validated_data["dry_run"]
        report = isolation_points_import(
            actor=request.user,
            project_id=project_id,
            raw=data.validated_data["file"].read(MAX_BYTES + 1),
            dry_run=dry_run,
        )
        return Response(IsolationImportOut(report).data, status=200 if dry_run else 201)


class IsolationImportTemplateView(APIView):
    @extend_schema(
        parameters=[PROJECT],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="The header row and an example.")},
    )
    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        _admin_of(request, project_id_of(request))
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="isolation-points.csv"'
        return response
