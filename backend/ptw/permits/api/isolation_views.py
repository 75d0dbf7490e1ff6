"""Isolations (LOTO): a permit's isolations and the live register (the library: isolation_library_views.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.errors import NotFound
from ptw.core.http import PlannedListView, client_ip
from ptw.core.idempotency import idempotent
from ptw.permits.api.isolation_library_views import project_id_of
from ptw.permits.api.isolation_serializers import (
    IsolateIn,
    PermitIsolationIn,
    PermitIsolationOut,
    RegisterIsolationOut,
    ReinstateIn,
)
from ptw.permits.api.views import scoped_permit, scoped_permit_id
from ptw.permits.models import PermitIsolation
from ptw.permits.selectors import isolation_steps_for, isolations_of, live_isolations
from ptw.permits.services.isolations import (
    isolation_assign,
    isolation_deisolate,
    isolation_isolate,
    isolation_reinstate,
    isolation_verify,
)


def _steps_context(request: AuthenticatedRequest, permit_id: int) -> dict[str, Any]:
    return {"steps": isolation_steps_for(request.user, scoped_permit(request, permit_id))}


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
        scoped_permit_id(request, permit_id)
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
        scoped_permit_id(request, permit_id)
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


class IsolationRegisterView(PlannedListView):
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
        return live_isolations(self.request.user, project_id_of(self.request) if project is not None else None)
