"""A two-tenant world and HTTP helpers for the permits API tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from ptw.accounts.models import User
from ptw.accounts.testing import Site, site_build
from ptw.permits.models import PermitType
from ptw.permits.seed import permit_types_seed
from ptw.permits.services.competency import certificate_record
from ptw.permits.services.transitions import expire_due
from ptw.permits.workflow import SIGNED_ACTIONS

URL = "/api/v1/ptw/permits/"
GAS_TESTER = "authorised-gas-tester"


def certificates_grant(site: Site, kind: str, people: list[str] | None = None, valid_days: int = 365) -> None:
    """A valid certificate of `kind` for each of the site's people (all of them unless named), by its admin."""
    today = timezone.now().date()
    for key in people or list(site.people):
        holder = site.people[key]
        certificate_record(
            actor=site.people["admin"],
            project_id=site.project.id,
            data={
                "holder_user": holder.id,
                "kind": kind,
                "number": f"{kind[:3].upper()}-{holder.id}",
                "issued_on": today - timedelta(days=365),
                "expires_on": today + timedelta(days=valid_days),
            },
        )


class World:
    def __init__(self) -> None:
        self.acme: Site = site_build("Acme", "North Plant", "acme.example")
        self.globex: Site = site_build("Globex", "South Refinery", "globex.example")
        permit_types_seed(self.acme.tenant)
        permit_types_seed(self.globex.tenant)
        # Everyone is an authorised gas tester, as the seeded hot-work and confined-space types require.
        certificates_grant(self.acme, GAS_TESTER)
        certificates_grant(self.globex, GAS_TESTER)
        self.clients: dict[int, APIClient] = {}

    def __getitem__(self, persona: str) -> User:
        if persona == "outsider":
            return self.globex.people["requester"]
        return self.acme.people[persona]

    def client(self, who: str | User) -> APIClient:
        user = self[who] if isinstance(who, str) else who
        if user.id not in self.clients:
            client = APIClient()
            client.force_authenticate(User.objects.get(pk=user.pk))
            self.clients[user.id] = client
        return self.clients[user.id]

    def ptype(self, code: str, site: Site | None = None) -> PermitType:
        return PermitType.objects.get(tenant=(site or self.acme).tenant, code=code)

    def permit_body(self, code: str = "general", **overrides: Any) -> dict[str, Any]:
        now = timezone.now()
        body: dict[str, Any] = {
            "project": self.acme.project.id,
            "permit_type": self.ptype(code).id,
            "title": "Replace gasket on P-101 discharge flange",
            "description": "Isolate and drain the line, replace the spiral-wound gasket, torque to spec.",
            "location": "Unit 100, pump bay",
            "planned_start": (now - timedelta(minutes=30)).isoformat(),
            "planned_end": (now + timedelta(hours=6)).isoformat(),
            "hazards": "Residual pressure; hydrocarbon release; manual handling.",
            "control_measures": "Depressurise and drain; LOTO on valves; two-person lift.",
            "probability": 3,
            "severity": 4,
            "ppe": list(self.ptype(code).mandatory_ppe),
            "checklist": {item["key"]: True for item in self.ptype(code).checklist},
        }
        body.update(overrides)
        return body

    def create(
        self, code: str = "general", who: str = "requester", attach_required: bool = True, **overrides: Any
    ) -> dict[str, Any]:
        """A draft with everything its type requires filled in: PPE, checklist, and the attachments it needs."""
        response = self.client(who).post(URL, self.permit_body(code, **overrides), format="json")
        assert response.status_code == 201, response.json()
        if attach_required:
            for kind in self.ptype(code).required_attachments:
                self.attach(response.json()["id"], kind, who=who)
        return response.json()

    def attach(self, permit_id: int, kind: str, who: str = "requester", **fields: Any) -> Any:
        """Attach a small PDF of this kind; the response."""
        upload = SimpleUploadedFile(f"{kind}.pdf", b"%PDF-1.4\n% " + kind.encode() + b"\n%%EOF\n", "application/pdf")
        return self.client(who).post(f"{URL}{permit_id}/attachments/", {"file": upload, "kind": kind, **fields})

    def signature(self, who: str, action: str) -> dict[str, Any]:
        """The typed-name signature signed acts need (empty for the others)."""
        return {"signature": {"method": "typed", "data": self[who].name}} if action in SIGNED_ACTIONS else {}

    def act(self, permit_id: int, action: str, who: str, **body: Any) -> Any:
        body = {**self.signature(who, action), **body}
        return self.client(who).post(f"{URL}{permit_id}/{action}/", body, format="json")

    def walk(self, permit_id: int, steps: list[tuple[str, str]]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for action, who in steps:
            response = self.act(permit_id, action, who, reason="Recorded for the test", comment="ok")
            assert response.status_code == 200, (action, who, response.json())
            data = response.json()
        return data


# The path from draft to each status, with the authorised actor of every step.
PATHS: dict[str, list[tuple[str, str]]] = {
    "draft": [],
    "submitted": [("submit", "requester")],
    "under_review": [("submit", "requester"), ("verify", "verifier")],
    "approved": [("submit", "requester"), ("verify", "verifier"), ("approve", "issuer")],
    "active": [("submit", "requester"), ("verify", "verifier"), ("approve", "issuer"), ("activate", "requester")],
    "suspended": [
        ("submit", "requester"),
        ("verify", "verifier"),
        ("approve", "issuer"),
        ("activate", "requester"),
        ("suspend", "issuer"),
    ],
    "handback_pending": [
        ("submit", "requester"),
        ("verify", "verifier"),
        ("approve", "issuer"),
        ("activate", "requester"),
        ("hand_back", "requester"),
    ],
    "completed": [
        ("submit", "requester"),
        ("verify", "verifier"),
        ("approve", "issuer"),
        ("activate", "requester"),
        ("hand_back", "requester"),
        ("complete", "issuer"),
    ],
    "cancelled": [("cancel", "requester")],
    "rejected": [("submit", "requester"), ("reject", "verifier")],
}


@pytest.fixture
def world(db: None) -> World:
    return World()


@pytest.fixture
def permit_in(world: World) -> Callable[[str], dict[str, Any]]:
    def build(status: str, code: str = "general") -> dict[str, Any]:
        permit = world.create(code)
        if status == "expired":
            world.walk(permit["id"], PATHS["approved"])
            with time_machine.travel(timezone.now() + timedelta(hours=9)):
                assert permit["id"] in expire_due()
        else:
            world.walk(permit["id"], PATHS[status])
        return world.client("requester").get(f"{URL}{permit['id']}/").json()

    return build


@pytest.fixture
def tworld(transactional_db: None) -> World:
    """The world on committed data, for tests that act from several threads."""
    return World()
