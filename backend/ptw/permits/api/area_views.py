"""Area-wide suspension: preview, act, and the record of each act (members of the project read it)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.selectors import project_get
from ptw.core.errors import InvalidInput, NotFound
from ptw.core.http import client_ip
from ptw.core.query import whole_number
from ptw.permits.api.area_serializers import (
    AreaPreviewOut,
    AreaScopeIn,
    AreaSuspensionIn,
    AreaSuspensionOut,
    AreaSuspensionSummaryOut,
)
from ptw.permits.models import AreaSuspension
from ptw.permits.selectors import area_suspension_get, area_suspensions_of
from ptw.permits.services.area_suspensions import AreaScope, area_scope, area_suspend, area_suspension_preview


def _scope(request: AuthenticatedRequest, data: dict[str, Any]) -> AreaScope:
    """The scope in the caller's project; another project's is not theirs to name (400, as creating a permit)."""
    try:
        project = project_get(request.user, data["project"])
    except NotFound:
        raise InvalidInput(fields={"project": ["No such project."]}) from None
    return area_scope(
        project,
        location_text=data.get("location_text", ""),
        location_node_id=data.get("location_node"),
        whole_project=data.get("whole_project", False),
        permit_type_id=data.get("permit_type"),
    )


class AreaSuspensionPreviewView(APIView):
    @extend_schema(request=AreaScopeIn, responses=AreaPreviewOut)
    def post(self, request: AuthenticatedRequest) -> Response:
        data = AreaScopeIn(data=request.data)
        data.is_valid(raise_exception=True)
        scope = _scope(request, dict(data.validated_data))
        permits = area_suspension_preview(actor=request.user, scope=scope)
        will = sum(1 for permit in permits if getattr(permit, "will_suspend", False))
        body = {"project": scope.project.id, "will_suspend": will, "will_not_suspend": len(permits) - will}
        return Response(AreaPreviewOut({**body, "permits": permits}).data)


class AreaSuspensionListView(ListAPIView):
    """The area suspensions of the caller's projects, newest first; POST suspends an area."""

    request: AuthenticatedRequest
    serializer_class = AreaSuspensionSummaryOut

    @extend_schema(parameters=[OpenApiParameter("project", int)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return AreaSuspension.objects.none()
        raw = self.request.query_params.get("project")
        if raw is None:
            return area_suspensions_of(self.request.user)
        project_id = whole_number(raw, low=1)
        if project_id is None:
            raise InvalidInput(fields={"project": ["Give the project id."]})
        return area_suspensions_of(self.request.user, project_get(self.request.user, project_id).id)

    @extend_schema(request=AreaSuspensionIn, responses={201: AreaSuspensionOut})
    def post(self, request: AuthenticatedRequest) -> Response:
        data = AreaSuspensionIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        record = area_suspend(
            actor=request.user, scope=_scope(request, values), reason=values["reason"], client_ip=client_ip(request)
        )
        return Response(AreaSuspensionOut(area_suspension_get(request.user, record.id)).data, status=201)


class AreaSuspensionDetailView(APIView):
    @extend_schema(responses=AreaSuspensionOut)
    def get(self, request: AuthenticatedRequest, suspension_id: int) -> Response:
        return Response(AreaSuspensionOut(area_suspension_get(request.user, suspension_id)).data)
