"""Reports over HTTP: the summary (JSON, CSV or Excel), the permits behind an exception, permit list exports."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.selectors import project_get
from ptw.core.serializers import row_plan
from ptw.permits.api.serializers import PermitOut
from ptw.permits.filters import PermitFilter
from ptw.permits.models import Permit
from ptw.permits.selectors import permit_list, permits_listed
from ptw.reports.api.serializers import (
    ExceptionQueryIn,
    ExportQueryIn,
    ReportSummaryOut,
    SummaryQueryIn,
)
from ptw.reports.exports import (
    CONTENT_TYPES,
    PERMIT_COLUMNS,
    SUMMARY_COLUMNS,
    csv_stream,
    permit_rows,
    summary_rows,
    xlsx_bytes,
)
from ptw.reports.selectors import report_exception_ids, report_summary

CSV_RESPONSE = OpenApiResponse(OpenApiTypes.BINARY, description="CSV (UTF-8), with `format=csv`.")
XLSX_RESPONSE = OpenApiResponse(OpenApiTypes.BINARY, description="An Excel workbook, with `format=xlsx`.")
FILE_RESPONSES: dict[Any, Any] = {(200, "text/csv"): CSV_RESPONSE, (200, CONTENT_TYPES["xlsx"]): XLSX_RESPONSE}


def _query(serializer: Any, request: AuthenticatedRequest) -> dict[str, Any]:
    params = serializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    values: dict[str, Any] = dict(params.validated_data)
    if values.get("project") is not None:
        project_get(request.user, values["project"])
    return values


def file_response(name: str, kind: str, header: tuple[str, ...], rows: Any) -> HttpResponseBase:
    disposition = f'attachment; filename="{name}.{kind}"'
    if kind == "csv":
        response: HttpResponseBase = StreamingHttpResponse(csv_stream(header, rows), content_type=CONTENT_TYPES["csv"])
    else:
        response = HttpResponse(xlsx_bytes(name, header, rows), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = disposition
    return response


class ReportSummaryView(APIView):
    @extend_schema(
        parameters=[SummaryQueryIn], responses={(200, "application/json"): ReportSummaryOut, **FILE_RESPONSES}
    )
    def get(self, request: AuthenticatedRequest) -> Any:
        query = _query(SummaryQueryIn, request)
        summary = report_summary(request.user, query.get("project"), query["date_from"], query["date_to"])
        if query["format"] == "json":
            return Response(ReportSummaryOut(summary).data)
        name = f"ptw-summary-{_span(query['date_from'], query['date_to'])}"
        return file_response(name, query["format"], SUMMARY_COLUMNS, summary_rows(summary))


class ReportExceptionsView(GenericAPIView):
    serializer_class = PermitOut

    def get_queryset(self) -> Any:
        return Permit.objects.none()

    @extend_schema(parameters=[ExceptionQueryIn], responses=PermitOut(many=True))
    def get(self, request: AuthenticatedRequest) -> Response:
        query = _query(ExceptionQueryIn, request)
        ids = report_exception_ids(
            request.user, query.get("project"), query["date_from"], query["date_to"], query["kind"]
        )
        page = permits_listed(self.paginate_queryset(ids) or [])
        return self.get_paginated_response(row_plan(PermitOut).rows(page))


class PermitExportView(GenericAPIView):
    """The permit list, with any of its filters, as a file."""

    request: AuthenticatedRequest
    filter_backends = [DjangoFilterBackend]
    filterset_class = PermitFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Permit.objects.none()
        return permit_list(self.request.user)

    @extend_schema(parameters=[ExportQueryIn], responses=FILE_RESPONSES)
    def get(self, request: AuthenticatedRequest) -> HttpResponseBase:
        kind = _query(ExportQueryIn, request)["format"]
        permits = self.filter_queryset(self.get_queryset())
        return file_response("ptw-permits", kind, PERMIT_COLUMNS, permit_rows(permits))


def _span(first: date, last: date) -> str:
    return f"{first.isoformat()}-to-{last.isoformat()}"
