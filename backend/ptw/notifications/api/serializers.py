"""Notifications and preferences over HTTP."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.core.serializers import StrictInput
from ptw.notifications.choices import TOAST_CATEGORIES, Category
from ptw.notifications.models import Notification


class NotificationPermitOut(serializers.Serializer):
    id = serializers.IntegerField()
    permit_number = serializers.CharField()
    title = serializers.CharField()
    location = serializers.CharField()


class NotificationProjectOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class NotificationOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    category = serializers.ChoiceField(choices=Category.choices)
    title = serializers.CharField()
    body = serializers.CharField()
    permit = serializers.SerializerMethodField()
    project = NotificationProjectOut()
    link = serializers.CharField(help_text="The UI path to open, e.g. /permits/12?project=3.")
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True, help_text="Someone else took the task.")
    toast = serializers.SerializerMethodField(help_text="Shown as a toast when it arrives: tasks and safety alerts.")

    @extend_schema_field(NotificationPermitOut(allow_null=True))
    def get_permit(self, notification: Notification) -> dict[str, Any] | None:
        if notification.permit_id is None:
            return None
        return {
            "id": notification.permit_id,
            "permit_number": notification.permit_number,
            "title": notification.permit_title,
            "location": notification.permit_location,
        }

    def get_toast(self, notification: Notification) -> bool:
        return notification.category in TOAST_CATEGORIES


class UnreadOut(serializers.Serializer):
    count = serializers.IntegerField(help_text="Unread notifications, not withdrawn.")
    newest_id = serializers.IntegerField(allow_null=True, help_text="The newest notification's id (read or not).")


class ReadAllOut(serializers.Serializer):
    marked = serializers.IntegerField()


class StrictBoolean(serializers.BooleanField):
    """true or false, nothing that merely looks like one."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class ChannelsIn(StrictInput):
    in_app = StrictBoolean()
    email = StrictBoolean()


class ChannelsOut(serializers.Serializer):
    in_app = serializers.BooleanField()
    email = serializers.BooleanField()


class PreferenceIn(StrictInput):
    kind = serializers.CharField(max_length=64)
    channels = ChannelsIn()


class PreferencesIn(StrictInput):
    kinds = PreferenceIn(many=True, allow_empty=True)


class PreferenceOut(serializers.Serializer):
    kind = serializers.CharField()
    # A field named like Field.label: the declared fields are taken off the class, so nothing is shadowed.
    label = serializers.CharField()  # type: ignore[assignment]
    description = serializers.CharField()
    category = serializers.ChoiceField(choices=Category.choices)
    channels = ChannelsOut()
    in_app_required = serializers.BooleanField(help_text="A safety alert: in-app cannot be turned off.")


class PreferencesOut(serializers.Serializer):
    kinds = PreferenceOut(many=True)
