"""Permit types: members read (effective per project), admins write."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.models import Project
from ptw.accounts.selectors import project_get
from ptw.core.errors import InvalidInput, NotFound
from ptw.core.http import conflict_shows, with_etag
from ptw.core.idempotency import idempotent
from ptw.core.query import whole_number
from ptw.core.versioning import expected_version
from ptw.permits.api.type_serializers import PermitTypeIn, PermitTypeOut, PermitTypeUpdateIn
from ptw.permits.models import PermitType, PermitTypeOverride
from ptw.permits.services.permit_types import (
    permit_type_create,
    permit_type_delete,
    permit_type_override,
    permit_type_update,
)

PROJECT_PARAM = OpenApiParameter("project", int, description="show (or write) the type as it applies on this project")


def _project(request: AuthenticatedRequest) -> Project | None:
    raw = request.query_params.get("project")
    if raw is None:
        return None
    project_id = whole_number(raw, low=1)
    if project_id is None:
        raise InvalidInput(fields={"project": ["Must be a project id."]})
    return project_get(request.user, project_id)


def type_data(ptype: PermitType, project: Project | None, rows: dict[int, PermitTypeOverride] | None = None) -> dict:
    """The type as it applies on `project` (base type when None); `version` is the override's there."""
    values: dict[str, Any] = {}
    version = ptype.version
    if project is not None:
        if rows is None:
            rows = {r.permit_type_id: r for r in PermitTypeOverride.objects.filter(project=project, permit_type=ptype)}
        row = rows.get(ptype.id)
        values, version = (row.values, row.version) if row else ({}, 1)
    eff = ptype.effective(project.id if project else 0, {ptype.id: values})
    data = {name: getattr(eff, name) for name in PermitTypeOut().get_fields() if hasattr(ptype, name)}
    data.update(version=version, project=project.id if project else None, overridden=sorted(eff.overrides))
    return dict(PermitTypeOut(data).data)


class PermitTypeListView(APIView):
    @extend_schema(parameters=[PROJECT_PARAM], responses=PermitTypeOut(many=True))
    def get(self, request: AuthenticatedRequest) -> Response:
        project = _project(request)
        types = list(PermitType.objects.filter(tenant_id=request.user.tenant_id).order_by("name"))
        rows = {r.permit_type_id: r for r in PermitTypeOverride.objects.filter(project=project)} if project else None
        return Response([type_data(t, project, rows) for t in types])

    @extend_schema(request=PermitTypeIn, responses={201: PermitTypeOut})
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        data = PermitTypeIn(data=request.data)
        data.is_valid(raise_exception=True)
        ptype = permit_type_create(actor=request.user, data=dict(data.validated_data))
        return with_etag(type_data(ptype, None), status=201)


class PermitTypeDetailView(APIView):
    def _get(self, request: AuthenticatedRequest, type_id: int) -> PermitType:
        ptype = PermitType.objects.filter(pk=type_id, tenant_id=request.user.tenant_id).first()
        if ptype is None:
            raise NotFound()
        return ptype

    @extend_schema(parameters=[PROJECT_PARAM], responses=PermitTypeOut)
    def get(self, request: AuthenticatedRequest, type_id: int) -> Response:
        return with_etag(type_data(self._get(request, type_id), _project(request)))

    @extend_schema(parameters=[PROJECT_PARAM], request=PermitTypeUpdateIn, responses=PermitTypeOut)
    def patch(self, request: AuthenticatedRequest, type_id: int) -> Response:
        ptype, project = self._get(request, type_id), _project(request)
        data = PermitTypeUpdateIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("version", None)
        version = expected_version(request)
        with conflict_shows(lambda t: type_data(t, project)):
            if project is None:
                permit_type_update(actor=request.user, permit_type_id=ptype.id, expected_version=version, data=values)
            else:
                permit_type_override(
                    actor=request.user, project=project, permit_type=ptype, expected_version=version, data=values
                )
        ptype.refresh_from_db()
        return with_etag(type_data(ptype, project))

    @extend_schema(responses={204: None})
    def delete(self, request: AuthenticatedRequest, type_id: int) -> Response:
        permit_type_delete(actor=request.user, permit_type_id=self._get(request, type_id).id)
        return Response(status=204)
