"""Thin views of the permits API: parse, call one service or selector, serialise."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http.response import HttpResponseBase
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.selectors import project_get
from ptw.core.errors import InvalidInput, NotFound
from ptw.core.http import PlannedListView, client_ip, conflict_shows, with_etag
from ptw.core.idempotency import idempotent
from ptw.core.pagination import count_limit, search_count_limit
from ptw.core.response_cache import stamped
from ptw.core.serializers import row_plan
from ptw.core.versioning import expected_version
from ptw.permits.api.location_serializers import conflicts_data
from ptw.permits.api.serializers import (
    ActionIn,
    ChainOut,
    EventOut,
    PermitCreateIn,
    PermitDetailOut,
    PermitOut,
    PermitReadinessOut,
    PermitUpdateIn,
    PermitWrittenOut,
    RenumberIn,
    SignatureOut,
    TaskOut,
)
from ptw.permits.filters import PermitFilter
from ptw.permits.models import Permit, PermitEvent, PermitTask, PermitType
from ptw.permits.records import signatures_of
from ptw.permits.selectors import (
    allowed_actions,
    list_stamp,
    people_read,
    permit_can,
    permit_chain,
    permit_conflicts,
    permit_events,
    permit_get,
    permit_list,
    permit_references,
    permit_scoped,
    readiness,
    rejection_of,
    tasks_for,
)
from ptw.permits.services.numbering import permit_renumber
from ptw.permits.services.permits import permit_create, permit_delete, permit_update
from ptw.permits.services.transitions import permit_transition
from ptw.permits.workflow import USER_ACTIONS


def detail_data(request: AuthenticatedRequest, permit: Permit) -> dict[str, Any]:
    permit.allowed_actions = allowed_actions(request.user, permit)  # type: ignore[attr-defined]
    permit.rejection = rejection_of(permit)  # type: ignore[attr-defined]
    permit.can = permit_can(request.user, permit)  # type: ignore[attr-defined]
    permit.references = permit_references(permit)  # type: ignore[attr-defined]
    return row_plan(PermitDetailOut).rows([permit])[0]


def written_data(request: AuthenticatedRequest, permit: Permit) -> dict[str, Any]:
    """A created or edited permit with its conflicts, as if it were live in its planned window."""
    return {**detail_data(request, permit), "conflicts": conflicts_data(permit_conflicts(permit))}


def scoped_permit(request: AuthenticatedRequest, permit_id: int, *, people: bool = True, places: bool = True) -> Permit:
    """The permit in the caller's scope (else 404), as `permit_get` reads it (`people`: with its people, `places`: with
    its node's area and unit)."""
    try:
        return permit_get(request.user, permit_id, people=people, places=places)
    except Permit.DoesNotExist:
        raise NotFound() from None


def scoped_permit_id(request: AuthenticatedRequest, permit_id: int) -> int:
    """The permit's id if it is in the caller's scope (else 404), the permit read no further: before a write, whose
    service reads it under its lock, or a read of its records that needs nothing else of it."""
    if not permit_scoped(request.user, permit_id):
        raise NotFound()
    return permit_id


class PermitListView(GenericAPIView):
    request: AuthenticatedRequest
    serializer_class = PermitOut
    filter_backends = [DjangoFilterBackend]
    filterset_class = PermitFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Permit.objects.none()
        return permit_list(self.request.user)

    counted: QuerySet[Any] | None = None  # what the paginator counts instead of the permits (`PermitFilter.counted`)
    ids_first = False  # a filtered list's first page's ids read first too (`filter_queryset`)

    def filter_queryset(self, queryset: QuerySet[Any, Any]) -> QuerySet[Any, Any]:
        """The permits the query's filters keep (an invalid filter is a 400), and what counting them reads."""
        filters = DjangoFilterBackend().get_filterset(self.request, queryset, self)
        if not filters.is_valid():
            raise translate_validation(filters.errors)
        self.counted = filters.counted
        # Filtered, the first page's ids are read before its rows (`BoundedPaginator.page`): asked for whole rows,
        # PostgreSQL may walk an index in the table's order instead of the filter's. Unfiltered, the page is its
        # ordering's index walked either way, and a query fewer.
        self.ids_first = bool(filters.narrowing)
        return filters.qs

    def count_bound(self, request: AuthenticatedRequest) -> int | None:
        """A text search counts to its own, lower bound: the matches of a common word are read one by one."""
        return search_count_limit() if request.query_params.get("search", "").strip() else None

    @extend_schema(operation_id="ptw_permits_list", responses=PermitOut(many=True))
    def get(self, request: AuthenticatedRequest) -> HttpResponseBase:
        # The page as last answered to the caller for the same URL, while none of their projects' list generations
        # has moved since (`stamped`, decision 0031); else read.
        return stamped(request, list_stamp(request.user), self.read, count_limit(), search_count_limit())

    def read(self) -> Response:
        page = people_read(self.paginate_queryset(self.filter_queryset(self.get_queryset())) or [])
        return self.get_paginated_response(row_plan(PermitOut).rows(page))

    @extend_schema(request=PermitCreateIn, responses={201: PermitWrittenOut})
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        data = PermitCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            project = project_get(request.user, values.pop("project"))
        except NotFound:
            raise InvalidInput(fields={"project": ["No such project."]}) from None
        ptype = PermitType.objects.filter(pk=values.pop("permit_type"), tenant_id=project.tenant_id).first()
        if ptype is None:
            raise InvalidInput(fields={"permit_type": ["No such permit type."]})
        permit = permit_create(
            actor=request.user, project=project, permit_type=ptype, data=values, client_ip=client_ip(request)
        )
        return with_etag(written_data(request, permit_get(request.user, permit.id)), status=201)


class PermitDetailView(APIView):
    @extend_schema(responses=PermitDetailOut)
    def get(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        return with_etag(detail_data(request, scoped_permit(request, permit_id)))

    @extend_schema(
        request=PermitUpdateIn,
        responses=PermitWrittenOut,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description='"<version>"')],
    )
    def patch(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = PermitUpdateIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = expected_version(request)
        values.pop("version", None)
        with conflict_shows(lambda p: detail_data(request, p)):
            permit_update(
                actor=request.user,
                permit_id=permit_id,
                expected_version=version,
                data=values,
                client_ip=client_ip(request),
            )
        return with_etag(written_data(request, permit_get(request.user, permit_id)))

    @extend_schema(responses={204: None})
    def delete(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        header = request.headers.get("If-Match")
        permit_delete(
            actor=request.user,
            permit_id=permit_id,
            expected_version=expected_version(request) if header else None,
            client_ip=client_ip(request),
        )
        return Response(status=204)


class PermitActionView(APIView):
    @extend_schema(
        request=ActionIn,
        responses=PermitDetailOut,
        operation_id="permit_action",
        parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH, enum=list(USER_ACTIONS))],
    )
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int, action: str) -> Response:
        if action not in USER_ACTIONS:
            raise NotFound()
        scoped_permit_id(request, permit_id)
        data = ActionIn(data=request.data)
        data.is_valid(raise_exception=True)
        permit_transition(
            permit_id=permit_id, action=action, actor=request.user, client_ip=client_ip(request), **data.validated_data
        )
        return with_etag(detail_data(request, permit_get(request.user, permit_id)))


class PermitReadinessView(APIView):
    @extend_schema(responses=PermitReadinessOut)
    def get(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        return Response(readiness(request.user, scoped_permit(request, permit_id, people=False, places=False)))


class PermitSignatureListView(APIView):
    @extend_schema(responses=SignatureOut(many=True))
    def get(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        return Response(SignatureOut(signatures_of(scoped_permit(request, permit_id)), many=True).data)


class PermitEventListView(PlannedListView):
    request: AuthenticatedRequest
    serializer_class = EventOut

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return PermitEvent.objects.none()
        return permit_events(scoped_permit_id(self.request, self.kwargs["permit_id"]))


class PermitChainView(APIView):
    """Whether the permit's hash-chained timeline is intact, verified now."""

    @extend_schema(responses=ChainOut)
    def get(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        return Response(ChainOut(permit_chain(scoped_permit(request, permit_id))).data)


class TaskListView(PlannedListView):
    request: AuthenticatedRequest
    serializer_class = TaskOut

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return PermitTask.objects.none()
        return tasks_for(self.request.user)


class PermitRenumberView(APIView):
    @extend_schema(request=RenumberIn, responses=PermitDetailOut)
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = RenumberIn(data=request.data)
        data.is_valid(raise_exception=True)
        permit_renumber(actor=request.user, permit_id=permit_id, client_ip=client_ip(request), **data.validated_data)
        return with_etag(detail_data(request, scoped_permit(request, permit_id)))
