"""The caller's notifications: list, unread count (cheap, with an ETag), marking read, and preferences."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.errors import InvalidInput
from ptw.core.query import whole_number
from ptw.notifications.api.serializers import (
    NotificationOut,
    PreferencesIn,
    PreferencesOut,
    ReadAllOut,
    UnreadOut,
)
from ptw.notifications.models import Notification
from ptw.notifications.selectors import notifications_of, unread_summary
from ptw.notifications.services.preferences import preferences_of, preferences_update
from ptw.notifications.services.reading import notification_read, notifications_read_all

UNREAD = OpenApiParameter("unread", bool, required=False, description="Only unread ones (not withdrawn).")
AFTER = OpenApiParameter("after", int, required=False, description="Only notifications with an id above this.")
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match", str, OpenApiParameter.HEADER, required=False, description="The ETag of the last answer."
)


def _list_filters(request: AuthenticatedRequest) -> dict[str, Any]:
    unread = request.query_params.get("unread", "false")
    if unread not in ("true", "false"):
        raise InvalidInput(fields={"unread": ["Must be true or false."]})
    after = request.query_params.get("after")
    after_id = None if after is None else whole_number(after)
    if after is not None and after_id is None:
        raise InvalidInput(fields={"after": ["Give a notification id (a whole number)."]})
    return {"unread": unread == "true", "after": after_id}


class NotificationListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = NotificationOut

    @extend_schema(parameters=[UNREAD, AFTER])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return notifications_of(self.request.user, **_list_filters(self.request))


class NotificationUnreadView(APIView):
    @extend_schema(
        parameters=[IF_NONE_MATCH], responses={200: UnreadOut, 304: OpenApiResponse(description="Unchanged.")}
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        summary = unread_summary(request.user)
        tag = f'"unread-{summary["count"]}-{summary["newest_id"] or 0}"'
        headers = {"ETag": tag, "Cache-Control": "private, no-cache"}
        if request.headers.get("If-None-Match") == tag:
            return Response(status=304, headers=headers)
        return Response(UnreadOut(summary).data, headers=headers)


class NotificationReadView(APIView):
    @extend_schema(request=None, responses=NotificationOut)
    def post(self, request: AuthenticatedRequest, notification_id: int) -> Response:
        return Response(NotificationOut(notification_read(request.user, notification_id)).data)


class NotificationReadAllView(APIView):
    @extend_schema(request=None, responses=ReadAllOut)
    def post(self, request: AuthenticatedRequest) -> Response:
        return Response(ReadAllOut({"marked": notifications_read_all(request.user)}).data)


class NotificationPreferencesView(APIView):
    @extend_schema(responses=PreferencesOut)
    def get(self, request: AuthenticatedRequest) -> Response:
        return Response(PreferencesOut({"kinds": preferences_of(request.user)}).data)

    @extend_schema(request=PreferencesIn, responses=PreferencesOut)
    def put(self, request: AuthenticatedRequest) -> Response:
        data = PreferencesIn(data=request.data)
        data.is_valid(raise_exception=True)
        kinds = preferences_update(request.user, data.validated_data["kinds"])
        return Response(PreferencesOut({"kinds": kinds}).data)
