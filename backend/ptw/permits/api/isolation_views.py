"""Isolations (LOTO): the project library, a permit's isolations and the live register."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.policies import projects_for
from ptw.accounts.selectors import project_get
from ptw.core.errors import InvalidInput, NotFound
from ptw.core.http import client_ip, conflict_shows, with_etag
from ptw.core.idempotency import idempotent
from ptw.core.query import whole_number
from ptw.core.versioning import expected_version
from ptw.permits.api.isolation_serializers import (
    IsolateIn,
    IsolationPointIn,
    IsolationPointOut,
    IsolationPointUpdateIn,
    PermitIsolationIn,
    PermitIsolationOut,
    RegisterIsolationOut,
    ReinstateIn,
)
from ptw.permits.api.views import scoped_permit
from ptw.permits.models import IsolationPoint, PermitIsolation
from ptw.permits.selectors import isolation_points_of, isolation_steps_for, isolations_of, live_isolations
from ptw.permits.services.isolations import (
    isolation_assign,
    isolation_deisolate,
    isolation_isolate,
    isolation_point_save,
    isolation_reinstate,
    isolation_verify,
)

PROJECT = OpenApiParameter("project", int, required=True)


def _project_id(request: AuthenticatedRequest) -> int:
    raw = request.query_params.get("project", "")
    project_id = whole_number(raw, low=1)
    if project_id is None:
        raise InvalidInput(fields={"project": ["Give the project id."]})
    return project_get(request.user, project_id).id


def _steps_context(request: AuthenticatedRequest, permit_id: int) -> dict[str, Any]:
    return {"steps": isolation_steps_for(request.user, scoped_permit(request, permit_id))}


class IsolationPointListView(APIView):
    @extend_schema(parameters=[PROJECT], responses=IsolationPointOut(many=True))
    def get(self, request: AuthenticatedRequest) -> Response:
        return Response(IsolationPointOut(isolation_points_of(_project_id(request)), many=True).data)

    @extend_schema(parameters=[PROJECT], request=IsolationPointIn, responses={201: IsolationPointOut})
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        project_id = _project_id(request)
        data = IsolationPointIn(data=request.data)
        data.is_valid(raise_exception=True)
        point = isolation_point_save(actor=request.user, project_id=project_id, data=dict(data.validated_data))
        return with_etag(dict(IsolationPointOut(point).data), status=201)


class IsolationPointDetailView(APIView):
    def _point(self, request: AuthenticatedRequest, point_id: int) -> IsolationPoint:
        point = IsolationPoint.objects.filter(pk=point_id, project__in=projects_for(request.user)).first()
        if point is None:
            raise NotFound()
        return point

    @extend_schema(responses=IsolationPointOut)
    def get(self, request: AuthenticatedRequest, point_id: int) -> Response:
        return with_etag(dict(IsolationPointOut(self._point(request, point_id)).data))

    @extend_schema(request=IsolationPointUpdateIn, responses=IsolationPointOut)
    def patch(self, request: AuthenticatedRequest, point_id: int) -> Response:
        point = self._point(request, point_id)
        data = IsolationPointUpdateIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "version"}
        with conflict_shows(lambda p: dict(IsolationPointOut(p).data)):
            saved = isolation_point_save(
                actor=request.user,
                project_id=point.project_id,
                data=values,
                point_id=point.id,
                expected_version=expected_version(request),
            )
        return with_etag(dict(IsolationPointOut(saved).data))


class PermitIsolationListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = PermitIsolationOut
    pagination_class = None

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return PermitIsolation.objects.none()
        return isolations_of(scoped_permit(self.request, self.kwargs["permit_id"]))

    def get_serializer_context(self) -> Mapping[str, Any]:
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        return {**context, **_steps_context(self.request, self.kwargs["permit_id"])}

    @extend_schema(request=PermitIsolationIn, responses={201: PermitIsolationOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit(request, permit_id)
        data = PermitIsolationIn(data=request.data)
        data.is_valid(raise_exception=True)
        isolation = isolation_assign(
            actor=request.user, permit_id=permit_id, data=dict(data.validated_data), client_ip=client_ip(request)
        )
        return Response(PermitIsolationOut(isolation, context=_steps_context(request, permit_id)).data, status=201)


_STEPS: dict[str, Callable[..., PermitIsolation]] = {
    "isolate": isolation_isolate,
    "verify": isolation_verify,
    "deisolate": isolation_deisolate,
    "reinstate": isolation_reinstate,
}
# The steps that take a body, and its shape.
_STEP_INPUT: dict[str, type[IsolateIn | ReinstateIn]] = {"isolate": IsolateIn, "reinstate": ReinstateIn}


class PermitIsolationStepView(APIView):
    @extend_schema(
        request=PolymorphicProxySerializer(
            component_name="IsolationStepIn", serializers=[IsolateIn, ReinstateIn], resource_type_field_name=None
        ),
        responses=PermitIsolationOut,
        operation_id="permit_isolation_step",
        parameters=[OpenApiParameter("step", str, OpenApiParameter.PATH, enum=list(_STEPS))],
    )
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int, isolation_id: int, step: str) -> Response:
        if step not in _STEPS:
            raise NotFound()
        scoped_permit(request, permit_id)
        extra: dict[str, Any] = {}
        if step in _STEP_INPUT:
            data = _STEP_INPUT[step](data=request.data)
            data.is_valid(raise_exception=True)
            extra = dict(data.validated_data)
        try:
            isolation = _STEPS[step](
                actor=request.user,
                permit_id=permit_id,
                isolation_id=isolation_id,
                client_ip=client_ip(request),
                **extra,
            )
        except PermitIsolation.DoesNotExist:
            raise NotFound() from None
        return Response(PermitIsolationOut(isolation, context=_steps_context(request, permit_id)).data)


class IsolationRegisterView(ListAPIView):
    """Every live (applied or verified) isolation of the caller's projects."""

    request: AuthenticatedRequest
    serializer_class = RegisterIsolationOut

    @extend_schema(parameters=[OpenApiParameter("project", int)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return PermitIsolation.objects.none()
        project = self.request.query_params.get("project")
        return live_isolations(self.request.user, _project_id(self.request) if project is not None else None)
