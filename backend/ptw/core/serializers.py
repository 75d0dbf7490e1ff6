"""Serializer pieces shared by every API: strict input (unknown and read-only fields are errors)."""

from __future__ import annotations

from typing import Any, ClassVar

from rest_framework import serializers

from ptw.core.errors import ApiError


class ReadOnlyField(ApiError):
    status_code = 400
    code = "read_only_field"
    default_message = "Some fields cannot be written."


class StrictInput(serializers.Serializer):
    """Input serializer that refuses unknown fields and names read-only ones with their own code."""

    read_only_names: ClassVar[tuple[str, ...]] = ()

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            read_only = sorted(name for name in data if name in self.read_only_names)
            if read_only:
                raise ReadOnlyField(fields={name: ["This field is read-only."] for name in read_only})
            unknown = sorted(name for name in data if name not in self.fields)
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
            # DRF turns 12345 into "12345"; a text field takes text only.
            not_text = sorted(
                name
                for name, field in self.fields.items()
                if isinstance(field, serializers.CharField)
                and name in data
                and data[name] is not None
                and not isinstance(data[name], str)
            )
            if not_text:
                raise serializers.ValidationError({name: ["Must be text."] for name in not_text})
        return super().to_internal_value(data)


class PersonOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


def taken_against_field() -> serializers.IntegerField:
    """`permit_version` of a field record: the version of the permit it was made against (a device without
    signal queues records and sends them later). When given and the permit has changed since, the record is
    refused with 409 permit_moved_on."""
    return serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The permit version this record was made against; if the permit has changed since, 409 "
        "permit_moved_on.",
    )
