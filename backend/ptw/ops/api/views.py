"""Health endpoints for load balancers and operators: no authentication, no secrets."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.ops.api.serializers import DeploymentReadinessOut, HealthOut
from ptw.ops.checks import readiness_checks, serving
from ptw.ops.uibuild import read_manifest


class HealthView(APIView):
    """Liveness: 200 whenever the process serves."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(responses=HealthOut, tags=["operations"])
    def get(self, request: Request) -> Response:
        build = read_manifest(settings.UI_DIST_DIR)
        ui_build = {"source_hash": build.source_hash if build else None, "built_at": build.built_at if build else None}
        return Response(HealthOut({"status": "ok", "version": settings.PTW_VERSION, "ui_build": ui_build}).data)


class ReadinessView(APIView):
    """Readiness: every deployment check; 503 when one that gates serving is critical (not the audit chain)."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(responses={200: DeploymentReadinessOut, 503: DeploymentReadinessOut}, tags=["operations"])
    def get(self, request: Request) -> Response:
        checks = readiness_checks()
        ready = serving(checks)
        body = {"ready": ready, "version": settings.PTW_VERSION, "checks": [c.as_dict() for c in checks]}
        return Response(DeploymentReadinessOut(body).data, status=200 if ready else 503)
