"""The site API: the location tree and its plot plans, the SIMOPS conflict rules, a permit's conflicts, the
conflicts preview of the permit form, and the site board. Views name their serializers, selector and service."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.models import Project
from ptw.accounts.selectors import project_get
from ptw.core.errors import InvalidInput, NotFound
from ptw.core.http import conflict_shows, with_etag
from ptw.core.idempotency import idempotent
from ptw.core.query import whole_number
from ptw.core.renderers import FastJSONRenderer
from ptw.core.versioning import etag, expected_version
from ptw.permits.api.location_serializers import (
    BoardOut,
    ConflictsPreviewIn,
    ConflictsPreviewOut,
    LocationIn,
    LocationOut,
    LocationTreeOut,
    LocationUpdateIn,
    PermitConflictsOut,
    PlotPlanIn,
    SimopsRulesIn,
    SimopsRulesOut,
    conflicts_data,
)
from ptw.permits.api.views import scoped_permit
from ptw.permits.choices import Status
from ptw.permits.models import LocationKind, LocationNode, PermitType
from ptw.permits.selectors import (
    board,
    location_get,
    location_tree_version,
    locations_of,
    permit_conflicts,
    plot_plan_of,
)
from ptw.permits.services.locations import (
    location_create,
    location_deactivate,
    location_update,
    plot_plan_set,
    simops_rules_replace,
)
from ptw.permits.simops import EFFECTS, SCOPES, Subject, categories_of, conflicts_of, rules_current, subject_of
from ptw.permits.workflow import LIVE

PROJECT = OpenApiParameter("project", int, required=True)


def _id_param(request: Request, name: str, *, required: bool = False) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or (raw == "" and not required):
        if required:
            raise InvalidInput(fields={name: ["Give the id."]})
        return None
    value = whole_number(raw, low=1)
    if value is None:
        raise InvalidInput(fields={name: ["Must be an id."]})
    return value


def _project(request: AuthenticatedRequest) -> Project:
    project_id = _id_param(request, "project", required=True)
    assert project_id is not None
    return project_get(request.user, project_id)


def _node_data(node: LocationNode) -> dict[str, Any]:
    return dict(LocationOut(node).data)


def _reloaded(request: AuthenticatedRequest, node_id: int) -> dict[str, Any]:
    return _node_data(location_get(request.user, node_id))


class LocationListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = LocationOut

    @extend_schema(
        parameters=[
            PROJECT,
            OpenApiParameter("kind", str, enum=list(LocationKind.values)),
            OpenApiParameter("parent", int),
            OpenApiParameter("search", str),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return LocationNode.objects.none()
        request = self.request
        rows = locations_of(_project(request).id)
        kind = request.query_params.get("kind")
        if kind is not None:
            if kind not in LocationKind.values:
                raise InvalidInput(fields={"kind": [f"Must be one of: {', '.join(LocationKind.values)}."]})
            rows = rows.filter(kind=kind)
        parent = _id_param(request, "parent")
        if parent is not None:
            rows = rows.filter(parent_id=parent)
        search = request.query_params.get("search", "").strip()
        if len(search) > 100 or "\x00" in search:
            raise InvalidInput(fields={"search": ["At most 100 characters."]})
        if search:
            rows = rows.filter(Q(code__icontains=search) | Q(name__icontains=search))
        return rows

    @extend_schema(request=LocationIn, responses={201: LocationOut})
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        data = LocationIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            project = project_get(request.user, values.pop("project"))
        except NotFound:
            raise InvalidInput(fields={"project": ["No such project."]}) from None
        node = location_create(actor=request.user, project_id=project.id, data=values)
        return with_etag(_reloaded(request, node.id), status=201)


class LocationTreeView(APIView):
    """Every active node of a project, for pickers; its ETag changes whenever any node does."""

    @extend_schema(parameters=[PROJECT], responses=LocationTreeOut)
    def get(self, request: AuthenticatedRequest) -> Response:
        project = _project(request)
        nodes = locations_of(project.id).filter(is_active=True)
        data = LocationTreeOut({"project": project.id, "nodes": nodes}).data
        return Response(data, headers={"ETag": etag(location_tree_version(project.id))})


class LocationDetailView(APIView):
    @extend_schema(responses=LocationOut)
    def get(self, request: AuthenticatedRequest, node_id: int) -> Response:
        return with_etag(_node_data(location_get(request.user, node_id)))

    @extend_schema(
        request=LocationUpdateIn,
        responses=LocationOut,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description='"<version>"')],
    )
    def patch(self, request: AuthenticatedRequest, node_id: int) -> Response:
        node = location_get(request.user, node_id)
        data = LocationUpdateIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "version"}
        with conflict_shows(lambda n: _reloaded(request, n.id)):
            location_update(
                actor=request.user,
                node_id=node.id,
                project_id=node.project_id,
                expected_version=expected_version(request),
                data=values,
            )
        return with_etag(_reloaded(request, node.id))

    @extend_schema(responses={200: LocationOut})
    def delete(self, request: AuthenticatedRequest, node_id: int) -> Response:
        """Deactivate the node and its subtree (`is_active=false`); permits that name them keep them."""
        node = location_get(request.user, node_id)
        with conflict_shows(lambda n: _reloaded(request, n.id)):
            location_deactivate(
                actor=request.user,
                node_id=node.id,
                project_id=node.project_id,
                expected_version=expected_version(request) if request.headers.get("If-Match") else None,
            )
        return with_etag(_reloaded(request, node.id))


class PlotPlanView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(responses={(200, "image/png"): bytes, (200, "image/jpeg"): bytes})
    def get(self, request: AuthenticatedRequest, node_id: int) -> HttpResponse:
        raw, content_type, version = plot_plan_of(request.user, node_id)
        response = HttpResponse(raw, content_type=content_type)
        response["ETag"] = etag(version)
        response["Cache-Control"] = "private, max-age=3600"
        return response

    @extend_schema(request={"multipart/form-data": PlotPlanIn}, responses=LocationOut)
    def put(self, request: AuthenticatedRequest, node_id: int) -> Response:
        node = location_get(request.user, node_id)
        upload = request.FILES.get("file")
        if upload is None or set(request.data) - {"file"}:
            raise InvalidInput(fields={"file": ["Send the image as the multipart field `file` (and nothing else)."]})
        if upload.size is None or upload.size > 5 * 1024 * 1024:
            raise InvalidInput(fields={"file": ["The image is larger than 5 MB."]})
        plot_plan_set(actor=request.user, node_id=node.id, project_id=node.project_id, raw=upload.read())
        return with_etag(_reloaded(request, node.id))


def _rules_data(project: Project) -> dict[str, Any]:
    current = rules_current(project.id)
    return dict(
        SimopsRulesOut(
            {
                "project": project.id,
                "version": current.version,
                "categories": categories_of(project.id),
                "scopes": list(SCOPES),
                "effects": list(EFFECTS),
                "rules": current.rules,
            }
        ).data
    )


class SimopsRulesView(APIView):
    @extend_schema(parameters=[PROJECT], responses=SimopsRulesOut)
    def get(self, request: AuthenticatedRequest) -> Response:
        return with_etag(_rules_data(_project(request)))

    @extend_schema(
        parameters=[PROJECT, OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description='"<version>"')],
        request=SimopsRulesIn,
        responses=SimopsRulesOut,
    )
    def put(self, request: AuthenticatedRequest) -> Response:
        project = _project(request)
        data = SimopsRulesIn(data=request.data)
        data.is_valid(raise_exception=True)
        rules = [dict(rule) for rule in data.validated_data["rules"]]
        with conflict_shows(lambda _current: _rules_data(project)):
            simops_rules_replace(
                actor=request.user, project_id=project.id, expected_version=expected_version(request), rules=rules
            )
        return with_etag(_rules_data(project))


class PermitConflictsView(APIView):
    """The permit's conflicts now, as if it were live in its planned window (a conflict whose other permit is no
    longer live is gone at once)."""

    @extend_schema(responses=PermitConflictsOut)
    def get(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        permit = scoped_permit(request, permit_id)
        return Response({"permit": permit.id, "results": conflicts_data(permit_conflicts(permit))})


class ConflictsPreviewView(APIView):
    """The conflicts a permit would have at a node in a window, for the form (no side effects)."""

    @extend_schema(request=ConflictsPreviewIn, responses=ConflictsPreviewOut)
    def post(self, request: AuthenticatedRequest) -> Response:
        data = ConflictsPreviewIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            project = project_get(request.user, values["project"])
        except NotFound:
            raise InvalidInput(fields={"project": ["No such project."]}) from None
        ptype = PermitType.objects.filter(pk=values["permit_type"], tenant_id=project.tenant_id).first()
        if ptype is None:
            raise InvalidInput(fields={"permit_type": ["No such permit type."]})
        node = None
        if values.get("location_node") is not None:
            node = (
                LocationNode.objects.filter(pk=values["location_node"], project=project, is_active=True)
                .select_related("area", "unit")
                .first()
            )
            if node is None:
                raise InvalidInput(fields={"location_node": ["No such active location on this project."]})
        subject = Subject(None, project.id, ptype.category, node, values["planned_start"], values["planned_end"])
        if values.get("permit") is not None:
            try:
                permit = scoped_permit(request, values["permit"])
            except NotFound:
                raise InvalidInput(fields={"permit": ["No such permit."]}) from None
            if permit.project_id != project.id:
                raise InvalidInput(fields={"permit": ["Not a permit of this project."]})
            own = subject_of(permit)
            subject.id, subject.needs, subject.released = permit.id, own.needs, own.released
        return Response({"results": conflicts_data(conflicts_of(subject))})


class BoardView(APIView):
    """The site board of one day: live permits whose planned window meets the day (the project's time zone), by
    area, with the conflicts among them. Read-only, for control-room screens."""

    renderer_classes = [FastJSONRenderer]  # a busy day's board is thousands of plain values

    @extend_schema(
        parameters=[
            PROJECT,
            OpenApiParameter("date", str, required=True, description="YYYY-MM-DD"),
            OpenApiParameter("area", int),
            OpenApiParameter("permit_type", int),
            OpenApiParameter("status", str, description="Comma-separated live statuses", many=False),
        ],
        responses=BoardOut,
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        project = _project(request)
        raw_day = request.query_params.get("date", "")
        try:
            day = date.fromisoformat(raw_day) if len(raw_day) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise InvalidInput(fields={"date": ["Give the day as YYYY-MM-DD."]})
        statuses = [s for s in request.query_params.get("status", "").split(",") if s]
        if bad := [s for s in statuses if s not in LIVE or s not in Status.values]:
            raise InvalidInput(fields={"status": [f"Not a live status: {', '.join(sorted(bad))[:200]}."]})
        data = board(
            project,
            day,
            area_id=_id_param(request, "area"),
            permit_type_id=_id_param(request, "permit_type"),
            statuses=statuses,
        )
        return Response(BoardOut(data).data)
