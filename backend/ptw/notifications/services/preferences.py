"""Each person's channels per kind: the rule table's defaults unless they chose otherwise."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ptw.accounts.models import User
from ptw.core.errors import InvalidInput
from ptw.notifications.models import NotificationPreference
from ptw.notifications.rules import RULE_BY_KIND, RULES


@dataclass(frozen=True)
class Channels:
    in_app: bool
    email: bool


def channels_default(kind: str) -> Channels:
    return Channels(in_app=True, email=RULE_BY_KIND[kind].email)


def channels_for(user_ids: Iterable[int], kind: str) -> dict[int, Channels]:
    """user id → channels for `kind`; a safety kind is always in-app, whatever is stored."""
    ids = list(user_ids)
    rule = RULE_BY_KIND[kind]
    chosen = {
        pref.user_id: Channels(in_app=pref.in_app or rule.in_app_required, email=pref.email)
        for pref in NotificationPreference.objects.filter(user_id__in=ids, kind=kind)
    }
    return {user_id: chosen.get(user_id, channels_default(kind)) for user_id in ids}


def preferences_of(user: User) -> list[dict[str, Any]]:
    """Every kind with its label, category, the user's channels and whether in-app may be turned off."""
    stored = {pref.kind: pref for pref in NotificationPreference.objects.filter(user=user)}
    kinds = []
    for rule in RULES:
        pref = stored.get(rule.kind)
        channels = Channels(pref.in_app, pref.email) if pref else channels_default(rule.kind)
        kinds.append(
            {
                "kind": rule.kind,
                "label": rule.label,
                "description": rule.description,
                "category": rule.category,
                "channels": {"in_app": channels.in_app or rule.in_app_required, "email": channels.email},
                "in_app_required": rule.in_app_required,
            }
        )
    return kinds


def preferences_update(user: User, kinds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Store the channels given per kind, all or nothing.

    1. Refuse an unknown kind, a kind given twice, or in-app turned off on a safety kind: nothing is stored.
    2. Store each given kind's channels (kinds not given keep theirs).
    """
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for index, item in enumerate(kinds):
        kind, channels = item["kind"], item["channels"]
        rule = RULE_BY_KIND.get(kind)
        if rule is None:
            errors[f"kinds[{index}].kind"] = [f"Unknown kind of notification: {kind[:64]}."]
        elif kind in seen:
            errors[f"kinds[{index}].kind"] = [f"{kind} is given twice."]
        elif rule.in_app_required and not channels["in_app"]:
            errors[f"kinds[{index}].channels.in_app"] = [f"{rule.label} is a safety alert: it always goes in-app."]
        seen.add(kind)
    if errors:
        raise InvalidInput(fields=errors)
    with transaction.atomic():
        for item in kinds:
            NotificationPreference.objects.update_or_create(
                user=user,
                kind=item["kind"],
                defaults={"in_app": item["channels"]["in_app"], "email": item["channels"]["email"]},
            )
    return preferences_of(user)
