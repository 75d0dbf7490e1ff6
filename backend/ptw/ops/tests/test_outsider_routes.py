"""Every API route that names an object answers an outsider 404 in the error envelope and changes nothing.

The routes come from Django's URL resolver, so a new route is called as soon as it exists; a route
with a path parameter this module cannot fill fails the test until it is taught here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import yaml
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient

from ptw.accounts.choices import Grade, MembershipRole, Side
from ptw.accounts.models import Membership, Project, User
from ptw.accounts.services.tokens import token_create
from ptw.notifications.models import Notification
from ptw.permits.models import (
    AreaSuspension,
    Certificate,
    IsolationPoint,
    LocationNode,
    Permit,
    PermitAttachment,
    PermitExtension,
    PermitHandover,
    PermitIsolation,
    PermitLink,
    PermitWorker,
)
from ptw.permits.tests.conftest import PATHS, World
from ptw.webhooks.models import WebhookDelivery, WebhookEndpoint

API = "api/v1/"
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
METHODS = ("get", "post", "put", "patch", "delete")
# Every path parameter that names an object: how to find the owner's real one.
IDS: dict[str, Callable[[Owned], object]] = {
    "project_id": lambda o: o.permit.project_id,
    "permit_id": lambda o: o.permit.id,
    "worker_id": lambda o: o.worker.id,
    "isolation_id": lambda o: o.isolation.id,
    "extension_id": lambda o: o.extension.id,
    "handover_id": lambda o: o.handover.id,
    "point_id": lambda o: o.isolation.point_id,
    "type_id": lambda o: o.permit.permit_type_id,
    "endpoint_id": lambda o: o.delivery.endpoint_id,
    "delivery_id": lambda o: o.delivery.id,
    "token_id": lambda o: o.token_id,
    "token": lambda o: o.link.token,
    "notification_id": lambda o: o.notification.id,
    "suspension_id": lambda o: o.suspension.id,
    "attachment_id": lambda o: o.attachment.id,
    "certificate_id": lambda o: o.certificate.id,
    "node_id": lambda o: (
        LocationNode.objects.get_or_create(
            project_id=o.permit.project_id, code="TF", defaults={"kind": "area", "name": "Tank farm"}
        )[0].id
    ),
}
# Routes a persona may legitimately reach: (persona, route) → why.
REACHABLE = {
    ("neighbour", "api/v1/ptw/permit-types/<int:type_id>/"): "permit types belong to the tenant, not to a project",
    ("neighbour", "api/v1/ptw/permit-types/<int:type_id>/retire/"): "the tenant's type; retiring it is 403 for him",
    ("neighbour", "api/v1/ptw/permit-types/<int:type_id>/restore/"): "the tenant's type; restoring it is 403 for him",
}


@dataclass
class Owned:
    """One real object of every kind a route can name, all in Acme's project."""

    permit: Permit
    worker: PermitWorker
    isolation: PermitIsolation
    extension: PermitExtension
    handover: PermitHandover
    delivery: WebhookDelivery
    link: PermitLink
    token_id: int
    notification: Notification
    suspension: AreaSuspension
    attachment: PermitAttachment
    certificate: Certificate


def api_routes(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(route, view class) of every API route with a path parameter, from the URL resolver."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from api_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and route.startswith(API) and "<" in route:
            yield route, entry.callback.view_class


def path_values(route: str, schema: dict[str, Any], owned: Owned) -> list[dict[str, object]]:
    """Every filling of the route's parameters: the owner's objects, and each value the schema publishes for a
    named step (an action, a decision)."""
    names = PARAMETER.findall(route)
    path = "/" + PARAMETER.sub(r"{\1}", route)
    parameters = [p for item in schema["paths"][path].values() for p in item.get("parameters", []) if p["in"] == "path"]
    enums = {p["name"]: p["schema"]["enum"] for p in parameters if "enum" in p["schema"]}
    unknown = [name for name in names if name not in IDS and name not in enums]
    assert not unknown, f"{route}: teach this test the path parameter(s) {unknown}"
    choices = [enums[name] if name in enums else [IDS[name](owned)] for name in names]
    return [dict(zip(names, values, strict=True)) for values in itertools.product(*choices)]


def url_of(route: str, values: dict[str, object]) -> str:
    return "/" + PARAMETER.sub(lambda match: str(values[match.group(1)]), route)


def database_rows() -> dict[str, list[dict[str, Any]]]:
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model.__module__.startswith("ptw.")
    }


@pytest.fixture
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(APIClient().get("/api/schema/").content)
    return loaded


@pytest.fixture
def owned(world: World) -> Owned:
    permit = world.create()
    world.walk(permit["id"], PATHS["active"])
    requester, now = world["requester"], timezone.now()
    project = world.acme.project
    point = IsolationPoint.objects.create(project=project, code="MV-101", name="Feed valve", energy_type="mechanical")
    LocationNode.objects.create(project=project, kind="area", code="TF", name="Tank farm")
    endpoint = WebhookEndpoint.objects.create(
        project=project, url="https://hooks.example/ptw", events=["permit.submitted"], secret="s", created_by=requester
    )
    return Owned(
        permit=project.permits.get(),
        worker=PermitWorker.objects.create(
            permit_id=permit["id"], name="Ana", company="Acme Site Services", added_by=requester, added_at=now
        ),
        isolation=PermitIsolation.objects.create(
            permit_id=permit["id"],
            project=project,
            point=point,
            name=point.name,
            energy_type=point.energy_type,
        ),
        extension=PermitExtension.objects.create(
            permit_id=permit["id"],
            requested_by=requester,
            requested_at=now,
            previous_end=now,
            new_end=now + timedelta(hours=1),
            reason="More time",
        ),
        handover=PermitHandover.objects.create(
            permit_id=permit["id"], outgoing=requester, incoming=world["verifier"], notes="Over", handed_at=now
        ),
        delivery=WebhookDelivery.objects.create(
            endpoint=endpoint, message_id="msg_1", event_type="permit.submitted", body="{}", created_at=now
        ),
        link=PermitLink.objects.create(permit_id=permit["id"], token="qr-token", created_at=now),
        token_id=token_create(user=requester, name="laptop")[0].id,
        notification=Notification.objects.create(
            recipient=requester,
            tenant_id=project.tenant_id,
            project=project,
            kind="permit_approved",
            category="status",
            title="Permit approved",
            permit_id=permit["id"],
            link=f"/permits/{permit['id']}?project={project.id}",
            event_key="outsider-routes",
        ),
        suspension=AreaSuspension.objects.create(
            project=project, location_text="Tank farm", reason="Site gas alarm", by=world["issuer"], at=now
        ),
        attachment=PermitAttachment.objects.get(pk=world.attach(permit["id"], "photo").json()["id"]),
        certificate=Certificate.objects.filter(project=project).order_by("id").first(),  # type: ignore[arg-type]
    )


def neighbour(world: World) -> User:
    """The admin of another project of the same tenant."""
    project = Project.objects.create(tenant=world.acme.tenant, name="East Terminal", code="east-terminal")
    user = User.objects.create_user(
        "east-admin@acme.example",
        None,
        name="Ed East",
        tenant=world.acme.tenant,
        company=world.acme.companies[Side.CLIENT],
        grade=Grade.A,
    )
    Membership.objects.create(user=user, project=project, role=MembershipRole.PROJECT_ADMIN)
    return user


@pytest.mark.parametrize("persona", ["outsider", "neighbour"])
def test_every_route_that_names_an_object_is_404_for_an_outsider(
    world: World, owned: Owned, schema: dict[str, Any], persona: str
) -> None:
    client = world.client("outsider" if persona == "outsider" else neighbour(world))
    before = database_rows()
    called = []
    for route, view in sorted(api_routes()):
        if (persona, route) in REACHABLE:
            continue
        for values, method in itertools.product(path_values(route, schema, owned), METHODS):
            if not hasattr(view, method):
                continue
            url = url_of(route, values)
            response = getattr(client, method)(url, {}, format="json", HTTP_IF_MATCH='"1"')
            assert response.status_code == 404, (persona, method, url, response.status_code, response.content)
            assert response.json()["error"]["code"] == "not_found", (method, url)
            called.append((method, route))
    assert database_rows() == before
    assert {route for _method, route in called} == {r for r, _view in api_routes() if (persona, r) not in REACHABLE}
