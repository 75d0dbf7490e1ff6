"""Webhook endpoints (members read, project admins write), test pings, secret rotation and delivery logs."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.selectors import project_get
from ptw.core.errors import InvalidInput
from ptw.core.http import conflict_shows, with_etag
from ptw.core.idempotency import idempotent
from ptw.core.query import whole_number
from ptw.core.versioning import expected_version
from ptw.webhooks.api.serializers import (
    WebhookDeliveryOut,
    WebhookEndpointIn,
    WebhookEndpointOut,
    WebhookEndpointSecretOut,
    WebhookEndpointUpdateIn,
)
from ptw.webhooks.models import WebhookDelivery
from ptw.webhooks.selectors import deliveries_of, endpoint_get, endpoints_of
from ptw.webhooks.services.endpoints import (
    delivery_redeliver,
    endpoint_create,
    endpoint_delete,
    endpoint_rotate_secret,
    endpoint_test,
    endpoint_update,
)

PROJECT = OpenApiParameter("project", int, required=False, description="Only this project's endpoints.")


def _project_filter(request: AuthenticatedRequest) -> int | None:
    raw = request.query_params.get("project")
    if raw is None:
        return None
    project_id = whole_number(raw, low=1)
    if project_id is None:
        raise InvalidInput(fields={"project": ["Give the project id."]})
    return project_get(request.user, project_id).id


def _render(user: Any, endpoint_id: int) -> dict[str, Any]:
    return dict(WebhookEndpointOut(endpoint_get(user, endpoint_id)).data)


class WebhookListView(APIView):
    @extend_schema(parameters=[PROJECT], responses=WebhookEndpointOut(many=True))
    def get(self, request: AuthenticatedRequest) -> Response:
        return Response(WebhookEndpointOut(endpoints_of(request.user, _project_filter(request)), many=True).data)

    @extend_schema(request=WebhookEndpointIn, responses={201: WebhookEndpointSecretOut})
    @idempotent(secret_fields=("secret",))
    def post(self, request: AuthenticatedRequest) -> Response:
        data = WebhookEndpointIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        endpoint = endpoint_create(actor=request.user, project_id=values.pop("project"), data=values)
        body = {**_render(request.user, endpoint.id), "secret": endpoint.secret}
        return with_etag(body, status=201)


class WebhookDetailView(APIView):
    @extend_schema(responses=WebhookEndpointOut)
    def get(self, request: AuthenticatedRequest, endpoint_id: int) -> Response:
        return with_etag(_render(request.user, endpoint_id))

    @extend_schema(request=WebhookEndpointUpdateIn, responses=WebhookEndpointOut)
    def patch(self, request: AuthenticatedRequest, endpoint_id: int) -> Response:
        data = WebhookEndpointUpdateIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {key: value for key, value in data.validated_data.items() if key != "version"}
        with conflict_shows(lambda endpoint: _render(request.user, endpoint.id)):
            endpoint_update(
                actor=request.user, endpoint_id=endpoint_id, data=values, expected_version=expected_version(request)
            )
        return with_etag(_render(request.user, endpoint_id))

    @extend_schema(responses={204: None})
    def delete(self, request: AuthenticatedRequest, endpoint_id: int) -> Response:
        endpoint_delete(actor=request.user, endpoint_id=endpoint_id)
        return Response(status=204)


class WebhookRotateSecretView(APIView):
    @extend_schema(request=None, responses=WebhookEndpointSecretOut)
    @idempotent(secret_fields=("secret",))
    def post(self, request: AuthenticatedRequest, endpoint_id: int) -> Response:
        endpoint = endpoint_rotate_secret(actor=request.user, endpoint_id=endpoint_id)
        return with_etag({**_render(request.user, endpoint.id), "secret": endpoint.secret})


class WebhookTestView(APIView):
    @extend_schema(request=None, responses={202: WebhookDeliveryOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, endpoint_id: int) -> Response:
        delivery = endpoint_test(actor=request.user, endpoint_id=endpoint_id)
        return Response(WebhookDeliveryOut(deliveries_of(request.user, endpoint_id).get(pk=delivery.pk)).data, 202)


class WebhookDeliveryListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = WebhookDeliveryOut

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return WebhookDelivery.objects.none()
        return deliveries_of(self.request.user, self.kwargs["endpoint_id"])


class WebhookRedeliverView(APIView):
    @extend_schema(request=None, responses={202: WebhookDeliveryOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, endpoint_id: int, delivery_id: int) -> Response:
        delivery = delivery_redeliver(actor=request.user, endpoint_id=endpoint_id, delivery_id=delivery_id)
        return Response(WebhookDeliveryOut(deliveries_of(request.user, endpoint_id).get(pk=delivery.pk)).data, 202)
