"""Writes of a project's site configuration: the location tree (and its plot plans) and the SIMOPS conflict rules.
Project admins (and tenant admins) only; versioned (If-Match) and audited as `ConfigChange` rows."""

from __future__ import annotations

import io
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from django.db import IntegrityError, transaction
from PIL import Image, UnidentifiedImageError

from ptw.accounts.models import User
from ptw.core.errors import InvalidInput
from ptw.core.versioning import check_version, locked_row
from ptw.permits.models import LocationKind, LocationNode, SimopsRuleSet
from ptw.permits.services.config_audit import ConfigAudit, config_write
from ptw.permits.services.conflicts import site_conflicts_watched
from ptw.permits.simops import rules_current, rules_validate

# The parent kinds each kind may hang under (an area is a root).
PARENT_KINDS: dict[str, tuple[str, ...]] = {
    LocationKind.AREA: (),
    LocationKind.UNIT: (LocationKind.AREA,),
    LocationKind.EQUIPMENT: (LocationKind.UNIT, LocationKind.AREA),
}
PLOT_PLAN_MAX_BYTES = 5 * 1024 * 1024
PLOT_PLAN_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
PLOT_PLAN_MAX_PIXELS = 40_000_000


def _config_write(*, actor: User, project_id: int, subject: str, action: str) -> AbstractContextManager[ConfigAudit]:
    return config_write(
        actor=actor,
        project_id=project_id,
        subject=subject,
        action=action,
        refusal="Only a project admin may change the project's locations and conflict rules.",
    )


def _site_watched(actor: User, project_id: int) -> AbstractContextManager[None]:
    return site_conflicts_watched(project_id, tenant_id=actor.tenant_id)


def _node_locked(project_id: int, node_id: int, expected_version: int | None) -> LocationNode:
    """The project's node, row-locked, at the version the caller saw (409 when stale; None: not checked)."""
    node = locked_row(LocationNode.objects.filter(pk=node_id, project_id=project_id))
    if expected_version is not None:
        check_version(node.version, expected_version, node)
    return node


def _place(node: LocationNode, parent: LocationNode | None) -> None:
    """Check the node's kind fits its parent and set its `area` and `unit` from it."""
    allowed = PARENT_KINDS[node.kind]
    if parent is None:
        if allowed:
            raise InvalidInput(fields={"parent": [f"A {node.kind} needs a parent ({' or '.join(allowed)})."]})
    else:
        if parent.project_id != node.project_id or not parent.is_active:
            raise InvalidInput(fields={"parent": ["No such active location on this project."]})
        if parent.kind not in allowed:
            expected = " or ".join(allowed) if allowed else "no parent"
            raise InvalidInput(fields={"parent": [f"A {node.kind}'s parent must be {expected}."]})
    node.parent = parent
    node.area = parent.area if parent is not None else None
    node.unit = parent if parent is not None and parent.kind == LocationKind.UNIT else None


def _parent(project_id: int, parent_id: int | None) -> LocationNode | None:
    if parent_id is None:
        return None
    parent = LocationNode.objects.filter(pk=parent_id, project_id=project_id, is_active=True).first()
    if parent is None:
        raise InvalidInput(fields={"parent": ["No such active location on this project."]})
    return parent


def _save(node: LocationNode) -> None:
    try:
        with transaction.atomic():
            node.save()
    except IntegrityError:
        raise InvalidInput(fields={"code": ["A location with this code exists on this project."]}) from None


def location_create(*, actor: User, project_id: int, data: dict[str, Any]) -> LocationNode:
    with _config_write(actor=actor, project_id=project_id, subject="location", action="create") as audit:
        node = LocationNode(
            project_id=project_id,
            kind=data["kind"],
            code=data["code"],
            name=data["name"],
            plan_x=data.get("plan_x"),
            plan_y=data.get("plan_y"),
        )
        _place(node, _parent(project_id, data.get("parent")))
        _save(node)
        if node.kind == LocationKind.AREA:
            node.area = node
            node.save(update_fields=["area"])
        elif node.kind == LocationKind.UNIT:
            node.unit = node
            node.save(update_fields=["unit"])
        audit.record(node.id, {k: v for k, v in data.items() if v is not None})
    return node


def location_update(
    *, actor: User, node_id: int, project_id: int, expected_version: int, data: dict[str, Any]
) -> LocationNode:
    """Rename, recode, move on the plot plan, re-activate or move under another parent (its subtree follows; the
    conflicts the move makes appear or go away are announced)."""
    with (
        _config_write(actor=actor, project_id=project_id, subject="location", action="update") as audit,
        _site_watched(actor, project_id) if "parent" in data else nullcontext(),
    ):
        node = _node_locked(project_id, node_id, expected_version)
        changes: dict[str, Any] = {}
        for key in ("code", "name", "plan_x", "plan_y", "is_active"):
            if key in data and getattr(node, key) != data[key]:
                changes[key] = [getattr(node, key), data[key]]
                setattr(node, key, data[key])
        moved = "parent" in data and data["parent"] != node.parent_id
        if moved:
            if data["parent"] == node.id or (data["parent"] is not None and _descends_from(data["parent"], node.id)):
                raise InvalidInput(fields={"parent": ["A location cannot sit under itself."]})
            changes["parent"] = [node.parent_id, data["parent"]]
            _place(node, _parent(project_id, data["parent"]))
            if node.kind == LocationKind.AREA:
                node.area = node
            elif node.kind == LocationKind.UNIT:
                node.unit = node
        node.version += 1
        _save(node)
        if moved:
            _replace_children(node)
        audit.record(node.id, changes)
    return node


def _descends_from(node_id: int, ancestor_id: int) -> bool:
    current = LocationNode.objects.filter(pk=node_id).values_list("parent_id", flat=True).first()
    for _ in range(4):  # the tree is at most three deep
        if current is None:
            return False
        if current == ancestor_id:
            return True
        current = LocationNode.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return False


def _replace_children(node: LocationNode) -> None:
    for child in LocationNode.objects.select_for_update().filter(parent=node):
        _place(child, node)
        if child.kind == LocationKind.UNIT:
            child.unit = child
        child.save(update_fields=["area", "unit"])
        _replace_children(child)


def location_deactivate(*, actor: User, node_id: int, project_id: int, expected_version: int | None) -> LocationNode:
    """Take a node (and its subtree) out of the pickers; permits that name it keep it."""
    with _config_write(actor=actor, project_id=project_id, subject="location", action="deactivate") as audit:
        node = _node_locked(project_id, node_id, expected_version)
        ids = _subtree_ids(node)
        LocationNode.objects.filter(pk__in=ids, is_active=True).exclude(pk=node.pk).update(is_active=False)
        node.is_active = False
        node.version += 1
        node.save()
        audit.record(node.id, {"deactivated": sorted(ids)})
    return node


def _subtree_ids(node: LocationNode) -> list[int]:
    ids, frontier = [node.id], [node.id]
    while frontier:
        frontier = list(LocationNode.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        ids.extend(frontier)
    return ids


def plot_plan_read(raw: bytes) -> str:
    """The content type of a plot-plan image (PNG or JPEG, at most 5 MB, decodable); else 400 naming `file`."""
    if len(raw) > PLOT_PLAN_MAX_BYTES:
        raise InvalidInput(fields={"file": ["The image is larger than 5 MB."]})
    try:
        with Image.open(io.BytesIO(raw)) as image:
            kind = image.format or ""
            if image.width * image.height > PLOT_PLAN_MAX_PIXELS:
                raise InvalidInput(fields={"file": ["The image has too many pixels."]})
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise InvalidInput(fields={"file": ["Not a readable PNG or JPEG image."]}) from None
    if kind not in PLOT_PLAN_FORMATS:
        raise InvalidInput(fields={"file": ["Only PNG or JPEG images are accepted."]})
    return PLOT_PLAN_FORMATS[kind]


def plot_plan_set(*, actor: User, node_id: int, project_id: int, raw: bytes) -> LocationNode:
    with _config_write(actor=actor, project_id=project_id, subject="location", action="plot_plan") as audit:
        content_type = plot_plan_read(raw)
        node = _node_locked(project_id, node_id, None)
        if node.kind != LocationKind.AREA:
            raise InvalidInput(fields={"file": ["Only an area has a plot plan."]})
        node.plot_plan, node.plot_plan_type = raw, content_type
        node.plot_plan_version += 1
        node.version += 1
        node.save()
        audit.record(node.id, {"bytes": len(raw), "content_type": content_type})
    return node


def simops_rules_replace(
    *, actor: User, project_id: int, expected_version: int, rules: list[dict[str, Any]]
) -> SimopsRuleSet:
    """Replace the project's conflict rules (validated by `simops.rules_validate`); the conflicts the new rules
    make appear or go away are announced."""
    with (
        _config_write(actor=actor, project_id=project_id, subject="simops_rules", action="replace") as audit,
        _site_watched(actor, project_id),
    ):
        clean = rules_validate(project_id, rules)
        row = SimopsRuleSet.objects.select_for_update().filter(project_id=project_id).first()
        before = rules_current(project_id)
        check_version(before.version, expected_version, before)
        if row is None:
            row = SimopsRuleSet(project_id=project_id, version=before.version)
        row.rules = clean
        row.version += 1
        row.save()
        audit.record(row.id, {"before": before.rules, "after": clean})
    return row
