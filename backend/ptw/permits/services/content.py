"""Validation of a permit's content against its type (checklist keys, template fields, people)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ptw.accounts.choices import Capability
from ptw.accounts.models import Project, User
from ptw.accounts.policies import in_pool
from ptw.core.errors import InvalidInput
from ptw.permits.choices import FieldType, risk_level_for
from ptw.permits.models.permit_type import EffectiveType

MAX_PARAMETER_LENGTH = 2000


def _check_parameter(field: dict[str, Any], value: Any) -> str | None:
    kind = field.get("type", FieldType.TEXT)
    if value is None or value == "":
        return None
    if kind in (FieldType.TEXT, FieldType.TEXTAREA):
        if not isinstance(value, str) or len(value) > MAX_PARAMETER_LENGTH or "\x00" in value:
            return f"Must be text of at most {MAX_PARAMETER_LENGTH} characters (no NUL characters)."
    elif kind == FieldType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "Must be a number."
    elif kind == FieldType.BOOLEAN:
        if not isinstance(value, bool):
            return "Must be true or false."
    elif kind == FieldType.DATE:
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return "Must be a date (YYYY-MM-DD)."
    elif kind == FieldType.SELECT and value not in field.get("options", []):
        return f"Must be one of: {', '.join(map(str, field.get('options', [])))}."
    return None


def content_validate(permit_type: EffectiveType, data: dict[str, Any]) -> None:
    """Raise 400 with field errors when checklist answers or template values do not fit the type."""
    errors: dict[str, list[str]] = {}
    if "checklist" in data:
        keys = {item["key"] for item in permit_type.checklist}
        unknown = sorted(set(data["checklist"]) - keys)
        if unknown:
            errors["checklist"] = [f"Not items of this permit type: {', '.join(unknown)}."]
    if "parameters" in data:
        fields = {field["key"]: field for field in permit_type.form_fields}
        unknown = sorted(set(data["parameters"]) - set(fields))
        problems = [f"Not fields of this permit type: {', '.join(unknown)}."] if unknown else []
        for key, value in data["parameters"].items():
            if key in fields and (problem := _check_parameter(fields[key], value)):
                problems.append(f"{fields[key]['label']}: {problem}")
        if problems:
            errors["parameters"] = problems
    if errors:
        raise InvalidInput(fields=errors)


def named_verifier_resolve(project: Project, verifier_id: int | None, requester: User) -> User | None:
    """The verifier a requester names: a member of the verifier pool other than themselves."""
    if verifier_id is None:
        return None
    verifier = User.objects.select_related("company").filter(id=verifier_id, tenant_id=project.tenant_id).first()
    if verifier is None or verifier.id == requester.id or not in_pool(verifier, project, Capability.VERIFY):
        raise InvalidInput(fields={"verifier_id": ["Not a member of this project's verifier pool."]})
    return verifier


def risk_of(probability: int | None, severity: int | None) -> tuple[int | None, str | None]:
    """The score and level of a probability and severity; both empty until the two are chosen."""
    if probability is None or severity is None:
        return None, None
    score = probability * severity
    return score, risk_level_for(score)
