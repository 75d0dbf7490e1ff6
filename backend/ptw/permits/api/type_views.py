"""Permit types: members read (effective per project), admins write."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count, Q, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.models import Project, User
from ptw.accounts.policies import visible_project_ids
from ptw.accounts.selectors import project_get
from ptw.core.errors import InvalidInput, NotFound
from ptw.core.http import conflict_shows, with_etag
from ptw.core.idempotency import idempotent
from ptw.core.query import whole_number
from ptw.core.versioning import expected_version
from ptw.permits.api.type_serializers import PermitTypeIn, PermitTypeOut, PermitTypeUpdateIn, VersionIn
from ptw.permits.models import PermitType, PermitTypeOverride
from ptw.permits.services.permit_types import (
    permit_type_create,
    permit_type_delete,
    permit_type_override,
    permit_type_restore,
    permit_type_retire,
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


def _in_use_scope(user: User, project: Project | None) -> Q:
    """The permits `in_use` counts: the project's, or those on the caller's projects."""
    return Q(permits__project=project) if project is not None else Q(permits__project_id__in=visible_project_ids(user))


def types_of(user: User, project: Project | None) -> QuerySet[PermitType]:
    """The caller's tenant's types, each with `in_use` counted in one query."""
    return PermitType.objects.filter(tenant_id=user.tenant_id).annotate(
        in_use=Count("permits", filter=_in_use_scope(user, project))
    )


def type_data(
    ptype: PermitType,
    project: Project | None,
    rows: dict[int, PermitTypeOverride] | None = None,
    user: User | None = None,
) -> dict:
    """The type as it applies on `project` (base type when None); `version` is the override's there. `in_use`
    comes annotated (`types_of`) or, for a type the services hand back, is counted for `user`."""
    values: dict[str, Any] = {}
    version = ptype.version
    if project is not None:
        if rows is None:
            rows = {r.permit_type_id: r for r in PermitTypeOverride.objects.filter(project=project, permit_type=ptype)}
        row = rows.get(ptype.id)
        values, version = (row.values, row.version) if row else ({}, 1)
    eff = ptype.effective(project.id if project else 0, {ptype.id: values})
    data = {name: getattr(eff, name) for name in PermitTypeOut().get_fields() if hasattr(ptype, name)}
    in_use = getattr(ptype, "in_use", None)
    if in_use is None:
        scope = _in_use_scope(user, project) if user is not None else Q(permits__project=project)
        in_use = PermitType.objects.filter(pk=ptype.pk).aggregate(n=Count("permits", filter=scope))["n"]
    data.update(
        version=version,
        project=project.id if project else None,
        overridden=sorted(eff.overrides),
        retired=not ptype.is_active,
        in_use=in_use,
    )
    return dict(PermitTypeOut(data).data)


class PermitTypeListView(APIView):
    @extend_schema(parameters=[PROJECT_PARAM], responses=PermitTypeOut(many=True))
    def get(self, request: AuthenticatedRequest) -> Response:
        project = _project(request)
        types = list(types_of(request.user, project).order_by("name"))
        rows = {r.permit_type_id: r for r in PermitTypeOverride.objects.filter(project=project)} if project else None
        return Response([type_data(t, project, rows) for t in types])

    @extend_schema(request=PermitTypeIn, responses={201: PermitTypeOut})
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        data = PermitTypeIn(data=request.data)
        data.is_valid(raise_exception=True)
        ptype = permit_type_create(actor=request.user, data=dict(data.validated_data))
        return with_etag(type_data(ptype, None, user=request.user), status=201)


def _type_get(request: AuthenticatedRequest, type_id: int, project: Project | None = None) -> PermitType:
    """The caller's tenant's type (404 for another tenant's), with `in_use` on `project` or the caller's projects."""
    ptype = types_of(request.user, project).filter(pk=type_id).first()
    if ptype is None:
        raise NotFound()
    return ptype


class PermitTypeDetailView(APIView):
    def _get(self, request: AuthenticatedRequest, type_id: int, project: Project | None = None) -> PermitType:
        return _type_get(request, type_id, project)

    @extend_schema(parameters=[PROJECT_PARAM], responses=PermitTypeOut)
    def get(self, request: AuthenticatedRequest, type_id: int) -> Response:
        project = _project(request)
        return with_etag(type_data(self._get(request, type_id, project), project))

    @extend_schema(parameters=[PROJECT_PARAM], request=PermitTypeUpdateIn, responses=PermitTypeOut)
    def patch(self, request: AuthenticatedRequest, type_id: int) -> Response:
        project = _project(request)
        ptype = self._get(request, type_id, project)
        data = PermitTypeUpdateIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("version", None)
        reset = values.pop("reset", None)
        version = expected_version(request)
        with conflict_shows(lambda t: type_data(t, project, user=request.user)):
            if project is None:
                if reset is not None:
                    raise InvalidInput(fields={"reset": ["Only a project's override has fields to reset (?project=)."]})
                permit_type_update(actor=request.user, permit_type_id=ptype.id, expected_version=version, data=values)
            else:
                permit_type_override(
                    actor=request.user,
                    project=project,
                    permit_type=ptype,
                    expected_version=version,
                    data=values,
                    reset=reset,
                )
        return with_etag(type_data(self._get(request, type_id, project), project))

    @extend_schema(responses={204: None})
    def delete(self, request: AuthenticatedRequest, type_id: int) -> Response:
        permit_type_delete(actor=request.user, permit_type_id=self._get(request, type_id).id)
        return Response(status=204)


IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description='"<version>" (or `version` in the body)'
)


class PermitTypeRetireView(APIView):
    """POST: retire the type tenant-wide (tenant admins; If-Match or `version`). Permits that use it keep it."""

    @extend_schema(request=VersionIn, responses=PermitTypeOut, parameters=[IF_MATCH])
    def post(self, request: AuthenticatedRequest, type_id: int) -> Response:
        return _retired_set(request, type_id, permit_type_retire)


class PermitTypeRestoreView(APIView):
    """POST: put a retired type back in service (tenant admins; If-Match or `version`)."""

    @extend_schema(request=VersionIn, responses=PermitTypeOut, parameters=[IF_MATCH])
    def post(self, request: AuthenticatedRequest, type_id: int) -> Response:
        return _retired_set(request, type_id, permit_type_restore)


def _retired_set(request: AuthenticatedRequest, type_id: int, service: Callable[..., None]) -> Response:
    VersionIn(data=request.data).is_valid(raise_exception=True)
    ptype = _type_get(request, type_id)
    with conflict_shows(lambda t: type_data(t, None, user=request.user)):
        service(actor=request.user, permit_type_id=ptype.id, expected_version=expected_version(request))
    return with_etag(type_data(_type_get(request, type_id), None))
